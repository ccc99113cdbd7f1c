#include "sync/release_store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "content/source.h"
#include "content/versions.h"
#include "sync/crypto.h"
#include "sync/snapshot.h"
#include "sync/versions.h"

namespace fs = std::filesystem;

namespace faro::sync {

Status write_file_atomic(const std::string& path, const std::string& bytes, int mode) {
  std::string tmp = path + ".tmp-" + crypto::random_token(6);
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    if (!o) return make_error(ErrorCode::Io, tmp + ": cannot write");
    o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    o.flush();
    if (!o) return make_error(ErrorCode::Io, tmp + ": write failed");
  }
  ::chmod(tmp.c_str(), static_cast<mode_t>(mode));
  if (auto s = fsync_path(tmp); !s) return s;
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return make_error(ErrorCode::Io, path + ": " + ec.message());
  }
  fs::path parent = fs::path(path).parent_path();
  return fsync_path(parent.empty() ? "." : parent.string());
}

Result<std::string> read_file(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::NotFound, path + ": cannot read");
  std::string out;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    out.append(buf.data(), static_cast<size_t>(in.gcount()));
    if (out.size() > max_bytes)
      return make_error(ErrorCode::Invalid, path + ": larger than " + std::to_string(max_bytes) + " bytes");
  }
  return out;
}

namespace {

Status write_secret(const fs::path& p, const std::string& secret_key) {
  return write_file_atomic(p.string(), crypto::to_hex(secret_key) + "\n", 0600);
}

Result<std::string> read_secret(const fs::path& p) {
  auto text = read_file(p.string(), 4096);
  if (!text) return text.take_error();
  std::string t = *text;
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  auto raw = crypto::from_hex(t);
  if (!raw || raw->size() != 64) return make_error(ErrorCode::Invalid, p.string() + ": not an Ed25519 secret key");
  return *raw;
}

// Secret keys in KEYDIR whose ids the role lists.
std::vector<std::string> secrets_for(const std::string& keydir, const std::string& prefix, const RoleSpec& role) {
  std::vector<std::string> out;
  for (const auto& id : role.keyids) {
    auto k = read_secret(fs::path(keydir) / (prefix + "-" + id + ".key"));
    if (k) out.push_back(*k);
  }
  return out;
}

struct Db {
  sqlite3* db = nullptr;
  ~Db() {
    if (db) sqlite3_close_v2(db);
  }
};

Status open_store_db(Db& d, const std::string& dir) {
  std::string path = (fs::path(dir) / "store.db").string();
  if (sqlite3_open_v2(path.c_str(), &d.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK)
    return make_error(ErrorCode::Database, path + ": cannot open");
  sqlite3_busy_timeout(d.db, 5000);
  const char* ddl =
      "PRAGMA journal_mode = WAL;"
      "CREATE TABLE IF NOT EXISTS release (number INTEGER PRIMARY KEY, content_hash TEXT NOT NULL,"
      "  created TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS token (hash TEXT PRIMARY KEY, label TEXT NOT NULL, created TEXT NOT NULL);";
  char* err = nullptr;
  if (sqlite3_exec(d.db, ddl, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "";
    sqlite3_free(err);
    return make_error(ErrorCode::Database, path + ": " + m);
  }
  return {};
}

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

Result<std::string> read_secret_key(const std::string& path) {
  return read_secret(path);
}

Result<KeysInitResult> init_keys(const std::string& keydir, int64_t now, int root_valid_days) {
  if (auto s = crypto::init(); !s) return s.take_error();
  std::error_code ec;
  if (fs::exists(fs::path(keydir) / "root.json", ec))
    return make_error(ErrorCode::Invalid, keydir + ": already holds keys (root.json exists)");
  fs::create_directories(fs::path(keydir) / "roots", ec);
  if (ec) return make_error(ErrorCode::Io, keydir + ": " + ec.message());
  fs::permissions(keydir, fs::perms::owner_all, ec);
  auto root_kp = crypto::generate_keypair();
  auto release_kp = crypto::generate_keypair();
  std::string root_id = crypto::key_id(root_kp.public_key), release_id = crypto::key_id(release_kp.public_key);
  if (auto s = write_secret(fs::path(keydir) / ("root-" + root_id + ".key"), root_kp.secret_key); !s)
    return s.take_error();
  if (auto s = write_secret(fs::path(keydir) / ("release-" + release_id + ".key"), release_kp.secret_key); !s)
    return s.take_error();
  Root r;
  r.version = 1;
  r.expires = format_time(now + int64_t{root_valid_days} * 86400);
  r.keys[root_id] = root_kp.public_key;
  r.keys[release_id] = release_kp.public_key;
  r.root = {{root_id}, 1};
  r.release = {{release_id}, 1};
  if (auto s = sign_root(r, {root_kp.secret_key}); !s) return s.take_error();
  if (auto s = write_file_atomic((fs::path(keydir) / "roots" / "1.root.json").string(), r.json); !s)
    return s.take_error();
  if (auto s = write_file_atomic((fs::path(keydir) / "root.json").string(), r.json); !s) return s.take_error();
  return KeysInitResult{r.json, root_id};
}

Result<Root> load_keydir_root(const std::string& keydir) {
  auto text = read_file((fs::path(keydir) / "root.json").string(), kMaxRootBytes);
  if (!text) return make_error(ErrorCode::NotFound, keydir + ": no root.json (run faro keys init)");
  return parse_root(*text);
}

Result<Root> rotate_root(const std::string& keydir, const RotateOptions& opts, int64_t now) {
  if (auto s = crypto::init(); !s) return s.take_error();
  auto old = load_keydir_root(keydir);
  if (!old) return old.take_error();
  std::vector<std::string> old_root_secrets = secrets_for(keydir, "root", old->root);
  if (static_cast<int>(old_root_secrets.size()) < old->root.threshold)
    return make_error(ErrorCode::NotFound, keydir + ": the current root keys are not here; cannot sign a new root");
  Root next = *old;
  next.version = old->version + 1;
  next.expires = format_time(now + int64_t{opts.root_valid_days} * 86400);
  std::vector<std::string> signers = old_root_secrets;
  if (opts.new_root_key) {
    auto kp = crypto::generate_keypair();
    std::string id = crypto::key_id(kp.public_key);
    if (auto s = write_secret(fs::path(keydir) / ("root-" + id + ".key"), kp.secret_key); !s) return s.take_error();
    for (const auto& k : old->root.keyids) next.keys.erase(k);
    next.keys[id] = kp.public_key;
    next.root = {{id}, 1};
    signers.push_back(kp.secret_key);
  }
  if (opts.new_release_key) {
    auto kp = crypto::generate_keypair();
    std::string id = crypto::key_id(kp.public_key);
    if (auto s = write_secret(fs::path(keydir) / ("release-" + id + ".key"), kp.secret_key); !s) return s.take_error();
    for (const auto& k : old->release.keyids) next.keys.erase(k);
    next.keys[id] = kp.public_key;
    next.release = {{id}, 1};
  }
  if (!opts.hub_centres.empty()) {
    auto kp = crypto::generate_keypair();
    std::string id = crypto::key_id(kp.public_key);
    if (auto s = write_secret(fs::path(keydir) / ("hub-" + id + ".key"), kp.secret_key); !s) return s.take_error();
    if (old->directory)
      for (const auto& k : old->directory->keyids) next.keys.erase(k);
    next.keys[id] = kp.public_key;
    DirectoryRole role;
    role.keyids = {id};
    role.threshold = 1;
    role.centres = opts.hub_centres;
    next.directory = role;
  }
  // Keys still named by a role stay; the others leave the root.
  for (const auto& k : old->root.keyids)
    if (!opts.new_root_key) next.keys[k] = old->keys.at(k);
  for (const auto& k : old->release.keyids)
    if (!opts.new_release_key) next.keys[k] = old->keys.at(k);
  if (old->directory && opts.hub_centres.empty())
    for (const auto& k : old->directory->keyids) next.keys[k] = old->keys.at(k);
  if (auto s = sign_root(next, signers); !s) return s.take_error();
  auto parsed = parse_root(next.json);
  if (!parsed) return parsed.take_error();
  if (auto s = verify_next_root(*parsed, *old); !s) return s.take_error();
  if (auto s = write_file_atomic((fs::path(keydir) / "roots" / (std::to_string(next.version) + ".root.json")).string(),
                                 next.json);
      !s)
    return s.take_error();
  if (auto s = write_file_atomic((fs::path(keydir) / "root.json").string(), next.json); !s) return s.take_error();
  return *parsed;
}

std::string ReleaseStore::release_db(int64_t release) const {
  return (fs::path(dir_) / "work" / (std::to_string(release) + ".db")).string();
}

std::string ReleaseStore::releases_dir() const {
  return (fs::path(dir_) / "releases").string();
}

Status ReleaseStore::init(const std::string& store_dir, const std::vector<std::string>& root_chain) {
  if (auto s = crypto::init(); !s) return s;
  if (root_chain.empty()) return make_error(ErrorCode::Invalid, "no root metadata given");
  std::error_code ec;
  if (fs::exists(fs::path(store_dir) / "store.db", ec))
    return make_error(ErrorCode::Invalid, store_dir + ": already a store");
  fs::path rel = fs::path(store_dir) / "releases";
  fs::create_directories(rel / "root", ec);
  fs::create_directories(rel / "objects", ec);
  fs::create_directories(rel / "manifests", ec);
  fs::create_directories(fs::path(store_dir) / "work", ec);
  if (ec) return make_error(ErrorCode::Io, store_dir + ": " + ec.message());
  // Verify the chain from version 1.
  std::optional<Root> trusted;
  for (const auto& text : root_chain) {
    auto r = parse_root(text);
    if (!r) return r.take_error();
    Status s = trusted ? verify_next_root(*r, *trusted) : verify_initial_root(*r);
    if (!s) return s;
    if (auto w = write_file_atomic((rel / "root" / (std::to_string(r->version) + ".root.json")).string(), text); !w)
      return w;
    trusted = *r;
  }
  Db d;
  return open_store_db(d, store_dir);
}

Result<ReleaseStore> ReleaseStore::open(const std::string& store_dir) {
  if (auto s = crypto::init(); !s) return s.take_error();
  std::error_code ec;
  if (!fs::exists(fs::path(store_dir) / "store.db", ec) || !fs::is_directory(fs::path(store_dir) / "releases", ec))
    return make_error(ErrorCode::NotFound, store_dir + ": not a Faro store (run faro store init)");
  return ReleaseStore(store_dir);
}

Result<Root> ReleaseStore::root() const {
  // The highest root/<v>.root.json.
  int best = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(releases_dir()) / "root", ec)) {
    std::string name = e.path().filename().string();
    auto dot = name.find(".root.json");
    if (dot == std::string::npos) continue;
    try {
      best = std::max(best, std::stoi(name.substr(0, dot)));
    } catch (...) {
    }
  }
  if (!best) return make_error(ErrorCode::NotFound, dir_ + ": no root metadata");
  auto text =
      read_file((fs::path(releases_dir()) / "root" / (std::to_string(best) + ".root.json")).string(), kMaxRootBytes);
  if (!text) return text.take_error();
  return parse_root(*text);
}

Result<Manifest> ReleaseStore::latest() const {
  std::string path = (fs::path(releases_dir()) / "manifest.json").string();
  std::error_code ec;
  if (!fs::exists(path, ec)) return make_error(ErrorCode::NotFound, dir_ + ": no release yet");
  auto text = read_file(path, kMaxManifestBytes);
  if (!text) return text.take_error();
  return parse_manifest(*text);
}

namespace {

// Puts a file into objects/ under its hash; returns its reference.
Result<FileRef> put_object(const std::string& releases_dir, const std::string& file, const std::string& ext) {
  auto hash = crypto::sha256_file(file);
  if (!hash) return hash.take_error();
  std::string rel = "objects/" + *hash + ext;
  fs::path dest = fs::path(releases_dir) / rel;
  std::error_code ec;
  uint64_t size = fs::file_size(file, ec);
  if (ec) return make_error(ErrorCode::Io, file + ": " + ec.message());
  if (!fs::exists(dest, ec)) {
    if (auto s = copy_file_synced(file, dest.string() + ".tmp"); !s) return s.take_error();
    fs::rename(dest.string() + ".tmp", dest, ec);
    if (ec) return make_error(ErrorCode::Io, dest.string() + ": " + ec.message());
  }
  return FileRef{rel, size, *hash};
}

}  // namespace

Result<PublishResult> ReleaseStore::publish(const std::string& content_src, const std::string& keydir,
                                            const PublishOptions& opts) {
  PublishResult result;
  int64_t now = opts.now ? opts.now : now_seconds();
  auto root = this->root();
  if (!root) return root.take_error();
  auto key_root = load_keydir_root(keydir);
  if (!key_root) return key_root.take_error();
  if (key_root->version != root->version)
    return make_error(ErrorCode::Invalid, "the store trusts root v" + std::to_string(root->version) + " but " + keydir +
                                              " holds root v" + std::to_string(key_root->version) +
                                              "; add the new root to the store first (faro store add-root)");
  auto release_keys = secrets_for(keydir, "release", root->release);
  if (static_cast<int>(release_keys.size()) < root->release.threshold)
    return make_error(ErrorCode::NotFound, keydir + ": no release key of the store's root");

  fs::path work = fs::path(dir_) / "work";
  std::error_code ec;
  fs::create_directories(work, ec);
  std::string tmp_db = (work / ("building-" + crypto::random_token(6) + ".db")).string();
  auto cleanup = [&]() {
    std::error_code e;
    fs::remove(tmp_db, e);
  };
  auto built = content::build_database(content_src, tmp_db);
  if (!built) return built.take_error();
  if (!built->diagnostics.empty()) {
    for (const auto& d : built->diagnostics) result.diagnostics.push_back(d.to_string());
    return result;
  }
  if (opts.amend) {
    if (auto s = opts.amend(tmp_db); !s) {
      cleanup();
      return s.take_error();
    }
  }
  Signing signing;
  signing.keys = release_keys;
  signing.assets_dir = (fs::path(content_src) / "assets").string();
  return publish_built(tmp_db, signing, opts, now, *root);
}

Result<PublishResult> ReleaseStore::publish_directory(const std::string& db_path, const std::string& hub_secret_key,
                                                      const PublishOptions& opts) {
  int64_t now = opts.now ? opts.now : now_seconds();
  auto root = this->root();
  if (!root) return root.take_error();
  if (!root->directory)
    return make_error(ErrorCode::Invalid, "the store's root allows no directory key (faro keys add-hub-key)");
  std::string pub = hub_secret_key.size() == 64 ? hub_secret_key.substr(32) : "";
  std::string id = crypto::key_id(pub);
  if (std::find(root->directory->keyids.begin(), root->directory->keyids.end(), id) == root->directory->keyids.end())
    return make_error(ErrorCode::Invalid, "the hub key " + id + " is not the directory key of the store's root v" +
                                              std::to_string(root->version));
  auto latest = this->latest();
  if (!latest) return make_error(ErrorCode::NotFound, dir_ + ": a directory release needs an operator release first");
  Signing signing;
  signing.keys = {hub_secret_key};
  signing.scope = "directory";
  signing.centres = root->directory->centres;
  signing.parent_json = latest->scope == "full" ? latest->json : latest->parent_json;
  signing.assets = latest->assets;
  fs::path work = fs::path(dir_) / "work";
  std::string tmp_db = (work / ("directory-" + crypto::random_token(6) + ".db")).string();
  if (auto s = copy_file_synced(db_path, tmp_db); !s) return s.take_error();
  return publish_built(tmp_db, signing, opts, now, *root);
}

Result<PublishResult> ReleaseStore::publish_built(const std::string& tmp_db, const Signing& signing,
                                                  const PublishOptions& opts, int64_t now, const Root& root) {
  PublishResult result;
  fs::path work = fs::path(dir_) / "work";
  std::error_code ec;
  auto cleanup = [&]() {
    std::error_code e;
    fs::remove(tmp_db, e);
  };
  auto hash = content_hash(tmp_db);
  if (!hash) {
    cleanup();
    return hash.take_error();
  }
  result.content_hash = *hash;
  auto latest = this->latest();
  if (latest && latest->content_hash == *hash) {
    cleanup();
    result.release = latest->release;
    return result;  // nothing new
  }
  int64_t number = latest ? latest->release + 1 : 1;

  Manifest m;
  m.release = number;
  m.created = format_time(now);
  m.expires = format_time(now + int64_t{opts.expires_days} * 86400);
  m.content_hash = *hash;
  m.schema_version = kSchemaVersion;
  m.root_version = root.version;
  m.scope = signing.scope;
  m.centres = signing.centres;
  m.parent_json = signing.parent_json;
  if (signing.scope == "full") {
    auto digests = scope_digests(tmp_db);
    if (!digests) {
      cleanup();
      return digests.take_error();
    }
    m.digests = *digests;
  }

  std::string rel = releases_dir();
  std::string zst = tmp_db + ".zst";
  if (auto s = compress_file(tmp_db, zst); !s) {
    cleanup();
    return s.take_error();
  }
  auto snap = put_object(rel, zst, ".zst");
  fs::remove(zst, ec);
  if (!snap) {
    cleanup();
    return snap.take_error();
  }
  m.snapshot = *snap;
  m.snapshot_raw_size = fs::file_size(tmp_db, ec);
  auto raw_hash = crypto::sha256_file(tmp_db);
  if (!raw_hash) return raw_hash.take_error();
  m.snapshot_raw_sha256 = *raw_hash;

  // Deltas from the last few releases whose databases the store kept.
  for (int64_t from = number - 1; from >= 1 && from >= number - opts.max_deltas; --from) {
    fs::path old_db = work / (std::to_string(from) + ".db");
    if (!fs::exists(old_db, ec)) continue;
    auto delta = make_delta(old_db.string(), tmp_db);
    if (!delta) {
      cleanup();
      return delta.take_error();
    }
    auto packed = compress(*delta);
    if (!packed) return packed.take_error();
    std::string file = tmp_db + ".delta";
    if (auto s = write_file_atomic(file, *packed); !s) return s.take_error();
    auto ref = put_object(rel, file, ".zst");
    fs::remove(file, ec);
    if (!ref) return ref.take_error();
    DeltaRef d;
    static_cast<FileRef&>(d) = *ref;
    d.from = from;
    m.deltas.push_back(d);
  }
  // Assets: files under SRC/assets/, content-addressed (a directory release
  // keeps its parent's).
  m.assets = signing.assets;
  fs::path assets = signing.assets_dir;
  if (!signing.assets_dir.empty() && fs::is_directory(assets, ec)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(assets))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      auto ref = put_object(rel, f.string(), "");
      if (!ref) return ref.take_error();
      AssetRef a;
      static_cast<FileRef&>(a) = *ref;
      a.name = f.filename().string();
      m.assets.push_back(a);
    }
  }
  if (auto s = sign_manifest(m, signing.keys); !s) return s.take_error();
  if (auto s = write_file_atomic((fs::path(rel) / "manifests" / (std::to_string(number) + ".json")).string(), m.json);
      !s)
    return s.take_error();
  if (auto s = write_file_atomic((fs::path(rel) / "manifest.json").string(), m.json); !s) return s.take_error();
  fs::rename(tmp_db, work / (std::to_string(number) + ".db"), ec);
  if (ec) return make_error(ErrorCode::Io, "keeping the release database: " + ec.message());

  Db d;
  if (auto s = open_store_db(d, dir_); !s) return s.take_error();
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(d.db, "INSERT OR REPLACE INTO release(number, content_hash, created) VALUES (?1, ?2, ?3)", -1, &st,
                     nullptr);
  sqlite3_bind_int64(st, 1, number);
  sqlite3_bind_text(st, 2, m.content_hash.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, m.created.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_step(st);
  sqlite3_finalize(st);

  result.published = true;
  result.release = number;
  return result;
}

Status ReleaseStore::add_root(const std::string& root_json) {
  auto r = parse_root(root_json);
  if (!r) return r.take_error();
  auto trusted = root();
  if (!trusted) return trusted.take_error();
  if (auto s = verify_next_root(*r, *trusted); !s) return s;
  return write_file_atomic((fs::path(releases_dir()) / "root" / (std::to_string(r->version) + ".root.json")).string(),
                           root_json);
}

Status ReleaseStore::add_object(const std::string& name, const std::string& bytes) {
  std::string hash = name.substr(0, name.find('.'));
  if (hash.size() != 64 || name.find('/') != std::string::npos || name.find("..") != std::string::npos)
    return make_error(ErrorCode::Invalid, "bad object name '" + name + "'");
  if (crypto::sha256_hex(bytes) != hash)
    return make_error(ErrorCode::Invalid, "object '" + name + "' does not match its hash");
  return write_file_atomic((fs::path(releases_dir()) / "objects" / name).string(), bytes);
}

Status ReleaseStore::add_release(const std::string& manifest_json) {
  auto m = parse_manifest(manifest_json);
  if (!m) return m.take_error();
  auto r = root();
  if (!r) return r.take_error();
  if (auto s = verify_manifest(*m, *r); !s) return s;
  auto latest = this->latest();
  if (latest && m->release <= latest->release)
    return make_error(ErrorCode::Invalid, "release " + std::to_string(m->release) + " is not newer than the store's " +
                                              std::to_string(latest->release));
  std::vector<FileRef> files{m->snapshot};
  for (const auto& d : m->deltas) files.push_back(d);
  for (const auto& a : m->assets) files.push_back(a);
  for (const auto& f : files) {
    std::string p = (fs::path(releases_dir()) / f.path).string();
    std::error_code ec;
    if (!fs::exists(p, ec) || fs::file_size(p, ec) != f.size)
      return make_error(ErrorCode::Invalid, "missing object " + f.path);
    auto h = crypto::sha256_file(p);
    if (!h || *h != f.sha256)
      return make_error(ErrorCode::Invalid, "object " + f.path + " does not match the manifest");
  }
  // Keep the release's database, as a local publish does: the hub merges
  // staff edits against it and builds directory releases from it.
  {
    std::error_code ec;
    fs::create_directories(fs::path(dir_) / "work", ec);
    std::string db = release_db(m->release), tmp = db + ".tmp";
    if (auto s = decompress_file((fs::path(releases_dir()) / m->snapshot.path).string(), tmp, m->snapshot_raw_size); !s)
      return s;
    auto raw = crypto::sha256_file(tmp);
    if (!raw || *raw != m->snapshot_raw_sha256) {
      fs::remove(tmp, ec);
      return make_error(ErrorCode::Invalid, "the snapshot does not decompress to the declared database");
    }
    fs::rename(tmp, db, ec);
    if (ec) return make_error(ErrorCode::Io, db + ": " + ec.message());
  }
  if (auto s = write_file_atomic(
          (fs::path(releases_dir()) / "manifests" / (std::to_string(m->release) + ".json")).string(), manifest_json);
      !s)
    return s;
  return write_file_atomic((fs::path(releases_dir()) / "manifest.json").string(), manifest_json);
}

Result<std::string> ReleaseStore::new_token(const std::string& label) {
  Db d;
  if (auto s = open_store_db(d, dir_); !s) return s.take_error();
  std::string token = crypto::random_token(24);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(d.db, "INSERT INTO token(hash, label, created) VALUES (?1, ?2, ?3)", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, crypto::sha256_hex(token).c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, label.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, format_time(now_seconds()).c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return make_error(ErrorCode::Database, "cannot store the token");
  return token;
}

bool ReleaseStore::check_token(const std::string& token) const {
  if (token.empty()) return false;
  Db d;
  if (!open_store_db(d, dir_)) return false;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(d.db, "SELECT 1 FROM token WHERE hash = ?1", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, crypto::sha256_hex(token).c_str(), -1, SQLITE_TRANSIENT);
  bool ok = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return ok;
}

}  // namespace faro::sync
