// Kiosk scripts (`faro-kiosk --script FILE`): a list of steps played against
// the App as a visitor would — taps on widgets by id, typing, keys, waiting —
// with screenshots along the way. For tests, documentation and the demo.
//
// Format: UTF-8 text, one step per line; blank lines and lines starting
// with '#' are ignored; a step is a word and its argument:
//
//   screen NAME        open a screen as --screen does (home, warnings, service:ID, ...)
//   lang TAG           the visitor's language (must be offered at the centre); screen kept
//   tap ID             a touch on the widget ID of the current screen (App::rects():
//                      home.rights, nav.back, lang.ar, kb.key.h, service.ep-health-clinic,
//                      service.phone.0, qr.close, idle.continue, ...)
//   hold ID SECONDS    a touch held on the widget ID while the clock moves on SECONDS
//                      (one frame a second), then lifted: `hold staff.corner 3` opens
//                      the staff login (docs/kiosk.md "Staff mode")
//   expect ID          fails unless the widget ID is on the screen
//   scroll PIXELS      a finger drags the page up by about PIXELS (negative: down), in
//                      strokes of a third of the screen, to bring what is further down
//                      into view
//   type TEXT          the rest of the line as typed characters (a physical keyboard)
//   key NAME           a key press: Backspace Delete Enter Escape Tab Space Left Right
//                      Up Down Home End PageUp PageDown
//   wait SECONDS       the clock moves on (whole seconds, one frame each; it is a fake
//                      clock: nothing sleeps) — e.g. `wait 95` opens the idle dialog
//   screenshot PATH    the screen as a PNG (relative paths: from the working directory)
//
// Errors name `FILE:LINE` and say what is wrong; an unknown widget lists the
// ids on the screen at that moment. Playing stops at the first failing step.
//
// Threads: the UI thread, with the host's ImGui context current.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/result.h"
#include "kiosk/app.h"
#include "kiosk/clock.h"

namespace faro::kiosk {

struct ScriptStep {
  enum class Kind { Screen, Lang, Tap, Hold, Expect, Scroll, Type, Key, Wait, Screenshot };
  Kind kind = Kind::Tap;
  std::string arg;  // screen name, tag, widget id, text, path
  int key = -1;     // Key: an ImGuiKey
  int seconds = 0;  // Wait, Hold: seconds; Scroll: pixels
  int line = 0;     // 1-based line in the file
};

struct Script {
  std::string source;  // the file name errors start with
  std::vector<ScriptStep> steps;
};

// Parses a script; errors name `source:line`. No step is checked against a
// screen here (widget ids exist only while a screen is shown).
Result<Script> parse_script(std::string_view text, const std::string& source);
Result<Script> load_script(const std::string& path);

// Where a script plays: runs one frame of the App with the input the player
// left in ImGui's IO, and saves what the last frame drew.
class ScriptHost {
 public:
  virtual ~ScriptHost() = default;
  virtual void frame() = 0;
  virtual Status screenshot(const std::string& path) = 0;
};

// Plays a script on an App whose clock is `clock` (the player moves it).
// The host's ImGui context must be current; the player sets the pointer,
// buttons, keys and characters in its IO.
class ScriptPlayer {
 public:
  ScriptPlayer(App& app, FakeClock& clock, ScriptHost& host) : app_(app), clock_(clock), host_(host) {}
  // Stops at the first failing step; the error names `source:line`.
  Status play(const Script& script);
  Status step(const Script& script, const ScriptStep& s);

 private:
  void settle(int frames);
  App& app_;
  FakeClock& clock_;
  ScriptHost& host_;
};

}  // namespace faro::kiosk
