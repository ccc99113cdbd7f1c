#include "screens/common.h"

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

std::string language_name(const kiosk::CentreInfo& c, const std::string& tag) {
  for (const auto& l : c.languages)
    if (l.tag == tag) return l.name;
  std::string n = lang::display_name(tag, tag);
  return n.empty() ? tag : n;
}

}  // namespace faro::screens
