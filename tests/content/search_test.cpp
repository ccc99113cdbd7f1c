// Full-text search: folding, scripts without spaces, prefixes, ranking and
// hostile input.
#include <algorithm>
#include <catch2/catch.hpp>

#include "content/store.h"
#include "support/fixtures.h"

using namespace faro::content;
using faro::test::TempDir;

namespace {

struct SearchDb {
  TempDir dir;
  std::unique_ptr<Store> store;
  SearchDb() {
    auto s = Store::open(faro::test::build_db(faro::test::mini_tree(), dir));
    REQUIRE(s.ok());
    store = std::move(*s);
  }
  std::vector<std::string> find(const std::string& q, const std::string& lang = "en") {
    auto hits = store->search(q, lang, 20);
    REQUIRE(hits.ok());
    std::vector<std::string> out;
    for (const auto& h : *hits) out.push_back((h.kind == SearchHit::Kind::Article ? "a:" : "s:") + h.id);
    return out;
  }
  bool finds(const std::string& q, const std::string& id, const std::string& lang = "en") {
    auto r = find(q, lang);
    return std::find(r.begin(), r.end(), id) != r.end();
  }
};

}  // namespace

TEST_CASE("search folds diacritics and case", "[search]") {
  SearchDb db;
  CHECK(db.finds("cafe", "s:clinic-ep"));
  CHECK(db.finds("CAFÉ", "s:clinic-ep"));
  CHECK(db.finds("nino", "s:legal-ep"));
  CHECK(db.finds("Niño", "s:legal-ep"));
  CHECK(db.finds("clinica", "s:clinic-ep", "es"));
}

TEST_CASE("search normalises Arabic", "[search]") {
  SearchDb db;
  // The document has "إرشادات" (hamza below) and "المستشفى" (article + alef maqsura).
  CHECK(db.finds("ارشادات", "a:trafficking-signs", "ar"));
  CHECK(db.finds("مستشفي", "a:trafficking-signs", "ar"));
  CHECK(db.finds("مُسْتَشْفَى", "a:trafficking-signs", "ar"));
  // Title with tashkeel, query without.
  CHECK(db.finds("علامات", "a:trafficking-signs", "ar"));
}

TEST_CASE("search folds apostrophe variants", "[search]") {
  SearchDb db;
  // The K'iche' text is written with U+2019.
  CHECK(db.finds("K'iche", "a:consulate", "quc"));
  CHECK(db.finds("Kʼiche", "a:consulate", "quc"));
  CHECK(db.finds("kiche", "a:consulate", "quc"));
}

TEST_CASE("Chinese is found without spaces", "[search]") {
  SearchDb db;
  CHECK(db.finds("法律援助", "s:legal-ep", "zh-Hans"));
  CHECK(db.finds("律援", "s:legal-ep", "zh-Hans"));
  CHECK(db.finds("领事馆", "a:consulate", "zh-Hans"));
  // Characters that are present but not adjacent are not a phrase match.
  CHECK_FALSE(db.finds("法助", "s:legal-ep", "zh-Hans"));
}

TEST_CASE("the last word matches as a prefix for type-ahead", "[search]") {
  SearchDb db;
  CHECK(db.finds("consul", "a:consulate"));
  CHECK(db.finds("c", "a:consulate"));
  CHECK(db.finds("pass", "a:trafficking-signs"));
  CHECK(db.finds("legal ai", "s:legal-ep"));
  // A trailing space ends the word: no prefix any more.
  CHECK_FALSE(db.finds("consul ", "a:consulate"));
  CHECK(db.finds("consulate ", "a:consulate"));
}

TEST_CASE("FTS5 syntax in a query is plain text", "[search]") {
  SearchDb db;
  for (const char* q : {"\"*^:(-NEAR", "NEAR(a b)", "a OR b", "title:consulate", "\"", "*", "(((", "-", "^c",
                        "consulate AND", "' OR 1=1 --", "{title}: x", "\\", "\x01"}) {
    INFO(q);
    auto r = db.store->search(q, "en", 10);
    REQUIRE(r.ok());
  }
  // Operators are words, not operators: "consulate NOT signs" needs the word "not".
  CHECK(db.find("consulate NOT passport").empty());
  // Column filters are not honoured: "title:consulate" is the words "title" and "consulate".
  CHECK(db.finds("consulate:", "a:consulate"));
}

TEST_CASE("empty and blank queries return nothing", "[search]") {
  SearchDb db;
  CHECK(db.find("").empty());
  CHECK(db.find("   ").empty());
  CHECK(db.find("¿?!").empty());
}

TEST_CASE("results come one per entity, titled in the asked language", "[search]") {
  SearchDb db;
  auto hits = db.store->search("legal", "es", 10);
  REQUIRE(hits.ok());
  std::vector<std::string> seen;
  for (const auto& h : *hits) {
    CHECK(std::find(seen.begin(), seen.end(), h.id) == seen.end());
    seen.push_back(h.id);
    if (h.id == "legal-ep") {
      CHECK(h.title.lang == "es");
      CHECK(h.title.text == "Clínica de Asistencia Legal Fronteriza (ejemplo)");
    }
  }
  CHECK(std::find(seen.begin(), seen.end(), "legal-ep") != seen.end());
}

TEST_CASE("titles outrank bodies and the asked language is boosted", "[search]") {
  SearchDb db;
  // "consulado" is in the Spanish title of one article and nowhere else's title.
  auto r = db.find("consulado", "es");
  REQUIRE_FALSE(r.empty());
  CHECK(r[0] == "a:consulate");
  // "clinic" is in two service names; both found, ranked by bm25.
  auto c = db.find("clinic");
  CHECK(std::count(c.begin(), c.end(), "s:clinic-ep") == 1);
  CHECK(std::count(c.begin(), c.end(), "s:legal-ep") == 1);
}

TEST_CASE("the limit is honoured", "[search]") {
  SearchDb db;
  auto r = db.store->search("e", "en", 2);
  REQUIRE(r.ok());
  CHECK(r->size() <= 2);
  CHECK(db.store->search("e", "en", 0)->empty());
}
