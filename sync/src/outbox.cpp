#include "sync/outbox.h"

#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "content/store.h"
#include "sql_util.h"
#include "sync/crypto.h"
#include "sync/release_store.h"
#include "sync/snapshot.h"
#include "sync/versions.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace faro::sync {

namespace {

constexpr int kEditFormat = 1;
constexpr int kFreeTries = 5;
constexpr int64_t kFirstLockSeconds = 30;
constexpr int64_t kMaxLockSeconds = 3600;

using sql::Q;

// One connection to kiosk.db with the staff and edit tables.
class KioskDb : public sql::Conn {
 public:
  KioskDb() : Conn("kiosk.db") {}
  Status open(const std::string& path) {
    return Conn::open(
        path, false, ErrorCode::NotFound, "cannot open kiosk state",
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
        "CREATE TABLE IF NOT EXISTS staff (id TEXT PRIMARY KEY, name TEXT NOT NULL, pin_hash TEXT NOT NULL,"
        "  failures INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,"
        "  origin TEXT NOT NULL DEFAULT 'local', operator_locked INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS edit (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
        "  envelope TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',"
        "  release INTEGER NOT NULL DEFAULT 0);");
  }
  std::string state(const std::string& key) {
    Q q(raw(), "SELECT value FROM state WHERE key = ?1");
    q.bind(1, key);
    return q.row() ? q.text(0) : std::string();
  }
};

// An exclusive lock on KIOSK/view.lock: one writer of view.db at a time,
// across threads and processes.
class ViewLock {
 public:
  explicit ViewLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~ViewLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_ = -1;
};

bool is_live(EditState s) {
  return s == EditState::Pending || s == EditState::Held || s == EditState::Accepted;
}

Result<std::vector<Edit>> load_edits(KioskDb& db, bool live_only) {
  std::vector<Edit> out;
  Q q(db.raw(), "SELECT seq, envelope, state, reason, release FROM edit ORDER BY seq");
  while (q.row()) {
    auto e = parse_edit_envelope(q.text(1));
    if (!e)
      return make_error(ErrorCode::Database, "kiosk.db: edit " + std::to_string(q.i64(0)) + ": " + e.error().message);
    e->seq = q.i64(0);
    e->state = parse_edit_state(q.text(2)).value_or(EditState::Pending);
    e->reason = q.text(3);
    e->release = q.i64(4);
    if (!live_only || is_live(e->state)) out.push_back(std::move(*e));
  }
  return out;
}

// What view.db must reflect: the base release's hash and the live edits.
std::string view_digest(const std::string& content_hash, const std::vector<Edit>& live) {
  std::string s = content_hash;
  for (const auto& e : live) s += "\n" + e.id;
  return crypto::sha256_hex(s);
}

content::ServiceRecord new_values(const Edit& e) {
  content::ServiceRecord r;
  for (const auto& [f, c] : e.fields) r[f] = c.new_value;
  return r;
}

std::string random_id() {
  return crypto::random_token(16);
}

}  // namespace

const char* to_string(EditState s) {
  switch (s) {
    case EditState::Pending:
      return "pending";
    case EditState::Held:
      return "held";
    case EditState::Accepted:
      return "accepted";
    case EditState::Conflict:
      return "conflict";
    case EditState::Rejected:
      return "rejected";
  }
  return "pending";
}

std::optional<EditState> parse_edit_state(std::string_view s) {
  for (auto e : {EditState::Pending, EditState::Held, EditState::Accepted, EditState::Conflict, EditState::Rejected})
    if (s == to_string(e)) return e;
  return std::nullopt;
}

PinCost interactive_pin_cost() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
PinCost minimum_pin_cost() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

// --- Staff -------------------------------------------------------------------------

Status add_staff(KioskDir& kiosk, const std::string& id, const std::string& name, const std::string& pin,
                 PinCost cost) {
  static const std::regex id_re("^[a-z0-9][a-z0-9._-]{0,39}$");
  static const std::regex pin_re("^[0-9]{4,12}$");
  if (!std::regex_match(id, id_re))
    return make_error(ErrorCode::Invalid,
                      "staff id '" + id + "' must be 1-40 of a-z 0-9 . _ - (starting with a letter or digit)");
  if (name.empty() || name.size() > 200) return make_error(ErrorCode::Invalid, "staff name must be 1-200 bytes");
  if (!std::regex_match(pin, pin_re)) return make_error(ErrorCode::Invalid, "a PIN is 4 to 12 digits");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, pin.c_str(), pin.size(), cost.ops, cost.mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error(ErrorCode::Io, "out of memory hashing the PIN");
  KioskDb db;
  if (auto s = db.open(kiosk.kiosk_db()); !s) return s;
  Q q(db.raw(),
      "INSERT INTO staff(id, name, pin_hash) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
      " pin_hash = excluded.pin_hash, failures = 0, locked_until = 0");
  q.bind(1, id).bind(2, name).bind(3, std::string(hash));
  if (!q.done()) return make_error(ErrorCode::Database, "kiosk.db: cannot save staff account " + id);
  return {};
}

Status remove_staff(KioskDir& kiosk, const std::string& id) {
  KioskDb db;
  if (auto s = db.open(kiosk.kiosk_db()); !s) return s;
  Q q(db.raw(), "DELETE FROM staff WHERE id = ?1");
  q.bind(1, id);
  if (!q.done()) return make_error(ErrorCode::Database, "kiosk.db: cannot remove staff account " + id);
  if (sqlite3_changes(db.raw()) == 0) return make_error(ErrorCode::NotFound, "no staff account '" + id + "'");
  return {};
}

Result<std::vector<StaffAccount>> list_staff(KioskDir& kiosk) {
  KioskDb db;
  if (auto s = db.open(kiosk.kiosk_db()); !s) return s.take_error();
  std::vector<StaffAccount> out;
  Q q(db.raw(), "SELECT id, name, failures, locked_until, origin, operator_locked FROM staff ORDER BY name, id");
  while (q.row())
    out.push_back({q.text(0), q.text(1), static_cast<int>(q.i64(2)), q.i64(3), q.text(4) == "hub", q.i64(5) != 0});
  return out;
}

Result<std::string> hash_pin(const std::string& pin, PinCost cost) {
  static const std::regex pin_re("^[0-9]{4,12}$");
  if (!std::regex_match(pin, pin_re)) return make_error(ErrorCode::Invalid, "a PIN is 4 to 12 digits");
  if (auto s = crypto::init(); !s) return s.take_error();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, pin.c_str(), pin.size(), cost.ops, cost.mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error(ErrorCode::Io, "out of memory hashing the PIN");
  return std::string(hash);
}

Status apply_hub_staff(KioskDir& kiosk, const std::vector<HubStaff>& accounts) {
  KioskDb db;
  if (auto s = db.open(kiosk.kiosk_db()); !s) return s;
  if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return s;
  auto fail = [&](const std::string& what) {
    (void)db.exec("ROLLBACK");
    return make_error(ErrorCode::Database, "kiosk.db: " + what);
  };
  std::set<std::string> keep;
  for (const auto& a : accounts) {
    if (a.id.empty() || a.pin_hash.rfind("$argon2id$", 0) != 0) continue;  // never a bare PIN
    keep.insert(a.id);
    // Same hash: keep the wrong-PIN count; a new PIN starts afresh.
    Q q(db.raw(),
        "INSERT INTO staff(id, name, pin_hash, origin, operator_locked) VALUES (?1, ?2, ?3, 'hub', ?4) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, origin = 'hub', operator_locked = "
        "excluded.operator_locked,"
        " failures = CASE WHEN pin_hash = excluded.pin_hash THEN failures ELSE 0 END,"
        " locked_until = CASE WHEN pin_hash = excluded.pin_hash THEN locked_until ELSE 0 END,"
        " pin_hash = excluded.pin_hash");
    q.bind(1, a.id).bind(2, a.name).bind(3, a.pin_hash).bind(4, int64_t{a.locked ? 1 : 0});
    if (!q.done()) return fail("cannot save staff account " + a.id);
  }
  std::vector<std::string> gone;
  {
    Q q(db.raw(), "SELECT id FROM staff WHERE origin = 'hub'");
    while (q.row())
      if (!keep.count(q.text(0))) gone.push_back(q.text(0));
  }
  for (const auto& id : gone) {
    Q q(db.raw(), "DELETE FROM staff WHERE id = ?1");
    q.bind(1, id);
    if (!q.done()) return fail("cannot remove staff account " + id);
  }
  return db.exec("COMMIT");
}

Result<LoginResult> staff_login(KioskDir& kiosk, const std::string& id, const std::string& pin, int64_t now) {
  KioskDb db;
  if (auto s = db.open(kiosk.kiosk_db()); !s) return s.take_error();
  std::string hash;
  int failures = 0;
  int64_t locked_until = 0;
  {
    Q q(db.raw(), "SELECT pin_hash, failures, locked_until, operator_locked FROM staff WHERE id = ?1");
    q.bind(1, id);
    if (!q.row()) return LoginResult{false, 0, 0, "unknown staff account"};
    hash = q.text(0);
    failures = static_cast<int>(q.i64(1));
    locked_until = q.i64(2);
    if (q.i64(3)) return LoginResult{false, 0, failures, "locked by an operator"};
  }
  LoginResult r;
  r.failures = failures;
  if (locked_until > now) {
    r.retry_at = locked_until;
    r.message = "locked";
    return r;
  }
  if (crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) == 0) {
    Q q(db.raw(), "UPDATE staff SET failures = 0, locked_until = 0 WHERE id = ?1");
    q.bind(1, id);
    if (!q.done()) return make_error(ErrorCode::Database, "kiosk.db: cannot record the login");
    r.ok = true;
    r.failures = 0;
    return r;
  }
  ++failures;
  int64_t until = 0;
  if (failures >= kFreeTries) {
    int64_t lock = kFirstLockSeconds;
    for (int i = kFreeTries; i < failures && lock < kMaxLockSeconds; ++i) lock *= 2;
    until = now + std::min(lock, kMaxLockSeconds);
  }
  Q q(db.raw(), "UPDATE staff SET failures = ?2, locked_until = ?3 WHERE id = ?1");
  q.bind(1, id).bind(2, int64_t{failures}).bind(3, until);
  if (!q.done()) return make_error(ErrorCode::Database, "kiosk.db: cannot record the failed login");
  r.failures = failures;
  r.retry_at = until;
  r.message = until ? "locked" : "wrong PIN";
  return r;
}

// --- Edit envelopes ------------------------------------------------------------------

Result<Edit> parse_edit_envelope(std::string_view text) {
  json env = json::parse(text.begin(), text.end(), nullptr, false);
  auto bad = [](const std::string& why) { return make_error(ErrorCode::Invalid, "edit: " + why); };
  if (!env.is_object() || !env.contains("signed") || !env["signed"].is_object() || !env.contains("signature") ||
      !env["signature"].is_string())
    return bad("expected {signed, signature}");
  const json& s = env["signed"];
  if (s.value("type", "") != "edit" || !s.contains("format") || !s["format"].is_number_integer() ||
      s["format"].get<int>() != kEditFormat)
    return bad("not an edit of a known format");
  Edit e;
  try {
    e.id = s.at("id").get<std::string>();
    e.kiosk_id = s.at("kiosk").get<std::string>();
    e.centre = s.at("centre").get<std::string>();
    e.staff = s.at("staff").get<std::string>();
    e.service = s.at("service").get<std::string>();
    e.creates = s.at("creates").get<bool>();
    e.base_release = s.at("base_release").get<int64_t>();
    e.created = s.at("created").get<std::string>();
    const json& f = s.at("fields");
    if (!f.is_object() || f.empty() || f.size() > 500) return bad("'fields' must name 1 to 500 fields");
    for (auto it = f.begin(); it != f.end(); ++it)
      e.fields[it.key()] =
          FieldChange{it.value().at("old").get<std::string>(), it.value().at("new").get<std::string>()};
  } catch (const json::exception&) {
    return bad("a field is missing or has the wrong type");
  }
  if (e.id.size() != 32 || e.id.find_first_not_of("0123456789abcdef") != std::string::npos) return bad("bad id");
  if (e.service.empty() || e.service.size() > 80) return bad("bad service id");
  e.envelope = std::string(text);
  return e;
}

// --- Outbox ------------------------------------------------------------------------------

std::string Outbox::view_db() const {
  return (fs::path(kiosk_.dir()) / "view.db").string();
}

Result<bool> Outbox::refresh_view() {
  ViewLock lock((fs::path(kiosk_.dir()) / "view.lock").string());
  KioskDb db;
  if (auto s = db.open(kiosk_.kiosk_db()); !s) return s.take_error();
  std::error_code ec;
  if (!fs::exists(kiosk_.content_db(), ec)) return make_error(ErrorCode::NotFound, "no content yet (sync first)");
  auto live = load_edits(db, true);
  if (!live) return live.take_error();
  std::string want = view_digest(db.state("content_hash"), *live);
  if (fs::exists(view_db(), ec)) {
    // Writable, so that a save cut short (a hot journal) is rolled back here,
    // under the lock, and never meets the file that replaces this one.
    auto v = content::Store::open(view_db(), content::Store::Mode::ReadWriteRollback);
    if (v) {
      auto have = (*v)->meta("view_digest");
      if (have && *have == want) return false;
    }
  }
  for (const char* suffix : {"-journal", "-wal", "-shm"}) fs::remove(view_db() + suffix, ec);
  std::string tmp = view_db() + ".building";
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(tmp + suffix, ec);
  if (auto s = copy_file_synced(kiosk_.content_db(), tmp); !s) return s.take_error();
  {
    auto store = content::Store::open(tmp, content::Store::Mode::ReadWriteRollback);
    if (!store) return store.take_error();
    for (const auto& e : *live) {
      // An edit that no longer fits the release (its organization or
      // category is gone) stays in the outbox but not in the view.
      (void)content::write_service_fields(**store, e.service, new_values(e), e.creates ? e.centre : "");
    }
    if (auto s = (*store)->set_meta("view_digest", want); !s) return s.take_error();
  }
  {
    // Rollback journal, never WAL: the file is replaced by rename while the
    // kiosk's screens read the old one (see Store::Mode::ReadWriteRollback).
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(tmp.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK)
      sqlite3_exec(raw, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
    sqlite3_close_v2(raw);
  }
  if (auto s = fsync_path(tmp); !s) return s.take_error();
  fs::rename(tmp, view_db(), ec);
  if (ec) return make_error(ErrorCode::Io, view_db() + ": " + ec.message());
  (void)fsync_path(kiosk_.dir());
  return true;
}

Result<Edit> Outbox::save(const std::string& staff, const std::string& service, const content::ServiceRecord& values,
                          int64_t now, bool create) {
  if (auto r = refresh_view(); !r) return r.take_error();
  ViewLock lock((fs::path(kiosk_.dir()) / "view.lock").string());
  auto st = kiosk_.status(now);
  if (!st) return st.take_error();
  auto view = content::Store::open(view_db(), content::Store::Mode::ReadWriteRollback);
  if (!view) return view.take_error();
  content::Store& v = **view;

  Edit e;
  e.id = random_id();
  e.kiosk_id = st->kiosk_id;
  e.centre = st->centre;
  e.staff = staff;
  e.service = service;
  e.creates = create;
  e.base_release = st->release;
  e.created = format_time(now);
  content::ServiceRecord old;
  if (create) {
    if (content::service_centre(v, service))
      return make_error(ErrorCode::Invalid, "service '" + service + "' exists already");
  } else {
    auto centre = content::service_centre(v, service);
    if (!centre) return centre.take_error();
    if (*centre != st->centre)
      return make_error(ErrorCode::Invalid, "service '" + service + "' belongs to centre " + *centre +
                                                ", not to this kiosk's " + st->centre);
    auto rec = content::read_service_record(v, service);
    if (!rec) return rec.take_error();
    old = std::move(*rec);
  }
  for (const auto& [f, nv] : values) {
    auto it = old.find(f);
    std::string ov = it == old.end() ? "" : it->second;
    if (ov != nv) e.fields[f] = FieldChange{ov, nv};
  }
  if (e.fields.empty()) return make_error(ErrorCode::Invalid, "nothing changed");

  json fields = json::object();
  for (const auto& [f, c] : e.fields) fields[f] = {{"old", c.old_value}, {"new", c.new_value}};
  json signed_part = {{"type", "edit"},       {"format", kEditFormat}, {"id", e.id},
                      {"kiosk", e.kiosk_id},  {"centre", e.centre},    {"staff", e.staff},
                      {"service", e.service}, {"creates", e.creates},  {"base_release", e.base_release},
                      {"created", e.created}, {"fields", fields}};
  auto sig = kiosk_.sign(signed_part.dump());
  if (!sig) return sig.take_error();
  e.envelope = json{{"signed", signed_part}, {"signature", crypto::to_hex(*sig)}}.dump();

  // Apply to the view inside its transaction (this also checks every field),
  // commit the outbox durably, then commit the view.
  if (auto s = v.begin_write(); !s) return s.take_error();
  if (auto s = content::write_service_fields(v, service, new_values(e), create ? st->centre : ""); !s) {
    v.rollback();
    return s.take_error();
  }
  KioskDb db;
  if (auto s = db.open(kiosk_.kiosk_db()); !s) {
    v.rollback();
    return s.take_error();
  }
  {
    Q q(db.raw(), "INSERT INTO edit(id, envelope, state) VALUES (?1, ?2, 'pending')");
    q.bind(1, e.id).bind(2, e.envelope);
    if (!q.done()) {
      v.rollback();
      return make_error(ErrorCode::Database, "kiosk.db: cannot save the edit");
    }
    e.seq = sqlite3_last_insert_rowid(db.raw());
  }
  auto live = load_edits(db, true);
  if (live) (void)v.set_meta("view_digest", view_digest(db.state("content_hash"), *live));
  if (auto s = v.commit(); !s) {
    v.rollback();  // the outbox has it; the next refresh_view rebuilds the view
  }
  return e;
}

Result<std::vector<Edit>> Outbox::list() {
  KioskDb db;
  if (auto s = db.open(kiosk_.kiosk_db()); !s) return s.take_error();
  return load_edits(db, false);
}

Result<int> Outbox::count_live() {
  KioskDb db;
  if (auto s = db.open(kiosk_.kiosk_db()); !s) return s.take_error();
  Q q(db.raw(), "SELECT count(*) FROM edit WHERE state IN ('pending', 'held', 'accepted')");
  return q.row() ? static_cast<int>(q.i64(0)) : 0;
}

Status Outbox::set_state(const std::string& edit_id, EditState state, const std::string& reason, int64_t release) {
  KioskDb db;
  if (auto s = db.open(kiosk_.kiosk_db()); !s) return s;
  Q q(db.raw(), "UPDATE edit SET state = ?2, reason = ?3, release = ?4 WHERE id = ?1");
  q.bind(1, edit_id).bind(2, std::string(to_string(state))).bind(3, reason).bind(4, release);
  if (!q.done()) return make_error(ErrorCode::Database, "kiosk.db: cannot update edit " + edit_id);
  return {};
}

Result<int> Outbox::clear_released() {
  KioskDb db;
  if (auto s = db.open(kiosk_.kiosk_db()); !s) return s.take_error();
  int64_t installed = 0;
  try {
    installed = std::stoll(db.state("release").empty() ? "0" : db.state("release"));
  } catch (...) {
  }
  Q q(db.raw(), "DELETE FROM edit WHERE state = 'accepted' AND release > 0 AND release <= ?1");
  q.bind(1, installed);
  if (!q.done()) return make_error(ErrorCode::Database, "kiosk.db: cannot clear released edits");
  return sqlite3_changes(db.raw());
}

Result<std::map<std::string, std::vector<std::string>>> Outbox::pending_fields() {
  KioskDb db;
  if (auto s = db.open(kiosk_.kiosk_db()); !s) return s.take_error();
  auto live = load_edits(db, true);
  if (!live) return live.take_error();
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& e : *live)
    for (const auto& [f, c] : e.fields) out[e.service].push_back(f);
  return out;
}

// --- Upload ---------------------------------------------------------------------------------

Result<int> exchange_edits(KioskDir& kiosk, Transport& hub, Clock& clock) {
  Outbox box(kiosk);
  auto all = box.list();
  if (!all) return all.take_error();
  std::vector<const Edit*> uploads, query;
  for (const auto& e : *all) {
    if (e.state == EditState::Pending)
      uploads.push_back(&e);
    else if (e.state == EditState::Held || e.state == EditState::Conflict ||
             (e.state == EditState::Accepted && e.release == 0))
      query.push_back(&e);
  }
  auto st = kiosk.status(clock.now());
  if (!st) return st.take_error();
  int changed = 0;
  // In batches well under the hub's body limit, oldest first: a kiosk back
  // after months offline sends its outbox over several requests.
  constexpr size_t kBatch = 50;
  size_t up = 0, q = 0;
  bool first = true;
  while (first || up < uploads.size() || q < query.size()) {
    first = false;
    json edits = json::array(), ids = json::array();
    for (size_t n = 0; n < kBatch && up < uploads.size(); ++n, ++up)
      edits.push_back(json::parse(uploads[up]->envelope));
    for (size_t n = 0; n < kBatch * 4 && q < query.size(); ++n, ++q) ids.push_back(query[q]->id);
    json body = {{"kiosk", st->kiosk_id}, {"sent_at", format_time(clock.now())}, {"edits", edits}, {"query", ids}};
    auto sig = kiosk.sign(body.dump());
    if (!sig) return sig.take_error();
    auto answer = hub.post("api/v1/edits", json{{"signed", body}, {"signature", crypto::to_hex(*sig)}}.dump());
    if (!answer) return answer.take_error();
    json a = json::parse(*answer, nullptr, false);
    if (!a.is_object() || !a.contains("results") || !a["results"].is_array())
      return make_error(ErrorCode::Invalid, "hub: malformed answer to the edit upload");
    // The centre's staff accounts as the hub knows them (hashes only).
    if (a.contains("staff") && a["staff"].is_array()) {
      std::vector<HubStaff> staff;
      for (const auto& x : a["staff"])
        if (x.is_object() && x.contains("id") && x["id"].is_string() && x.contains("pin_hash") &&
            x["pin_hash"].is_string())
          staff.push_back({x["id"].get<std::string>(), x.value("name", ""), x["pin_hash"].get<std::string>(),
                           x.value("locked", false)});
      if (auto s = apply_hub_staff(kiosk, staff); !s) return s.take_error();
    }
    for (const auto& r : a["results"]) {
      if (!r.is_object() || !r.contains("id") || !r["id"].is_string() || !r.contains("state") ||
          !r["state"].is_string())
        continue;
      std::string id = r["id"].get<std::string>();
      auto it = std::find_if(all->begin(), all->end(), [&](const Edit& e) { return e.id == id; });
      if (it == all->end()) continue;
      // A hub that no longer knows an edit (its store was restored from an
      // older backup) gets it again on the next exchange.
      std::string state_text = r["state"].get<std::string>();
      auto state =
          state_text == "unknown" ? std::optional<EditState>(EditState::Pending) : parse_edit_state(state_text);
      if (!state) continue;
      std::string reason = r.value("reason", "");
      int64_t release = r.contains("release") && r["release"].is_number_integer() ? r["release"].get<int64_t>() : 0;
      if (it->state == *state && it->reason == reason && it->release == release) continue;
      if (auto s = box.set_state(id, *state, reason, release); !s) return s.take_error();
      ++changed;
    }
  }
  return changed;
}

}  // namespace faro::sync
