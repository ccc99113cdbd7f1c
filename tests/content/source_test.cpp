// The authoring validator: one broken fixture per kind of error, each checked
// for the file and line it names; and the builder's all-or-nothing output.
#include "content/source.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "content/store.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using faro::content::Diagnostic;
using faro::test::TempDir;

namespace {

// A copy of the mini tree that a test may break.
struct BrokenTree {
  TempDir dir;
  fs::path root;
  BrokenTree() : root(dir / "src") { faro::test::copy_tree(faro::test::mini_tree(), root); }

  // Replaces the first `from` in `rel` by `to`; REQUIREs that `from` is there.
  void replace(const std::string& rel, const std::string& from, const std::string& to) {
    std::string s = faro::test::read_file(root / rel);
    auto pos = s.find(from);
    REQUIRE(pos != std::string::npos);
    s.replace(pos, from.size(), to);
    faro::test::write_file(root / rel, s);
  }
  // 1-based line of the first occurrence of `needle` in `rel`.
  int line_of(const std::string& rel, const std::string& needle) {
    std::string s = faro::test::read_file(root / rel);
    auto pos = s.find(needle);
    REQUIRE(pos != std::string::npos);
    return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(pos), '\n'));
  }
  std::vector<Diagnostic> validate() { return faro::content::validate_tree(root.string()); }
  std::string path(const std::string& rel) const { return (root / rel).string(); }
};

// REQUIREs exactly one diagnostic, at `path`:`line`, containing `text`.
void expect_one(const std::vector<Diagnostic>& diags, const std::string& path, int line, const std::string& text) {
  for (const auto& d : diags) UNSCOPED_INFO(d.to_string());
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].path == path);
  CHECK(diags[0].line == line);
  CHECK_THAT(diags[0].message, Catch::Contains(text));
  CHECK(diags[0].to_string() == path + ":" + std::to_string(line) + ": " + diags[0].message);
}

}  // namespace

TEST_CASE("the mini fixture tree is valid", "[source]") {
  auto diags = faro::content::validate_tree(faro::test::mini_tree().string());
  for (const auto& d : diags) UNSCOPED_INFO(d.to_string());
  CHECK(diags.empty());
}

TEST_CASE("malformed YAML is reported with its line", "[source]") {
  BrokenTree t;
  t.replace("topics.yaml", "    icon: flag\n", "    icon: [flag\n");
  auto diags = t.validate();
  REQUIRE(!diags.empty());
  CHECK(diags[0].path == t.path("topics.yaml"));
  CHECK_THAT(diags[0].message, Catch::Contains("malformed YAML"));
  CHECK(diags[0].line >= t.line_of("topics.yaml", "icon: [flag"));
}

TEST_CASE("malformed front matter is reported", "[source]") {
  SECTION("no closing line") {
    BrokenTree t;
    t.replace("articles/consulate/es.md", "reviewed: 2026-10-02\n---\n", "reviewed: 2026-10-02\n");
    expect_one(t.validate(), t.path("articles/consulate/es.md"), 1, "no closing '---'");
  }
  SECTION("bad YAML inside the front matter names the file's line") {
    BrokenTree t;
    t.replace("articles/consulate/es.md", "status: reviewed", "status: [reviewed");
    auto diags = t.validate();
    REQUIRE(!diags.empty());
    CHECK(diags[0].path == t.path("articles/consulate/es.md"));
    CHECK_THAT(diags[0].message, Catch::Contains("malformed YAML"));
    CHECK(diags[0].line >= t.line_of("articles/consulate/es.md", "status: [reviewed"));
  }
}

TEST_CASE("an undeclared language tag is reported", "[source]") {
  BrokenTree t;
  t.replace("categories.yaml", "name: {en: Health, es: Salud}", "name: {en: Health, de: Gesundheit}");
  expect_one(t.validate(), t.path("categories.yaml"), t.line_of("categories.yaml", "de: Gesundheit"),
             "unknown language 'de'");
}

TEST_CASE("a non-canonical language tag is reported with the canonical form", "[source]") {
  BrokenTree t;
  t.replace("categories.yaml", "name: {en: Health, es: Salud}", "name: {en: Health, ES: Salud}");
  expect_one(t.validate(), t.path("categories.yaml"), t.line_of("categories.yaml", "ES: Salud"),
             "not canonical; write 'es'");
}

TEST_CASE("a missing required field is reported at its entry", "[source]") {
  BrokenTree t;
  t.replace("services/test.yaml", "    last_verified: 2026-10-20\n", "");
  int line = t.line_of("services/test.yaml", "id: legal-sd");
  expect_one(t.validate(), t.path("services/test.yaml"), line, "missing required field 'last_verified'");
}

TEST_CASE("a duplicate id is reported with the first definition", "[source]") {
  BrokenTree t;
  t.replace("services/test.yaml", "id: legal-sd", "id: legal-ep");
  auto diags = t.validate();
  expect_one(diags, t.path("services/test.yaml"),
             t.line_of("services/test.yaml", "id: legal-ep\n    organization: org-test\n    centre: santo"),
             "duplicate service id 'legal-ep'");
  CHECK_THAT(diags[0].message, Catch::Contains(t.path("services/test.yaml") + ":" +
                                               std::to_string(t.line_of("services/test.yaml", "id: legal-ep"))));
}

TEST_CASE("links to missing articles and services are reported at their line", "[source]") {
  BrokenTree t;
  t.replace("articles/consulate/en.md", "(article:trafficking-signs)", "(article:no-such-article)");
  t.replace("articles/consulate/en.md", "(service:hotline)", "(service:no-such-service)");
  std::vector<Diagnostic> links;
  for (const auto& d : t.validate())
    if (d.message.find("link to") != std::string::npos) links.push_back(d);
  // (Changing the source also makes its translations stale; that is tested elsewhere.)
  REQUIRE(links.size() == 2);
  CHECK(links[0].path == t.path("articles/consulate/en.md"));
  CHECK(links[0].line == t.line_of("articles/consulate/en.md", "no-such-article"));
  CHECK_THAT(links[0].message, Catch::Contains("missing article 'no-such-article'"));
  CHECK(links[1].line == t.line_of("articles/consulate/en.md", "no-such-service"));
  CHECK_THAT(links[1].message, Catch::Contains("missing service 'no-such-service'"));
}

TEST_CASE("a phone number that is not E.164 is reported", "[source]") {
  BrokenTree t;
  t.replace("services/test.yaml", "\"+19155550102\"", "\"915-555-0102\"");
  expect_one(t.validate(), t.path("services/test.yaml"), t.line_of("services/test.yaml", "915-555-0102"), "not E.164");
}

TEST_CASE("impossible opening hours are reported", "[source]") {
  SECTION("hour out of range") {
    BrokenTree t;
    t.replace("services/test.yaml", "closes: \"20:00\"", "closes: \"25:00\"");
    expect_one(t.validate(), t.path("services/test.yaml"), t.line_of("services/test.yaml", "25:00"),
               "impossible time '25:00'");
  }
  SECTION("minutes out of range") {
    BrokenTree t;
    t.replace("services/test.yaml", "opens: \"08:00\"", "opens: \"08:60\"");
    expect_one(t.validate(), t.path("services/test.yaml"), t.line_of("services/test.yaml", "08:60"),
               "impossible time '08:60'");
  }
  SECTION("opens and closes at the same time") {
    BrokenTree t;
    t.replace("services/test.yaml", "closes: \"20:00\"", "closes: \"08:00\"");
    expect_one(t.validate(), t.path("services/test.yaml"),
               t.line_of("services/test.yaml", "days: [mo, tu, we, th, fr, sa]"), "opens and closes at the same time");
  }
}

TEST_CASE("invalid UTF-8 is reported at its line", "[source]") {
  BrokenTree t;
  t.replace("topics.yaml", "title: {en: Your consulate", "title: {en: Your \xC3\x28onsulate");
  expect_one(t.validate(), t.path("topics.yaml"), t.line_of("topics.yaml", "\xC3\x28"), "invalid UTF-8");
}

TEST_CASE("text that is not NFC is reported at its line", "[source]") {
  BrokenTree t;
  // "e" + combining acute instead of the precomposed "é".
  t.replace("categories.yaml", "Líneas de ayuda", "Li\xCC\x81neas de ayuda");
  expect_one(t.validate(), t.path("categories.yaml"), t.line_of("categories.yaml", "Li\xCC\x81neas"), "NFC");
}

TEST_CASE("a translation whose source changed is stale", "[source]") {
  BrokenTree t;
  t.replace("articles/consulate/en.md", "you can ask that", "you may ask that");
  auto diags = t.validate();
  for (const auto& d : diags) UNSCOPED_INFO(d.to_string());
  // Three translations of "consulate" now lag behind.
  REQUIRE(diags.size() == 3);
  for (const auto& d : diags) {
    CHECK(d.line == 1);
    CHECK_THAT(d.message, Catch::Contains("stale translation"));
  }
  CHECK(diags[0].path == t.path("articles/consulate/es.md"));

  SECTION("mark-translated records the new source and clears it") {
    REQUIRE(faro::content::mark_translated(t.root.string(), "consulate", "es").ok());
    REQUIRE(faro::content::mark_translated(t.root.string(), "consulate", "quc").ok());
    REQUIRE(faro::content::mark_translated(t.root.string(), "consulate", "zh-Hans").ok());
    CHECK(t.validate().empty());
  }
  SECTION("mark-translated refuses a source file") {
    CHECK_FALSE(faro::content::mark_translated(t.root.string(), "consulate", "en").ok());
  }
}

TEST_CASE("every problem is reported in one pass", "[source]") {
  BrokenTree t;
  t.replace("services/test.yaml", "\"+19155550102\"", "\"12\"");
  t.replace("categories.yaml", "es: Salud", "xx-bad-tag-: Salud");
  t.replace("topics.yaml", "parent: rights", "parent: nowhere");
  auto diags = t.validate();
  CHECK(diags.size() == 3);
}

TEST_CASE("a failed build leaves the existing output untouched", "[source][build]") {
  BrokenTree t;
  std::string out = (t.dir / "content.db").string();
  auto first = faro::content::build_database(t.root.string(), out);
  REQUIRE(first.ok());
  REQUIRE(first->diagnostics.empty());
  std::string before = faro::test::read_file(out);

  t.replace("services/test.yaml", "\"+19155550102\"", "\"not a phone\"");
  auto second = faro::content::build_database(t.root.string(), out);
  REQUIRE(second.ok());
  CHECK_FALSE(second->diagnostics.empty());
  CHECK(faro::test::read_file(out) == before);
  // No temporary files left behind either.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(t.dir.path())) files += e.is_regular_file() ? 1 : 0;
  CHECK(files == 1);
  // And the old database still opens and answers.
  auto store = faro::content::Store::open(out);
  REQUIRE(store.ok());
  CHECK((*store)->service("clinic-ep", "en").ok());
}

TEST_CASE("a build into a missing directory fails with a reason", "[source][build]") {
  TempDir d;
  auto r = faro::content::build_database(faro::test::mini_tree().string(), (d / "no/such/dir/content.db").string());
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains("does not exist"));
}

TEST_CASE("the validator survives structurally wrong and random input", "[source][robustness]") {
  SECTION("lists and scalars where mappings belong") {
    BrokenTree t;
    faro::test::write_file(t.root / "topics.yaml", "topics:\n  - just-a-string\n  - 42\n");
    faro::test::write_file(t.root / "centres.yaml", "centres: 5\n");
    faro::test::write_file(t.root / "services/test.yaml",
                           "services:\n  - x\n  - {id: a, phones: [1, {number: [1, 2]}], location: [1], "
                           "schedule: {hours: [x]}}\n");
    auto diags = t.validate();
    CHECK(diags.size() > 5);
    bool named = false;
    for (const auto& d : diags)
      named = named || (d.path == t.path("topics.yaml") && d.line == 2 &&
                        d.message.find("must be a mapping") != std::string::npos);
    CHECK(named);
  }
  SECTION("random byte mutations of every file") {
    std::mt19937 rng(Catch::rngSeed() + 11);
    std::vector<std::string> files = {"languages.yaml",           "topics.yaml",
                                      "categories.yaml",          "centres.yaml",
                                      "services/test.yaml",       "articles/consulate/en.md",
                                      "articles/consulate/es.md", "ui/en.yaml"};
    for (int i = 0; i < 150; ++i) {
      BrokenTree t;
      const std::string& rel = files[static_cast<size_t>(i) % files.size()];
      std::string s = faro::test::read_file(t.root / rel);
      for (int k = 0; k < 3; ++k) {
        std::uniform_int_distribution<size_t> pos(0, s.size() - 1);
        const char pool[] = "{}[]:-#'\"\n |>&*!%@`,?\t";
        s[pos(rng)] = pool[rng() % (sizeof pool - 1)];
      }
      faro::test::write_file(t.root / rel, s);
      auto diags = t.validate();  // must return, whatever the input
      for (const auto& d : diags) CHECK_FALSE(d.message.empty());
    }
  }
}

TEST_CASE("dated exceptions to the hours: holidays and special days", "[source][hours]") {
  BrokenTree t;
  t.replace("services/test.yaml", "timezone: America/Denver\n",
            "timezone: America/Denver\n"
            "      exceptions:\n"
            "        - {date: 2026-11-30, closed: true}\n"
            "        - {date: 2026-12-01, opens: \"10:00\", closes: \"12:00\"}\n");
  auto diags = t.validate();
  for (const auto& d : diags) UNSCOPED_INFO(d.to_string());
  REQUIRE(diags.empty());
  auto built = faro::content::build_database(t.root.string(), (t.dir / "x.db").string());
  REQUIRE(built.ok());
  REQUIRE(built->diagnostics.empty());
  auto store = faro::content::Store::open((t.dir / "x.db").string());
  REQUIRE(store.ok());
  auto s = (*store)->service("legal-ep", "en").value();
  REQUIRE(s.exceptions.size() == 2);
  CHECK(s.exceptions[0] == faro::content::DatedHours{"2026-11-30", 0, 0});
  CHECK(s.exceptions[0].closed());
  CHECK(s.exceptions[1] == faro::content::DatedHours{"2026-12-01", 600, 720});
  // Denver is UTC-7 in winter; 2026-11-30 is a Monday, open 09:00-17:00 weekdays.
  auto open_at = [&](int64_t utc) {
    faro::content::ServiceQuery q;
    q.lang = "en";
    q.open_at = utc;
    auto found = (*store)->services(q);
    REQUIRE(found.ok());
    const std::vector<faro::content::ServiceSummary>& list = *found;
    return std::any_of(list.begin(), list.end(), [](const auto& x) { return x.id == "legal-ep"; });
  };
  const int64_t monday = 1795996800;                 // 2026-11-30T00:00Z
  CHECK_FALSE(open_at(monday + 19 * 3600));          // Monday noon: closed for the holiday
  CHECK(open_at(monday + 86400 + 18 * 3600));        // Tuesday 11:00: special hours
  CHECK_FALSE(open_at(monday + 86400 + 21 * 3600));  // Tuesday 14:00: not that day
  CHECK(open_at(monday + 2 * 86400 + 21 * 3600));    // Wednesday 14:00: the usual hours
}

TEST_CASE("bad schedule exceptions are reported at their entry", "[source][hours]") {
  auto with = [](const std::string& entry) {
    auto t = std::make_unique<BrokenTree>();
    t->replace("services/test.yaml", "timezone: America/Denver\n",
               "timezone: America/Denver\n      exceptions:\n        - " + entry + "\n");
    return t;
  };
  struct Case {
    const char* entry;
    const char* message;
  };
  for (const Case& c :
       {Case{"{date: 2026-12-24, closed: true, opens: \"09:00\", closes: \"12:00\"}", "either 'closed: true'"},
        Case{"{date: 2026-12-24, opens: \"14:00\", closes: \"12:00\"}", "close after they open"},
        Case{"{date: 2026-13-45, closed: true}", "date"}, Case{"{date: 2026-12-24, opens: \"09:00\"}", "closes"}}) {
    INFO(c.entry);
    auto t = with(c.entry);
    auto diags = t->validate();
    for (const auto& d : diags) UNSCOPED_INFO(d.to_string());
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == t->line_of("services/test.yaml", "- {date:"));
    CHECK_THAT(diags[0].message, Catch::Contains(c.message));
  }
}
