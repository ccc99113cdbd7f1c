#include "content/lang.h"

#include <unicode/calendar.h>
#include <unicode/coll.h>
#include <unicode/dtfmtsym.h>
#include <unicode/dtptngen.h>
#include <unicode/locid.h>
#include <unicode/measunit.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace faro::lang {
namespace {

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::Locale locale_for(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), status);
  if (U_FAILURE(status)) return icu::Locale::getRoot();
  return loc;
}

}  // namespace

Result<std::string> canonicalize(std::string_view tag) {
  if (tag.empty()) return make_error(ErrorCode::Invalid, "empty language tag");
  for (char c : tag) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return make_error(ErrorCode::Invalid, "language tag '" + std::string(tag) + "' is not well-formed BCP 47");
  }
  // Strict parse: ICU stops at the first ill-formed subtag and reports how far
  // it got; anything short of the whole tag is malformed.
  char locale_id[ULOC_FULLNAME_CAPACITY];
  int32_t parsed = 0;
  UErrorCode status = U_ZERO_ERROR;
  std::string t(tag);
  uloc_forLanguageTag(t.c_str(), locale_id, sizeof locale_id, &parsed, &status);
  if (U_FAILURE(status) || parsed != static_cast<int32_t>(t.size()) || locale_id[0] == '\0') {
    return make_error(ErrorCode::Invalid, "language tag '" + t + "' is not well-formed BCP 47");
  }
  char canonical[ULOC_FULLNAME_CAPACITY];
  uloc_canonicalize(locale_id, canonical, sizeof canonical, &status);
  char out[ULOC_FULLNAME_CAPACITY];
  uloc_toLanguageTag(canonical, out, sizeof out, /*strict=*/true, &status);
  if (U_FAILURE(status)) {
    return make_error(ErrorCode::Invalid, "language tag '" + t + "' is not well-formed BCP 47");
  }
  return std::string(out);
}

std::string parent(std::string_view tag) {
  icu::Locale loc = locale_for(tag);
  // CLDR's parentLocales, which uloc_getParent (plain truncation) ignores,
  // for the case that matters here: Spanish of the Americas -> es-419.
  static const char* kLatinAmerica[] = {"AR", "BO", "BR", "BZ", "CL", "CO", "CR", "CU", "DO", "EC", "GT",
                                        "HN", "MX", "NI", "PA", "PE", "PR", "PY", "SV", "US", "UY", "VE"};
  if (std::string_view(loc.getLanguage()) == "es" && *loc.getScript() == '\0' && *loc.getVariant() == '\0') {
    std::string_view region = loc.getCountry();
    for (const char* r : kLatinAmerica)
      if (region == r) return "es-419";
  }
  char parent_id[ULOC_FULLNAME_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;
  uloc_getParent(loc.getName(), parent_id, sizeof parent_id, &status);
  if (U_FAILURE(status) || parent_id[0] == '\0' || std::string_view(parent_id) == "root") return {};
  char out[ULOC_FULLNAME_CAPACITY];
  uloc_toLanguageTag(parent_id, out, sizeof out, false, &status);
  if (U_FAILURE(status)) return {};
  return out;
}

Direction direction_of(std::string_view tag) {
  return locale_for(tag).isRightToLeft() ? Direction::Rtl : Direction::Ltr;
}

std::string display_name(std::string_view tag, std::string_view in) {
  icu::UnicodeString name;
  locale_for(tag).getDisplayName(locale_for(in), name);
  std::string out = to_utf8(name);
  // ICU echoes the code back when it knows no name.
  if (out == std::string(tag)) return {};
  return out;
}

// --- FallbackResolver ------------------------------------------------------

FallbackResolver::FallbackResolver(std::vector<LanguageInfo> languages,
                                   std::map<std::string, std::vector<std::string>> overrides)
    : languages_(std::move(languages)), overrides_(std::move(overrides)) {}

const LanguageInfo* FallbackResolver::find(std::string_view tag) const {
  for (const auto& l : languages_)
    if (l.tag == tag) return &l;
  return nullptr;
}

std::string FallbackResolver::resolve(std::string_view requested) const {
  auto canon = canonicalize(requested);
  if (!canon) return {};
  std::string t = *canon;
  // Walk ICU parents (es-MX -> es-419 -> es) and finally the bare language.
  for (int guard = 0; guard < 8 && !t.empty(); ++guard) {
    if (find(t)) return t;
    t = parent(t);
  }
  return {};
}

std::vector<std::string> FallbackResolver::chain(std::string_view requested) const {
  std::vector<std::string> out;
  auto push = [&out](const std::string& t) {
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  };
  std::string start = resolve(requested);
  if (!start.empty()) {
    push(start);
    auto o = overrides_.find(start);
    if (o != overrides_.end()) {
      for (const auto& f : o->second) push(f);
    } else if (const LanguageInfo* info = find(start)) {
      for (const auto& f : info->fallback) push(f);
    }
  }
  push(kLastResort);
  return out;
}

// --- Formatting ----------------------------------------------------------------

std::string format_time(std::string_view lang, int minutes) {
  icu::Locale loc = locale_for(lang);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateTimePatternGenerator> gen(icu::DateTimePatternGenerator::createInstance(loc, status));
  if (U_FAILURE(status)) return {};
  icu::UnicodeString pattern = gen->getBestPattern(icu::UnicodeString("jmm"), status);
  icu::SimpleDateFormat fmt(pattern, loc, status);
  if (U_FAILURE(status)) return {};
  fmt.adoptTimeZone(icu::TimeZone::createTimeZone("Etc/UTC"));
  int m = minutes % 1440;
  icu::UnicodeString out;
  fmt.format(static_cast<UDate>(m) * 60000.0, out);
  return to_utf8(out);
}

std::string weekday_name(std::string_view lang, int weekday, bool abbreviated) {
  if (weekday < 1 || weekday > 7) return {};
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols syms(locale_for(lang), status);
  if (U_FAILURE(status)) return {};
  int32_t count = 0;
  const icu::UnicodeString* names =
      syms.getWeekdays(count, icu::DateFormatSymbols::STANDALONE,
                       abbreviated ? icu::DateFormatSymbols::ABBREVIATED : icu::DateFormatSymbols::WIDE);
  // ICU indexes weekdays from UCAL_SUNDAY = 1; ours start at Monday = 1.
  int icu_index = weekday == 7 ? 1 : weekday + 1;
  if (icu_index >= count) return {};
  return to_utf8(names[icu_index]);
}

std::string format_number(std::string_view lang, double value, int max_fraction_digits) {
  UErrorCode status = U_ZERO_ERROR;
  auto f = icu::number::NumberFormatter::withLocale(locale_for(lang))
               .precision(icu::number::Precision::maxFraction(max_fraction_digits))
               .formatDouble(value, status);
  if (U_FAILURE(status)) return {};
  return to_utf8(f.toString(status));
}

std::string format_distance_km(std::string_view lang, double km) {
  UErrorCode status = U_ZERO_ERROR;
  auto f = icu::number::NumberFormatter::withLocale(locale_for(lang))
               .unit(icu::MeasureUnit::getKilometer())
               .unitWidth(UNUM_UNIT_WIDTH_SHORT)
               .precision(icu::number::Precision::maxFraction(km < 10 ? 1 : 0))
               .formatDouble(km, status);
  if (U_FAILURE(status)) return {};
  return to_utf8(f.toString(status));
}

std::string format_date(std::string_view lang, std::string_view iso_date) {
  int y = 0, mo = 0, d = 0;
  if (std::sscanf(std::string(iso_date).c_str(), "%4d-%2d-%2d", &y, &mo, &d) != 3) return std::string(iso_date);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(icu::TimeZone::createTimeZone("Etc/UTC"), status));
  if (U_FAILURE(status)) return std::string(iso_date);
  cal->clear();
  cal->set(y, mo - 1, d, 12, 0, 0);
  UDate when = cal->getTime(status);
  std::unique_ptr<icu::DateFormat> fmt(icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, locale_for(lang)));
  if (!fmt || U_FAILURE(status)) return std::string(iso_date);
  fmt->adoptTimeZone(icu::TimeZone::createTimeZone("Etc/UTC"));
  icu::UnicodeString out;
  fmt->format(when, out);
  return to_utf8(out);
}

std::vector<HoursLine> format_hours(std::string_view lang, const std::vector<WeeklyRange>& ranges) {
  // Ranges of each day, sorted, so that days can be compared for equality.
  std::vector<std::vector<std::pair<int, int>>> per_day(8);
  for (const auto& r : ranges)
    if (r.weekday >= 1 && r.weekday <= 7) per_day[static_cast<size_t>(r.weekday)].push_back({r.opens, r.closes});
  for (auto& d : per_day) std::sort(d.begin(), d.end());

  std::vector<HoursLine> out;
  int day = 1;
  while (day <= 7) {
    if (per_day[static_cast<size_t>(day)].empty()) {
      ++day;
      continue;
    }
    int last = day;
    while (last + 1 <= 7 && per_day[static_cast<size_t>(last + 1)] == per_day[static_cast<size_t>(day)]) ++last;
    HoursLine line;
    line.days = weekday_name(lang, day, last != day);
    if (last != day) line.days += "\u2013" + weekday_name(lang, last, true);
    const auto& spans = per_day[static_cast<size_t>(day)];
    if (spans.size() == 1 && spans[0].first == 0 && spans[0].second >= 1440) {
      line.all_day = true;
    } else {
      for (size_t i = 0; i < spans.size(); ++i) {
        if (i) line.times += ", ";
        line.times += format_time(lang, spans[i].first) + "\u2013" + format_time(lang, spans[i].second);
      }
    }
    out.push_back(std::move(line));
    day = last + 1;
  }
  return out;
}

// --- Collation ---------------------------------------------------------------

Collation::Collation(std::string_view lang) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Collator* c = icu::Collator::createInstance(locale_for(lang), status);
  if (U_FAILURE(status)) {
    delete c;
    status = U_ZERO_ERROR;
    c = icu::Collator::createInstance(icu::Locale::getRoot(), status);
  }
  collator_ = c;
}

Collation::~Collation() {
  delete static_cast<icu::Collator*>(collator_);
}

int Collation::compare(std::string_view a, std::string_view b) const {
  auto* c = static_cast<icu::Collator*>(collator_);
  if (!c) return a.compare(b);
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r = c->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                      icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

}  // namespace faro::lang
