#include "screens/staff_edit.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "screens/common.h"

namespace faro::screens {
namespace {

// The translated texts, in the order staff see them.
constexpr const char* kTextFields[] = {"name",      "description",   "status_note",   "fees",          "eligibility",
                                       "documents", "accessibility", "schedule_note", "location_name", "directions"};
constexpr const char* kPhoneTypes[] = {"voice", "sms", "hotline", "whatsapp", "fax"};
constexpr const char* kStatuses[] = {"active", "temporarily-closed", "inactive"};

std::set<std::string> words(const std::string& s) {
  std::set<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.insert(w);
  return out;
}

std::string joined(const std::set<std::string>& s) {
  std::string out;
  for (const auto& w : s) out += (out.empty() ? "" : " ") + w;
  return out;
}

text::EditState edit_of(const std::string& value) {
  text::EditState e;
  e.text = value;
  e.end();
  return e;
}

// A new service's id: the centre's, then the time (lowercase, digits and
// hyphens, as content ids are).
std::string new_service_id(const std::string& centre, int64_t now) {
  std::string t;
  for (uint64_t v = static_cast<uint64_t>(now); v; v /= 36)
    t.insert(t.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[v % 36]);
  return (centre.empty() ? std::string("service") : centre) + "-" + t;
}

}  // namespace

std::string StaffEditScreen::title(kiosk::Frame& f) {
  if (route_.arg.empty()) return f.s.get("staff.edit.new_title");
  if (!vm_) load(f);
  auto it = texts_.find("name@" + lang_);
  std::string name = it != texts_.end() && !it->second.text.empty() ? it->second.text : route_.arg;
  if (vm_ && *vm_) {
    auto en = (*vm_)->values.find("name@" + f.ui.lang());
    if (en != (*vm_)->values.end() && !en->second.empty()) name = en->second;
  }
  return f.s.format("staff.edit.title", {{"name", name}});
}

bool StaffEditScreen::load(kiosk::Frame& f) {
  if (vm_) return static_cast<bool>(*vm_);
  create_ = route_.arg.empty();
  vm_ = kiosk::load_staff_edit(f.store, *f.staff, f.centre, route_.arg, f.ui.lang());
  if (!*vm_) return false;
  const auto& vm = **vm_;
  id_ = create_ ? new_service_id(f.centre.centre.id, f.clock.unix_now()) : route_.arg;
  lang_ = f.ui.lang();
  for (const auto& [k, v] : vm.values) {
    if (k.find('@') != std::string::npos) {
      texts_[k] = edit_of(v);
    } else if (k == "categories") {
      categories_ = words(v);
    } else if (k == "languages") {
      spoken_ = words(v);
    } else if (k == "phones") {
      for (auto& p : kiosk::parse_phone_lines(v)) phones_.push_back(PhoneEdit{edit_of(p.number), p.type});
    } else if (k == "hours") {
      for (auto& h : kiosk::parse_hours_lines(v)) hours_.push_back(HoursEdit{h.day, edit_of(h.times)});
    } else if (k == "exceptions") {
      // One line here, entries separated by ';' (the field stores one per line).
      std::string one = v;
      for (size_t i; (i = one.find('\n')) != std::string::npos;) one.replace(i, 1, "; ");
      texts_[k] = edit_of(one);
    } else if (k == "status" || k == "free" || k == "organization" || k == "timezone" || k == "last_verified") {
      plain_[k] = v;
    } else {
      texts_[k] = edit_of(v);  // url, email, address_1, city, ..., latitude, longitude
    }
  }
  if (create_) {
    plain_["status"] = "active";
    plain_["free"] = "yes";
    plain_["timezone"] = vm.timezone;
    if (!vm.organizations.empty()) plain_["organization"] = vm.organizations.front();
  }
  ensure_language(lang_);
  return true;
}

void StaffEditScreen::ensure_language(const std::string& lang) {
  for (const char* t : kTextFields) texts_.try_emplace(std::string(t) + "@" + lang);
}

void StaffEditScreen::section(kiosk::Frame& f, const char* key) {
  ImGui::Dummy(ImVec2(0, std::round(f.ui.em() * 0.3f)));
  f.ui.text(f.s.get(key), f.s.lang_of(key), 1.25f);
}

void StaffEditScreen::field_error(kiosk::Frame& f, const std::string& field) {
  auto it = errors_.find(field);
  if (it == errors_.end()) return;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  // The validator's words (English), after a sign: staff see which field and why.
  f.ui.text("⚠ " + it->second, "en", 0.95f, f.ui.palette().danger, ImGui::GetContentRegionAvail().x);
  f.ui.record("staff.error." + field, a, ImGui::GetItemRectMax());
}

void StaffEditScreen::input(kiosk::Frame& f, const std::string& key, text::EditState& st, const std::string& lang,
                            float width, bool numeric) {
  auto style = f.ui.style(1.1f, false, lang);
  style.direction = text::Direction::FirstStrong;
  const std::string id = "staff.field." + key;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  f.ui.tui().text_field(id.c_str(), st, style, width);
  f.ui.record(id, a, ImGui::GetItemRectMax());
  if (st.active && focus_ != key) {  // tapped: this field gets the keyboard
    focus_ = key;
    focus_numeric_ = numeric;
    layout_ = 0;
  }
}

void StaffEditScreen::keyboard_for(kiosk::Frame& f, const std::string& key, text::EditState& st,
                                   const std::string& lang) {
  if (focus_ != key) return;
  std::vector<const kiosk::KeyboardLayout*> layouts;
  if (focus_numeric_) {
    layouts = {&kiosk::numbers_layout(), &kiosk::latin_layout()};
  } else {
    layouts = kiosk::layouts_for(lang);
    layouts.push_back(&kiosk::numbers_layout());
  }
  ImGui::Dummy(ImVec2(0, std::round(f.ui.em() * 0.2f)));
  if (on_screen_keyboard(f, st, layouts, layout_, lang, true)) {
    st.active = false;
    focus_.clear();
  }
}

void StaffEditScreen::text_input(kiosk::Frame& f, const std::string& key, const char* label_key,
                                 const std::string& lang, bool numeric) {
  f.ui.text(f.s.get(label_key), f.s.lang_of(label_key), 0.9f, f.ui.palette().muted);
  auto& st = texts_[key];
  input(f, key, st, lang, ImGui::GetContentRegionAvail().x, numeric);
  field_error(f, key);
  keyboard_for(f, key, st, lang);
}

void StaffEditScreen::phones(kiosk::Frame& f) {
  const auto& s = f.s;
  const auto& p = f.ui.palette();
  section(f, "staff.field.phones");
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = std::round(f.ui.em() * 0.5f);
  const float nw = std::min(std::round(f.ui.em() * 14), avail * 0.5f);
  std::optional<size_t> remove;
  for (size_t i = 0; i < phones_.size(); ++i) {
    auto& ph = phones_[i];
    const std::string key = "phone." + std::to_string(i);
    kiosk::Row row(f.ui, gap);
    row.next(nw);
    input(f, key, ph.number, "en", nw, true);
    // The type cycles through the kinds of number on each tap.
    const std::string tkey = "phone.type." + ph.type;
    const std::string tl = s.get(tkey) + " ▾";
    const float tw = f.ui.button_width(tl, 1.f, s.lang_of(tkey));
    row.next(tw);
    if (f.ui.button("staff.phone.type." + std::to_string(i), tl, ImVec2(tw, 0), p.chip_off, p.chip_off_text,
                    s.lang_of(tkey))) {
      auto it = std::find(std::begin(kPhoneTypes), std::end(kPhoneTypes), ph.type);
      ph.type = it == std::end(kPhoneTypes) || it + 1 == std::end(kPhoneTypes) ? kPhoneTypes[0] : *(it + 1);
    }
    const std::string rl = "✕ " + s.get("staff.edit.remove");
    const float rw = f.ui.button_width(rl, 1.f, s.lang_of("staff.edit.remove"));
    row.next(rw);
    if (f.ui.button("staff.phone.remove." + std::to_string(i), rl, ImVec2(rw, 0), p.chip_off, p.chip_off_text,
                    s.lang_of("staff.edit.remove")))
      remove = i;
    row.end();
    keyboard_for(f, key, ph.number, "en");
  }
  field_error(f, "phones");
  const std::string al = "+ " + s.get("staff.edit.add_phone");
  kiosk::Row add_row(f.ui, gap);  // on the start side
  const float aw = f.ui.button_width(al, 1.f, s.lang_of("staff.edit.add_phone"));
  add_row.next(aw);
  const bool add =
      f.ui.button("staff.phone.add", al, ImVec2(aw, 0), p.chip_off, p.chip_off_text, s.lang_of("staff.edit.add_phone"));
  add_row.end();
  if (add) {
    phones_.push_back(PhoneEdit{{}, kPhoneTypes[0]});
    focus_ = "phone." + std::to_string(phones_.size() - 1);
    focus_numeric_ = true;
    layout_ = 0;
    phones_.back().number.active = true;
  }
  if (remove) {
    phones_.erase(phones_.begin() + static_cast<std::ptrdiff_t>(*remove));
    focus_.clear();
  }
}

void StaffEditScreen::hours(kiosk::Frame& f) {
  const auto& s = f.s;
  const auto& p = f.ui.palette();
  section(f, "staff.field.hours");
  f.ui.text(s.get("staff.edit.hours_hint"), s.lang_of("staff.edit.hours_hint"), 0.85f, p.muted);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = std::round(f.ui.em() * 0.5f);
  const float dw = std::round(f.ui.em() * 8);
  const float tw = std::min(std::round(f.ui.em() * 10), avail * 0.4f);
  std::optional<size_t> remove;
  for (size_t i = 0; i < hours_.size(); ++i) {
    auto& h = hours_[i];
    const std::string key = "hours." + std::to_string(i);
    kiosk::Row row(f.ui, gap);
    row.next(dw);
    // The day cycles Monday .. Sunday on each tap, named in the UI language.
    if (f.ui.button("staff.hours.day." + std::to_string(i), lang::weekday_name(f.ui.lang(), h.day) + " ▾",
                    ImVec2(dw, 0), p.chip_off, p.chip_off_text))
      h.day = h.day % 7 + 1;
    row.next(tw);
    input(f, key, h.times, "en", tw, true);
    const std::string rl = "✕ " + s.get("staff.edit.remove");
    const float rw = f.ui.button_width(rl, 1.f, s.lang_of("staff.edit.remove"));
    row.next(rw);
    if (f.ui.button("staff.hours.remove." + std::to_string(i), rl, ImVec2(rw, 0), p.chip_off, p.chip_off_text,
                    s.lang_of("staff.edit.remove")))
      remove = i;
    row.end();
    keyboard_for(f, key, h.times, "en");
  }
  field_error(f, "hours");
  const std::string al = "+ " + s.get("staff.edit.add_hours");
  kiosk::Row add_row(f.ui, gap);  // on the start side
  const float aw = f.ui.button_width(al, 1.f, s.lang_of("staff.edit.add_hours"));
  add_row.next(aw);
  const bool add =
      f.ui.button("staff.hours.add", al, ImVec2(aw, 0), p.chip_off, p.chip_off_text, s.lang_of("staff.edit.add_hours"));
  add_row.end();
  if (add) {
    const int day = hours_.empty() ? 1 : hours_.back().day % 7 + 1;
    hours_.push_back(HoursEdit{day, edit_of("09:00-17:00")});
  }
  if (remove) {
    hours_.erase(hours_.begin() + static_cast<std::ptrdiff_t>(*remove));
    focus_.clear();
  }
}

void StaffEditScreen::chips(kiosk::Frame& f) {
  const auto& s = f.s;
  const auto& vm = **vm_;
  const float gap = std::round(f.ui.em() * 0.4f);
  auto chip = [&](kiosk::Row& row, const std::string& id, const std::string& label, bool on, const std::string& lang) {
    const float w = f.ui.button_width(on ? "✓ " + label : label, 1.f, lang);
    row.next(w);
    return f.ui.chip(id, label, on, lang);
  };
  section(f, "staff.field.status");
  {
    kiosk::Row row(f.ui, gap);
    for (const char* st : kStatuses) {
      const std::string key = std::string("staff.status.") + st;
      if (chip(row, key, s.get(key), plain_["status"] == st, s.lang_of(key))) plain_["status"] = st;
    }
    row.end();
  }
  field_error(f, "status");
  section(f, "staff.field.free");
  {
    kiosk::Row row(f.ui, gap);
    for (const char* v : {"yes", "no"}) {
      const std::string key = std::string("staff.free.") + v;
      if (chip(row, key, s.get(key), plain_["free"] == v, s.lang_of(key))) plain_["free"] = v;
    }
    row.end();
  }
  section(f, "staff.field.categories");
  {
    kiosk::Row row(f.ui, gap);
    for (const auto& c : vm.categories) {
      const bool on = categories_.count(c.id) > 0;
      if (chip(row, "staff.category." + c.id, c.name.text, on, c.name.lang)) {
        if (on)
          categories_.erase(c.id);
        else
          categories_.insert(c.id);
      }
    }
    row.end();
  }
  field_error(f, "categories");
  section(f, "staff.field.languages");
  {
    kiosk::Row row(f.ui, gap);
    for (const auto& l : vm.languages) {
      const bool on = spoken_.count(l.tag) > 0;
      if (chip(row, "staff.spoken." + l.tag, l.name, on, l.tag)) {
        if (on)
          spoken_.erase(l.tag);
        else
          spoken_.insert(l.tag);
      }
    }
    row.end();
  }
  field_error(f, "languages");
  if (create_ && vm.organizations.size() > 1) {
    section(f, "staff.field.organization");
    kiosk::Row row(f.ui, gap);
    for (const auto& o : vm.organizations)
      if (chip(row, "staff.org." + o, o, plain_["organization"] == o, "en")) plain_["organization"] = o;
    row.end();
  }
}

kiosk::FieldValues StaffEditScreen::collect() const {
  kiosk::FieldValues v = (*vm_)->values;
  for (const auto& [k, st] : texts_) v[k] = st.text;
  for (const auto& [k, val] : plain_) v[k] = val;
  v["categories"] = joined(categories_);
  v["languages"] = joined(spoken_);
  std::vector<kiosk::PhoneLine> ph;
  for (const auto& p : phones_) ph.push_back(kiosk::PhoneLine{p.number.text, p.type});
  v["phones"] = kiosk::join_phone_lines(ph);
  std::vector<kiosk::HoursLine> hs;
  for (const auto& h : hours_) hs.push_back(kiosk::HoursLine{h.day, h.times.text});
  v["hours"] = kiosk::join_hours_lines(hs);
  if (auto it = texts_.find("exceptions"); it != texts_.end()) {
    std::string lines, entry;
    auto flush = [&] {
      while (!entry.empty() && entry.front() == ' ') entry.erase(entry.begin());
      while (!entry.empty() && entry.back() == ' ') entry.pop_back();
      if (!entry.empty()) lines += (lines.empty() ? "" : "\n") + entry;
      entry.clear();
    };
    for (char c : it->second.text) {
      if (c == ';' || c == '\n')
        flush();
      else
        entry += c;
    }
    flush();
    v["exceptions"] = lines;
  }
  return v;
}

void StaffEditScreen::save(kiosk::Frame& f) {
  errors_.clear();
  not_saved_.clear();
  auto r = f.staff->save(f.session.staff->id, id_, collect(), f.clock.unix_now(), create_);
  if (!r) {
    not_saved_ = r.error().message;
    return;
  }
  if (r->saved) {
    f.emit(kiosk::Action{kiosk::Action::Kind::StaffSaved, {}, "staff.saved_pending"});
    return;
  }
  errors_ = r->field_errors;
  if (!r->error.empty())
    not_saved_ = r->error;
  else if (!errors_.empty())
    not_saved_ = errors_.begin()->first + ": " + errors_.begin()->second;
  // A refused text in another language than the one shown: show that one.
  for (const auto& [field, why] : errors_) {
    const size_t at = field.find('@');
    if (at != std::string::npos && errors_.count(field.substr(0, at) + "@" + lang_) == 0) {
      lang_ = field.substr(at + 1);
      ensure_language(lang_);
      break;
    }
  }
}

void StaffEditScreen::draw(kiosk::Frame& f) {
  if (!f.staff_mode()) return show_error(f);
  if (!load(f)) return show_error(f);
  const auto& s = f.s;
  const auto& p = f.ui.palette();
  const float gap = std::round(f.ui.em() * 0.5f);

  auto save_row = [&](const char* id) {
    kiosk::Row row(f.ui, gap);
    const std::string sl = "✓ " + s.get("staff.edit.save");
    const float sw = std::max(f.ui.button_width(sl, 1.f, s.lang_of("staff.edit.save")), f.ui.em() * 8);
    row.next(sw);
    if (f.ui.button(id, sl, ImVec2(sw, 0), 0, 0, s.lang_of("staff.edit.save"))) save(f);
    const std::string& cl = s.get("staff.edit.cancel");
    const float cw = f.ui.button_width(cl, 1.f, s.lang_of("staff.edit.cancel"));
    row.next(cw);
    if (f.ui.button(std::string(id) + ".cancel", cl, ImVec2(cw, 0), p.chip_off, p.chip_off_text,
                    s.lang_of("staff.edit.cancel")))
      f.emit(kiosk::Action{kiosk::Action::Kind::Back, {}, {}});
    row.end();
  };
  save_row("staff.save");
  if (!not_saved_.empty()) {
    // The frame is translated; the validator's reason stays in its words.
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    f.ui.text("⚠ " + s.format("staff.edit.not_saved", {{"reason", not_saved_}}), s.lang_of("staff.edit.not_saved"),
              1.05f, p.danger, w);
    f.ui.record("staff.not_saved", a, ImVec2(a.x + w, ImGui::GetItemRectMax().y));
  }

  // The language of the texts below.
  section(f, "staff.edit.texts_in");
  {
    kiosk::Row row(f.ui, gap);
    for (const auto& l : f.centre.languages) {
      const float w = f.ui.button_width(l.tag == lang_ ? "✓ " + l.name : l.name, 1.f, l.tag);
      row.next(w);
      if (f.ui.chip("staff.lang." + l.tag, l.name, l.tag == lang_, l.tag) && l.tag != lang_) {
        lang_ = l.tag;
        ensure_language(lang_);
        focus_.clear();
      }
    }
    row.end();
  }
  for (const char* t : kTextFields)
    text_input(f, std::string(t) + "@" + lang_, (std::string("staff.field.") + t).c_str(), lang_, false);

  chips(f);
  phones(f);
  hours(f);
  f.ui.text(f.s.get("staff.edit.exceptions_hint"), f.s.lang_of("staff.edit.exceptions_hint"), 0.85f,
            f.ui.palette().muted);
  text_input(f, "exceptions", "staff.field.exceptions", "en", true);

  section(f, "staff.edit.address");
  for (const char* k : {"address_1", "city", "region", "postal_code", "country"})
    text_input(f, k, (std::string("staff.field.") + k).c_str(), "en", std::string(k) == "postal_code");
  {
    // Position: both or neither.
    text_input(f, "latitude", "staff.field.latitude", "en", true);
    text_input(f, "longitude", "staff.field.longitude", "en", true);
  }
  section(f, "staff.edit.contact");
  text_input(f, "email", "staff.field.email", "en", false);
  text_input(f, "url", "staff.field.url", "en", false);
  ImGui::Dummy(ImVec2(0, gap));
  save_row("staff.save_bottom");
}

}  // namespace faro::screens
