// HomeScreen: the five big tiles (rights, stay safe, services, emergency, search), the privacy notice and a Finish
// button.
#pragma once

#include <optional>
#include <string>

#include "kiosk/screen.h"

namespace faro::screens {

class HomeScreen : public kiosk::Screen {
 public:
  explicit HomeScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
};

}  // namespace faro::screens
