// EmergencyScreen: the centre's emergency and anti-trafficking numbers, big, and the emergency articles.
#pragma once

#include <optional>
#include <string>

#include "kiosk/screen.h"

namespace faro::screens {

class EmergencyScreen : public kiosk::Screen {
 public:
  explicit EmergencyScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
  std::optional<Result<kiosk::EmergencyVm>> vm_;
};

}  // namespace faro::screens
