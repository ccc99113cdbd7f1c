// Screen: one page of the kiosk (one class per screen, client/screens/).
// A screen reads its view-model and emits Actions; it never runs SQL itself
// (view-models do, through the content Store) and never changes navigation
// directly. Screens live as long as their route is on top of the stack and
// the language does not change.
#pragma once

#include <string>
#include <vector>

#include "content/store.h"
#include "kiosk/background.h"
#include "kiosk/clock.h"
#include "kiosk/session.h"
#include "kiosk/staff_desk.h"
#include "kiosk/strings.h"
#include "kiosk/ui_kit.h"
#include "kiosk/view_models.h"

namespace faro::kiosk {

// What a screen gets each frame.
struct Frame {
  content::Store& store;
  const CentreInfo& centre;
  Session& session;
  const UiStrings& s;
  Ui& ui;
  const Clock& clock;
  std::vector<Action>& actions;
  Background* background;  // null: view-models load synchronously (screenshots, most tests)
  StaffDesk* staff;        // null: no staff mode (--db FILE); staff screens only use it while logged in

  // Staff mode: a staff member is logged in and the kiosk has a desk.
  bool staff_mode() const { return staff != nullptr && session.staff.has_value(); }

  void emit(Action a) { actions.push_back(std::move(a)); }
  void push(ScreenId id, std::string arg = {}) { emit(Action{Action::Kind::Push, Route{id, std::move(arg)}, {}}); }
  // A phone number tapped: show it as a take-away QR code ("tel:+1...").
  void show_qr(std::string text) { emit(Action{Action::Kind::ShowQr, {}, std::move(text)}); }
};

class Screen {
 public:
  virtual ~Screen() = default;
  // The title for the top bar (a UI string or content text); "" = none.
  virtual std::string title(Frame& f) = 0;
  // Draws the body, inside a scrolling region the App provides.
  virtual void draw(Frame& f) = 0;
};

}  // namespace faro::kiosk
