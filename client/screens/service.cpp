#include "screens/service.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "kiosk/staff_view_models.h"
#include "screens/common.h"

namespace faro::screens {
namespace {

// A web address as people read it: no scheme, no trailing slash.
std::string display_url(std::string url) {
  for (const char* scheme : {"https://", "http://"})
    if (url.rfind(scheme, 0) == 0) url.erase(0, std::char_traits<char>::length(scheme));
  if (url.size() > 1 && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string ServiceScreen::title(kiosk::Frame& f) {
  if (!vm_) vm_ = kiosk::load_service(f.store, route_.arg, f.ui.lang(), f.clock.unix_now());
  return *vm_ ? (*vm_)->service.name.text : std::string();
}

// Staff only: a part of the page whose fields have a live edit (pending,
// held or accepted, not yet in a release). Visitors see no mark.
void ServiceScreen::pending_mark(kiosk::Frame& f, const char* section, float width) {
  if (!f.staff_mode()) {
    pending_.reset();
    return;
  }
  if (!pending_) {
    pending_.emplace();
    if (auto fields = f.staff->pending_fields()) {
      auto it = fields->find(route_.arg);
      if (it != fields->end())
        for (const auto& fl : it->second) pending_->insert(kiosk::service_section_of(fl));
    }
  }
  if (!pending_->count(section)) return;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  f.ui.text("✎ " + f.s.get("staff.pending"), f.s.lang_of("staff.pending"), 0.85f, f.ui.palette().accent, width);
  f.ui.record(std::string("service.pending.") + section, a, ImGui::GetItemRectMax());
}

void ServiceScreen::draw(kiosk::Frame& f) {
  if (!vm_) vm_ = kiosk::load_service(f.store, route_.arg, f.ui.lang(), f.clock.unix_now());
  if (!*vm_) return show_error(f);
  const auto& vm = **vm_;
  const auto& sv = vm.service;
  const auto& s = f.s;
  const auto& p = f.ui.palette();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float qr_w = std::min(std::round(f.ui.em() * 13), avail * 0.4f);
  const float gap = f.ui.em();
  const float w = avail - qr_w - gap;
  const ImVec2 origin = ImGui::GetCursorScreenPos();

  // The take-away QR code on the end side.
  if (!qr_) qr_ = kiosk::encode_qr(vm.qr_payload);
  {
    const float x = f.ui.rtl() ? origin.x : origin.x + avail - qr_w;
    ImGui::SetCursorScreenPos(ImVec2(x, origin.y));
    ImGui::BeginGroup();
    f.ui.text(s.get("service.take_away"), s.lang_of("service.take_away"), 1.1f, 0, qr_w);
    if (*qr_) {
      const auto& m = **qr_;
      const float module = std::floor(qr_w / static_cast<float>(m.size + 8));
      const float side = module * static_cast<float>(m.size + 8);
      const ImVec2 q = ImGui::GetCursorScreenPos();
      ImDrawList* dl = ImGui::GetWindowDrawList();
      dl->AddRectFilled(q, ImVec2(q.x + side, q.y + side), IM_COL32(255, 255, 255, 255));
      for (int y = 0; y < m.size; ++y)
        for (int xm = 0; xm < m.size; ++xm)
          if (m.at(xm, y)) {
            ImVec2 a(q.x + module * static_cast<float>(xm + 4), q.y + module * static_cast<float>(y + 4));
            dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
          }
      ImGui::Dummy(ImVec2(side, side));
      f.ui.record("service.qr", q, ImVec2(q.x + side, q.y + side));
    }
    f.ui.text(s.get("service.qr_hint"), s.lang_of("service.qr_hint"), 0.8f, p.muted, qr_w);
    ImGui::EndGroup();
  }
  const float qr_bottom = ImGui::GetItemRectMax().y;

  ImGui::SetCursorScreenPos(ImVec2(f.ui.rtl() ? origin.x + qr_w + gap : origin.x, origin.y));
  ImGui::BeginGroup();
  pending_mark(f, "name", w);
  if (!sv.organization.empty() && sv.organization.text != sv.name.text)
    f.ui.text(sv.organization.text, sv.organization.lang, 1.f, p.muted, w);
  // Today's status: a sign and words, with colour as a third cue.
  std::string status;
  ImU32 status_col = p.text;
  if (sv.status == content::ServiceStatus::TemporarilyClosed) {
    status = "✕ " + s.get("service.temporarily_closed");
    status_col = p.danger;
  } else if (vm.has_hours) {
    status = vm.open_now ? "● " + s.get("service.open_now") : "○ " + s.get("service.closed_now");
    status_col = vm.open_now ? p.ok : p.danger;
    if (vm.closes_at)
      status += "  ·  " + s.format("service.closes_at", {{"time", lang::format_time(f.ui.lang(), *vm.closes_at)}});
    else if (vm.opens_at)
      status += "  ·  " + s.format("service.opens_at", {{"time", lang::format_time(f.ui.lang(), *vm.opens_at)}});
    if (!vm.today.empty()) status += "  ·  " + s.format("service.today", {{"hours", vm.today}});
  } else {
    status = s.get("service.by_appointment");
  }
  f.ui.text(status, f.ui.lang(), 1.2f, status_col, w);
  pending_mark(f, "status", w);
  if (!sv.status_note.empty()) f.ui.text(sv.status_note.text, sv.status_note.lang, 1.f, 0, w);
  if (!sv.description.empty()) {
    pending_mark(f, "description", w);
    f.ui.text(sv.description.text, sv.description.lang, 1.f, 0, w);
  }

  auto section = [&](const char* key, const char* part) {
    f.ui.text(s.get(key), s.lang_of(key), 1.2f, 0, w);
    pending_mark(f, part, w);
  };
  if (!sv.phones.empty()) {
    section("service.phones", "phones");
    kiosk::Row row(f.ui, f.ui.em() * 0.5f, w);  // wraps inside the text column, never under the QR code
    for (size_t i = 0; i < sv.phones.size(); ++i) {
      const auto& ph = sv.phones[i];
      std::string key = std::string("phone.type.") + content::to_string(ph.type);
      // Tapping a number shows it as a QR code the visitor's phone can dial.
      std::string label = "☎ " + s.get(key) + ": " + ph.number;
      float bw = std::min(w, f.ui.button_width(label, 1.f, s.lang_of(key)));
      row.next(bw);
      if (f.ui.button("service.phone." + std::to_string(i), label, ImVec2(bw, 0), p.chip_off, p.chip_off_text,
                      s.lang_of(key)))
        f.show_qr("tel:" + ph.number);
    }
    row.end();
  }
  // Website and email: tapping one shows it as a QR code to take away.
  if (!sv.url.empty() || !sv.email.empty()) {
    pending_mark(f, "links", w);
    kiosk::Row row(f.ui, f.ui.em() * 0.5f, w);
    auto link = [&](const char* id, const char* key, const std::string& shown, const std::string& qr) {
      std::string label = s.get(key) + ": " + shown;
      float bw = std::min(w, f.ui.button_width(label, 1.f, s.lang_of(key)));
      row.next(bw);
      if (f.ui.button(id, label, ImVec2(bw, 0), p.chip_off, p.chip_off_text, s.lang_of(key))) f.show_qr(qr);
    };
    if (!sv.url.empty()) link("service.website", "service.website", display_url(sv.url), sv.url);
    if (!sv.email.empty()) link("service.email", "service.email", sv.email, "mailto:" + sv.email);
    row.end();
  }
  if (vm.has_hours) {
    section("service.hours", "hours");
    for (const auto& h : vm.hours) f.ui.text(h.days + "  " + h.times, f.ui.lang(), 1.f, 0, w);
    if (!sv.schedule_note.empty()) f.ui.text(sv.schedule_note.text, sv.schedule_note.lang, 0.9f, p.muted, w);
    if (!vm.exceptions.empty()) {
      // Holidays and special days from today on: they replace the weekly hours.
      f.ui.text(s.get("service.exceptions"), s.lang_of("service.exceptions"), 1.f, 0, w);
      for (const auto& e : vm.exceptions) {
        std::string when = lang::format_date(f.ui.lang(), e.date) + "  ";
        if (e.closed())
          f.ui.text(when + s.get("service.closed_all_day"), f.ui.lang(), 1.f, p.muted, w);
        else
          f.ui.text(when + lang::format_time(f.ui.lang(), e.opens) + "–" + lang::format_time(f.ui.lang(), e.closes),
                    f.ui.lang(), 1.f, 0, w);
      }
    }
  }
  if (sv.location) {
    const auto& l = *sv.location;
    section("service.address", "address");
    std::string addr = l.address_1;
    for (const std::string* part : {&l.city, &l.region, &l.postal_code})
      if (!part->empty()) addr += (addr.empty() ? "" : ", ") + *part;
    if (!l.name.empty()) f.ui.text(l.name.text, l.name.lang, 1.f, 0, w);
    f.ui.text(addr, "en", 1.f, 0, w);
    if (!l.directions.empty()) f.ui.text(l.directions.text, l.directions.lang, 0.9f, p.muted, w);
  }
  if (!sv.languages_spoken.empty()) {
    section("service.languages", "languages");
    std::string langs;
    for (const auto& t : sv.languages_spoken) langs += (langs.empty() ? "" : " · ") + language_name(f.centre, t);
    f.ui.text(langs, f.ui.lang(), 1.f, 0, w);
  }
  section("service.cost", "cost");
  f.ui.text(sv.free ? s.get("service.free") : sv.fees.text, sv.free ? s.lang_of("service.free") : sv.fees.lang, 1.f, 0,
            w);
  if (!sv.documents.empty()) {
    section("service.documents", "documents");
    f.ui.text(sv.documents.text, sv.documents.lang, 1.f, 0, w);
  }
  if (!sv.eligibility.empty()) {
    section("service.eligibility", "eligibility");
    f.ui.text(sv.eligibility.text, sv.eligibility.lang, 1.f, 0, w);
  }
  if (!sv.accessibility.empty()) {
    section("service.accessibility", "accessibility");
    f.ui.text(sv.accessibility.text, sv.accessibility.lang, 1.f, 0, w);
  }
  if (!sv.last_verified.empty())
    f.ui.text(s.format("service.last_verified", {{"date", lang::format_date(f.ui.lang(), sv.last_verified)}}),
              s.lang_of("service.last_verified"), 0.8f, p.muted, w);
  ImGui::EndGroup();
  const float text_bottom = ImGui::GetItemRectMax().y;
  ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(qr_bottom, text_bottom)));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace faro::screens
