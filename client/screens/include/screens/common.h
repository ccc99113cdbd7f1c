// Small helpers shared by the screens (not a screen).
#pragma once

#include <string>
#include <string_view>

#include "content/model.h"
#include "kiosk/keyboard.h"
#include "kiosk/screen.h"

namespace faro::screens {

// Severity of a warning as colours (background, text) and its words; the
// words and a sign are always shown with the colour.
struct SeverityLook {
  ImU32 bg, fg;
  const char* key;  // article.severity.*
};
SeverityLook severity_look(const kiosk::Palette& p, content::Severity s);

// Shows an error from a view-model instead of the screen's body.
void show_error(kiosk::Frame& f);

// A tile per article; warnings get their severity colour, sign and words.
void article_list(kiosk::Frame& f, const std::vector<content::ArticleSummary>& articles, const char* id_prefix);

// The ending of a warning: a framed block with a bar in the severity colour
// on the start side, "→ heading", the steps (Markdown; `md` gives language
// and size), and the one-touch "Get help now" button (to Emergency). Spans
// `width` from the cursor (on the start side). Returns a link tapped in the
// steps ("" if none); the caller follows it like the article's own links.
std::string what_to_do_block(kiosk::Frame& f, std::string_view heading, std::string_view heading_lang,
                             std::string_view steps_md, const text::ui::MarkdownStyle& md, ImU32 accent, float width);

// Follows a link of an article body (article:, service:, category:, tel:).
void follow_link(kiosk::Frame& f, const std::string& link);

// An on-screen keyboard typing into `edit` (keys "kb.key.X", "kb.layout",
// "kb.space", "kb.backspace", and "kb.done" when `done` is given: true when
// tapped). `layouts` in switching order; `layout` indexes it. Rows are
// mirrored for right-to-left visitors like every Row.
bool on_screen_keyboard(kiosk::Frame& f, text::EditState& edit,
                        const std::vector<const kiosk::KeyboardLayout*>& layouts, int& layout,
                        const std::string& script_lang, bool done);

// Endonym of a language tag offered at the centre, else the tag.
std::string language_name(const kiosk::CentreInfo& c, const std::string& tag);

}  // namespace faro::screens
