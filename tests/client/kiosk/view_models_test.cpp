// View-models over the demo content, without any UI.
#include "kiosk/view_models.h"

#include <algorithm>
#include <set>

#include "content/hours.h"
#include "kiosk/qr.h"
#include "kiosk_support.h"

using namespace faro;

namespace {

kiosk::CentreInfo el_paso(content::Store& store) {
  auto c = kiosk::load_centre(store, "el-paso-sample", {});
  REQUIRE(c.ok());
  return *c;
}

std::set<std::string> ids(const kiosk::DirectoryVm& vm) {
  std::set<std::string> out;
  for (const auto& s : vm.services) out.insert(s.id);
  return out;
}

}  // namespace

TEST_CASE("the centre's languages come in its own order, or the configured one", "[kiosk][vm]") {
  auto store = test::open_demo();
  auto c = el_paso(*store);
  REQUIRE(c.languages.size() == 14);
  CHECK(c.languages[0].tag == "es");
  CHECK(c.languages[1].tag == "en");
  CHECK(c.languages[2].tag == "quc");
  auto custom = kiosk::load_centre(*store, "el-paso-sample", {"ar", "en", "no-such"});
  REQUIRE(custom.ok());
  REQUIRE(custom->languages.size() == 2);
  CHECK(custom->languages[0].tag == "ar");
  CHECK(kiosk::is_rtl(*custom, "ar"));
  CHECK_FALSE(kiosk::is_rtl(*custom, "en"));
  CHECK_FALSE(kiosk::load_centre(*store, "atlantis", {}).ok());
}

TEST_CASE("directory filters return the right services", "[kiosk][vm][directory]") {
  auto store = test::open_demo();
  auto centre = el_paso(*store);
  kiosk::DirectoryFilters none;
  auto all = kiosk::load_directory(*store, centre, none, "en", test::kWednesdayMorning);
  REQUIRE(all.ok());
  REQUIRE(all->services.size() > 5);
  CHECK(all->services.size() == all->open.size());
  for (const auto& s : all->services) CHECK(s.centre == "el-paso-sample");

  SECTION("category") {
    kiosk::DirectoryFilters f;
    f.category = "legal-aid";
    auto vm = kiosk::load_directory(*store, centre, f, "en", test::kWednesdayMorning);
    REQUIRE(vm.ok());
    REQUIRE(!vm->services.empty());
    CHECK(vm->services.size() < all->services.size());
    for (const auto& s : vm->services)
      CHECK(std::find(s.categories.begin(), s.categories.end(), "legal-aid") != s.categories.end());
  }
  SECTION("free of charge") {
    kiosk::DirectoryFilters f;
    f.free_only = true;
    auto vm = kiosk::load_directory(*store, centre, f, "en", test::kWednesdayMorning);
    REQUIRE(vm.ok());
    REQUIRE(!vm->services.empty());
    CHECK(vm->services.size() < all->services.size());
    for (const auto& s : vm->services) CHECK(s.free);
  }
  SECTION("language spoken") {
    kiosk::DirectoryFilters f;
    f.spoken = "ar";
    auto vm = kiosk::load_directory(*store, centre, f, "en", test::kWednesdayMorning);
    REQUIRE(vm.ok());
    REQUIRE(!vm->services.empty());
    CHECK(vm->services.size() < all->services.size());
    for (const auto& s : vm->services) {
      auto full = store->service(s.id, "en");
      REQUIRE(full.ok());
      CHECK(std::find(full->languages_spoken.begin(), full->languages_spoken.end(), "ar") !=
            full->languages_spoken.end());
    }
  }
  SECTION("nearest first") {
    kiosk::DirectoryFilters f;
    f.nearest = true;
    auto vm = kiosk::load_directory(*store, centre, f, "en", test::kWednesdayMorning);
    REQUIRE(vm.ok());
    REQUIRE(vm->services.size() == all->services.size());
    double last = -1;
    size_t with_distance = 0;
    for (const auto& s : vm->services) {
      if (!s.distance_km) continue;
      ++with_distance;
      CHECK(*s.distance_km >= last);
      last = *s.distance_km;
    }
    CHECK(with_distance > 3);
  }
}

TEST_CASE("'open now' follows the clock, in each service's time zone", "[kiosk][vm][directory][clock]") {
  auto store = test::open_demo();
  auto centre = el_paso(*store);
  auto expected_open = [&](int64_t t) {
    // Independently of the directory query: each service's hours at `t`.
    std::set<std::string> out;
    content::ServiceQuery q;
    q.lang = "en";
    q.centre = "el-paso-sample";
    auto all = store->services(q);
    REQUIRE(all.ok());
    for (const auto& s : *all) {
      auto full = store->service(s.id, "en");
      REQUIRE(full.ok());
      if (full->timezone.empty() || full->status != content::ServiceStatus::Active) continue;
      auto lt = content::local_time(full->timezone, t);
      REQUIRE(lt.ok());
      if (content::is_open(full->hours, *lt)) out.insert(s.id);
    }
    return out;
  };
  kiosk::DirectoryFilters f;
  f.open_now = true;
  auto morning = kiosk::load_directory(*store, centre, f, "en", test::kWednesdayMorning);
  auto night = kiosk::load_directory(*store, centre, f, "en", test::kSundayNight);
  REQUIRE(morning.ok());
  REQUIRE(night.ok());
  CHECK(ids(*morning) == expected_open(test::kWednesdayMorning));
  CHECK(ids(*night) == expected_open(test::kSundayNight));
  CHECK(morning->services.size() > night->services.size());
  // A temporarily closed service is never "open now", whatever its hours.
  CHECK(ids(*night).count("ep-overnight-shelter") == 0);
  CHECK(!night->services.empty());  // 24-hour hotlines
  // Without the filter, each row still knows whether it is open.
  auto all = kiosk::load_directory(*store, centre, {}, "en", test::kSundayNight);
  REQUIRE(all.ok());
  auto open_ids = expected_open(test::kSundayNight);
  for (size_t i = 0; i < all->services.size(); ++i) CHECK(all->open[i] == (open_ids.count(all->services[i].id) > 0));
}

TEST_CASE("the service view-model has localised hours, today's status and a QR payload", "[kiosk][vm][service]") {
  auto store = test::open_demo();
  content::ServiceQuery q;
  q.lang = "en";
  q.centre = "el-paso-sample";
  q.open_at = test::kWednesdayMorning;
  auto open = store->services(q);
  REQUIRE(open.ok());
  q.open_at = test::kSundayNight;
  auto night_open = store->services(q);
  REQUIRE(night_open.ok());
  // A service open on Wednesday morning and not on Sunday night.
  std::string id;
  for (const auto& s : *open)
    if (s.status == content::ServiceStatus::Active &&
        std::none_of(night_open->begin(), night_open->end(), [&](const auto& n) { return n.id == s.id; }))
      id = s.id;
  REQUIRE(!id.empty());
  auto en = kiosk::load_service(*store, id, "en", test::kWednesdayMorning);
  auto ar = kiosk::load_service(*store, id, "ar", test::kWednesdayMorning);
  REQUIRE(en.ok());
  REQUIRE(ar.ok());
  CHECK(en->open_now);
  CHECK(!en->today.empty());
  REQUIRE(en->closes_at);
  CHECK(*en->closes_at > 10 * 60);  // it is 10:00 there and the service is open
  CHECK_FALSE(en->opens_at);
  // At 00:30 the same Wednesday it is closed and opens later that day.
  auto early = kiosk::load_service(*store, id, "en", test::kWednesdayMorning - 9 * 3600 - 1800);
  REQUIRE(early.ok());
  REQUIRE_FALSE(early->open_now);
  REQUIRE(early->opens_at);
  CHECK(*early->opens_at <= 10 * 60);
  CHECK_FALSE(early->closes_at);
  REQUIRE(en->has_hours);
  REQUIRE(!en->hours.empty());
  CHECK(en->hours[0].days != ar->hours[0].days);  // weekday names are localised
  CHECK(en->qr_payload.find(en->service.name.text) == 0);
  if (!en->service.phones.empty())
    CHECK(en->qr_payload.find("\ntel:" + en->service.phones[0].number) != std::string::npos);
  if (en->service.location && en->service.location->position) CHECK(en->qr_payload.find("\ngeo:") != std::string::npos);
  auto night = kiosk::load_service(*store, id, "en", test::kSundayNight);
  REQUIRE(night.ok());
  CHECK(night->open_now == false);
}

TEST_CASE("QR codes encode the payload and grow with it", "[kiosk][qr]") {
  auto small = kiosk::encode_qr("tel:+19155550100");
  auto big = kiosk::encode_qr(std::string(300, 'x'));
  REQUIRE(small.ok());
  REQUIRE(big.ok());
  CHECK(small->size >= 21);
  CHECK(big->size > small->size);
  CHECK(small->dark.size() == static_cast<size_t>(small->size * small->size));
  // The three finder patterns: dark corners.
  CHECK(small->at(0, 0));
  CHECK(small->at(small->size - 1, 0));
  CHECK(small->at(0, small->size - 1));
  CHECK_FALSE(kiosk::encode_qr(std::string(5000, 'x')).ok());
}

TEST_CASE("search view-model: empty query, hits, and no results", "[kiosk][vm][search]") {
  auto store = test::open_demo();
  auto empty = kiosk::run_search(*store, "  ", "en");
  REQUIRE(empty.ok());
  CHECK(empty->hits.empty());
  auto hits = kiosk::run_search(*store, "lawy", "en");
  REQUIRE(hits.ok());
  CHECK(!hits->hits.empty());
  auto none = kiosk::run_search(*store, "zzqxw", "en");
  REQUIRE(none.ok());
  CHECK(none->hits.empty());
}

TEST_CASE("holidays and special days replace the weekly hours on the service page", "[kiosk][vm][clock]") {
  auto store = test::open_demo();
  const std::string id = "ep-immigration-legal-help";  // weekdays 09:00-17:00, America/Denver (UTC-7)
  const int64_t dec24 = 1798070400;                    // 2026-12-24T00:00Z, a Thursday
  // Christmas Eve, 10:00 local: the short day's hours, open.
  auto eve = kiosk::load_service(*store, id, "en", dec24 + 17 * 3600);
  REQUIRE(eve.ok());
  CHECK(eve->open_now);
  CHECK(eve->today == "9:00\u202fAM–12:00\u202fPM");
  // 13:00 local the same day: closed, though a normal Thursday would be open.
  auto eve_pm = kiosk::load_service(*store, id, "en", dec24 + 20 * 3600);
  REQUIRE(eve_pm.ok());
  CHECK_FALSE(eve_pm->open_now);
  // Christmas Day, 10:00 local: closed all day, nothing "today".
  auto day = kiosk::load_service(*store, id, "en", dec24 + 86400 + 17 * 3600);
  REQUIRE(day.ok());
  CHECK_FALSE(day->open_now);
  CHECK(day->today.empty());
  // The page lists the exceptions from today on.
  REQUIRE(day->exceptions.size() == 2);
  CHECK(day->exceptions[0].date == "2026-12-25");
  CHECK(day->exceptions[0].closed());
  CHECK(day->exceptions[1].date == "2027-01-01");
  // The directory's "open now" agrees.
  kiosk::DirectoryFilters f;
  f.open_now = true;
  auto centre = kiosk::load_centre(*store, "el-paso-sample", {}).value();
  auto dir = kiosk::load_directory(*store, centre, f, "en", dec24 + 86400 + 17 * 3600);
  REQUIRE(dir.ok());
  for (const auto& s : dir->services) CHECK(s.id != id);
}
