#include "sync/kiosk.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <thread>

#include "content/store.h"
#include "content/versions.h"
#include "sync/crypto.h"
#include "sync/release_store.h"
#include "sync/snapshot.h"
#include "sync/versions.h"

namespace fs = std::filesystem;

namespace faro::sync {

namespace {

class SystemClock : public Clock {
 public:
  int64_t now() override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  void sleep_ms(int64_t ms) override { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
};

// kiosk.db: a small key-value state table, the pinned roots and mirrors.
class StateDb {
 public:
  ~StateDb() {
    if (db_) sqlite3_close_v2(db_);
  }
  Status open(const std::string& path, bool create) {
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK)
      return make_error(ErrorCode::NotFound, path + ": cannot open kiosk state");
    sqlite3_busy_timeout(db_, 5000);
    return exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
        "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS root (version INTEGER PRIMARY KEY, json TEXT NOT NULL);"
        "CREATE TABLE IF NOT EXISTS mirror (sort INTEGER PRIMARY KEY, url TEXT NOT NULL);");
  }
  Status exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "";
      sqlite3_free(err);
      return make_error(ErrorCode::Database, "kiosk.db: " + m);
    }
    return {};
  }
  std::string get(const std::string& key, const std::string& def = "") const {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "SELECT value FROM state WHERE key = ?1", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
    std::string out = def;
    if (sqlite3_step(st) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
  }
  int64_t get_int(const std::string& key) const {
    std::string v = get(key, "0");
    try {
      return std::stoll(v);
    } catch (...) {
      return 0;
    }
  }
  // Sets several keys in one transaction.
  Status set(const std::vector<std::pair<std::string, std::string>>& kv) {
    if (auto s = exec("BEGIN IMMEDIATE"); !s) return s;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(
        db_, "INSERT INTO state(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", -1,
        &st, nullptr);
    bool ok = true;
    for (const auto& [k, v] : kv) {
      sqlite3_reset(st);
      sqlite3_bind_text(st, 1, k.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, v.c_str(), -1, SQLITE_TRANSIENT);
      ok = ok && sqlite3_step(st) == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (!ok) {
      (void)exec("ROLLBACK");
      return make_error(ErrorCode::Database, "kiosk.db: cannot save state");
    }
    return exec("COMMIT");
  }
  Status add_root(int version, const std::string& json) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO root(version, json) VALUES (?1, ?2)", -1, &st, nullptr);
    sqlite3_bind_int(st, 1, version);
    sqlite3_bind_text(st, 2, json.c_str(), -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? Status() : make_error(ErrorCode::Database, "kiosk.db: cannot pin root");
  }
  Result<Root> latest_root() const {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "SELECT json FROM root ORDER BY version DESC LIMIT 1", -1, &st, nullptr);
    std::string json;
    if (sqlite3_step(st) == SQLITE_ROW) json = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (json.empty()) return make_error(ErrorCode::NotFound, "kiosk.db: no pinned root");
    return parse_root(json);
  }
  // Staff edits still to reach a release (the outbox, sync/outbox.h).
  int count_live_edits() const {
    sqlite3_stmt* st = nullptr;
    int n = 0;
    if (sqlite3_prepare_v2(db_, "SELECT count(*) FROM edit WHERE state IN ('pending', 'held', 'accepted')", -1, &st,
                           nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
  }
  std::vector<std::string> mirrors() const {
    std::vector<std::string> out;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "SELECT url FROM mirror ORDER BY sort", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) out.push_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return out;
  }
  Status set_mirrors(const std::vector<std::string>& urls) {
    if (auto s = exec("DELETE FROM mirror"); !s) return s;
    for (size_t i = 0; i < urls.size(); ++i) {
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(db_, "INSERT INTO mirror(sort, url) VALUES (?1, ?2)", -1, &st, nullptr);
      sqlite3_bind_int64(st, 1, static_cast<int64_t>(i));
      sqlite3_bind_text(st, 2, urls[i].c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(st);
      sqlite3_finalize(st);
    }
    return {};
  }

 private:
  sqlite3* db_ = nullptr;
};

// An exclusive lock on KIOSK/sync.lock for the duration of a pass.
class PassLock {
 public:
  explicit PassLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    locked_ = fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
  }
  ~PassLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool locked() const { return locked_; }

 private:
  int fd_ = -1;
  bool locked_ = false;
};

}  // namespace

Clock& system_clock() {
  static SystemClock c;
  return c;
}

const char* to_string(SyncOutcome o) {
  switch (o) {
    case SyncOutcome::Updated:
      return "updated";
    case SyncOutcome::UpToDate:
      return "up-to-date";
    case SyncOutcome::Stale:
      return "stale";
    case SyncOutcome::Failed:
      return "failed";
  }
  return "failed";
}

std::string KioskDir::content_db() const {
  return (fs::path(dir_) / "content.db").string();
}
std::string KioskDir::kiosk_db() const {
  return (fs::path(dir_) / "kiosk.db").string();
}

namespace {

// The device's Ed25519 secret key (raw, 64 bytes) from KIOSK/device.key.
Result<std::string> read_device_secret(const std::string& dir) {
  auto text = read_file((fs::path(dir) / "device.key").string(), 1024);
  if (!text) return text.take_error();
  std::string t = *text;
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  auto sk = crypto::from_hex(t);
  if (!sk || sk->size() != 64) return make_error(ErrorCode::Invalid, dir + "/device.key is damaged");
  return *sk;
}

}  // namespace

std::string KioskDir::device_public_key() const {
  auto sk = read_device_secret(dir_);
  return sk ? sk->substr(32) : std::string();
}

Result<std::string> KioskDir::sign(std::string_view message) const {
  auto sk = read_device_secret(dir_);
  if (!sk) return sk.take_error();
  return crypto::sign(message, *sk);
}

Status KioskDir::init(const std::string& dir, const KioskInit& init) {
  if (auto s = crypto::init(); !s) return s;
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "kiosk.db", ec)) return make_error(ErrorCode::Invalid, dir + ": already a kiosk");
  if (init.root_chain.empty()) return make_error(ErrorCode::Invalid, "a kiosk needs a root of trust");
  std::optional<Root> trusted;
  std::vector<Root> chain;
  for (const auto& text : init.root_chain) {
    auto r = parse_root(text);
    if (!r) return r.take_error();
    Status s = trusted ? verify_next_root(*r, *trusted) : verify_initial_root(*r);
    if (!s) return s;
    trusted = *r;
    chain.push_back(*r);
  }
  fs::create_directories(fs::path(dir) / "staging", ec);
  fs::create_directories(fs::path(dir) / "assets", ec);
  if (ec) return make_error(ErrorCode::Io, dir + ": " + ec.message());
  auto kp = crypto::generate_keypair();
  if (auto s = write_file_atomic((fs::path(dir) / "device.key").string(), crypto::to_hex(kp.secret_key) + "\n", 0600);
      !s)
    return s;
  StateDb db;
  if (auto s = db.open((fs::path(dir) / "kiosk.db").string(), true); !s) return s;
  for (const auto& r : chain)
    if (auto s = db.add_root(r.version, r.json); !s) return s;
  if (auto s = db.set_mirrors(init.mirrors); !s) return s;
  return db.set({{"kiosk_id", crypto::key_id(kp.public_key)},
                 {"centre", init.centre},
                 {"hub", init.hub},
                 {"release", "0"},
                 {"trusted_time", "0"}});
}

Result<KioskDir> KioskDir::open(const std::string& dir) {
  if (auto s = crypto::init(); !s) return s.take_error();
  std::error_code ec;
  if (!fs::exists(fs::path(dir) / "kiosk.db", ec))
    return make_error(ErrorCode::NotFound, dir + ": not a kiosk directory (run faro kiosk init)");
  return KioskDir(dir);
}

Result<KioskStatus> KioskDir::status(int64_t now) const {
  StateDb db;
  if (auto s = db.open(kiosk_db(), false); !s) return s.take_error();
  KioskStatus st;
  st.kiosk_id = db.get("kiosk_id");
  st.centre = db.get("centre");
  st.hub = db.get("hub");
  st.release = db.get_int("release");
  st.content_hash = db.get("content_hash");
  st.release_created = db.get("release_created");
  st.release_expires = db.get("release_expires");
  st.trusted_time = std::max(db.get_int("trusted_time"), now);
  st.last_sync_at = db.get("last_sync_at");
  st.last_result = db.get("last_result");
  st.last_error = db.get("last_error");
  st.mirrors = db.mirrors();
  auto root = db.latest_root();
  if (root) st.root_version = root->version;
  st.stale = db.get("stale") == "1";
  st.pending_edits = db.count_live_edits();
  if (!st.release_expires.empty()) {
    auto exp = parse_time(st.release_expires);
    if (exp && *exp <= st.trusted_time) st.stale = true;
  }
  return st;
}

// --- The sync pass ------------------------------------------------------------

namespace {

bool transient(const Error& e) {
  return e.code == ErrorCode::Io;
}

// Removes a database file and SQLite's sidecar files beside it.
void remove_db_files(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

class Pass {
 public:
  Pass(KioskDir& k, Clock& c, const SyncOptions& o) : kiosk_(k), clock_(c), opts_(o) {}

  SyncReport run(const std::vector<Transport*>& sources);

 private:
  KioskDir& kiosk_;
  Clock& clock_;
  const SyncOptions& opts_;
  StateDb db_;
  SyncReport report_;
  std::mt19937_64 rng_{std::random_device{}()};

  void step(const char* name) {
    if (opts_.on_step) opts_.on_step(name);
  }
  std::string staging(const std::string& name) const { return (fs::path(kiosk_.dir()) / "staging" / name).string(); }

  Status recover_pending();
  Result<SyncOutcome> try_source(Transport& t);
  Status walk_roots(Transport& t, Root& trusted);
  Result<std::string> download(Transport& t, const FileRef& f);
  Status install(Transport& t, const Manifest& m, int64_t current);
  Status build_from_snapshot(Transport& t, const Manifest& m, const std::string& out);
  Status build_from_delta(Transport& t, const Manifest& m, const DeltaRef& d, const std::string& out);
  // `before`: the search rows a delta touched, captured before it applied
  // (only they are re-indexed); null: rebuild all derived data.
  Status finish_database(const Manifest& m, const std::string& path, const content::DerivedCapture* before = nullptr);
};

Status Pass::recover_pending() {
  // A pass that died between replacing content.db and recording it: find out
  // which release content.db now holds.
  std::string pending = db_.get("pending_release");
  if (pending.empty() || pending == "0") return {};
  std::error_code ec;
  if (fs::exists(kiosk_.content_db(), ec)) {
    auto hash = content_hash(kiosk_.content_db());
    if (hash && *hash == db_.get("pending_hash")) {
      return db_.set({{"release", pending},
                      {"content_hash", *hash},
                      {"release_created", db_.get("pending_created")},
                      {"release_expires", db_.get("pending_expires")},
                      {"pending_release", "0"}});
    }
  }
  return db_.set({{"pending_release", "0"}});
}

Status Pass::walk_roots(Transport& t, Root& trusted) {
  for (int guard = 0; guard < 1000; ++guard) {
    std::string path = "root/" + std::to_string(trusted.version + 1) + ".root.json";
    auto text = t.get(path, kMaxRootBytes);
    if (!text) {
      if (text.error().code == ErrorCode::NotFound) return {};
      return text.take_error();
    }
    auto next = parse_root(*text);
    if (!next) return make_error(ErrorCode::Invalid, path + ": " + next.error().message);
    if (auto s = verify_next_root(*next, trusted); !s)
      return make_error(ErrorCode::Invalid, path + ": " + s.error().message);
    if (auto s = db_.add_root(next->version, next->json); !s) return s;
    trusted = *next;
  }
  return make_error(ErrorCode::Invalid, "too many root versions");
}

Result<std::string> Pass::download(Transport& t, const FileRef& f) {
  std::string done = staging(f.sha256);
  std::string part = done + ".part";
  std::error_code ec;
  if (fs::exists(done, ec) && fs::file_size(done, ec) == f.size) {
    auto h = crypto::sha256_file(done);
    if (h && *h == f.sha256) return done;
    fs::remove(done, ec);
  }
  // Resume what an earlier pass left; if the result does not verify, the
  // earlier bytes may have come from a bad mirror, so fetch once more whole.
  for (int round = 0; round < 2; ++round) {
    uint64_t have = fs::exists(part, ec) ? fs::file_size(part, ec) : 0;
    if (have > f.size) {
      fs::remove(part, ec);
      have = 0;
    }
    if (have < f.size) {
      std::ofstream out(part, std::ios::binary | std::ios::app);
      if (!out) return make_error(ErrorCode::Io, part + ": cannot write");
      Status s = t.fetch(f.path, have, f.size, [&](std::string_view chunk) {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        report_.bytes_downloaded += chunk.size();
        return static_cast<bool>(out);
      });
      out.flush();
      if (!s) return s.take_error();
      if (!out) return make_error(ErrorCode::Io, part + ": write failed");
    }
    uint64_t size = fs::file_size(part, ec);
    if (size != f.size)
      return make_error(ErrorCode::Io, f.path + ": transfer ended at " + std::to_string(size) + " of " +
                                           std::to_string(f.size) + " bytes");
    auto h = crypto::sha256_file(part);
    if (!h) return h.take_error();
    if (*h == f.sha256) {
      fs::rename(part, done, ec);
      if (ec) return make_error(ErrorCode::Io, done + ": " + ec.message());
      return done;
    }
    fs::remove(part, ec);
    if (have == 0) break;  // fetched whole and still wrong: the source is bad
  }
  return make_error(ErrorCode::Invalid, f.path + ": hash does not match the manifest (tampered or corrupt)");
}

Status Pass::finish_database(const Manifest& m, const std::string& path, const content::DerivedCapture* before) {
  auto hash = content_hash(path);
  if (!hash) return hash.take_error();
  if (*hash != m.content_hash)
    return make_error(ErrorCode::Invalid, "content hash after applying release " + std::to_string(m.release) +
                                              " does not match the manifest");
  if (m.scope == "directory") {
    // A hub-signed release may change only the directory of its centres.
    step("check-scope");
    auto digests = scope_digests(path);
    if (!digests) return digests.take_error();
    if (auto s = check_scope(m, *digests); !s) return s;
  }
  {
    auto store = content::Store::open(path, content::Store::Mode::ReadWrite);
    if (!store) return store.take_error();
    if (before) {
      step("update-derived");
      if (auto s = (*store)->update_derived(*before); !s) return s;
    } else {
      step("rebuild-derived");
      if (auto s = (*store)->rebuild_derived(); !s) return s;
    }
    (void)(*store)->set_meta("release", std::to_string(m.release));
    (void)(*store)->set_meta("release_created", m.created);
    (void)(*store)->set_meta("content_hash", m.content_hash);
  }
  // One self-contained file (no WAL) before it is moved into place.
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK)
    sqlite3_exec(db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  sqlite3_close_v2(db);
  return fsync_path(path);
}

Status Pass::build_from_snapshot(Transport& t, const Manifest& m, const std::string& out) {
  step("download-snapshot");
  auto file = download(t, m.snapshot);
  if (!file) return file.take_error();
  step("decompress-snapshot");
  if (auto s = decompress_file(*file, out, m.snapshot_raw_size); !s) return s;
  auto raw = crypto::sha256_file(out);
  if (!raw || *raw != m.snapshot_raw_sha256)
    return make_error(ErrorCode::Invalid, "snapshot does not decompress to the declared database");
  return finish_database(m, out);
}

Status Pass::build_from_delta(Transport& t, const Manifest& m, const DeltaRef& d, const std::string& out) {
  step("download-delta");
  auto file = download(t, d);
  if (!file) return file.take_error();
  auto packed = read_file(*file, d.size);
  if (!packed) return packed.take_error();
  auto changeset = decompress(*packed, std::max<uint64_t>(m.snapshot_raw_size * 4, 1 << 20));
  if (!changeset) return changeset.take_error();
  step("copy-current");
  if (auto s = copy_file_synced(kiosk_.content_db(), out); !s) return s;
  // The search rows this delta touches, read before it applies, so that only
  // they are re-indexed afterwards (a full rebuild takes seconds at scale).
  content::DerivedCapturePtr before;
  {
    auto scope = derived_scope_of(out, *changeset);
    if (!scope) return scope.take_error();
    auto store = content::Store::open(out);
    if (store) {
      auto captured = (*store)->capture_derived(*scope);
      if (captured) before = std::move(*captured);
    }
  }
  step("apply-delta");
  if (auto s = apply_delta(out, *changeset); !s) return s;
  return finish_database(m, out, before.get());
}

Status Pass::install(Transport& t, const Manifest& m, int64_t current) {
  std::string out = staging("release-" + std::to_string(m.release) + ".db");
  std::error_code ec;
  remove_db_files(out);

  Status built = make_error(ErrorCode::NotFound, "no delta");
  const DeltaRef* delta = nullptr;
  if (current > 0 && fs::exists(kiosk_.content_db(), ec))
    for (const auto& d : m.deltas)
      if (d.from == current) delta = &d;
  if (delta) {
    built = build_from_delta(t, m, *delta, out);
    report_.used_delta = static_cast<bool>(built);
    if (!built && transient(built.error())) return built;
    if (!built) report_.message = "delta failed (" + built.error().message + "); took the snapshot";
  }
  if (!built) {
    remove_db_files(out);
    built = build_from_snapshot(t, m, out);
  }
  if (!built) return built;

  // Assets first: the new content may refer to them.
  for (const auto& a : m.assets) {
    step("download-asset");
    auto file = download(t, a);
    if (!file) return file.take_error();
    std::string dest = (fs::path(kiosk_.dir()) / "assets" / a.name).string();
    if (auto s = copy_file_synced(*file, dest + ".tmp"); !s) return s;
    fs::rename(dest + ".tmp", dest, ec);
  }
  // Record intent, swap atomically, record the result.
  step("record-pending");
  if (auto s = db_.set({{"pending_release", std::to_string(m.release)},
                        {"pending_hash", m.content_hash},
                        {"pending_created", m.created},
                        {"pending_expires", m.expires}});
      !s)
    return s;
  step("rename");
  fs::rename(out, kiosk_.content_db(), ec);
  if (ec) return make_error(ErrorCode::Io, "cannot move the new release into place: " + ec.message());
  (void)fsync_path(kiosk_.dir());
  step("record-release");
  if (auto s = db_.set({{"release", std::to_string(m.release)},
                        {"content_hash", m.content_hash},
                        {"release_created", m.created},
                        {"release_expires", m.expires},
                        {"manifest", m.json},
                        {"pending_release", "0"}});
      !s)
    return s;
  // Staged downloads are no longer needed.
  for (const auto& e : fs::directory_iterator(fs::path(kiosk_.dir()) / "staging", ec)) fs::remove(e.path(), ec);
  return {};
}

Result<SyncOutcome> Pass::try_source(Transport& t) {
  auto trusted = db_.latest_root();
  if (!trusted) return trusted.take_error();
  Root root = *trusted;
  step("walk-roots");
  if (auto s = walk_roots(t, root); !s) return s.take_error();

  step("fetch-manifest");
  auto text = t.get("manifest.json", kMaxManifestBytes);
  if (!text) return text.take_error();
  auto m = parse_manifest(*text);
  if (!m) return m.take_error();
  if (auto s = verify_manifest(*m, root); !s) return s.take_error();
  if (m->root_version > root.version)
    return make_error(ErrorCode::Invalid, "manifest was signed under root v" + std::to_string(m->root_version) +
                                              " which this source does not provide");
  // Trusted time never goes backwards and moves with verified manifests.
  int64_t created = parse_time(m->created).value();
  int64_t trusted_time = std::max({db_.get_int("trusted_time"), clock_.now(), created});
  if (auto s = db_.set({{"trusted_time", std::to_string(trusted_time)}}); !s) return s.take_error();

  int64_t current = db_.get_int("release");
  std::string current_hash = db_.get("content_hash");
  // A directory release must build on the newest operator release this
  // kiosk has taken: otherwise a hub key could roll articles or emergency
  // numbers back to an older, once validly signed state.
  int64_t full_release = 0;
  if (m->scope == "directory") {
    auto parent = parse_manifest(m->parent_json);
    if (!parent) return parent.take_error();
    full_release = parent->release;
    if (full_release < db_.get_int("full_release"))
      return make_error(ErrorCode::Invalid, "directory release " + std::to_string(m->release) +
                                                " builds on operator release " + std::to_string(full_release) +
                                                ", older than release " + db_.get("full_release") +
                                                " this kiosk has; refused");
  } else {
    full_release = m->release;
  }
  if (m->release < current)
    return make_error(ErrorCode::Invalid, "rollback refused: source offers release " + std::to_string(m->release) +
                                              ", this kiosk has " + std::to_string(current));
  if (m->release == current && m->content_hash != current_hash)
    return make_error(ErrorCode::Invalid, "release " + std::to_string(m->release) +
                                              " offered with different content than installed; refused");
  if (parse_time(m->expires).value() <= trusted_time) {
    (void)db_.set({{"stale", "1"}});
    return SyncOutcome::Stale;
  }
  if (m->release == current) {
    (void)db_.set({{"stale", "0"}, {"release_expires", m->expires}});
    return SyncOutcome::UpToDate;
  }
  if (m->schema_version != kSchemaVersion)
    return make_error(ErrorCode::Unsupported, "release " + std::to_string(m->release) + " needs content schema " +
                                                  std::to_string(m->schema_version) + "; update the kiosk software");
  if (auto s = install(t, *m, current); !s) return s.take_error();
  (void)db_.set({{"stale", "0"}, {"full_release", std::to_string(full_release)}});
  return SyncOutcome::Updated;
}

SyncReport Pass::run(const std::vector<Transport*>& sources) {
  PassLock lock((fs::path(kiosk_.dir()) / "sync.lock").string());
  if (!lock.locked()) {
    report_.message = "another sync pass is running";
    return report_;
  }
  if (auto s = db_.open(kiosk_.kiosk_db(), false); !s) {
    report_.message = s.error().message;
    return report_;
  }
  if (auto s = recover_pending(); !s) {
    report_.message = s.error().message;
    return report_;
  }
  report_.from_release = db_.get_int("release");
  std::string errors;
  if (sources.empty()) errors = "no source to sync from";
  for (Transport* t : sources) {
    int64_t delay = opts_.backoff_ms;
    for (int attempt = 1; attempt <= std::max(1, opts_.attempts_per_source); ++attempt) {
      auto r = try_source(*t);
      if (r) {
        report_.outcome = *r;
        report_.source = t->describe();
        break;
      }
      std::string msg = t->describe() + ": " + r.error().message;
      if (!transient(r.error()) || attempt == opts_.attempts_per_source) {
        errors += (errors.empty() ? "" : "; ") + msg;
        break;
      }
      // Exponential backoff with full jitter.
      std::uniform_int_distribution<int64_t> jitter(delay / 2, delay);
      clock_.sleep_ms(jitter(rng_));
      delay = std::min(delay * 2, opts_.max_backoff_ms);
    }
    if (!report_.source.empty()) break;
  }
  report_.release = db_.get_int("release");
  if (report_.source.empty()) {
    report_.outcome = SyncOutcome::Failed;
    report_.message = errors;
  } else if (report_.outcome == SyncOutcome::Stale) {
    report_.message =
        "the newest manifest has expired; keeping release " + std::to_string(report_.release) + " (stale)";
  }
  (void)db_.set({{"last_sync_at", format_time(clock_.now())},
                 {"last_result", to_string(report_.outcome)},
                 {"last_error", report_.outcome == SyncOutcome::Failed ? report_.message : ""}});
  return report_;
}

}  // namespace

SyncReport sync_once(KioskDir& kiosk, const std::vector<Transport*>& sources, Clock& clock, const SyncOptions& opts) {
  return Pass(kiosk, clock, opts).run(sources);
}

Status send_heartbeat(KioskDir& kiosk, Transport& hub, Clock& clock) {
  auto st = kiosk.status(clock.now());
  if (!st) return st.take_error();
  auto sk = read_device_secret(kiosk.dir());
  if (!sk) return sk.take_error();
  struct statvfs vfs {};
  uint64_t free_bytes = 0;
  if (statvfs(kiosk.dir().c_str(), &vfs) == 0) free_bytes = static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize;
  nlohmann::json body = {{"kiosk_id", st->kiosk_id},         {"centre", st->centre},
                         {"release", st->release},           {"app_version", kAppVersion},
                         {"last_sync_at", st->last_sync_at}, {"last_result", st->last_result},
                         {"last_error", st->last_error},     {"stale", st->stale},
                         {"free_disk", free_bytes},          {"sent_at", format_time(clock.now())}};
  std::string msg = body.dump();
  nlohmann::json env = {{"signed", body}, {"signature", crypto::to_hex(crypto::sign(msg, *sk))}};
  auto r = hub.post("api/v1/heartbeat", env.dump());
  if (!r) return r.take_error();
  return {};
}

}  // namespace faro::sync
