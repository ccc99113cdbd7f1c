#include "screens/warnings.h"

#include "screens/common.h"

namespace faro::screens {

std::string WarningsScreen::title(kiosk::Frame& f) {
  return f.s.get("home.safety");
}

void WarningsScreen::draw(kiosk::Frame& f) {
  if (!vm_) vm_ = kiosk::load_warnings(f.store, f.ui.lang());
  if (!*vm_) return show_error(f);
  article_list(f, **vm_, "warning.");
}

}  // namespace faro::screens
