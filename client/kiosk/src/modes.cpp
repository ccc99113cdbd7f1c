// Wiring for the program's modes: opening the store, the sync status, the
// clock and the App, then handing frames to a host.
#include "kiosk/modes.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdio>
#include <memory>

#include "content/store.h"
#include "kiosk/app.h"
#include "kiosk/script.h"
#include "kiosk/staff_desk.h"
#include "screens/factory.h"
#include "sync/kiosk.h"
#include "sync/worker.h"
#include "text/content_texts.h"
#include "text/coverage.h"
#include "text/ui/gl_texture.h"
#include "text/ui/offscreen.h"

namespace faro::kiosk {
namespace {

int fail(const std::string& msg) {
  std::fprintf(stderr, "faro-kiosk: %s\n", msg.c_str());
  return 1;
}

bool kiosk_mode(const Settings& s) {
  return !s.kiosk_dir.empty() && s.db.empty();
}

// The database the kiosk shows: with --kiosk DIR, DIR/view.db (the release
// plus this kiosk's live staff edits, brought up to date here); content.db
// when there is no view (a directory without kiosk.db, no content yet, a
// disk error). With --db FILE, that file.
std::string shown_db(const Settings& s) {
  if (!kiosk_mode(s)) return s.database_path();
  auto view = refresh_kiosk_view(s.kiosk_dir);
  return view ? *view : s.database_path();
}

Result<std::unique_ptr<content::Store>> open_store(const Settings& s, const std::string& path = "") {
  const std::string db = path.empty() ? s.database_path() : path;
  auto store = content::Store::open(db, content::Store::Mode::ReadOnly);
  if (!store) return make_error(store.error().code, db + ": " + store.error().message);
  return store;
}

// Staff mode exists only on a kiosk directory (--kiosk DIR); null otherwise.
std::unique_ptr<StaffDesk> staff_desk_for(const Settings& s, sync::SyncWorker* worker) {
  if (!kiosk_mode(s)) return nullptr;
  auto desk = open_kiosk_staff_desk(s.kiosk_dir, worker);
  return desk ? std::move(*desk) : nullptr;
}

// The date of the content shown when no sync worker reports one: the
// installed release's (kiosk directory), else the database's build time.
std::string content_date(content::Store& store, const Settings& s) {
  if (!s.kiosk_dir.empty() && s.db.empty()) {
    if (auto k = sync::KioskDir::open(s.kiosk_dir)) {
      if (auto st = k->status(0); st && !st->release_created.empty()) return iso_date_of(st->release_created);
    }
  }
  auto built = store.meta("built_at");
  return built ? iso_date_of(*built) : std::string();
}

std::string centre_of(const Settings& s) {
  if (!s.centre.empty() || s.kiosk_dir.empty()) return s.centre;
  if (auto k = sync::KioskDir::open(s.kiosk_dir))
    if (auto st = k->status(0)) return st->centre;
  return {};
}

}  // namespace

int run_coverage(const Options& o) {
  const std::string db = o.settings.database_path();
  auto store = open_store(o.settings);
  if (!store) return fail(store.error().message);
  auto texts = text::collect_content_texts(**store);
  if (!texts) return fail(db + ": " + texts.error().message);
  auto fonts = text::FontCollection::open();
  if (!fonts) return fail(fonts.error().message);
  auto report = text::check_coverage(**fonts, *texts);
  std::fputs(text::format_report(report).c_str(), stdout);
  std::fprintf(stderr, "faro-kiosk: coverage of %s: %zu texts, %zu characters, %zu without a glyph\n", db.c_str(),
               report.texts, report.chars, report.missing.size());
  return report.ok() ? 0 : 1;
}

int run_screenshot(const Options& o) {
  auto store = open_store(o.settings, shown_db(o.settings));
  if (!store) return fail(store.error().message);
  Settings s = o.settings;
  s.centre = centre_of(s);
  FakeClock clock(o.fake_time ? o.fake_time : SystemClock().unix_now());
  NoSyncStatus sync(o.content_date.empty() ? content_date(**store, s) : o.content_date);
  auto staff = staff_desk_for(s, nullptr);
  auto app = App::create(**store, clock, sync, s, &screens::make_screen, staff.get());
  if (!app) return fail(app.error().message);
  if (auto st = (*app)->start(o.lang, o.screen.empty() ? "welcome" : o.screen); !st) return fail(st.error().message);
  auto r = text::ui::OffscreenRenderer::create(s.width, s.height);
  if (!r) return fail(r.error().message);
  // Three frames: layouts settle after the first, the scroll region after the second.
  auto img = (*r)->render([&](text::ui::TextUi& ui) { (*app)->frame(ui); }, 3);
  if (!img) return fail(img.error().message);
  if (auto w = text::ui::write_png(o.screenshot, *img); !w) return fail(w.error().message);
  auto missing = (*app)->missing_strings();
  for (const auto& m : missing) std::fprintf(stderr, "faro-kiosk: missing UI string %s\n", m.c_str());
  if (!missing.empty()) return 1;
  if (o.golden.empty()) return 0;
  auto golden = text::ui::read_png(o.golden);
  if (!golden) return fail(golden.error().message);
  text::ui::Image diff;
  auto d = text::ui::compare_images(*img, *golden, o.tolerance, o.max_diff, o.diff.empty() ? nullptr : &diff);
  if (!o.diff.empty() && d.same_size) (void)text::ui::write_png(o.diff, diff);
  std::fprintf(stderr, "faro-kiosk: %s vs %s: %zu pixels differ (%.4f%%, largest channel difference %d)%s\n",
               o.screenshot.c_str(), o.golden.c_str(), d.differing, d.fraction * 100, d.max_channel_delta,
               d.same_size ? "" : " - sizes differ");
  return d.matches && d.same_size ? 0 : 1;
}

namespace {

// Script steps drawn by the offscreen renderer; screenshots are the frame
// last drawn.
class OffscreenScriptHost : public ScriptHost {
 public:
  OffscreenScriptHost(text::ui::OffscreenRenderer& r, App& app, const Options& o) : r_(r), app_(app), o_(o) {}
  void frame() override {
    r_.frame([&](text::ui::TextUi& ui) { app_.frame(ui); });
  }
  Status screenshot(const std::string& path) override {
    auto img = FARO_TRY(r_.capture());
    FARO_TRY(text::ui::write_png(path, img));
    if (!o_.golden.empty()) compare(path, img);
    return {};
  }
  size_t mismatches() const { return mismatches_; }

 private:
  // Golden images (--golden DIR): every screenshot is compared and reported;
  // the script goes on, and the run fails at the end if any differed.
  void compare(const std::string& path, const text::ui::Image& img) {
    const std::string name = path.substr(path.find_last_of('/') + 1);
    const std::string golden_path = o_.golden + "/" + name;
    auto golden = text::ui::read_png(golden_path);
    if (!golden) {
      ++mismatches_;
      std::fprintf(stderr, "faro-kiosk: %s\n", golden.error().message.c_str());
      return;
    }
    text::ui::Image diff;
    auto d = text::ui::compare_images(img, *golden, o_.tolerance, o_.max_diff, &diff);
    const std::string diff_path = path.substr(0, path.size() - (path.size() >= 4 ? 4 : 0)) + ".diff.png";
    if (d.same_size) (void)text::ui::write_png(diff_path, diff);
    std::fprintf(stderr, "faro-kiosk: %s vs %s: %zu pixels differ (%.4f%%, largest channel difference %d)%s\n",
                 path.c_str(), golden_path.c_str(), d.differing, d.fraction * 100, d.max_channel_delta,
                 d.same_size ? "" : " - sizes differ");
    if (!d.matches || !d.same_size) ++mismatches_;
  }
  text::ui::OffscreenRenderer& r_;
  App& app_;
  const Options& o_;
  size_t mismatches_ = 0;
};

}  // namespace

int run_script(const Options& o) {
  auto script = load_script(o.script);
  if (!script) return fail(script.error().message);
  auto store = open_store(o.settings, shown_db(o.settings));
  if (!store) return fail(store.error().message);
  Settings s = o.settings;
  s.centre = centre_of(s);
  FakeClock clock(o.fake_time ? o.fake_time : SystemClock().unix_now());
  NoSyncStatus sync(o.content_date.empty() ? content_date(**store, s) : o.content_date);
  auto staff = staff_desk_for(s, nullptr);
  auto app = App::create(**store, clock, sync, s, &screens::make_screen, staff.get());
  if (!app) return fail(app.error().message);
  if (auto st = (*app)->start(o.lang, o.screen); !st) return fail(st.error().message);
  auto r = text::ui::OffscreenRenderer::create(s.width, s.height);
  if (!r) return fail(r.error().message);
  OffscreenScriptHost host(**r, **app, o);
  ScriptPlayer player(**app, clock, host);
  if (auto st = player.play(*script); !st) return fail(st.error().message);
  auto missing = (*app)->missing_strings();
  for (const auto& m : missing) std::fprintf(stderr, "faro-kiosk: missing UI string %s\n", m.c_str());
  if (host.mismatches() > 0) return fail(std::to_string(host.mismatches()) + " screenshot(s) differ from " + o.golden);
  return missing.empty() ? 0 : 1;
}

int run_window(const Options& o) {
  Settings s = o.settings;
  s.centre = centre_of(s);
  std::string db = shown_db(s);
  auto store = open_store(s, db);
  if (!store) return fail(store.error().message);
  SystemClock clock;
  std::unique_ptr<sync::SyncWorker> worker;
  std::unique_ptr<SyncStatus> sync_status;
  if (kiosk_mode(s)) {
    sync::WorkerOptions wo;
    wo.kiosk_dir = s.kiosk_dir;
    wo.drop_folder = s.drop_folder;
    worker = std::make_unique<sync::SyncWorker>(wo);
    worker->start();
    sync_status = std::make_unique<WorkerSyncStatus>(*worker);
  } else {
    sync_status = std::make_unique<NoSyncStatus>(content_date(**store, s));
  }
  auto staff = staff_desk_for(s, worker.get());  // after the worker, which it may trigger
  auto app = App::create(**store, clock, *sync_status, s, &screens::make_screen, staff.get());
  if (!app) return fail(app.error().message);
  if (auto st = (*app)->start(o.lang, o.screen); !st) return fail(st.error().message);
  auto background = Background::open(db, (*app)->centre().centre.id);
  if (!background) return fail(background.error().message);
  (*app)->set_background(background->get());

  if (!glfwInit()) return fail("no display (GLFW could not start); use --screenshot OUT.png to render offscreen");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWmonitor* monitor = s.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
  int w = s.width, h = s.height;
  if (monitor) {
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    w = mode->width;
    h = mode->height;
  }
  GLFWwindow* window = glfwCreateWindow(w, h, "Faro", monitor, nullptr);
  if (!window) {
    glfwTerminate();
    return fail("no OpenGL 3.3 window; use --screenshot OUT.png to render offscreen");
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  if (s.fullscreen) glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);  // touch screen
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // nothing written to disk
  ImGui::GetIO().LogFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  int rc = 0;
  {
    auto fonts = text::FontCollection::open();
    if (!fonts) {
      rc = fail(fonts.error().message);
    } else {
      text::TextEngine engine(**fonts);
      text::ui::GlTextureSink sink;
      text::GlyphAtlas atlas(**fonts, sink, 1024);
      text::ui::TextUi ui(engine, atlas);
      uint64_t generation = worker ? worker->content_generation() : 0;
      while (!glfwWindowShouldClose(window)) {
        glfwPollEvents();
        // A new release, or the hub answered staff edits (the worker rebuilt
        // view.db): reopen between visitors only (a staff session is not
        // pristine; it sees the rebuilt view after it ends).
        if (worker && worker->content_generation() != generation && (*app)->session().pristine()) {
          const std::string fresh_db = shown_db(s);
          auto fresh = open_store(s, fresh_db);
          if (fresh) {
            auto next = App::create(**fresh, clock, *sync_status, s, &screens::make_screen, staff.get());
            auto bg = next ? Background::open(fresh_db, (*next)->centre().centre.id)
                           : Result<std::unique_ptr<Background>>(next.error());
            if (next && bg) {
              app = std::move(next);  // the old App goes before the Store and worker it used
              background = std::move(bg);
              (*app)->set_background(background->get());
              store = std::move(fresh);
            }
          }
          generation = worker->content_generation();  // a failed reopen is not retried every frame
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        (*app)->frame(ui);
        ImGui::Render();
        atlas.flush();
        engine.trim_cache();
        int fw = 0, fh = 0;
        glfwGetFramebufferSize(window, &fw, &fh);
        glViewport(0, 0, fw, fh);
        glClearColor(1, 1, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
      }
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  if (worker) worker->stop();
  return rc;
}

}  // namespace faro::kiosk
