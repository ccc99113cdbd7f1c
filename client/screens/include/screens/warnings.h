// WarningsScreen: the trafficking and smuggling warnings, most severe first.
#pragma once

#include <optional>
#include <string>

#include "kiosk/screen.h"

namespace faro::screens {

class WarningsScreen : public kiosk::Screen {
 public:
  explicit WarningsScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
  std::optional<Result<std::vector<content::ArticleSummary>>> vm_;
};

}  // namespace faro::screens
