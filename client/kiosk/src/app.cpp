#include "kiosk/app.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "kiosk/qr.h"

namespace faro::kiosk {

App::App(content::Store& store, const Clock& clock, const SyncStatus& sync, Settings settings, ScreenFactory factory,
         CentreInfo centre, StaffDesk* staff)
    : store_(store),
      clock_(clock),
      sync_(sync),
      settings_(std::move(settings)),
      factory_(factory),
      centre_(std::move(centre)),
      palette_(palette_for(settings_.theme)),
      last_input_(clock.monotonic()),
      staff_(staff) {}

App::~App() = default;

Result<std::unique_ptr<App>> App::create(content::Store& store, const Clock& clock, const SyncStatus& sync,
                                         Settings settings, ScreenFactory factory, StaffDesk* staff) {
  auto centre = FARO_TRY(load_centre(store, settings.centre, settings.languages));
  return std::unique_ptr<App>(new App(store, clock, sync, std::move(settings), factory, std::move(centre), staff));
}

Status App::start(const std::string& lang, const std::string& screen_name) {
  if (!lang.empty()) {
    auto it =
        std::find_if(centre_.languages.begin(), centre_.languages.end(), [&](const auto& l) { return l.tag == lang; });
    if (it == centre_.languages.end()) return make_error(ErrorCode::NotFound, "language '" + lang + "' is not offered");
    session_.lang = lang;
    session_.nav.home();
  }
  if (!screen_name.empty()) {
    auto routes = routes_for_screen_name(screen_name);
    if (!routes) return make_error(ErrorCode::Invalid, "unknown screen '" + screen_name + "'");
    if (session_.lang.empty() && routes->back().id != ScreenId::Welcome) session_.lang = centre_.languages.front().tag;
    session_.nav.reset(*routes);
  }
  last_input_ = clock_.monotonic();
  return {};
}

bool App::rtl() const {
  return is_rtl(centre_, display_lang());
}

std::string App::display_lang() const {
  if (!session_.lang.empty()) return session_.lang;
  return centre_.languages.empty() ? std::string(lang::kLastResort) : centre_.languages.front().tag;
}

const UiStrings& App::strings_for(const std::string& lang) {
  auto it = strings_.find(lang);
  if (it == strings_.end()) {
    auto r = store_.ui_strings(lang);
    it = strings_
             .emplace(lang, UiStrings(lang, r ? std::move(r).value() : std::map<std::string, content::LocalizedText>{}))
             .first;
  }
  return it->second;
}

std::set<std::string> App::missing_strings() const {
  std::set<std::string> out;
  for (const auto& [lang, s] : strings_)
    for (const auto& k : s.missing()) out.insert(lang + ": " + k);
  return out;
}

void App::note_input() {
  const ImGuiIO& io = ImGui::GetIO();
  bool input = io.MouseWheel != 0 || io.InputQueueCharacters.Size > 0;
  for (bool d : io.MouseDown) input = input || d;
  for (bool k : io.KeysDown) input = input || k;
  const double now = clock_.monotonic();
  if (input && !idle_open_) last_input_ = now;
  if (session_.pristine()) {
    last_input_ = now;
    idle_open_ = false;
    return;
  }
  const double idle = now - last_input_;
  if (idle < settings_.idle_timeout_s) {
    idle_open_ = false;
    return;
  }
  idle_open_ = true;
  idle_left_ = settings_.idle_countdown_s - (idle - settings_.idle_timeout_s);
  if (idle_left_ <= 0) {
    session_.reset();  // forget the visitor: language, history, search, filters, scroll
    idle_open_ = false;
    last_input_ = now;
  }
}

bool App::allowed(const Route& r) const {
  if (!is_staff_screen(r.id)) return true;
  if (!staff_) return false;  // no staff mode on this kiosk
  return !needs_staff(r.id) || session_.staff.has_value();
}

bool App::push(const Route& r) {
  if (!allowed(r)) return false;  // "no edit is possible outside staff mode"
  session_.nav.push(r);
  return true;
}

// Drops every staff screen from the navigation stack (leaving staff mode).
void App::leave_staff_screens() {
  std::vector<Route> kept;
  for (const auto& r : session_.nav.stack())
    if (!is_staff_screen(r.id)) kept.push_back(r);
  if (kept.empty()) kept.push_back(session_.lang.empty() ? Route{} : Route{ScreenId::Home, {}});
  session_.nav.reset(std::move(kept));
}

void App::apply(const Action& a) {
  switch (a.kind) {
    case Action::Kind::Push:
      push(a.route);
      break;
    case Action::Kind::StaffEnter:
      if (!staff_ || a.staff.id.empty()) break;
      session_.staff = a.staff;
      if (session_.nav.top().id == ScreenId::StaffLogin) session_.nav.back();
      session_.nav.push(Route{ScreenId::StaffHome, {}});
      break;
    case Action::Kind::StaffLeave:
      session_.staff.reset();
      leave_staff_screens();
      break;
    case Action::Kind::StaffSaved:
      if (!session_.staff) break;
      session_.staff->notice = a.lang;
      while (session_.nav.top().id != ScreenId::StaffHome && is_staff_screen(session_.nav.top().id) &&
             session_.nav.back()) {
      }
      if (session_.nav.top().id != ScreenId::StaffHome) session_.nav.push(Route{ScreenId::StaffHome, {}});
      break;
    case Action::Kind::Back:
      session_.nav.back();
      break;
    case Action::Kind::Home:
      session_.nav.home();
      break;
    case Action::Kind::Language:
      session_.nav.push(Route{ScreenId::Welcome, {}});
      break;
    case Action::Kind::ChooseLanguage:
      session_.lang = a.lang;
      session_.keyboard_layout = 0;
      if (session_.nav.depth() > 1)
        session_.nav.back();
      else
        session_.nav.home();
      break;
    case Action::Kind::Finish:
      session_.reset();
      break;
    case Action::Kind::ShowQr:
      session_.qr = a.lang;
      break;
    case Action::Kind::CloseQr:
      session_.qr.clear();
      break;
    case Action::Kind::ContinueSession:
      idle_open_ = false;
      last_input_ = clock_.monotonic();
      break;
  }
}

void App::frame(text::ui::TextUi& tui) {
  if (background_) background_->drain();  // results of queries finished since the last frame
  note_input();
  const ImGuiIO& io = ImGui::GetIO();
  const std::string lang = display_lang();
  // A staff screen whose staff member is gone (never reached: the App
  // refuses such pushes; a guard for routes set by other means).
  if (!allowed(session_.nav.top())) leave_staff_screens();
  const Route route = session_.nav.top();
  if (!screen_ || !(screen_route_ == route) || screen_lang_ != lang) {
    screen_ = factory_(route);
    screen_route_ = route;
    screen_lang_ = lang;
    auto it = session_.scroll.find(route.key());
    scroll_restore_ = it == session_.scroll.end() ? 0.f : it->second;
  }
  const UiStrings& s = strings_for(lang);
  palette_ = palette_for(session_.high_contrast ? Theme::HighContrast : settings_.theme);
  static constexpr float kTextSizes[] = {1.f, 1.25f, 1.5f};
  const float text_scale = settings_.text_scale * kTextSizes[std::clamp(session_.text_size, 0, 2)];
  // Upright (portrait) screens are sized by their width: 1080 px wide gives
  // text a little smaller than the same screen lying down (the top bar's
  // buttons must still fit in one row), and the height goes to taller tiles.
  const bool portrait = io.DisplaySize.y > io.DisplaySize.x * 1.2f;
  const float scale = std::clamp(
      portrait ? io.DisplaySize.x / 900.f : std::min(io.DisplaySize.y / 800.f, io.DisplaySize.x / 1000.f), 0.6f, 2.5f);
  Ui ui(tui, palette_, lang, is_rtl(centre_, lang), std::round(22.f * scale * text_scale));
  ui.set_portrait(portrait);
  actions_.clear();
  Frame f{store_, centre_, session_, s, ui, clock_, actions_, background_, staff_};

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, palette_.bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(3);
  draw_top_bar(f, screen_.get());
  const float strip_h = std::round(ui.em() * 1.9f);
  const float pad = std::round(ui.em() * 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ui.em() * 0.5f, ui.em() * 0.5f));
  const float scrollbar = std::round(ui.em() * 0.8f);
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, scrollbar);
  // Right to left, the scroll bar is mirrored too: ImGui 1.86 can only put
  // its own on the right, so the page hides it and draws one on the left
  // (an indicator: touch visitors drag the page itself).
  const bool rtl = ui.rtl();
  ImGui::BeginChild("body", ImVec2(0, ImGui::GetContentRegionAvail().y - strip_h), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | (rtl ? ImGuiWindowFlags_NoScrollbar : 0));
  // As ImGui does for its own bar: room for it when last frame's content overflowed.
  const bool rtl_bar = rtl && ImGui::GetScrollMaxY() > 0;
  if (rtl_bar) ImGui::Indent(scrollbar);
  if (scroll_restore_ >= 0) {
    ImGui::SetScrollY(scroll_restore_);
    scroll_restore_ = -1;
  }
  // Touch: drag the page to scroll it, also when the finger lands on a tile
  // or button; a drag is not a tap, so that widget lets go.
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
      ImGui::IsMouseDragging(ImGuiMouseButton_Left, 8.f)) {
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
  }
  screen_->draw(f);
  if (float y = ImGui::GetScrollY(); y > 0) session_.scroll[route.key()] = y;
  if (rtl_bar) {
    ImGui::Unindent(scrollbar);
    draw_start_scrollbar(ui, scrollbar);
  }
  ImGui::EndChild();
  ImGui::PopStyleVar(3);
  draw_status_strip(f);
  ImGui::End();
  ImGui::PopStyleColor();
  if (!session_.qr.empty()) draw_qr_overlay(f);
  if (idle_open_) draw_idle_dialog(f);
  rects_ = ui.rects();
  for (const auto& a : actions_) apply(a);
}

void App::draw_start_scrollbar(Ui& ui, float width) {
  const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
  const float max = ImGui::GetScrollMaxY();
  if (max <= 0 || ws.y <= 0) return;
  const ImGuiStyle& st = ImGui::GetStyle();
  // The same track and grab as ImGui's own (imgui_widgets.cpp ScrollbarEx).
  const float h = ws.y;
  const float grab_h = std::clamp(h * h / (h + max), st.GrabMinSize, h);
  const float grab_y = wp.y + (h - grab_h) * (ImGui::GetScrollY() / max);
  const float pad = std::round(width * 0.15f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(wp, ImVec2(wp.x + ws.x, wp.y + ws.y), false);
  dl->AddRectFilled(wp, ImVec2(wp.x + width, wp.y + h), ImGui::GetColorU32(ImGuiCol_ScrollbarBg));
  dl->AddRectFilled(ImVec2(wp.x + pad, grab_y + pad), ImVec2(wp.x + width - pad, grab_y + grab_h - pad),
                    ImGui::GetColorU32(ImGuiCol_ScrollbarGrab), st.ScrollbarRounding);
  dl->PopClipRect();
  ui.record("body.scrollbar", wp, ImVec2(wp.x + width, wp.y + h));
}

void App::draw_top_bar(Frame& f, Screen* screen) {
  Ui& ui = f.ui;
  const UiStrings& s = f.s;
  const float pad = std::round(ui.em() * 0.5f);
  // Buttons taller than any label's line box (symbols and Indic scripts have
  // tall ones), so the bar's buttons all share one height.
  const float bh = std::max(ui.tui().theme.min_touch, std::round(ui.em() * 2.8f));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  // Portrait: the title gets a line of its own under the buttons.
  const std::string title = screen ? screen->title(f) : std::string();
  title_ = title;
  const bool title_row = ui.portrait() && !title.empty();
  const float title_h = title_row ? std::round(ui.em() * 2.4f) : 0.f;
  const float h = bh + 2 * pad + title_h;
  ImGui::GetWindowDrawList()->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + h), ui.palette().surface);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p0.x, p0.y + h - 1), ImVec2(p0.x + w, p0.y + h - 1), ui.palette().border);
  const bool welcome = f.session.nav.top().id == ScreenId::Welcome;
  const bool rtl = ui.rtl();
  // The buttons, measured before they are placed: when they do not fit in
  // one row (a narrow or upright screen, long words), the Language button
  // keeps only its sign, then the labels get smaller.
  struct Btn {
    const char* id;
    std::string label;
    const char* key;
    bool at_start;
    ImU32 bg = 0, fg = 0;
    Action action;
    float size = 1.f;
  };
  std::vector<Btn> bs;
  if (!welcome || f.session.nav.depth() > 1) {
    // The arrow points towards the start side: left in LTR, right in RTL.
    if (f.session.nav.depth() > 1)
      bs.push_back({"nav.back", std::string(rtl ? "→ " : "← ") + s.get("nav.back"), "nav.back", true, 0, 0,
                    Action{Action::Kind::Back, {}, {}}});
    if (f.session.nav.top().id != ScreenId::Home && !welcome)
      bs.push_back({"nav.home", s.get("nav.home"), "nav.home", true, 0, 0, Action{Action::Kind::Home, {}, {}}});
  }
  // End side: Emergency (always), Finish and Language (once a visitor started).
  bs.push_back({"nav.emergency", "☎ " + s.get("nav.emergency"), "nav.emergency", false, ui.palette().danger,
                ui.palette().danger_text, Action{Action::Kind::Push, Route{ScreenId::Emergency, {}}, {}}});
  if (!f.session.lang.empty()) {
    bs.push_back({"nav.finish", s.get("nav.finish"), "nav.finish", false, ui.palette().chip_off,
                  ui.palette().chip_off_text, Action{Action::Kind::Finish, {}, {}}});
    if (!welcome)
      bs.push_back({"nav.language", "文A " + s.get("nav.language"), "nav.language", false, ui.palette().chip_off,
                    ui.palette().chip_off_text, Action{Action::Kind::Language, {}, {}}});
  }
  auto total = [&] {
    float t = pad;
    for (auto& b : bs) t += std::max(ui.button_width(b.label, b.size, s.lang_of(b.key)), bh) + pad;
    return t;
  };
  const float room = w - (title_row || title.empty() ? 0.f : ui.em() * 4);
  if (total() > room)
    for (auto& b : bs)
      if (std::string_view(b.id) == "nav.language") b.label = "文A";
  for (float size = 0.9f; size >= 0.7f && total() > room; size -= 0.1f)
    for (auto& b : bs) b.size = size;
  float start = 0, end = 0;
  for (auto& b : bs) {
    const float bw = std::max(ui.button_width(b.label, b.size, s.lang_of(b.key)), bh);
    float& offset = b.at_start ? start : end;
    const bool left = b.at_start != rtl;
    ImGui::SetCursorScreenPos(ImVec2(left ? p0.x + pad + offset : p0.x + w - pad - offset - bw, p0.y + pad));
    offset += bw + pad;
    if (ui.button(b.id, b.label, ImVec2(bw, bh), b.bg, b.fg, s.lang_of(b.key), b.size)) f.emit(b.action);
  }
  // Title between the two groups, or on its own line (portrait).
  if (!title.empty()) {
    auto st = ui.style(1.3f, true);
    st.max_lines = 1;
    st.ellipsis = true;
    st.align = rtl ? text::Align::Right : text::Align::Left;
    if (title_row) {
      const float avail = w - 4 * pad;
      auto l = ui.tui().engine().layout(title, st, avail);
      const float row_y = p0.y + bh + 2 * pad;
      ui.tui().draw(l, ImVec2(p0.x + 2 * pad, std::round(row_y + (title_h - pad - l->height()) / 2)));
    } else if (float avail = w - start - end - 4 * pad; avail > ui.em() * 3) {
      auto l = ui.tui().engine().layout(title, st, avail);
      float x = rtl ? p0.x + w - pad - start - pad - avail : p0.x + pad + start + pad;
      ui.tui().draw(l, ImVec2(x, std::round(p0.y + (h - l->height()) / 2)));
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + h));
  ImGui::Dummy(ImVec2(0, 0));
}

void App::draw_status_strip(Frame& f) {
  Ui& ui = f.ui;
  const UiStrings& s = f.s;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 sz(ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y);
  ImGui::GetWindowDrawList()->AddRectFilled(p0, ImVec2(p0.x + sz.x, p0.y + sz.y), ui.palette().strip_bg);
  const SyncState st = sync_.state();
  std::string text;
  if (!st.release_date.empty())
    text = s.format("status.content_date", {{"date", lang::format_date(ui.lang(), st.release_date)}});
  const char* sync_key = !st.configured ? "status.sync_none"
                         : st.running   ? "status.syncing"
                         : st.failed    ? "status.sync_error"
                                        : "status.sync_ok";
  text += (text.empty() ? "" : "  ·  ") + s.get(sync_key);
  auto style = ui.style(0.8f);
  style.max_lines = 1;
  style.ellipsis = true;
  style.align = ui.rtl() ? text::Align::Right : text::Align::Left;
  const float pad = std::round(ui.em() * 0.6f);
  ImU32 old = ui.tui().theme.colors.text;
  ui.tui().theme.colors.text = ui.palette().strip_text;
  float avail = sz.x - 2 * pad;
  if (st.stale) {
    // Stale: a warning sign and words, on the warning colour (never colour alone).
    std::string warn = "⚠ " + s.get("status.stale");
    auto ws = style;
    ws.align = ui.rtl() ? text::Align::Left : text::Align::Right;
    ws.bold = true;
    auto wl = ui.tui().engine().layout(warn, ws, avail / 2);
    float wx = ui.rtl() ? p0.x + pad : p0.x + sz.x - pad - avail / 2;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(wx - pad / 2, p0.y), ImVec2(wx + avail / 2 + pad / 2, p0.y + sz.y),
                                              ui.palette().warning);
    ui.tui().theme.colors.text = ui.palette().warning_text;
    ui.tui().draw(wl, ImVec2(wx, std::round(p0.y + (sz.y - wl->height()) / 2)));
    ui.record("status.stale", ImVec2(wx, p0.y), ImVec2(wx + avail / 2, p0.y + sz.y));
    ui.tui().theme.colors.text = ui.palette().strip_text;
    avail = avail / 2 - pad;
  }
  auto l = ui.tui().engine().layout(text, style, avail);
  float x = ui.rtl() ? p0.x + sz.x - pad - avail : p0.x + pad;
  ui.tui().draw(l, ImVec2(x, std::round(p0.y + (sz.y - l->height()) / 2)));
  ui.tui().theme.colors.text = old;
  if (staff_) staff_corner(f, p0, sz);
}

// The discreet way into staff mode: a long press on the strip's end corner.
// Nothing is drawn; a tap does nothing. Timed by the App's clock, so tests
// and scripts hold it on a fake clock.
void App::staff_corner(Frame& f, ImVec2 p0, ImVec2 sz) {
  const float cw = std::round(f.ui.em() * 3.f);
  const ImVec2 a(f.ui.rtl() ? p0.x : p0.x + sz.x - cw, p0.y);
  ImGui::SetCursorScreenPos(a);
  ImGui::InvisibleButton("staff.corner", ImVec2(cw, sz.y));
  f.ui.record("staff.corner", a, ImVec2(a.x + cw, a.y + sz.y));
  if (!ImGui::IsItemActive()) {
    corner_down_ = -1;
    corner_fired_ = false;
    return;
  }
  const double now = clock_.monotonic();
  if (corner_down_ < 0) corner_down_ = now;
  if (!corner_fired_ && now - corner_down_ >= kStaffHoldSeconds) {
    corner_fired_ = true;
    f.push(session_.staff ? ScreenId::StaffHome : ScreenId::StaffLogin);
  }
}

void App::draw_idle_dialog(Frame& f) {
  Ui& ui = f.ui;
  const UiStrings& s = f.s;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 150));
  ImGui::Begin("idle", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove);
  const float w = std::min(io.DisplaySize.x * 0.85f, ui.em() * 30);
  const float pad = ui.em();
  // The box fits its content (drawn first on a second channel) and sits
  // where it sat last frame: centred on the content's height.
  const float h = idle_box_h_ > 0 ? idle_box_h_ : ui.em() * 10;
  const ImVec2 p0(std::round((io.DisplaySize.x - w) / 2), std::round((io.DisplaySize.y - h) / 2));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(p0.x + pad, p0.y + pad));
  ImGui::BeginGroup();
  ui.text(s.get("idle.title"), s.lang_of("idle.title"), 1.5f, 0, w - 2 * pad);
  int secs = static_cast<int>(std::ceil(std::max(0.0, idle_left_)));
  ui.text(s.format("idle.message", {{"seconds", lang::format_number(ui.lang(), secs)}}), s.lang_of("idle.message"), 1.f,
          0, w - 2 * pad);
  Row row(ui, pad, w - 2 * pad);  // inside the box: mirrored from its right edge in RTL
  const std::string& c = s.get("idle.continue");
  const std::string& fin = s.get("idle.finish");
  float cw = std::max(ui.button_width(c, 1.f, s.lang_of("idle.continue")), ui.em() * 8);
  row.next(cw);
  if (ui.button("idle.continue", c, ImVec2(cw, 0), 0, 0, s.lang_of("idle.continue")))
    f.emit(Action{Action::Kind::ContinueSession, {}, {}});
  float fw = ui.button_width(fin, 1.f, s.lang_of("idle.finish"));
  row.next(fw);
  if (ui.button("idle.finish", fin, ImVec2(fw, 0), ui.palette().chip_off, ui.palette().chip_off_text,
                s.lang_of("idle.finish")))
    f.emit(Action{Action::Kind::Finish, {}, {}});
  row.end();
  ImGui::EndGroup();
  idle_box_h_ = std::round(ImGui::GetItemRectMax().y - p0.y + pad - ui.em() * 0.5f);  // Row::end's gap
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + idle_box_h_), ui.palette().surface, ui.em() * 0.4f);
  dl->ChannelsMerge();
  ImGui::End();
  ImGui::PopStyleColor();
}

void App::draw_qr_overlay(Frame& f) {
  Ui& ui = f.ui;
  const UiStrings& s = f.s;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 150));
  ImGui::Begin("qr", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove);
  const float side = std::min(io.DisplaySize.y * 0.5f, io.DisplaySize.x * (ui.portrait() ? 0.75f : 0.5f));
  const float pad = ui.em();
  const float w = side + 2 * pad;
  // The panel fits its content (drawn first on a second channel), centred
  // on the height it had last frame.
  const float h = qr_box_h_ > 0 ? qr_box_h_ : io.DisplaySize.y * 0.84f;
  const ImVec2 p0(std::round((io.DisplaySize.x - w) / 2),
                  std::round(std::max(io.DisplaySize.y * 0.04f, (io.DisplaySize.y - h) / 2)));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(p0.x + pad, p0.y + pad));
  ImGui::BeginGroup();
  ui.text(s.get("service.take_away"), s.lang_of("service.take_away"), 1.2f, 0, side);
  std::string shown = session_.qr;
  for (const char* scheme : {"tel:", "mailto:", "https://", "http://"})
    if (shown.rfind(scheme, 0) == 0) shown.erase(0, std::char_traits<char>::length(scheme));
  auto ns = ui.style(1.6f, true, "en");
  ns.direction = text::Direction::Ltr;
  ns.align = text::Align::Center;
  ui.tui().paragraph(shown, ns, side);
  if (auto qr = encode_qr(session_.qr)) {
    const float module = std::floor(side / static_cast<float>(qr->size + 8));
    const float qs = module * static_cast<float>(qr->size + 8);
    const ImVec2 q(p0.x + pad + std::floor((side - qs) / 2), ImGui::GetCursorScreenPos().y);
    dl->AddRectFilled(q, ImVec2(q.x + qs, q.y + qs), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < qr->size; ++y)
      for (int x = 0; x < qr->size; ++x)
        if (qr->at(x, y)) {
          ImVec2 a(q.x + module * static_cast<float>(x + 4), q.y + module * static_cast<float>(y + 4));
          dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
        }
    ImGui::Dummy(ImVec2(side, qs));
    ui.record("qr.code", q, ImVec2(q.x + qs, q.y + qs));
  }
  const std::string& close = s.get("nav.close");
  if (ui.button("qr.close", close, ImVec2(side, 0), 0, 0, s.lang_of("nav.close")))
    f.emit(Action{Action::Kind::CloseQr, {}, {}});
  ImGui::EndGroup();
  qr_box_h_ = std::round(ImGui::GetItemRectMax().y - p0.y + pad);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + qr_box_h_), ui.palette().surface, ui.em() * 0.4f);
  dl->ChannelsMerge();
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace faro::kiosk
