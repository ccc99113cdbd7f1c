// TOML via toml++ (kept out of the header). Flags are applied after the file
// so they win.
#include "kiosk/settings_loader.h"

#include <toml++/toml.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace faro::kiosk {
namespace {

Error bad(const std::string& where, const std::string& msg) {
  return make_error(ErrorCode::Invalid, where + ": " + msg);
}

bool parse_size(const std::string& s, int& w, int& h) {
  auto x = s.find('x');
  if (x == std::string::npos) return false;
  auto r1 = std::from_chars(s.data(), s.data() + x, w);
  auto r2 = std::from_chars(s.data() + x + 1, s.data() + s.size(), h);
  return r1.ec == std::errc{} && r2.ec == std::errc{} && r1.ptr == s.data() + x && r2.ptr == s.data() + s.size() &&
         w >= 320 && h >= 240 && w <= 8192 && h <= 8192;
}

Result<Theme> parse_theme(const std::string& s) {
  if (s == "default") return Theme::Default;
  if (s == "high-contrast") return Theme::HighContrast;
  return make_error(ErrorCode::Invalid, "theme must be \"default\" or \"high-contrast\", not \"" + s + "\"");
}

Status check(Settings& s) {
  if (s.idle_timeout_s < 10) return make_error(ErrorCode::Invalid, "idle timeout must be at least 10 seconds");
  if (s.idle_countdown_s < 20) return make_error(ErrorCode::Invalid, "idle countdown must be at least 20 seconds");
  if (s.text_scale < 0.75f || s.text_scale > 2.f) return make_error(ErrorCode::Invalid, "text_scale must be 0.75..2");
  return {};
}

}  // namespace

Result<Settings> load_settings_text(const std::string& text, const std::string& name, Settings s) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    std::ostringstream o;
    o << name << ":" << e.source().begin.line << ": " << e.description();
    return make_error(ErrorCode::Invalid, o.str());
  }
  for (auto& [k, v] : root) {
    if (k != "kiosk")
      return bad(name + ":" + std::to_string(v.source().begin.line), "unknown section or key '" + std::string(k) + "'");
  }
  const toml::table* t = root["kiosk"].as_table();
  if (!t) return s;
  for (auto& [key, node] : *t) {
    std::string k(key.str());
    std::string where = name + ":" + std::to_string(node.source().begin.line);
    auto str = [&](std::string& out) -> Status {
      auto v = node.value<std::string>();
      if (!v) return bad(where, k + " must be a string");
      out = *v;
      return {};
    };
    auto num = [&](double& out) -> Status {
      auto v = node.value<double>();
      if (!v) return bad(where, k + " must be a number");
      out = *v;
      return {};
    };
    Status st;
    if (k == "dir")
      st = str(s.kiosk_dir);
    else if (k == "db")
      st = str(s.db);
    else if (k == "centre")
      st = str(s.centre);
    else if (k == "drop_folder")
      st = str(s.drop_folder);
    else if (k == "idle_timeout")
      st = num(s.idle_timeout_s);
    else if (k == "idle_countdown")
      st = num(s.idle_countdown_s);
    else if (k == "text_scale") {
      double d = 1;
      st = num(d);
      s.text_scale = static_cast<float>(d);
    } else if (k == "fullscreen") {
      auto v = node.value<bool>();
      if (!v) return bad(where, "fullscreen must be true or false");
      s.fullscreen = *v;
    } else if (k == "theme") {
      std::string v;
      st = str(v);
      if (st) {
        auto th = parse_theme(v);
        if (!th) return bad(where, th.error().message);
        s.theme = *th;
      }
    } else if (k == "size") {
      std::string v;
      st = str(v);
      if (st && !parse_size(v, s.width, s.height)) return bad(where, "size must be WxH, e.g. \"1920x1080\"");
    } else if (k == "languages") {
      const toml::array* a = node.as_array();
      if (!a) return bad(where, "languages must be a list of tags");
      s.languages.clear();
      for (auto& e : *a) {
        auto v = e.value<std::string>();
        if (!v) return bad(where, "languages must be a list of tags");
        s.languages.push_back(*v);
      }
    } else {
      return bad(where, "unknown key '" + k + "' in [kiosk]");
    }
    if (!st) return bad(where, st.error().message);
  }
  if (auto c = check(s); !c) return bad(name, c.error().message);
  return s;
}

Result<Settings> load_settings_file(const std::string& path, Settings base) {
  toml::table unused;
  std::ifstream in(path);
  if (!in) return make_error(ErrorCode::NotFound, path + ": cannot read config file");
  std::stringstream ss;
  ss << in.rdbuf();
  return load_settings_text(ss.str(), path, std::move(base));
}

std::string usage_text() {
  return "usage: faro-kiosk [--config FILE] (--kiosk DIR | --db FILE) [--centre ID] [--lang TAG]\n"
         "                  [--screen NAME] [--size WxH] [--fullscreen] [--theme default|high-contrast]\n"
         "                  [--idle SECONDS] [--screenshot OUT.png [--time UNIX] [--content-date YYYY-MM-DD]\n"
         "                   [--golden PNG [--diff PNG] [--tolerance N] [--max-diff FRACTION]]]\n"
         "       faro-kiosk (--kiosk DIR | --db FILE) --script FILE [--lang TAG] [--screen NAME] [--size WxH]\n"
         "                  [--time UNIX] [--content-date YYYY-MM-DD] [--golden DIR [--tolerance N] [--max-diff F]]\n"
         "                  (steps: docs/kiosk.md; --golden DIR compares each screenshot with DIR/its name)\n"
         "       faro-kiosk --coverage (--kiosk DIR | --db FILE)\n"
         "screens: welcome home rights warnings directory emergency search (topic:ID article:ID service:ID)\n";
}

Result<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config") {
      if (i + 1 >= args.size()) return make_error(ErrorCode::Invalid, "--config needs a file");
      o.config = args[i + 1];
    }
  }
  if (!o.config.empty()) {
    auto s = load_settings_file(o.config);
    if (!s) return s.take_error();
    o.settings = std::move(s).value();
  }
  static const std::set<std::string> with_value = {
      "--config",     "--kiosk", "--db",        "--centre",   "--lang",        "--screen",     "--size",
      "--screenshot", "--theme", "--idle",      "--time",     "--drop-folder", "--text-scale", "--content-date",
      "--golden",     "--diff",  "--tolerance", "--max-diff", "--script"};
  bool coverage = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      o.mode = Options::Mode::Help;
      return o;
    }
    if (a == "--coverage") {
      coverage = true;
      continue;
    }
    if (a == "--fullscreen") {
      o.settings.fullscreen = true;
      continue;
    }
    if (a == "--window") {
      o.settings.fullscreen = false;
      continue;
    }
    if (!with_value.count(a)) return make_error(ErrorCode::Invalid, "unknown option " + a);
    if (i + 1 >= args.size()) return make_error(ErrorCode::Invalid, a + " needs a value");
    const std::string& v = args[++i];
    if (a == "--kiosk")
      o.settings.kiosk_dir = v;
    else if (a == "--db")
      o.settings.db = v;
    else if (a == "--centre")
      o.settings.centre = v;
    else if (a == "--lang")
      o.lang = v;
    else if (a == "--screen")
      o.screen = v;
    else if (a == "--screenshot")
      o.screenshot = v;
    else if (a == "--script")
      o.script = v;
    else if (a == "--drop-folder")
      o.settings.drop_folder = v;
    else if (a == "--content-date")
      o.content_date = v;
    else if (a == "--golden")
      o.golden = v;
    else if (a == "--diff")
      o.diff = v;
    else if (a == "--size") {
      if (!parse_size(v, o.settings.width, o.settings.height))
        return make_error(ErrorCode::Invalid, "--size must be WxH (320x240 .. 8192x8192), not " + v);
    } else if (a == "--theme") {
      auto th = parse_theme(v);
      if (!th) return th.take_error();
      o.settings.theme = *th;
    } else if (a == "--idle" || a == "--time" || a == "--text-scale" || a == "--tolerance" || a == "--max-diff") {
      double d = 0;
      auto r = std::from_chars(v.data(), v.data() + v.size(), d);
      if (r.ec != std::errc{} || r.ptr != v.data() + v.size())
        return make_error(ErrorCode::Invalid, a + " needs a number");
      if (a == "--idle")
        o.settings.idle_timeout_s = d;
      else if (a == "--text-scale")
        o.settings.text_scale = static_cast<float>(d);
      else if (a == "--tolerance")
        o.tolerance = static_cast<int>(d);
      else if (a == "--max-diff")
        o.max_diff = d;
      else
        o.fake_time = static_cast<int64_t>(d);
    }
  }
  if (auto c = check(o.settings); !c) return c.take_error();
  if (coverage)
    o.mode = Options::Mode::Coverage;
  else if (!o.script.empty()) {
    if (!o.screenshot.empty())
      return make_error(ErrorCode::Invalid, "--script takes its screenshots from the script, not --screenshot");
    o.mode = Options::Mode::Script;
  } else if (!o.screenshot.empty())
    o.mode = Options::Mode::Screenshot;
  if (o.settings.database_path().empty()) return make_error(ErrorCode::Invalid, "needs --kiosk DIR or --db FILE");
  return o;
}

}  // namespace faro::kiosk
