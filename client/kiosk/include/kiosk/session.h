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

enum class ScreenId { Welcome, Home, Topic, Article, Warnings, Directory, Service, Emergency, Search };

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

  bool pristine() const;  // nothing of a visitor left
  void reset() { *this = Session{}; }
};

// What a screen asks the App to do; applied after the frame is drawn.
struct Action {
  enum class Kind { Push, Back, Home, Language, ChooseLanguage, Finish, ContinueSession, ShowQr, CloseQr };
  Kind kind = Kind::Push;
  Route route;
  std::string lang;  // ChooseLanguage: the tag; ShowQr: the text to encode
};

}  // namespace faro::kiosk
