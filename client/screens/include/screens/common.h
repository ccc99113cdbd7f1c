// Small helpers shared by the screens (not a screen).
#pragma once

#include <string>

#include "content/model.h"
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

// Endonym of a language tag offered at the centre, else the tag.
std::string language_name(const kiosk::CentreInfo& c, const std::string& tag);

}  // namespace faro::screens
