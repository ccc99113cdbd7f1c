// ArticleScreen: one article, its Markdown body through the text engine; warnings carry their severity colour, sign and
// words, and end with a path to help.
#pragma once

#include <optional>
#include <string>

#include "kiosk/screen.h"

namespace faro::screens {

class ArticleScreen : public kiosk::Screen {
 public:
  explicit ArticleScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  kiosk::Route route_;
  std::optional<Result<content::Article>> vm_;
};

}  // namespace faro::screens
