// The sync engine: convergence, mirrors, retries, bundles, and a real nginx.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "content/store.h"
#include "sync/metadata.h"
#include "sync/transport.h"
#include "world.h"

namespace fs = std::filesystem;
using namespace faro;
using faro::test::FakeClock;
using faro::test::World;

namespace {

sync::SyncReport sync_dir(const std::string& kiosk, const std::string& dir, sync::Clock& clock) {
  auto k = sync::KioskDir::open(kiosk);
  REQUIRE(k.ok());
  auto t = sync::make_dir_transport(dir);
  return sync::sync_once(*k, {t.get()}, clock);
}

std::string release_hash(World& w, int release) {
  auto m = sync::parse_manifest(faro::test::read_file(w.releases() + "/manifests/" + std::to_string(release) + ".json"));
  REQUIRE(m.ok());
  return m->content_hash;
}

}  // namespace

TEST_CASE("an empty kiosk takes the snapshot; the next release comes as a delta", "[engine]") {
  World w;
  FakeClock clock(w.now);
  REQUIRE(w.publish(1) == 1);
  std::string kiosk = w.new_kiosk();
  auto r = sync_dir(kiosk, w.releases(), clock);
  CHECK(r.outcome == sync::SyncOutcome::Updated);
  CHECK_FALSE(r.used_delta);
  CHECK(w.kiosk_content_hash(kiosk) == release_hash(w, 1));
  REQUIRE(w.publish(2) == 2);
  auto d = sync_dir(kiosk, w.releases(), clock);
  CHECK(d.outcome == sync::SyncOutcome::Updated);
  CHECK(d.used_delta);
  CHECK(d.bytes_downloaded < 2000);
  CHECK(w.kiosk_content_hash(kiosk) == release_hash(w, 2));
  auto again = sync_dir(kiosk, w.releases(), clock);
  CHECK(again.outcome == sync::SyncOutcome::UpToDate);
  CHECK(again.bytes_downloaded == 0);
  // The installed database answers queries, search included.
  auto store = content::Store::open(kiosk + "/content.db");
  REQUIRE(store.ok());
  CHECK(*(*store)->meta("release") == "2");
  CHECK_FALSE((*store)->search("consul", "en", 5)->empty());
  content::ServiceQuery q;
  q.lang = "en";
  q.near = content::GeoPoint{31.76, -106.48};
  q.within_km = 5;
  CHECK((*store)->services(q)->size() == 1);  // the spatial index was rebuilt
}

TEST_CASE("a kiosk two releases behind converges in one step", "[engine]") {
  World w;
  FakeClock clock(w.now);
  REQUIRE(w.publish(1) == 1);
  std::string kiosk = w.new_kiosk();
  REQUIRE(sync_dir(kiosk, w.releases(), clock).outcome == sync::SyncOutcome::Updated);
  REQUIRE(w.publish(2) == 2);
  REQUIRE(w.publish(3) == 3);
  auto r = sync_dir(kiosk, w.releases(), clock);
  CHECK(r.outcome == sync::SyncOutcome::Updated);
  CHECK(r.from_release == 1);
  CHECK(r.used_delta);  // release 3 carries a delta from 1
  CHECK(w.status(kiosk).release == 3);
  CHECK(w.kiosk_content_hash(kiosk) == release_hash(w, 3));
}

TEST_CASE("a kiosk whose delta fails converges through the snapshot", "[engine]") {
  World w;
  FakeClock clock(w.now);
  REQUIRE(w.publish(1) == 1);
  std::string kiosk = w.new_kiosk();
  REQUIRE(sync_dir(kiosk, w.releases(), clock).outcome == sync::SyncOutcome::Updated);
  REQUIRE(w.publish(2) == 2);
  // Damage the kiosk's copy (as a disk error might): the delta no longer fits.
  {
    auto s = content::Store::open(kiosk + "/content.db", content::Store::Mode::ReadWrite);
    REQUIRE(s.ok());
  }
  std::string db = kiosk + "/content.db";
  {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h, "DELETE FROM phone WHERE service = 'legal-ep'", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);
  }
  auto r = sync_dir(kiosk, w.releases(), clock);
  INFO(r.message);
  CHECK(r.outcome == sync::SyncOutcome::Updated);
  CHECK_FALSE(r.used_delta);
  CHECK_THAT(r.message, Catch::Contains("delta failed"));
  CHECK(w.kiosk_content_hash(kiosk) == release_hash(w, 2));
}

TEST_CASE("mirrors are tried in order with backoff; a dead one does not stop the kiosk", "[engine]") {
  World w;
  FakeClock clock(w.now);
  REQUIRE(w.publish(1) == 1);
  std::string kiosk = w.new_kiosk();
  auto k = sync::KioskDir::open(kiosk);
  // Nothing listens on this port (bound and closed just now).
  auto dead = sync::make_http_transport("http://127.0.0.1:9/releases/", 2);
  faro::test::EvilMirror good(w.releases());
  auto alive = sync::make_http_transport(good.url());
  sync::SyncOptions o;
  o.attempts_per_source = 3;
  o.backoff_ms = 1000;
  auto r = sync::sync_once(*k, {dead.get(), alive.get()}, clock, o);
  INFO(r.message);
  CHECK(r.outcome == sync::SyncOutcome::Updated);
  CHECK(r.source == good.url());
  // Two waits before giving up on the dead mirror: 0.5-1 s, then 1-2 s.
  CHECK(clock.slept_ms >= 1500);
  CHECK(clock.slept_ms <= 3000);
  // All mirrors dead: a failure with every reason, and nothing changed.
  REQUIRE(w.publish(2) == 2);
  auto fail = sync::sync_once(*k, {dead.get()}, clock, o);
  CHECK(fail.outcome == sync::SyncOutcome::Failed);
  CHECK_THAT(fail.message, Catch::Contains("127.0.0.1:9"));
  CHECK(w.status(kiosk).release == 1);
  CHECK(w.status(kiosk).last_result == "failed");
  CHECK_FALSE(w.status(kiosk).last_error.empty());
}

TEST_CASE("a USB bundle carries the latest release through the same checks", "[engine][bundle]") {
  World w;
  FakeClock clock(w.now);
  REQUIRE(w.publish(1) == 1);
  REQUIRE(w.publish(2) == 2);
  std::string bundle = (w.dir / "stick.faro").string();
  REQUIRE(sync::write_bundle(w.releases(), bundle).ok());
  std::string kiosk = w.new_kiosk();
  auto k = sync::KioskDir::open(kiosk);
  auto t = sync::make_bundle_transport(bundle);
  REQUIRE(t.ok());
  auto r = sync::sync_once(*k, {t->get()}, clock);
  CHECK(r.outcome == sync::SyncOutcome::Updated);
  CHECK(w.kiosk_content_hash(kiosk) == release_hash(w, 2));
  // A damaged stick changes nothing.
  std::string bytes = faro::test::read_file(bundle);
  bytes[bytes.size() - 100] ^= 0x01;
  faro::test::write_file(bundle, bytes);
  std::string k2 = w.new_kiosk("k2");
  auto kd2 = sync::KioskDir::open(k2);
  auto t2 = sync::make_bundle_transport(bundle);
  REQUIRE(t2.ok());
  CHECK(sync::sync_once(*kd2, {t2->get()}, clock).outcome == sync::SyncOutcome::Failed);
  CHECK_FALSE(fs::exists(k2 + "/content.db"));
  CHECK_FALSE(sync::make_bundle_transport(faro::test::mini_tree().string() + "/topics.yaml").ok());
}

TEST_CASE("nginx serving releases/ works as a mirror", "[engine][nginx]") {
  REQUIRE(fs::exists(NGINX_BIN));  // installed by scripts/setup
  World w;
  FakeClock clock(w.now);
  REQUIRE(w.publish(1) == 1);
  // A free port: bind, read, close.
  int port = 0;
  {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    ::close(s);
  }
  std::string prefix = (w.dir / "nginx").string();
  fs::create_directories(prefix + "/logs");
  faro::test::write_file(prefix + "/nginx.conf",
                         "daemon off;\nworker_processes 1;\npid " + prefix + "/nginx.pid;\nerror_log " + prefix +
                             "/logs/error.log;\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n"
                             "  client_body_temp_path " + prefix + "/tmp;\n  proxy_temp_path " + prefix + "/tmp;\n"
                             "  fastcgi_temp_path " + prefix + "/tmp;\n  uwsgi_temp_path " + prefix + "/tmp;\n"
                             "  scgi_temp_path " + prefix + "/tmp;\n"
                             "  server {\n    listen 127.0.0.1:" + std::to_string(port) + ";\n    root " + w.releases() +
                             ";\n  }\n}\n");
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::execl(NGINX_BIN, "nginx", "-p", prefix.c_str(), "-c", (prefix + "/nginx.conf").c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  struct Reaper {
    pid_t pid;
    ~Reaper() {
      ::kill(pid, SIGTERM);
      ::waitpid(pid, nullptr, 0);
    }
  } reaper{pid};
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
  auto t = sync::make_http_transport(url, 5);
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    up = t->get("manifest.json", 1 << 20).ok();
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  INFO(faro::test::read_file(prefix + "/logs/error.log"));
  REQUIRE(up);
  std::string kiosk = w.new_kiosk();
  auto k = sync::KioskDir::open(kiosk);
  auto r = sync::sync_once(*k, {t.get()}, clock);
  INFO(r.message);
  CHECK(r.outcome == sync::SyncOutcome::Updated);
  REQUIRE(w.publish(2) == 2);
  auto d = sync::sync_once(*k, {t.get()}, clock);
  CHECK(d.outcome == sync::SyncOutcome::Updated);
  CHECK(d.used_delta);
  CHECK(w.kiosk_content_hash(kiosk) == release_hash(w, 2));
  // nginx answers Range requests: resuming from the middle works.
  auto m = sync::parse_manifest(faro::test::read_file(w.releases() + "/manifest.json"));
  std::string tail;
  REQUIRE(t->fetch(m->snapshot.path, 100, m->snapshot.size, [&](std::string_view c) {
               tail.append(c);
               return true;
             }).ok());
  CHECK(tail == faro::test::read_file(w.releases() + "/" + m->snapshot.path).substr(100));
}
