// WelcomeScreen: every language the centre offers as a tile with its endonym (and English name), in the centre's order;
// a greeting cycling through the languages.
#pragma once

#include <optional>
#include <string>

#include "kiosk/screen.h"

namespace faro::screens {

class WelcomeScreen : public kiosk::Screen {
 public:
  explicit WelcomeScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
  std::optional<Result<std::vector<kiosk::WelcomeTile>>> vm_;
};

}  // namespace faro::screens
