// Content hash, deltas and compression.
#include "sync/snapshot.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "content/service_record.h"
#include "content/source.h"
#include "content/store.h"
#include "support/fixtures.h"

using namespace faro;
using faro::test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("the content hash ignores derived data and build metadata", "[snapshot]") {
  TempDir d;
  auto a = content::build_database(test::mini_tree().string(), (d / "a.db").string());
  auto b = content::build_database(test::mini_tree().string(), (d / "b.db").string());
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  auto ha = sync::content_hash((d / "a.db").string());
  REQUIRE(ha.ok());
  CHECK(ha->size() == 64);
  CHECK(*sync::content_hash((d / "b.db").string()) == *ha);
  {
    auto s = content::Store::open((d / "b.db").string(), content::Store::Mode::ReadWrite);
    REQUIRE(s.ok());
    REQUIRE((*s)->set_meta("release", "42").ok());
    REQUIRE((*s)->rebuild_derived().ok());
  }
  CHECK(*sync::content_hash((d / "b.db").string()) == *ha);
}

TEST_CASE("a delta turns the old database into the new one", "[snapshot][delta]") {
  TempDir d;
  std::string src = (d / "src").string();
  test::copy_tree(test::mini_tree(), src);
  REQUIRE(content::build_database(src, (d / "old.db").string())->diagnostics.empty());
  std::string y = test::read_file(src + "/services/test.yaml");
  y.replace(y.find("\"+19155550102\""), 14, "\"+19155550199\"");
  y.replace(y.find("Free lawyers"), 12, "Free counsel");
  test::write_file(src + "/services/test.yaml", y);
  REQUIRE(content::build_database(src, (d / "new.db").string())->diagnostics.empty());
  auto delta = sync::make_delta((d / "old.db").string(), (d / "new.db").string());
  REQUIRE(delta.ok());
  CHECK(delta->size() > 0);
  CHECK(delta->size() < 2000);  // row-level, not a copy
  REQUIRE(sync::copy_file_synced((d / "old.db").string(), (d / "work.db").string()).ok());
  REQUIRE(sync::apply_delta((d / "work.db").string(), *delta).ok());
  CHECK(*sync::content_hash((d / "work.db").string()) == *sync::content_hash((d / "new.db").string()));

  SECTION("applying it twice conflicts and changes nothing") {
    std::string before = *sync::content_hash((d / "work.db").string());
    auto again = sync::apply_delta((d / "work.db").string(), *delta);
    CHECK_FALSE(again.ok());
    CHECK(*sync::content_hash((d / "work.db").string()) == before);
  }
  SECTION("an empty delta between equal databases") {
    auto none = sync::make_delta((d / "new.db").string(), (d / "new.db").string());
    REQUIRE(none.ok());
    CHECK(none->empty());
  }
}

TEST_CASE("zstd round-trips and refuses more than declared", "[snapshot][zstd]") {
  std::string data(100000, 'x');
  for (size_t i = 0; i < data.size(); i += 7) data[i] = static_cast<char>('a' + i % 26);
  auto packed = sync::compress(data);
  REQUIRE(packed.ok());
  CHECK(packed->size() < data.size());
  CHECK(*sync::decompress(*packed, data.size()) == data);
  CHECK_FALSE(sync::decompress(*packed, data.size() - 1).ok());
  CHECK_FALSE(sync::decompress(packed->substr(0, packed->size() / 2), data.size()).ok());
  CHECK_FALSE(sync::decompress("not zstd", 100).ok());
  TempDir d;
  test::write_file(d / "in", data);
  REQUIRE(sync::compress_file((d / "in").string(), (d / "in.zst").string()).ok());
  REQUIRE(sync::decompress_file((d / "in.zst").string(), (d / "out").string(), data.size()).ok());
  CHECK(test::read_file(d / "out") == data);
  CHECK_FALSE(sync::decompress_file((d / "in.zst").string(), (d / "out2").string(), 10).ok());
}

namespace {

// Every search result for every whole word of every title and name, as text.
std::set<std::string> search_everything(content::Store& s, const std::set<std::string>& words) {
  std::set<std::string> out;
  for (const auto& w : words)
    for (const char* lang : {"en", "es", "ar"}) {
      auto hits = s.search(w + " ", lang, 50);  // a trailing space: whole words, the FTS index
      REQUIRE(hits.ok());
      for (const auto& h : *hits) out.insert(std::string(lang) + "|" + w + "|" + h.id + "|" + h.title.text);
    }
  return out;
}

std::set<std::string> title_words(const std::string& db_path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(
      db, "SELECT text FROM tr WHERE field IN ('name', 'description') UNION ALL SELECT title FROM article_text", -1,
      &st, nullptr);
  std::set<std::string> words;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    std::string w;
    for (char c : t + " ") {
      if (c == ' ' || c == '(' || c == ')' || c == ',' || c == '.') {
        if (w.size() >= 4) words.insert(w);
        w.clear();
      } else {
        w += c;
      }
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return words;
}

std::multiset<std::string> search_docs(const std::string& db_path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT kind || '|' || entity || '|' || lang FROM search_doc", -1, &st, nullptr);
  std::multiset<std::string> out;
  while (sqlite3_step(st) == SQLITE_ROW) out.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("a delta re-indexes only what it touches, and search answers as after a full rebuild",
          "[snapshot][derived]") {
  TempDir d;
  std::string before_db = faro::test::build_db(faro::test::mini_tree(), d);
  std::string after_db = (d / "after.db").string(), kiosk_db = (d / "kiosk.db").string();
  fs::copy_file(before_db, after_db);
  {
    auto s = content::Store::open(after_db, content::Store::Mode::ReadWrite);
    REQUIRE(s.ok());
    // Renamed, closed for good, a new one, and an article's title in two languages.
    REQUIRE(content::write_service_fields(
                **s, "legal-ep",
                {{"name@en", "Bridge Immigration Lawyers (sample)"}, {"name@ar", "محامو الجسر للهجرة (عينة)"}})
                .ok());
    REQUIRE(content::write_service_fields(**s, "clinic-ep", {{"status", "inactive"}}).ok());
    REQUIRE(content::write_service_fields(
                **s, "night-ep",
                {{"organization", "org-test"}, {"categories", "shelter"}, {"name@en", "Overnight Refuge (sample)"}},
                "el-paso-test")
                .ok());
  }
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(after_db.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(
                db,
                "UPDATE article_text SET title = 'Consular help abroad' WHERE lang = 'en' AND article = 'consulate'",
                nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto delta = sync::make_delta(before_db, after_db);
  REQUIRE(delta.ok());
  // The reference: the new content with every derived row rebuilt.
  {
    auto s = content::Store::open(after_db, content::Store::Mode::ReadWrite);
    REQUIRE((*s)->rebuild_derived().ok());
  }
  // The kiosk: the old database, the delta, only the touched rows re-indexed.
  fs::copy_file(before_db, kiosk_db);
  auto scope = sync::derived_scope_of(kiosk_db, *delta);
  REQUIRE(scope.ok());
  CHECK_FALSE(scope->everything);
  CHECK(scope->services == std::set<std::string>{"clinic-ep", "legal-ep", "night-ep"});
  CHECK(scope->articles == std::set<std::string>{"consulate"});
  content::DerivedCapturePtr captured;
  {
    auto s = content::Store::open(kiosk_db);
    auto c = (*s)->capture_derived(*scope);
    REQUIRE(c.ok());
    captured = std::move(*c);
  }
  REQUIRE(sync::apply_delta(kiosk_db, *delta).ok());
  {
    auto s = content::Store::open(kiosk_db, content::Store::Mode::ReadWrite);
    REQUIRE((*s)->update_derived(*captured).ok());
    REQUIRE((*s)->integrity_check().ok());
  }
  CHECK(search_docs(kiosk_db) == search_docs(after_db));
  auto words = title_words(before_db);
  for (const auto& w : title_words(after_db)) words.insert(w);
  REQUIRE(words.size() > 20);
  auto kiosk = content::Store::open(kiosk_db);
  auto reference = content::Store::open(after_db);
  CHECK(search_everything(**kiosk, words) == search_everything(**reference, words));
  // An organization's new name is in many services' rows: everything.
  {
    std::string a = (d / "org-a.db").string(), b = (d / "org-b.db").string();
    fs::copy_file(before_db, a);
    fs::copy_file(before_db, b);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(b.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE tr SET text = 'Renamed Network' WHERE entity = 'organization' AND field = 'name'",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto od = sync::make_delta(a, b);
    REQUIRE(od.ok());
    CHECK(sync::derived_scope_of(a, *od)->everything);
  }
}
