// Services as field records: reading, checking and writing fields, with the
// derived search and spatial index kept in step (staff edits, DESIGN.md §5).
#include "content/service_record.h"

#include <catch2/catch.hpp>

#include "content/store.h"
#include "support/fixtures.h"

using namespace faro::content;
using faro::ErrorCode;
using faro::test::TempDir;

namespace {

struct WritableMini {
  TempDir dir;
  std::string path;
  std::unique_ptr<Store> store;
  WritableMini() {
    path = faro::test::build_db(faro::test::mini_tree(), dir);
    auto s = Store::open(path, Store::Mode::ReadWrite);
    REQUIRE(s.ok());
    store = std::move(*s);
  }
};

bool finds(Store& s, const std::string& query, const std::string& lang, const std::string& id) {
  auto hits = s.search(query, lang, 50);
  REQUIRE(hits.ok());
  for (const auto& h : *hits)
    if (h.id == id) return true;
  return false;
}

}  // namespace

TEST_CASE("a service reads as canonical fields", "[service-record]") {
  WritableMini m;
  auto r = read_service_record(*m.store, "legal-ep");
  REQUIRE(r.ok());
  CHECK(r->at("status") == "active");
  CHECK(r->at("free") == "yes");
  CHECK(r->at("categories") == "legal-aid");
  CHECK(r->at("languages") == "en es");
  CHECK(r->at("phones") == "+19155550101 voice");
  CHECK(r->at("hours") == "1 09:00-17:00\n2 09:00-17:00\n3 09:00-17:00\n4 09:00-17:00\n5 09:00-17:00");
  CHECK(r->at("latitude") == "31.758700");
  CHECK(r->at("city") == "El Paso");
  CHECK(r->at("name@ar") == "عِيادَةُ المُساعَدَةِ القانونِيَّة (عينة)");
  CHECK(r->count("name@fr") == 0);
  CHECK(read_service_record(*m.store, "nope").error().code == ErrorCode::NotFound);
  CHECK(service_centre(*m.store, "legal-ep").value() == "el-paso-test");
}

TEST_CASE("field checks follow the authoring validator", "[service-record]") {
  WritableMini m;
  auto bad = [&](const std::string& f, const std::string& v) {
    return check_service_field(*m.store, f, v).has_value();
  };
  CHECK_FALSE(bad("phones", "+19155550199 voice\n+525555501234 hotline"));
  CHECK(bad("phones", "915-555-0199 voice"));
  CHECK(bad("phones", "+19155550199 pager"));
  CHECK_FALSE(bad("hours", "1 09:00-17:00\n6 22:00-02:00"));
  CHECK(bad("hours", "1 09:00-17:00\n1 16:00-18:00"));  // overlap
  CHECK(bad("hours", "7 22:00-02:00\n1 01:00-03:00"));  // Sunday night runs into Monday
  CHECK(bad("hours", "1 25:00-26:00"));
  CHECK(bad("hours", "Monday 9-5"));
  CHECK(bad("categories", "legal-aid no-such"));
  CHECK(bad("categories", ""));
  CHECK(bad("status", "closed"));
  CHECK(bad("latitude", "91"));
  CHECK(bad("email", "nobody"));
  CHECK(bad("url", "ftp://x"));
  CHECK(bad("timezone", "Mars/Olympus"));
  CHECK(bad("name@xx", "Name"));
  CHECK(bad("name@en", "two\nlines"));
  CHECK(bad("colour", "red"));
  CHECK(bad("description@en", std::string("\xff\xfe", 2)));
  CHECK_FALSE(bad("description@ar", "محامون مجانيون"));
  CHECK_FALSE(bad("exceptions", "2026-12-24 09:00-12:00\n2026-12-25 closed"));
  CHECK(bad("exceptions", "2026-12-25 closed\n2026-12-25 09:00-12:00"));  // contradicts itself
  CHECK(bad("exceptions", "2026-12-24 12:00-09:00"));
  CHECK(bad("exceptions", "Christmas closed"));
}

TEST_CASE("writing fields changes the service and its index together", "[service-record]") {
  WritableMini m;
  REQUIRE(finds(*m.store, "Fronteriza", "es", "legal-ep"));
  ServiceRecord edit = {{"name@es", "Clínica Jurídica del Puente (ejemplo)"},
                        {"phones", "+19155550177 hotline"},
                        {"hours", "6 10:00-14:00"},
                        {"status", "temporarily-closed"},
                        {"status_note@en", "Closed for repairs until Monday."},
                        {"exceptions", "2026-12-24 09:00-12:00\n2026-12-25 closed"},
                        {"latitude", "31.770000"},
                        {"longitude", "-106.500000"}};
  REQUIRE(write_service_fields(*m.store, "legal-ep", edit).ok());
  auto r = read_service_record(*m.store, "legal-ep").value();
  for (const auto& [f, v] : edit) CHECK(r.at(f) == v);
  CHECK(r.at("name@en") == "Border Legal Aid Clinic (sample)");  // untouched
  // The index follows: the new name is found, the old one no longer.
  CHECK(finds(*m.store, "Puente", "es", "legal-ep"));
  CHECK_FALSE(finds(*m.store, "Fronteriza", "es", "legal-ep"));
  // The spatial index follows the new position.
  ServiceQuery q;
  q.lang = "en";
  q.near = GeoPoint{31.77, -106.5};
  q.within_km = 0.5;
  auto near = m.store->services(q).value();
  REQUIRE(near.size() == 1);
  CHECK(near[0].id == "legal-ep");
  CHECK(m.store->integrity_check().ok());
  // An empty text removes that translation.
  REQUIRE(write_service_fields(*m.store, "legal-ep", {{"name@ar", ""}}).ok());
  CHECK(read_service_record(*m.store, "legal-ep").value().count("name@ar") == 0);
}

TEST_CASE("a service made inactive leaves type-ahead at once, completions included", "[service-record][search]") {
  WritableMini m;
  REQUIRE(finds(*m.store, "Bo", "en", "legal-ep"));      // a 2-character prefix: precomputed completions
  REQUIRE(finds(*m.store, "Border", "en", "legal-ep"));  // a whole word: the FTS index
  REQUIRE(write_service_fields(*m.store, "legal-ep", {{"status", "inactive"}}).ok());
  CHECK_FALSE(finds(*m.store, "Bo", "en", "legal-ep"));
  CHECK_FALSE(finds(*m.store, "Border", "en", "legal-ep"));
}

TEST_CASE("a bad field fails the whole write and changes nothing", "[service-record]") {
  WritableMini m;
  auto before = read_service_record(*m.store, "legal-ep").value();
  auto s = write_service_fields(*m.store, "legal-ep", {{"name@en", "New name"}, {"phones", "555-0100 voice"}});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.rfind("phones: ", 0) == 0);
  CHECK(read_service_record(*m.store, "legal-ep").value() == before);
}

TEST_CASE("a new service needs a centre, an organization, a name and a category", "[service-record]") {
  WritableMini m;
  ServiceRecord fields = {{"organization", "org-test"},
                          {"categories", "health"},
                          {"name@en", "Night Shelter (sample)"},
                          {"phones", "+19155550188 voice"},
                          {"city", "El Paso"}};
  CHECK(write_service_fields(*m.store, "shelter-new", fields).error().code == ErrorCode::NotFound);
  auto no_name = fields;
  no_name.erase("name@en");
  CHECK_FALSE(write_service_fields(*m.store, "shelter-new", no_name, "el-paso-test").ok());
  REQUIRE(write_service_fields(*m.store, "shelter-new", fields, "el-paso-test").ok());
  CHECK(service_centre(*m.store, "shelter-new").value() == "el-paso-test");
  CHECK(m.store->service("shelter-new", "en").value().name.text == "Night Shelter (sample)");
  CHECK(finds(*m.store, "Shelter", "en", "shelter-new"));
  CHECK(m.store->integrity_check().ok());
}
