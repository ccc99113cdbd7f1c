#include "screens/home.h"

#include <algorithm>
#include <cmath>

#include "screens/common.h"

namespace faro::screens {

std::string HomeScreen::title(kiosk::Frame& f) {
  return f.s.get("home.title");
}

void HomeScreen::draw(kiosk::Frame& f) {
  using kiosk::ScreenId;
  struct T {
    const char* key;
    const char* icon;
    ScreenId to;
    const char* arg;
    bool danger;
  };
  static const T tiles[] = {
      {"home.rights", "⚖", ScreenId::Topic, "rights", false}, {"home.safety", "⚠", ScreenId::Warnings, "", false},
      {"home.services", "⌂", ScreenId::Directory, "", false}, {"home.emergency", "☎", ScreenId::Emergency, "", true},
      {"home.search", "⌕", ScreenId::Search, "", false},
  };
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = std::round(f.ui.em() * 0.8f);
  const int cols = avail > f.ui.em() * 30 && !f.ui.portrait() ? 3 : 2;
  const float tw = std::floor((avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols));
  float th = std::round(f.ui.em() * 7.f);
  if (f.ui.portrait()) {
    // Upright: the tiles share the height left after the notice and buttons.
    const int rows = (static_cast<int>(std::size(tiles)) + cols - 1) / cols;
    const float room = ImGui::GetContentRegionAvail().y - f.ui.em() * 9;
    th = std::round(std::clamp(room / static_cast<float>(rows) - gap, th, f.ui.em() * 13.f));
  }
  kiosk::Row row(f.ui, gap);
  for (const auto& t : tiles) {
    row.next(tw);
    const auto& p = f.ui.palette();
    if (f.ui.tile(t.key, f.s.get(t.key), {}, ImVec2(tw, th), t.danger ? p.danger : p.tile,
                  t.danger ? p.danger_text : p.tile_text, t.icon, f.s.lang_of(t.key)))
      f.push(t.to, t.arg);
  }
  row.end();
  f.ui.text(f.s.get("privacy.notice"), f.s.lang_of("privacy.notice"), 0.9f, f.ui.palette().muted);
  const std::string& fin = f.s.get("nav.finish");
  float bw = std::max(f.ui.button_width(fin, 1.f, f.s.lang_of("nav.finish")), f.ui.em() * 10);
  kiosk::Row r2(f.ui, gap);
  r2.next(bw);
  if (f.ui.button("home.finish", fin, ImVec2(bw, f.ui.em() * 2.6f), 0, 0, f.s.lang_of("nav.finish")))
    f.emit(kiosk::Action{kiosk::Action::Kind::Finish, {}, {}});
  // Accessibility: three text sizes and a high-contrast theme, for this visitor only.
  const auto& p = f.ui.palette();
  static const char* sizes[] = {"A", "A+", "A++"};
  const std::string size_label = f.s.get("a11y.text_size") + "  " + sizes[std::clamp(f.session.text_size, 0, 2)];
  const float sw = f.ui.button_width(size_label, 1.f, f.s.lang_of("a11y.text_size"));
  r2.next(sw);
  if (f.ui.button("a11y.text_size", size_label, ImVec2(sw, f.ui.em() * 2.6f), p.chip_off, p.chip_off_text,
                  f.s.lang_of("a11y.text_size")))
    f.session.text_size = (f.session.text_size + 1) % 3;
  const std::string& hc = f.s.get("a11y.contrast");
  const std::string hc_label = f.session.high_contrast ? "✓ " + hc : hc;
  const float hw = f.ui.button_width(hc_label, 1.f, f.s.lang_of("a11y.contrast"));
  r2.next(hw);
  if (f.ui.chip("a11y.contrast", hc, f.session.high_contrast, f.s.lang_of("a11y.contrast")))
    f.session.high_contrast = !f.session.high_contrast;
  r2.end();
}

}  // namespace faro::screens
