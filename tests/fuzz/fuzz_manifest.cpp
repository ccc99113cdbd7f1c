// libFuzzer: the manifest and root parsers and signature checks must reject
// any input cleanly.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sync/crypto.h"
#include "sync/metadata.h"

namespace {
faro::sync::Root make_root() {
  (void)faro::sync::crypto::init();
  auto root = faro::sync::crypto::generate_keypair();
  auto release = faro::sync::crypto::generate_keypair();
  faro::sync::Root r;
  r.expires = "2030-01-01T00:00:00Z";
  r.keys[faro::sync::crypto::key_id(root.public_key)] = root.public_key;
  r.keys[faro::sync::crypto::key_id(release.public_key)] = release.public_key;
  r.root = {{faro::sync::crypto::key_id(root.public_key)}, 1};
  r.release = {{faro::sync::crypto::key_id(release.public_key)}, 1};
  (void)faro::sync::sign_root(r, {root.secret_key});
  return *faro::sync::parse_root(r.json);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const faro::sync::Root trusted = make_root();
  std::string text(reinterpret_cast<const char*>(data), size);
  auto m = faro::sync::parse_manifest(text);
  if (m) (void)faro::sync::verify_manifest(*m, trusted);
  auto r = faro::sync::parse_root(text);
  if (r) {
    (void)faro::sync::verify_initial_root(*r);
    (void)faro::sync::verify_next_root(*r, trusted);
  }
  return 0;
}
