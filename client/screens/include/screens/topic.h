// TopicScreen: a topic's summary, its sub-topics as tiles and its articles.
#pragma once

#include <optional>
#include <string>

#include "kiosk/screen.h"

namespace faro::screens {

class TopicScreen : public kiosk::Screen {
 public:
  explicit TopicScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
  std::optional<Result<kiosk::TopicVm>> vm_;
};

}  // namespace faro::screens
