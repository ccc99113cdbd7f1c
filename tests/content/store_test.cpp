// The typed content API over a database built from the mini fixture tree.
#include "content/store.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "content/versions.h"
#include "support/fixtures.h"

using namespace faro::content;
using faro::test::TempDir;

namespace {

struct MiniDb {
  TempDir dir;
  std::unique_ptr<Store> store;
  MiniDb() {
    auto path = faro::test::build_db(faro::test::mini_tree(), dir);
    auto s = Store::open(path);
    REQUIRE(s.ok());
    store = std::move(*s);
  }
};

std::vector<std::string> ids(const std::vector<ServiceSummary>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(s.id);
  return out;
}

// 2026-11-30 (a Monday) at HH:MM UTC.
int64_t monday_utc(int h, int m) {
  return 1795996800 + h * 3600 + m * 60;
}

}  // namespace

TEST_CASE("opening a missing or foreign file fails with a reason", "[store]") {
  TempDir d;
  auto missing = Store::open((d / "nope.db").string());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == faro::ErrorCode::NotFound);
  faro::test::write_file(d / "junk.db", "this is not sqlite");
  CHECK_FALSE(Store::open((d / "junk.db").string()).ok());
}

TEST_CASE("a new database carries the current schema version", "[store]") {
  TempDir d;
  auto s = Store::create((d / "new.db").string());
  REQUIRE(s.ok());
  CHECK((*s)->schema_version() == faro::kSchemaVersion);
}

TEST_CASE("a database from a newer program is refused", "[store]") {
  TempDir d;
  std::string path = (d / "future.db").string();
  REQUIRE(Store::create(path).ok());
  // Set user_version (4 bytes, big-endian, at offset 60 of the header) to 99.
  std::string bytes = faro::test::read_file(path);
  REQUIRE(bytes.size() > 64);
  bytes[60] = 0;
  bytes[61] = 0;
  bytes[62] = 0;
  bytes[63] = 99;
  faro::test::write_file(path, bytes);
  for (auto mode : {Store::Mode::ReadOnly, Store::Mode::ReadWrite}) {
    auto s = Store::open(path, mode);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == faro::ErrorCode::Unsupported);
    CHECK_THAT(s.error().message, Catch::Contains("99"));
  }
}

TEST_CASE("languages come back in declared order with direction", "[store]") {
  MiniDb db;
  auto langs = db.store->languages();
  REQUIRE(langs.ok());
  REQUIRE(langs->size() == 9);
  CHECK((*langs)[0].tag == "en");
  auto ar = std::find_if(langs->begin(), langs->end(), [](const Language& l) { return l.tag == "ar"; });
  REQUIRE(ar != langs->end());
  CHECK(ar->direction == faro::lang::Direction::Rtl);
  CHECK(ar->name == "العربية");
}

TEST_CASE("the topic tree is nested and translated with fallback", "[store]") {
  MiniDb db;
  auto tree = db.store->topic_tree("ar");
  REQUIRE(tree.ok());
  REQUIRE(tree->size() == 2);
  const Topic& rights = (*tree)[0];
  CHECK(rights.id == "rights");
  CHECK(rights.title.text == "اعرف حقوقك");
  CHECK(rights.title.lang == "ar");
  CHECK(rights.summary.lang == "en");  // no Arabic summary: English
  REQUIRE(rights.children.size() == 1);
  CHECK(rights.children[0].id == "rights-consular");
  CHECK(rights.children[0].title.text == "Your consulate");
}

TEST_CASE("articles fall back along the chain and say where from", "[store][fallback]") {
  MiniDb db;
  SECTION("K'iche' has its own text") {
    auto a = db.store->article("consulate", "quc");
    REQUIRE(a.ok());
    CHECK(a->title.lang == "quc");
    CHECK(a->status == TranslationStatus::Draft);
  }
  SECTION("K'iche' falls back to Spanish, then English") {
    auto a = db.store->article("trafficking-signs", "quc");
    REQUIRE(a.ok());
    CHECK(a->title.lang == "en");  // no es or quc text
    auto b = db.store->articles_in_topic("rights-consular", "quc");
    REQUIRE(b.ok());
    REQUIRE(b->size() == 1);
    CHECK((*b)[0].title.lang == "quc");
  }
  SECTION("es-419 falls back to es") {
    auto a = db.store->article("consulate", "es-419");
    REQUIRE(a.ok());
    CHECK(a->title.lang == "es");
    CHECK(a->title.text == "Su consulado puede ayudarle");
    CHECK_THAT(a->body_markdown, Catch::Contains("**consulado**"));
    CHECK(a->status == TranslationStatus::Reviewed);
  }
  SECTION("an undeclared regional tag finds its language") {
    auto a = db.store->article("consulate", "es-MX");
    REQUIRE(a.ok());
    CHECK(a->title.lang == "es");
  }
  SECTION("missing ids are NotFound") {
    auto a = db.store->article("nope", "en");
    REQUIRE_FALSE(a.ok());
    CHECK(a.error().code == faro::ErrorCode::NotFound);
  }
}

TEST_CASE("a centre's chain overrides the language's", "[store][fallback]") {
  MiniDb db;
  CHECK(db.store->chain("ht") == std::vector<std::string>{"ht", "fr", "en"});
  db.store->set_centre("el-paso-test");
  CHECK(db.store->chain("ht") == std::vector<std::string>{"ht", "es", "en"});
  auto s = db.store->service("legal-ep", "ht");
  REQUIRE(s.ok());
  CHECK(s->name.lang == "es");
}

TEST_CASE("warnings are listed with their severity", "[store]") {
  MiniDb db;
  auto w = db.store->articles_of_kind(ArticleKind::Warning, "hi");
  REQUIRE(w.ok());
  REQUIRE(w->size() == 1);
  CHECK((*w)[0].severity == Severity::Critical);
  CHECK((*w)[0].title.text == "मानव तस्करी के संकेत");
}

TEST_CASE("a service comes back whole", "[store][services]") {
  MiniDb db;
  auto s = db.store->service("clinic-ep", "es");
  REQUIRE(s.ok());
  CHECK(s->name.text == "Clínica de Salud Comunitaria (ejemplo)");
  CHECK(s->organization.text == "Red de Prueba (ejemplo)");
  CHECK_FALSE(s->free);
  CHECK(s->fees.text == "Bajo costo, desde 5 dólares.");
  CHECK(s->timezone == "America/Denver");
  REQUIRE(s->hours.size() == 6);
  CHECK(s->hours[0].opens == 8 * 60);
  REQUIRE(s->phones.size() == 1);
  CHECK(s->phones[0].number == "+19155550102");
  REQUIRE(s->location.has_value());
  REQUIRE(s->location->position.has_value());
  CHECK(s->location->position->latitude == Approx(31.8));
  CHECK(s->categories == std::vector<std::string>{"health"});
  CHECK(s->languages_spoken == std::vector<std::string>{"en"});

  auto closed = db.store->service("shelter-ep", "en");
  REQUIRE(closed.ok());
  CHECK(closed->status == ServiceStatus::TemporarilyClosed);
  CHECK(closed->status_note.text == "Full until further notice.");
}

TEST_CASE("services filter by category, spoken language and cost", "[store][services]") {
  MiniDb db;
  ServiceQuery q;
  q.lang = "en";
  q.category = "legal-aid";
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"legal-ep", "legal-sd"});
  q.category.clear();
  q.spoken = "quc";
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"hotline", "shelter-ep"});
  q.spoken = "ht";
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"legal-sd"});
  q.spoken.clear();
  q.free_only = true;
  auto free = ids(*db.store->services(q));
  CHECK(std::find(free.begin(), free.end(), "clinic-ep") == free.end());
  CHECK(free.size() == 4);
  q.free_only = false;
  q.centre = "santo-domingo-test";
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"legal-sd"});
}

TEST_CASE("services open at a given instant follow each service's time zone", "[store][services][hours]") {
  MiniDb db;
  ServiceQuery q;
  q.lang = "en";
  q.category = "legal-aid";
  // Monday 15:30 UTC: 08:30 in El Paso (closed), 11:30 in Santo Domingo (open).
  q.open_at = monday_utc(15, 30);
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"legal-sd"});
  // Monday 23:30 UTC: 16:30 in El Paso (open), 19:30 in Santo Domingo (closed).
  q.open_at = monday_utc(23, 30);
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"legal-ep"});
  // Tuesday 10:00 UTC = 03:00 in El Paso: only the 24-hour line and the
  // overnight shelter (19:00-07:00) have hours then, and the shelter is
  // temporarily closed, so only the line is open.
  q.category.clear();
  q.open_at = monday_utc(24 + 10, 0);
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"hotline"});
  // Without "open at", the closed shelter is still listed (with its status).
  q.open_at.reset();
  q.spoken = "quc";
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"hotline", "shelter-ep"});
}

TEST_CASE("services sort nearest first and filter by distance", "[store][services][geo]") {
  MiniDb db;
  ServiceQuery q;
  q.lang = "en";
  q.near = GeoPoint{31.7619, -106.4850};  // the El Paso centre
  auto all = db.store->services(q);
  REQUIRE(all.ok());
  // legal-ep 0.4 km, clinic-ep ~9 km, shelter ~19 km, Santo Domingo thousands; the hotline has no place.
  CHECK(ids(*all) == std::vector<std::string>{"legal-ep", "clinic-ep", "shelter-ep", "legal-sd", "hotline"});
  REQUIRE((*all)[0].distance_km.has_value());
  CHECK(*(*all)[0].distance_km < 1.0);
  CHECK(*(*all)[1].distance_km == Approx(8.9).epsilon(0.1));
  CHECK_FALSE((*all)[4].distance_km.has_value());

  q.within_km = 10;
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"legal-ep", "clinic-ep"});
  q.limit = 1;
  CHECK(ids(*db.store->services(q)) == std::vector<std::string>{"legal-ep"});
}

TEST_CASE("service lists sort by the visitor's collation", "[store][services]") {
  MiniDb db;
  ServiceQuery q;
  q.lang = "es";
  auto list = db.store->services(q);
  REQUIRE(list.ok());
  std::vector<std::string> names;
  for (const auto& s : *list) names.push_back(s.name.text);
  CHECK(names.front() == "Albergue Nocturno (ejemplo)");
  CHECK(names[1] == "Clínica de Asistencia Legal Fronteriza (ejemplo)");
  CHECK((*list)[0].name.lang == "es");
}

TEST_CASE("centres carry their emergency numbers", "[store]") {
  MiniDb db;
  auto c = db.store->centre("el-paso-test", "es");
  REQUIRE(c.ok());
  CHECK(c->timezone == "America/Denver");
  CHECK(c->languages == std::vector<std::string>{"es", "en", "quc", "ar"});
  REQUIRE(c->emergency.size() == 1);
  CHECK(c->emergency[0].number == "911");
  CHECK(c->emergency[0].label.text == "Policía, bomberos y ambulancia");
  CHECK_FALSE(db.store->centre("nowhere", "en").ok());
}

TEST_CASE("UI strings fall back per key", "[store][ui]") {
  MiniDb db;
  auto quc = db.store->ui_strings("quc");
  REQUIRE(quc.ok());
  CHECK((*quc)["nav.back"].text == "Chi’ij");
  CHECK((*quc)["home.title"].text == "¿Qué necesita?");  // quc -> es
  CHECK((*quc)["home.title"].lang == "es");
  auto ar = db.store->ui_strings("ar");
  CHECK((*ar)["directory.results"].text == "{count} services");
}
