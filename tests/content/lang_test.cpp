// Language tags, fallback chains, locale formatting and collation.
#include "content/lang.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace faro::lang;

TEST_CASE("tags are canonicalised", "[lang]") {
  CHECK(*canonicalize("es") == "es");
  CHECK(*canonicalize("ES-mx") == "es-MX");
  CHECK(*canonicalize("zh-hans") == "zh-Hans");
  CHECK(*canonicalize("quc") == "quc");
  CHECK(*canonicalize("es-419") == "es-419");
  CHECK(*canonicalize("iw") == "he");
  CHECK_FALSE(canonicalize("").ok());
  CHECK_FALSE(canonicalize("not a tag").ok());
  CHECK_FALSE(canonicalize("toolonglanguage").ok());
  CHECK_FALSE(canonicalize("es-").ok());
}

TEST_CASE("ICU parents walk towards the language", "[lang]") {
  CHECK(parent("es-MX") == "es-419");
  CHECK(parent("es-419") == "es");
  CHECK(parent("es") == "");
  CHECK(parent("es-ES") == "es");
  CHECK(parent("zh-Hans-CN") == "zh-Hans");
}

namespace {
FallbackResolver resolver(std::map<std::string, std::vector<std::string>> overrides = {}) {
  std::vector<LanguageInfo> langs = {
      {"en", "English", "English", "Latn", Direction::Ltr, {}},
      {"es", "español", "Spanish", "Latn", Direction::Ltr, {}},
      {"es-419", "español (Latinoamérica)", "Latin American Spanish", "Latn", Direction::Ltr, {"es"}},
      {"quc", "K’iche’", "K'iche'", "Latn", Direction::Ltr, {"es"}},
      {"fr", "français", "French", "Latn", Direction::Ltr, {}},
      {"ht", "Kreyòl", "Haitian Creole", "Latn", Direction::Ltr, {"fr"}},
      {"ar", "العربية", "Arabic", "Arab", Direction::Rtl, {}},
  };
  return FallbackResolver(langs, std::move(overrides));
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("fallback chains follow configuration and end in English", "[lang][fallback]") {
  auto r = resolver();
  CHECK(r.chain("quc") == V{"quc", "es", "en"});
  CHECK(r.chain("es-419") == V{"es-419", "es", "en"});
  CHECK(r.chain("ht") == V{"ht", "fr", "en"});
  CHECK(r.chain("ar") == V{"ar", "en"});
  CHECK(r.chain("en") == V{"en"});
}

TEST_CASE("undeclared tags resolve to their nearest declared parent", "[lang][fallback]") {
  auto r = resolver();
  CHECK(r.chain("es-MX") == V{"es-419", "es", "en"});  // es-MX -> es-419 (ICU parent)
  CHECK(r.chain("es-ES") == V{"es", "en"});
  CHECK(r.chain("ES") == V{"es", "en"});
  CHECK(r.chain("de") == V{"en"});
  CHECK(r.chain("garbage tag") == V{"en"});
}

TEST_CASE("per-centre chains override per-language ones", "[lang][fallback]") {
  auto r = resolver({{"ht", {"es", "fr"}}});
  CHECK(r.chain("ht") == V{"ht", "es", "fr", "en"});
  CHECK(r.chain("quc") == V{"quc", "es", "en"});
}

TEST_CASE("display names come in the language itself", "[lang]") {
  CHECK(display_name("es", "es") == "español");
  CHECK(display_name("ar", "ar") == "العربية");
  CHECK(direction_of("ar") == Direction::Rtl);
  CHECK(direction_of("fa") == Direction::Rtl);
  CHECK(direction_of("hi") == Direction::Ltr);
}

TEST_CASE("times of day are formatted per locale", "[lang][format]") {
  // Spanish (CLDR 42): 24-hour clock, no leading zero in es.
  CHECK(format_time("es", 9 * 60) == "9:00");
  CHECK(format_time("es", 17 * 60 + 30) == "17:30");
  // Arabic: Arabic-Indic digits and the Arabic day-period marker.
  std::string ar9 = format_time("ar", 9 * 60);
  CHECK_THAT(ar9, Catch::Contains("٩:٠٠"));
  CHECK_THAT(ar9, Catch::Contains("ص"));
  CHECK_THAT(format_time("ar", 17 * 60), Catch::Contains("م"));
  // Hindi: 12-hour clock.
  CHECK(format_time("hi", 17 * 60 + 30) == "5:30 pm");
  // English (US default): 12-hour with AM/PM; French: 24-hour.
  CHECK_THAT(format_time("en", 17 * 60), Catch::Contains("PM"));
  CHECK(format_time("fr", 17 * 60) == "17:00");
}

TEST_CASE("weekly hours are grouped and localised", "[lang][format]") {
  std::vector<WeeklyRange> hours;
  for (int d = 1; d <= 5; ++d) hours.push_back({d, 9 * 60, 17 * 60});
  hours.push_back({6, 10 * 60, 14 * 60});
  auto es = format_hours("es", hours);
  REQUIRE(es.size() == 2);
  CHECK_THAT(es[0].days, Catch::Contains("lun"));
  CHECK_THAT(es[0].days, Catch::Contains("vie"));
  CHECK(es[0].times == "9:00\u201317:00");
  CHECK_THAT(es[1].days, Catch::Contains("sábado"));
  auto ar = format_hours("ar", hours);
  REQUIRE(ar.size() == 2);
  CHECK_THAT(ar[0].days, Catch::Contains("الاثنين"));
  CHECK_THAT(ar[0].times, Catch::Contains("٩:٠٠"));
  auto hi = format_hours("hi", hours);
  REQUIRE(hi.size() == 2);
  CHECK_THAT(hi[0].days, Catch::Contains("सोम"));
  CHECK_THAT(hi[1].days, Catch::Contains("शनिवार"));

  std::vector<WeeklyRange> always;
  for (int d = 1; d <= 7; ++d) always.push_back({d, 0, 1440});
  auto all = format_hours("en", always);
  REQUIRE(all.size() == 1);
  CHECK(all[0].all_day);
}

TEST_CASE("numbers and distances use the locale's digits and separators", "[lang][format]") {
  CHECK(format_number("en", 12345.6, 1) == "12,345.6");
  CHECK(format_number("es", 12345.6, 1) == "12.345,6");
  CHECK(format_number("ar", 42) == "٤٢");
  CHECK(format_number("hi", 1234567) == "12,34,567");  // Indian grouping
  CHECK_THAT(format_distance_km("es", 1.25), Catch::Contains("1,2"));
  CHECK_THAT(format_distance_km("es", 1.25), Catch::Contains("km"));
}

TEST_CASE("dates are formatted per locale", "[lang][format]") {
  CHECK_THAT(format_date("es", "2026-10-12"), Catch::Contains("oct"));
  CHECK_THAT(format_date("en", "2026-10-12"), Catch::Contains("Oct"));
  CHECK(format_date("en", "not a date") == "not a date");
}

TEST_CASE("sorting follows each language's collation", "[lang][collation]") {
  std::vector<std::string> es = {"ñu", "nube", "oso", "Ángel", "avión"};
  Collation c("es");
  std::sort(es.begin(), es.end(), [&](const std::string& a, const std::string& b) { return c.less(a, b); });
  CHECK(es == std::vector<std::string>{"Ángel", "avión", "nube", "ñu", "oso"});

  // In Swedish, ö sorts after z; in German, next to o.
  std::vector<std::string> words = {"öl", "zebra", "ost"};
  Collation sv("sv"), de("de");
  auto sorted = [&](Collation& col) {
    auto w = words;
    std::sort(w.begin(), w.end(), [&](const std::string& a, const std::string& b) { return col.less(a, b); });
    return w;
  };
  CHECK(sorted(sv) == std::vector<std::string>{"ost", "zebra", "öl"});
  CHECK(sorted(de) == std::vector<std::string>{"öl", "ost", "zebra"});
}
