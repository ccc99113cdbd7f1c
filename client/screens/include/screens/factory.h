// The kiosk's screens, one class per file in client/screens/. The App asks
// make_screen() for the screen of the route on top of the stack.
#pragma once

#include <memory>

#include "kiosk/screen.h"

namespace faro::screens {

std::unique_ptr<kiosk::Screen> make_screen(const kiosk::Route& route);

}  // namespace faro::screens
