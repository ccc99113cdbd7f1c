#include "sync/hub.h"

#include <httplib.h>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "sync/crypto.h"
#include "sync/edit_desk.h"
#include "sync/metadata.h"
#include "sync/release_store.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace faro::sync {

namespace {

struct Db {
  sqlite3* db = nullptr;
  ~Db() {
    if (db) sqlite3_close_v2(db);
  }
};

Status open_fleet_db(Db& d, const std::string& store_dir) {
  std::string path = (fs::path(store_dir) / "store.db").string();
  if (sqlite3_open_v2(path.c_str(), &d.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
    return make_error(ErrorCode::NotFound, path + ": cannot open");
  sqlite3_busy_timeout(d.db, 5000);
  char* err = nullptr;
  const char* ddl =
      "CREATE TABLE IF NOT EXISTS device (id TEXT PRIMARY KEY, public_key TEXT NOT NULL, centre TEXT NOT NULL,"
      "  registered TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS heartbeat (device TEXT PRIMARY KEY REFERENCES device(id), received TEXT NOT NULL,"
      "  release INTEGER NOT NULL, app_version TEXT NOT NULL, last_result TEXT NOT NULL, last_error TEXT NOT NULL,"
      "  stale INTEGER NOT NULL, free_disk INTEGER NOT NULL);";
  if (sqlite3_exec(d.db, ddl, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "";
    sqlite3_free(err);
    return make_error(ErrorCode::Database, path + ": " + m);
  }
  return {};
}

std::string col(sqlite3_stmt* st, int i) {
  const unsigned char* t = sqlite3_column_text(st, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

json fleet_json(const std::vector<FleetRow>& rows) {
  json out = json::array();
  for (const auto& r : rows)
    out.push_back({{"kiosk_id", r.kiosk_id},
                   {"centre", r.centre},
                   {"last_seen", r.last_seen},
                   {"release", r.release},
                   {"app_version", r.app_version},
                   {"last_result", r.last_result},
                   {"last_error", r.last_error},
                   {"stale", r.stale},
                   {"free_disk", r.free_disk}});
  return out;
}

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

Status register_device(const std::string& store_dir, const std::string& device_id, const std::string& public_key_hex,
                       const std::string& centre) {
  auto pub = crypto::from_hex(public_key_hex);
  if (!pub || pub->size() != 32) return make_error(ErrorCode::Invalid, "not an Ed25519 public key");
  if (crypto::key_id(*pub) != device_id) return make_error(ErrorCode::Invalid, "device id does not match its key");
  Db d;
  if (auto s = open_fleet_db(d, store_dir); !s) return s;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(d.db, "INSERT OR REPLACE INTO device(id, public_key, centre, registered) VALUES (?1, ?2, ?3, ?4)",
                     -1, &st, nullptr);
  sqlite3_bind_text(st, 1, device_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, public_key_hex.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, centre.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 4, format_time(now_seconds()).c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? Status() : make_error(ErrorCode::Database, "cannot register the device");
}

Result<std::vector<FleetRow>> read_fleet(const std::string& store_dir) {
  Db d;
  if (auto s = open_fleet_db(d, store_dir); !s) return s.take_error();
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(
      d.db,
      "SELECT d.id, d.centre, coalesce(h.received, ''), coalesce(h.release, 0), coalesce(h.app_version, ''),"
      " coalesce(h.last_result, ''), coalesce(h.last_error, ''), coalesce(h.stale, 0),"
      " coalesce(h.free_disk, 0) FROM device d LEFT JOIN heartbeat h ON h.device = d.id ORDER BY d.centre, d.id",
      -1, &st, nullptr);
  std::vector<FleetRow> rows;
  while (sqlite3_step(st) == SQLITE_ROW) {
    FleetRow r;
    r.kiosk_id = col(st, 0);
    r.centre = col(st, 1);
    r.last_seen = col(st, 2);
    r.release = sqlite3_column_int64(st, 3);
    r.app_version = col(st, 4);
    r.last_result = col(st, 5);
    r.last_error = col(st, 6);
    r.stale = sqlite3_column_int(st, 7) != 0;
    r.free_disk = static_cast<uint64_t>(sqlite3_column_int64(st, 8));
    rows.push_back(std::move(r));
  }
  sqlite3_finalize(st);
  return rows;
}

Result<std::vector<FleetRow>> parse_fleet(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return make_error(ErrorCode::Invalid, "fleet: not a JSON list");
  std::vector<FleetRow> rows;
  try {
    for (const auto& e : j) {
      if (!e.is_object()) return make_error(ErrorCode::Invalid, "fleet: bad row");
      FleetRow r;
      r.kiosk_id = e.value("kiosk_id", "");
      r.centre = e.value("centre", "");
      r.last_seen = e.value("last_seen", "");
      r.release = e.value("release", int64_t{0});
      r.app_version = e.value("app_version", "");
      r.last_result = e.value("last_result", "");
      r.last_error = e.value("last_error", "");
      r.stale = e.value("stale", false);
      r.free_disk = e.value("free_disk", uint64_t{0});
      rows.push_back(std::move(r));
    }
  } catch (const json::exception& e) {
    return make_error(ErrorCode::Invalid, std::string("fleet: bad field (") + e.what() + ")");
  }
  return rows;
}

struct Hub::Impl {
  HubOptions opts;
  httplib::Server server;
  std::mutex etag_mu;
  std::map<std::string, std::pair<std::string, std::string>> etags;  // path -> (mtime+size, etag)  guarded by etag_mu
  int port = 0;
  std::thread publisher;
  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool stopping = false;  // guarded by stop_mu

  // A directory release of accepted edits, signed with the hub key.
  Result<PublishResult> publish_edits() {
    if (opts.hub_key_file.empty())
      return make_error(ErrorCode::Unsupported, "this hub has no directory key (start it with --hub-key)");
    auto key = read_secret_key(opts.hub_key_file);
    if (!key) return key.take_error();
    auto desk = EditDesk::open(opts.store_dir);
    if (!desk) return desk.take_error();
    return desk->publish_directory(*key, PublishOptions{});
  }

  void publish_loop() {
    std::unique_lock<std::mutex> lock(stop_mu);
    while (!stop_cv.wait_for(lock, std::chrono::seconds(opts.publish_every_seconds), [this] { return stopping; })) {
      lock.unlock();
      (void)publish_edits();  // failures show in `faro edits list`; the next round tries again
      lock.lock();
    }
  }

  std::string etag_for(const std::string& path) {
    std::error_code ec;
    auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
    std::string stamp = std::to_string(mtime) + ":" + std::to_string(fs::file_size(path, ec));
    std::lock_guard<std::mutex> lock(etag_mu);
    auto it = etags.find(path);
    if (it != etags.end() && it->second.first == stamp) return it->second.second;
    auto h = crypto::sha256_file(path);
    std::string tag = "\"" + (h ? h->substr(0, 32) : stamp) + "\"";
    etags[path] = {stamp, tag};
    return tag;
  }

  bool authorised(const httplib::Request& req) {
    std::string auth = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (auth.rfind(prefix, 0) != 0) return false;
    auto store = ReleaseStore::open(opts.store_dir);
    return store && store->check_token(auth.substr(prefix.size()));
  }

  static void fail(httplib::Response& res, int status, const std::string& reason) {
    res.status = status;
    res.set_content(json{{"error", reason}}.dump() + "\n", "application/json");
  }

  void routes() {
    server.set_payload_max_length(opts.max_body_bytes);
    // Headers and body go out in separate writes; without this, Nagle and
    // delayed ACKs cap a keep-alive connection at a few requests a second.
    server.set_tcp_nodelay(true);
    server.Get("/healthz",
               [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });

    server.Get(R"(/releases/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      std::string rel = req.matches[1];
      if (rel.find("..") != std::string::npos || rel[0] == '/' ||
          rel.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789/._-") != std::string::npos)
        return fail(res, 400, "bad path");
      fs::path p = fs::path(opts.store_dir) / "releases" / rel;
      std::error_code ec;
      if (!fs::is_regular_file(p, ec)) return fail(res, 404, "not found");
      std::string tag = etag_for(p.string());
      res.set_header("ETag", tag);
      // The manifest changes with each release; everything else is immutable.
      bool mutable_file = rel == "manifest.json";
      res.set_header("Cache-Control", mutable_file ? "no-cache" : "public, max-age=31536000, immutable");
      if (req.get_header_value("If-None-Match") == tag) {
        res.status = 304;
        return;
      }
      auto body = read_file(p.string());
      if (!body) return fail(res, 500, "cannot read");
      const char* type = rel.size() > 5 && rel.compare(rel.size() - 5, 5, ".json") == 0 ? "application/json"
                                                                                        : "application/octet-stream";
      res.set_content(std::move(*body), type);  // httplib answers Range requests with 206
    });

    server.Post("/api/v1/heartbeat", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.body.size() > opts.max_heartbeat_bytes) return fail(res, 413, "heartbeat too large");
      json env = json::parse(req.body, nullptr, false);
      if (!env.is_object() || !env.contains("signed") || !env["signed"].is_object() || !env.contains("signature") ||
          !env["signature"].is_string())
        return fail(res, 400, "malformed heartbeat: expected {signed, signature}");
      const json& b = env["signed"];
      if (!b.contains("kiosk_id") || !b["kiosk_id"].is_string() || !b.contains("release") ||
          !b["release"].is_number_integer())
        return fail(res, 400, "malformed heartbeat: kiosk_id and release are required");
      std::string id = b["kiosk_id"].get<std::string>();
      Db d;
      if (!open_fleet_db(d, opts.store_dir)) return fail(res, 500, "store unavailable");
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(d.db, "SELECT public_key FROM device WHERE id = ?1", -1, &st, nullptr);
      sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      std::string pub_hex;
      if (sqlite3_step(st) == SQLITE_ROW) pub_hex = col(st, 0);
      sqlite3_finalize(st);
      if (pub_hex.empty()) return fail(res, 403, "unknown device " + id);
      auto pub = crypto::from_hex(pub_hex);
      auto sig = crypto::from_hex(env["signature"].get<std::string>());
      if (!pub || !sig || !crypto::verify(b.dump(), *sig, *pub)) return fail(res, 403, "bad signature");
      auto text = [&](const char* k) {
        return b.contains(k) && b[k].is_string() ? b[k].get<std::string>() : std::string();
      };
      sqlite3_prepare_v2(
          d.db,
          "INSERT OR REPLACE INTO heartbeat(device, received, release, app_version, last_result, last_error,"
          " stale, free_disk) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          -1, &st, nullptr);
      sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, format_time(now_seconds()).c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(st, 3, b["release"].get<int64_t>());
      sqlite3_bind_text(st, 4, text("app_version").substr(0, 64).c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 5, text("last_result").substr(0, 32).c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 6, text("last_error").substr(0, 1000).c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(st, 7, b.contains("stale") && b["stale"].is_boolean() && b["stale"].get<bool>() ? 1 : 0);
      sqlite3_bind_int64(st, 8,
                         b.contains("free_disk") && b["free_disk"].is_number_unsigned()
                             ? static_cast<int64_t>(b["free_disk"].get<uint64_t>())
                             : 0);
      int rc = sqlite3_step(st);
      sqlite3_finalize(st);
      if (rc != SQLITE_DONE) return fail(res, 500, "cannot record the heartbeat");
      res.set_content("{\"ok\": true}\n", "application/json");
    });

    server.Get("/api/v1/fleet", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      auto rows = read_fleet(opts.store_dir);
      if (!rows) return fail(res, 500, rows.error().message);
      res.set_content(fleet_json(*rows).dump(2) + "\n", "application/json");
    });

    server.Post("/api/v1/devices", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      json j = json::parse(req.body, nullptr, false);
      if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || !j.contains("public_key") ||
          !j["public_key"].is_string())
        return fail(res, 400, "expected {id, public_key, centre}");
      std::string centre = j.contains("centre") && j["centre"].is_string() ? j["centre"].get<std::string>() : "";
      auto s = register_device(opts.store_dir, j["id"].get<std::string>(), j["public_key"].get<std::string>(), centre);
      if (!s) return fail(res, 400, s.error().message);
      res.set_content("{\"ok\": true}\n", "application/json");
    });

    server.Put(R"(/api/v1/objects/([0-9a-f]{64}(\.zst)?))",
               [this](const httplib::Request& req, httplib::Response& res) {
                 if (!authorised(req)) return fail(res, 401, "operator token required");
                 auto store = ReleaseStore::open(opts.store_dir);
                 if (!store) return fail(res, 500, store.error().message);
                 auto s = store->add_object(req.matches[1], req.body);
                 if (!s) return fail(res, 400, s.error().message);
                 res.set_content("{\"ok\": true}\n", "application/json");
               });

    server.Post("/api/v1/roots", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      auto store = ReleaseStore::open(opts.store_dir);
      if (!store) return fail(res, 500, store.error().message);
      auto s = store->add_root(req.body);
      if (!s) return fail(res, 400, s.error().message);
      res.set_content("{\"ok\": true}\n", "application/json");
    });

    server.Post("/api/v1/releases", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      auto store = ReleaseStore::open(opts.store_dir);
      if (!store) return fail(res, 500, store.error().message);
      auto s = store->add_release(req.body);
      if (!s) return fail(res, 400, s.error().message);
      // Staff edits this operator release already carries are done.
      if (auto m = store->latest(); m)
        if (auto desk = EditDesk::open(opts.store_dir); desk)
          (void)desk->mark_carried(m->release, store->release_db(m->release));
      res.set_content("{\"ok\": true}\n", "application/json");
    });

    server.Post("/api/v1/edits", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.body.size() > opts.max_edit_batch_bytes) return fail(res, 413, "edit batch too large");
      json env = json::parse(req.body, nullptr, false);
      if (!env.is_object() || !env.contains("signed") || !env["signed"].is_object() || !env.contains("signature") ||
          !env["signature"].is_string())
        return fail(res, 400, "malformed edit batch: expected {signed, signature}");
      const json& b = env["signed"];
      if (!b.contains("kiosk") || !b["kiosk"].is_string() || !b.contains("edits") || !b["edits"].is_array() ||
          !b.contains("query") || !b["query"].is_array())
        return fail(res, 400, "malformed edit batch: kiosk, edits and query are required");
      std::string id = b["kiosk"].get<std::string>();
      std::string pub_hex, centre;
      {
        Db d;
        if (!open_fleet_db(d, opts.store_dir)) return fail(res, 500, "store unavailable");
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(d.db, "SELECT public_key, centre FROM device WHERE id = ?1", -1, &st, nullptr);
        sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW) {
          pub_hex = col(st, 0);
          centre = col(st, 1);
        }
        sqlite3_finalize(st);
      }
      if (pub_hex.empty()) return fail(res, 403, "unknown device " + id);
      auto pub = crypto::from_hex(pub_hex);
      auto sig = crypto::from_hex(env["signature"].get<std::string>());
      if (!pub || !sig || !crypto::verify(b.dump(), *sig, *pub)) return fail(res, 403, "bad signature");
      auto desk = EditDesk::open(opts.store_dir);
      if (!desk) return fail(res, 500, desk.error().message);
      json results = json::array();
      auto put = [&](const EditAnswer& a) {
        results.push_back({{"id", a.id}, {"state", a.state}, {"reason", a.reason}, {"release", a.release}});
      };
      for (const auto& e : b["edits"]) put(desk->receive(e.dump(), id, now_seconds()));
      for (const auto& q : b["query"]) {
        if (!q.is_string()) continue;
        auto a = desk->answer(q.get<std::string>(), id);
        if (a)
          put(*a);
        else if (a.error().code == ErrorCode::NotFound)
          put(EditAnswer{q.get<std::string>(), "unknown", "", 0});
      }
      json staff = json::array();
      if (!centre.empty())
        if (auto accounts = desk->staff_of(centre); accounts)
          for (const auto& a : *accounts)
            staff.push_back({{"id", a.id}, {"name", a.name}, {"pin_hash", a.pin_hash}, {"locked", a.locked}});
      res.set_content(json{{"results", results}, {"staff", staff}}.dump() + "\n", "application/json");
    });

    server.Post("/api/v1/staff", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      json j = json::parse(req.body, nullptr, false);
      auto str = [&](const char* k) {
        return j.is_object() && j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : "";
      };
      auto desk = EditDesk::open(opts.store_dir);
      if (!desk) return fail(res, 500, desk.error().message);
      Status s = str("remove") == "yes" ? desk->remove_staff(str("centre"), str("id"))
                                        : desk->set_staff(str("centre"), str("id"), str("name"), str("pin_hash"));
      if (!s) return fail(res, s.error().code == ErrorCode::NotFound ? 404 : 400, s.error().message);
      res.set_content("{\"ok\": true}\n", "application/json");
    });

    server.Get("/api/v1/edits", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      auto desk = EditDesk::open(opts.store_dir);
      if (!desk) return fail(res, 500, desk.error().message);
      auto all = desk->list(req.has_param("state") ? req.get_param_value("state") : "");
      if (!all) return fail(res, 500, all.error().message);
      json out = json::array();
      for (const auto& e : *all) out.push_back(json::parse(edit_to_json(e)));
      res.set_content(out.dump(2) + "\n", "application/json");
    });

    server.Post("/api/v1/edits/publish", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      auto r = publish_edits();
      if (!r) return fail(res, r.error().code == ErrorCode::Unsupported ? 409 : 500, r.error().message);
      res.set_content(json{{"published", r->published}, {"release", r->release}}.dump() + "\n", "application/json");
    });

    server.Get(R"(/api/v1/edits/([0-9a-f]{32}))", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      auto desk = EditDesk::open(opts.store_dir);
      if (!desk) return fail(res, 500, desk.error().message);
      auto e = desk->show(req.matches[1]);
      if (!e) return fail(res, 404, e.error().message);
      res.set_content(edit_to_json(*e) + "\n", "application/json");
    });

    server.Post(
        R"(/api/v1/edits/([0-9a-f]{32})/(accept|reject))", [this](const httplib::Request& req, httplib::Response& res) {
          if (!authorised(req)) return fail(res, 401, "operator token required");
          json j = json::parse(req.body.empty() ? std::string("{}") : req.body, nullptr, false);
          if (!j.is_object()) return fail(res, 400, "expected {by, reason}");
          std::string by = j.contains("by") && j["by"].is_string() ? j["by"].get<std::string>() : "operator";
          std::string reason = j.contains("reason") && j["reason"].is_string() ? j["reason"].get<std::string>() : "";
          auto desk = EditDesk::open(opts.store_dir);
          if (!desk) return fail(res, 500, desk.error().message);
          Status s = req.matches[2] == "accept" ? desk->accept(req.matches[1], by, now_seconds())
                                                : desk->reject(req.matches[1], by, reason, now_seconds());
          if (!s) return fail(res, s.error().code == ErrorCode::NotFound ? 404 : 409, s.error().message);
          auto e = desk->show(req.matches[1]);
          res.set_content((e ? edit_to_json(*e) : std::string("{}")) + "\n", "application/json");
        });

    server.Post("/api/v1/policy", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      json j = json::parse(req.body, nullptr, false);
      if (!j.is_object() || !j.contains("centre") || !j["centre"].is_string() || !j.contains("mode") ||
          !j["mode"].is_string())
        return fail(res, 400, "expected {centre, mode}");
      auto desk = EditDesk::open(opts.store_dir);
      if (!desk) return fail(res, 500, desk.error().message);
      auto s = desk->set_policy(j["centre"].get<std::string>(), j["mode"].get<std::string>());
      if (!s) return fail(res, 400, s.error().message);
      res.set_content("{\"ok\": true}\n", "application/json");
    });

    server.Post("/api/v1/staff-locks", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req)) return fail(res, 401, "operator token required");
      json j = json::parse(req.body, nullptr, false);
      if (!j.is_object() || !j.contains("centre") || !j["centre"].is_string() || !j.contains("staff") ||
          !j["staff"].is_string() || !j.contains("locked") || !j["locked"].is_boolean())
        return fail(res, 400, "expected {centre, staff, locked}");
      auto desk = EditDesk::open(opts.store_dir);
      if (!desk) return fail(res, 500, desk.error().message);
      auto s = desk->set_staff_locked(j["centre"].get<std::string>(), j["staff"].get<std::string>(),
                                      j["locked"].get<bool>());
      if (!s) return fail(res, 500, s.error().message);
      res.set_content("{\"ok\": true}\n", "application/json");
    });

    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) { fail(res, 500, "internal error"); });
  }
};

Hub::Hub(HubOptions opts) : impl_(std::make_unique<Impl>()) {
  impl_->opts = std::move(opts);
  impl_->routes();
}

Hub::~Hub() {
  stop();
}

Result<int> Hub::bind() {
  if (auto s = crypto::init(); !s) return s.take_error();
  auto store = ReleaseStore::open(impl_->opts.store_dir);
  if (!store) return store.take_error();
  Db d;
  if (auto s = open_fleet_db(d, impl_->opts.store_dir); !s) return s.take_error();
  int port = impl_->opts.port
                 ? (impl_->server.bind_to_port(impl_->opts.host.c_str(), impl_->opts.port) ? impl_->opts.port : -1)
                 : impl_->server.bind_to_any_port(impl_->opts.host.c_str());
  if (port <= 0)
    return make_error(ErrorCode::Io, "cannot listen on " + impl_->opts.host + ":" + std::to_string(impl_->opts.port));
  impl_->port = port;
  if (impl_->opts.publish_every_seconds > 0 && !impl_->opts.hub_key_file.empty() && !impl_->publisher.joinable())
    impl_->publisher = std::thread([this] { impl_->publish_loop(); });
  return port;
}

void Hub::serve() {
  impl_->server.listen_after_bind();
}

void Hub::stop() {
  if (!impl_) return;
  impl_->server.stop();
  {
    std::lock_guard<std::mutex> lock(impl_->stop_mu);
    impl_->stopping = true;
  }
  impl_->stop_cv.notify_all();
  if (impl_->publisher.joinable()) impl_->publisher.join();
}

}  // namespace faro::sync
