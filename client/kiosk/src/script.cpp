#include "kiosk/script.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace faro::kiosk {
namespace {

struct KeyName {
  const char* name;
  ImGuiKey key;
};
constexpr KeyName kKeys[] = {
    {"Backspace", ImGuiKey_Backspace}, {"Delete", ImGuiKey_Delete},     {"Enter", ImGuiKey_Enter},
    {"Escape", ImGuiKey_Escape},       {"Tab", ImGuiKey_Tab},           {"Space", ImGuiKey_Space},
    {"Left", ImGuiKey_LeftArrow},      {"Right", ImGuiKey_RightArrow},  {"Up", ImGuiKey_UpArrow},
    {"Down", ImGuiKey_DownArrow},      {"Home", ImGuiKey_Home},         {"End", ImGuiKey_End},
    {"PageUp", ImGuiKey_PageUp},       {"PageDown", ImGuiKey_PageDown},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Error at(const std::string& source, int line, const std::string& msg) {
  return make_error(ErrorCode::Invalid, source + ":" + std::to_string(line) + ": " + msg);
}

// A few of the ids on screen, for an error about a widget that is not there.
std::string some_ids(const std::map<std::string, Rect, std::less<>>& rects) {
  std::string out;
  size_t n = 0;
  for (const auto& [id, r] : rects) {
    if (n == 12) {
      out += ", … (" + std::to_string(rects.size() - n) + " more)";
      break;
    }
    out += (n ? ", " : "") + id;
    ++n;
  }
  return out.empty() ? "none" : out;
}

}  // namespace

Result<Script> parse_script(std::string_view text, const std::string& source) {
  Script script;
  script.source = source;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    size_t sp = line.find_first_of(" \t");
    std::string_view word = line.substr(0, sp);
    std::string_view arg = sp == std::string_view::npos ? std::string_view{} : trim(line.substr(sp));
    ScriptStep st;
    st.line = line_no;
    st.arg = std::string(arg);
    auto need_arg = [&](const char* what) -> Status {
      if (arg.empty()) return at(source, line_no, "'" + std::string(word) + "' needs " + what);
      return {};
    };
    if (word == "screen") {
      st.kind = ScriptStep::Kind::Screen;
      FARO_TRY(need_arg("a screen name (home, warnings, service:ID, ...)"));
    } else if (word == "lang") {
      st.kind = ScriptStep::Kind::Lang;
      FARO_TRY(need_arg("a language tag"));
    } else if (word == "tap" || word == "expect") {
      st.kind = word == "tap" ? ScriptStep::Kind::Tap : ScriptStep::Kind::Expect;
      FARO_TRY(need_arg("a widget id"));
    } else if (word == "hold") {
      st.kind = ScriptStep::Kind::Hold;
      FARO_TRY(need_arg("a widget id and seconds"));
      const size_t gap = arg.find_first_of(" \t");
      const std::string_view secs = gap == std::string_view::npos ? std::string_view{} : trim(arg.substr(gap));
      st.arg = std::string(arg.substr(0, gap));
      auto r = std::from_chars(secs.data(), secs.data() + secs.size(), st.seconds);
      if (secs.empty() || r.ec != std::errc{} || r.ptr != secs.data() + secs.size() || st.seconds < 0 ||
          st.seconds > 600)
        return at(source, line_no,
                  "'hold' takes a widget id and whole seconds from 0 to 600, not '" + std::string(arg) + "'");
    } else if (word == "scroll") {
      st.kind = ScriptStep::Kind::Scroll;
      FARO_TRY(need_arg("a number of pixels"));
      auto r = std::from_chars(arg.data(), arg.data() + arg.size(), st.seconds);
      if (r.ec != std::errc{} || r.ptr != arg.data() + arg.size() || st.seconds < -100000 || st.seconds > 100000)
        return at(source, line_no, "'scroll' takes a whole number of pixels, not '" + st.arg + "'");
    } else if (word == "type") {
      st.kind = ScriptStep::Kind::Type;
      FARO_TRY(need_arg("text"));
    } else if (word == "key") {
      st.kind = ScriptStep::Kind::Key;
      FARO_TRY(need_arg("a key name"));
      auto it = std::find_if(std::begin(kKeys), std::end(kKeys), [&](const KeyName& k) { return arg == k.name; });
      if (it == std::end(kKeys)) {
        std::string names;
        for (const auto& k : kKeys) names += std::string(names.empty() ? "" : " ") + k.name;
        return at(source, line_no, "unknown key '" + st.arg + "' (keys: " + names + ")");
      }
      st.key = it->key;
    } else if (word == "wait") {
      st.kind = ScriptStep::Kind::Wait;
      FARO_TRY(need_arg("a number of seconds"));
      auto r = std::from_chars(arg.data(), arg.data() + arg.size(), st.seconds);
      if (r.ec != std::errc{} || r.ptr != arg.data() + arg.size() || st.seconds < 0 || st.seconds > 86400)
        return at(source, line_no, "'wait' takes whole seconds from 0 to 86400, not '" + st.arg + "'");
    } else if (word == "screenshot") {
      st.kind = ScriptStep::Kind::Screenshot;
      FARO_TRY(need_arg("a PNG path"));
    } else {
      return at(source, line_no,
                "unknown step '" + std::string(word) +
                    "' (steps: screen lang tap hold expect scroll type key wait screenshot)");
    }
    script.steps.push_back(std::move(st));
  }
  return script;
}

Result<Script> load_script(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::NotFound, path + ": cannot read the script");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_script(ss.str(), path);
}

void ScriptPlayer::settle(int frames) {
  ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  for (int i = 0; i < frames; ++i) host_.frame();
}

Status ScriptPlayer::step(const Script& script, const ScriptStep& s) {
  ImGuiIO& io = ImGui::GetIO();
  auto fail = [&](const std::string& msg) -> Status { return at(script.source, s.line, msg); };
  switch (s.kind) {
    case ScriptStep::Kind::Screen:
      if (auto st = app_.start("", s.arg); !st) return fail(st.error().message);
      settle(2);
      return {};
    case ScriptStep::Kind::Lang: {
      const auto& langs = app_.centre().languages;
      if (std::none_of(langs.begin(), langs.end(), [&](const auto& l) { return l.tag == s.arg; })) {
        std::string offered;
        for (const auto& l : langs) offered += (offered.empty() ? "" : " ") + l.tag;
        return fail("language '" + s.arg + "' is not offered here (" + offered + ")");
      }
      app_.session().lang = s.arg;
      app_.session().keyboard_layout = 0;
      if (app_.session().nav.top().id == ScreenId::Welcome) app_.session().nav.home();
      settle(2);
      return {};
    }
    case ScriptStep::Kind::Tap:
    case ScriptStep::Kind::Hold:
    case ScriptStep::Kind::Expect: {
      const auto& rects = app_.rects();
      auto it = rects.find(s.arg);
      if (it == rects.end())
        return fail("no widget '" + s.arg + "' on screen '" + app_.session().nav.top().key() +
                    (app_.idle_dialog_open() ? "' (idle dialog open)" : "'") + "; on screen: " + some_ids(rects));
      if (s.kind == ScriptStep::Kind::Expect) return {};
      const Rect r = it->second;
      if (r.cx() < 0 || r.cy() < 0 || r.cx() >= io.DisplaySize.x || r.cy() >= io.DisplaySize.y)
        return fail("widget '" + s.arg + "' is outside the screen");
      // As a touch screen reports it: the pointer arrives, presses, lifts, leaves.
      io.MousePos = ImVec2(r.cx(), r.cy());
      host_.frame();
      io.MouseDown[0] = true;
      host_.frame();
      for (int i = 0; s.kind == ScriptStep::Kind::Hold && i < s.seconds; ++i) {
        clock_.advance(1);
        host_.frame();
      }
      io.MouseDown[0] = false;
      host_.frame();
      settle(2);
      return {};
    }
    case ScriptStep::Kind::Scroll: {
      // A finger on the middle of the page, moved in small steps, then
      // lifted; long scrolls are several strokes, as a visitor would do.
      const float x = io.DisplaySize.x / 2;
      const float stroke = io.DisplaySize.y * 0.3f;
      float left = static_cast<float>(s.seconds);
      while (std::abs(left) >= 1) {
        const float dy = std::clamp(left, -stroke, stroke);
        left -= dy;
        const float y0 = io.DisplaySize.y / 2 + dy / 2;
        io.MousePos = ImVec2(x, y0);
        host_.frame();
        io.MouseDown[0] = true;
        host_.frame();
        constexpr int kSteps = 12;
        for (int i = 1; i <= kSteps; ++i) {
          io.MousePos = ImVec2(x, y0 - dy * static_cast<float>(i) / kSteps);
          host_.frame();
        }
        io.MouseDown[0] = false;
        host_.frame();
      }
      settle(2);
      return {};
    }
    case ScriptStep::Kind::Type:
      io.AddInputCharactersUTF8(s.arg.c_str());
      host_.frame();
      settle(1);
      return {};
    case ScriptStep::Kind::Key:
      io.KeysDown[s.key] = true;
      host_.frame();
      io.KeysDown[s.key] = false;
      host_.frame();
      settle(1);
      return {};
    case ScriptStep::Kind::Wait:
      for (int i = 0; i < s.seconds; ++i) {
        clock_.advance(1);
        host_.frame();
      }
      settle(1);
      return {};
    case ScriptStep::Kind::Screenshot:
      settle(1);
      if (auto st = host_.screenshot(s.arg); !st) return fail(st.error().message);
      return {};
  }
  return {};
}

Status ScriptPlayer::play(const Script& script) {
  // Keys by ImGuiKey index (hosts without a platform backend leave the map unset).
  ImGuiIO& io = ImGui::GetIO();
  for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
  settle(2);
  for (const auto& s : script.steps) FARO_TRY(step(script, s));
  return {};
}

}  // namespace faro::kiosk
