// The demo content meets the bar the project set for it: complete in English
// and Spanish, translated into the kiosk's other languages, with only
// fictional phone numbers.
#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "content/source.h"
#include "content/store.h"
#include "support/fixtures.h"

using namespace faro::content;
using faro::test::TempDir;

namespace {

const std::vector<std::string> kLanguages = {"en", "es", "fr", "pt",      "ht", "ar", "fa",
                                             "ps", "hi", "bn", "zh-Hans", "ru", "am", "quc"};

struct DemoDb {
  TempDir dir;
  std::unique_ptr<Store> store;
  DemoDb() {
    auto s = Store::open(faro::test::build_db(faro::test::demo_tree(), dir));
    REQUIRE(s.ok());
    store = std::move(*s);
  }
};

}  // namespace

TEST_CASE("the demo content validates", "[demo]") {
  TreeStats stats;
  auto diags = validate_tree(faro::test::demo_tree().string(), &stats);
  for (const auto& d : diags) UNSCOPED_INFO(d.to_string());
  CHECK(diags.empty());
  CHECK(stats.articles >= 14);
  CHECK(stats.services >= 40);
  CHECK(stats.centres >= 3);
  CHECK(stats.languages == kLanguages.size());
}

TEST_CASE("every demo article is complete in English and Spanish and translated", "[demo]") {
  DemoDb db;
  std::set<std::string> ids;
  for (auto kind : {ArticleKind::Info, ArticleKind::Warning, ArticleKind::Emergency}) {
    auto list = db.store->articles_of_kind(kind, "en");
    REQUIRE(list.ok());
    for (const auto& a : *list) ids.insert(a.id);
  }
  REQUIRE(ids.size() >= 14);
  for (const auto& id : ids) {
    INFO(id);
    auto en = db.store->article(id, "en");
    REQUIRE(en.ok());
    CHECK(en->title.lang == "en");
    CHECK(en->status == TranslationStatus::Reviewed);
    auto es = db.store->article(id, "es");
    REQUIRE(es.ok());
    CHECK(es->title.lang == "es");
    for (const auto& lang : kLanguages) {
      if (lang == "quc") continue;  // partial on purpose: exercises fallback
      INFO(lang);
      auto a = db.store->article(id, lang);
      REQUIRE(a.ok());
      CHECK(a->title.lang == lang);
    }
    // K'iche' either has its own text or falls back to Spanish, never English.
    auto quc = db.store->article(id, "quc");
    REQUIRE(quc.ok());
    CHECK((quc->title.lang == "quc" || quc->title.lang == "es"));
  }
}

TEST_CASE("the demo's warnings cover trafficking and smuggling", "[demo]") {
  DemoDb db;
  auto warnings = db.store->articles_of_kind(ArticleKind::Warning, "en");
  REQUIRE(warnings.ok());
  std::set<std::string> ids;
  for (const auto& w : *warnings) {
    ids.insert(w.id);
    CHECK(w.severity != Severity::None);
  }
  CHECK(ids.count("signs-of-trafficking"));
  CHECK(ids.count("smuggling-dangers"));
}

TEST_CASE("topics, categories and interface strings exist in every language", "[demo]") {
  DemoDb db;
  auto en_ui = db.store->ui_strings("en");
  REQUIRE(en_ui.ok());
  for (const auto& lang : kLanguages) {
    INFO(lang);
    auto topics = db.store->topic_tree(lang);
    REQUIRE(topics.ok());
    for (const auto& t : *topics) CHECK(t.title.lang == lang);
    auto cats = db.store->categories(lang);
    REQUIRE(cats.ok());
    for (const auto& c : *cats) CHECK(c.name.lang == lang);
    auto ui = db.store->ui_strings(lang);
    REQUIRE(ui.ok());
    CHECK(ui->size() == en_ui->size());
    if (lang != "quc") {
      for (const auto& [key, text] : *ui) {
        INFO(key);
        CHECK(text.lang == lang);
      }
    }
  }
}

TEST_CASE("demo services are fictional samples", "[demo]") {
  DemoDb db;
  ServiceQuery q;
  q.lang = "en";
  q.include_inactive = true;
  auto list = db.store->services(q);
  REQUIRE(list.ok());
  REQUIRE(list->size() >= 40);
  std::set<std::string> centres;
  static const std::regex fictional(R"(^\+1[2-9][0-9]{2}55501[0-9]{2}$)");
  for (const auto& s : *list) {
    INFO(s.id);
    centres.insert(s.centre);
    CHECK_THAT(s.name.text, Catch::Contains("(sample)"));
    auto full = db.store->service(s.id, "es");
    REQUIRE(full.ok());
    CHECK(full->name.lang == "es");
    CHECK(full->description.lang == "es");
    for (const auto& p : full->phones) CHECK(std::regex_match(p.number, fictional));
  }
  CHECK(centres.size() == 3);
  auto all_centres = db.store->centres("en");
  REQUIRE(all_centres.ok());
  for (const auto& c : *all_centres)
    for (const auto& e : c.emergency) CHECK((e.number == "911" || std::regex_match(e.number, fictional)));
}
