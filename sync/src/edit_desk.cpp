#include "sync/edit_desk.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>

#include "content/service_record.h"
#include "content/store.h"
#include "sql_util.h"
#include "sync/crypto.h"
#include "sync/snapshot.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace faro::sync {

namespace {

std::mutex g_desk_mu;  // one merge at a time in this process

using sql::Q;

// One connection to STORE/edits.db (created with its tables on first use).
class Conn : public sql::Conn {
 public:
  Conn() : sql::Conn("edits.db") {}
  Status open(const std::string& path, const char* ddl) {
    return sql::Conn::open(path, true, ErrorCode::Database, "cannot open", ddl);
  }
};

const char* kEditsDdl =
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
    "CREATE TABLE IF NOT EXISTS edit (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
    "  device TEXT NOT NULL, centre TEXT NOT NULL, staff TEXT NOT NULL, service TEXT NOT NULL,"
    "  envelope TEXT NOT NULL, received TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',"
    "  release INTEGER NOT NULL DEFAULT 0, fields TEXT NOT NULL DEFAULT '{}', accepted_seq INTEGER NOT NULL DEFAULT 0,"
    "  decided_by TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE IF NOT EXISTS policy (centre TEXT PRIMARY KEY, mode TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS staff_lock (centre TEXT NOT NULL, staff TEXT NOT NULL, PRIMARY KEY (centre, staff));"
    "CREATE TABLE IF NOT EXISTS staff (centre TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,"
    "  pin_hash TEXT NOT NULL, PRIMARY KEY (centre, id));";

std::string edits_path(const std::string& dir) {
  return (fs::path(dir) / "edits.db").string();
}

json fields_json(const std::map<std::string, FieldOutcome>& f) {
  json j = json::object();
  for (const auto& [k, v] : f) j[k] = {{"state", v.state}, {"current", v.current}};
  return j;
}

std::map<std::string, FieldOutcome> fields_from(const std::string& text) {
  std::map<std::string, FieldOutcome> out;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it)
    out[it.key()] = FieldOutcome{it.value().value("state", ""), it.value().value("current", "")};
  return out;
}

Result<HubEdit> load_one(Conn& c, const std::string& id) {
  Q q(c.raw(),
      "SELECT envelope, device, received, state, reason, release, fields, accepted_seq FROM edit WHERE id = ?1");
  q.bind(1, id);
  if (!q.row()) return make_error(ErrorCode::NotFound, "no edit '" + id + "'");
  auto e = parse_edit_envelope(q.text(0));
  if (!e) return e.take_error();
  HubEdit h;
  h.edit = std::move(*e);
  h.device = q.text(1);
  h.received = q.text(2);
  h.state = q.text(3);
  h.reason = q.text(4);
  h.release = q.i64(5);
  h.fields = fields_from(q.text(6));
  h.accepted_seq = q.i64(7);
  return h;
}

Status save_outcome(Conn& c, const HubEdit& h, bool accepted_now, const std::string& by = "") {
  Q q(c.raw(),
      "UPDATE edit SET state = ?2, reason = ?3, release = ?4, fields = ?5, decided_by = CASE WHEN ?6 = '' THEN "
      "decided_by "
      "ELSE ?6 END, accepted_seq = CASE WHEN ?7 THEN (SELECT coalesce(max(accepted_seq), 0) + 1 FROM edit) "
      "ELSE accepted_seq END WHERE id = ?1");
  q.bind(1, h.edit.id).bind(2, h.state).bind(3, h.reason).bind(4, h.release).bind(5, fields_json(h.fields).dump());
  q.bind(6, by).bind(7, int64_t{accepted_now ? 1 : 0});
  if (!q.done()) return make_error(ErrorCode::Database, "edits.db: cannot save edit " + h.edit.id);
  return {};
}

// The latest release's database and number.
Result<std::pair<std::string, int64_t>> latest_db(const std::string& store_dir) {
  auto store = ReleaseStore::open(store_dir);
  if (!store) return store.take_error();
  auto m = store->latest();
  if (!m) return m.take_error();
  return std::make_pair(store->release_db(m->release), m->release);
}

// Accepted (or partly applied) edits not yet in a release, in acceptance order.
std::vector<HubEdit> unreleased(Conn& c) {
  std::vector<std::string> ids;
  Q q(c.raw(),
      "SELECT id FROM edit WHERE release = 0 AND state IN ('accepted', 'conflict') AND accepted_seq > 0 "
      "ORDER BY accepted_seq");
  while (q.row()) ids.push_back(q.text(0));
  std::vector<HubEdit> out;
  for (const auto& id : ids)
    if (auto h = load_one(c, id)) out.push_back(std::move(*h));
  return out;
}

struct Current {
  bool exists = false;
  std::string centre;
  content::ServiceRecord record;
};

// The service as the next release would have it.
Result<Current> current_service(Conn& c, content::Store& release, const std::string& service) {
  Current cur;
  auto centre = content::service_centre(release, service);
  if (centre) {
    cur.exists = true;
    cur.centre = *centre;
    auto rec = content::read_service_record(release, service);
    if (!rec) return rec.take_error();
    cur.record = std::move(*rec);
  }
  for (const auto& h : unreleased(c)) {
    if (h.edit.service != service) continue;
    if (h.edit.creates && !cur.exists) {
      cur.exists = true;
      cur.centre = h.edit.centre;
    }
    for (const auto& [f, o] : h.fields)
      if (o.state == "applied") cur.record[f] = h.edit.fields.at(f).new_value;
  }
  return cur;
}

std::string value_of(const content::ServiceRecord& r, const std::string& f) {
  auto it = r.find(f);
  return it == r.end() ? "" : it->second;
}

EditAnswer answer_of(const HubEdit& h) {
  return EditAnswer{h.edit.id, h.state, h.reason, h.release};
}

EditAnswer refusal(const std::string& id, const std::string& reason) {
  return EditAnswer{id, "rejected", reason, 0};
}

}  // namespace

Result<EditDesk> EditDesk::open(const std::string& store_dir) {
  auto store = ReleaseStore::open(store_dir);
  if (!store) return store.take_error();
  Conn c;
  if (auto s = c.open(edits_path(store_dir), kEditsDdl); !s) return s.take_error();
  return EditDesk(store_dir);
}

EditAnswer EditDesk::receive(const std::string& envelope, const std::string& device_id, int64_t now) {
  std::lock_guard<std::mutex> lock(g_desk_mu);
  auto parsed = parse_edit_envelope(envelope);
  if (!parsed) {
    json j = json::parse(envelope, nullptr, false);
    std::string id;
    if (j.is_object() && j.contains("signed") && j["signed"].is_object() && j["signed"].contains("id") &&
        j["signed"]["id"].is_string())
      id = j["signed"]["id"].get<std::string>();
    return refusal(id, parsed.error().message);
  }
  Edit e = std::move(*parsed);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return refusal(e.id, "hub: " + s.error().message);
  // Exactly once: a known id gets its first answer.
  if (auto known = load_one(c, e.id)) {
    if (known->device != device_id) return refusal(e.id, "edit id already used by another kiosk");
    return answer_of(*known);
  }
  // Who sent it: a registered device, signing with its own key, for its centre.
  std::string pub_hex, device_centre;
  {
    Conn s;
    if (auto st = s.open((fs::path(store_dir_) / "store.db").string(), "SELECT 1"); !st)
      return refusal(e.id, "hub: " + st.error().message);
    Q q(s.raw(), "SELECT public_key, centre FROM device WHERE id = ?1");
    q.bind(1, device_id);
    if (q.row()) {
      pub_hex = q.text(0);
      device_centre = q.text(1);
    }
  }
  // Refusals are not stored (a later, fixed upload may pass), except where
  // noted: they are answers the kiosk shows to staff.
  if (pub_hex.empty()) return refusal(e.id, "unknown device " + device_id + " (register it: faro device add)");
  if (e.kiosk_id != device_id) return refusal(e.id, "the edit names another kiosk than the one that sent it");
  json env = json::parse(envelope, nullptr, false);
  auto pub = crypto::from_hex(pub_hex);
  auto sig = crypto::from_hex(env["signature"].get<std::string>());
  if (!pub || !sig || !crypto::verify(env["signed"].dump(), *sig, *pub))
    return refusal(e.id, "bad signature: the edit was not signed by this kiosk's key");
  if (e.centre != device_centre)
    return refusal(e.id, "this kiosk is registered for centre '" + device_centre + "', not '" + e.centre + "'");
  {
    Q q(c.raw(), "SELECT 1 FROM staff_lock WHERE centre = ?1 AND staff = ?2");
    q.bind(1, e.centre).bind(2, e.staff);
    if (q.row()) return refusal(e.id, "staff account '" + e.staff + "' is locked");
  }
  auto latest = latest_db(store_dir_);
  if (!latest) return refusal(e.id, "hub: no release yet to merge into");
  auto rel = content::Store::open(latest->first);
  if (!rel) return refusal(e.id, "hub: " + rel.error().message);
  for (const auto& [f, ch] : e.fields)
    if (auto err = content::check_service_field(**rel, f, ch.new_value)) return refusal(e.id, f + ": " + *err);
  auto cur = current_service(c, **rel, e.service);
  if (!cur) return refusal(e.id, "hub: " + cur.error().message);

  HubEdit h;
  h.edit = e;
  h.device = device_id;
  h.received = format_time(now);
  if (e.creates) {
    if (cur->exists) return refusal(e.id, "service '" + e.service + "' exists already");
  } else {
    if (!cur->exists) return refusal(e.id, "no service '" + e.service + "' in the directory");
    if (cur->centre != e.centre)
      return refusal(e.id,
                     "service '" + e.service + "' belongs to centre '" + cur->centre + "', not to '" + e.centre + "'");
  }
  std::string mode = "auto";
  if (auto p = policy(e.centre); p) mode = *p;
  bool any_conflict = false, all_noop = true;
  for (const auto& [f, ch] : e.fields) {
    std::string now_value = value_of(cur->record, f);
    FieldOutcome o;
    if (now_value == ch.old_value)
      o.state = mode == "review" ? "held" : "applied";
    else if (now_value == ch.new_value)
      o.state = "noop";
    else {
      o.state = "conflict";
      o.current = now_value;
      any_conflict = true;
    }
    all_noop = all_noop && o.state == "noop";
    h.fields[f] = o;
  }
  bool accepted_now = false;
  if (any_conflict) {
    h.state = "conflict";
    std::string names;
    for (const auto& [f, o] : h.fields)
      if (o.state == "conflict") names += (names.empty() ? "" : ", ") + f;
    h.reason = "changed by someone else since: " + names + " (an operator will decide)";
    accepted_now = mode != "review";
    if (mode == "review")
      for (auto& [f, o] : h.fields)
        if (o.state == "applied") o.state = "held";
  } else if (mode == "review" && !all_noop) {
    h.state = "held";
    h.reason = "held for review by an operator";
  } else {
    h.state = "accepted";
    accepted_now = true;
    // Nothing to change: already in the latest release, unless another
    // unreleased edit is what made it current.
    if (all_noop) {
      auto in_release = content::read_service_record(**rel, e.service);
      bool there = in_release.ok();
      for (const auto& [f, ch] : e.fields) there = there && value_of(*in_release, f) == ch.new_value;
      if (there) h.release = latest->second;
    }
  }
  {
    Q q(c.raw(),
        "INSERT INTO edit(id, device, centre, staff, service, envelope, received, state) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, "
        "?7, ?8)");
    q.bind(1, e.id).bind(2, device_id).bind(3, e.centre).bind(4, e.staff).bind(5, e.service).bind(6, envelope);
    q.bind(7, h.received).bind(8, h.state);
    if (!q.done()) return refusal(e.id, "hub: cannot store the edit");
  }
  if (auto s = save_outcome(c, h, accepted_now); !s) return refusal(e.id, "hub: " + s.error().message);
  return answer_of(h);
}

Result<EditAnswer> EditDesk::answer(const std::string& edit_id, const std::string& device_id) {
  std::lock_guard<std::mutex> lock(g_desk_mu);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s.take_error();
  auto h = load_one(c, edit_id);
  if (!h) return h.take_error();
  if (h->device != device_id) return make_error(ErrorCode::NotFound, "no edit '" + edit_id + "' from this kiosk");
  return answer_of(*h);
}

Result<std::vector<HubEdit>> EditDesk::list(const std::string& state_filter) {
  std::lock_guard<std::mutex> lock(g_desk_mu);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s.take_error();
  std::vector<std::string> ids;
  {
    Q q(c.raw(), "SELECT id FROM edit WHERE ?1 = '' OR state = ?1 ORDER BY seq");
    q.bind(1, state_filter);
    while (q.row()) ids.push_back(q.text(0));
  }
  std::vector<HubEdit> out;
  for (const auto& id : ids) {
    auto h = load_one(c, id);
    if (!h) return h.take_error();
    out.push_back(std::move(*h));
  }
  return out;
}

Result<HubEdit> EditDesk::show(const std::string& edit_id) {
  std::lock_guard<std::mutex> lock(g_desk_mu);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s.take_error();
  return load_one(c, edit_id);
}

Status EditDesk::accept(const std::string& edit_id, const std::string& by, int64_t) {
  std::lock_guard<std::mutex> lock(g_desk_mu);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s;
  auto h = load_one(c, edit_id);
  if (!h) return h.take_error();
  if (h->state != "held" && h->state != "conflict")
    return make_error(ErrorCode::Invalid,
                      "edit " + edit_id + " is " + h->state + "; only held or conflicting edits wait for a decision");
  bool first_acceptance = h->state == "held";
  bool changed = false;
  for (auto& [f, o] : h->fields)
    if (o.state == "held" || o.state == "conflict") {
      o.state = "applied";
      changed = true;
    }
  h->state = "accepted";
  h->reason = "accepted by " + by;
  if (changed) h->release = 0;
  // A conflicting edit was already in the acceptance order; moving it to
  // the end makes its newly applied fields win over what came before.
  return save_outcome(c, *h, first_acceptance || changed, by);
}

Status EditDesk::reject(const std::string& edit_id, const std::string& by, const std::string& reason, int64_t) {
  std::lock_guard<std::mutex> lock(g_desk_mu);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s;
  auto h = load_one(c, edit_id);
  if (!h) return h.take_error();
  if (h->state != "held" && h->state != "conflict")
    return make_error(ErrorCode::Invalid,
                      "edit " + edit_id + " is " + h->state + "; only held or conflicting edits wait for a decision");
  bool any_applied = false;
  for (auto& [f, o] : h->fields) {
    if (o.state == "held" || o.state == "conflict") o.state = "rejected";
    any_applied = any_applied || o.state == "applied";
  }
  h->state = any_applied ? "accepted" : "rejected";
  h->reason = "rejected by " + by + (reason.empty() ? "" : ": " + reason);
  return save_outcome(c, *h, false, by);
}

Status EditDesk::set_policy(const std::string& centre, const std::string& mode) {
  if (mode != "auto" && mode != "review") return make_error(ErrorCode::Invalid, "policy must be auto or review");
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s;
  Q q(c.raw(), "INSERT OR REPLACE INTO policy(centre, mode) VALUES (?1, ?2)");
  q.bind(1, centre).bind(2, mode);
  return q.done() ? Status() : make_error(ErrorCode::Database, "edits.db: cannot save the policy");
}

Result<std::string> EditDesk::policy(const std::string& centre) {
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s.take_error();
  Q q(c.raw(), "SELECT mode FROM policy WHERE centre = ?1");
  q.bind(1, centre);
  return q.row() ? q.text(0) : std::string("auto");
}

Status EditDesk::set_staff_locked(const std::string& centre, const std::string& staff, bool locked) {
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s;
  Q q(c.raw(), locked ? "INSERT OR IGNORE INTO staff_lock(centre, staff) VALUES (?1, ?2)"
                      : "DELETE FROM staff_lock WHERE centre = ?1 AND staff = ?2");
  q.bind(1, centre).bind(2, staff);
  return q.done() ? Status() : make_error(ErrorCode::Database, "edits.db: cannot save the staff lock");
}

Status amend_database(const std::string& db_path, std::vector<HubEdit>& edits, std::vector<std::string>* superseded) {
  auto store = content::Store::open(db_path, content::Store::Mode::ReadWrite);
  if (!store) return store.take_error();
  for (auto& h : edits) {
    auto built = content::read_service_record(**store, h.edit.service);
    bool exists = built.ok();
    if (!exists && !h.edit.creates) continue;  // the operator removed the service
    content::ServiceRecord put;
    bool changed = false;
    for (auto& [f, o] : h.fields) {
      if (o.state != "applied") continue;
      auto ch = h.edit.fields.find(f);
      if (ch == h.edit.fields.end()) continue;
      std::string now_value = exists ? value_of(*built, f) : "";
      if (now_value == ch->second.new_value) continue;
      if (now_value == ch->second.old_value || !exists) {
        put[f] = ch->second.new_value;
      } else {
        o.state = "superseded";  // the operator's source changed it since
        o.current = now_value;
        changed = true;
      }
    }
    if (!put.empty()) {
      if (auto s = content::write_service_fields(**store, h.edit.service, put, exists ? "" : h.edit.centre); !s)
        return make_error(s.error().code, "edit " + h.edit.id + ": " + s.error().message);
    }
    if (changed && superseded) superseded->push_back(h.edit.id);
  }
  return {};
}

Status EditDesk::set_staff(const std::string& centre, const std::string& id, const std::string& name,
                           const std::string& pin_hash) {
  if (centre.empty() || id.empty() || id.size() > 40 || name.empty() || name.size() > 200)
    return make_error(ErrorCode::Invalid, "staff: centre, id (1-40) and name (1-200) are required");
  if (pin_hash.rfind("$argon2id$", 0) != 0 || pin_hash.size() > 200)
    return make_error(ErrorCode::Invalid, "staff: pin_hash must be an Argon2id hash, never a PIN");
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s;
  Q q(c.raw(), "INSERT OR REPLACE INTO staff(centre, id, name, pin_hash) VALUES (?1, ?2, ?3, ?4)");
  q.bind(1, centre).bind(2, id).bind(3, name).bind(4, pin_hash);
  return q.done() ? Status() : make_error(ErrorCode::Database, "edits.db: cannot save staff account " + id);
}

Status EditDesk::remove_staff(const std::string& centre, const std::string& id) {
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s;
  Q q(c.raw(), "DELETE FROM staff WHERE centre = ?1 AND id = ?2");
  q.bind(1, centre).bind(2, id);
  if (!q.done()) return make_error(ErrorCode::Database, "edits.db: cannot remove staff account " + id);
  if (sqlite3_changes(c.raw()) == 0)
    return make_error(ErrorCode::NotFound, "no staff account '" + id + "' at " + centre);
  return {};
}

Result<std::vector<HubStaff>> EditDesk::staff_of(const std::string& centre) {
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s.take_error();
  std::vector<HubStaff> out;
  Q q(c.raw(),
      "SELECT s.id, s.name, s.pin_hash, EXISTS (SELECT 1 FROM staff_lock l WHERE l.centre = s.centre AND l.staff = "
      "s.id) "
      "FROM staff s WHERE s.centre = ?1 ORDER BY s.id");
  q.bind(1, centre);
  while (q.row()) out.push_back({q.text(0), q.text(1), q.text(2), q.i64(3) != 0});
  return out;
}

Status EditDesk::amend(const std::string& db_path, int64_t* seen) {
  std::lock_guard<std::mutex> lock(g_desk_mu);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s;
  std::vector<HubEdit> edits;
  {
    std::vector<std::string> ids;
    Q q(c.raw(),
        "SELECT id, accepted_seq FROM edit WHERE state IN ('accepted', 'conflict') AND accepted_seq > 0 "
        "ORDER BY accepted_seq");
    while (q.row()) {
      ids.push_back(q.text(0));
      if (seen) *seen = q.i64(1);
    }
    for (const auto& id : ids)
      if (auto h = load_one(c, id)) edits.push_back(std::move(*h));
  }
  std::vector<std::string> superseded;
  if (auto s = amend_database(db_path, edits, &superseded); !s) return s;
  for (const auto& h : edits)
    if (std::find(superseded.begin(), superseded.end(), h.edit.id) != superseded.end())
      if (auto s = save_outcome(c, h, false); !s) return s;
  return {};
}

Status EditDesk::mark_carried(int64_t release, const std::string& db_path) {
  std::lock_guard<std::mutex> lock(g_desk_mu);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s;
  auto store = content::Store::open(db_path);
  if (!store) return store.take_error();
  for (const auto& h : unreleased(c)) {
    auto rec = content::read_service_record(**store, h.edit.service);
    if (!rec) continue;
    bool carried = true;
    for (const auto& [f, o] : h.fields)
      if (o.state == "applied") carried = carried && value_of(*rec, f) == h.edit.fields.at(f).new_value;
    if (!carried) continue;
    Q q(c.raw(), "UPDATE edit SET release = ?2 WHERE id = ?1 AND release = 0");
    q.bind(1, h.edit.id).bind(2, release);
    if (!q.done()) return make_error(ErrorCode::Database, "edits.db: cannot mark edit " + h.edit.id);
  }
  return {};
}

Status EditDesk::mark_released(int64_t release, int64_t seen) {
  std::lock_guard<std::mutex> lock(g_desk_mu);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s;
  return c.exec("UPDATE edit SET release = " + std::to_string(release) +
                " WHERE release = 0 AND state IN ('accepted', 'conflict') AND accepted_seq > 0 AND accepted_seq <= " +
                std::to_string(seen));
}

Result<PublishResult> EditDesk::publish_directory(const std::string& hub_secret_key, const PublishOptions& opts) {
  std::vector<HubEdit> edits;
  std::pair<std::string, int64_t> latest;
  {
    std::lock_guard<std::mutex> lock(g_desk_mu);
    Conn c;
    if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s.take_error();
    auto l = latest_db(store_dir_);
    if (!l) return l.take_error();
    latest = *l;
    edits = unreleased(c);
  }
  PublishResult none;
  none.release = latest.second;
  if (edits.empty()) return none;
  auto store_dir = fs::path(store_dir_);
  std::string tmp = (store_dir / "work" / ("edits-" + crypto::random_token(6) + ".db")).string();
  if (auto s = copy_file_synced(latest.first, tmp); !s) return s.take_error();
  auto cleanup = [&] {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(tmp + suffix, ec);
  };
  {
    auto db = content::Store::open(tmp, content::Store::Mode::ReadWrite);
    if (!db) {
      cleanup();
      return db.take_error();
    }
    for (const auto& h : edits) {
      content::ServiceRecord put;
      for (const auto& [f, o] : h.fields)
        if (o.state == "applied") put[f] = h.edit.fields.at(f).new_value;
      if (put.empty()) continue;
      bool exists = content::service_centre(**db, h.edit.service).ok();
      if (auto s = content::write_service_fields(**db, h.edit.service, put, exists ? "" : h.edit.centre); !s) {
        cleanup();
        return make_error(s.error().code, "edit " + h.edit.id + ": " + s.error().message);
      }
    }
  }
  auto store = ReleaseStore::open(store_dir_);
  if (!store) {
    cleanup();
    return store.take_error();
  }
  auto r = store->publish_directory(tmp, hub_secret_key, opts);
  cleanup();
  if (!r) return r;
  // Mark exactly the edits this release carries.
  std::lock_guard<std::mutex> lock(g_desk_mu);
  Conn c;
  if (auto s = c.open(edits_path(store_dir_), kEditsDdl); !s) return s.take_error();
  for (const auto& h : edits) {
    Q q(c.raw(), "UPDATE edit SET release = ?2 WHERE id = ?1 AND release = 0");
    q.bind(1, h.edit.id).bind(2, r->release);
    if (!q.done()) return make_error(ErrorCode::Database, "edits.db: cannot mark edit " + h.edit.id);
  }
  return r;
}

std::string edit_to_json(const HubEdit& h) {
  json fields = json::object();
  for (const auto& [f, ch] : h.edit.fields) {
    json j = {{"old", ch.old_value}, {"new", ch.new_value}};
    auto it = h.fields.find(f);
    if (it != h.fields.end()) {
      j["state"] = it->second.state;
      if (!it->second.current.empty() || it->second.state == "conflict") j["current"] = it->second.current;
    }
    fields[f] = j;
  }
  return json{{"id", h.edit.id},
              {"device", h.device},
              {"centre", h.edit.centre},
              {"staff", h.edit.staff},
              {"service", h.edit.service},
              {"creates", h.edit.creates},
              {"base_release", h.edit.base_release},
              {"created", h.edit.created},
              {"received", h.received},
              {"state", h.state},
              {"reason", h.reason},
              {"release", h.release},
              {"fields", fields}}
      .dump();
}

Result<HubEdit> edit_from_json(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return make_error(ErrorCode::Invalid, "edit: not a JSON object");
  HubEdit h;
  try {
    h.edit.id = j.at("id").get<std::string>();
    h.device = j.value("device", "");
    h.edit.centre = j.value("centre", "");
    h.edit.staff = j.value("staff", "");
    h.edit.service = j.value("service", "");
    h.edit.creates = j.value("creates", false);
    h.edit.base_release = j.value("base_release", int64_t{0});
    h.edit.created = j.value("created", "");
    h.received = j.value("received", "");
    h.state = j.value("state", "");
    h.reason = j.value("reason", "");
    h.release = j.value("release", int64_t{0});
    h.accepted_seq = j.value("accepted_seq", int64_t{0});
    for (auto it = j.at("fields").begin(); it != j.at("fields").end(); ++it) {
      h.edit.fields[it.key()] = FieldChange{it.value().value("old", ""), it.value().value("new", "")};
      h.fields[it.key()] = FieldOutcome{it.value().value("state", ""), it.value().value("current", "")};
    }
  } catch (const json::exception& e) {
    return make_error(ErrorCode::Invalid, std::string("edit: ") + e.what());
  }
  return h;
}

}  // namespace faro::sync
