// Coverage: the demo content has a glyph for every character; missing ones
// are reported with where they occur.
#include "text/coverage.h"

#include <set>

#include "content/store.h"
#include "support/fixtures.h"
#include "test_support.h"
#include "text/content_texts.h"

using namespace faro;

TEST_CASE("every character of the demo content has a glyph", "[coverage]") {
  test::TempDir dir;
  auto db = test::build_db(test::demo_tree(), dir);
  auto store = content::Store::open(db);
  REQUIRE(store.ok());
  auto texts = text::collect_content_texts(**store);
  REQUIRE(texts.ok());
  // all 14 languages' texts are there: endonyms, articles, services, UI
  std::set<std::string> langs;
  for (const auto& t : *texts) langs.insert(t.lang);
  CHECK(langs.size() >= 14);
  CHECK(texts->size() > 1000);
  bool saw_arabic_body = false, saw_ui = false;
  for (const auto& t : *texts) {
    saw_arabic_body = saw_arabic_body || (t.lang == "ar" && t.where.find("body") != std::string::npos);
    saw_ui = saw_ui || t.where.rfind("ui ", 0) == 0;
  }
  CHECK(saw_arabic_body);
  CHECK(saw_ui);
  auto report = text::check_coverage(test::fonts(), *texts);
  INFO(text::format_report(report));
  CHECK(report.ok());
  CHECK(report.chars > 100000);
}

TEST_CASE("characters without a glyph are reported with where they occur", "[coverage]") {
  std::vector<text::LabelledText> texts = {
      {"article a [en] body", "en", "fine text \xEE\x80\x80 and \xF3\xB0\x80\x81"},  // U+E000, U+F0001
      {"ui x [ar]", "ar", "نص \xEE\x80\x80"},
      {"zwj and bidi marks need no glyph", "fa", "می\u200cخواهم \u2066+1 555\u2069"},
  };
  auto report = text::check_coverage(test::fonts(), texts);
  REQUIRE(report.missing.size() == 2);
  CHECK(report.missing[0].cp == 0xE000);
  CHECK(report.missing[0].count == 2);
  CHECK(report.missing[0].where == std::vector<std::string>{"article a [en] body", "ui x [ar]"});
  CHECK(report.missing[1].cp == 0xF0001);
  auto s = text::format_report(report);
  CHECK(s.find("U+E000") != std::string::npos);
  CHECK(s.find("2 times, in: article a [en] body; ui x [ar]") != std::string::npos);
}
