// Where release files come from: an HTTP(S) mirror (the hub, nginx, a CDN),
// a local folder (a mounted USB stick holding releases/), or a bundle file.
// All are untrusted: the sync engine verifies everything they return.
//
// Paths are relative to the releases folder ("manifest.json",
// "objects/<sha256>.zst"). A Transport is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "content/result.h"

namespace faro::sync {

class Transport {
 public:
  virtual ~Transport() = default;
  // Human-readable origin for messages and logs.
  virtual std::string describe() const = 0;

  // Streams `path` from byte `offset` to `sink` (which returns false to
  // stop). Fails with NotFound when the file does not exist, Invalid when it
  // holds more than `max_total` bytes (counting from byte 0), Io for network
  // or disk trouble (worth retrying).
  virtual Status fetch(const std::string& path, uint64_t offset, uint64_t max_total,
                       const std::function<bool(std::string_view)>& sink) = 0;

  // POSTs a body to an API path ("api/v1/heartbeat"); only HTTP supports it.
  virtual Result<std::string> post(const std::string& path, const std::string& body);

  // A whole small file, at most `max_bytes`.
  Result<std::string> get(const std::string& path, size_t max_bytes);
};

// libcurl; `base_url` like "http://127.0.0.1:8080/releases/". Resumes with
// HTTP Range; a server that ignores Range is handled by skipping.
std::unique_ptr<Transport> make_http_transport(const std::string& base_url, int timeout_seconds = 30);
// A folder that holds the files (a store's releases/ or a mounted stick).
std::unique_ptr<Transport> make_dir_transport(const std::string& dir);
// A bundle file written by `faro bundle export`. Fails if it is not one.
Result<std::unique_ptr<Transport>> make_bundle_transport(const std::string& file);

// Picks the transport for a `--from` argument: http(s) URL, folder, or file.
Result<std::unique_ptr<Transport>> make_transport_for(const std::string& source);

// Writes a bundle with the latest release of the store at `releases_dir`:
// every root version, the manifest, the snapshot and the assets.
Status write_bundle(const std::string& releases_dir, const std::string& out_file);

}  // namespace faro::sync

namespace faro::sync {

// One HTTP request with an optional operator token (Authorization: Bearer).
// Returns the body of a 2xx answer; otherwise an error with the status and
// the hub's reason.
Result<std::string> http_request(const std::string& method, const std::string& url, const std::string& token,
                                 const std::string& body = "", const std::string& content_type = "application/json");

// Uploads release `release` of a local store to a remote hub: root
// versions, every object the manifest names, then the manifest. The hub
// verifies it all against its own root.
Status push_release(const std::string& store_dir, int64_t release, const std::string& hub_url,
                    const std::string& token);

}  // namespace faro::sync
