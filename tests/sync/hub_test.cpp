// The hub over loopback: static releases with ETag/304/Range, the API and
// its refusals, remote publishing.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sync/crypto.h"
#include "sync/transport.h"
#include "world.h"

using namespace faro;
using faro::test::FakeClock;
using faro::test::HubThread;
using faro::test::World;
using json = nlohmann::json;

namespace {

// Status code of a request (0 on transport failure) and the body.
std::pair<long, std::string> call(const std::string& method, const std::string& url, const std::string& token = "",
                                  const std::string& body = "") {
  auto r = sync::http_request(method, url, token, body);
  if (r) return {200, *r};
  const std::string& m = r.error().message;
  auto pos = m.find("HTTP ");
  if (pos == std::string::npos) return {0, m};
  return {std::stol(m.substr(pos + 5, 3)), m};
}

std::string token_for(World& w) {
  auto st = sync::ReleaseStore::open(w.store);
  REQUIRE(st.ok());
  auto t = st->new_token("test");
  REQUIRE(t.ok());
  return *t;
}

}  // namespace

TEST_CASE("the hub serves releases with ETag, 304 and Range", "[hub]") {
  World w;
  REQUIRE(w.publish(1) == 1);
  HubThread hub(w.store);
  auto t = sync::make_http_transport(hub.releases_url());
  auto manifest = t->get("manifest.json", 1 << 20);
  REQUIRE(manifest.ok());
  CHECK(*manifest == faro::test::read_file(w.releases() + "/manifest.json"));
  // curl for the headers.
  auto head = [&](const std::string& extra) {
    std::string cmd = "curl -s -o /dev/null -D - " + extra + " " + hub.releases_url() + "manifest.json";
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    ::pclose(p);
    return out;
  };
  std::string h = head("");
  CHECK_THAT(h, Catch::Contains("200"));
  auto pos = h.find("ETag: ");
  REQUIRE(pos != std::string::npos);
  std::string etag = h.substr(pos + 6, h.find('\r', pos) - pos - 6);
  CHECK_THAT(head("-H 'If-None-Match: " + etag + "'"), Catch::StartsWith("HTTP/1.1 304"));
  CHECK_THAT(head("-H 'If-None-Match: \"other\"'"), Catch::StartsWith("HTTP/1.1 200"));
  CHECK_THAT(head("-r 10-19"), Catch::StartsWith("HTTP/1.1 206"));
  std::string part;
  REQUIRE(t->fetch("manifest.json", 10, 1 << 20, [&](std::string_view c) {
               part.append(c);
               return true;
             }).ok());
  CHECK(part == manifest->substr(10));
  CHECK(call("GET", hub.releases_url() + "nope.json").first == 404);
  CHECK(call("GET", hub.releases_url() + "..%2F..%2Fstore.db").first >= 400);
}

TEST_CASE("heartbeats must come signed from a registered device", "[hub]") {
  World w;
  REQUIRE(w.publish(1) == 1);
  HubThread hub(w.store);
  FakeClock clock(w.now);
  std::string kiosk = w.new_kiosk();
  auto k = sync::KioskDir::open(kiosk);
  auto t = sync::make_http_transport(hub.releases_url());
  // Unknown device.
  auto unknown = sync::send_heartbeat(*k, *t, clock);
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.error().message, Catch::Contains("403"));
  auto st = w.status(kiosk);
  REQUIRE(sync::register_device(w.store, st.kiosk_id, sync::crypto::to_hex(k->device_public_key()), "el-paso").ok());
  REQUIRE(sync::send_heartbeat(*k, *t, clock).ok());
  auto fleet = sync::read_fleet(w.store);
  REQUIRE(fleet->size() == 1);
  CHECK((*fleet)[0].kiosk_id == st.kiosk_id);
  CHECK((*fleet)[0].centre == "el-paso");
  CHECK((*fleet)[0].app_version == "0.1.0");
  CHECK_FALSE((*fleet)[0].last_seen.empty());
  // A forged signature, malformed bodies, an oversized body.
  json body = {{"kiosk_id", st.kiosk_id}, {"release", 99}};
  json forged = {{"signed", body}, {"signature", std::string(128, '0')}};
  CHECK(call("POST", hub.base() + "/api/v1/heartbeat", "", forged.dump()).first == 403);
  CHECK(call("POST", hub.base() + "/api/v1/heartbeat", "", "not json").first == 400);
  CHECK(call("POST", hub.base() + "/api/v1/heartbeat", "", "{\"signed\": 1}").first == 400);
  CHECK(call("POST", hub.base() + "/api/v1/heartbeat", "", std::string(100000, '{')).first == 413);
  CHECK((*sync::read_fleet(w.store))[0].release == 0);  // nothing forged was recorded
}

TEST_CASE("operator endpoints need a token", "[hub]") {
  World w;
  HubThread hub(w.store);
  std::string token = token_for(w);
  CHECK(call("GET", hub.base() + "/api/v1/fleet").first == 401);
  CHECK(call("GET", hub.base() + "/api/v1/fleet", "wrong").first == 401);
  auto ok = call("GET", hub.base() + "/api/v1/fleet", token);
  CHECK(ok.first == 200);
  CHECK(sync::parse_fleet(ok.second).ok());
  CHECK(call("POST", hub.base() + "/api/v1/releases", "", "{}").first == 401);
  CHECK(call("POST", hub.base() + "/api/v1/releases", token, "{}").first == 400);
  CHECK(call("PUT", hub.base() + "/api/v1/objects/" + std::string(64, 'a'), token, "x").first == 400);
  CHECK(call("POST", hub.base() + "/api/v1/devices", token, "{\"id\": 1}").first == 400);
}

TEST_CASE("remote publishing: an operator pushes a signed release to a hub without keys", "[hub][remote]") {
  World w;  // the operator's machine: keys and a local store
  REQUIRE(w.publish(1) == 1);
  // The hub's own store trusts the root but has no keys.
  std::string hub_store = (w.dir / "hub-store").string();
  REQUIRE(sync::ReleaseStore::init(hub_store, {faro::test::read_file(w.releases() + "/root/1.root.json")}).ok());
  auto hs = sync::ReleaseStore::open(hub_store);
  std::string token = *hs->new_token("operator");
  HubThread hub(hub_store);
  CHECK_FALSE(sync::push_release(w.store, 1, hub.base(), "bad-token").ok());
  REQUIRE(sync::push_release(w.store, 1, hub.base(), token).ok());
  REQUIRE(w.publish(2) == 2);
  REQUIRE(sync::push_release(w.store, 2, hub.base(), token).ok());
  CHECK(hs->latest()->release == 2);
  // A kiosk syncs from the hub.
  FakeClock clock(w.now);
  std::string kiosk = w.new_kiosk();
  auto k = sync::KioskDir::open(kiosk);
  auto t = sync::make_http_transport(hub.releases_url());
  auto r = sync::sync_once(*k, {t.get()}, clock);
  CHECK(r.outcome == sync::SyncOutcome::Updated);
  CHECK(w.status(kiosk).release == 2);
}
