// App: the kiosk. Owns the visitor session, the screens, the UI strings and
// the idle timer, and draws one ImGui frame at a time. The platform (window,
// GL) is not its business: a FrameHost (frame_host.h) or the offscreen
// renderer calls frame() between ImGui::NewFrame() and ImGui::Render(), so
// the whole kiosk runs in a headless ImGui context in tests.
//
// Privacy: after settings.idle_timeout_s with no input, a dialog counts down
// settings.idle_countdown_s (at least 20 s); then the session is reset:
// language, navigation history, search text, filters, scroll positions.
// Nothing about a visitor is written to disk or logged.
//
// Staff mode (docs/kiosk.md): with a StaffDesk, a long press (kStaffHoldSeconds
// by the App's clock) on the status strip's end corner (widget
// "staff.corner", drawn as nothing) opens the staff login. Staff screens
// other than the login are refused unless a staff member is logged in
// (Session::staff); Session::reset() (idle timeout, Finish) logs them out.
//
// Threads: the UI thread only. The Store, Clock, SyncStatus and StaffDesk
// must outlive it.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "content/store.h"
#include "kiosk/clock.h"
#include "kiosk/screen.h"
#include "kiosk/settings.h"
#include "kiosk/sync_status.h"

namespace faro::kiosk {

// Makes the screen for a route (client/screens/factory.cpp).
using ScreenFactory = std::unique_ptr<Screen> (*)(const Route&);

class App {
 public:
  static constexpr double kStaffHoldSeconds = 3.0;

  // `staff` null: no staff mode (--db FILE).
  static Result<std::unique_ptr<App>> create(content::Store& store, const Clock& clock, const SyncStatus& sync,
                                             Settings settings, ScreenFactory factory, StaffDesk* staff = nullptr);
  ~App();

  // One frame of UI, between ImGui::NewFrame() and ImGui::Render().
  void frame(text::ui::TextUi& tui);

  // Opens a screen in a language, as --lang/--screen do. Fails on an unknown
  // screen name or language.
  Status start(const std::string& lang, const std::string& screen_name);

  const Session& session() const { return session_; }
  Session& session() { return session_; }
  const CentreInfo& centre() const { return centre_; }
  bool rtl() const;
  bool idle_dialog_open() const { return idle_open_; }
  double idle_seconds_left() const { return idle_left_; }
  // Tappable rectangles of the last frame, by id.
  const std::map<std::string, Rect, std::less<>>& rects() const { return rects_; }
  // UI string keys some frame asked for and no catalogue had.
  std::set<std::string> missing_strings() const;
  const Settings& settings() const { return settings_; }
  // The top bar's title in the last frame ("" = none).
  const std::string& title() const { return title_; }
  // Opens a screen as a screen's push does. Refused (false): a staff screen
  // without a StaffDesk, or StaffHome/StaffEdit with nobody logged in.
  bool push(const Route& r);
  bool staff_mode() const { return staff_ != nullptr && session_.staff.has_value(); }
  // Slow view-models (the directory) load on this worker; its completions
  // run at the start of each frame. Null (default): synchronous loads.
  void set_background(Background* bg) { background_ = bg; }

 private:
  App(content::Store& store, const Clock& clock, const SyncStatus& sync, Settings settings, ScreenFactory factory,
      CentreInfo centre, StaffDesk* staff);
  bool allowed(const Route& r) const;
  void leave_staff_screens();
  void staff_corner(Frame& f, ImVec2 p0, ImVec2 size);
  const UiStrings& strings_for(const std::string& lang);
  std::string display_lang() const;
  void apply(const Action& a);
  void note_input();
  void draw_top_bar(Frame& f, Screen* screen);
  void draw_start_scrollbar(Ui& ui, float width);
  void draw_status_strip(Frame& f);
  void draw_idle_dialog(Frame& f);
  void draw_qr_overlay(Frame& f);

  content::Store& store_;
  const Clock& clock_;
  const SyncStatus& sync_;
  Settings settings_;
  ScreenFactory factory_;
  CentreInfo centre_;
  Palette palette_;
  Session session_;
  std::map<std::string, UiStrings> strings_;  // by language, loaded on first use
  std::unique_ptr<Screen> screen_;
  Route screen_route_;
  std::string screen_lang_;
  std::vector<Action> actions_;
  std::map<std::string, Rect, std::less<>> rects_;
  double last_input_ = 0;
  bool idle_open_ = false;
  double idle_left_ = 0;
  float scroll_restore_ = -1;
  float idle_box_h_ = 0, qr_box_h_ = 0;  // heights of the dialogs' boxes last frame
  Background* background_ = nullptr;
  StaffDesk* staff_ = nullptr;
  std::string title_;
  double corner_down_ = -1;  // monotonic time the staff corner was pressed; < 0: not pressed
  bool corner_fired_ = false;
};

}  // namespace faro::kiosk
