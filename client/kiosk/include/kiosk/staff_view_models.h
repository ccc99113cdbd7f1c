// View-models of the staff screens (docs/kiosk.md "Staff mode"): what
// StaffHome and StaffEdit show, read from the content Store (the kiosk's
// view: content plus live edits) and the StaffDesk. No UI, no ImGui.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "content/model.h"
#include "content/result.h"
#include "content/store.h"
#include "kiosk/staff_desk.h"
#include "kiosk/view_models.h"

namespace faro::kiosk {

struct StaffHomeVm {
  std::vector<StaffEdit> edits;                      // newest first
  std::map<std::string, std::string> service_names;  // id -> name in the UI language (edits' services too)
  std::vector<content::ServiceSummary> services;     // this centre's, inactive ones included
  std::string last_sync_at;                          // ISO 8601; "" = never
  std::string last_sync_result;
  bool can_sync = false;
  bool syncing = false;
};
Result<StaffHomeVm> load_staff_home(content::Store& store, StaffDesk& desk, const std::string& centre,
                                    const std::string& lang);

struct StaffEditVm {
  FieldValues values;                         // the service's fields now; empty for a new service
  std::vector<content::Category> categories;  // choices for "categories"
  std::vector<content::Language> languages;   // choices for "languages spoken" (every content language)
  std::vector<std::string> organizations;     // organization ids of this centre's services (a new one picks)
  std::string timezone;                       // the centre's (a new service's schedule)
};
// `service` empty: a new service at `centre`.
Result<StaffEditVm> load_staff_edit(content::Store& store, StaffDesk& desk, const CentreInfo& centre,
                                    const std::string& service, const std::string& lang);

// The "phones" and "hours" fields as editable lines, and back. Joining drops
// lines left empty and sorts hours into their canonical order.
struct PhoneLine {
  std::string number;
  std::string type = "voice";  // voice sms hotline whatsapp fax
};
std::vector<PhoneLine> parse_phone_lines(const std::string& field);
std::string join_phone_lines(const std::vector<PhoneLine>& lines);

struct HoursLine {
  int day = 1;        // 1 = Monday .. 7
  std::string times;  // "09:00-17:00"
};
std::vector<HoursLine> parse_hours_lines(const std::string& field);
std::string join_hours_lines(const std::vector<HoursLine>& lines);

// The part of the service page that shows `field` ("name@ar" -> "name",
// "phones" -> "phones", "city" -> "address", ...): where a pending mark goes.
std::string service_section_of(const std::string& field);

}  // namespace faro::kiosk
