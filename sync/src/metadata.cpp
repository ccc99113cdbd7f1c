#include "sync/metadata.h"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "sync/crypto.h"
#include "sync/versions.h"

namespace faro::sync {

using json = nlohmann::json;

namespace {

Error invalid(std::string what) {
  return make_error(ErrorCode::Invalid, std::move(what));
}

std::string canonical(const json& j) {
  return j.dump();
}

json role_json(const RoleSpec& r) {
  return json{{"keyids", r.keyids}, {"threshold", r.threshold}};
}

Result<RoleSpec> role_from(const json& j, const char* name) {
  if (!j.is_object() || !j.contains("keyids") || !j["keyids"].is_array() || !j.contains("threshold") ||
      !j["threshold"].is_number_integer())
    return invalid(std::string("role '") + name + "' is malformed");
  RoleSpec r;
  for (const auto& k : j["keyids"]) {
    if (!k.is_string()) return invalid(std::string("role '") + name + "' has a non-text key id");
    r.keyids.push_back(k.get<std::string>());
  }
  r.threshold = j["threshold"].get<int>();
  if (r.threshold < 1 || r.threshold > 16) return invalid(std::string("role '") + name + "' has a bad threshold");
  return r;
}

json envelope(const json& signed_part, const std::vector<std::string>& secret_keys) {
  std::string msg = canonical(signed_part);
  json sigs = json::array();
  for (const auto& sk : secret_keys) {
    std::string pub = sk.substr(32);  // libsodium secret keys end with the public key
    sigs.push_back({{"keyid", crypto::key_id(pub)}, {"sig", crypto::to_hex(crypto::sign(msg, sk))}});
  }
  return json{{"signed", signed_part}, {"signatures", sigs}};
}

// Counts distinct valid signatures from `role` keys (looked up in `keys`).
int count_valid(const json& env, const RoleSpec& role, const std::map<std::string, std::string>& keys) {
  if (!env.is_object() || !env.contains("signed") || !env.contains("signatures") || !env["signatures"].is_array())
    return 0;
  std::string msg = canonical(env["signed"]);
  std::set<std::string> good;
  for (const auto& s : env["signatures"]) {
    if (!s.is_object() || !s.contains("keyid") || !s.contains("sig") || !s["keyid"].is_string() ||
        !s["sig"].is_string())
      continue;
    std::string id = s["keyid"].get<std::string>();
    if (std::find(role.keyids.begin(), role.keyids.end(), id) == role.keyids.end()) continue;
    auto k = keys.find(id);
    if (k == keys.end()) continue;
    auto sig = crypto::from_hex(s["sig"].get<std::string>());
    if (!sig) continue;
    if (crypto::verify(msg, *sig, k->second)) good.insert(id);
  }
  return static_cast<int>(good.size());
}

Result<json> parse_envelope(std::string_view text, const char* type) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return invalid(std::string(type) + ": not valid JSON");
  if (!j.is_object() || !j.contains("signed") || !j["signed"].is_object() || !j.contains("signatures") ||
      !j["signatures"].is_array())
    return invalid(std::string(type) + ": not a signed envelope");
  const json& s = j["signed"];
  if (!s.contains("type") || s["type"] != type) return invalid(std::string(type) + ": wrong document type");
  if (!s.contains("format") || !s["format"].is_number_integer() || s["format"].get<int>() != kManifestFormat)
    return invalid(std::string(type) + ": unsupported format version");
  return j;
}

bool is_sha256(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

Result<FileRef> file_from(const json& j, const char* what) {
  if (!j.is_object() || !j.contains("path") || !j["path"].is_string() || !j.contains("size") ||
      !j["size"].is_number_unsigned() || !j.contains("sha256") || !j["sha256"].is_string())
    return invalid(std::string("manifest: ") + what + " is malformed");
  FileRef f{j["path"].get<std::string>(), j["size"].get<uint64_t>(), j["sha256"].get<std::string>()};
  // Paths are names inside releases/, never anything that climbs out.
  if (f.path.empty() || f.path.find("..") != std::string::npos || f.path[0] == '/' ||
      f.path.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789/._-") != std::string::npos)
    return invalid(std::string("manifest: ") + what + " has a bad path");
  if (!is_sha256(f.sha256)) return invalid(std::string("manifest: ") + what + " has a bad hash");
  return f;
}

json file_json(const FileRef& f) {
  return json{{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}};
}

}  // namespace

std::string format_time(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<int64_t> parse_time(std::string_view s) {
  std::tm tm{};
  std::string str(s);
  if (str.size() != 20 || str[19] != 'Z') return invalid("bad time '" + str + "'");
  const char* end = strptime(str.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end != '\0') return invalid("bad time '" + str + "'");
  return static_cast<int64_t>(timegm(&tm));
}

Result<Root> parse_root(std::string_view text) {
  auto env = parse_envelope(text, "root");
  if (!env) return env.take_error();
  const json& s = (*env)["signed"];
  Root r;
  if (!s.contains("version") || !s["version"].is_number_integer() || s["version"].get<int>() < 1)
    return invalid("root: bad version");
  r.version = s["version"].get<int>();
  if (!s.contains("expires") || !s["expires"].is_string() || !parse_time(s["expires"].get<std::string>()))
    return invalid("root: bad expiry");
  r.expires = s["expires"].get<std::string>();
  if (!s.contains("keys") || !s["keys"].is_object()) return invalid("root: no keys");
  for (auto it = s["keys"].begin(); it != s["keys"].end(); ++it) {
    if (!it.value().is_string()) return invalid("root: key '" + it.key() + "' is not text");
    auto pub = crypto::from_hex(it.value().get<std::string>());
    if (!pub || pub->size() != 32) return invalid("root: key '" + it.key() + "' is not an Ed25519 public key");
    if (crypto::key_id(*pub) != it.key()) return invalid("root: key id '" + it.key() + "' does not match its key");
    r.keys[it.key()] = *pub;
  }
  if (!s.contains("roles") || !s["roles"].is_object()) return invalid("root: no roles");
  auto root_role = role_from(s["roles"].value("root", json()), "root");
  if (!root_role) return root_role.take_error();
  auto release_role = role_from(s["roles"].value("release", json()), "release");
  if (!release_role) return release_role.take_error();
  r.root = *root_role;
  r.release = *release_role;
  if (s["roles"].contains("directory")) {
    const json& d = s["roles"]["directory"];
    auto role = role_from(d, "directory");
    if (!role) return role.take_error();
    DirectoryRole dir;
    static_cast<RoleSpec&>(dir) = *role;
    if (!d.contains("centres") || !d["centres"].is_array() || d["centres"].empty())
      return invalid("root: role 'directory' names no centres");
    for (const auto& c : d["centres"]) {
      if (!c.is_string() || c.get<std::string>().empty()) return invalid("root: role 'directory' has a bad centre");
      dir.centres.push_back(c.get<std::string>());
    }
    r.directory = dir;
  }
  r.json = std::string(text);
  return r;
}

Status sign_root(Root& r, const std::vector<std::string>& secret_keys) {
  json keys = json::object();
  for (const auto& [id, pub] : r.keys) keys[id] = crypto::to_hex(pub);
  json s = {{"type", "root"},       {"format", kManifestFormat},
            {"version", r.version}, {"expires", r.expires},
            {"keys", keys},         {"roles", {{"root", role_json(r.root)}, {"release", role_json(r.release)}}}};
  if (r.directory) {
    json d = role_json(*r.directory);
    d["centres"] = r.directory->centres;
    s["roles"]["directory"] = d;
  }
  r.json = envelope(s, secret_keys).dump(2);
  return {};
}

Status verify_initial_root(const Root& r) {
  json env = json::parse(r.json, nullptr, false);
  int n = count_valid(env, r.root, r.keys);
  if (n < r.root.threshold)
    return invalid("root v" + std::to_string(r.version) + ": " + std::to_string(n) + " valid root signatures, " +
                   std::to_string(r.root.threshold) + " needed");
  return {};
}

Status verify_next_root(const Root& candidate, const Root& trusted) {
  if (candidate.version != trusted.version + 1)
    return invalid("root v" + std::to_string(candidate.version) + " does not follow trusted v" +
                   std::to_string(trusted.version));
  json env = json::parse(candidate.json, nullptr, false);
  int old_n = count_valid(env, trusted.root, trusted.keys);
  if (old_n < trusted.root.threshold)
    return invalid("root v" + std::to_string(candidate.version) + ": signed by " + std::to_string(old_n) +
                   " trusted root keys, " + std::to_string(trusted.root.threshold) + " needed");
  int new_n = count_valid(env, candidate.root, candidate.keys);
  if (new_n < candidate.root.threshold)
    return invalid("root v" + std::to_string(candidate.version) + ": signed by " + std::to_string(new_n) +
                   " of its own root keys, " + std::to_string(candidate.root.threshold) + " needed");
  return {};
}

Result<Manifest> parse_manifest(std::string_view text) {
  if (text.size() > kMaxManifestBytes) return invalid("manifest: larger than the limit");
  auto env = parse_envelope(text, "release");
  if (!env) return env.take_error();
  const json& s = (*env)["signed"];
  Manifest m;
  auto int_field = [&](const char* k) { return s.contains(k) && s[k].is_number_integer(); };
  auto str_field = [&](const char* k) { return s.contains(k) && s[k].is_string(); };
  if (!int_field("release") || s["release"].get<int64_t>() < 1) return invalid("manifest: bad release number");
  if (!str_field("created") || !parse_time(s["created"].get<std::string>()))
    return invalid("manifest: bad created time");
  if (!str_field("expires") || !parse_time(s["expires"].get<std::string>())) return invalid("manifest: bad expiry");
  if (!str_field("content_hash") || !is_sha256(s["content_hash"].get<std::string>()))
    return invalid("manifest: bad content hash");
  if (!int_field("schema_version") || !int_field("root_version")) return invalid("manifest: bad versions");
  if (!str_field("scope")) return invalid("manifest: no scope");
  m.release = s["release"].get<int64_t>();
  m.created = s["created"].get<std::string>();
  m.expires = s["expires"].get<std::string>();
  m.content_hash = s["content_hash"].get<std::string>();
  m.schema_version = s["schema_version"].get<int>();
  m.root_version = s["root_version"].get<int>();
  m.scope = s["scope"].get<std::string>();
  auto snap = file_from(s.value("snapshot", json()), "snapshot");
  if (!snap) return snap.take_error();
  m.snapshot = *snap;
  const json& sn = s["snapshot"];
  if (!sn.contains("raw_size") || !sn["raw_size"].is_number_unsigned() || !sn.contains("raw_sha256") ||
      !sn["raw_sha256"].is_string() || !is_sha256(sn["raw_sha256"].get<std::string>()))
    return invalid("manifest: snapshot is malformed");
  m.snapshot_raw_size = sn["raw_size"].get<uint64_t>();
  m.snapshot_raw_sha256 = sn["raw_sha256"].get<std::string>();
  if (!s.contains("deltas") || !s["deltas"].is_array()) return invalid("manifest: no deltas list");
  for (const auto& d : s["deltas"]) {
    auto f = file_from(d, "delta");
    if (!f) return f.take_error();
    if (!d.contains("from") || !d["from"].is_number_integer() || d["from"].get<int64_t>() >= m.release ||
        d["from"].get<int64_t>() < 1)
      return invalid("manifest: delta has a bad 'from'");
    DeltaRef r;
    static_cast<FileRef&>(r) = *f;
    r.from = d["from"].get<int64_t>();
    m.deltas.push_back(r);
  }
  if (!s.contains("assets") || !s["assets"].is_array()) return invalid("manifest: no assets list");
  for (const auto& a : s["assets"]) {
    auto f = file_from(a, "asset");
    if (!f) return f.take_error();
    if (!a.contains("name") || !a["name"].is_string()) return invalid("manifest: asset has no name");
    AssetRef r;
    static_cast<FileRef&>(r) = *f;
    r.name = a["name"].get<std::string>();
    if (r.name.empty() || r.name.size() > 100 || r.name[0] == '.' ||
        r.name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
            std::string::npos)
      return invalid("manifest: asset has a bad name");
    m.assets.push_back(r);
  }
  if (s.contains("digests")) {
    const json& d = s["digests"];
    if (!d.is_object() || !d.contains("outside") || !d["outside"].is_string() ||
        !is_sha256(d["outside"].get<std::string>()) || !d.contains("centres") || !d["centres"].is_object())
      return invalid("manifest: digests are malformed");
    m.digests.outside = d["outside"].get<std::string>();
    for (auto it = d["centres"].begin(); it != d["centres"].end(); ++it) {
      if (!it.value().is_string() || !is_sha256(it.value().get<std::string>()))
        return invalid("manifest: digest of centre '" + it.key() + "' is malformed");
      m.digests.centres[it.key()] = it.value().get<std::string>();
    }
  }
  if (m.scope == "directory") {
    if (!s.contains("centres") || !s["centres"].is_array() || s["centres"].empty())
      return invalid("manifest: a directory release names no centres");
    for (const auto& c : s["centres"]) {
      if (!c.is_string()) return invalid("manifest: bad centre");
      m.centres.push_back(c.get<std::string>());
    }
    if (!s.contains("parent") || !s["parent"].is_object())
      return invalid("manifest: a directory release names no parent");
    m.parent_json = s["parent"].dump();
  } else if (m.scope != "full") {
    return invalid("manifest: unknown scope '" + m.scope + "'");
  }
  m.json = std::string(text);
  return m;
}

Status sign_manifest(Manifest& m, const std::vector<std::string>& secret_keys) {
  json deltas = json::array();
  for (const auto& d : m.deltas) {
    json j = file_json(d);
    j["from"] = d.from;
    deltas.push_back(j);
  }
  json assets = json::array();
  for (const auto& a : m.assets) {
    json j = file_json(a);
    j["name"] = a.name;
    assets.push_back(j);
  }
  json snap = file_json(m.snapshot);
  snap["raw_size"] = m.snapshot_raw_size;
  snap["raw_sha256"] = m.snapshot_raw_sha256;
  json s = {{"type", "release"},
            {"format", kManifestFormat},
            {"release", m.release},
            {"created", m.created},
            {"expires", m.expires},
            {"content_hash", m.content_hash},
            {"schema_version", m.schema_version},
            {"root_version", m.root_version},
            {"scope", m.scope},
            {"snapshot", snap},
            {"deltas", deltas},
            {"assets", assets}};
  if (!m.digests.empty()) s["digests"] = {{"outside", m.digests.outside}, {"centres", m.digests.centres}};
  if (m.scope == "directory") {
    s["centres"] = m.centres;
    s["parent"] = json::parse(m.parent_json, nullptr, false);
  }
  m.json = envelope(s, secret_keys).dump(2);
  return {};
}

Status verify_manifest(const Manifest& m, const Root& root) {
  json env = json::parse(m.json, nullptr, false);
  if (m.scope == "full") {
    int n = count_valid(env, root.release, root.keys);
    if (n < root.release.threshold)
      return invalid("manifest of release " + std::to_string(m.release) + ": " + std::to_string(n) +
                     " valid release signatures, " + std::to_string(root.release.threshold) + " needed");
    return {};
  }
  if (m.scope != "directory") return invalid("manifest: scope '" + m.scope + "' is not one this kiosk accepts");
  if (!root.directory)
    return invalid("directory release " + std::to_string(m.release) + ": the root of trust allows no directory key");
  int n = count_valid(env, *root.directory, root.keys);
  if (n < root.directory->threshold)
    return invalid("directory release " + std::to_string(m.release) + ": " + std::to_string(n) +
                   " valid directory signatures, " + std::to_string(root.directory->threshold) + " needed");
  for (const auto& c : m.centres)
    if (std::find(root.directory->centres.begin(), root.directory->centres.end(), c) == root.directory->centres.end())
      return invalid("directory release " + std::to_string(m.release) + " names centre '" + c +
                     "', which its key may not change");
  auto parent = parse_manifest(m.parent_json);
  if (!parent) return invalid("directory release " + std::to_string(m.release) + ": parent: " + parent.error().message);
  if (parent->scope != "full")
    return invalid("directory release " + std::to_string(m.release) + ": its parent is not an operator release");
  if (parent->release >= m.release)
    return invalid("directory release " + std::to_string(m.release) + ": its parent is not older");
  if (parent->digests.empty())
    return invalid("directory release " + std::to_string(m.release) + ": its parent carries no scope digests");
  if (auto s = verify_manifest(*parent, root); !s)
    return invalid("directory release " + std::to_string(m.release) + ": parent: " + s.error().message);
  return {};
}

Status check_scope(const Manifest& m, const ScopeDigests& built) {
  if (m.scope != "directory") return {};
  auto parent = parse_manifest(m.parent_json);
  if (!parent) return parent.take_error();
  const ScopeDigests& before = parent->digests;
  std::string where = "directory release " + std::to_string(m.release) + " ";
  if (built.outside != before.outside)
    return invalid(where +
                   "changes content outside the directory (articles, warnings, UI strings, centres or emergency "
                   "numbers); refused");
  std::set<std::string> all;
  for (const auto& [c, h] : before.centres) all.insert(c);
  for (const auto& [c, h] : built.centres) all.insert(c);
  for (const auto& c : all) {
    if (std::find(m.centres.begin(), m.centres.end(), c) != m.centres.end()) continue;
    auto a = before.centres.find(c), b = built.centres.find(c);
    std::string ha = a == before.centres.end() ? "" : a->second, hb = b == built.centres.end() ? "" : b->second;
    if (ha != hb) return invalid(where + "changes the directory of centre '" + c + "', which it may not; refused");
  }
  return {};
}

}  // namespace faro::sync
