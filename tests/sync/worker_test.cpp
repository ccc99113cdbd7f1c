// The background sync worker: passes off the caller's thread, drop folder.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "sync/transport.h"
#include "sync/worker.h"
#include "world.h"

using namespace faro;
using faro::test::World;

namespace {
template <typename F>
bool eventually(F f, int ms = 15000) {
  for (int i = 0; i < ms / 20; ++i) {
    if (f()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}
}  // namespace

TEST_CASE("the worker installs a bundle dropped in its folder", "[worker]") {
  World w;
  REQUIRE(w.publish(1) == 1);
  std::string kiosk = w.new_kiosk();
  std::string drop = (w.dir / "usb").string();
  std::filesystem::create_directories(drop);
  sync::WorkerOptions o;
  o.kiosk_dir = kiosk;
  o.drop_folder = drop;
  o.drop_poll_ms = 20;
  o.heartbeat = false;
  sync::SyncWorker worker(o);
  worker.start();
  CHECK(worker.content_generation() == 0);
  REQUIRE(sync::write_bundle(w.releases(), drop + "/release.faro").ok());
  REQUIRE(eventually([&] { return worker.content_generation() == 1; }));
  auto st = worker.status();
  CHECK(st.kiosk.release == 1);
  CHECK(st.last.outcome == sync::SyncOutcome::Updated);
  CHECK_FALSE(st.running);
  worker.stop();
}

TEST_CASE("the worker syncs from its mirrors when triggered", "[worker]") {
  World w;
  REQUIRE(w.publish(1) == 1);
  faro::test::HubThread hub(w.store);
  std::string kiosk = (w.dir / "kiosk").string();
  sync::KioskInit init;
  init.root_chain = {faro::test::read_file(w.releases() + "/root/1.root.json")};
  init.mirrors = {hub.releases_url()};
  REQUIRE(sync::KioskDir::init(kiosk, init).ok());
  sync::WorkerOptions o;
  o.kiosk_dir = kiosk;
  o.interval_seconds = 3600;
  o.drop_poll_ms = 20;
  o.heartbeat = false;
  sync::SyncWorker worker(o);
  worker.start();
  REQUIRE(eventually([&] { return worker.content_generation() == 1; }));
  CHECK(worker.status().configured);
  REQUIRE(w.publish(2) == 2);
  worker.trigger();
  REQUIRE(eventually([&] { return worker.content_generation() == 2; }));
  CHECK(worker.status().kiosk.release == 2);
}
