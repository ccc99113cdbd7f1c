#include "screens/staff_home.h"

#include <cmath>

#include "screens/common.h"

namespace faro::screens {
namespace {

struct StateLook {
  const char* sign;
  const char* key;  // staff.state.*
};

StateLook look_of(kiosk::StaffEditState s) {
  switch (s) {
    case kiosk::StaffEditState::Pending:
      return {"↑", "staff.state.pending"};
    case kiosk::StaffEditState::Held:
      return {"…", "staff.state.held"};
    case kiosk::StaffEditState::Accepted:
      return {"✓", "staff.state.accepted"};
    case kiosk::StaffEditState::Conflict:
      return {"⚠", "staff.state.conflict"};
    case kiosk::StaffEditState::Rejected:
      return {"✕", "staff.state.rejected"};
  }
  return {"?", "staff.state.pending"};
}

}  // namespace

std::string StaffHomeScreen::title(kiosk::Frame& f) {
  return f.s.get("staff.home.title");
}

void StaffHomeScreen::draw(kiosk::Frame& f) {
  if (!f.staff_mode()) return show_error(f);
  const auto& s = f.s;
  const auto& p = f.ui.palette();
  const double now = f.clock.monotonic();
  if (!vm_ || now - loaded_at_ >= 2.0) {
    const std::string centre = f.staff->centre().empty() ? f.centre.centre.id : f.staff->centre();
    vm_ = kiosk::load_staff_home(f.store, *f.staff, centre, f.ui.lang());
    loaded_at_ = now;
  }
  if (!*vm_) return show_error(f);
  const auto& vm = **vm_;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = f.ui.em() * 0.5f;
  auto& staff = *f.session.staff;

  if (!staff.notice.empty()) {
    const ImVec2 a = ImGui::GetCursorScreenPos();
    f.ui.text("✓ " + s.get(staff.notice), s.lang_of(staff.notice), 1.1f, p.ok);
    f.ui.record("staff.notice", a, ImGui::GetItemRectMax());
  }

  // Who is logged in, and the way out.
  {
    f.ui.text(s.format("staff.home.logged_in", {{"name", staff.name}}), s.lang_of("staff.home.logged_in"), 1.f,
              p.muted);
    kiosk::Row row(f.ui, gap);
    const std::string& leave = s.get("staff.home.leave");
    float lw = f.ui.button_width(leave, 1.f, s.lang_of("staff.home.leave"));
    row.next(lw);
    if (f.ui.button("staff.leave", leave, ImVec2(lw, 0), p.chip_off, p.chip_off_text, s.lang_of("staff.home.leave")))
      f.emit(kiosk::Action{kiosk::Action::Kind::StaffLeave, {}, {}});
    const std::string add = "+ " + s.get("staff.home.add");
    float aw = f.ui.button_width(add, 1.f, s.lang_of("staff.home.add"));
    row.next(aw);
    if (f.ui.button("staff.add", add, ImVec2(aw, 0), 0, 0, s.lang_of("staff.home.add")))
      f.push(kiosk::ScreenId::StaffEdit, "");
    row.end();
  }

  // Sync.
  {
    std::string last = s.get("staff.sync.never");
    if (!vm.last_sync_at.empty()) {
      const std::string date = vm.last_sync_at.substr(0, 10);
      const std::string time = vm.last_sync_at.size() >= 16 ? vm.last_sync_at.substr(11, 5) + " UTC" : "";
      last = s.format("staff.sync.last", {{"date", lang::format_date(f.ui.lang(), date)}, {"time", time}});
      if (vm.last_sync_result == "failed") last += "  ·  ⚠ " + s.get("status.sync_error");
    }
    f.ui.text(last, f.ui.lang(), 1.f);
    kiosk::Row row(f.ui, gap);
    if (vm.can_sync) {
      const std::string label = vm.syncing ? s.get("status.syncing") : "⟳ " + s.get("staff.sync.now");
      float bw = f.ui.button_width(label, 1.f, s.lang_of("staff.sync.now"));
      row.next(bw);
      if (f.ui.button("staff.sync", label, ImVec2(bw, 0), 0, 0, s.lang_of("staff.sync.now")) && !vm.syncing) {
        f.staff->sync_now();
        vm_.reset();
      }
    }
    row.end();
    if (!vm.can_sync)
      f.ui.text(s.get("staff.sync.unavailable"), s.lang_of("staff.sync.unavailable"), 0.9f, p.muted, avail);
  }

  // The outbox.
  ImGui::Dummy(ImVec2(0, gap));
  f.ui.text(s.get("staff.home.edits"), s.lang_of("staff.home.edits"), 1.3f);
  if (vm.edits.empty()) f.ui.text(s.get("staff.home.no_edits"), s.lang_of("staff.home.no_edits"), 1.f, p.muted);
  for (const auto& e : vm.edits) {
    const auto look = look_of(e.state);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    auto it = vm.service_names.find(e.service);
    const std::string name = it == vm.service_names.end() ? e.service : it->second;
    ImU32 col = e.state == kiosk::StaffEditState::Conflict || e.state == kiosk::StaffEditState::Rejected ? p.danger
                : e.state == kiosk::StaffEditState::Accepted                                             ? p.ok
                                                                                                         : p.text;
    f.ui.text(std::string(look.sign) + " " + s.get(look.key) + "  ·  " + name, f.ui.lang(), 1.f, col, avail);
    std::string fields;
    for (const auto& fl : e.fields) {
      const size_t at = fl.find('@');
      std::string label = s.get("staff.field." + fl.substr(0, at));
      if (at != std::string::npos) label += " (" + fl.substr(at + 1) + ")";
      fields += (fields.empty() ? "" : ", ") + label;
    }
    f.ui.text(s.format("staff.home.edit_fields", {{"fields", fields}, {"date", e.created.substr(0, 10)}}),
              s.lang_of("staff.home.edit_fields"), 0.85f, p.muted, avail);
    if (!e.reason.empty())
      f.ui.text(s.format("staff.home.reason", {{"reason", e.reason}}), s.lang_of("staff.home.reason"), 0.9f, p.text,
                avail);
    f.ui.record("staff.outbox." + e.id, a, ImVec2(a.x + avail, ImGui::GetItemRectMax().y));
  }

  // This centre's services.
  ImGui::Dummy(ImVec2(0, gap));
  f.ui.text(s.get("staff.home.services"), s.lang_of("staff.home.services"), 1.3f);
  const std::string& edit = s.get("staff.home.edit");
  const float ew = std::max(f.ui.button_width(edit, 1.f, s.lang_of("staff.home.edit")), f.ui.em() * 5);
  for (const auto& sv : vm.services) {
    kiosk::Row row(f.ui, gap);
    row.next(ew);
    if (f.ui.button("staff.edit." + sv.id, edit, ImVec2(ew, 0), 0, 0, s.lang_of("staff.home.edit")))
      f.push(kiosk::ScreenId::StaffEdit, sv.id);
    const float nw = avail - ew - gap;
    row.next(nw);
    std::string label = sv.name.text;
    if (sv.status == content::ServiceStatus::TemporarilyClosed)
      label += "  ·  " + s.get("service.temporarily_closed");
    else if (sv.status == content::ServiceStatus::Inactive)
      label += "  ·  " + s.get("staff.status.inactive");
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0, std::round(f.ui.em() * 0.35f)));
    f.ui.label(label, sv.name.lang, 1.f, 0, nw);
    ImGui::EndGroup();
    row.end();
  }
}

}  // namespace faro::screens
