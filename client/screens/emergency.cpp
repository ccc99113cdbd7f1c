#include "screens/emergency.h"

#include <cmath>

#include "screens/common.h"

namespace faro::screens {

std::string EmergencyScreen::title(kiosk::Frame& f) {
  return f.s.get("emergency.title");
}

void EmergencyScreen::draw(kiosk::Frame& f) {
  if (!vm_) vm_ = kiosk::load_emergency(f.store, f.centre.centre.id, f.ui.lang());
  if (!*vm_) return show_error(f);
  const auto& vm = **vm_;
  const auto& p = f.ui.palette();
  f.ui.text(f.s.get("emergency.subtitle"), f.s.lang_of("emergency.subtitle"), 1.3f);
  const float w = ImGui::GetContentRegionAvail().x;
  for (size_t i = 0; i < vm.numbers.size(); ++i) {
    const auto& n = vm.numbers[i];
    // The number is the title (huge, always left-to-right as one unit); the
    // label underneath says what it is.
    const float pad = std::round(f.ui.em() * 0.7f);
    auto align = f.ui.rtl() ? text::Align::Right : text::Align::Left;
    auto ns = f.ui.style(2.6f, true, "en");
    ns.align = align;
    ns.direction = text::Direction::Ltr;
    auto nl = f.ui.tui().engine().layout("☎ " + n.number, ns, w - 2 * pad);
    auto ls = f.ui.style(1.1f, false, n.label.lang);
    ls.align = align;
    auto ll = f.ui.tui().engine().layout(n.label.text, ls, w - 2 * pad);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float h = std::ceil(nl->height() + ll->height() + 2 * pad);
    const std::string id = "emergency.number." + std::to_string(i);
    if (ImGui::InvisibleButton(id.c_str(), ImVec2(w, h))) f.show_qr("tel:" + n.number);
    f.ui.record(id, pos, ImVec2(pos.x + w, pos.y + h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), i == 0 ? p.danger : p.surface, f.ui.em() * 0.4f);
    dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), p.border, f.ui.em() * 0.4f);
    const ImU32 fg = i == 0 ? p.danger_text : p.text;
    ImU32 old = f.ui.tui().theme.colors.text;
    f.ui.tui().theme.colors.text = fg;
    f.ui.tui().theme.colors.phone = fg;
    f.ui.tui().draw(nl, ImVec2(pos.x + pad, pos.y + pad));
    f.ui.tui().draw(ll, ImVec2(pos.x + pad, pos.y + pad + nl->height()));
    f.ui.tui().theme.colors.text = old;
    f.ui.tui().theme.colors.phone = text::ui::Colors{}.phone;
  }
  if (!vm.articles.empty()) article_list(f, vm.articles, "article.");
}

}  // namespace faro::screens
