// The content model as the kiosk and tools see it: plain value types returned
// by Store queries. Texts come with the language they were actually found in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/lang.h"

namespace faro::content {

// A human-readable text and the language it came from after fallback.
// `lang` is empty when no language in the chain had the text.
struct LocalizedText {
  std::string text;
  std::string lang;
  bool empty() const { return text.empty(); }
};

enum class ArticleKind { Info, Warning, Emergency };
enum class Severity { None, Low, Medium, High, Critical };
enum class TranslationStatus { Draft, Reviewed };
enum class ServiceStatus { Active, TemporarilyClosed, Inactive };
enum class PhoneType { Voice, Sms, Hotline, Whatsapp, Fax };

const char* to_string(ArticleKind);
const char* to_string(Severity);
const char* to_string(TranslationStatus);
const char* to_string(ServiceStatus);
const char* to_string(PhoneType);
std::optional<ArticleKind> parse_article_kind(std::string_view);
std::optional<Severity> parse_severity(std::string_view);
std::optional<TranslationStatus> parse_translation_status(std::string_view);
std::optional<ServiceStatus> parse_service_status(std::string_view);
std::optional<PhoneType> parse_phone_type(std::string_view);

struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
};

// Great-circle distance in kilometres (haversine, mean Earth radius).
double distance_km(GeoPoint a, GeoPoint b);

struct Language {
  std::string tag;
  std::string name;  // endonym
  std::string english;
  std::string script;
  lang::Direction direction = lang::Direction::Ltr;
  std::vector<std::string> fallback;
};

struct Topic {
  std::string id;
  std::string parent;  // empty for a root
  std::string icon;
  int order = 0;
  LocalizedText title;
  LocalizedText summary;
  std::vector<Topic> children;
};

struct ArticleSummary {
  std::string id;
  std::string topic;
  ArticleKind kind = ArticleKind::Info;
  Severity severity = Severity::None;
  int order = 0;
  LocalizedText title;
  LocalizedText summary;
};

struct Article : ArticleSummary {
  std::string body_markdown;  // in title.lang: title, summary and body always share a language
  TranslationStatus status = TranslationStatus::Draft;
  std::string reviewed;  // YYYY-MM-DD
  std::vector<std::string> available_languages;
};

struct Category {
  std::string id;
  std::string icon;
  LocalizedText name;
};

struct Phone {
  std::string number;  // E.164 or a short code
  PhoneType type = PhoneType::Voice;
};

struct Location {
  LocalizedText name;
  LocalizedText directions;
  std::string address_1, city, region, postal_code, country;
  std::optional<GeoPoint> position;
};

// One opening-hours range in the schedule's own time zone.
using WeeklyRange = lang::WeeklyRange;

// A service as shown in a list.
struct ServiceSummary {
  std::string id;
  std::string centre;
  LocalizedText name;
  LocalizedText organization;
  std::vector<std::string> categories;
  bool free = false;
  ServiceStatus status = ServiceStatus::Active;
  std::optional<double> distance_km;  // set when the query gave a point
};

// A dated exception to the weekly hours (a holiday, a day with other
// hours), in the service's time zone. opens == closes == 0: closed all day.
struct DatedHours {
  std::string date;  // YYYY-MM-DD
  int opens = 0, closes = 0;
  bool closed() const { return opens == closes; }
  friend bool operator==(const DatedHours&, const DatedHours&) = default;
};

// A service with every field, for its detail page.
struct Service : ServiceSummary {
  LocalizedText description;
  LocalizedText fees;
  LocalizedText eligibility;
  LocalizedText documents;
  LocalizedText accessibility;
  LocalizedText status_note;
  LocalizedText schedule_note;
  std::vector<std::string> languages_spoken;
  std::vector<Phone> phones;
  std::optional<Location> location;
  std::string timezone;  // IANA; empty when no schedule
  std::vector<WeeklyRange> hours;
  std::vector<DatedHours> exceptions;  // by date; a date listed here replaces that weekday's hours
  std::string last_verified;           // YYYY-MM-DD
  std::string url, email;
};

struct EmergencyNumber {
  std::string number;
  LocalizedText label;
};

struct Centre {
  std::string id;
  LocalizedText name;
  LocalizedText address;
  GeoPoint position;
  std::string timezone;
  std::vector<std::string> languages;  // tile order
  std::vector<EmergencyNumber> emergency;
};

// One search result.
struct SearchHit {
  enum class Kind { Article, Service };
  Kind kind = Kind::Article;
  std::string id;
  LocalizedText title;
  double score = 0;  // higher is better
};

}  // namespace faro::content
