// Root and manifest metadata: signing, verification, thresholds, parsing.
#include <catch2/catch.hpp>

#include "sync/crypto.h"
#include "sync/metadata.h"

using namespace faro::sync;

namespace {

struct Keys {
  crypto::KeyPair root = crypto::generate_keypair();
  crypto::KeyPair release = crypto::generate_keypair();
  Root make_root(int version = 1) {
    Root r;
    r.version = version;
    r.expires = "2030-01-01T00:00:00Z";
    r.keys[crypto::key_id(root.public_key)] = root.public_key;
    r.keys[crypto::key_id(release.public_key)] = release.public_key;
    r.root = {{crypto::key_id(root.public_key)}, 1};
    r.release = {{crypto::key_id(release.public_key)}, 1};
    REQUIRE(sign_root(r, {root.secret_key}).ok());
    return *parse_root(r.json);
  }
  Manifest make_manifest(int64_t number = 1) {
    Manifest m;
    m.release = number;
    m.created = "2026-11-30T00:00:00Z";
    m.expires = "2026-12-30T00:00:00Z";
    m.content_hash = std::string(64, '1');
    m.schema_version = 1;
    m.root_version = 1;
    m.snapshot = {"objects/" + std::string(64, 'a') + ".zst", 1234, std::string(64, 'a')};
    m.snapshot_raw_size = 5000;
    m.snapshot_raw_sha256 = std::string(64, 'b');
    REQUIRE(sign_manifest(m, {release.secret_key}).ok());
    return *parse_manifest(m.json);
  }
};

}  // namespace

TEST_CASE("crypto basics", "[crypto]") {
  REQUIRE(crypto::init().ok());
  CHECK(crypto::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(*crypto::from_hex(crypto::to_hex("\x01\xff")) == "\x01\xff");
  CHECK_FALSE(crypto::from_hex("abc").ok());
  CHECK_FALSE(crypto::from_hex("zz").ok());
  auto kp = crypto::generate_keypair();
  auto sig = crypto::sign("hello", kp.secret_key);
  CHECK(crypto::verify("hello", sig, kp.public_key));
  CHECK_FALSE(crypto::verify("hellO", sig, kp.public_key));
  CHECK_FALSE(crypto::verify("hello", sig.substr(1), kp.public_key));
}

TEST_CASE("a self-signed root verifies; changing it breaks the signature", "[metadata]") {
  REQUIRE(crypto::init().ok());
  Keys k;
  Root r = k.make_root();
  CHECK(verify_initial_root(r).ok());
  std::string tampered = r.json;
  tampered.replace(tampered.find("2030"), 4, "2099");
  auto t = parse_root(tampered);
  REQUIRE(t.ok());
  CHECK_FALSE(verify_initial_root(*t).ok());
}

TEST_CASE("the next root needs the old root keys and its own", "[metadata][rotation]") {
  REQUIRE(crypto::init().ok());
  Keys k;
  Root v1 = k.make_root();
  auto new_root = crypto::generate_keypair();
  Root v2 = v1;
  v2.version = 2;
  v2.keys.erase(crypto::key_id(k.root.public_key));
  v2.keys[crypto::key_id(new_root.public_key)] = new_root.public_key;
  v2.root = {{crypto::key_id(new_root.public_key)}, 1};

  REQUIRE(sign_root(v2, {k.root.secret_key, new_root.secret_key}).ok());
  CHECK(verify_next_root(*parse_root(v2.json), v1).ok());
  REQUIRE(sign_root(v2, {new_root.secret_key}).ok());  // old key missing
  CHECK_FALSE(verify_next_root(*parse_root(v2.json), v1).ok());
  REQUIRE(sign_root(v2, {k.root.secret_key}).ok());  // its own key missing
  CHECK_FALSE(verify_next_root(*parse_root(v2.json), v1).ok());
  Root v3 = v2;
  v3.version = 3;
  REQUIRE(sign_root(v3, {k.root.secret_key, new_root.secret_key}).ok());
  CHECK_FALSE(verify_next_root(*parse_root(v3.json), v1).ok());  // skips v2
}

TEST_CASE("a manifest verifies against the release role only", "[metadata]") {
  REQUIRE(crypto::init().ok());
  Keys k;
  Root r = k.make_root();
  Manifest m = k.make_manifest();
  CHECK(verify_manifest(m, r).ok());
  // Signed by the root key instead of the release key: refused.
  Manifest by_root = m;
  REQUIRE(sign_manifest(by_root, {k.root.secret_key}).ok());
  CHECK_FALSE(verify_manifest(*parse_manifest(by_root.json), r).ok());
  // Two signatures by the same key do not make a threshold of two.
  Root r2 = r;
  r2.release.threshold = 2;
  Manifest twice = m;
  REQUIRE(sign_manifest(twice, {k.release.secret_key, k.release.secret_key}).ok());
  CHECK_FALSE(verify_manifest(*parse_manifest(twice.json), r2).ok());
}

TEST_CASE("manifest parsing rejects malformed documents with a reason", "[metadata]") {
  REQUIRE(crypto::init().ok());
  Keys k;
  Manifest m = k.make_manifest();
  CHECK(parse_manifest(m.json).ok());
  CHECK_FALSE(parse_manifest("").ok());
  CHECK_FALSE(parse_manifest("[]").ok());
  CHECK_FALSE(parse_manifest("{\"signed\": {}, \"signatures\": []}").ok());
  std::string bad_path = m.json;
  bad_path.replace(bad_path.find("objects/"), 8, "../../../");
  auto r = parse_manifest(bad_path);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains("bad path"));
  CHECK_FALSE(parse_manifest(std::string(2 << 20, ' ') + m.json).ok());  // over the cap
}

TEST_CASE("times round-trip in ISO 8601", "[metadata]") {
  CHECK(format_time(1795996800) == "2026-11-30T00:00:00Z");
  CHECK(*parse_time("2026-11-30T00:00:00Z") == 1795996800);
  CHECK_FALSE(parse_time("2026-11-30").ok());
  CHECK_FALSE(parse_time("2026-11-30T00:00:00+01:00").ok());
}
