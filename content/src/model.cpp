#include "content/model.h"

#include <algorithm>
#include <cmath>

namespace faro::content {

const char* to_string(ArticleKind k) {
  switch (k) {
    case ArticleKind::Info:
      return "info";
    case ArticleKind::Warning:
      return "warning";
    case ArticleKind::Emergency:
      return "emergency";
  }
  return "info";
}
const char* to_string(Severity s) {
  switch (s) {
    case Severity::None:
      return "none";
    case Severity::Low:
      return "low";
    case Severity::Medium:
      return "medium";
    case Severity::High:
      return "high";
    case Severity::Critical:
      return "critical";
  }
  return "none";
}
const char* to_string(TranslationStatus s) {
  return s == TranslationStatus::Reviewed ? "reviewed" : "draft";
}
const char* to_string(ServiceStatus s) {
  switch (s) {
    case ServiceStatus::Active:
      return "active";
    case ServiceStatus::TemporarilyClosed:
      return "temporarily-closed";
    case ServiceStatus::Inactive:
      return "inactive";
  }
  return "active";
}
const char* to_string(PhoneType t) {
  switch (t) {
    case PhoneType::Voice:
      return "voice";
    case PhoneType::Sms:
      return "sms";
    case PhoneType::Hotline:
      return "hotline";
    case PhoneType::Whatsapp:
      return "whatsapp";
    case PhoneType::Fax:
      return "fax";
  }
  return "voice";
}

std::optional<ArticleKind> parse_article_kind(std::string_view s) {
  if (s == "info") return ArticleKind::Info;
  if (s == "warning") return ArticleKind::Warning;
  if (s == "emergency") return ArticleKind::Emergency;
  return std::nullopt;
}
std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "none") return Severity::None;
  if (s == "low") return Severity::Low;
  if (s == "medium") return Severity::Medium;
  if (s == "high") return Severity::High;
  if (s == "critical") return Severity::Critical;
  return std::nullopt;
}
std::optional<TranslationStatus> parse_translation_status(std::string_view s) {
  if (s == "draft") return TranslationStatus::Draft;
  if (s == "reviewed") return TranslationStatus::Reviewed;
  return std::nullopt;
}
std::optional<ServiceStatus> parse_service_status(std::string_view s) {
  if (s == "active") return ServiceStatus::Active;
  if (s == "temporarily-closed") return ServiceStatus::TemporarilyClosed;
  if (s == "inactive") return ServiceStatus::Inactive;
  return std::nullopt;
}
std::optional<PhoneType> parse_phone_type(std::string_view s) {
  if (s == "voice") return PhoneType::Voice;
  if (s == "sms") return PhoneType::Sms;
  if (s == "hotline") return PhoneType::Hotline;
  if (s == "whatsapp") return PhoneType::Whatsapp;
  if (s == "fax") return PhoneType::Fax;
  return std::nullopt;
}

double distance_km(GeoPoint a, GeoPoint b) {
  constexpr double kEarthKm = 6371.0088;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (b.latitude - a.latitude) * kRad;
  double dlon = (b.longitude - a.longitude) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.latitude * kRad) * std::cos(b.latitude * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace faro::content
