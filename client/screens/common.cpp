#include "screens/common.h"

#include <algorithm>
#include <cmath>

namespace faro::screens {

using kiosk::Frame;

SeverityLook severity_look(const kiosk::Palette& p, content::Severity s) {
  switch (s) {
    case content::Severity::Critical:
      return {p.danger, p.danger_text, "article.severity.critical"};
    case content::Severity::High:
      return {IM_COL32(125, 45, 0, 255), IM_COL32(255, 255, 255, 255), "article.severity.high"};
    case content::Severity::Medium:
      return {p.warning, p.warning_text, "article.severity.medium"};
    case content::Severity::Low:
    case content::Severity::None:
      break;
  }
  return {IM_COL32(215, 230, 250, 255), IM_COL32(20, 20, 20, 255), "article.severity.low"};
}

void show_error(Frame& f) {
  f.ui.text(f.s.get("error.generic"), f.s.lang_of("error.generic"), 1.2f);
}

void article_list(Frame& f, const std::vector<content::ArticleSummary>& articles, const char* id_prefix) {
  const float w = ImGui::GetContentRegionAvail().x;
  for (const auto& a : articles) {
    std::string id = std::string(id_prefix) + a.id;
    ImU32 bg = f.ui.palette().surface, fg = f.ui.palette().text;
    std::string icon;
    std::string subtitle = a.summary.text;
    if (a.kind == content::ArticleKind::Warning) {
      auto look = severity_look(f.ui.palette(), a.severity);
      bg = look.bg;
      fg = look.fg;
      icon = "⚠ " + f.s.get(look.key);
    }
    const float h = std::round(f.ui.em() * (icon.empty() ? 5.2f : 7.6f));
    if (f.ui.tile(id, a.title.text, subtitle, ImVec2(w, h), bg, fg, {}, a.title.lang, a.summary.lang))
      f.push(kiosk::ScreenId::Article, a.id);
    if (!icon.empty()) {
      // The severity words over the tile's top edge, on the start side.
      ImVec2 mn = ImGui::GetItemRectMin();
      auto st = f.ui.style(0.9f, true);
      st.align = f.ui.rtl() ? text::Align::Right : text::Align::Left;
      auto l = f.ui.tui().engine().layout(icon, st, w - f.ui.em() * 1.4f);
      ImU32 old = f.ui.tui().theme.colors.text;
      f.ui.tui().theme.colors.text = fg;
      f.ui.tui().draw(l, ImVec2(mn.x + std::round(f.ui.em() * 0.7f), mn.y + h - l->height() - f.ui.em() * 0.5f));
      f.ui.tui().theme.colors.text = old;
    }
  }
}

std::string what_to_do_block(Frame& f, std::string_view heading, std::string_view heading_lang,
                             std::string_view steps_md, const text::ui::MarkdownStyle& md, ImU32 accent, float width) {
  kiosk::Ui& ui = f.ui;
  const auto& p = ui.palette();
  const bool rtl = ui.rtl();
  const float pad = std::round(ui.em() * 0.9f);
  const float bar = std::round(ui.em() * 0.45f);
  const float inner = width - bar - 2 * pad;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The frame is drawn under the content once its height is known.
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(rtl ? p0.x + pad : p0.x + bar + pad, p0.y + pad));
  ImGui::BeginGroup();
  // The arrow points the way the visitor reads: forwards.
  ui.text(std::string(rtl ? "← " : "→ ") + std::string(heading), heading_lang, 1.3f, 0, inner);
  std::string link;
  if (!steps_md.empty()) link = ui.tui().markdown(steps_md, md, inner);
  const std::string label = "☎ " + f.s.get("article.get_help");
  const float bw =
      std::min(inner, std::max(ui.button_width(label, 1.f, f.s.lang_of("article.get_help")), ui.em() * 12));
  kiosk::Row row(ui, ui.em(), inner);
  row.next(bw);
  if (ui.button("article.get_help", label, ImVec2(bw, std::round(ui.em() * 2.6f)), p.danger, p.danger_text,
                f.s.lang_of("article.get_help")))
    f.push(kiosk::ScreenId::Emergency);
  row.end();
  ImGui::EndGroup();
  const float y1 = ImGui::GetItemRectMax().y + pad - ui.em() * 0.5f;  // Row::end added a gap below the button
  dl->ChannelsSetCurrent(0);
  const float r = std::round(ui.em() * 0.4f);
  dl->AddRectFilled(p0, ImVec2(p0.x + width, y1), p.surface, r);
  dl->AddRect(p0, ImVec2(p0.x + width, y1), p.border, r, 0, std::max(1.f, std::round(ui.em() / 12)));
  const float bx = rtl ? p0.x + width - bar : p0.x;
  dl->AddRectFilled(ImVec2(bx, p0.y), ImVec2(bx + bar, y1), accent, r,
                    rtl ? ImDrawFlags_RoundCornersRight : ImDrawFlags_RoundCornersLeft);
  dl->ChannelsMerge();
  ui.record("article.what_to_do", p0, ImVec2(p0.x + width, y1));
  ImGui::SetCursorScreenPos(ImVec2(p0.x, y1));
  ImGui::Dummy(ImVec2(width, 0));
  return link;
}

void follow_link(Frame& f, const std::string& link) {
  if (link.rfind("article:", 0) == 0)
    f.push(kiosk::ScreenId::Article, link.substr(8));
  else if (link.rfind("service:", 0) == 0)
    f.push(kiosk::ScreenId::Service, link.substr(8));
  else if (link.rfind("tel:", 0) == 0)
    f.show_qr(link);
  else if (link.rfind("category:", 0) == 0) {
    f.session.filters = kiosk::DirectoryFilters{};
    f.session.filters.category = link.substr(9);
    f.push(kiosk::ScreenId::Directory);
  }
}

bool on_screen_keyboard(Frame& f, text::EditState& edit, const std::vector<const kiosk::KeyboardLayout*>& layouts,
                        int& li, const std::string& script_lang, bool done) {
  const auto& s = f.s;
  const auto& p = f.ui.palette();
  if (layouts.empty()) return false;
  if (li < 0 || static_cast<size_t>(li) >= layouts.size()) li = 0;
  const auto& layout = *layouts[static_cast<size_t>(li)];
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = std::round(f.ui.em() * 0.25f);
  size_t cols = 0;
  for (const auto& r : layout.rows) cols = std::max(cols, r.size());
  const float kw = std::floor(std::min((avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols),
                                       f.ui.em() * (f.ui.portrait() ? 4.5f : 3.2f)));
  const float kh = std::max(kw * 0.8f, f.ui.tui().theme.min_touch);
  const std::string key_lang = layout.id == "latin" || layout.id == "numbers" ? "en" : script_lang;
  for (const auto& r : layout.rows) {
    kiosk::Row row(f.ui, gap);
    for (const auto& k : r) {
      row.next(kw);
      if (f.ui.button("kb.key." + k, k, ImVec2(kw, kh), p.surface, p.text, key_lang)) {
        edit.insert(k);
        edit.active = true;
      }
    }
    row.end();
  }
  bool closed = false;
  kiosk::Row row(f.ui, gap);
  if (layouts.size() > 1) {
    const std::string& l = s.get("keyboard.layout");
    float bw = f.ui.button_width(l, 1.f, s.lang_of("keyboard.layout"));
    row.next(bw);
    if (f.ui.button("kb.layout", l, ImVec2(bw, kh), p.chip_off, p.chip_off_text, s.lang_of("keyboard.layout"))) {
      li = (li + 1) % static_cast<int>(layouts.size());
      edit.active = true;
    }
  }
  const std::string& sp = s.get("keyboard.space");
  row.next(kw * 4);
  if (f.ui.button("kb.space", sp, ImVec2(kw * 4, kh), p.surface, p.text, s.lang_of("keyboard.space"))) {
    edit.insert(" ");
    edit.active = true;
  }
  const std::string bs = "⌫ " + s.get("keyboard.backspace");
  float bw = f.ui.button_width(bs, 1.f, s.lang_of("keyboard.backspace"));
  row.next(bw);
  if (f.ui.button("kb.backspace", bs, ImVec2(bw, kh), p.chip_off, p.chip_off_text, s.lang_of("keyboard.backspace"))) {
    edit.erase_before();
    edit.active = true;
  }
  if (done) {
    const std::string& d = s.get("keyboard.done");
    float dw = std::max(f.ui.button_width(d, 1.f, s.lang_of("keyboard.done")), kw * 2);
    row.next(dw);
    if (f.ui.button("kb.done", d, ImVec2(dw, kh), 0, 0, s.lang_of("keyboard.done"))) closed = true;
  }
  row.end();
  return closed;
}

std::string language_name(const kiosk::CentreInfo& c, const std::string& tag) {
  for (const auto& l : c.languages)
    if (l.tag == tag) return l.name;
  std::string n = lang::display_name(tag, tag);
  return n.empty() ? tag : n;
}

}  // namespace faro::screens
