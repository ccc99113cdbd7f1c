#include "screens/staff_login.h"

#include <algorithm>
#include <cmath>

#include "screens/common.h"

namespace faro::screens {

std::string StaffLoginScreen::title(kiosk::Frame& f) {
  return f.s.get("staff.login.title");
}

void StaffLoginScreen::draw(kiosk::Frame& f) {
  if (!f.staff) return show_error(f);
  if (!staff_) staff_ = f.staff->staff();
  if (!*staff_) return show_error(f);
  const auto& s = f.s;
  const auto& p = f.ui.palette();
  const auto& people = **staff_;
  auto who = std::find_if(people.begin(), people.end(), [&](const auto& m) { return m.id == chosen_; });
  if (who != people.end()) return pad(f, *who);

  f.ui.text(s.get("staff.login.choose"), s.lang_of("staff.login.choose"), 1.2f);
  if (people.empty()) {
    f.ui.text(s.get("staff.login.no_accounts"), s.lang_of("staff.login.no_accounts"), 1.f, p.muted);
    return;
  }
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = f.ui.em() * 0.5f;
  const float tw = std::floor(std::min(f.ui.em() * 14, (avail - gap) / 2));
  const float th = std::round(f.ui.em() * 3.4f);
  kiosk::Row row(f.ui, gap);
  for (const auto& m : people) {
    row.next(tw);
    // A staff member's name is written as they gave it: shaped as Latin
    // unless it is in another script (the engine itemises by script).
    if (f.ui.tile("staff.member." + m.id, m.name, {}, ImVec2(tw, th), p.surface, p.text)) {
      chosen_ = m.id;
      pin_.clear();
      message_ = "";
      retry_at_ = m.locked_until;
    }
  }
  row.end();
}

void StaffLoginScreen::pad(kiosk::Frame& f, const kiosk::StaffMember& who) {
  const auto& s = f.s;
  const auto& p = f.ui.palette();
  const int64_t now = f.clock.unix_now();
  f.ui.text(s.format("staff.login.pin_for", {{"name", who.name}}), s.lang_of("staff.login.pin_for"), 1.2f);

  const bool locked = retry_at_ > now;
  if (locked) {
    const ImVec2 a = ImGui::GetCursorScreenPos();
    f.ui.text("⚠ " + s.format("staff.login.locked",
                              {{"seconds", lang::format_number(f.ui.lang(), static_cast<double>(retry_at_ - now))}}),
              s.lang_of("staff.login.locked"), 1.f, p.danger);
    f.ui.record("staff.login.locked", a, ImGui::GetItemRectMax());
  } else if (*message_) {
    const ImVec2 a = ImGui::GetCursorScreenPos();
    f.ui.text("⚠ " + s.get(message_), s.lang_of(message_), 1.f, p.danger);
    f.ui.record(message_, a, ImGui::GetItemRectMax());
  }

  // The pad: 1 2 3 / 4 5 6 / 7 8 9 / ⌫ 0 OK, as on a phone (not mirrored:
  // digits keep their order in every language, like a phone's keypad); the
  // pad itself sits on the start side.
  const float gap = std::round(f.ui.em() * 0.4f);
  const float kw = std::round(f.ui.em() * 4.2f), kh = std::round(f.ui.em() * 3.f);
  static const char* const kKeys[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"back", "0", "ok"}};
  const float avail = ImGui::GetContentRegionAvail().x;
  const float pad_w = 3 * kw + 2 * gap;
  const float x0 = f.ui.rtl() ? ImGui::GetCursorScreenPos().x + avail - pad_w : ImGui::GetCursorScreenPos().x;
  {
    // The PIN as dots only, never its digits (a dash while nothing is
    // typed), centred over the pad.
    std::string dots;
    for (size_t i = 0; i < pin_.size(); ++i) dots += i ? " ●" : "●";
    auto st = f.ui.style(1.8f, true, "en");
    st.direction = text::Direction::Ltr;
    st.align = text::Align::Center;
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
    const ImVec2 a = ImGui::GetCursorScreenPos();
    f.ui.tui().paragraph(dots.empty() ? "–" : dots, st, pad_w);
    f.ui.record("staff.pin.dots", a, ImVec2(a.x + pad_w, ImGui::GetCursorScreenPos().y));
    ImGui::SetCursorScreenPos(ImVec2(x0 - (f.ui.rtl() ? avail - pad_w : 0), ImGui::GetCursorScreenPos().y));
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 3; ++c) {
      const std::string k = kKeys[r][c];
      ImGui::SetCursorScreenPos(
          ImVec2(x0 + static_cast<float>(c) * (kw + gap), origin.y + static_cast<float>(r) * (kh + gap)));
      if (k == "back") {
        if (f.ui.button("staff.pin.back", "⌫", ImVec2(kw, kh), p.chip_off, p.chip_off_text, "en") && !pin_.empty())
          pin_.pop_back();
      } else if (k == "ok") {
        const std::string& ok = s.get("staff.login.ok");
        if (f.ui.button("staff.pin.ok", ok, ImVec2(kw, kh), 0, 0, s.lang_of("staff.login.ok"))) submit(f, who);
      } else if (f.ui.button("staff.pin." + k, k, ImVec2(kw, kh), p.surface, p.text, "en") && pin_.size() < 12) {
        pin_ += k;
      }
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + 4 * (kh + gap)));
  ImGui::Dummy(ImVec2(0, 0));
  const std::string& other = s.get("staff.login.other");
  const float ow = f.ui.button_width(other, 1.f, s.lang_of("staff.login.other"));
  kiosk::Row row(f.ui, gap);
  row.next(ow);
  if (f.ui.button("staff.pin.other", other, ImVec2(ow, 0), p.chip_off, p.chip_off_text,
                  s.lang_of("staff.login.other"))) {
    chosen_.clear();
    pin_.clear();
    message_ = "";
    staff_.reset();  // lockouts may have changed
  }
  row.end();
}

void StaffLoginScreen::submit(kiosk::Frame& f, const kiosk::StaffMember& who) {
  const int64_t now = f.clock.unix_now();
  std::string pin;
  pin.swap(pin_);
  if (retry_at_ > now) return;  // locked: the PIN is not even checked
  auto r = f.staff->login(who.id, pin, now);
  if (!r) {
    message_ = "staff.login.error";
    return;
  }
  if (r->ok) {
    message_ = "";
    kiosk::Action a{kiosk::Action::Kind::StaffEnter, {}, {}};
    a.staff = kiosk::StaffUser{who.id, who.name, {}};
    f.emit(std::move(a));
    return;
  }
  retry_at_ = r->retry_at;
  message_ = "staff.login.wrong";
}

}  // namespace faro::screens
