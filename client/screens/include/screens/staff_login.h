// StaffLoginScreen: staff mode's door. Tiles with the names of this kiosk's
// staff; then a PIN pad (digits, backspace, OK) that shows only dots. A
// wrong PIN says so; a locked account says when to try again (counted down
// from the lockout's end by the App's clock) and the pad does not check PINs
// until then. The PIN lives in this screen only: it is gone when the screen is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/screen.h"

namespace faro::screens {

class StaffLoginScreen : public kiosk::Screen {
 public:
  explicit StaffLoginScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  void pad(kiosk::Frame& f, const kiosk::StaffMember& who);
  void submit(kiosk::Frame& f, const kiosk::StaffMember& who);
  kiosk::Route route_;
  std::optional<Result<std::vector<kiosk::StaffMember>>> staff_;
  std::string chosen_;        // staff id; "" = choosing
  std::string pin_;           // digits typed so far (never drawn)
  const char* message_ = "";  // a UI string key: staff.login.wrong, staff.login.error
  int64_t retry_at_ = 0;      // locked until (unix seconds)
};

}  // namespace faro::screens
