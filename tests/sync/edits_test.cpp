// Staff edits end to end (issue 6, DESIGN.md §5): the kiosk's outbox and
// view, PINs, the hub's field-by-field merge, exactly-once delivery,
// directory-only releases under a scoped hub key, and convergence.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "content/service_record.h"
#include "content/store.h"
#include "sync/crypto.h"
#include "sync/edit_desk.h"
#include "sync/outbox.h"
#include "sync/snapshot.h"
#include "world.h"

namespace fs = std::filesystem;
using namespace faro;
using faro::test::FakeClock;
using faro::test::HubThread;
using faro::test::World;
using json = nlohmann::json;

namespace {

sync::KioskDir open_kiosk(const std::string& dir) {
  auto k = sync::KioskDir::open(dir);
  REQUIRE(k.ok());
  return *k;
}

sync::SyncReport sync_from(const std::string& kiosk, const std::string& url, FakeClock& clock) {
  auto k = open_kiosk(kiosk);
  auto t = sync::make_http_transport(url);
  return sync::sync_once(k, {t.get()}, clock);
}

// What a visitor sees for a field on this kiosk (view.db, else content.db).
std::string shown(const std::string& kiosk, const std::string& service, const std::string& field) {
  std::string path = fs::exists(kiosk + "/view.db") ? kiosk + "/view.db" : kiosk + "/content.db";
  auto s = content::Store::open(path);
  REQUIRE(s.ok());
  auto r = content::read_service_record(**s, service);
  REQUIRE(r.ok());
  auto it = r->find(field);
  return it == r->end() ? "" : it->second;
}

std::string released(const std::string& kiosk, const std::string& service, const std::string& field) {
  auto s = content::Store::open(kiosk + "/content.db");
  REQUIRE(s.ok());
  auto r = content::read_service_record(**s, service);
  REQUIRE(r.ok());
  return r->count(field) ? r->at(field) : "";
}

sync::Edit save(const std::string& kiosk, const std::string& service, content::ServiceRecord values, int64_t now,
                const std::string& staff = "maria") {
  auto k = open_kiosk(kiosk);
  sync::Outbox box(k);
  auto e = box.save(staff, service, values, now);
  INFO((e ? std::string() : e.error().message));
  REQUIRE(e.ok());
  return *e;
}

std::vector<sync::Edit> outbox(const std::string& kiosk) {
  auto k = open_kiosk(kiosk);
  sync::Outbox box(k);
  auto l = box.list();
  REQUIRE(l.ok());
  return *l;
}

int exchange(const std::string& kiosk, const std::string& hub_base, FakeClock& clock) {
  auto k = open_kiosk(kiosk);
  auto t = sync::make_http_transport(hub_base + "/releases/");
  auto n = sync::exchange_edits(k, *t, clock);
  INFO((n ? std::string() : n.error().message));
  REQUIRE(n.ok());
  return *n;
}

// One full kiosk round as the worker does it: upload, sync, answers, clean up.
void round(const std::string& kiosk, const std::string& hub_base, FakeClock& clock) {
  exchange(kiosk, hub_base, clock);
  auto r = sync_from(kiosk, hub_base + "/releases/", clock);
  INFO(r.message);
  REQUIRE(r.outcome != sync::SyncOutcome::Failed);
  exchange(kiosk, hub_base, clock);
  auto k = open_kiosk(kiosk);
  sync::Outbox box(k);
  REQUIRE(box.clear_released().ok());
  REQUIRE(box.refresh_view().ok());
}

struct EditWorld {
  World w;
  std::string hub_key;
  std::unique_ptr<HubThread> hub;
  FakeClock clock{0};
  EditWorld() {
    w.publish(1);
    hub_key = w.add_hub_key({"el-paso-test"});
    hub = std::make_unique<HubThread>(w.store, hub_key);
    clock.advance(w.now + 3600);
  }
  std::string base() const { return hub->base(); }
  std::string kiosk(const std::string& name, const std::string& centre = "el-paso-test") {
    auto k = w.new_centre_kiosk(name, centre, base());
    auto r = sync_from(k, base() + "/releases/", clock);
    INFO(r.message);
    REQUIRE(r.outcome == sync::SyncOutcome::Updated);
    return k;
  }
  sync::EditDesk desk() {
    auto d = sync::EditDesk::open(w.store);
    REQUIRE(d.ok());
    return *d;
  }
  int64_t publish_edits() {
    auto key = sync::read_secret_key(hub_key);
    REQUIRE(key.ok());
    sync::PublishOptions o;
    o.now = clock.now();
    auto r = desk().publish_directory(*key, o);
    INFO((r ? std::string() : r.error().message));
    REQUIRE(r.ok());
    return r->published ? r->release : 0;
  }
};

}  // namespace

TEST_CASE("a saved edit shows at once on the kiosk; the release copy is untouched", "[edits]") {
  EditWorld ew;
  auto k = ew.kiosk("k1");
  std::string before = ew.w.kiosk_content_hash(k);
  // The kiosk's screens hold view.db open for reading the whole time.
  {
    auto kd0 = open_kiosk(k);
    REQUIRE(sync::Outbox(kd0).refresh_view().ok());
  }
  auto reader = content::Store::open(k + "/view.db");
  REQUIRE(reader.ok());
  REQUIRE((*reader)->service("clinic-ep", "en").ok());
  auto e = save(k, "clinic-ep", {{"phones", "+19155550177 voice"}, {"name@ar", "عيادة صحية مجتمعية (عينة)"}},
                ew.clock.now());
  CHECK(e.fields.at("phones").old_value == released(k, "clinic-ep", "phones"));
  CHECK(shown(k, "clinic-ep", "phones") == "+19155550177 voice");
  CHECK(shown(k, "clinic-ep", "name@ar") == "عيادة صحية مجتمعية (عينة)");
  CHECK(ew.w.kiosk_content_hash(k) == before);  // content.db = the release, byte for byte in content
  // The open reader sees the saved value at its next query.
  CHECK((*reader)->service("clinic-ep", "en").value().phones.at(0).number == "+19155550177");
  CHECK(ew.w.status(k).pending_edits == 1);
  auto kp = open_kiosk(k);
  auto pending = sync::Outbox(kp).pending_fields();
  REQUIRE(pending.ok());
  CHECK(pending->at("clinic-ep").size() == 2);
  // Unchanged values are not an edit; a bad value is refused with its field.
  auto kd = open_kiosk(k);
  sync::Outbox box(kd);
  CHECK_FALSE(box.save("maria", "clinic-ep", {{"phones", "+19155550177 voice"}}, ew.clock.now()).ok());
  auto bad = box.save("maria", "clinic-ep", {{"hours", "1 18:00-17:00\n1 16:00-19:00"}}, ew.clock.now());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("hours") != std::string::npos);
  CHECK(outbox(k).size() == 1);
  // Another centre's service cannot be edited here.
  CHECK_FALSE(box.save("maria", "legal-sd", {{"phones", "+18095550111 voice"}}, ew.clock.now()).ok());
}

TEST_CASE("staff PINs: Argon2id hashes, lockout growing after 5 wrong PINs, kept across restarts", "[edits][staff]") {
  World w;
  auto k = w.new_kiosk("k");
  auto kd = open_kiosk(k);
  REQUIRE(sync::add_staff(kd, "maria", "María López", "4821", sync::minimum_pin_cost()).ok());
  CHECK_FALSE(sync::add_staff(kd, "x", "X", "12", sync::minimum_pin_cost()).ok());    // too short
  CHECK_FALSE(sync::add_staff(kd, "x", "X", "12ab", sync::minimum_pin_cost()).ok());  // not digits
  {
    // Only a hash is stored.
    auto text = test::read_file(fs::path(k) / "kiosk.db");
    CHECK(text.find("4821") == std::string::npos);
    CHECK(text.find("$argon2id$") != std::string::npos);
  }
  int64_t t = 1000000;
  CHECK(sync::staff_login(kd, "maria", "4821", t)->ok);
  for (int i = 1; i <= 4; ++i) {
    auto r = sync::staff_login(kd, "maria", "0000", t).value();
    CHECK_FALSE(r.ok);
    CHECK(r.retry_at == 0);
  }
  auto fifth = sync::staff_login(kd, "maria", "0000", t).value();
  CHECK(fifth.retry_at == t + 30);
  // While locked even the right PIN is refused, unchecked.
  CHECK_FALSE(sync::staff_login(kd, "maria", "4821", t + 10)->ok);
  // A restart does not reset the count: the next wrong PIN locks longer.
  auto kd2 = open_kiosk(k);
  auto sixth = sync::staff_login(kd2, "maria", "0000", t + 31).value();
  CHECK(sixth.retry_at == t + 31 + 60);
  auto seventh = sync::staff_login(kd2, "maria", "0000", t + 92).value();
  CHECK(seventh.retry_at == t + 92 + 120);
  CHECK(sync::staff_login(kd2, "maria", "4821", t + 300)->ok);
  CHECK(sync::list_staff(kd2)->at(0).failures == 0);
  CHECK_FALSE(sync::staff_login(kd2, "nobody", "4821", t)->ok);
  REQUIRE(sync::remove_staff(kd2, "maria").ok());
  CHECK_FALSE(sync::staff_login(kd2, "maria", "4821", t + 400)->ok);
}

TEST_CASE("staff accounts provisioned on the hub reach the centre's kiosks, hashes only", "[edits][staff]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  auto sd = ew.kiosk("sd", "santo-domingo-test");
  auto ka = open_kiosk(a);
  REQUIRE(sync::add_staff(ka, "maria", "María", "4821", sync::minimum_pin_cost()).ok());  // a local account
  auto desk = ew.desk();
  CHECK_FALSE(desk.set_staff("el-paso-test", "ana", "Ana", "2468").ok());  // a bare PIN is refused
  auto hash = sync::hash_pin("2468", sync::minimum_pin_cost());
  REQUIRE(hash.ok());
  REQUIRE(desk.set_staff("el-paso-test", "ana", "Ana Pérez", *hash).ok());
  exchange(a, ew.base(), ew.clock);
  exchange(sd, ew.base(), ew.clock);
  auto staff = sync::list_staff(ka).value();
  REQUIRE(staff.size() == 2);
  CHECK(staff[0].id == "ana");
  CHECK(staff[0].from_hub);
  CHECK_FALSE(staff[1].from_hub);
  CHECK(sync::staff_login(ka, "ana", "2468", 1000)->ok);
  auto ksd = open_kiosk(sd);
  CHECK(sync::list_staff(ksd).value().empty());  // another centre's kiosk does not get her
  // Locked by an operator: the kiosk refuses her PIN too.
  REQUIRE(desk.set_staff_locked("el-paso-test", "ana", true).ok());
  exchange(a, ew.base(), ew.clock);
  auto locked = sync::staff_login(ka, "ana", "2468", 1000).value();
  CHECK_FALSE(locked.ok);
  CHECK(locked.message == "locked by an operator");
  // Removed on the hub: gone from the kiosk; the local account stays.
  REQUIRE(desk.remove_staff("el-paso-test", "ana").ok());
  exchange(a, ew.base(), ew.clock);
  staff = sync::list_staff(ka).value();
  REQUIRE(staff.size() == 1);
  CHECK(staff[0].id == "maria");
}

TEST_CASE("two kiosks: different fields merge, the same field conflicts, the operator decides, all converge",
          "[edits][merge]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  auto b = ew.kiosk("b");
  std::string hours_before = released(a, "clinic-ep", "hours");
  // Offline, both edit clinic-ep: a the phone and hours, b the hours and the Spanish name.
  save(a, "clinic-ep", {{"phones", "+19155550111 voice"}, {"hours", "1 08:00-12:00"}}, ew.clock.now());
  save(b, "clinic-ep", {{"hours", "2 10:00-14:00"}, {"name@es", "Clínica Comunitaria (ejemplo)"}}, ew.clock.now(),
       "jose");
  CHECK(exchange(a, ew.base(), ew.clock) == 1);
  CHECK(exchange(b, ew.base(), ew.clock) == 1);
  auto ea = outbox(a).at(0), eb = outbox(b).at(0);
  CHECK(ea.state == sync::EditState::Accepted);
  CHECK(eb.state == sync::EditState::Conflict);
  CHECK(eb.reason.find("hours") != std::string::npos);
  auto shown_b = ew.desk().show(eb.id).value();
  CHECK(shown_b.fields.at("hours").state == "conflict");
  CHECK(shown_b.fields.at("hours").current == "1 08:00-12:00");
  CHECK(shown_b.fields.at("name@es").state == "applied");  // merged field by field

  // The hub publishes what it accepted; the conflict waits.
  int64_t r2 = ew.publish_edits();
  CHECK(r2 == 2);
  round(a, ew.base(), ew.clock);
  round(b, ew.base(), ew.clock);
  CHECK(released(a, "clinic-ep", "phones") == "+19155550111 voice");
  CHECK(released(a, "clinic-ep", "hours") == "1 08:00-12:00");
  CHECK(released(b, "clinic-ep", "name@es") == "Clínica Comunitaria (ejemplo)");
  CHECK(outbox(a).empty());        // carried by release 2: cleared
  REQUIRE(outbox(b).size() == 1);  // the conflict stays, with its reason
  CHECK(outbox(b)[0].state == sync::EditState::Conflict);
  CHECK(shown(b, "clinic-ep", "hours") == "1 08:00-12:00");  // visitors see the release, not the disputed value

  // The operator takes b's hours.
  REQUIRE(ew.desk().accept(eb.id, "operator", ew.clock.now()).ok());
  int64_t r3 = ew.publish_edits();
  CHECK(r3 == 3);
  round(a, ew.base(), ew.clock);
  round(b, ew.base(), ew.clock);
  CHECK(outbox(b).empty());
  CHECK(released(a, "clinic-ep", "hours") == "2 10:00-14:00");
  CHECK(ew.w.kiosk_content_hash(a) == ew.w.kiosk_content_hash(b));
  CHECK(ew.w.status(a).release == 3);
  CHECK(ew.w.status(b).release == 3);
  CHECK(shown(a, "clinic-ep", "hours") == shown(b, "clinic-ep", "hours"));
  CHECK(hours_before != "2 10:00-14:00");
}

TEST_CASE("delivery is at least once, application exactly once", "[edits][idempotent]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  auto e1 = save(a, "clinic-ep", {{"phones", "+19155550122 voice"}}, ew.clock.now());
  auto e2 = save(a, "clinic-ep", {{"phones", "+19155550133 voice"}}, ew.clock.now());
  auto desk = ew.desk();
  auto kd = open_kiosk(a);
  std::string id = kd.status(0)->kiosk_id;
  // Reordered: the second edit arrives first and conflicts (its old value is
  // the first edit's new one); duplicates of both change nothing more.
  auto second_first = desk.receive(e2.envelope, id, ew.clock.now());
  CHECK(second_first.state == "conflict");
  auto first = desk.receive(e1.envelope, id, ew.clock.now());
  CHECK(first.state == "accepted");
  for (int i = 0; i < 3; ++i) {
    CHECK(desk.receive(e1.envelope, id, ew.clock.now()).state == "accepted");
    CHECK(desk.receive(e2.envelope, id, ew.clock.now()).state == "conflict");
  }
  CHECK(desk.list().value().size() == 2);
  // In order (the usual case), from a kiosk whose upload answer was lost:
  // the kiosk sends again and gets the stored answers.
  auto b = ew.kiosk("b");
  auto f1 =
      save(b, "shelter-ep", {{"status", "temporarily-closed"}, {"status_note@en", "Full tonight."}}, ew.clock.now());
  auto kb = open_kiosk(b);
  std::string bid = kb.status(0)->kiosk_id;
  CHECK(desk.receive(f1.envelope, bid, ew.clock.now()).state == "accepted");  // the answer "was lost"
  CHECK(exchange(b, ew.base(), ew.clock) == 1);                               // re-sent: same answer
  CHECK(outbox(b)[0].state == sync::EditState::Accepted);
  CHECK(desk.list("accepted").value().size() == 2);
  int64_t r = ew.publish_edits();
  auto rel = content::Store::open(ew.w.store + "/work/" + std::to_string(r) + ".db");
  REQUIRE(rel.ok());
  CHECK(content::read_service_record(**rel, "clinic-ep")->at("phones") == "+19155550122 voice");
  CHECK(content::read_service_record(**rel, "shelter-ep")->at("status") == "temporarily-closed");
}

TEST_CASE("an upload cut mid-request is sent again and applied once", "[edits][idempotent]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  save(a, "clinic-ep", {{"phones", "+19155550144 voice"}}, ew.clock.now());
  // A hub that takes the request, then drops the connection before answering.
  {
    auto kd = open_kiosk(a);
    auto t = sync::make_http_transport("http://127.0.0.1:9/releases/", 2);  // nothing listens: the upload fails
    CHECK_FALSE(sync::exchange_edits(kd, *t, ew.clock).ok());
  }
  CHECK(outbox(a)[0].state == sync::EditState::Pending);  // kept
  auto kd = open_kiosk(a);
  std::string id = kd.status(0)->kiosk_id;
  (void)ew.desk().receive(outbox(a)[0].envelope, id, ew.clock.now());  // it did arrive; the answer did not
  CHECK(exchange(a, ew.base(), ew.clock) == 1);
  CHECK(ew.desk().list().value().size() == 1);
}

TEST_CASE("a long outbox goes up in batches; a hub that forgot an edit gets it again", "[edits][idempotent]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  for (int i = 0; i < 120; ++i) {
    char phone[64];
    std::snprintf(phone, sizeof phone, "+1915555%04d voice", 2000 + i);
    save(a, "clinic-ep", {{"phones", phone}}, ew.clock.now() + i);
  }
  CHECK(exchange(a, ew.base(), ew.clock) == 120);
  CHECK(ew.desk().list("accepted").value().size() == 120);
  // The hub's edit database is restored from a backup that predates them.
  {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open((ew.w.store + "/edits.db").c_str(), &h) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h, "DELETE FROM edit WHERE seq > 100", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);
  }
  CHECK(exchange(a, ew.base(), ew.clock) == 20);  // answered "unknown": pending again
  int pending = 0;
  for (const auto& e : outbox(a)) pending += e.state == sync::EditState::Pending;
  CHECK(pending == 20);
  CHECK(exchange(a, ew.base(), ew.clock) == 20);  // sent again, accepted
  CHECK(ew.desk().list("accepted").value().size() == 120);
}

TEST_CASE("refusals carry a reason to the staff screen", "[edits][reject]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  auto desk = ew.desk();
  auto kd = open_kiosk(a);
  std::string id = kd.status(0)->kiosk_id;
  auto e = save(a, "clinic-ep", {{"phones", "+19155550155 voice"}}, ew.clock.now());

  SECTION("unknown device") {
    auto x = desk.receive(e.envelope, std::string(32, 'a'), ew.clock.now());
    CHECK(x.state == "rejected");
    CHECK(x.reason.find("unknown device") != std::string::npos);
  }
  SECTION("bad signature") {
    json env = json::parse(e.envelope);
    env["signed"]["fields"]["phones"]["new"] = "+19155550666 hotline";  // tampered on the way
    auto x = desk.receive(env.dump(), id, ew.clock.now());
    CHECK(x.state == "rejected");
    CHECK(x.reason.find("signature") != std::string::npos);
  }
  SECTION("a service of another centre") {
    // A kiosk at Santo Domingo registered as such cannot edit El Paso's clinic.
    auto sd = ew.kiosk("sd", "santo-domingo-test");
    auto ksd = open_kiosk(sd);
    sync::Outbox box(ksd);
    CHECK_FALSE(box.save("ana", "clinic-ep", {{"phones", "+19155550166 voice"}}, ew.clock.now()).ok());
    // ... and a forged edit naming El Paso from that kiosk is refused by the hub.
    json env = json::parse(e.envelope);
    env["signed"]["kiosk"] = ksd.status(0)->kiosk_id;
    auto sig = ksd.sign(env["signed"].dump());
    env["signature"] = sync::crypto::to_hex(*sig);
    auto x = desk.receive(env.dump(), ksd.status(0)->kiosk_id, ew.clock.now());
    CHECK(x.state == "rejected");
    CHECK(x.reason.find("registered for centre 'santo-domingo-test'") != std::string::npos);
    // An El Paso kiosk signing an edit of a Santo Domingo service.
    json other = json::parse(e.envelope);
    other["signed"]["service"] = "legal-sd";
    other["signed"]["id"] = std::string(32, 'b');
    other["signature"] = sync::crypto::to_hex(*kd.sign(other["signed"].dump()));
    auto y = desk.receive(other.dump(), id, ew.clock.now());
    CHECK(y.state == "rejected");
    CHECK(y.reason == "service 'legal-sd' belongs to centre 'santo-domingo-test', not to 'el-paso-test'");
  }
  SECTION("a locked staff account, and the reason reaches the outbox") {
    REQUIRE(desk.set_staff_locked("el-paso-test", "maria", true).ok());
    CHECK(exchange(a, ew.base(), ew.clock) == 1);
    auto o = outbox(a).at(0);
    CHECK(o.state == sync::EditState::Rejected);
    CHECK(o.reason == "staff account 'maria' is locked");
    // A rejected edit is no longer shown to visitors.
    auto kd2 = open_kiosk(a);
    sync::Outbox box(kd2);
    REQUIRE(box.refresh_view().ok());
    CHECK(shown(a, "clinic-ep", "phones") == released(a, "clinic-ep", "phones"));
  }
}

TEST_CASE("review policy holds edits until an operator accepts them", "[edits][merge]") {
  EditWorld ew;
  REQUIRE(ew.desk().set_policy("el-paso-test", "review").ok());
  auto a = ew.kiosk("a");
  auto e = save(a, "hotline", {{"phones", "+19155550199 hotline"}}, ew.clock.now());
  exchange(a, ew.base(), ew.clock);
  CHECK(outbox(a)[0].state == sync::EditState::Held);
  CHECK(shown(a, "hotline", "phones") == "+19155550199 hotline");  // staff's knowledge is shown meanwhile
  CHECK(ew.publish_edits() == 0);                                  // nothing accepted: no release
  REQUIRE(ew.desk().accept(e.id, "op", ew.clock.now()).ok());
  CHECK(ew.publish_edits() == 2);
  round(a, ew.base(), ew.clock);
  CHECK(outbox(a).empty());
  CHECK(released(a, "hotline", "phones") == "+19155550199 hotline");
}

TEST_CASE("a new service added on a kiosk reaches the fleet", "[edits][merge]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  auto b = ew.kiosk("b");
  auto kd = open_kiosk(a);
  sync::Outbox box(kd);
  auto e = box.save("maria", "el-paso-test-night-shelter",
                    {{"organization", "org-test"},
                     {"categories", "shelter"},
                     {"name@en", "Night Shelter (sample)"},
                     {"name@ar", "مأوى ليلي (عينة)"},
                     {"phones", "+19155550188 voice"},
                     {"last_verified", "2026-11-30"}},
                    ew.clock.now(), true);
  INFO((e ? "" : e.error().message));
  REQUIRE(e.ok());
  CHECK(shown(a, "el-paso-test-night-shelter", "name@en") == "Night Shelter (sample)");
  exchange(a, ew.base(), ew.clock);
  CHECK(ew.publish_edits() == 2);
  round(a, ew.base(), ew.clock);
  round(b, ew.base(), ew.clock);
  CHECK(released(b, "el-paso-test-night-shelter", "name@ar") == "مأوى ليلي (عينة)");
  CHECK(outbox(a).empty());
}

TEST_CASE("an operator release keeps accepted staff edits unless the source changed that field", "[edits][merge]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  save(a, "clinic-ep", {{"phones", "+19155550177 voice"}}, ew.clock.now());
  exchange(a, ew.base(), ew.clock);
  // The operator publishes from the authoring tree, which does not know the
  // staff edit: the hub's accepted edits are laid over it.
  auto desk = ew.desk();
  int64_t seen = 0;
  auto st = sync::ReleaseStore::open(ew.w.store);
  REQUIRE(st.ok());
  sync::PublishOptions o;
  o.now = ew.clock.now();
  o.amend = [&](const std::string& db) { return desk.amend(db, &seen); };
  fs::path src = ew.w.dir / "src";
  auto r = st->publish(src.string(), ew.w.keys, o);
  REQUIRE(r.ok());
  REQUIRE(r->published);
  REQUIRE(desk.mark_released(r->release, seen).ok());
  round(a, ew.base(), ew.clock);
  CHECK(released(a, "clinic-ep", "phones") == "+19155550177 voice");
  CHECK(outbox(a).empty());
}

TEST_CASE("kiosks accept a directory release only inside its scope", "[edits][scope]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  int64_t before = ew.w.status(a).release;
  auto key = sync::read_secret_key(ew.hub_key);
  REQUIRE(key.ok());
  auto st = sync::ReleaseStore::open(ew.w.store);
  REQUIRE(st.ok());
  auto latest = st->latest().value();
  // The hub (or whoever stole its key) signs a release made of the latest
  // database with one change.
  auto forge = [&](const std::function<void(content::Store&, const std::string&)>& change) {
    std::string db = (ew.w.dir / "forged.db").string();
    fs::remove(db);
    fs::copy_file(st->release_db(latest.release), db);
    {
      auto s = content::Store::open(db, content::Store::Mode::ReadWrite);
      REQUIRE(s.ok());
      change(**s, db);
    }
    sync::PublishOptions o;
    o.now = ew.clock.now();
    auto r = st->publish_directory(db, *key, o);
    REQUIRE(r.ok());
    REQUIRE(r->published);
    latest = st->latest().value();
  };
  auto raw_exec = [](const std::string& db, const std::string& sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    REQUIRE(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);
  };

  SECTION("its own centre's service: accepted") {
    forge([](content::Store& s, const std::string&) {
      REQUIRE(content::write_service_fields(s, "clinic-ep", {{"phones", "+19155550100 voice"}}).ok());
    });
    auto r = sync_from(a, ew.base() + "/releases/", ew.clock);
    INFO(r.message);
    CHECK(r.outcome == sync::SyncOutcome::Updated);
    CHECK(released(a, "clinic-ep", "phones") == "+19155550100 voice");
  }
  SECTION("another centre's service: refused") {
    forge([](content::Store& s, const std::string&) {
      REQUIRE(content::write_service_fields(s, "legal-sd", {{"phones", "+18095550666 hotline"}}).ok());
    });
    auto r = sync_from(a, ew.base() + "/releases/", ew.clock);
    CHECK(r.outcome == sync::SyncOutcome::Failed);
    CHECK(r.message.find("santo-domingo-test") != std::string::npos);
    CHECK(ew.w.status(a).release == before);
  }
  SECTION("an article (a warning): refused") {
    forge([&](content::Store&, const std::string& db) {
      raw_exec(db,
               "UPDATE article_text SET body = body || ' Call +15550666 instead.' WHERE article = 'trafficking-signs'");
    });
    auto r = sync_from(a, ew.base() + "/releases/", ew.clock);
    CHECK(r.outcome == sync::SyncOutcome::Failed);
    CHECK(r.message.find("outside the directory") != std::string::npos);
    CHECK(ew.w.status(a).release == before);
  }
  SECTION("the centre's emergency numbers: refused") {
    forge([&](content::Store&, const std::string& db) {
      raw_exec(db, "UPDATE emergency_number SET number = '+15550666' WHERE centre = 'el-paso-test'");
    });
    auto r = sync_from(a, ew.base() + "/releases/", ew.clock);
    CHECK(r.outcome == sync::SyncOutcome::Failed);
    CHECK(ew.w.status(a).release == before);
  }
  SECTION("an operator release may change anything") {
    int64_t n = ew.w.publish(7);
    auto r = sync_from(a, ew.base() + "/releases/", ew.clock);
    CHECK(r.outcome == sync::SyncOutcome::Updated);
    CHECK(ew.w.status(a).release == n);
  }
}

TEST_CASE("a directory release may not roll back to an older operator release", "[edits][scope]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  auto st = sync::ReleaseStore::open(ew.w.store);
  REQUIRE(st.ok());
  auto first = st->latest().value();  // operator release 1
  int64_t second = ew.w.publish(8);   // operator release 2 (changes an El Paso phone)
  auto r = sync_from(a, ew.base() + "/releases/", ew.clock);
  REQUIRE(r.outcome == sync::SyncOutcome::Updated);
  // The hub key signs release 3 = release 1's content, naming release 1 as
  // its parent: within its scope by the digests, but a step back in time.
  auto key = sync::read_secret_key(ew.hub_key);
  REQUIRE(key.ok());
  sync::Manifest m = first;
  m.release = second + 1;
  m.scope = "directory";
  m.centres = {"el-paso-test"};
  m.parent_json = first.json;
  m.digests = {};
  m.deltas.clear();
  REQUIRE(sync::sign_manifest(m, {*key}).ok());
  REQUIRE(sync::write_file_atomic(ew.w.store + "/releases/manifest.json", m.json).ok());
  auto r2 = sync_from(a, ew.base() + "/releases/", ew.clock);
  CHECK(r2.outcome == sync::SyncOutcome::Failed);
  CHECK(r2.message.find("older than release 2") != std::string::npos);
  CHECK(ew.w.status(a).release == second);
  // A fresh kiosk has seen no operator release yet; the signed parent and
  // the digests are what hold it to the operator's content.
  auto fresh = ew.w.new_centre_kiosk("fresh", "el-paso-test", ew.base());
  auto r3 = sync_from(fresh, ew.base() + "/releases/", ew.clock);
  INFO(r3.message);
  CHECK(r3.outcome == sync::SyncOutcome::Updated);
  CHECK(ew.w.kiosk_content_hash(fresh) == first.content_hash);
}

TEST_CASE("the hub key cannot sign a full release", "[edits][scope]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  auto st = sync::ReleaseStore::open(ew.w.store);
  auto m = st->latest().value();
  auto key = sync::read_secret_key(ew.hub_key);
  m.release += 1;
  REQUIRE(sync::sign_manifest(m, {*key}).ok());  // scope "full", hub key
  auto root = st->root().value();
  auto parsed = sync::parse_manifest(m.json).value();
  auto v = sync::verify_manifest(parsed, root);
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().message.find("release signatures") != std::string::npos);
}

TEST_CASE("a saved edit survives SIGKILL at any moment (100 kills)", "[edits][power-cut]") {
  EditWorld ew;
  auto a = ew.kiosk("a");
  std::mt19937 rng(20261128);
  int saved_total = 0;
  for (int round_no = 0; round_no < 100; ++round_no) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      auto kd = sync::KioskDir::open(a);
      if (!kd) _exit(2);
      sync::Outbox box(*kd);
      for (int i = 0; i < 5; ++i) {
        char phone[64];
        std::snprintf(phone, sizeof phone, "+1915%07d voice", round_no * 1000 + i);
        auto e = box.save("maria", "clinic-ep", {{"phones", phone}}, 1796000000 + i);
        if (!e) _exit(3);
        std::string line = e->id + "\n";
        if (write(fds[1], line.data(), line.size()) < 0) _exit(4);
      }
      close(fds[1]);
      for (;;) pause();  // the kill lands while saving or after the last save
    }
    close(fds[1]);
    std::string ids;
    char buf[4096];
    ssize_t n;
    // Half the rounds kill right after a save was confirmed (whatever the
    // machine's load); the others at any moment, maybe inside the first save.
    if (round_no % 2 == 0) {
      while (ids.find('\n') == std::string::npos && (n = read(fds[0], buf, sizeof buf)) > 0)
        ids.append(buf, static_cast<size_t>(n));
    }
    std::uniform_int_distribution<int> wait_us(0, 40000);
    usleep(static_cast<useconds_t>(wait_us(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    while ((n = read(fds[0], buf, sizeof buf)) > 0) ids.append(buf, static_cast<size_t>(n));
    close(fds[0]);
    // Every edit reported saved is in the outbox.
    auto box_now = outbox(a);
    std::set<std::string> have;
    for (const auto& e : box_now) have.insert(e.id);
    size_t pos = 0;
    while (pos < ids.size()) {
      size_t nl = ids.find('\n', pos);
      if (nl == std::string::npos) break;
      CHECK(have.count(ids.substr(pos, nl - pos)) == 1);
      ++saved_total;
      pos = nl + 1;
    }
  }
  // The view catches up with everything the outbox holds, and shows the last save.
  auto kd = open_kiosk(a);
  sync::Outbox box(kd);
  REQUIRE(box.refresh_view().ok());
  auto all = outbox(a);
  REQUIRE_FALSE(all.empty());
  CHECK(shown(a, "clinic-ep", "phones") == all.back().fields.at("phones").new_value);
  auto view = content::Store::open(box.view_db());
  REQUIRE(view.ok());
  CHECK((*view)->integrity_check().ok());
  INFO("edits confirmed before a kill: " << saved_total);
  CHECK(saved_total > 0);
  // And they all reach the hub, once each.
  exchange(a, ew.base(), ew.clock);
  CHECK(ew.desk().list().value().size() == all.size());
}

namespace {

// Runs `faro ARGS` (stdin from `input`); returns {exit code, stdout + stderr}.
std::pair<int, std::string> run_faro(const std::string& args, const std::string& input = "") {
  std::string cmd = std::string(FARO_BIN) + " " + args + " 2>&1";
  cmd = input.empty() ? cmd + " </dev/null" : "printf '%s\\n' '" + input + "' | " + cmd;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace

TEST_CASE("faro staff, kiosk edit, edits and sync: the operator's and the staff's commands", "[edits][cli]") {
  EditWorld ew;
  auto token = sync::ReleaseStore::open(ew.w.store)->new_token("test").value();
  auto a = ew.kiosk("a");
  std::string auth = " --hub " + ew.base() + " --token " + token;

  auto [rc_add, out_add] = run_faro("staff add " + a + " --id maria --name 'María López'", "4821");
  INFO(out_add);
  CHECK(rc_add == 0);
  auto [rc_short, out_short] = run_faro("staff add " + a + " --id jose --name José", "12");
  CHECK(rc_short == 1);
  CHECK(out_short.find("4 to 12 digits") != std::string::npos);
  CHECK(run_faro("staff list " + a).second.find("maria\tMaría López") != std::string::npos);

  auto [rc_edit, out_edit] =
      run_faro("kiosk edit " + a + " --staff maria --service clinic-ep 'phones=+19155550123 voice\\n+19155550124 sms'");
  INFO(out_edit);
  REQUIRE(rc_edit == 0);
  auto [rc_bad, out_bad] = run_faro("kiosk edit " + a + " --staff maria --service clinic-ep 'phones=555-0100 voice'");
  CHECK(rc_bad == 1);
  CHECK(out_bad.find("phones: phone '555-0100' is not E.164") != std::string::npos);
  CHECK(run_faro("kiosk status " + a + " --json").second.find("\"pending_edits\": 1") != std::string::npos);

  REQUIRE(run_faro("edits policy --centre el-paso-test review" + auth).first == 0);
  auto [rc_sync, out_sync] = run_faro("sync --kiosk " + a + " --no-heartbeat");
  INFO(out_sync);
  CHECK(rc_sync == 0);
  CHECK(run_faro("kiosk edits " + a).second.find("\theld\tclinic-ep\tmaria") != std::string::npos);
  auto [rc_list, list] = run_faro("edits list --state held" + auth);
  INFO(list);
  REQUIRE(rc_list == 0);
  std::string id = outbox(a).at(0).id;
  CHECK(list.find(id) != std::string::npos);
  auto [rc_show, shown_edit] = run_faro("edits show " + id + auth);
  CHECK(rc_show == 0);
  CHECK(shown_edit.find("phones [held]") != std::string::npos);
  CHECK(run_faro("edits accept " + id + " --by ana" + auth).first == 0);
  CHECK(run_faro("edits accept " + id + auth).first == 1);  // decided already
  auto [rc_pub, out_pub] = run_faro("edits publish" + auth);
  INFO(out_pub);
  CHECK(out_pub.find("published directory release 2") != std::string::npos);
  auto [rc_sync2, out_sync2] = run_faro("sync --kiosk " + a + " --no-heartbeat");
  INFO(out_sync2);
  CHECK(out_sync2.find("1 staff edit(s) now in the installed release") != std::string::npos);
  CHECK(run_faro("kiosk status " + a + " --json").second.find("\"pending_edits\": 0") != std::string::npos);
  CHECK(released(a, "clinic-ep", "phones") == "+19155550123 voice\n+19155550124 sms");
  CHECK(run_faro("edits list --hub " + ew.base() + " --token wrong").first == 1);
  CHECK(run_faro("staff lock --centre el-paso-test --id maria" + auth).first == 0);
  // A central account: hashed on this side, kept by the hub, taken by the kiosk at its next sync.
  auto [rc_hub_add, out_hub_add] = run_faro("staff add --centre el-paso-test --id ana --name Ana" + auth, "2468");
  INFO(out_hub_add);
  CHECK(rc_hub_add == 0);
  auto [rc_sync3, out_sync3] = run_faro("sync --kiosk " + a + " --no-heartbeat");
  INFO(out_sync3);
  CHECK(rc_sync3 == 0);
  auto [rc_list2, staff_list] = run_faro("staff list " + a);
  INFO(staff_list);
  CHECK(staff_list.find("ana\tAna\thub") != std::string::npos);
}
