// ServiceScreen: one service: today's status, opening hours in the visitor's locale, phones, address, languages, cost,
// documents, accessibility and a take-away QR code.
#pragma once

#include <optional>
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
};

}  // namespace faro::screens
