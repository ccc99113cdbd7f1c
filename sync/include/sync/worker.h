// SyncWorker: the sync engine on a background thread, as faro-kiosk runs it.
//
// It runs a pass at start, then every `interval_seconds`, when trigger() is
// called, and when a bundle file appears in the drop folder (a USB stick's
// mount point, say). It never blocks its caller: status() returns a copy of
// the latest state, guarded by a mutex; content_generation() increases each
// time a new release was installed, so the UI can reopen content.db at the
// start of its next frame.
//
// Thread-safety: every public method may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sync/kiosk.h"

namespace faro::sync {

struct WorkerOptions {
  std::string kiosk_dir;
  int64_t interval_seconds = 900;  // between passes over the network mirrors
  std::string drop_folder;         // watched for *.faro bundles; empty = none
  int64_t drop_poll_ms = 2000;
  bool heartbeat = true;
};

struct WorkerStatus {
  bool configured = false;  // a kiosk directory with at least one source
  bool running = false;     // a pass is in progress
  SyncReport last;          // the last finished pass
  int64_t last_finished = 0;
  KioskStatus kiosk;  // release, stale flag, last result ...
};

class SyncWorker {
 public:
  explicit SyncWorker(WorkerOptions opts);
  ~SyncWorker();  // stops and joins
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void start();
  void stop();
  void trigger();  // run a pass as soon as possible
  WorkerStatus status() const;
  uint64_t content_generation() const { return generation_.load(); }

 private:
  void loop();
  void run_pass(const std::string& bundle);

  WorkerOptions opts_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  WorkerStatus status_;    // guarded by mu_
  bool wake_ = false;      // guarded by mu_
  bool stopping_ = false;  // guarded by mu_
  std::atomic<uint64_t> generation_{0};
  std::thread thread_;
};

}  // namespace faro::sync
