// StaffHomeScreen: staff mode's desk. The edits in this kiosk's outbox with
// their state in words and a sign (pending, held for review, accepted,
// conflict, rejected) and the hub's reason; the last sync and "Sync now";
// this centre's services with an Edit button each; "Add a service"; "Leave
// staff mode". Reloads its view-model every few seconds (the sync worker
// changes edit states in the background).
#pragma once

#include <optional>
#include <string>

#include "kiosk/screen.h"
#include "kiosk/staff_view_models.h"

namespace faro::screens {

class StaffHomeScreen : public kiosk::Screen {
 public:
  explicit StaffHomeScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
  std::optional<Result<kiosk::StaffHomeVm>> vm_;
  double loaded_at_ = 0;
};

}  // namespace faro::screens
