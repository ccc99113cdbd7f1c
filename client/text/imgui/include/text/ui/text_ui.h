// The text engine in Dear ImGui: drawing layouts and the text widgets.
//
// Index
//   1. TextRenderer  draws a TextLayout into an ImDrawList (glyph quads from the atlas)
//   2. TextUi        widgets: paragraph, rich text with links, label with
//                    ellipsis, button, text field, Markdown article
//
// Rules:
//  - Every string on the kiosk goes through these (ImGui's own text functions
//    draw one glyph per character, left to right: wrong for Arabic, Indic...).
//  - Positions are snapped to whole pixels; right-to-left paragraphs are
//    aligned to the right edge of the available width.
//  - Glyphs are rasterised on first use into the GlyphAtlas; call
//    GlyphAtlas::flush() after ImGui::Render() and before the renderer draws
//    (the OffscreenRenderer and the kiosk's frame loop do).
//  - Widgets size themselves through ImGui's item system (ItemSize/ItemAdd),
//    so they scroll, clip and lay out like ImGui items. Touch targets
//    (buttons, text fields) are at least Theme::min_touch pixels tall.
//
// Threads: the ImGui thread only.
#pragma once

#include <imgui.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/atlas.h"
#include "text/edit.h"
#include "text/layout.h"
#include "text/markdown.h"

namespace faro::text::ui {

// ImTextureID of a texture handle made by GlTextureSink.
inline ImTextureID texture_id(uint64_t handle) {
  return reinterpret_cast<ImTextureID>(
      static_cast<intptr_t>(handle));  // NOLINT(performance-no-int-to-ptr): ImGui's API
}

struct Colors {
  ImU32 text = IM_COL32(20, 20, 20, 255);
  ImU32 link = IM_COL32(0, 70, 160, 255);
  ImU32 phone = IM_COL32(0, 100, 40, 255);
};

// ---------------------------------------------------------------------------
// 1. TextRenderer
// ---------------------------------------------------------------------------
class TextRenderer {
 public:
  explicit TextRenderer(GlyphAtlas& atlas) : atlas_(atlas) {}

  // Draws `layout` with its top-left corner at `pos` (rounded to pixels).
  // Spans with a colour use it; links and phone numbers use `colors.link` /
  // `colors.phone` and are underlined if their style says so.
  void draw(ImDrawList* dl, const std::shared_ptr<const TextLayout>& layout, ImVec2 pos, const Colors& colors);

  GlyphAtlas& atlas() { return atlas_; }

 private:
  struct Decor {
    std::weak_ptr<const TextLayout> owner;
    std::vector<std::pair<ImVec4, uint16_t>> underlines;  // rect, span
  };
  const Decor& decor(const std::shared_ptr<const TextLayout>& layout);
  GlyphAtlas& atlas_;
  std::unordered_map<const TextLayout*, Decor> decor_;
  size_t frames_ = 0;
};

// ---------------------------------------------------------------------------
// 2. TextUi
// ---------------------------------------------------------------------------
struct Theme {
  Colors colors;
  ImU32 caret = IM_COL32(0, 0, 0, 255);
  ImU32 selection = IM_COL32(120, 170, 255, 120);
  ImU32 placeholder = IM_COL32(110, 110, 110, 255);  // 4.9:1 on white
  ImU32 field_bg = IM_COL32(255, 255, 255, 255);
  ImU32 field_border = IM_COL32(90, 90, 90, 255);
  ImU32 field_border_active = IM_COL32(0, 90, 200, 255);
  ImU32 button = IM_COL32(0, 84, 166, 255);
  ImU32 button_hovered = IM_COL32(0, 100, 190, 255);
  ImU32 button_active = IM_COL32(0, 60, 130, 255);
  ImU32 button_text = IM_COL32(255, 255, 255, 255);
  float min_touch = 48;        // px: smallest height of anything touchable
  float paragraph_gap = 0.5f;  // em after a paragraph
};

struct MarkdownStyle {
  TextStyle body;                                // lang, size, direction of the article
  float heading_scale[3] = {1.6f, 1.3f, 1.12f};  // h1, h2, h3 and deeper
  float list_indent = 1.6f;                      // em per list level
};

class TextUi {
 public:
  TextUi(TextEngine& engine, GlyphAtlas& atlas) : engine_(engine), renderer_(atlas) {}

  Theme theme;

  // A wrapped paragraph, `width` px wide (<= 0: the available width).
  void paragraph(std::string_view text, const TextStyle& style, float width = 0);

  // Styled text with links and phone numbers. Returns the target of the span
  // tapped this frame ("article:x", "tel:+1555..."), or "".
  std::string rich(const AttributedText& text, const TextStyle& style, float width = 0);

  // One line, cut with "…" when wider than `max_width` (<= 0: available).
  void label(std::string_view text, const TextStyle& style, float max_width = 0);

  // A button with a shaped label; true when pressed this frame.
  bool button(const char* id, std::string_view label, const TextStyle& style, ImVec2 size = ImVec2(0, 0));

  // A one-line text field. Shows the text shaped and in bidi order, the caret
  // where it belongs visually. Input: ImGui's character queue (physical
  // keyboard) and EditState's functions (on-screen keyboard). Arrow keys
  // move visually; Home/End go to the line's start/end. Returns true when
  // the text changed this frame.
  // `placeholder` is shown, faded, while the field is empty.
  bool text_field(const char* id, EditState& state, const TextStyle& style, float width = 0,
                  std::string_view placeholder = {});

  // A Markdown article body. Returns the link tapped this frame, or "".
  std::string markdown(std::string_view md, const MarkdownStyle& style, float width = 0);

  // Draw a layout at a position of the current window without an item.
  void draw(const std::shared_ptr<const TextLayout>& layout, ImVec2 pos);

  TextEngine& engine() { return engine_; }
  TextRenderer& renderer() { return renderer_; }

 private:
  std::string item(const std::shared_ptr<const TextLayout>& l, float width, bool interactive);
  const std::vector<MarkdownBlock>& blocks(std::string_view md);
  TextEngine& engine_;
  TextRenderer renderer_;
  std::map<std::string, std::vector<MarkdownBlock>, std::less<>> markdown_;
};

}  // namespace faro::text::ui
