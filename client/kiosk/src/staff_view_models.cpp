#include "kiosk/staff_view_models.h"

#include <algorithm>
#include <sstream>

namespace faro::kiosk {

Result<StaffHomeVm> load_staff_home(content::Store& store, StaffDesk& desk, const std::string& centre,
                                    const std::string& lang) {
  StaffHomeVm vm;
  vm.edits = FARO_TRY(desk.edits());
  content::ServiceQuery q;
  q.lang = lang;
  q.centre = centre;
  q.include_inactive = true;
  vm.services = FARO_TRY(store.services(q));
  for (const auto& s : vm.services) vm.service_names[s.id] = s.name.text;
  for (const auto& e : vm.edits)
    if (!vm.service_names.count(e.service))
      if (auto sv = store.service(e.service, lang)) vm.service_names[e.service] = sv->name.text;
  vm.last_sync_at = desk.last_sync_at();
  vm.last_sync_result = desk.last_sync_result();
  vm.can_sync = desk.can_sync();
  vm.syncing = desk.syncing();
  return vm;
}

Result<StaffEditVm> load_staff_edit(content::Store& store, StaffDesk& desk, const CentreInfo& centre,
                                    const std::string& service, const std::string& lang) {
  StaffEditVm vm;
  if (!service.empty()) vm.values = FARO_TRY(desk.service(service));
  vm.categories = FARO_TRY(store.categories(lang));
  vm.languages = FARO_TRY(store.languages());
  vm.timezone = centre.centre.timezone;
  content::ServiceQuery q;
  q.lang = lang;
  q.centre = centre.centre.id;
  q.include_inactive = true;
  for (const auto& s : FARO_TRY(store.services(q))) {
    if (auto rec = desk.service(s.id)) {
      const std::string& org = (*rec)["organization"];
      if (!org.empty() && std::find(vm.organizations.begin(), vm.organizations.end(), org) == vm.organizations.end())
        vm.organizations.push_back(org);
    }
  }
  return vm;
}

std::vector<PhoneLine> parse_phone_lines(const std::string& field) {
  std::vector<PhoneLine> out;
  std::istringstream in(field);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    PhoneLine p;
    const size_t sp = line.find(' ');
    p.number = line.substr(0, sp);
    if (sp != std::string::npos) p.type = line.substr(sp + 1);
    out.push_back(std::move(p));
  }
  return out;
}

std::string join_phone_lines(const std::vector<PhoneLine>& lines) {
  std::string out;
  for (const auto& p : lines) {
    if (p.number.empty()) continue;
    out += (out.empty() ? "" : "\n") + p.number + " " + p.type;
  }
  return out;
}

std::vector<HoursLine> parse_hours_lines(const std::string& field) {
  std::vector<HoursLine> out;
  std::istringstream in(field);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 3 || line[1] != ' ' || line[0] < '1' || line[0] > '7') continue;
    out.push_back(HoursLine{line[0] - '0', line.substr(2)});
  }
  return out;
}

std::string join_hours_lines(const std::vector<HoursLine>& lines) {
  std::vector<std::string> parts;
  for (const auto& h : lines)
    if (!h.times.empty()) parts.push_back(std::to_string(h.day) + " " + h.times);
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "\n") + p;
  return out;
}

std::string service_section_of(const std::string& field) {
  const std::string base = field.substr(0, field.find('@'));
  if (base == "name" || base == "organization") return "name";
  if (base == "status" || base == "status_note") return "status";
  if (base == "hours" || base == "schedule_note" || base == "timezone") return "hours";
  if (base == "free" || base == "fees") return "cost";
  if (base == "url" || base == "email") return "links";
  if (base == "address_1" || base == "city" || base == "region" || base == "postal_code" || base == "country" ||
      base == "latitude" || base == "longitude" || base == "location_name" || base == "directions")
    return "address";
  return base;  // description, phones, languages, categories, documents, eligibility, accessibility, last_verified
}

}  // namespace faro::kiosk
