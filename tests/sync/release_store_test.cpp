// Keys, the store and publishing.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "sync/crypto.h"
#include "sync/release_store.h"
#include "world.h"

namespace fs = std::filesystem;
using namespace faro;
using faro::test::World;

TEST_CASE("private keys are readable only by their owner", "[store][keys]") {
  World w;
  int keys = 0;
  for (const auto& e : fs::directory_iterator(w.keys)) {
    if (e.path().extension() != ".key") continue;
    ++keys;
    struct stat st {};
    REQUIRE(::stat(e.path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  CHECK(keys == 2);
  auto root = sync::load_keydir_root(w.keys);
  REQUIRE(root.ok());
  CHECK(root->version == 1);
  CHECK(sync::verify_initial_root(*root).ok());
  CHECK_FALSE(sync::init_keys(w.keys, w.now).ok());  // never overwrites keys
}

TEST_CASE("publishing makes numbered releases; nothing new makes none", "[store][publish]") {
  World w;
  CHECK(w.publish(1) == 1);
  auto st = sync::ReleaseStore::open(w.store);
  REQUIRE(st.ok());
  sync::PublishOptions o;
  o.now = w.now;
  auto same = st->publish((w.dir / "src").string(), w.keys, o);
  REQUIRE(same.ok());
  CHECK_FALSE(same->published);
  CHECK(same->release == 1);
  CHECK(w.publish(2) == 2);
  auto latest = st->latest();
  REQUIRE(latest.ok());
  CHECK(latest->release == 2);
  REQUIRE(latest->deltas.size() == 1);
  CHECK(latest->deltas[0].from == 1);
  CHECK(sync::verify_manifest(*latest, *st->root()).ok());
  // Releases are immutable files: release 1's manifest is still there, unchanged.
  auto m1 = sync::parse_manifest(faro::test::read_file(w.releases() + "/manifests/1.json"));
  REQUIRE(m1.ok());
  CHECK(m1->release == 1);
  CHECK(fs::exists(w.releases() + "/" + m1->snapshot.path));
}

TEST_CASE("invalid content publishes nothing and says why", "[store][publish]") {
  World w;
  std::string src = (w.dir / "bad").string();
  faro::test::copy_tree(faro::test::mini_tree(), src);
  std::string y = faro::test::read_file(src + "/services/test.yaml");
  y.replace(y.find("\"+19155550101\""), 14, "\"12345\"");
  faro::test::write_file(src + "/services/test.yaml", y);
  auto st = sync::ReleaseStore::open(w.store);
  REQUIRE(st.ok());
  sync::PublishOptions o;
  o.now = w.now;
  auto r = st->publish(src, w.keys, o);
  REQUIRE(r.ok());
  CHECK_FALSE(r->published);
  REQUIRE(r->diagnostics.size() == 1);
  CHECK_THAT(r->diagnostics[0], Catch::Contains("not E.164"));
  CHECK_FALSE(st->latest().ok());
}

TEST_CASE("after a key rotation the store must be given the new root before publishing", "[store][rotation]") {
  World w;
  REQUIRE(w.publish(1) == 1);
  auto v2 = sync::rotate_root(w.keys, {}, w.now);
  REQUIRE(v2.ok());
  auto st = sync::ReleaseStore::open(w.store);
  sync::PublishOptions o;
  o.now = w.now;
  auto r = st->publish(faro::test::mini_tree().string(), w.keys, o);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains("add the new root"));
  REQUIRE(st->add_root(v2->json).ok());
  CHECK_FALSE(st->add_root(v2->json).ok());  // v2 again does not follow v2
  CHECK(w.publish(2) == 2);
}

TEST_CASE("a pushed release is accepted only when signed and complete", "[store][remote]") {
  World w;
  REQUIRE(w.publish(1) == 1);
  // A hub store that trusts the same root but holds no keys.
  std::string hub_store = (w.dir / "hub-store").string();
  REQUIRE(sync::ReleaseStore::init(hub_store, {faro::test::read_file(w.releases() + "/root/1.root.json")}).ok());
  auto hub = sync::ReleaseStore::open(hub_store);
  REQUIRE(hub.ok());
  std::string manifest = faro::test::read_file(w.releases() + "/manifest.json");
  auto m = sync::parse_manifest(manifest);
  REQUIRE(m.ok());
  // Objects missing: refused.
  CHECK_FALSE(hub->add_release(manifest).ok());
  std::string snap = faro::test::read_file(w.releases() + "/" + m->snapshot.path);
  CHECK_FALSE(hub->add_object(m->snapshot.sha256 + ".zst", snap + "x").ok());  // wrong bytes for the name
  REQUIRE(hub->add_object(m->snapshot.sha256 + ".zst", snap).ok());
  // Forged signature: refused.
  auto forged = *m;
  REQUIRE(sync::sign_manifest(forged, {sync::crypto::generate_keypair().secret_key}).ok());
  CHECK_FALSE(hub->add_release(forged.json).ok());
  REQUIRE(hub->add_release(manifest).ok());
  CHECK(hub->latest()->release == 1);
  CHECK_FALSE(hub->add_release(manifest).ok());  // not newer
}

TEST_CASE("operator tokens are checked by hash", "[store]") {
  World w;
  auto st = sync::ReleaseStore::open(w.store);
  auto t = st->new_token("test");
  REQUIRE(t.ok());
  CHECK(st->check_token(*t));
  CHECK_FALSE(st->check_token(*t + "0"));
  CHECK_FALSE(st->check_token(""));
}
