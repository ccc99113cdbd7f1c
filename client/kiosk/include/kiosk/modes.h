// The program's modes, each a function main() calls after parse_options():
//   run_window      the kiosk in a window or full screen (GLFW + OpenGL 3)
//   run_screenshot  one screen rendered offscreen to a PNG, then exit
//   run_script      a script of taps, typing and waits played offscreen, with
//                   its screenshots (kiosk/script.h), then exit
//   run_coverage    characters of the content no font can draw (DESIGN.md §3)
// Each returns the process exit code and prints its errors to stderr.
#pragma once

#include "kiosk/settings_loader.h"

namespace faro::kiosk {

int run_window(const Options& o);
int run_screenshot(const Options& o);
int run_script(const Options& o);
int run_coverage(const Options& o);

}  // namespace faro::kiosk
