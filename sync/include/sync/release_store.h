// The operator's keys and the central release store.
//
// KEYDIR holds private keys (files readable only by their owner) and the
// signed root metadata; STORE holds the releases (immutable files under
// STORE/releases/, servable by any static HTTP server) and the hub's
// database (STORE/store.db: releases, devices, tokens, heartbeats).
//
// Publishing validates the content source, builds the database, computes
// its content hash, writes a zstd snapshot, deltas from the last releases
// and the assets, all content-addressed, then a signed manifest. Nothing new
// means no release. Not thread-safe: one publisher at a time per store.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "content/result.h"
#include "sync/metadata.h"

namespace faro::sync {

struct KeysInitResult {
  std::string root_json;  // signed root v1
  std::string root_key_id;
};

// Creates KEYDIR with a root key and a release key (0600 files) and a signed
// root v1 (KEYDIR/root.json, history in KEYDIR/roots/1.root.json).
Result<KeysInitResult> init_keys(const std::string& keydir, int64_t now, int root_valid_days = 365);

struct RotateOptions {
  bool new_root_key = true;
  bool new_release_key = false;
  // A new hub (directory) key for these centres, replacing any earlier one;
  // its secret is written to KEYDIR/hub-<id>.key for the hub's machine.
  std::vector<std::string> hub_centres;
  int root_valid_days = 365;
};
// Signs root version N+1 with the old root key(s) and the new ones; writes
// KEYDIR/root.json and KEYDIR/roots/N+1.root.json. Returns the new root.
Result<Root> rotate_root(const std::string& keydir, const RotateOptions& opts, int64_t now);

// The current root in KEYDIR.
Result<Root> load_keydir_root(const std::string& keydir);

struct PublishOptions {
  // Called on the built database before it is hashed and signed (the hub's
  // accepted staff edits are laid over the operator's source here).
  std::function<Status(const std::string& db_path)> amend;
  int expires_days = 30;
  int max_deltas = 5;  // deltas from this many earlier releases
  int64_t now = 0;     // unix seconds (injected clock)
};

struct PublishResult {
  bool published = false;  // false: content unchanged, no release made
  int64_t release = 0;     // the new (or the unchanged latest) release
  std::string content_hash;
  std::vector<std::string> diagnostics;  // validation problems ("path:line: message")
};

class ReleaseStore {
 public:
  // Creates STORE trusting `root_json` (self-signed root v1 or a chain's
  // latest, given with all earlier versions in `root_chain`).
  static Status init(const std::string& store_dir, const std::vector<std::string>& root_chain);
  static Result<ReleaseStore> open(const std::string& store_dir);

  const std::string& dir() const { return dir_; }
  std::string releases_dir() const;

  // Latest root and manifest in the store (NotFound: no release yet).
  Result<Root> root() const;
  Result<Manifest> latest() const;

  Result<PublishResult> publish(const std::string& content_src, const std::string& keydir, const PublishOptions& opts);
  // A directory-only release of the database at `db_path` (the latest
  // release with accepted staff edits), signed with the hub's directory key;
  // its parent is the latest operator release. Nothing changed: no release.
  Result<PublishResult> publish_directory(const std::string& db_path, const std::string& hub_secret_key,
                                          const PublishOptions& opts);
  // The database of a release kept by the store (work/N.db).
  std::string release_db(int64_t release) const;

  // Adds a root version made elsewhere (verified against the store's root).
  Status add_root(const std::string& root_json);
  // Adds a release built and signed elsewhere (remote publishing): the
  // manifest must verify against the store's root, be newer than the latest,
  // and every file it names must already be in objects/ with its size and
  // hash.
  Status add_release(const std::string& manifest_json);
  // Stores a content-addressed object pushed by an operator (name = sha256
  // of the bytes, with an optional extension).
  Status add_object(const std::string& name, const std::string& bytes);

  // Makes a new operator token (printed once; only its hash is kept).
  Result<std::string> new_token(const std::string& label);
  bool check_token(const std::string& token) const;

 private:
  explicit ReleaseStore(std::string dir) : dir_(std::move(dir)) {}
  struct Signing {
    std::vector<std::string> keys;
    std::string scope = "full";
    std::vector<std::string> centres;
    std::string parent_json;
    std::vector<AssetRef> assets;
    std::string assets_dir;
  };
  Result<PublishResult> publish_built(const std::string& tmp_db, const Signing& signing, const PublishOptions& opts,
                                      int64_t now, const Root& root);
  std::string dir_;
};

// A secret key file written by init_keys / rotate_root (hex, 0600).
Result<std::string> read_secret_key(const std::string& path);

// Writes bytes to `path` through a temporary file, fsync and rename.
Status write_file_atomic(const std::string& path, const std::string& bytes, int mode = 0644);
Result<std::string> read_file(const std::string& path, size_t max_bytes = SIZE_MAX);

}  // namespace faro::sync
