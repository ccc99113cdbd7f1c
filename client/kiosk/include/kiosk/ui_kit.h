// Ui: the kiosk's drawing vocabulary over the text engine's widgets: tiles,
// buttons, chips, headings, mirrored rows. Every string goes through the
// text engine (TextUi); ImGui draws only rectangles.
//
// Mirroring: for a right-to-left visitor language, Row places its items from
// the right edge leftwards, and the top bar puts Back on the right. Screens
// use Row instead of ImGui::SameLine so they are mirrored for free.
//
// Ids: every tappable records its rectangle under a stable id ("home.rights",
// "nav.back", "lang.ar", "kb.key.ب"); tests and scripts tap by id.
// Threads: the ImGui thread only.
#pragma once

#include <imgui.h>

#include <map>
#include <string>
#include <string_view>

#include "kiosk/settings.h"
#include "text/ui/text_ui.h"

namespace faro::kiosk {

struct Palette {
  ImU32 bg, text, muted, surface, border, tile, tile_text, accent, accent_text, danger, danger_text, warning,
      warning_text, ok, strip_bg, strip_text, chip_on, chip_on_text, chip_off, chip_off_text;
};
Palette palette_for(Theme t);

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float cx() const { return (x0 + x1) / 2; }
  float cy() const { return (y0 + y1) / 2; }
};

class Ui {
 public:
  Ui(text::ui::TextUi& tui, const Palette& p, std::string lang, bool rtl, float em);

  text::ui::TextUi& tui() { return tui_; }
  const Palette& palette() const { return pal_; }
  bool rtl() const { return rtl_; }
  float em() const { return em_; }
  const std::string& lang() const { return lang_; }
  // A display taller than wide (a kiosk screen turned upright): screens use
  // fewer columns and taller tiles, and the top bar puts the title on a line
  // of its own.
  bool portrait() const { return portrait_; }
  void set_portrait(bool p) { portrait_ = p; }
  text::TextStyle style(float size_em = 1.f, bool bold = false, std::string_view lang = {}) const;

  // Text in the visitor's language unless `lang` says otherwise.
  void heading(std::string_view text, std::string_view lang = {}, float size_em = 1.5f);
  void text(std::string_view text, std::string_view lang = {}, float size_em = 1.f, ImU32 color = 0, float width = 0);
  void label(std::string_view text, std::string_view lang = {}, float size_em = 1.f, ImU32 color = 0, float width = 0);

  // A large tile: title, optional subtitle (smaller), an icon glyph, the
  // whole area tappable. True when tapped this frame.
  bool tile(std::string_view id, std::string_view title, std::string_view subtitle, ImVec2 size, ImU32 bg, ImU32 fg,
            std::string_view icon = {}, std::string_view title_lang = {}, std::string_view subtitle_lang = {});
  bool button(std::string_view id, std::string_view label, ImVec2 size = ImVec2(0, 0), ImU32 bg = 0, ImU32 fg = 0,
              std::string_view lang = {}, float size_em = 1.f);
  bool chip(std::string_view id, std::string_view label, bool selected, std::string_view lang = {});

  // Width a button/chip with this label takes.
  float button_width(std::string_view label, float size_em = 1.f, std::string_view lang = {});

  void record(std::string_view id, ImVec2 min, ImVec2 max);
  const std::map<std::string, Rect, std::less<>>& rects() const { return rects_; }

 private:
  text::ui::TextUi& tui_;
  Palette pal_;
  std::string lang_;
  bool rtl_;
  bool portrait_ = false;
  float em_;
  std::map<std::string, Rect, std::less<>> rects_;
};

// Items side by side from the start edge (left in LTR, right in RTL) of the
// current content region, wrapping to a new line when full. `width` > 0
// limits the row to the column [cursor x, cursor x + width]: a column beside
// another one, e.g. the service page's text beside its QR code.
class Row {
 public:
  Row(Ui& ui, float gap, float width = 0);
  // Moves the cursor to where the next item of `width` goes.
  void next(float width);
  // Ends the row: the cursor goes below its tallest item.
  void end();

 private:
  Ui& ui_;
  float gap_, x0_, width_, y_, offset_ = 0, line_h_ = 0;
  bool any_ = false;
};

}  // namespace faro::kiosk
