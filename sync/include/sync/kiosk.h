// A kiosk directory and the sync engine that keeps it current.
//
// KIOSK/
//   kiosk.db      state: pinned roots, release, content hash, trusted time,
//                 last sync result, mirrors (and, later, the edit outbox)
//   content.db    exactly one verified release (absent before the first sync)
//   device.key    the kiosk's Ed25519 key (0600); its id names the kiosk
//   staging/      downloads in progress (resumable), never read by the UI
//   assets/       verified release assets
//
// Every sync pass verifies what it fetches against the pinned root
// (DESIGN.md §4) and replaces content.db atomically, so a power cut leaves
// the old release or the new one, never a mix. One pass at a time per kiosk
// (a lock file enforces it); the UI only ever opens content.db read-only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "content/result.h"
#include "sync/metadata.h"
#include "sync/transport.h"

namespace faro::sync {

// Time, injected so tests can move it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now() = 0;  // unix seconds
  virtual void sleep_ms(int64_t ms) = 0;
};
Clock& system_clock();

struct KioskInit {
  std::vector<std::string> root_chain;  // root versions 1..N as JSON; N is pinned
  std::vector<std::string> mirrors;     // release URLs, tried in order
  std::string hub;                      // hub base URL for heartbeats (may be empty)
  std::string centre;
};

struct KioskStatus {
  std::string kiosk_id;
  std::string centre;
  int64_t release = 0;  // 0: no content yet
  std::string content_hash;
  std::string release_created;  // ISO 8601 of the installed release
  std::string release_expires;
  bool stale = false;  // the newest manifest seen had expired, or ours has
  int root_version = 0;
  int64_t trusted_time = 0;
  std::string last_sync_at;  // ISO 8601; empty if never
  std::string last_result;   // "updated" | "up-to-date" | "stale" | "failed" | ""
  std::string last_error;
  std::vector<std::string> mirrors;
  std::string hub;
  int pending_edits = 0;  // staff edits not yet in an installed release
};

class KioskDir {
 public:
  static Status init(const std::string& dir, const KioskInit& init);
  static Result<KioskDir> open(const std::string& dir);

  const std::string& dir() const { return dir_; }
  std::string content_db() const;
  std::string kiosk_db() const;
  std::string device_public_key() const;  // raw
  // Ed25519 signature (raw, 64 bytes) of `message` with the device key.
  Result<std::string> sign(std::string_view message) const;
  Result<KioskStatus> status(int64_t now) const;

 private:
  explicit KioskDir(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

struct SyncOptions {
  int attempts_per_source = 3;  // tries per mirror for transient errors
  int64_t backoff_ms = 500;     // first retry delay; doubles, with jitter
  int64_t max_backoff_ms = 30000;
  // Test hook: called with a step name at each point of the apply sequence.
  std::function<void(const char*)> on_step;
};

enum class SyncOutcome { Updated, UpToDate, Stale, Failed };
const char* to_string(SyncOutcome);

struct SyncReport {
  SyncOutcome outcome = SyncOutcome::Failed;
  int64_t release = 0;       // installed release after the pass
  int64_t from_release = 0;  // before the pass
  bool used_delta = false;
  uint64_t bytes_downloaded = 0;
  std::string source;   // the mirror that answered
  std::string message;  // why it failed, or what happened
};

// One sync pass over `sources` in order (the first that yields a verified
// answer wins). Never throws; a failed pass leaves content.db untouched and
// records the reason in kiosk.db.
SyncReport sync_once(KioskDir& kiosk, const std::vector<Transport*>& sources, Clock& clock,
                     const SyncOptions& opts = {});

// Sends a signed heartbeat (kiosk id, release, app version, last sync result
// and error, stale flag, free disk) to the hub.
Status send_heartbeat(KioskDir& kiosk, Transport& hub, Clock& clock);

}  // namespace faro::sync
