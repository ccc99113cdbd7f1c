// Kiosk scripts (client/kiosk/src/script.cpp): parsing with FILE:LINE errors,
// and playing steps against the App in a headless ImGui context.
#include "kiosk/script.h"

#include <catch2/catch.hpp>

#include "kiosk_support.h"

namespace faro::test {
namespace {

using kiosk::ScriptStep;

// Plays on the headless kiosk; screenshots are only recorded.
struct HeadlessScriptHost : kiosk::ScriptHost {
  Kiosk& k;
  std::vector<std::string> shots;
  std::vector<std::string> screens_at_shot;
  explicit HeadlessScriptHost(Kiosk& kk) : k(kk) {}
  void frame() override { k.frame(); }
  Status screenshot(const std::string& path) override {
    shots.push_back(path);
    screens_at_shot.push_back(k.app->session().nav.top().key());
    return {};
  }
};

Status play(Kiosk& k, HeadlessScriptHost& host, const std::string& text) {
  auto script = kiosk::parse_script(text, "demo.script");
  REQUIRE(script.ok());
  kiosk::ScriptPlayer player(*k.app, k.clock, host);
  return player.play(*script);
}

}  // namespace

TEST_CASE("a script is one step a line, and comments and blank lines are skipped", "[kiosk][script]") {
  auto s = kiosk::parse_script(
      "# a tour\n\nlang es\ntap home.rights\n  expect nav.back  \ntype hola mundo\nkey Backspace\nwait 95\r\n"
      "screen service:ep-health-clinic\nscreenshot out/x.png\n",
      "tour.txt");
  REQUIRE(s.ok());
  REQUIRE(s->steps.size() == 8);
  CHECK(s->steps[0].kind == ScriptStep::Kind::Lang);
  CHECK(s->steps[0].arg == "es");
  CHECK(s->steps[0].line == 3);
  CHECK(s->steps[1].kind == ScriptStep::Kind::Tap);
  CHECK(s->steps[2].kind == ScriptStep::Kind::Expect);
  CHECK(s->steps[2].arg == "nav.back");
  CHECK(s->steps[3].arg == "hola mundo");  // the rest of the line, inner spaces kept
  CHECK(s->steps[4].key == ImGuiKey_Backspace);
  CHECK(s->steps[5].seconds == 95);
  CHECK(s->steps[6].arg == "service:ep-health-clinic");
  CHECK(s->steps[7].kind == ScriptStep::Kind::Screenshot);
  CHECK(s->steps[7].line == 10);
}

TEST_CASE("a bad script line is an error naming FILE:LINE", "[kiosk][script]") {
  auto bad = [](const std::string& text) {
    auto s = kiosk::parse_script(text, "bad.txt");
    REQUIRE_FALSE(s.ok());
    return s.error().message;
  };
  CHECK_THAT(bad("tap home.rights\nclick home.rights\n"), Catch::StartsWith("bad.txt:2: unknown step 'click'"));
  CHECK_THAT(bad("\n\nwait soon\n"), Catch::StartsWith("bad.txt:3: 'wait' takes whole seconds"));
  CHECK_THAT(bad("wait -1\n"), Catch::StartsWith("bad.txt:1:"));
  CHECK_THAT(bad("key Hyper\n"), Catch::StartsWith("bad.txt:1: unknown key 'Hyper'") && Catch::Contains("Backspace"));
  CHECK_THAT(bad("tap\n"), Catch::StartsWith("bad.txt:1: 'tap' needs a widget id"));
  CHECK_THAT(bad("screenshot   \n"), Catch::StartsWith("bad.txt:1: 'screenshot' needs"));
  CHECK_FALSE(kiosk::load_script("/nonexistent/x.script").ok());
}

TEST_CASE("a script walks through screens by tapping widget ids", "[kiosk][script]") {
  Kiosk k;
  HeadlessScriptHost host(k);
  auto st = play(k, host,
                 "tap lang.ar\n"
                 "expect home.rights\n"
                 "screenshot home.png\n"
                 "tap home.safety\n"
                 "screenshot warnings.png\n"
                 "tap nav.back\n"
                 "tap home.search\n"
                 "type visa\n"
                 "key Backspace\n"
                 "screenshot search.png\n"
                 "lang en\n"
                 "screen service:ep-health-clinic\n"
                 "tap service.phone.0\n"
                 "expect qr.close\n"
                 "screenshot qr.png\n"
                 "tap qr.close\n");
  REQUIRE(st.ok());
  CHECK(host.shots == std::vector<std::string>{"home.png", "warnings.png", "search.png", "qr.png"});
  CHECK(host.screens_at_shot == std::vector<std::string>{"home", "warnings", "search", "service:ep-health-clinic"});
  CHECK(k.app->session().lang == "en");
  CHECK(k.app->session().search.text == "vis");
  CHECK(k.app->session().qr.empty());
}

TEST_CASE("a script's wait moves the fake clock: the idle dialog, Continue, then the reset", "[kiosk][script]") {
  Kiosk k;
  HeadlessScriptHost host(k);
  REQUIRE(play(k, host, "lang en\nscreen warnings\nwait 95\nexpect idle.continue\ntap idle.continue\n").ok());
  CHECK_FALSE(k.app->idle_dialog_open());
  CHECK(k.screen() == kiosk::ScreenId::Warnings);
  REQUIRE(play(k, host, "wait 89\n").ok());
  CHECK_FALSE(k.app->idle_dialog_open());
  REQUIRE(play(k, host, "wait 2\n").ok());
  CHECK(k.app->idle_dialog_open());
  REQUIRE(play(k, host, "wait 40\n").ok());
  CHECK_FALSE(k.app->idle_dialog_open());
  CHECK(k.app->session().pristine());
  CHECK(k.screen() == kiosk::ScreenId::Welcome);
}

TEST_CASE("a script scrolls like a finger: a drag that starts on a tile scrolls and opens nothing", "[kiosk][script]") {
  Kiosk k;
  HeadlessScriptHost host(k);
  REQUIRE(play(k, host, "lang en\nscreen warnings\nexpect warning.signs-of-trafficking\n").ok());
  const float help_y = k.rect("article.get_help").cy();
  REQUIRE(help_y > 800);  // below the fold at 1280x800
  // The middle of the screen is on a warning's tile: dragging must not open it.
  REQUIRE(play(k, host, "scroll 200\n").ok());
  CHECK(k.screen() == kiosk::ScreenId::Warnings);
  const float moved = help_y - k.rect("article.get_help").cy();
  CHECK(moved > 150);
  CHECK(moved <= 200);
  REQUIRE(play(k, host, "scroll 2000\ntap article.get_help\n").ok());
  CHECK(k.screen() == kiosk::ScreenId::Emergency);
  auto bad = kiosk::parse_script("scroll far\n", "s");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::StartsWith("s:1: 'scroll' takes a whole number of pixels"));
}

TEST_CASE("a script step on a widget that is not on screen names FILE:LINE and lists ids", "[kiosk][script]") {
  Kiosk k;
  HeadlessScriptHost host(k);
  auto st = play(k, host, "# start\nlang en\ntap home.nowhere\nscreenshot never.png\n");
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::StartsWith("demo.script:3: no widget 'home.nowhere' on screen 'home'") &&
                                     Catch::Contains("home.rights"));
  CHECK(host.shots.empty());  // stopped at the failing step
  auto lang = play(k, host, "lang xx\n");
  REQUIRE_FALSE(lang.ok());
  CHECK_THAT(lang.error().message, Catch::StartsWith("demo.script:1: language 'xx' is not offered"));
  auto screen = play(k, host, "\nscreen nowhere\n");
  REQUIRE_FALSE(screen.ok());
  CHECK_THAT(screen.error().message, Catch::StartsWith("demo.script:2: unknown screen 'nowhere'"));
}

}  // namespace faro::test
