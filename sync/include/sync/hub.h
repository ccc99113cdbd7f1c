// The central hub: serves a store's releases/ (ETag, If-None-Match -> 304,
// HTTP Range) and a small API: signed kiosk heartbeats, the fleet table,
// device registration and remote publishing for operators (token needed).
// The hub verifies pushed releases against its root; it never holds a
// release key.
//
// Threading: Hub runs cpp-httplib's thread pool; handlers share the store
// through SQLite (serialised) and immutable files. stop() may be called
// from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "content/result.h"

namespace faro::sync {

struct HubOptions {
  std::string store_dir;
  std::string host = "127.0.0.1";
  int port = 0;                        // 0: pick a free port
  size_t max_body_bytes = 256u << 20;  // release objects pushed by operators
  size_t max_heartbeat_bytes = 16u << 10;
  size_t max_edit_batch_bytes = 2u << 20;
  // The hub's directory key (hex secret, from faro keys add-hub-key): lets
  // the hub publish directory-only releases of accepted staff edits.
  std::string hub_key_file;
  int publish_every_seconds = 0;  // with a hub key: publish accepted edits this often (0: on request only)
};

class Hub {
 public:
  explicit Hub(HubOptions opts);
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Binds the port; returns the port bound.
  Result<int> bind();
  // Serves until stop(); call after bind().
  void serve();
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The API paths for staff edits (all JSON):
//   POST /api/v1/edits               a kiosk's signed batch {signed: {kiosk, sent_at, edits, query}, signature}
//                                    -> {results: [{id, state, reason, release}]}
//   GET  /api/v1/edits[?state=S]     operator: every edit           (token)
//   GET  /api/v1/edits/ID            operator: one edit             (token)
//   POST /api/v1/edits/ID/accept     operator: {by}                 (token)
//   POST /api/v1/edits/ID/reject     operator: {by, reason}         (token)
//   POST /api/v1/edits/publish       operator: a directory release now (token, hub key)
//   POST /api/v1/policy              operator: {centre, mode: auto|review} (token)
//   POST /api/v1/staff-locks         operator: {centre, staff, locked} (token)

// Device registry (in the store): kiosks whose heartbeats and edits the hub accepts.
Status register_device(const std::string& store_dir, const std::string& device_id, const std::string& public_key_hex,
                       const std::string& centre);

struct FleetRow {
  std::string kiosk_id, centre, last_seen, app_version, last_result, last_error;
  int64_t release = 0;
  bool stale = false;
  uint64_t free_disk = 0;
};
Result<std::vector<FleetRow>> read_fleet(const std::string& store_dir);
// Parses the hub's /api/v1/fleet JSON.
Result<std::vector<FleetRow>> parse_fleet(const std::string& json);

}  // namespace faro::sync
