// View-models: what each screen shows, read from the content Store. No UI,
// no ImGui: tests build them from a database and check them directly.
// Every loader returns Result: a database error is shown as error.generic by
// the screen, never thrown into the frame loop.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/model.h"
#include "content/result.h"
#include "content/store.h"
#include "kiosk/session.h"

namespace faro::kiosk {

// The centre this kiosk stands in and the languages it offers.
struct CentreInfo {
  content::Centre centre;                    // in English (ids, position, time zone, numbers)
  std::vector<content::Language> languages;  // in tile order
};
// `centre_id` empty = the first centre. `order` (settings) overrides the
// centre's language order; languages the content lacks are dropped.
Result<CentreInfo> load_centre(content::Store& store, const std::string& centre_id,
                               const std::vector<std::string>& order);

bool is_rtl(const CentreInfo& c, const std::string& lang);

struct EmergencyVm {
  std::vector<content::EmergencyNumber> numbers;
  std::vector<content::ArticleSummary> articles;  // kind Emergency
};
Result<EmergencyVm> load_emergency(content::Store& store, const std::string& centre, const std::string& lang);

struct TopicVm {
  std::optional<content::Topic> topic;  // with its children
  std::vector<content::ArticleSummary> articles;
};
Result<TopicVm> load_topic(content::Store& store, const std::string& topic_id, const std::string& lang);

Result<std::vector<content::ArticleSummary>> load_warnings(content::Store& store, const std::string& lang);

// A warning's body split for the kiosk: by the authoring convention
// (docs/kiosk.md), a warning's last level-2 section ("## What to do") is what
// the visitor should do; the kiosk draws it as a block of its own, ending with
// the one-touch path to help. `heading` is empty when the body has no "## "
// section; then `body` is all of it.
struct WarningParts {
  std::string body;        // Markdown before the last "## " heading
  std::string heading;     // that heading's text, without "## "
  std::string what_to_do;  // Markdown after it
};
WarningParts split_warning(std::string_view markdown);

struct DirectoryVm {
  std::vector<content::Category> categories;
  std::vector<content::Language> spoken;  // choices for "language spoken"
  std::vector<content::ServiceSummary> services;
  std::vector<bool> open;  // per service: open at the query time
};
// Runs the filters for the visitor: open now at `now` (each service's own time
// zone), nearest from the centre's position.
Result<DirectoryVm> load_directory(content::Store& store, const CentreInfo& centre, const DirectoryFilters& f,
                                   const std::string& lang, int64_t now);

struct ServiceVm {
  content::Service service;
  std::vector<lang::HoursLine> hours;
  bool has_hours = false;
  bool open_now = false;
  std::string today;                            // today's hours, formatted; empty when closed all day
  std::optional<int> closes_at;                 // open now: minutes since local midnight when it closes
  std::optional<int> opens_at;                  // closed now: when it opens later today
  std::vector<content::DatedHours> exceptions;  // from today on (at most 8): holidays, special days
  std::string qr_payload;
};
Result<ServiceVm> load_service(content::Store& store, const std::string& id, const std::string& lang, int64_t now);

struct SearchVm {
  std::string query;
  std::vector<content::SearchHit> hits;
};
Result<SearchVm> run_search(content::Store& store, const std::string& query, const std::string& lang);

}  // namespace faro::kiosk

namespace faro::kiosk {

// One language tile of the welcome screen, with texts in that language.
struct WelcomeTile {
  content::Language language;
  std::string greeting;  // welcome.greeting in that language
  std::string choose;    // welcome.title in that language
};
Result<std::vector<WelcomeTile>> load_welcome(content::Store& store, const CentreInfo& centre);

}  // namespace faro::kiosk
