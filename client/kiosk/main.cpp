// faro-kiosk: the kiosk program (DESIGN.md §3, docs/kiosk.md). Parses the
// options and hands over to one mode; everything else lives in libraries.
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/modes.h"
#include "kiosk/settings_loader.h"

int main(int argc, char** argv) {
  using faro::kiosk::Options;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto opts = faro::kiosk::parse_options(args);
  if (!opts) {
    std::fprintf(stderr, "faro-kiosk: %s\n%s", opts.error().message.c_str(), faro::kiosk::usage_text().c_str());
    return 2;
  }
  switch (opts->mode) {
    case Options::Mode::Help:
      std::fputs(faro::kiosk::usage_text().c_str(), stdout);
      return 0;
    case Options::Mode::Coverage:
      return faro::kiosk::run_coverage(*opts);
    case Options::Mode::Screenshot:
      return faro::kiosk::run_screenshot(*opts);
    case Options::Mode::Script:
      return faro::kiosk::run_script(*opts);
    case Options::Mode::Run:
      return faro::kiosk::run_window(*opts);
  }
  return 2;
}
