// Content hash, deltas and compression.
#include <catch2/catch.hpp>

#include <filesystem>

#include "content/source.h"
#include "content/store.h"
#include "support/fixtures.h"
#include "sync/snapshot.h"

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
