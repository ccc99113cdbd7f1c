// Languages: BCP 47 tags, fallback chains, locale-aware formatting and sorting.
//
// Everything here is built on ICU 72. Functions are pure and thread-safe
// (ICU objects are created per call or per thread); none touches the disk.
//
// Tags are canonical BCP 47 as ICU prints them ("es-419", "zh-Hans", "quc").
// Fallback: a chain starts with the requested tag, follows the fallbacks
// configured for that language (per centre first, then per language) and
// always ends with "en", the project's language of last resort.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.h"

namespace faro::lang {

inline constexpr const char* kLastResort = "en";

enum class Direction { Ltr, Rtl };

// Canonical form of a well-formed tag ("ES-mx" -> "es-MX", "iw" -> "he").
// Fails with Invalid for a tag that is not well-formed BCP 47.
Result<std::string> canonicalize(std::string_view tag);

// The parent of a tag by ICU's rules ("es-MX" -> "es-419" -> "es" -> "").
std::string parent(std::string_view tag);

// ICU's idea of the script direction of a language.
Direction direction_of(std::string_view tag);

// Name of `tag` in language `in` ("es" in "es" -> "español"); empty when ICU
// has no name for it.
std::string display_name(std::string_view tag, std::string_view in);

struct LanguageInfo {
  std::string tag;
  std::string name;     // endonym
  std::string english;  // English name
  std::string script;   // ISO 15924
  Direction direction = Direction::Ltr;
  std::vector<std::string> fallback;  // configured, without the tag itself
};

// Resolves fallback chains. Holds a copy of the declared languages and of the
// per-centre overrides. Immutable after construction; safe to share.
class FallbackResolver {
 public:
  FallbackResolver() = default;
  FallbackResolver(std::vector<LanguageInfo> languages, std::map<std::string, std::vector<std::string>> overrides = {});

  // The chain for `requested`: the closest declared tag (the tag itself, or
  // its nearest declared ICU parent), its fallbacks, then "en". No duplicates.
  // An unknown or malformed tag yields just {"en"}.
  std::vector<std::string> chain(std::string_view requested) const;

  // The closest declared tag, or empty if none.
  std::string resolve(std::string_view requested) const;

  const std::vector<LanguageInfo>& languages() const { return languages_; }
  const LanguageInfo* find(std::string_view tag) const;

 private:
  std::vector<LanguageInfo> languages_;
  std::map<std::string, std::vector<std::string>> overrides_;
};

// --- Formatting (ICU, per locale) ---------------------------------------

// A time of day (minutes since midnight, 0..1440) in the locale's own style:
// "9:00 a. m." (es), "٩:٠٠ ص" (ar), "9:00 am" (hi). 1440 prints as midnight.
std::string format_time(std::string_view lang, int minutes);

// Weekday name, 1 = Monday .. 7 = Sunday, standalone form.
std::string weekday_name(std::string_view lang, int weekday, bool abbreviated = false);

// A number with grouping and the locale's digits.
std::string format_number(std::string_view lang, double value, int max_fraction_digits = 0);

// A distance in kilometres, with the locale's unit ("1,2 km").
std::string format_distance_km(std::string_view lang, double km);

// A calendar date given as "YYYY-MM-DD", in the locale's medium style.
std::string format_date(std::string_view lang, std::string_view iso_date);

// One line of a weekly timetable: days with identical hours grouped.
struct HoursLine {
  std::string days;   // "lunes–viernes"
  std::string times;  // "9:00 a. m.–5:00 p. m."; empty when all_day
  bool all_day = false;
};

struct WeeklyRange {
  int weekday = 1;  // 1 = Monday .. 7 = Sunday
  int opens = 0;    // minutes since local midnight
  int closes = 0;   // up to 1440; < opens means past midnight
};

// Formats a weekly schedule, grouping consecutive days with the same ranges.
std::vector<HoursLine> format_hours(std::string_view lang, const std::vector<WeeklyRange>& ranges);

// --- Sorting ---------------------------------------------------------------

// Collation for one language. Not thread-safe: one per thread.
class Collation {
 public:
  explicit Collation(std::string_view lang);
  ~Collation();
  Collation(const Collation&) = delete;
  Collation& operator=(const Collation&) = delete;
  // <0, 0, >0 like strcmp, by the language's collation rules.
  int compare(std::string_view a, std::string_view b) const;
  bool less(std::string_view a, std::string_view b) const { return compare(a, b) < 0; }

 private:
  void* collator_ = nullptr;  // icu::Collator*, kept out of the header
};

}  // namespace faro::lang
