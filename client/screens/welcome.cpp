#include "screens/welcome.h"

#include <algorithm>
#include <cmath>

#include "screens/common.h"

namespace faro::screens {

std::string WelcomeScreen::title(kiosk::Frame& f) {
  return f.s.get("app.name");
}

void WelcomeScreen::draw(kiosk::Frame& f) {
  if (!vm_) vm_ = kiosk::load_welcome(f.store, f.centre);
  if (!*vm_) return show_error(f);
  const auto& tiles = **vm_;
  if (tiles.empty()) return show_error(f);
  // The greeting cycles through the languages every 3 seconds.
  size_t n = tiles.size();
  size_t k = static_cast<size_t>(std::fmod(f.clock.monotonic() / 3.0, static_cast<double>(n)));
  for (size_t i = 0; i < n; ++i) {
    const auto& t = tiles[(k + i) % n];
    if (t.greeting.empty()) continue;
    f.ui.text(t.greeting + (t.choose.empty() ? "" : " · " + t.choose), t.language.tag, 1.6f);
    break;
  }
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = std::round(f.ui.em() * 0.6f);
  int cols = std::max(2, static_cast<int>((avail + gap) / (f.ui.em() * 11)));
  float tw = std::floor((avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols));
  float th = std::round(f.ui.em() * 5.6f);
  if (f.ui.portrait()) {
    // Upright: taller tiles share the screen's height.
    const int rows = static_cast<int>((n + static_cast<size_t>(cols) - 1) / static_cast<size_t>(cols));
    const float room = ImGui::GetContentRegionAvail().y - f.ui.em();
    th = std::round(std::clamp(room / static_cast<float>(rows) - gap, th, f.ui.em() * 8.f));
  }
  kiosk::Row row(f.ui, gap);
  for (const auto& t : tiles) {
    row.next(tw);
    const auto& l = t.language;
    std::string sub = l.english == l.name ? std::string() : l.english;
    if (f.ui.tile("lang." + l.tag, l.name, sub, ImVec2(tw, th), f.ui.palette().tile, f.ui.palette().tile_text, {},
                  l.tag, "en"))
      f.emit(kiosk::Action{kiosk::Action::Kind::ChooseLanguage, {}, l.tag});
  }
  row.end();
}

}  // namespace faro::screens
