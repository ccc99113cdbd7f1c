// StaffEditScreen: every field of one service of this centre (route arg: its
// id; "" = a new service), for staff only. Texts per language with a
// language picker (default: the staff member's UI language), phones and
// weekly hours as lines with add/remove, status chips (incl. temporarily
// closed + note), free yes/no, categories and languages spoken as chips,
// address, e-mail and web address. Text fields use the text engine (RTL
// input works) and an on-screen keyboard drawn under the field in focus.
//
// Save calls StaffDesk::save; each refused field's reason is shown under
// that field and nothing is saved. A saved edit returns to StaffHome with a
// "saved, pending" note.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/screen.h"
#include "kiosk/staff_view_models.h"
#include "text/edit.h"

namespace faro::screens {

class StaffEditScreen : public kiosk::Screen {
 public:
  explicit StaffEditScreen(kiosk::Route route) : route_(std::move(route)) {}
  std::string title(kiosk::Frame& f) override;
  void draw(kiosk::Frame& f) override;

 private:
  struct PhoneEdit {
    text::EditState number;
    std::string type;
  };
  struct HoursEdit {
    int day = 1;
    text::EditState times;
  };
  bool load(kiosk::Frame& f);
  void ensure_language(const std::string& lang);
  // A labelled one-line field for `key` ("name@ar", "city", ...), its error
  // under it, and the keyboard when it has the focus.
  void text_input(kiosk::Frame& f, const std::string& key, const char* label_key, const std::string& lang,
                  bool numeric);
  // The field itself (no label); keeps track of which field has the focus.
  void input(kiosk::Frame& f, const std::string& key, text::EditState& st, const std::string& lang, float width,
             bool numeric);
  void keyboard_for(kiosk::Frame& f, const std::string& key, text::EditState& st, const std::string& lang);
  void field_error(kiosk::Frame& f, const std::string& field);
  void section(kiosk::Frame& f, const char* key);
  void phones(kiosk::Frame& f);
  void hours(kiosk::Frame& f);
  void chips(kiosk::Frame& f);
  kiosk::FieldValues collect() const;
  void save(kiosk::Frame& f);

  kiosk::Route route_;
  std::optional<Result<kiosk::StaffEditVm>> vm_;
  bool create_ = false;
  std::string id_;                                // the service (a new one gets an id at load)
  std::string lang_;                              // the texts' language shown
  kiosk::FieldValues plain_;                      // status, free, organization, timezone, ...
  std::set<std::string> categories_, spoken_;     // chips
  std::map<std::string, text::EditState> texts_;  // "name@ar", "url", "city", ...
  std::vector<PhoneEdit> phones_;
  std::vector<HoursEdit> hours_;
  std::string focus_;  // key of the field with the keyboard ("name@ar", "phone.0", "hours.1"); "" = none
  bool focus_numeric_ = false;
  int layout_ = 0;                             // keyboard layout index for the focused field
  std::map<std::string, std::string> errors_;  // field -> why it was refused
  std::string not_saved_;                      // the reason in the "Not saved" frame; "" = none
};

}  // namespace faro::screens
