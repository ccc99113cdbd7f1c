// Power cuts: `faro sync` in a child process, killed with SIGKILL at random
// moments, 200 times. Every time the kiosk's database must pass
// PRAGMA integrity_check and hold exactly the old release or the new one;
// and the next pass must finish the job.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "sync/snapshot.h"
#include "world.h"

namespace fs = std::filesystem;
using namespace faro;
using Clock = std::chrono::steady_clock;

namespace {

// Runs `faro sync` on `kiosk`; kills it after `kill_after` (never if zero).
// Returns true if it was killed before it finished.
bool run_sync(const std::string& kiosk, const std::string& from, std::chrono::microseconds kill_after) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::execl(FARO_BIN, "faro", "sync", "--kiosk", kiosk.c_str(), "--from", from.c_str(), "--no-heartbeat",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  if (kill_after.count() > 0) {
    std::this_thread::sleep_for(kill_after);
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

std::string integrity(const std::string& db) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return "cannot open";
  }
  sqlite3_stmt* st = nullptr;
  std::string out = "no answer";
  if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

}  // namespace

TEST_CASE("a power cut during sync leaves the old release or the new one, never a mix", "[power-cut]") {
  test::World w;
  REQUIRE(w.publish(1) == 1);
  std::string pristine = w.new_kiosk("pristine");
  REQUIRE_FALSE(run_sync(pristine, w.releases(), std::chrono::microseconds(0)));
  std::string h1 = w.kiosk_content_hash(pristine);
  REQUIRE_FALSE(h1.empty());
  REQUIRE(w.publish(2) == 2);
  auto m2 = sync::parse_manifest(test::read_file(w.releases() + "/manifest.json"));
  REQUIRE(m2.ok());
  std::string h2 = m2->content_hash;

  // How long an uninterrupted pass takes, to spread the kills over it.
  std::string kiosk = (w.dir / "victim").string();
  test::copy_dir(pristine, kiosk);
  auto t0 = Clock::now();
  REQUIRE_FALSE(run_sync(kiosk, w.releases(), std::chrono::microseconds(0)));
  auto full = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0);
  REQUIRE(w.kiosk_content_hash(kiosk) == h2);

  std::mt19937_64 rng(Catch::rngSeed() + 4);
  // Kills spread over the pass, half of them weighted to its second half
  // where the apply is. The window adapts to how fast passes really run on
  // this machine right now: it shrinks when a pass finishes before its kill
  // and grows when kills land before anything was installed.
  double span = static_cast<double>(full.count());
  int killed = 0, saw_old = 0, saw_new = 0;
  for (int i = 0; i < 200; ++i) {
    fs::remove_all(kiosk);
    test::copy_dir(pristine, kiosk);
    std::string from = w.releases();
    int64_t s64 = std::max<int64_t>(2, static_cast<int64_t>(span));
    std::uniform_int_distribution<int64_t> early(1, s64), late(s64 / 2, s64 + s64 / 2);
    std::chrono::microseconds at(i % 2 ? late(rng) : early(rng));
    bool was_killed = run_sync(kiosk, from, at);
    killed += was_killed ? 1 : 0;
    std::string db = kiosk + "/content.db";
    INFO("run " << i << ", killed after " << at.count() << " us");
    REQUIRE(fs::exists(db));
    CHECK(integrity(db) == "ok");
    std::string h = *sync::content_hash(db);
    CHECK((h == h1 || h == h2));
    (h == h1 ? saw_old : saw_new)++;
    if (!was_killed) span *= 0.9;
    else if (h == h1) span *= 1.03;
    // The kiosk's own record agrees with its database, or the next pass repairs it.
    REQUIRE_FALSE(run_sync(kiosk, from, std::chrono::microseconds(0)));
    CHECK(w.kiosk_content_hash(kiosk) == h2);
    CHECK(w.status(kiosk).release == 2);
    CHECK(w.status(kiosk).content_hash == h2);
  }
  INFO("killed " << killed << ", old " << saw_old << ", new " << saw_new);
  CHECK(killed >= 80);
  CHECK(saw_old > 0);
  CHECK(saw_new > 0);
}
