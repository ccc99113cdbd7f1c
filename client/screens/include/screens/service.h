// ServiceScreen: one service: today's status, opening hours in the visitor's locale, phones, address, languages, cost,
// documents, accessibility and a take-away QR code. In staff mode, parts with a live staff edit carry a "pending" mark
// (visitors see the new values, unmarked).
#pragma once

#include <optional>
#include <set>
#include <string>

#include "kiosk/qr.h"
#include "kiosk/screen.h"

namespace faro::screens {

class ServiceScreen : public kiosk::Screen {
 public:
  explicit ServiceScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
  std::optional<Result<kiosk::ServiceVm>> vm_;
  std::optional<Result<kiosk::QrMatrix>> qr_;
  std::optional<std::set<std::string>> pending_;  // staff mode: sections with a live edit
  void pending_mark(kiosk::Frame& f, const char* section, float width);
};

}  // namespace faro::screens
