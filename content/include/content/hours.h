// Opening hours against real time: converts an instant to a service's local
// weekday and minute with ICU time zones, and decides "open at".
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"
#include "content/result.h"

namespace faro::content {

struct LocalTime {
  int weekday = 1;  // 1 = Monday .. 7 = Sunday
  int minutes = 0;  // since local midnight
};

// True if `tz` is an IANA time zone ICU knows.
bool is_known_timezone(std::string_view tz);

// The local weekday and time in `tz` at `unix_seconds`.
Result<LocalTime> local_time(std::string_view tz, int64_t unix_seconds);

// True if the weekly ranges cover `t`. A range whose `closes` is before
// `opens` runs past midnight into the next day.
bool is_open(const std::vector<WeeklyRange>& hours, LocalTime t);

// "HH:MM" -> minutes since midnight; `closing` also allows "24:00".
// nullopt for anything else (one format for authoring and staff edits).
std::optional<int> parse_hhmm(const std::string& s, bool closing);

// The local date in `tz` at `unix_seconds`, "YYYY-MM-DD".
Result<std::string> local_date(std::string_view tz, int64_t unix_seconds);

// With dated exceptions: on `date` (the local date of `t`), if it has
// exceptions, only they count (and the tail of yesterday's overnight range
// does not reach into it).
bool is_open(const std::vector<WeeklyRange>& hours, const std::vector<DatedHours>& exceptions, LocalTime t,
             const std::string& date);

}  // namespace faro::content
