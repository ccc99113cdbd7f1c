// DirectoryScreen: services with filters (category, language spoken, open now, free, nearest first); the list is
// clipped (ImGuiListClipper) so 20,000 rows stay smooth.
#pragma once

#include <memory>
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
  // Shared with background queries (which hold it weakly).
  struct State {
    std::optional<Result<kiosk::DirectoryVm>> vm;
    uint64_t wanted = 0;  // the newest request; older results are dropped
    bool loading = false;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
  kiosk::DirectoryFilters loaded_;
  int64_t loaded_minute_ = -1;
  bool picking_language_ = false;  // the "language spoken" chips are open
  void request(kiosk::Frame& f, int64_t now);
};

}  // namespace faro::screens
