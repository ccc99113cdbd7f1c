// The attack table of DESIGN.md §4, each performed over loopback against a
// kiosk: the kiosk must keep its release and content hash (or, for freeze,
// flag stale).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <random>

#include "sync/crypto.h"
#include "sync/metadata.h"
#include "sync/transport.h"
#include "world.h"

namespace fs = std::filesystem;
using namespace faro;
using faro::test::EvilMirror;
using faro::test::FakeClock;
using faro::test::World;
using json = nlohmann::json;

namespace {

sync::SyncReport sync_from(const std::string& kiosk, const std::string& source, sync::Clock& clock) {
  auto k = sync::KioskDir::open(kiosk);
  REQUIRE(k.ok());
  auto t = sync::make_transport_for(source);
  REQUIRE(t.ok());
  sync::SyncOptions o;
  o.attempts_per_source = 1;
  return sync::sync_once(*k, {t->get()}, clock, o);
}

// A kiosk at release 1, a store with release 2 waiting, and an attacker's
// copy of the store (a compromised hub or mirror), served by the real hub
// over loopback.
struct Scene {
  World w;
  FakeClock clock{0};
  std::string kiosk;
  std::string evil_store;
  std::string evil;  // evil_store/releases
  std::string hash1;
  Scene() {
    clock = FakeClock(w.now);
    REQUIRE(w.publish(1) == 1);
    kiosk = w.new_kiosk();
    auto r = sync_from(kiosk, w.releases(), clock);
    REQUIRE(r.outcome == sync::SyncOutcome::Updated);
    hash1 = w.kiosk_content_hash(kiosk);
    REQUIRE(w.publish(2) == 2);
    evil_store = (w.dir / "evil-store").string();
    faro::test::copy_dir(w.store, evil_store);
    evil = evil_store + "/releases";
  }
  json manifest() { return json::parse(faro::test::read_file(evil + "/manifest.json")); }
  void set_manifest(const json& j) { faro::test::write_file(evil + "/manifest.json", j.dump(2)); }
  sync::Manifest parsed(int release) {
    auto m = sync::parse_manifest(faro::test::read_file(w.releases() + "/manifests/" + std::to_string(release) + ".json"));
    REQUIRE(m.ok());
    return *m;
  }
  void flip_byte(const std::string& rel_path, size_t at = 100) {
    std::string p = evil + "/" + rel_path;
    std::string b = faro::test::read_file(p);
    REQUIRE(b.size() > at);
    b[at] = static_cast<char>(b[at] ^ 0x5a);
    faro::test::write_file(p, b);
  }
  // The attack failed to change anything.
  void expect_unchanged(const sync::SyncReport& r) {
    INFO(r.message);
    CHECK(r.outcome == sync::SyncOutcome::Failed);
    CHECK(w.status(kiosk).release == 1);
    CHECK(w.status(kiosk).content_hash == hash1);
    CHECK(w.kiosk_content_hash(kiosk) == hash1);
  }
  sync::SyncReport attack() {
    faro::test::HubThread hub(evil_store);
    return sync_from(kiosk, hub.releases_url(), clock);
  }
};

}  // namespace

TEST_CASE("attack: a tampered manifest is rejected", "[attack]") {
  Scene s;
  json m = s.manifest();
  m["signed"]["content_hash"] = std::string(64, 'a');
  s.set_manifest(m);
  auto r = s.attack();
  s.expect_unchanged(r);
  CHECK_THAT(r.message, Catch::Contains("valid release signatures"));
}

TEST_CASE("attack: an unsigned manifest is rejected", "[attack]") {
  Scene s;
  json m = s.manifest();
  m["signatures"] = json::array();
  s.set_manifest(m);
  s.expect_unchanged(s.attack());
}

TEST_CASE("attack: a manifest signed by a key the root does not list is rejected", "[attack]") {
  Scene s;
  auto m = s.parsed(2);
  auto evil_key = sync::crypto::generate_keypair();
  REQUIRE(sync::sign_manifest(m, {evil_key.secret_key}).ok());
  faro::test::write_file(s.evil + "/manifest.json", m.json);
  s.expect_unchanged(s.attack());
}

TEST_CASE("attack: signatures below the threshold are rejected", "[attack]") {
  Scene s;
  // Root v2 asks for two release signatures; the attacker holds only one of the keys.
  auto root1 = sync::parse_root(faro::test::read_file(s.w.releases() + "/root/1.root.json"));
  REQUIRE(root1.ok());
  std::string root_secret;
  for (const auto& e : fs::directory_iterator(s.w.keys))
    if (e.path().filename().string().rfind("root-", 0) == 0)
      root_secret = *sync::crypto::from_hex(faro::test::read_file(e.path()).substr(0, 128));
  auto k1 = sync::crypto::generate_keypair(), k2 = sync::crypto::generate_keypair();
  sync::Root v2 = *root1;
  v2.version = 2;
  v2.keys[sync::crypto::key_id(k1.public_key)] = k1.public_key;
  v2.keys[sync::crypto::key_id(k2.public_key)] = k2.public_key;
  v2.release = {{sync::crypto::key_id(k1.public_key), sync::crypto::key_id(k2.public_key)}, 2};
  REQUIRE(sync::sign_root(v2, {root_secret}).ok());
  faro::test::write_file(s.evil + "/root/2.root.json", v2.json);
  auto m = s.parsed(2);
  m.root_version = 2;
  REQUIRE(sync::sign_manifest(m, {k1.secret_key}).ok());
  faro::test::write_file(s.evil + "/manifest.json", m.json);
  auto r = s.attack();
  s.expect_unchanged(r);
  CHECK_THAT(r.message, Catch::Contains("1 valid release signatures, 2 needed"));
  // With both signatures the same release is accepted: the threshold, not the root, stopped it.
  REQUIRE(sync::sign_manifest(m, {k1.secret_key, k2.secret_key}).ok());
  faro::test::write_file(s.evil + "/manifest.json", m.json);
  auto ok = s.attack();
  INFO(ok.message);
  CHECK(ok.outcome == sync::SyncOutcome::Updated);
  CHECK(s.w.status(s.kiosk).root_version == 2);
}

TEST_CASE("attack: a tampered snapshot is rejected on hash", "[attack]") {
  Scene s;
  s.flip_byte(s.parsed(2).snapshot.path);
  for (const auto& d : s.parsed(2).deltas) s.flip_byte(d.path, 10);
  auto r = s.attack();
  s.expect_unchanged(r);
  CHECK_THAT(r.message, Catch::Contains("hash does not match"));
  // A kiosk with no content gets none.
  std::string fresh = s.w.new_kiosk("fresh");
  EvilMirror mirror(s.evil);
  auto r2 = sync_from(fresh, mirror.url(), s.clock);
  CHECK(r2.outcome == sync::SyncOutcome::Failed);
  CHECK_FALSE(fs::exists(fresh + "/content.db"));
}

TEST_CASE("attack: a tampered delta is rejected and the verified snapshot used instead", "[attack]") {
  Scene s;
  auto m = s.parsed(2);
  REQUIRE(m.deltas.size() == 1);
  s.flip_byte(m.deltas[0].path, 10);
  auto r = s.attack();
  INFO(r.message);
  CHECK(r.outcome == sync::SyncOutcome::Updated);
  CHECK_FALSE(r.used_delta);
  CHECK_THAT(r.message, Catch::Contains("delta failed"));
  // What got installed is exactly the signed release 2.
  CHECK(s.w.kiosk_content_hash(s.kiosk) == m.content_hash);
}

TEST_CASE("attack: a tampered asset is rejected", "[attack]") {
  World w;
  FakeClock clock(w.now);
  // A release with an asset.
  std::string src = (w.dir / "src-assets").string();
  faro::test::copy_tree(faro::test::mini_tree(), src);
  faro::test::write_file(src + "/assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n");
  auto st = sync::ReleaseStore::open(w.store);
  REQUIRE(st.ok());
  sync::PublishOptions o;
  o.now = w.now;
  auto pub = st->publish(src, w.keys, o);
  REQUIRE(pub.ok());
  REQUIRE(pub->published);
  auto m = st->latest();
  REQUIRE(m.ok());
  REQUIRE(m->assets.size() == 1);
  std::string evil = (w.dir / "evil").string();
  faro::test::copy_dir(w.releases(), evil);
  faro::test::write_file(evil + "/" + m->assets[0].path, "<svg onload='evil()'/>\n");
  std::string kiosk = w.new_kiosk();
  {
    EvilMirror mirror(evil);
    auto r = sync_from(kiosk, mirror.url(), clock);
    CHECK(r.outcome == sync::SyncOutcome::Failed);
  }
  CHECK(w.status(kiosk).release == 0);
  CHECK_FALSE(fs::exists(kiosk + "/assets/logo.svg"));
  CHECK_FALSE(fs::exists(kiosk + "/content.db"));
  // The genuine release installs the asset.
  auto ok = sync_from(kiosk, w.releases(), clock);
  INFO(ok.message);
  CHECK(ok.outcome == sync::SyncOutcome::Updated);
  CHECK(faro::test::read_file(kiosk + "/assets/logo.svg") == "<svg xmlns='http://www.w3.org/2000/svg'/>\n");
}

TEST_CASE("attack: rollback to an older signed release is refused", "[attack]") {
  Scene s;
  auto up = sync_from(s.kiosk, s.w.releases(), s.clock);
  REQUIRE(up.outcome == sync::SyncOutcome::Updated);
  std::string hash2 = s.w.kiosk_content_hash(s.kiosk);
  faro::test::write_file(s.evil + "/manifest.json", faro::test::read_file(s.w.releases() + "/manifests/1.json"));
  auto r = s.attack();
  CHECK(r.outcome == sync::SyncOutcome::Failed);
  CHECK_THAT(r.message, Catch::Contains("rollback"));
  CHECK(s.w.status(s.kiosk).release == 2);
  CHECK(s.w.kiosk_content_hash(s.kiosk) == hash2);
}

TEST_CASE("attack: the same release number with different content is refused", "[attack]") {
  Scene s;
  REQUIRE(sync_from(s.kiosk, s.w.releases(), s.clock).outcome == sync::SyncOutcome::Updated);
  std::string hash2 = s.w.kiosk_content_hash(s.kiosk);
  // A second store under the same keys makes a different release 2.
  std::string other = (s.w.dir / "other-store").string();
  REQUIRE(sync::ReleaseStore::init(other, {faro::test::read_file(s.w.keys + "/roots/1.root.json")}).ok());
  auto st = sync::ReleaseStore::open(other);
  REQUIRE(st.ok());
  sync::PublishOptions o;
  o.now = s.w.now;
  REQUIRE(st->publish(faro::test::mini_tree().string(), s.w.keys, o)->release == 1);
  std::string src = (s.w.dir / "src-other").string();
  faro::test::copy_tree(faro::test::mini_tree(), src);
  std::string y = faro::test::read_file(src + "/services/test.yaml");
  y.replace(y.find("Free lawyers"), 12, "Paid lawyers");
  faro::test::write_file(src + "/services/test.yaml", y);
  auto two = st->publish(src, s.w.keys, o);
  REQUIRE(two.ok());
  REQUIRE(two->release == 2);
  EvilMirror mirror(other + "/releases");
  auto r = sync_from(s.kiosk, mirror.url(), s.clock);
  CHECK(r.outcome == sync::SyncOutcome::Failed);
  CHECK_THAT(r.message, Catch::Contains("different content"));
  CHECK(s.w.kiosk_content_hash(s.kiosk) == hash2);
}

TEST_CASE("attack: freeze (an expired manifest) keeps content and flags stale, also in the heartbeat", "[attack]") {
  World w;
  FakeClock clock(w.now);
  REQUIRE(w.publish(1, /*expires_days=*/2) == 1);
  auto hub_thread = std::make_unique<faro::test::HubThread>(w.store);
  std::string kiosk = w.new_kiosk();
  auto k = sync::KioskDir::open(kiosk);
  REQUIRE(k.ok());
  auto t = sync::make_http_transport(hub_thread->releases_url());
  REQUIRE(sync::sync_once(*k, {t.get()}, clock).outcome == sync::SyncOutcome::Updated);
  std::string hash = w.kiosk_content_hash(kiosk);
  CHECK_FALSE(w.status(kiosk).stale);
  // The mirror keeps serving the same manifest; three days pass.
  clock.advance(3 * 86400);
  auto r = sync::sync_once(*k, {t.get()}, clock);
  CHECK(r.outcome == sync::SyncOutcome::Stale);
  CHECK(w.kiosk_content_hash(kiosk) == hash);
  auto st = k->status(clock.now());
  REQUIRE(st.ok());
  CHECK(st->stale);
  CHECK(st->release == 1);
  // The heartbeat tells the hub.
  REQUIRE(sync::register_device(w.store, st->kiosk_id, sync::crypto::to_hex(k->device_public_key()), "c").ok());
  REQUIRE(sync::send_heartbeat(*k, *t, clock).ok());
  auto fleet = sync::read_fleet(w.store);
  REQUIRE(fleet.ok());
  REQUIRE(fleet->size() == 1);
  CHECK((*fleet)[0].stale);
  CHECK((*fleet)[0].release == 1);
}

TEST_CASE("attack: endless data stops at the declared size", "[attack]") {
  Scene s;
  {
    // Through the real hub: objects padded with megabytes of junk.
    auto m = s.parsed(2);
    for (const std::string& p : {m.snapshot.path, m.deltas[0].path}) {
      std::string b = faro::test::read_file(s.evil + "/" + p);
      faro::test::write_file(s.evil + "/" + p, b + std::string(5'000'000, 'x'));
    }
    auto r = s.attack();
    s.expect_unchanged(r);
    CHECK_THAT(r.message, Catch::Contains("more than"));
    CHECK(r.bytes_downloaded <= m.snapshot.size + m.deltas[0].size);
    for (const std::string& p : {m.snapshot.path, m.deltas[0].path})
      faro::test::write_file(s.evil + "/" + p, faro::test::read_file(s.w.releases() + "/" + p));
  }
  {
    EvilMirror mirror(s.evil);
    mirror.extra_bytes = 5'000'000;
    auto r = sync_from(s.kiosk, mirror.url(), s.clock);
    s.expect_unchanged(r);
    CHECK_THAT(r.message, Catch::Contains("more than"));
    // The kiosk read no more than the declared sizes plus a buffer's worth.
    auto m = s.parsed(2);
    CHECK(mirror.bytes_served < m.snapshot.size + m.deltas[0].size + 5 * 65536 + 1'000'000);
  }
  // A manifest larger than the hard cap is not read to its end.
  std::string huge = faro::test::read_file(s.evil + "/manifest.json");
  huge.insert(1, std::string(3 << 20, ' '));
  faro::test::write_file(s.evil + "/manifest.json", huge);
  auto r = s.attack();
  s.expect_unchanged(r);
}

TEST_CASE("attack: mix-and-match of files from different releases is rejected", "[attack]") {
  Scene s;
  auto m1 = s.parsed(1), m2 = s.parsed(2);
  // Release 2's manifest, but release 1's snapshot bytes under release 2's name; no delta.
  faro::test::write_file(s.evil + "/" + m2.snapshot.path, faro::test::read_file(s.w.releases() + "/" + m1.snapshot.path));
  for (const auto& d : m2.deltas) fs::remove(s.evil + "/" + d.path);
  auto r = s.attack();
  s.expect_unchanged(r);
}

TEST_CASE("key rotation: root versions are walked one by one, never skipped", "[attack][rotation]") {
  World w;
  FakeClock clock(w.now);
  REQUIRE(w.publish(1) == 1);
  std::string kiosk = w.new_kiosk();
  auto k = sync::KioskDir::open(kiosk);
  REQUIRE(k.ok());
  auto t = sync::make_dir_transport(w.releases());
  REQUIRE(sync::sync_once(*k, {t.get()}, clock).outcome == sync::SyncOutcome::Updated);

  // Two rotations: new root keys and, the second time, a new release key.
  auto st = sync::ReleaseStore::open(w.store);
  REQUIRE(st.ok());
  sync::RotateOptions o;
  auto v2 = sync::rotate_root(w.keys, o, w.now);
  REQUIRE(v2.ok());
  REQUIRE(st->add_root(v2->json).ok());
  o.new_release_key = true;
  auto v3 = sync::rotate_root(w.keys, o, w.now);
  REQUIRE(v3.ok());
  REQUIRE(st->add_root(v3->json).ok());
  REQUIRE(w.publish(2) == 2);  // signed with the new release key

  SECTION("a mirror missing root v2 cannot make the kiosk trust v3") {
    std::string evil = (w.dir / "evil").string();
    faro::test::copy_dir(w.releases(), evil);
    fs::remove(evil + "/root/2.root.json");
    EvilMirror mirror(evil);
    auto m = sync::make_http_transport(mirror.url());
    auto r = sync::sync_once(*k, {m.get()}, clock);
    CHECK(r.outcome == sync::SyncOutcome::Failed);
    CHECK(w.status(kiosk).root_version == 1);
    CHECK(w.status(kiosk).release == 1);
  }
  SECTION("a root that skips a version is refused") {
    std::string evil = (w.dir / "evil").string();
    faro::test::copy_dir(w.releases(), evil);
    fs::rename(evil + "/root/3.root.json", evil + "/root/2.root.json");
    EvilMirror mirror(evil);
    auto m = sync::make_http_transport(mirror.url());
    auto r = sync::sync_once(*k, {m.get()}, clock);
    CHECK(r.outcome == sync::SyncOutcome::Failed);
    CHECK_THAT(r.message, Catch::Contains("does not follow"));
    CHECK(w.status(kiosk).root_version == 1);
  }
  SECTION("the full chain is walked and the new release accepted") {
    auto r = sync::sync_once(*k, {t.get()}, clock);
    INFO(r.message);
    CHECK(r.outcome == sync::SyncOutcome::Updated);
    CHECK(w.status(kiosk).root_version == 3);
    CHECK(w.status(kiosk).release == 2);
  }
  SECTION("a release signed with the retired release key is refused after rotation") {
    REQUIRE(sync::sync_once(*k, {t.get()}, clock).outcome == sync::SyncOutcome::Updated);
    // Forge release 3 with the old release key (still on disk in this test).
    auto m = sync::parse_manifest(faro::test::read_file(w.releases() + "/manifest.json"));
    REQUIRE(m.ok());
    m->release = 3;
    std::vector<std::string> old_keys;
    auto root1 = sync::parse_root(faro::test::read_file(w.releases() + "/root/1.root.json"));
    for (const auto& id : root1->release.keyids)
      old_keys.push_back(*sync::crypto::from_hex(faro::test::read_file(w.keys + "/release-" + id + ".key").substr(0, 128)));
    REQUIRE(sync::sign_manifest(*m, old_keys).ok());
    std::string evil = (w.dir / "evil").string();
    faro::test::copy_dir(w.releases(), evil);
    faro::test::write_file(evil + "/manifest.json", m->json);
    EvilMirror mirror(evil);
    auto e = sync::make_http_transport(mirror.url());
    auto r = sync::sync_once(*k, {e.get()}, clock);
    CHECK(r.outcome == sync::SyncOutcome::Failed);
    CHECK(w.status(kiosk).release == 2);
  }
}

TEST_CASE("interrupted transfers resume with Range and never apply partial data", "[attack][resume]") {
  World w;
  FakeClock clock(w.now);
  REQUIRE(w.publish(1) == 1);
  auto m = sync::parse_manifest(faro::test::read_file(w.releases() + "/manifest.json"));
  REQUIRE(m.ok());
  uint64_t size = m->snapshot.size;
  std::string kiosk = w.new_kiosk();
  auto k = sync::KioskDir::open(kiosk);
  REQUIRE(k.ok());
  EvilMirror mirror(w.releases());
  auto t = sync::make_http_transport(mirror.url());
  std::mt19937 rng(Catch::rngSeed());
  int attempts = 0;
  sync::SyncReport r;
  do {
    REQUIRE(++attempts < 100);
    // Cut each transfer at a random point of what is left.
    std::uniform_int_distribution<uint64_t> cut(1, std::max<uint64_t>(2, size / 4));
    mirror.cut_after = cut(rng);
    sync::SyncOptions o;
    o.attempts_per_source = 1;
    r = sync::sync_once(*k, {t.get()}, clock, o);
    if (r.outcome != sync::SyncOutcome::Updated) {
      CHECK_FALSE(fs::exists(kiosk + "/content.db"));
      CHECK(w.status(kiosk).release == 0);
    }
    if (attempts > 3) mirror.cut_after = 0;  // the link comes back
  } while (r.outcome != sync::SyncOutcome::Updated);
  CHECK(attempts > 1);
  CHECK(w.kiosk_content_hash(kiosk) == m->content_hash);
  // Resume never downloads a byte twice (allowance for the last partial chunk).
  CHECK(static_cast<double>(mirror.bytes_served.load()) <= 1.1 * static_cast<double>(size));
}
