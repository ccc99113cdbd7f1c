// Signed metadata (TUF-inspired; DESIGN.md §4): the root of trust and the
// release manifest, their JSON form, signing and verification.
//
// Both are envelopes {"signed": {...}, "signatures": [{"keyid", "sig"}]};
// signatures are Ed25519 over the canonical JSON of "signed" (keys sorted,
// no spaces). Parsing checks structure only; verify_* check signatures,
// thresholds and versions. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.h"

namespace faro::sync {

struct RoleSpec {
  std::vector<std::string> keyids;
  int threshold = 1;
};

// The hub's online key: may sign directory-only releases for these centres.
struct DirectoryRole : RoleSpec {
  std::vector<std::string> centres;
};

struct Root {
  int version = 1;
  std::string expires;                      // ISO 8601 UTC, "2027-11-28T00:00:00Z"
  std::map<std::string, std::string> keys;  // key id -> raw Ed25519 public key
  RoleSpec root;                            // signs root versions
  RoleSpec release;                         // signs full-scope releases
  std::optional<DirectoryRole> directory;   // signs directory-only releases (optional)
  std::string json;                         // the signed envelope as published
};

struct FileRef {
  std::string path;    // relative to the releases/ folder: "objects/<sha256>.zst"
  uint64_t size = 0;   // bytes as served
  std::string sha256;  // of the bytes as served
};

struct AssetRef : FileRef {
  std::string name;  // file name the kiosk stores it under ("logo.png")
};

struct DeltaRef : FileRef {
  int64_t from = 0;  // release the delta applies to
};

// Digests of a content database split by scope: everything outside the
// directory ("outside": articles, UI strings, centres, emergency numbers,
// organizations, ...) and each centre's own services with their texts,
// phones, hours and locations. A directory-only release must leave the
// outside and every centre it does not name exactly as its parent had them.
struct ScopeDigests {
  std::string outside;
  std::map<std::string, std::string> centres;
  bool empty() const { return outside.empty(); }
};

struct Manifest {
  int64_t release = 0;  // strictly increasing
  std::string created;  // ISO 8601 UTC
  std::string expires;
  std::string content_hash;  // canonical hash of every content row
  int schema_version = 0;
  int root_version = 0;              // root version the release was signed under
  std::string scope = "full";        // "full" (release key) or "directory" (hub key)
  std::vector<std::string> centres;  // directory scope: the centres it may change
  ScopeDigests digests;              // full scope: of this release's content
  std::string parent_json;           // directory scope: the full release it builds on (signed envelope)
  FileRef snapshot;                  // zstd-compressed content database
  uint64_t snapshot_raw_size = 0;
  std::string snapshot_raw_sha256;
  std::vector<DeltaRef> deltas;  // zstd-compressed changesets from earlier releases
  std::vector<AssetRef> assets;
  std::string json;  // the signed envelope as published
};

// --- Root ------------------------------------------------------------------

Result<Root> parse_root(std::string_view json);

// Signs `root` (its version, expiry, keys and roles) with `secret_keys`
// (raw Ed25519 secret keys) and fills root.json.
Status sign_root(Root& root, const std::vector<std::string>& secret_keys);

// A first root, trusted on provisioning: must carry a threshold of
// signatures from its own root role.
Status verify_initial_root(const Root& root);

// The next root: version = trusted.version + 1, signed by a threshold of the
// trusted root's root keys AND a threshold of its own.
Status verify_next_root(const Root& candidate, const Root& trusted);

// --- Manifest ----------------------------------------------------------------

Result<Manifest> parse_manifest(std::string_view json);
Status sign_manifest(Manifest& m, const std::vector<std::string>& secret_keys);
// A full-scope manifest: signatures of the release role of `root`, with its
// threshold. A directory-scope manifest: signatures of the directory role,
// centres within the role's, and a parent that verifies as full scope, is
// older and carries digests. (What the release changes is checked after it
// is built: check_scope.)
Status verify_manifest(const Manifest& m, const Root& root);

// For a directory-scope manifest: `built` (the digests of the database it
// produced) may differ from its parent's only in the centres it names.
Status check_scope(const Manifest& m, const ScopeDigests& built);

// --- Time -----------------------------------------------------------------------

std::string format_time(int64_t unix_seconds);         // ISO 8601 UTC
Result<int64_t> parse_time(std::string_view iso8601);  // only the form format_time writes

}  // namespace faro::sync
