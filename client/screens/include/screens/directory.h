// DirectoryScreen: services with filters (category, language spoken, open now, free, nearest first); the list is clipped (ImGuiListClipper) so 20,000 rows stay smooth.
#pragma once

#include <optional>
#include <string>

#include "kiosk/screen.h"

namespace faro::screens {

class DirectoryScreen : public kiosk::Screen {
 public:
  explicit DirectoryScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
  std::optional<Result<kiosk::DirectoryVm>> vm_;
  kiosk::DirectoryFilters loaded_;
  int64_t loaded_minute_ = -1;
};

}  // namespace faro::screens
