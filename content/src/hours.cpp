#include "content/hours.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <cstdio>
#include <memory>
#include <regex>
#include <string>

namespace faro::content {

bool is_known_timezone(std::string_view tz) {
  if (tz.empty()) return false;
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(icu::StringPiece(tz.data(), static_cast<int32_t>(tz.size())));
  icu::UnicodeString canonical;
  UBool is_system = false;
  UErrorCode st = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, is_system, st);
  return U_SUCCESS(st) && is_system;
}

Result<LocalTime> local_time(std::string_view tz, int64_t unix_seconds) {
  if (!is_known_timezone(tz)) return make_error(ErrorCode::Invalid, "unknown time zone '" + std::string(tz) + "'");
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(icu::StringPiece(tz.data(), static_cast<int32_t>(tz.size())));
  UErrorCode st = U_ZERO_ERROR;
  icu::GregorianCalendar cal(icu::TimeZone::createTimeZone(id), st);
  if (U_FAILURE(st)) return make_error(ErrorCode::Invalid, "cannot build a calendar for '" + std::string(tz) + "'");
  cal.setTime(static_cast<UDate>(unix_seconds) * 1000.0, st);
  int dow = cal.get(UCAL_DAY_OF_WEEK, st);  // 1 = Sunday
  int h = cal.get(UCAL_HOUR_OF_DAY, st);
  int m = cal.get(UCAL_MINUTE, st);
  if (U_FAILURE(st)) return make_error(ErrorCode::Invalid, "time conversion failed for '" + std::string(tz) + "'");
  LocalTime t;
  t.weekday = dow == UCAL_SUNDAY ? 7 : dow - 1;
  t.minutes = h * 60 + m;
  return t;
}

std::optional<int> parse_hhmm(const std::string& s, bool closing) {
  static const std::regex re("^([0-9]{2}):([0-9]{2})$");
  std::smatch m;
  if (!std::regex_match(s, m, re)) return std::nullopt;
  int h = std::stoi(m[1]), mi = std::stoi(m[2]);
  if (mi > 59) return std::nullopt;
  if (h == 24 && mi == 0 && closing) return 1440;
  if (h > 23) return std::nullopt;
  return h * 60 + mi;
}

Result<std::string> local_date(std::string_view tz, int64_t unix_seconds) {
  if (!is_known_timezone(tz)) return make_error(ErrorCode::Invalid, "unknown time zone '" + std::string(tz) + "'");
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(icu::StringPiece(tz.data(), static_cast<int32_t>(tz.size())));
  UErrorCode st = U_ZERO_ERROR;
  icu::GregorianCalendar cal(icu::TimeZone::createTimeZone(id), st);
  if (U_FAILURE(st)) return make_error(ErrorCode::Invalid, "cannot build a calendar for '" + std::string(tz) + "'");
  cal.setTime(static_cast<UDate>(unix_seconds) * 1000.0, st);
  int year = cal.get(UCAL_EXTENDED_YEAR, st), month = cal.get(UCAL_MONTH, st) + 1, day = cal.get(UCAL_DATE, st);
  if (U_FAILURE(st)) return make_error(ErrorCode::Invalid, "date conversion failed for '" + std::string(tz) + "'");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return std::string(buf);
}

bool is_open(const std::vector<WeeklyRange>& hours, LocalTime t) {
  int yesterday = t.weekday == 1 ? 7 : t.weekday - 1;
  for (const auto& r : hours) {
    bool overnight = r.closes < r.opens;
    if (r.weekday == t.weekday) {
      if (!overnight && t.minutes >= r.opens && t.minutes < r.closes) return true;
      if (overnight && t.minutes >= r.opens) return true;
    }
    // The tail of yesterday's overnight range.
    if (overnight && r.weekday == yesterday && t.minutes < r.closes) return true;
  }
  return false;
}

bool is_open(const std::vector<WeeklyRange>& hours, const std::vector<DatedHours>& exceptions, LocalTime t,
             const std::string& date) {
  bool dated = false;
  for (const auto& e : exceptions) {
    if (e.date != date) continue;
    dated = true;
    if (!e.closed() && t.minutes >= e.opens && t.minutes < e.closes) return true;
  }
  return dated ? false : is_open(hours, t);
}

}  // namespace faro::content
