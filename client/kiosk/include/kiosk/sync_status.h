// SyncStatus: what the kiosk's status strip shows about content freshness.
//
// The UI polls state() once a frame; implementations must return quickly
// and never block on a sync pass. Three implementations:
//   NoSyncStatus      "no sync configured" (development, --db FILE); may
//                     still report the content's build date
//   WorkerSyncStatus  an adapter over sync::SyncWorker (thread-safe status())
// Threads: state() is called on the UI thread only.
#pragma once

#include <string>

namespace faro::sync {
class SyncWorker;
}

namespace faro::kiosk {

struct SyncState {
  bool configured = false;   // a sync source exists
  bool running = false;      // a pass is in progress
  bool failed = false;       // the last pass failed
  bool stale = false;        // content may be out of date
  std::string release_date;  // YYYY-MM-DD of the content shown; empty if unknown
};

class SyncStatus {
 public:
  virtual ~SyncStatus() = default;
  virtual SyncState state() const = 0;
};

// No sync configured. `release_date` is the content's own date (build time).
class NoSyncStatus : public SyncStatus {
 public:
  explicit NoSyncStatus(std::string release_date = {}) : date_(std::move(release_date)) {}
  SyncState state() const override;

 private:
  std::string date_;
};

// Reads a running SyncWorker (which must outlive this adapter).
class WorkerSyncStatus : public SyncStatus {
 public:
  explicit WorkerSyncStatus(const sync::SyncWorker& worker) : worker_(worker) {}
  SyncState state() const override;

 private:
  const sync::SyncWorker& worker_;
};

// "2026-03-01T10:00:00Z" or unix seconds as text -> "2026-03-01"; "" if neither.
std::string iso_date_of(const std::string& timestamp);

}  // namespace faro::kiosk
