// Shared setup for the kiosk tests: the demo content built once per process,
// one FontCollection, and a headless kiosk that taps widgets by id.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "content/store.h"
#include "kiosk/app.h"
#include "kiosk/background.h"
#include "kiosk/headless.h"
#include "screens/factory.h"
#include "support/fixtures.h"
#include "text/fonts.h"

namespace faro::test {

inline const std::vector<std::string>& demo_languages() {
  static const std::vector<std::string> l = {"en", "es", "fr", "pt",      "ht", "ar", "fa",
                                             "ps", "hi", "bn", "zh-Hans", "ru", "am", "quc"};
  return l;
}

// Wednesday 2026-11-25 10:00 and Sunday 2026-11-29 03:00 in El Paso (America/Denver).
inline constexpr int64_t kWednesdayMorning = 1795626000;
inline constexpr int64_t kSundayNight = 1795946400;

inline const std::string& demo_db() {
  static TempDir dir;
  static std::string path = build_db(demo_tree(), dir);
  return path;
}

inline std::unique_ptr<content::Store> open_demo() {
  auto s = content::Store::open(demo_db());
  REQUIRE(s.ok());
  return std::move(s).value();
}

inline text::FontCollection& kiosk_fonts() {
  static std::unique_ptr<text::FontCollection> f = [] {
    auto r = text::FontCollection::open();
    if (!r.ok()) FAIL("fonts: " << r.error().message);
    return std::move(r).value();
  }();
  return *f;
}

// A kiosk on the demo content in a headless ImGui context.
struct Kiosk {
  std::unique_ptr<content::Store> store = open_demo();
  kiosk::FakeClock clock{kWednesdayMorning};
  kiosk::NoSyncStatus sync{"2026-11-20"};
  kiosk::HeadlessHost host;
  std::unique_ptr<kiosk::App> app;

  explicit Kiosk(kiosk::Settings s = {}, int w = 1280, int h = 800) : host(kiosk_fonts(), w, h) {
    s.centre = s.centre.empty() ? "el-paso-sample" : s.centre;
    auto a = kiosk::App::create(*store, clock, sync, s, &screens::make_screen);
    REQUIRE(a.ok());
    app = std::move(a).value();
  }
  void frame() {
    host.frame([&](text::ui::TextUi& ui) { app->frame(ui); });
  }
  bool has(const std::string& id) const { return app->rects().count(id) > 0; }
  kiosk::Rect rect(const std::string& id) {
    auto it = app->rects().find(id);
    if (it == app->rects().end()) FAIL("no widget '" << id << "' on screen " << app->session().nav.top().key());
    return it->second;
  }
  // Taps the widget `id` of the last frame at its centre.
  void tap(const std::string& id) {
    auto r = rect(id);
    host.tap(r.cx(), r.cy(), [&](text::ui::TextUi& ui) { app->frame(ui); });
  }
  void type(const std::string& utf8) {
    host.type(utf8, [&](text::ui::TextUi& ui) { app->frame(ui); });
  }
  kiosk::ScreenId screen() const { return app->session().nav.top().id; }
};

}  // namespace faro::test
