// Loading Settings from a TOML file and from the command line.
//
// Config file (every key optional):
//   [kiosk]
//   dir = "/var/lib/faro/kiosk"     # or db = "content.db"
//   centre = "el-paso-sample"
//   idle_timeout = 90               # seconds
//   idle_countdown = 30             # seconds, at least 20
//   languages = ["es", "en"]
//   theme = "default"               # or "high-contrast"
//   text_scale = 1.0
//   fullscreen = true
//   size = "1920x1080"
//   drop_folder = "/media/usb"
// Errors name the file, line and key. Unknown keys are errors (a typo must
// not silently keep a default).
#pragma once

#include <string>
#include <vector>

#include "content/result.h"
#include "kiosk/settings.h"

namespace faro::kiosk {

Result<Settings> load_settings_text(const std::string& toml, const std::string& source_name, Settings base = {});
Result<Settings> load_settings_file(const std::string& path, Settings base = {});

// What the program was asked to do.
struct Options {
  enum class Mode { Run, Screenshot, Script, Coverage, Help };
  Mode mode = Mode::Run;
  Settings settings;
  std::string lang;        // start in this language (skips the welcome screen)
  std::string screen;      // start on this screen (welcome, home, rights, ...)
  std::string screenshot;  // output PNG
  std::string script;      // --script FILE: steps to play offscreen (kiosk/script.h)
  std::string config;      // the TOML file read, if any
  int64_t fake_time = 0;   // --time UNIX: a fixed clock (screenshots, docs)
  // Reproducible screenshots: the content date shown in the status strip
  // (--content-date YYYY-MM-DD) instead of the database's build time.
  std::string content_date;
  // Golden image check of --screenshot (as faro-text-render does): a pixel
  // differs when a channel is off by more than `tolerance`; at most
  // `max_diff` of the pixels may differ. `diff` gets a picture of them.
  // With --script, `golden` is a directory: each screenshot is compared with
  // the file of the same name there (its diff beside it as NAME.diff.png).
  std::string golden, diff;
  int tolerance = 40;
  double max_diff = 0.0001;
};

// Reads --config FILE first, then applies every other flag over it.
Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage_text();

}  // namespace faro::kiosk
