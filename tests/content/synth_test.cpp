// The synthetic tree generator writes trees the validator accepts.
#include "content/synth.h"

#include <catch2/catch.hpp>

#include "content/source.h"
#include "content/store.h"
#include "support/fixtures.h"

using namespace faro::content;
using faro::test::TempDir;

TEST_CASE("a synthetic tree is valid and builds", "[synth]") {
  TempDir d;
  SynthOptions o;
  o.services = 300;
  o.languages = 30;
  o.articles = 4;
  o.centres = 5;
  REQUIRE(write_synthetic_tree(o, (d / "tree").string()).ok());
  auto r = build_database((d / "tree").string(), (d / "c.db").string());
  REQUIRE(r.ok());
  for (const auto& diag : r->diagnostics) UNSCOPED_INFO(diag.to_string());
  CHECK(r->diagnostics.empty());
  CHECK(r->stats.services == 300);
  CHECK(r->stats.languages == 30);
  auto store = Store::open((d / "c.db").string());
  REQUIRE(store.ok());
  ServiceQuery q;
  q.lang = "ar";
  CHECK((*store)->services(q)->size() == 300);
}

TEST_CASE("synthetic output is deterministic per seed", "[synth]") {
  TempDir d;
  SynthOptions o;
  o.services = 50;
  o.languages = 8;
  o.articles = 2;
  o.centres = 2;
  REQUIRE(write_synthetic_tree(o, (d / "a").string()).ok());
  REQUIRE(write_synthetic_tree(o, (d / "b").string()).ok());
  CHECK(faro::test::read_file(d / "a/services/centre-1.yaml") == faro::test::read_file(d / "b/services/centre-1.yaml"));
  CHECK_FALSE(write_synthetic_tree(o, (d / "a").string()).ok());  // not empty
}
