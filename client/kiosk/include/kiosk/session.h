// The visitor's session: everything the kiosk knows about the person in
// front of it, in memory only. Session::reset() forgets all of it (the idle
// timeout and the Finish button); nothing here is ever written anywhere.
//
// Navigation is a stack of routes; the top is the screen shown.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/edit.h"

namespace faro::kiosk {

enum class ScreenId {
  Welcome,
  Home,
  Topic,
  Article,
  Warnings,
  Directory,
  Service,
  Emergency,
  Search,
  StaffLogin,  // staff mode (docs/kiosk.md): only with a StaffDesk, reached by a long press
  StaffHome,   // only while a staff member is logged in
  StaffEdit,   // arg: the service id; "" = a new service; only while logged in
};
// Staff screens other than the login need a logged-in staff member.
inline bool needs_staff(ScreenId id) {
  return id == ScreenId::StaffHome || id == ScreenId::StaffEdit;
}
inline bool is_staff_screen(ScreenId id) {
  return id == ScreenId::StaffLogin || needs_staff(id);
}

struct Route {
  ScreenId id = ScreenId::Welcome;
  std::string arg;  // topic, article or service id
  friend bool operator==(const Route&, const Route&) = default;
  std::string key() const;  // "directory", "article:due-process" (scroll positions)
};

// Names of --screen (welcome, home, rights, warnings, directory, emergency,
// search, and topic:ID, article:ID, service:ID) and the stack each opens.
std::optional<std::vector<Route>> routes_for_screen_name(std::string_view name);

class Navigator {
 public:
  Navigator() { stack_.push_back(Route{}); }
  const Route& top() const { return stack_.back(); }
  size_t depth() const { return stack_.size(); }
  const std::vector<Route>& stack() const { return stack_; }
  void push(Route r);
  bool back();  // false at the bottom
  void reset(std::vector<Route> stack);
  void home();  // [Home] on top of nothing else

 private:
  std::vector<Route> stack_;
};

struct DirectoryFilters {
  std::string category;  // empty = all
  std::string spoken;    // empty = any
  bool open_now = false;
  bool free_only = false;
  bool nearest = false;
  friend bool operator==(const DirectoryFilters&, const DirectoryFilters&) = default;
};

// A staff member logged in on this kiosk (staff mode). Forgotten with the
// rest of the session: the idle timeout and Finish leave staff mode.
struct StaffUser {
  std::string id;
  std::string name;
  std::string notice;  // a note for StaffHome ("Saved — pending"), UI string key; "" = none
  friend bool operator==(const StaffUser&, const StaffUser&) = default;
};

struct Session {
  std::string lang;  // empty until the visitor chooses
  Navigator nav;
  text::EditState search;
  DirectoryFilters filters;
  std::map<std::string, float> scroll;  // per Route::key()
  int keyboard_layout = 0;              // index into layouts_for(lang)
  int text_size = 0;                    // 0, 1, 2: the three text sizes (x1, x1.25, x1.5)
  bool high_contrast = false;           // the visitor's choice, on top of the kiosk's theme
  std::string qr;                       // a take-away QR code shown over the screen ("tel:+1..."); "" = none
  std::optional<StaffUser> staff;       // staff mode: who is logged in

  bool pristine() const;  // nothing of a visitor left
  void reset() { *this = Session{}; }
};

// What a screen asks the App to do; applied after the frame is drawn.
struct Action {
  enum class Kind {
    Push,
    Back,
    Home,
    Language,
    ChooseLanguage,
    Finish,
    ContinueSession,
    ShowQr,
    CloseQr,
    StaffEnter,  // logged in: `staff` becomes the session's; StaffHome opens
    StaffLeave,  // leave staff mode: home (or the welcome screen)
    StaffSaved,  // an edit saved: back to StaffHome with `lang` as its notice (a UI string key)
  };
  Kind kind = Kind::Push;
  Route route;
  std::string lang;   // ChooseLanguage: the tag; ShowQr: the text to encode; StaffSaved: the notice
  StaffUser staff{};  // StaffEnter
};

}  // namespace faro::kiosk
