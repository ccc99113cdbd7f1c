// Themes and accessibility: contrast ratios (WCAG 2.x), the visitor's text
// size and high-contrast choices, the stale-content warning.
#include "kiosk/ui_kit.h"

#include <cmath>

#include "kiosk_support.h"
#include "screens/common.h"

using namespace faro;

namespace {

double luminance(ImU32 c) {
  auto ch = [](unsigned v) {
    double s = v / 255.0;
    return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * ch(c & 0xFF) + 0.7152 * ch((c >> 8) & 0xFF) + 0.0722 * ch((c >> 16) & 0xFF);
}

double contrast(ImU32 a, ImU32 b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void check_theme(kiosk::Theme t, double min) {
  auto p = kiosk::palette_for(t);
  struct Pair {
    const char* name;
    ImU32 fg, bg;
  };
  std::vector<Pair> pairs = {
      {"text/bg", p.text, p.bg},
      {"muted/bg", p.muted, p.bg},
      {"text/surface", p.text, p.surface},
      {"tile", p.tile_text, p.tile},
      {"accent", p.accent_text, p.accent},
      {"danger", p.danger_text, p.danger},
      {"warning", p.warning_text, p.warning},
      {"strip", p.strip_text, p.strip_bg},
      {"chip on", p.chip_on_text, p.chip_on},
      {"chip off", p.chip_off_text, p.chip_off},
      {"open (ok) on bg", p.ok, p.bg},
      {"closed (danger) on bg", p.danger, p.bg},
  };
  for (auto s :
       {content::Severity::Low, content::Severity::Medium, content::Severity::High, content::Severity::Critical}) {
    auto look = screens::severity_look(p, s);
    pairs.push_back({look.key, look.fg, look.bg});
  }
  for (const auto& pr : pairs) {
    INFO(pr.name << ": " << contrast(pr.fg, pr.bg));
    CHECK(contrast(pr.fg, pr.bg) >= min);
  }
  // Outlines of buttons that blend into the page: non-text contrast 3:1.
  CHECK(contrast(p.border, p.bg) >= 3.0);
  CHECK(contrast(p.border, p.surface) >= 3.0);
}

}  // namespace

TEST_CASE("the default theme has contrast of at least 4.5:1", "[kiosk][a11y]") {
  check_theme(kiosk::Theme::Default, 4.5);
}

TEST_CASE("the high-contrast theme has contrast of at least 7:1", "[kiosk][a11y]") {
  check_theme(kiosk::Theme::HighContrast, 7.0);
}

TEST_CASE("the visitor's text size and contrast choices apply and are forgotten on Finish", "[kiosk][a11y]") {
  test::Kiosk k;
  REQUIRE(k.app->start("en", "home").ok());
  k.frame();
  const auto small = k.rect("home.rights");
  k.tap("a11y.contrast");
  k.frame();
  CHECK(k.app->session().high_contrast);
  k.tap("a11y.text_size");
  k.tap("a11y.text_size");
  k.frame();
  CHECK(k.app->session().text_size == 2);
  const auto big = k.rect("home.rights");
  CHECK(big.y1 - big.y0 > (small.y1 - small.y0) * 1.3f);
  k.tap("nav.finish");
  k.frame();
  CHECK(k.app->session().text_size == 0);
  CHECK_FALSE(k.app->session().high_contrast);
}

namespace {
struct StaleSync : kiosk::SyncStatus {
  bool stale = false;
  kiosk::SyncState state() const override {
    kiosk::SyncState s;
    s.configured = true;
    s.stale = stale;
    s.release_date = "2026-01-02";
    return s;
  }
};
}  // namespace

TEST_CASE("stale content is marked on screen with words and a sign", "[kiosk][sync]") {
  auto store = test::open_demo();
  kiosk::FakeClock clock(test::kWednesdayMorning);
  StaleSync sync;
  kiosk::HeadlessHost host(test::kiosk_fonts(), 1280, 800);
  kiosk::Settings s;
  auto app = kiosk::App::create(*store, clock, sync, s, &screens::make_screen);
  REQUIRE(app.ok());
  auto frame = [&] { host.frame([&](text::ui::TextUi& ui) { (*app)->frame(ui); }); };
  frame();
  CHECK((*app)->rects().count("status.stale") == 0);
  sync.stale = true;
  frame();
  CHECK((*app)->rects().count("status.stale") == 1);
  CHECK((*app)->missing_strings().empty());
}

TEST_CASE("without sync the status reports none configured and the content date", "[kiosk][sync]") {
  kiosk::NoSyncStatus none("2026-11-20");
  auto st = none.state();
  CHECK_FALSE(st.configured);
  CHECK_FALSE(st.stale);
  CHECK(st.release_date == "2026-11-20");
  CHECK(kiosk::iso_date_of("2026-03-01T10:00:00Z") == "2026-03-01");
  CHECK(kiosk::iso_date_of("1795626000") == "2026-11-25");
  CHECK(kiosk::iso_date_of("garbage").empty());
}
