// Sync test support: a complete little world on loopback. Keys, a release
// store with releases built from the mini fixture tree (and variants of it),
// the hub serving it, an "evil mirror" that serves whatever a test puts in
// its folder (and can misbehave), and kiosk directories.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/fixtures.h"
#include "sync/hub.h"
#include "sync/kiosk.h"
#include "sync/release_store.h"

namespace faro::test {

// A clock tests move by hand; sleeps only advance it.
class FakeClock : public sync::Clock {
 public:
  explicit FakeClock(int64_t t) : t_(t) {}
  int64_t now() override { return t_; }
  void sleep_ms(int64_t ms) override {
    slept_ms += ms;
    t_ += ms / 1000;
  }
  void advance(int64_t seconds) { t_ += seconds; }
  int64_t slept_ms = 0;

 private:
  int64_t t_;
};

// The hub on a free loopback port, serving on a background thread.
class HubThread {
 public:
  explicit HubThread(const std::string& store_dir, const std::string& hub_key_file = "");
  ~HubThread();
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string releases_url() const { return base() + "/releases/"; }

 private:
  std::unique_ptr<sync::Hub> hub_;
  std::thread thread_;
  int port_ = 0;
};

// A static HTTP mirror over a folder the test controls. Supports Range.
// `cut_after` > 0 drops the connection after that many body bytes of any
// object; `extra_bytes` appends garbage to every object (endless data).
class EvilMirror {
 public:
  explicit EvilMirror(std::string dir);
  ~EvilMirror();
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
  std::atomic<uint64_t> cut_after{0};
  std::atomic<uint64_t> extra_bytes{0};
  std::atomic<uint64_t> bytes_served{0};  // object bytes only
  std::atomic<int> requests{0};

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  int port_ = 0;
};

// Keys + store with releases. Each publish() call builds a variant of the
// mini tree: `variant` changes one service's phone number, so every variant
// is a distinct release.
class World {
 public:
  World();
  TempDir dir;
  std::string keys, store;
  int64_t now;  // the world's "today" (unix seconds)

  // Publishes a variant of the mini tree; returns the release number.
  int64_t publish(int variant, int expires_days = 30);
  // A fresh kiosk trusting the store's root v1, with no mirrors.
  std::string new_kiosk(const std::string& name = "kiosk");
  // A kiosk at `centre`, registered with the store, syncing from `hub_base`
  // (its releases/ as the mirror and its API for edits).
  std::string new_centre_kiosk(const std::string& name, const std::string& centre, const std::string& hub_base);
  // Signs root v(N+1) with a hub (directory) key for `centres`, adds it to
  // the store; returns the hub key file.
  std::string add_hub_key(const std::vector<std::string>& centres);
  sync::KioskStatus status(const std::string& kiosk);
  std::string releases() const { return store + "/releases"; }
  // Content hash of the kiosk's content.db (empty if none).
  std::string kiosk_content_hash(const std::string& kiosk);

 private:
  std::string src_;
};

// Copies a folder tree (overwriting).
void copy_dir(const std::string& from, const std::string& to);

}  // namespace faro::test
