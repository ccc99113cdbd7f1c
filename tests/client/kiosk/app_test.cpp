// The kiosk driven like a visitor would: synthetic touches and keys in a
// headless ImGui context, assertions on the session and the layout.
#include <set>

#include "kiosk_support.h"

using namespace faro;
using kiosk::ScreenId;
using test::Kiosk;

TEST_CASE("choosing a language on the welcome screen opens home in that language", "[kiosk][app]") {
  Kiosk k;
  k.frame();
  REQUIRE(k.screen() == ScreenId::Welcome);
  CHECK(k.app->session().lang.empty());
  k.tap("lang.es");
  k.frame();
  CHECK(k.app->session().lang == "es");
  CHECK(k.screen() == ScreenId::Home);
  CHECK(k.has("home.rights"));
}

TEST_CASE("choosing Arabic mirrors the layout", "[kiosk][app][rtl]") {
  auto layout_of = [](const std::string& lang) {
    Kiosk k;
    k.frame();
    k.tap("lang." + lang);
    k.frame();
    k.tap("home.services");
    k.frame();
    REQUIRE(k.screen() == ScreenId::Directory);
    return std::make_pair(k.app->rtl(), k.app->rects());
  };
  auto [en_rtl, en] = layout_of("en");
  auto [ar_rtl, ar] = layout_of("ar");
  CHECK_FALSE(en_rtl);
  CHECK(ar_rtl);
  const float mid = 1280 / 2.f;
  // Back sits on the start side, Emergency on the end side.
  CHECK(en.at("nav.back").cx() < mid);
  CHECK(ar.at("nav.back").cx() > mid);
  CHECK(en.at("nav.emergency").cx() > mid);
  CHECK(ar.at("nav.emergency").cx() < mid);
  // Chips run from the start side: "all types" first, then the categories.
  CHECK(en.at("filter.category.all").x0 < en.at("filter.category.legal-aid").x0);
  CHECK(ar.at("filter.category.all").x0 > ar.at("filter.category.legal-aid").x0);
  CHECK(en.at("filter.open_now").x0 < 100);
  CHECK(ar.at("filter.open_now").x1 > 1280 - 100);
}

TEST_CASE("home tiles are in reading order and mirrored for Arabic", "[kiosk][app][rtl]") {
  for (const char* lang : {"en", "ar"}) {
    Kiosk k;
    REQUIRE(k.app->start(lang, "home").ok());
    k.frame();
    const bool rtl = std::string(lang) == "ar";
    auto rights = k.rect("home.rights"), safety = k.rect("home.safety");
    CHECK(rights.y0 == safety.y0);
    CHECK((rtl ? rights.x0 > safety.x0 : rights.x0 < safety.x0));
    CHECK(rights.y1 - rights.y0 >= 48);  // touch target
  }
}

TEST_CASE("back, home and the navigation stack", "[kiosk][app]") {
  Kiosk k;
  REQUIRE(k.app->start("en", "home").ok());
  k.frame();
  k.tap("home.rights");
  k.frame();
  REQUIRE(k.screen() == ScreenId::Topic);
  k.tap("topic.rights-legal");
  k.frame();
  CHECK(k.app->session().nav.depth() == 3);
  k.tap("nav.back");
  k.frame();
  CHECK(k.app->session().nav.top().arg == "rights");
  k.tap("topic.rights-consular");
  k.frame();
  k.tap("nav.home");
  k.frame();
  CHECK(k.screen() == ScreenId::Home);
  CHECK(k.app->session().nav.depth() == 1);
}

TEST_CASE("emergency is one touch from every screen", "[kiosk][app]") {
  for (const char* screen : {"welcome", "home", "rights", "warnings", "directory", "search"}) {
    Kiosk k;
    REQUIRE(k.app->start("en", screen).ok());
    k.frame();
    k.tap("nav.emergency");
    k.frame();
    CHECK(k.screen() == ScreenId::Emergency);
    CHECK(k.has("emergency.number.0"));
  }
}

TEST_CASE("the idle timeout warns, counts down at least 20 s, then forgets the visitor", "[kiosk][app][privacy]") {
  Kiosk k;
  k.frame();
  k.tap("lang.ar");
  k.frame();
  k.tap("home.search");
  k.frame();
  k.type("محامي");
  k.frame();
  REQUIRE(k.app->session().search.text == "محامي");
  REQUIRE(k.app->session().nav.depth() == 2);
  // Not yet: 89 s of no input.
  k.clock.advance(89);
  k.frame();
  CHECK_FALSE(k.app->idle_dialog_open());
  k.clock.advance(2);
  k.frame();
  REQUIRE(k.app->idle_dialog_open());
  CHECK(k.app->idle_seconds_left() >= 20);
  // "Continue" keeps everything.
  k.tap("idle.continue");
  k.frame();
  CHECK_FALSE(k.app->idle_dialog_open());
  CHECK(k.app->session().search.text == "محامي");
  // Then walk away for good.
  k.clock.advance(91);
  k.frame();
  REQUIRE(k.app->idle_dialog_open());
  k.clock.advance(19);
  k.frame();
  CHECK(k.app->idle_dialog_open());  // still counting: at least 20 s
  k.clock.advance(12);
  k.frame();
  CHECK_FALSE(k.app->idle_dialog_open());
  CHECK(k.app->session().lang.empty());
  CHECK(k.app->session().search.text.empty());
  CHECK(k.app->session().nav.depth() == 1);
  CHECK(k.screen() == ScreenId::Welcome);
  CHECK(k.app->session().pristine());
  CHECK_FALSE(k.app->rtl());  // the welcome screen is in the centre's first language (es)
}

TEST_CASE("input while the kiosk is in use keeps the idle dialog away", "[kiosk][app][privacy]") {
  Kiosk k;
  REQUIRE(k.app->start("en", "search").ok());
  for (int i = 0; i < 5; ++i) {
    k.clock.advance(60);
    k.type("a");
  }
  k.frame();
  CHECK_FALSE(k.app->idle_dialog_open());
  CHECK(k.app->session().search.text == "aaaaa");
}

TEST_CASE("Finish clears the session at once", "[kiosk][app][privacy]") {
  Kiosk k;
  REQUIRE(k.app->start("fr", "directory").ok());
  k.frame();
  k.tap("filter.free");
  k.frame();
  REQUIRE(k.app->session().filters.free_only);
  k.tap("nav.finish");
  k.frame();
  CHECK(k.app->session().pristine());
  CHECK(k.screen() == ScreenId::Welcome);
}

TEST_CASE("the on-screen keyboard types into search and the results follow", "[kiosk][app][search]") {
  Kiosk k;
  REQUIRE(k.app->start("en", "search").ok());
  k.frame();
  CHECK_FALSE(k.has("search.hit.0"));
  for (const char* key : {"l", "a", "w", "y", "e", "r"}) {
    k.tap(std::string("kb.key.") + key);
  }
  k.frame();
  CHECK(k.app->session().search.text == "lawyer");
  REQUIRE(k.has("search.hit.0"));
  k.tap("kb.backspace");
  k.frame();
  CHECK(k.app->session().search.text == "lawye");
  CHECK(k.has("search.hit.0"));  // prefix search: still results
  k.tap("search.hit.0");
  k.frame();
  CHECK((k.screen() == ScreenId::Article || k.screen() == ScreenId::Service));
}

TEST_CASE("the keyboard layout follows the language", "[kiosk][app][search]") {
  struct Case {
    const char* lang;
    const char* key;
  };
  for (auto c : {Case{"ar", "ب"}, Case{"ru", "д"}, Case{"hi", "क"}, Case{"es", "ñ"}, Case{"fa", "پ"}}) {
    Kiosk k;
    REQUIRE(k.app->start(c.lang, "search").ok());
    k.frame();
    INFO(c.lang);
    REQUIRE(k.has(std::string("kb.key.") + c.key));
    k.tap(std::string("kb.key.") + c.key);
    k.frame();
    CHECK(k.app->session().search.text == c.key);
  }
  // Arabic can switch to Latin (names of places and organisations).
  Kiosk k;
  REQUIRE(k.app->start("ar", "search").ok());
  k.frame();
  k.tap("kb.layout");
  k.frame();
  CHECK(k.has("kb.key.q"));
}

TEST_CASE("a physical keyboard types into search too", "[kiosk][app][search]") {
  Kiosk k;
  REQUIRE(k.app->start("es", "search").ok());
  k.frame();
  k.type("abogado");
  k.frame();
  CHECK(k.app->session().search.text == "abogado");
  CHECK(k.has("search.hit.0"));
}

TEST_CASE("every screen renders in every demo language with no missing UI string", "[kiosk][app][strings]") {
  // The main screens plus one topic, article (a warning), and service.
  std::vector<std::string> screens = {"welcome",
                                      "home",
                                      "rights",
                                      "warnings",
                                      "directory",
                                      "emergency",
                                      "search",
                                      "topic:safety",
                                      "article:signs-of-trafficking",
                                      "article:due-process"};
  {
    auto store = test::open_demo();
    content::ServiceQuery q;
    q.lang = "en";
    q.centre = "el-paso-sample";
    auto sv = store->services(q);
    REQUIRE(sv.ok());
    REQUIRE(!sv->empty());
    screens.push_back("service:" + sv->front().id);
  }
  Kiosk k;
  for (const auto& lang : test::demo_languages()) {
    for (const auto& screen : screens) {
      INFO(lang << " " << screen);
      REQUIRE(k.app->start(lang, screen).ok());
      k.frame();
      k.frame();
      CHECK(k.app->rects().size() >= 2);  // drew something tappable
      CHECK(k.has("nav.emergency"));
    }
  }
  CHECK(k.app->missing_strings().empty());
  for (const auto& m : k.app->missing_strings()) WARN("missing " << m);
}

TEST_CASE("an unknown screen or language is an error, not a crash", "[kiosk][app]") {
  Kiosk k;
  CHECK_FALSE(k.app->start("en", "nowhere").ok());
  CHECK_FALSE(k.app->start("xx", "home").ok());
  CHECK(k.app->start("en", "article:no-such-article").ok());
  k.frame();  // shows error.generic
  CHECK(k.has("nav.back"));
}

TEST_CASE("with a background worker the directory never blocks a frame and fills in later",
          "[kiosk][app][background]") {
  Kiosk k({}, 1280, 4000);  // tall enough for every row of the centre
  auto bg = kiosk::Background::open(test::demo_db(), "el-paso-sample");
  REQUIRE(bg.ok());
  k.app->set_background(bg->get());
  REQUIRE(k.app->start("en", "directory").ok());
  k.frame();
  // The query was posted; its result is only taken at the start of a frame.
  CHECK_FALSE(k.has("filter.open_now"));
  (*bg)->wait_idle();
  k.frame();
  REQUIRE(k.has("filter.open_now"));
  auto rows = [&] {
    size_t n = 0;
    for (const auto& [id, r] : k.app->rects()) n += id.rfind("service.", 0) == 0;
    return n;
  };
  const size_t all = rows();
  REQUIRE(all > 10);
  k.tap("filter.category.legal-aid");
  // While the new query runs, the previous results stay on screen.
  CHECK(k.app->session().filters.category == "legal-aid");
  (*bg)->wait_idle();
  k.frame();
  CHECK(rows() < all);
  CHECK(rows() > 0);
  // A result that arrives after its screen is gone is dropped safely.
  k.tap("filter.category.all");
  k.tap("nav.home");
  (*bg)->wait_idle();
  k.frame();
  CHECK(k.screen() == ScreenId::Home);
}

TEST_CASE("a background worker on a missing database fails with its name", "[kiosk][background]") {
  auto bg = kiosk::Background::open("/nonexistent/content.db", "");
  REQUIRE_FALSE(bg.ok());
  CHECK(bg.error().message.find("/nonexistent/content.db") != std::string::npos);
}

TEST_CASE("tapping a phone number shows it as a take-away QR code", "[kiosk][app][qr]") {
  Kiosk k;
  REQUIRE(k.app->start("ar", "emergency").ok());
  k.frame();
  k.tap("emergency.number.0");
  k.frame();
  CHECK(k.app->session().qr == "tel:911");
  CHECK(k.has("qr.code"));
  k.tap("qr.close");
  k.frame();
  CHECK(k.app->session().qr.empty());
  CHECK_FALSE(k.has("qr.code"));
  // A service's phone, then Finish forgets it like everything else.
  REQUIRE(k.app->start("en", "service:ep-health-clinic").ok());
  k.frame();
  k.tap("service.phone.0");
  k.frame();
  CHECK(k.app->session().qr.rfind("tel:+1", 0) == 0);
  CHECK(k.has("qr.code"));
  k.app->session().qr.clear();
  k.frame();
  k.tap("nav.finish");
  k.frame();
  CHECK(k.app->session().pristine());
}

TEST_CASE("the language-spoken filter offers the centre's languages by their own names", "[kiosk][app][directory]") {
  Kiosk k;
  REQUIRE(k.app->start("es", "directory").ok());
  k.frame();
  CHECK_FALSE(k.has("filter.language.ar"));
  k.tap("filter.language");
  k.frame();
  REQUIRE(k.has("filter.language.ar"));
  REQUIRE(k.has("filter.language.hi"));
  k.tap("filter.language.ar");
  k.frame();
  CHECK(k.app->session().filters.spoken == "ar");
  CHECK_FALSE(k.has("filter.language.hi"));  // the picker closed
  k.tap("filter.language");
  k.frame();
  k.tap("filter.language.any");
  k.frame();
  CHECK(k.app->session().filters.spoken.empty());
}

namespace {
bool inside(const kiosk::Rect& inner, const kiosk::Rect& outer) {
  return inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 && inner.y1 <= outer.y1;
}
}  // namespace

TEST_CASE("a warning's last section is its what-to-do, and without one the body is kept whole", "[kiosk][warnings]") {
  auto p = kiosk::split_warning(
      "Intro.\n\n## Signs\n\n- one\n\n```\n## not a heading\n```\n\n## What to do ##\n\n- Call.\n");
  CHECK(p.heading == "What to do");
  CHECK(p.what_to_do == "\n- Call.\n");
  CHECK(p.body == "Intro.\n\n## Signs\n\n- one\n\n```\n## not a heading\n```\n\n");
  auto none = kiosk::split_warning("Only a paragraph.\n### small heading\n");
  CHECK(none.heading.empty());
  CHECK(none.body == "Only a paragraph.\n### small heading\n");
}

TEST_CASE("every warning ends with what to do and a one-touch path to help, in every language", "[kiosk][warnings]") {
  Kiosk k;
  auto warnings = kiosk::load_warnings(*k.store, "en");
  REQUIRE(warnings.ok());
  REQUIRE(warnings->size() >= 4);
  for (const auto& lang : test::demo_languages()) {
    for (const auto& w : *warnings) {
      CAPTURE(lang, w.id);
      auto a = k.store->article(w.id, lang);
      REQUIRE(a.ok());
      auto parts = kiosk::split_warning(a->body_markdown);
      CHECK_FALSE(parts.heading.empty());  // the demo's warnings all end with "## What to do"
      CHECK(parts.what_to_do.find("- ") != std::string::npos);
      REQUIRE(k.app->start(lang, "article:" + w.id).ok());
      k.frame();
      k.frame();
      REQUIRE(k.has("article.what_to_do"));
      REQUIRE(k.has("article.get_help"));
      CHECK(inside(k.rect("article.get_help"), k.rect("article.what_to_do")));
    }
    // The list of warnings ends the same way.
    REQUIRE(k.app->start(lang, "warnings").ok());
    k.frame();
    k.frame();
    CHECK(k.has("article.what_to_do"));
    CHECK(k.has("article.get_help"));
  }
  CHECK(k.app->missing_strings().empty());
  // One touch from the block to the emergency numbers (a screen tall enough to show it).
  Kiosk tall({}, 1280, 6000);
  REQUIRE(tall.app->start("ar", "article:smuggling-dangers").ok());
  tall.frame();
  tall.frame();
  REQUIRE(tall.rect("article.get_help").cy() < 6000);
  tall.tap("article.get_help");
  tall.frame();
  CHECK(tall.screen() == ScreenId::Emergency);
}

TEST_CASE("the service page shows website and email, each a take-away QR code", "[kiosk][service]") {
  Kiosk k({}, 1280, 2000);
  REQUIRE(k.app->start("en", "service:ep-immigration-legal-help").ok());
  k.frame();
  k.frame();  // the layout settles after the first frame
  REQUIRE(k.has("service.website"));
  REQUIRE(k.has("service.email"));
  k.tap("service.email");
  k.frame();
  CHECK(k.app->session().qr == "mailto:court@ep-legal.example.org");
  k.tap("qr.close");
  k.frame();
  k.tap("service.website");
  k.frame();
  CHECK(k.app->session().qr == "https://ep-legal.example.org/court-help");
  // A service with neither has no rows.
  REQUIRE(k.app->start("en", "service:ep-dental-eye-care").ok());
  k.app->session().qr.clear();
  k.frame();
  CHECK_FALSE(k.has("service.website"));
  CHECK_FALSE(k.has("service.email"));
}

TEST_CASE("the service page's phone buttons wrap inside the text column, never under the QR code",
          "[kiosk][service][rtl]") {
  for (const char* lang : {"en", "ar"}) {
    CAPTURE(lang);
    Kiosk k({}, 900, 700);
    REQUIRE(k.app->start(lang, "service:ep-helpline-24h").ok());
    k.app->session().text_size = 2;  // the largest text: the buttons must wrap
    k.frame();
    k.frame();
    auto qr = k.rect("service.qr");
    int n = 0;
    float first_y = -1;
    bool wrapped = false;
    for (; k.has("service.phone." + std::to_string(n)); ++n) {
      auto r = k.rect("service.phone." + std::to_string(n));
      if (std::string(lang) == "ar")
        CHECK(r.x0 >= qr.x1);
      else
        CHECK(r.x1 <= qr.x0);
      if (first_y < 0) first_y = r.y0;
      wrapped = wrapped || r.y0 > first_y;
    }
    CHECK(n == 3);
    CHECK(wrapped);
  }
}

TEST_CASE("upright (1080x1920): the top bar's buttons fit in one row in every language, tiles use the height",
          "[kiosk][app][portrait]") {
  Kiosk k({}, 1080, 1920);
  const char* bar[] = {"nav.back", "nav.home", "nav.language", "nav.finish", "nav.emergency"};
  for (const auto& lang : test::demo_languages()) {
    CAPTURE(lang);
    REQUIRE(k.app->start(lang, "rights").ok());
    k.frame();
    k.frame();
    for (size_t i = 0; i < std::size(bar); ++i) {
      auto a = k.rect(bar[i]);
      CHECK(a.x0 >= 0);
      CHECK(a.x1 <= 1080);
      CHECK(a.x1 - a.x0 >= 48);
      for (size_t j = i + 1; j < std::size(bar); ++j) {
        auto b = k.rect(bar[j]);
        CAPTURE(bar[i], bar[j]);
        CHECK((a.x1 <= b.x0 || b.x1 <= a.x0));  // side by side, never overlapping
      }
    }
    // Home: two columns of tiles taller than in landscape, all on screen.
    REQUIRE(k.app->start(lang, "home").ok());
    k.frame();
    k.frame();
    auto rights = k.rect("home.rights"), safety = k.rect("home.safety"), search = k.rect("home.search");
    CHECK(std::abs(rights.y0 - safety.y0) < 1);  // side by side
    CHECK(rights.y1 - rights.y0 > 8 * 22 * 1.2f);
    CHECK(search.y1 < 1920 - 100);
  }
}

TEST_CASE("the idle dialog's buttons stay inside its box, also mirrored", "[kiosk][app][privacy][rtl]") {
  for (const char* lang : {"en", "ar"}) {
    CAPTURE(lang);
    Kiosk k;
    REQUIRE(k.app->start(lang, "home").ok());
    k.frame();
    k.clock.advance(95);
    k.frame();
    k.frame();
    REQUIRE(k.app->idle_dialog_open());
    auto c = k.rect("idle.continue"), f = k.rect("idle.finish");
    // The box is centred and at most 30 em (22 px x 1.0 at 1280x800) wide.
    const float half = 30 * 22 / 2.f;
    for (const auto& r : {c, f}) {
      CHECK(r.x0 >= 640 - half);
      CHECK(r.x1 <= 640 + half);
    }
    if (std::string(lang) == "ar")
      CHECK(c.x0 > f.x1);  // Continue on the start (right) side
    else
      CHECK(c.x1 < f.x0);
  }
}

TEST_CASE("right to left, the page's scroll bar is on the left and the content clear of it", "[kiosk][app][rtl]") {
  Kiosk k;
  REQUIRE(k.app->start("ar", "directory").ok());
  k.frame();
  k.frame();
  REQUIRE(k.has("body.scrollbar"));
  auto bar = k.rect("body.scrollbar");
  CHECK(bar.x0 < 1);
  CHECK(bar.x1 - bar.x0 > 10);
  int rows = 0;
  for (const auto& [id, r] : k.app->rects()) {
    if (id.rfind("service.", 0) != 0) continue;
    CAPTURE(id);
    CHECK(r.x0 > bar.x1);
    CHECK(r.x1 < 1280 - 10);  // the usual padding on the right, no bar there
    ++rows;
  }
  CHECK(rows > 2);
  // Left to right ImGui draws its own (on the right); a page that fits has none.
  REQUIRE(k.app->start("en", "directory").ok());
  k.frame();
  k.frame();
  CHECK_FALSE(k.has("body.scrollbar"));
  REQUIRE(k.app->start("ar", "home").ok());
  k.frame();
  k.frame();
  CHECK_FALSE(k.has("body.scrollbar"));
}
