// Versions of the sync formats, in one place (CONVENTIONS.md §10).
//
// kManifestFormat: the release manifest and root metadata JSON.
//   1  2026-11  first format: root (keys, roles, thresholds, scopes, expiry),
//               release manifest (snapshot, deltas, assets, content hash).
// kProtocolVersion: the hub's HTTP API (/api/v1/...).
//   1  2026-11  heartbeats, fleet, release push.
// kBundleFormat: USB bundle files.
//   1  2026-11  "FAROBNDL" + index + files.
#pragma once

namespace faro::sync {

inline constexpr int kManifestFormat = 1;
inline constexpr int kProtocolVersion = 1;
inline constexpr int kBundleFormat = 1;
inline constexpr const char* kAppVersion = "0.1.0";

// Hard caps on what a kiosk will read before verifying anything.
inline constexpr size_t kMaxManifestBytes = 1 << 20;  // 1 MiB
inline constexpr size_t kMaxRootBytes = 256 << 10;    // 256 KiB

}  // namespace faro::sync
