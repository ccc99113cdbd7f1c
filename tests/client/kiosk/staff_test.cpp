// Staff mode on the kiosk (docs/kiosk.md "Staff mode", issue 6): the hidden
// entry, the PIN pad and its lockout, editing a service in Arabic with the
// on-screen keyboard, pending marks on the service page, field errors, the
// idle exit, and staff screens refused without a login. Every test runs the
// whole App headless over a real kiosk directory (demo content as its
// release, view.db built by the sync engine's Outbox).
#include <cfloat>
#include <filesystem>

#include "kiosk/staff_desk.h"
#include "kiosk/staff_view_models.h"
#include "kiosk_support.h"
#include "sync/outbox.h"
#include "sync/release_store.h"

using namespace faro;
using kiosk::Route;
using kiosk::ScreenId;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPin = "4821";

// A kiosk directory at El Paso with the demo content installed and one
// staff account (maria, PIN 4821), shown through view.db like --kiosk DIR.
struct StaffKiosk {
  test::TempDir dir;
  std::string kdir;
  std::unique_ptr<kiosk::StaffDesk> desk;
  std::unique_ptr<content::Store> store;
  kiosk::FakeClock clock{test::kWednesdayMorning};
  kiosk::NoSyncStatus sync{"2026-11-20"};
  kiosk::HeadlessHost host;
  std::unique_ptr<kiosk::App> app;

  explicit StaffKiosk(bool with_desk = true, int w = 1280, int h = 900) : host(test::kiosk_fonts(), w, h) {
    kdir = (dir / "kiosk").string();
    auto keys = sync::init_keys((dir / "keys").string(), test::kWednesdayMorning);
    REQUIRE(keys.ok());
    auto root = sync::read_file((dir / "keys" / "roots" / "1.root.json").string());
    REQUIRE(root.ok());
    sync::KioskInit init;
    init.root_chain = {*root};
    init.centre = "el-paso-sample";
    REQUIRE(sync::KioskDir::init(kdir, init).ok());
    fs::copy_file(test::demo_db(), kdir + "/content.db");
    auto kd = sync::KioskDir::open(kdir);
    REQUIRE(kd.ok());
    REQUIRE(sync::add_staff(*kd, "maria", "María López", kPin, sync::minimum_pin_cost()).ok());
    auto view = kiosk::refresh_kiosk_view(kdir);
    REQUIRE(view.ok());
    CHECK(*view == kdir + "/view.db");
    auto s = content::Store::open(*view, content::Store::Mode::ReadOnly);
    REQUIRE(s.ok());
    store = std::move(s).value();
    if (with_desk) {
      auto d = kiosk::open_kiosk_staff_desk(kdir);
      REQUIRE(d.ok());
      desk = std::move(d).value();
    }
    kiosk::Settings settings;
    settings.centre = "el-paso-sample";
    auto a = kiosk::App::create(*store, clock, sync, settings, &screens::make_screen, desk.get());
    REQUIRE(a.ok());
    app = std::move(a).value();
  }
  void frame() {
    host.frame([&](text::ui::TextUi& ui) { app->frame(ui); });
  }
  bool has(const std::string& id) const { return app->rects().count(id) > 0; }
  kiosk::Rect rect(const std::string& id) {
    auto it = app->rects().find(id);
    if (it == app->rects().end()) FAIL("no widget '" << id << "' on screen " << app->session().nav.top().key());
    return it->second;
  }
  // Brings `id` into the middle band of the screen by dragging the page from
  // its start margin (where no widget is), as a finger would.
  void reveal(const std::string& id) {
    ImGuiIO& io = ImGui::GetIO();
    const float h = io.DisplaySize.y;
    frame();  // a screen restores its scroll position in its second frame
    for (int i = 0; i < 30; ++i) {
      auto r = rect(id);
      if (r.cy() > h * 0.15f && r.cy() < h * 0.85f) return;
      const float dy = std::clamp(r.cy() - h * 0.5f, -h * 0.3f, h * 0.3f);
      const float x = app->rtl() ? io.DisplaySize.x - 5 : 5;
      io.MousePos = ImVec2(x, h * 0.5f);
      frame();
      io.MouseDown[0] = true;
      frame();
      for (int step = 1; step <= 8; ++step) {
        io.MousePos = ImVec2(x, h * 0.5f - dy * static_cast<float>(step) / 8);
        frame();
      }
      io.MouseDown[0] = false;
      frame();
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      frame();
    }
    FAIL("cannot scroll '" << id << "' into view");
  }
  void tap(const std::string& id) {
    if (id.rfind("nav.", 0) != 0 && id != "staff.corner") reveal(id);  // the bars do not scroll
    auto r = rect(id);
    host.tap(r.cx(), r.cy(), [&](text::ui::TextUi& ui) { app->frame(ui); });
  }
  // A finger held on `id` while the App's clock moves on `seconds`.
  void hold(const std::string& id, double seconds) {
    auto r = rect(id);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r.cx(), r.cy());
    frame();
    io.MouseDown[0] = true;
    frame();
    clock.advance(seconds);
    frame();
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame();
  }
  ScreenId screen() const { return app->session().nav.top().id; }
  void enter_pin(const std::string& pin) {
    for (char c : pin) tap(std::string("staff.pin.") + c);
    tap("staff.pin.ok");
    frame();
  }
  void log_in(const std::string& lang) {
    REQUIRE(app->start(lang, "home").ok());
    frame();
    hold("staff.corner", 3.5);
    REQUIRE(screen() == ScreenId::StaffLogin);
    tap("staff.member.maria");
    enter_pin(kPin);
    REQUIRE(screen() == ScreenId::StaffHome);
  }
  // Taps every key of `text` on the on-screen keyboard (one code point each).
  void tap_keys(const std::string& text) {
    for (size_t i = 0; i < text.size();) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      std::string k = text.substr(i, n);
      tap(k == " " ? std::string("kb.space") : "kb.key." + k);
      i += n;
    }
  }
  size_t code_points(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }
  // Empties the focused field: the caret to its end (where a tap put it is
  // where the finger was), then one backspace per code point.
  void clear_field(const std::string& value) {
    host.key(ImGuiKey_End, [&](text::ui::TextUi& ui) { app->frame(ui); });
    for (size_t i = code_points(value); i > 0; --i) tap("kb.backspace");
  }
};

}  // namespace

TEST_CASE("a long press on the status strip's corner opens the staff login; a short one does not", "[kiosk][staff]") {
  StaffKiosk k;
  REQUIRE(k.app->start("en", "home").ok());
  k.frame();
  REQUIRE(k.has("staff.corner"));
  const auto corner = k.rect("staff.corner");
  CHECK(corner.x1 >= 1280 - 1);  // the end corner (right, left to right)
  CHECK(corner.y1 >= 900 - 1);   // in the status strip at the bottom
  k.tap("staff.corner");
  CHECK(k.screen() == ScreenId::Home);
  k.hold("staff.corner", 2.0);  // not long enough
  CHECK(k.screen() == ScreenId::Home);
  k.hold("staff.corner", 3.0);
  CHECK(k.screen() == ScreenId::StaffLogin);
  CHECK(k.has("staff.member.maria"));
}

TEST_CASE("right to left, the staff corner is on the left", "[kiosk][staff][rtl]") {
  StaffKiosk k;
  REQUIRE(k.app->start("ar", "home").ok());
  k.frame();
  CHECK(k.rect("staff.corner").x0 <= 1);
}

TEST_CASE("a kiosk without a staff desk has no staff corner and no staff screens", "[kiosk][staff]") {
  StaffKiosk k(false);
  REQUIRE(k.app->start("en", "home").ok());
  k.frame();
  CHECK_FALSE(k.has("staff.corner"));
  CHECK_FALSE(k.app->push(Route{ScreenId::StaffLogin, {}}));
  k.frame();
  CHECK(k.screen() == ScreenId::Home);
}

TEST_CASE("staff screens other than the login are refused without a login", "[kiosk][staff]") {
  StaffKiosk k;
  REQUIRE(k.app->start("en", "home").ok());
  k.frame();
  CHECK_FALSE(k.app->push(Route{ScreenId::StaffHome, {}}));
  CHECK_FALSE(k.app->push(Route{ScreenId::StaffEdit, "ep-health-clinic"}));
  k.frame();
  CHECK(k.screen() == ScreenId::Home);
  CHECK_FALSE(k.has("staff.save"));
  CHECK(k.app->push(Route{ScreenId::StaffLogin, {}}));
  k.frame();
  CHECK(k.screen() == ScreenId::StaffLogin);
  // Logged in, the same pushes are allowed; after leaving staff mode, refused again.
  k.tap("staff.member.maria");
  k.enter_pin(kPin);
  REQUIRE(k.screen() == ScreenId::StaffHome);
  CHECK(k.app->push(Route{ScreenId::StaffEdit, "ep-health-clinic"}));
  k.frame();
  CHECK(k.has("staff.save"));
  k.tap("nav.back");
  k.tap("staff.leave");
  k.frame();
  CHECK_FALSE(k.app->session().staff.has_value());
  CHECK(k.screen() == ScreenId::Home);
  CHECK_FALSE(k.app->push(Route{ScreenId::StaffEdit, "ep-health-clinic"}));
}

TEST_CASE("the PIN pad shows dots only, says a PIN is wrong, and locks after five wrong PINs", "[kiosk][staff]") {
  StaffKiosk k;
  REQUIRE(k.app->start("en", "home").ok());
  k.frame();
  k.hold("staff.corner", 3.0);
  k.tap("staff.member.maria");
  k.tap("staff.pin.1");
  k.tap("staff.pin.2");
  // The PIN's line (dots only) sits above the pad.
  const auto dots = k.rect("staff.pin.dots");
  CHECK(dots.y1 <= k.rect("staff.pin.1").y0);
  k.tap("staff.pin.back");
  k.tap("staff.pin.back");
  for (int i = 1; i <= 4; ++i) {
    k.enter_pin("1111");
    CHECK(k.screen() == ScreenId::StaffLogin);
    CHECK(k.has("staff.login.wrong"));
    CHECK_FALSE(k.has("staff.login.locked"));
  }
  k.enter_pin("1111");
  CHECK(k.has("staff.login.locked"));
  // Locked: the right PIN is not even checked.
  k.enter_pin(kPin);
  CHECK(k.screen() == ScreenId::StaffLogin);
  CHECK(k.has("staff.login.locked"));
  CHECK_FALSE(k.app->session().staff.has_value());
  // The lock lasts 30 s (sync::staff_login); after it, the right PIN opens.
  k.clock.advance(29);
  k.enter_pin(kPin);
  CHECK(k.screen() == ScreenId::StaffLogin);
  k.clock.advance(2);
  k.frame();
  CHECK_FALSE(k.has("staff.login.locked"));
  k.enter_pin(kPin);
  CHECK(k.screen() == ScreenId::StaffHome);
  REQUIRE(k.app->session().staff.has_value());
  CHECK(k.app->session().staff->id == "maria");
}

TEST_CASE("a locked account shows its lock when chosen, also after a restart", "[kiosk][staff]") {
  StaffKiosk k;
  auto kd = sync::KioskDir::open(k.kdir);
  REQUIRE(kd.ok());
  for (int i = 0; i < 5; ++i) REQUIRE(sync::staff_login(*kd, "maria", "0000", k.clock.unix_now()).ok());
  REQUIRE(k.app->start("en", "home").ok());
  k.frame();
  k.hold("staff.corner", 3.0);
  k.tap("staff.member.maria");
  CHECK(k.has("staff.login.locked"));
}

TEST_CASE("staff edit a service in Arabic with the on-screen keyboard; the service page marks it for staff only",
          "[kiosk][staff][rtl]") {
  StaffKiosk k;
  const std::string service = "ep-health-clinic";
  auto before = k.desk->service(service);
  REQUIRE(before.ok());
  const std::string old_name = before->at("name@ar");
  k.log_in("ar");
  CHECK(k.has("staff.edit." + service));
  k.tap("staff.edit." + service);
  REQUIRE(k.screen() == ScreenId::StaffEdit);
  // The texts' language is the staff member's UI language: Arabic.
  CHECK(k.has("staff.lang.ar"));
  CHECK(k.has("staff.field.name@ar"));
  CHECK_FALSE(k.has("staff.field.name@en"));
  CHECK_FALSE(k.has("kb.key.ع"));
  k.tap("staff.field.name@ar");
  REQUIRE(k.has("kb.key.ع"));  // the Arabic keyboard, under the field
  CHECK(k.rect("kb.key.ع").y0 > k.rect("staff.field.name@ar").y1);
  k.clear_field(old_name);
  const std::string new_name = "عيادة الأمل";
  k.tap_keys(new_name);
  k.tap("staff.save");
  k.frame();
  REQUIRE(k.screen() == ScreenId::StaffHome);
  CHECK(k.has("staff.notice"));  // "Saved — pending"

  // In the durable outbox, and applied to the view the kiosk shows.
  auto edits = k.desk->edits();
  REQUIRE(edits.ok());
  REQUIRE(edits->size() == 1);
  CHECK(edits->front().state == kiosk::StaffEditState::Pending);
  CHECK(edits->front().fields == std::vector<std::string>{"name@ar"});
  CHECK(edits->front().staff == "maria");
  CHECK(k.has("staff.outbox." + edits->front().id));
  CHECK(k.desk->service(service)->at("name@ar") == new_name);
  auto content = content::Store::open(k.kdir + "/content.db", content::Store::Mode::ReadOnly);
  REQUIRE(content.ok());
  CHECK(content::read_service_record(**content, service)->at("name@ar") == old_name);  // the release is untouched

  // Staff see the new name with a pending mark.
  REQUIRE(k.app->push(Route{ScreenId::Service, service}));
  k.frame();
  k.frame();
  CHECK(k.app->title() == new_name);
  CHECK(k.has("service.pending.name"));
  CHECK_FALSE(k.has("service.pending.phones"));

  // Visitors see the new name, unmarked.
  k.tap("nav.back");
  REQUIRE(k.screen() == ScreenId::StaffHome);
  k.tap("staff.leave");
  k.frame();
  REQUIRE_FALSE(k.app->session().staff.has_value());
  REQUIRE(k.app->push(Route{ScreenId::Service, service}));
  k.frame();
  k.frame();
  CHECK(k.app->title() == new_name);
  CHECK_FALSE(k.has("service.pending.name"));
}

TEST_CASE("a bad phone number is shown next to the phone field and nothing is saved", "[kiosk][staff]") {
  StaffKiosk k;
  const std::string service = "ep-health-clinic";
  auto before = k.desk->service(service);
  REQUIRE(before.ok());
  auto phones = kiosk::parse_phone_lines(before->at("phones"));
  REQUIRE_FALSE(phones.empty());
  k.log_in("en");
  k.tap("staff.edit." + service);
  REQUIRE(k.screen() == ScreenId::StaffEdit);
  k.tap("staff.field.phone.0");
  REQUIRE(k.has("kb.key.5"));  // digits first for a phone number
  k.clear_field(phones[0].number);
  k.tap_keys("555");
  k.tap("staff.save");
  k.frame();
  CHECK(k.screen() == ScreenId::StaffEdit);
  CHECK(k.has("staff.not_saved"));
  REQUIRE(k.has("staff.error.phones"));
  // Next to the field: right under the phone lines, before "add a phone".
  const auto err = k.rect("staff.error.phones"), field = k.rect("staff.field.phone.0");
  const auto add = k.rect("staff.phone.add");
  CHECK(err.y0 >= field.y1);
  CHECK(err.y1 <= add.y0);
  CHECK_FALSE(k.has("staff.error.name@en"));
  auto edits = k.desk->edits();
  REQUIRE(edits.ok());
  CHECK(edits->empty());
  CHECK(k.desk->service(service)->at("phones") == before->at("phones"));
  // Fixed, it saves.
  k.tap("staff.field.phone.0");
  k.clear_field("555");
  k.tap_keys("+19155550188");
  k.tap("staff.save");
  k.frame();
  CHECK(k.screen() == ScreenId::StaffHome);
  auto pending = k.desk->pending_fields();
  REQUIRE(pending.ok());
  CHECK(pending->at(service) == std::vector<std::string>{"phones"});
}

TEST_CASE("the idle timeout leaves staff mode", "[kiosk][staff]") {
  StaffKiosk k;
  k.log_in("en");
  k.tap("staff.edit.ep-health-clinic");
  REQUIRE(k.screen() == ScreenId::StaffEdit);
  const auto& st = k.app->settings();
  for (int i = 0; i < st.idle_timeout_s + st.idle_countdown_s + 2; ++i) {
    k.clock.advance(1);
    k.frame();
  }
  CHECK_FALSE(k.app->session().staff.has_value());
  CHECK(k.screen() == ScreenId::Welcome);
  CHECK_FALSE(k.app->push(Route{ScreenId::StaffHome, {}}));
}

TEST_CASE("Finish leaves staff mode", "[kiosk][staff]") {
  StaffKiosk k;
  k.log_in("es");
  k.tap("nav.finish");
  k.frame();
  CHECK_FALSE(k.app->session().staff.has_value());
  CHECK(k.app->session().pristine());
}

TEST_CASE("staff home lists the outbox with each state in words and the hub's reason", "[kiosk][staff]") {
  StaffKiosk k;
  auto kd = sync::KioskDir::open(k.kdir);
  REQUIRE(kd.ok());
  sync::Outbox box(*kd);
  auto rec = k.desk->service("ep-health-clinic");
  REQUIRE(rec.ok());
  auto edited = *rec;
  edited["url"] = "https://example.org/clinic";
  auto e = box.save("maria", "ep-health-clinic", edited, k.clock.unix_now());
  REQUIRE(e.ok());
  REQUIRE(box.set_state(e->id, sync::EditState::Rejected, "staff account locked", 0).ok());
  k.log_in("en");
  CHECK(k.has("staff.outbox." + e->id));
  auto vm = kiosk::load_staff_home(*k.store, *k.desk, "el-paso-sample", "en");
  REQUIRE(vm.ok());
  REQUIRE(vm->edits.size() == 1);
  CHECK(vm->edits[0].state == kiosk::StaffEditState::Rejected);
  CHECK(vm->edits[0].reason == "staff account locked");
  CHECK(vm->service_names.at("ep-health-clinic").find("Clinic") != std::string::npos);
  CHECK_FALSE(vm->can_sync);  // no worker in tests
  CHECK(k.app->missing_strings().empty());
}

TEST_CASE("every staff screen in every demo language has all its strings", "[kiosk][staff][strings]") {
  for (const auto& lang : test::demo_languages()) {
    StaffKiosk k;
    k.log_in(lang);
    k.tap("staff.edit.ep-health-clinic");
    REQUIRE(k.screen() == ScreenId::StaffEdit);
    k.tap("nav.back");
    k.tap("staff.add");
    REQUIRE(k.screen() == ScreenId::StaffEdit);
    INFO(lang);
    CHECK(k.app->missing_strings().empty());
  }
}

TEST_CASE("phones and hours as lines and back", "[kiosk][staff][vm]") {
  auto ph = kiosk::parse_phone_lines("+19155550100 voice\n+19155550101 sms");
  REQUIRE(ph.size() == 2);
  CHECK(ph[1].number == "+19155550101");
  CHECK(ph[1].type == "sms");
  ph.push_back(kiosk::PhoneLine{"", "fax"});  // an empty line is dropped
  CHECK(kiosk::join_phone_lines(ph) == "+19155550100 voice\n+19155550101 sms");
  auto hs = kiosk::parse_hours_lines("1 09:00-17:00\n3 10:00-12:00");
  REQUIRE(hs.size() == 2);
  CHECK(hs[1].day == 3);
  hs.push_back(kiosk::HoursLine{2, "08:00-09:00"});
  CHECK(kiosk::join_hours_lines(hs) == "1 09:00-17:00\n2 08:00-09:00\n3 10:00-12:00");
  CHECK(kiosk::service_section_of("name@ar") == "name");
  CHECK(kiosk::service_section_of("city") == "address");
  CHECK(kiosk::service_section_of("status_note@es") == "status");
  CHECK(kiosk::service_section_of("phones") == "phones");
}
