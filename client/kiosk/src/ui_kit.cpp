#include "kiosk/ui_kit.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace faro::kiosk {
namespace {

double luminance(ImU32 c) {
  auto ch = [](unsigned v) {
    double x = v / 255.0;
    return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * ch(c & 0xFF) + 0.7152 * ch((c >> 8) & 0xFF) + 0.0722 * ch((c >> 16) & 0xFF);
}

// WCAG contrast ratio of two colours.
double contrast(ImU32 a, ImU32 b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

Palette palette_for(Theme t) {
  // Default: text 16:1 on the background, white on the tile blue 7.6:1,
  // on the danger red 5.9:1; every pair at least 4.5:1.
  Palette p{};
  if (t == Theme::HighContrast) {
    p.bg = IM_COL32(0, 0, 0, 255);
    p.text = IM_COL32(255, 255, 255, 255);
    p.muted = IM_COL32(230, 230, 230, 255);
    p.surface = IM_COL32(20, 20, 20, 255);
    p.border = IM_COL32(255, 255, 255, 255);
    p.tile = IM_COL32(0, 0, 0, 255);
    p.tile_text = IM_COL32(255, 255, 0, 255);
    p.accent = IM_COL32(255, 255, 0, 255);
    p.accent_text = IM_COL32(0, 0, 0, 255);
    p.danger = IM_COL32(255, 255, 255, 255);
    p.danger_text = IM_COL32(0, 0, 0, 255);
    p.warning = IM_COL32(255, 230, 0, 255);
    p.warning_text = IM_COL32(0, 0, 0, 255);
    p.ok = IM_COL32(120, 255, 120, 255);
    p.strip_bg = IM_COL32(0, 0, 0, 255);
    p.strip_text = IM_COL32(255, 255, 255, 255);
    p.chip_on = IM_COL32(255, 255, 0, 255);
    p.chip_on_text = IM_COL32(0, 0, 0, 255);
    p.chip_off = IM_COL32(0, 0, 0, 255);
    p.chip_off_text = IM_COL32(255, 255, 255, 255);
    return p;
  }
  p.bg = IM_COL32(247, 246, 242, 255);
  p.text = IM_COL32(25, 25, 25, 255);
  p.muted = IM_COL32(85, 85, 85, 255);
  p.surface = IM_COL32(255, 255, 255, 255);
  p.border = IM_COL32(118, 118, 118, 255);
  p.tile = IM_COL32(22, 75, 140, 255);
  p.tile_text = IM_COL32(255, 255, 255, 255);
  p.accent = IM_COL32(22, 75, 140, 255);
  p.accent_text = IM_COL32(255, 255, 255, 255);
  p.danger = IM_COL32(176, 24, 24, 255);
  p.danger_text = IM_COL32(255, 255, 255, 255);
  p.warning = IM_COL32(255, 214, 102, 255);
  p.warning_text = IM_COL32(25, 25, 25, 255);
  p.ok = IM_COL32(20, 110, 50, 255);
  p.strip_bg = IM_COL32(40, 44, 52, 255);
  p.strip_text = IM_COL32(240, 240, 240, 255);
  p.chip_on = IM_COL32(22, 75, 140, 255);
  p.chip_on_text = IM_COL32(255, 255, 255, 255);
  p.chip_off = IM_COL32(228, 232, 240, 255);
  p.chip_off_text = IM_COL32(25, 25, 25, 255);
  return p;
}

Ui::Ui(text::ui::TextUi& tui, const Palette& p, std::string lang, bool rtl, float em)
    : tui_(tui), pal_(p), lang_(std::move(lang)), rtl_(rtl), em_(em) {
  tui_.theme.colors.text = pal_.text;
  tui_.theme.min_touch = std::max(48.f, std::round(em * 2.f));
}

text::TextStyle Ui::style(float size_em, bool bold, std::string_view lang) const {
  text::TextStyle s;
  s.lang = lang.empty() ? lang_ : std::string(lang);
  s.size_px = std::round(em_ * size_em);
  s.bold = bold;
  return s;
}

void Ui::heading(std::string_view t, std::string_view lang, float size_em) {
  text(t, lang, size_em, 0, 0);
}

void Ui::text(std::string_view t, std::string_view lang, float size_em, ImU32 color, float width) {
  ImU32 old = tui_.theme.colors.text;
  if (color) tui_.theme.colors.text = color;
  auto st = style(size_em, size_em > 1.2f, lang);
  // A paragraph in the visitor's direction: aligned to the start side of the
  // screen even when the text itself is in another script.
  st.align = rtl_ ? text::Align::Right : text::Align::Left;
  tui_.paragraph(t, st, width);
  tui_.theme.colors.text = old;
}

void Ui::label(std::string_view t, std::string_view lang, float size_em, ImU32 color, float width) {
  ImU32 old = tui_.theme.colors.text;
  if (color) tui_.theme.colors.text = color;
  auto st = style(size_em, false, lang);
  st.align = rtl_ ? text::Align::Right : text::Align::Left;
  tui_.label(t, st, width);
  tui_.theme.colors.text = old;
}

void Ui::record(std::string_view id, ImVec2 mn, ImVec2 mx) {
  rects_[std::string(id)] = Rect{mn.x, mn.y, mx.x, mx.y};
}

bool Ui::tile(std::string_view id, std::string_view title, std::string_view subtitle, ImVec2 size, ImU32 bg, ImU32 fg,
              std::string_view icon, std::string_view title_lang, std::string_view subtitle_lang) {
  std::string sid(id);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  bool pressed = ImGui::InvisibleButton(sid.c_str(), size);
  const ImVec2 mx(pos.x + size.x, pos.y + size.y);
  record(id, pos, mx);
  if (!ImGui::IsItemVisible()) return pressed;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  bool held = ImGui::IsItemActive();
  dl->AddRectFilled(pos, mx, held ? (bg & 0x00FFFFFF) | 0xD0000000 : bg, std::round(em_ * 0.4f));
  dl->AddRect(pos, mx, pal_.border, std::round(em_ * 0.4f), 0, 1.f);
  const float pad = std::round(em_ * 0.7f);
  const float inner = size.x - 2 * pad;
  dl->PushClipRect(pos, mx, true);  // text never spills out of its tile
  ImU32 old = tui_.theme.colors.text;
  tui_.theme.colors.text = fg;
  float y = pos.y + pad;
  auto place = [&](const std::shared_ptr<const text::TextLayout>& l) {
    tui_.draw(l, ImVec2(pos.x + pad, y));
    y += l->height();
  };
  auto align = rtl_ ? text::Align::Right : text::Align::Left;
  if (!icon.empty()) {
    auto st = style(1.8f);
    st.align = align;
    place(tui_.engine().layout(icon, st, inner));
  }
  auto ts = style(1.25f, true, title_lang);
  ts.align = align;
  ts.max_lines = 2;
  ts.ellipsis = true;
  place(tui_.engine().layout(title, ts, inner));
  if (!subtitle.empty()) {
    auto ss = style(0.85f, false, subtitle_lang);
    ss.align = align;
    ss.ellipsis = true;
    y += std::round(em_ * 0.2f);
    // As many whole lines as the tile has room for (at most 3), the last
    // one ending in an ellipsis: never a line cut in half by the edge. A
    // line box is taller than its ink, so its last third may reach past
    // the edge (it is clipped there).
    for (ss.max_lines = 3; ss.max_lines > 0; --ss.max_lines) {
      auto l = tui_.engine().layout(subtitle, ss, inner);
      const float slack = l->lines().empty() ? 0.f : l->height() / static_cast<float>(l->lines().size()) / 3;
      const bool fits = y + l->height() - slack <= mx.y;
      if (fits || ss.max_lines == 1) {
        if (fits) place(l);
        break;
      }
    }
  }
  dl->PopClipRect();
  tui_.theme.colors.text = old;
  return pressed;
}

bool Ui::button(std::string_view id, std::string_view label, ImVec2 size, ImU32 bg, ImU32 fg, std::string_view lang,
                float size_em) {
  auto& th = tui_.theme;
  auto saved = th;
  ImU32 b = bg ? bg : pal_.accent;
  th.button = b;
  th.button_hovered = b;
  th.button_active = (b & 0x00FFFFFF) | 0xC0000000;
  th.button_text = fg ? fg : pal_.accent_text;
  std::string sid(id);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  bool pressed = tui_.button(sid.c_str(), label, style(size_em, true, lang), size);
  record(id, pos, ImGui::GetItemRectMax());
  // A button whose fill barely differs from the page gets an outline, so its
  // edge has at least 3:1 contrast (WCAG non-text contrast).
  if (contrast(b, pal_.bg) < 3.0)
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), pal_.border,
                                        std::round(em_ * 0.25f), 0, std::max(1.f, std::round(em_ / 12)));
  th = saved;
  return pressed;
}

bool Ui::chip(std::string_view id, std::string_view label, bool selected, std::string_view lang) {
  // Selection is shown by colour AND a check mark, never by colour alone.
  std::string text = selected ? "✓ " + std::string(label) : std::string(label);
  return button(id, text, ImVec2(0, 0), selected ? pal_.chip_on : pal_.chip_off,
                selected ? pal_.chip_on_text : pal_.chip_off_text, lang);
}

float Ui::button_width(std::string_view label, float size_em, std::string_view lang) {
  auto st = style(size_em, true, lang);
  auto l = tui_.engine().layout(label, st);
  return std::ceil(l->content_width()) + 2 * std::round(st.size_px * 0.8f);
}

Row::Row(Ui& ui, float gap, float width) : ui_(ui), gap_(gap) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  x0_ = p.x;
  y_ = p.y;
  width_ = ImGui::GetContentRegionAvail().x;
  if (width > 0) width_ = std::min(width_, width);
}

void Row::next(float width) {
  if (any_) {
    ImVec2 last = ImGui::GetItemRectSize();
    line_h_ = std::max(line_h_, last.y);
    if (offset_ + width > width_ + 0.5f) {  // wrap
      y_ += line_h_ + gap_;
      offset_ = 0;
      line_h_ = 0;
    }
  }
  float x = ui_.rtl() ? x0_ + width_ - offset_ - width : x0_ + offset_;
  ImGui::SetCursorScreenPos(ImVec2(x, y_));
  offset_ += width + gap_;
  any_ = true;
}

void Row::end() {
  if (any_) line_h_ = std::max(line_h_, ImGui::GetItemRectSize().y);
  ImGui::SetCursorScreenPos(ImVec2(x0_, y_ + line_h_ + gap_));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace faro::kiosk
