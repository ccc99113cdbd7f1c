// SearchScreen: type-ahead search over articles and services with an on-screen keyboard (layout by language; a physical
// keyboard works too).
#pragma once

#include <optional>
#include <string>

#include "kiosk/screen.h"

namespace faro::screens {

class SearchScreen : public kiosk::Screen {
 public:
  explicit SearchScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
  std::optional<Result<kiosk::SearchVm>> vm_;
  std::string searched_;
  bool focused_ = false;
};

}  // namespace faro::screens
