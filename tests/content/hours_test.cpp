// Opening hours against real instants in real time zones.
#include "content/hours.h"

#include <catch2/catch.hpp>

using namespace faro::content;

namespace {
// 2026-11-30 is a Monday. Seconds since the epoch for that day at HH:MM UTC.
int64_t monday_utc(int h, int m) {
  return 1795996800 + h * 3600 + m * 60;
}
}  // namespace

TEST_CASE("instants convert to the local weekday and time", "[hours]") {
  auto utc = local_time("Etc/UTC", monday_utc(0, 0));
  REQUIRE(utc.ok());
  CHECK(utc->weekday == 1);
  CHECK(utc->minutes == 0);
  // Denver is UTC-7 in winter: still Sunday evening.
  auto den = local_time("America/Denver", monday_utc(0, 0));
  REQUIRE(den.ok());
  CHECK(den->weekday == 7);
  CHECK(den->minutes == 17 * 60);
  // Santo Domingo is UTC-4 all year.
  auto sd = local_time("America/Santo_Domingo", monday_utc(15, 30));
  REQUIRE(sd.ok());
  CHECK(sd->weekday == 1);
  CHECK(sd->minutes == 11 * 60 + 30);
  // Summer time: Denver is UTC-6 on 2026-07-01.
  auto summer = local_time("America/Denver", 1782907200);  // 2026-07-01 12:00 UTC
  REQUIRE(summer.ok());
  CHECK(summer->minutes == 6 * 60);
}

TEST_CASE("unknown time zones are errors", "[hours]") {
  CHECK_FALSE(is_known_timezone("Mars/Olympus"));
  CHECK_FALSE(is_known_timezone(""));
  CHECK(is_known_timezone("America/Santo_Domingo"));
  CHECK_FALSE(local_time("Mars/Olympus", 0).ok());
}

TEST_CASE("is_open handles day ranges, overnight and all-day hours", "[hours]") {
  std::vector<WeeklyRange> office = {{1, 9 * 60, 17 * 60}};
  CHECK(is_open(office, {1, 9 * 60}));
  CHECK(is_open(office, {1, 16 * 60 + 59}));
  CHECK_FALSE(is_open(office, {1, 17 * 60}));
  CHECK_FALSE(is_open(office, {2, 10 * 60}));

  std::vector<WeeklyRange> night = {{7, 19 * 60, 7 * 60}};  // Sunday 19:00 to Monday 07:00
  CHECK(is_open(night, {7, 23 * 60}));
  CHECK(is_open(night, {1, 6 * 60 + 59}));
  CHECK_FALSE(is_open(night, {1, 7 * 60}));
  CHECK_FALSE(is_open(night, {7, 18 * 60}));

  std::vector<WeeklyRange> all_day = {{3, 0, 1440}};
  CHECK(is_open(all_day, {3, 0}));
  CHECK(is_open(all_day, {3, 1439}));
  CHECK_FALSE(is_open(all_day, {4, 0}));
}
