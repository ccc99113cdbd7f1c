// Settings: how one kiosk is configured. A plain struct with defaults;
// load_settings() (settings_loader.h) fills it from a TOML file and
// parse_options() lets command-line flags override it.
#pragma once

#include <string>
#include <vector>

namespace faro::kiosk {

enum class Theme { Default, HighContrast };

struct Settings {
  std::string kiosk_dir;               // reads kiosk_dir/content.db; runs sync when set
  std::string db;                      // a content.db directly (development); wins over kiosk_dir
  std::string centre;                  // centre id; empty = the kiosk's or the first centre
  double idle_timeout_s = 90;          // no touch for this long -> "are you still there?"
  double idle_countdown_s = 30;        // then this long to continue (at least 20)
  std::vector<std::string> languages;  // tile order; empty = the centre's order
  Theme theme = Theme::Default;
  float text_scale = 1.0f;  // 1, 1.25 or 1.5 (three text sizes)
  bool fullscreen = false;
  int width = 1280, height = 800;  // window or screenshot size
  std::string drop_folder;         // USB bundles (with kiosk_dir)

  std::string database_path() const { return db.empty() ? (kiosk_dir.empty() ? "" : kiosk_dir + "/content.db") : db; }
};

}  // namespace faro::kiosk
