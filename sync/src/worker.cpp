#include "sync/worker.h"

#include <filesystem>
#include <set>

#include "sync/outbox.h"

namespace fs = std::filesystem;

namespace faro::sync {

SyncWorker::SyncWorker(WorkerOptions opts) : opts_(std::move(opts)) {}

SyncWorker::~SyncWorker() {
  stop();
}

void SyncWorker::start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  wake_ = true;
  thread_ = std::thread([this] { loop(); });
}

void SyncWorker::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::trigger() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = true;
  }
  cv_.notify_all();
}

WorkerStatus SyncWorker::status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return status_;
}

void SyncWorker::run_pass(const std::string& bundle) {
  auto kiosk = KioskDir::open(opts_.kiosk_dir);
  if (!kiosk) {
    std::lock_guard<std::mutex> lock(mu_);
    status_.configured = false;
    status_.last.message = kiosk.error().message;
    return;
  }
  auto before = kiosk->status(system_clock().now());
  std::vector<std::unique_ptr<Transport>> owned;
  if (!bundle.empty()) {
    auto t = make_bundle_transport(bundle);
    if (t) owned.push_back(std::move(*t));
  } else if (before) {
    for (const auto& m : before->mirrors) owned.push_back(make_http_transport(m));
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    status_.configured = !owned.empty() || !opts_.drop_folder.empty();
    if (before) status_.kiosk = *before;
    if (owned.empty()) return;
    status_.running = true;
  }
  std::vector<Transport*> sources;
  for (auto& t : owned) sources.push_back(t.get());
  std::unique_ptr<Transport> hub;
  if (bundle.empty() && before && !before->hub.empty()) {
    std::string base = before->hub;
    if (base.back() != '/') base += '/';
    hub = make_http_transport(base + "releases/", 10);
  }
  // Staff edits go up before the sync (the hub may already have released
  // some), and their answers are asked for again after it.
  if (hub) (void)exchange_edits(*kiosk, *hub, system_clock());  // best effort; the outbox keeps them
  SyncReport report = sync_once(*kiosk, sources, system_clock());
  if (hub) {
    (void)exchange_edits(*kiosk, *hub, system_clock());
    if (opts_.heartbeat) (void)send_heartbeat(*kiosk, *hub, system_clock());  // best effort; the next pass retries
  }
  Outbox outbox(*kiosk);
  (void)outbox.clear_released();
  auto rebuilt = outbox.refresh_view();
  auto after = kiosk->status(system_clock().now());
  std::lock_guard<std::mutex> lock(mu_);
  status_.running = false;
  status_.last = report;
  status_.last_finished = system_clock().now();
  if (after) status_.kiosk = *after;
  // Bumped last, under the lock: whoever sees the new generation sees its status.
  if (report.outcome == SyncOutcome::Updated || (rebuilt && *rebuilt)) generation_.fetch_add(1);
}

void SyncWorker::loop() {
  std::set<std::string> seen_bundles;  // by path + size + mtime
  int64_t next_network = 0;
  for (;;) {
    std::string bundle;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(opts_.drop_poll_ms), [this] { return wake_ || stopping_; });
      if (stopping_) return;
    }
    // A new bundle in the drop folder?
    if (!opts_.drop_folder.empty()) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(opts_.drop_folder, ec)) {
        if (e.path().extension() != ".faro" || !e.is_regular_file(ec)) continue;
        std::string key = e.path().string() + ":" + std::to_string(e.file_size(ec)) + ":" +
                          std::to_string(e.last_write_time(ec).time_since_epoch().count());
        if (seen_bundles.insert(key).second) {
          bundle = e.path().string();
          break;
        }
      }
    }
    bool network_due = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      network_due = wake_ || system_clock().now() >= next_network;
      wake_ = false;
    }
    if (!bundle.empty()) run_pass(bundle);
    if (network_due) {
      run_pass("");
      next_network = system_clock().now() + opts_.interval_seconds;
    }
  }
}

}  // namespace faro::sync
