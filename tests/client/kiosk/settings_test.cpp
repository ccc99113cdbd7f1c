#include <catch2/catch.hpp>

#include "kiosk/session.h"
#include "kiosk/settings_loader.h"
#include "support/fixtures.h"

using namespace faro;

TEST_CASE("settings load from TOML with defaults for what is missing", "[kiosk][settings]") {
  auto s = kiosk::load_settings_text(R"([kiosk]
dir = "/var/lib/faro/kiosk"
centre = "el-paso-sample"
idle_timeout = 120
languages = ["es", "en"]
theme = "high-contrast"
size = "1920x1080"
fullscreen = true
)",
                                     "kiosk.toml");
  REQUIRE(s.ok());
  CHECK(s->kiosk_dir == "/var/lib/faro/kiosk");
  CHECK(s->database_path() == "/var/lib/faro/kiosk/content.db");
  CHECK(s->centre == "el-paso-sample");
  CHECK(s->idle_timeout_s == 120);
  CHECK(s->idle_countdown_s == 30);  // default
  CHECK(s->languages == std::vector<std::string>{"es", "en"});
  CHECK(s->theme == kiosk::Theme::HighContrast);
  CHECK(s->width == 1920);
  CHECK(s->height == 1080);
  CHECK(s->fullscreen);
  auto empty = kiosk::load_settings_text("", "empty.toml");
  REQUIRE(empty.ok());
  CHECK(empty->idle_timeout_s == 90);
}

TEST_CASE("bad settings name the file, line and key", "[kiosk][settings]") {
  auto typo = kiosk::load_settings_text("[kiosk]\ncentre = \"x\"\nidle_timout = 30\n", "kiosk.toml");
  REQUIRE_FALSE(typo.ok());
  CHECK(typo.error().message.find("kiosk.toml:3") != std::string::npos);
  CHECK(typo.error().message.find("idle_timout") != std::string::npos);
  auto short_countdown = kiosk::load_settings_text("[kiosk]\nidle_countdown = 5\n", "k.toml");
  REQUIRE_FALSE(short_countdown.ok());
  CHECK(short_countdown.error().message.find("20") != std::string::npos);
  auto syntax = kiosk::load_settings_text("[kiosk\n", "k.toml");
  REQUIRE_FALSE(syntax.ok());
  CHECK(syntax.error().message.find("k.toml:1") != std::string::npos);
  auto wrong_type = kiosk::load_settings_text("[kiosk]\nfullscreen = \"yes\"\n", "k.toml");
  CHECK_FALSE(wrong_type.ok());
  CHECK_FALSE(kiosk::load_settings_file("/nonexistent/kiosk.toml").ok());
}

TEST_CASE("command-line flags override the config file", "[kiosk][settings]") {
  test::TempDir dir;
  test::write_file(dir / "kiosk.toml", "[kiosk]\ndb = \"a.db\"\nidle_timeout = 120\ntheme = \"high-contrast\"\n");
  auto o = kiosk::parse_options({"--idle", "45", "--config", (dir / "kiosk.toml").string(), "--db", "b.db", "--lang",
                                 "ar", "--screen", "home", "--screenshot", "out.png", "--size", "800x600"});
  REQUIRE(o.ok());
  CHECK(o->mode == kiosk::Options::Mode::Screenshot);
  CHECK(o->settings.db == "b.db");
  CHECK(o->settings.idle_timeout_s == 45);
  CHECK(o->settings.theme == kiosk::Theme::HighContrast);  // from the file
  CHECK(o->lang == "ar");
  CHECK(o->settings.width == 800);
  auto cov = kiosk::parse_options({"--coverage", "--kiosk", "/k"});
  REQUIRE(cov.ok());
  CHECK(cov->mode == kiosk::Options::Mode::Coverage);
  CHECK(cov->settings.database_path() == "/k/content.db");
  CHECK_FALSE(kiosk::parse_options({}).ok());
  CHECK_FALSE(kiosk::parse_options({"--db", "x.db", "--bogus"}).ok());
  CHECK_FALSE(kiosk::parse_options({"--db", "x.db", "--size", "12"}).ok());
  CHECK_FALSE(kiosk::parse_options({"--db"}).ok());
}

TEST_CASE("the navigation stack and screen names", "[kiosk][session]") {
  kiosk::Navigator nav;
  CHECK(nav.top().id == kiosk::ScreenId::Welcome);
  CHECK_FALSE(nav.back());
  nav.home();
  nav.push({kiosk::ScreenId::Topic, "rights"});
  nav.push({kiosk::ScreenId::Topic, "rights"});  // a double tap does not stack twice
  CHECK(nav.depth() == 2);
  CHECK(nav.back());
  CHECK(nav.top().id == kiosk::ScreenId::Home);
  for (const char* n : {"welcome", "home", "rights", "warnings", "directory", "emergency", "search", "article:x"})
    CHECK(kiosk::routes_for_screen_name(n).has_value());
  CHECK_FALSE(kiosk::routes_for_screen_name("settings").has_value());
  kiosk::Session s;
  CHECK(s.pristine());
  s.search.insert("x");
  CHECK_FALSE(s.pristine());
  s.reset();
  CHECK(s.pristine());
}
