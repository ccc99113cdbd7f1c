#include "sync/transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "sync/metadata.h"
#include "sync/release_store.h"
#include "sync/versions.h"

namespace fs = std::filesystem;

namespace faro::sync {

Result<std::string> Transport::post(const std::string&, const std::string&) {
  return make_error(ErrorCode::Unsupported, describe() + ": cannot send to a non-HTTP source");
}

Result<std::string> Transport::get(const std::string& path, size_t max_bytes) {
  std::string out;
  Status s = fetch(path, 0, max_bytes, [&](std::string_view chunk) {
    out.append(chunk);
    return true;
  });
  if (!s) return s.take_error();
  return out;
}

namespace {

// Reads a byte range of a local file into the sink, enforcing max_total.
Status stream_file(const std::string& file, uint64_t start, uint64_t length, uint64_t offset, uint64_t max_total,
                   const std::string& what, const std::function<bool(std::string_view)>& sink) {
  if (length > max_total)
    return make_error(ErrorCode::Invalid, what + ": larger than the " + std::to_string(max_total) + " bytes allowed");
  if (offset > length) return make_error(ErrorCode::Invalid, what + ": resume offset beyond the end");
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(ErrorCode::Io, file + ": cannot read");
  in.seekg(static_cast<std::streamoff>(start + offset));
  std::vector<char> buf(1 << 16);
  uint64_t left = length - offset;
  while (left > 0) {
    in.read(buf.data(), static_cast<std::streamsize>(std::min<uint64_t>(buf.size(), left)));
    auto got = static_cast<uint64_t>(in.gcount());
    if (got == 0) return make_error(ErrorCode::Io, file + ": short read");
    left -= got;
    if (!sink(std::string_view(buf.data(), static_cast<size_t>(got)))) return {};
  }
  return {};
}

bool safe_rel_path(const std::string& p) {
  return !p.empty() && p[0] != '/' && p.find("..") == std::string::npos;
}

class DirTransport : public Transport {
 public:
  explicit DirTransport(std::string dir) : dir_(std::move(dir)) {}
  std::string describe() const override { return dir_; }
  Status fetch(const std::string& path, uint64_t offset, uint64_t max_total,
               const std::function<bool(std::string_view)>& sink) override {
    if (!safe_rel_path(path)) return make_error(ErrorCode::Invalid, "bad path " + path);
    std::string file = (fs::path(dir_) / path).string();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return make_error(ErrorCode::NotFound, file + ": not found");
    uint64_t size = fs::file_size(file, ec);
    return stream_file(file, 0, size, offset, max_total, file, sink);
  }

 private:
  std::string dir_;
};

constexpr char kBundleMagic[8] = {'F', 'A', 'R', 'O', 'B', 'N', 'D', 'L'};

class BundleTransport : public Transport {
 public:
  BundleTransport(std::string file, std::map<std::string, std::pair<uint64_t, uint64_t>> index, uint64_t data_start)
      : file_(std::move(file)), index_(std::move(index)), data_start_(data_start) {}
  std::string describe() const override { return file_; }
  Status fetch(const std::string& path, uint64_t offset, uint64_t max_total,
               const std::function<bool(std::string_view)>& sink) override {
    auto it = index_.find(path);
    if (it == index_.end()) return make_error(ErrorCode::NotFound, file_ + ": holds no " + path);
    return stream_file(file_, data_start_ + it->second.first, it->second.second, offset, max_total, file_ + ":" + path,
                       sink);
  }

 private:
  std::string file_;
  std::map<std::string, std::pair<uint64_t, uint64_t>> index_;  // path -> (offset, size)
  uint64_t data_start_;
};

// --- HTTP -----------------------------------------------------------------------

void curl_global() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

class HttpTransport : public Transport {
 public:
  HttpTransport(std::string base, int timeout) : base_(std::move(base)), timeout_(timeout) {
    if (!base_.empty() && base_.back() != '/') base_ += '/';
    curl_global();
  }
  std::string describe() const override { return base_; }

  Status fetch(const std::string& path, uint64_t offset, uint64_t max_total,
               const std::function<bool(std::string_view)>& sink) override {
    if (!safe_rel_path(path)) return make_error(ErrorCode::Invalid, "bad path " + path);
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return make_error(ErrorCode::Io, "curl: cannot start");
    struct Ctx {
      CURL* curl;
      uint64_t offset, max_total, received = 0, skip = 0;
      bool checked_status = false, too_big = false, stopped = false;
      long status = 0;
      const std::function<bool(std::string_view)>* sink;
    } ctx{curl.get(), offset, max_total, 0, 0, false, false, false, 0, &sink};
    std::string url = base_ + path;
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout_));
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, static_cast<long>(timeout_));
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "faro-kiosk/0.1");
    std::string range;
    if (offset > 0) {
      range = std::to_string(offset) + "-";
      curl_easy_setopt(curl.get(), CURLOPT_RANGE, range.c_str());
    }
    auto write = +[](char* data, size_t size, size_t n, void* user) -> size_t {
      auto* c = static_cast<Ctx*>(user);
      size_t len = size * n;
      if (!c->checked_status) {
        curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &c->status);
        c->checked_status = true;
        if (c->status == 200 && c->offset > 0) c->skip = c->offset;  // Range ignored: skip what we have
        if (c->status != 200 && c->status != 206) return 0;
      }
      std::string_view chunk(data, len);
      if (c->skip) {
        size_t s = static_cast<size_t>(std::min<uint64_t>(c->skip, chunk.size()));
        chunk.remove_prefix(s);
        c->skip -= s;
      }
      if (c->offset + c->received + chunk.size() > c->max_total) {
        c->too_big = true;  // endless data: stop at the declared size
        return 0;
      }
      c->received += chunk.size();
      if (!chunk.empty() && !(*c->sink)(chunk)) {
        c->stopped = true;
        return 0;
      }
      return len;
    };
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, write);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &ctx);
    CURLcode rc = curl_easy_perform(curl.get());
    long status = ctx.status;
    if (!ctx.checked_status) curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (ctx.too_big)
      return make_error(ErrorCode::Invalid, url + ": more than the " + std::to_string(max_total) + " bytes declared");
    if (ctx.stopped) return {};
    if (status == 404 || status == 410) return make_error(ErrorCode::NotFound, url + ": not found");
    if (status == 416) return make_error(ErrorCode::Invalid, url + ": range not satisfiable");
    if (rc != CURLE_OK) return make_error(ErrorCode::Io, url + ": " + curl_easy_strerror(rc));
    if (status != 200 && status != 206) return make_error(ErrorCode::Io, url + ": HTTP " + std::to_string(status));
    return {};
  }

  Result<std::string> post(const std::string& path, const std::string& body) override {
    // API paths live beside releases/: strip a trailing "releases/" from the base.
    std::string root = base_;
    const std::string suffix = "releases/";
    if (root.size() >= suffix.size() && root.compare(root.size() - suffix.size(), suffix.size(), suffix) == 0)
      root.resize(root.size() - suffix.size());
    return http_request("POST", root + path, "", body);
  }

 private:
  std::string base_;
  int timeout_;
};

}  // namespace

std::unique_ptr<Transport> make_http_transport(const std::string& base_url, int timeout_seconds) {
  return std::make_unique<HttpTransport>(base_url, timeout_seconds);
}

std::unique_ptr<Transport> make_dir_transport(const std::string& dir) {
  return std::make_unique<DirTransport>(dir);
}

Result<std::unique_ptr<Transport>> make_bundle_transport(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(ErrorCode::NotFound, file + ": cannot read");
  char magic[8];
  uint32_t format = 0;
  uint64_t index_len = 0;
  in.read(magic, 8);
  in.read(reinterpret_cast<char*>(&format), 4);
  in.read(reinterpret_cast<char*>(&index_len), 8);
  if (!in || std::memcmp(magic, kBundleMagic, 8) != 0)
    return make_error(ErrorCode::Invalid, file + ": not a Faro bundle");
  if (format != static_cast<uint32_t>(kBundleFormat))
    return make_error(ErrorCode::Unsupported, file + ": bundle format " + std::to_string(format) + " is not supported");
  if (index_len > (4u << 20)) return make_error(ErrorCode::Invalid, file + ": bundle index too large");
  std::string index(index_len, '\0');
  in.read(index.data(), static_cast<std::streamsize>(index_len));
  if (!in) return make_error(ErrorCode::Invalid, file + ": truncated bundle");
  auto j = nlohmann::json::parse(index, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("files") || !j["files"].is_object())
    return make_error(ErrorCode::Invalid, file + ": bad bundle index");
  std::error_code ec;
  uint64_t file_size = fs::file_size(file, ec);
  uint64_t data_start = 20 + index_len;
  std::map<std::string, std::pair<uint64_t, uint64_t>> files;
  for (auto it = j["files"].begin(); it != j["files"].end(); ++it) {
    const auto& v = it.value();
    if (!v.is_array() || v.size() != 2 || !v[0].is_number_unsigned() || !v[1].is_number_unsigned())
      return make_error(ErrorCode::Invalid, file + ": bad bundle entry " + it.key());
    uint64_t off = v[0].get<uint64_t>(), size = v[1].get<uint64_t>();
    if (off > file_size || size > file_size || data_start + off + size > file_size)
      return make_error(ErrorCode::Invalid, file + ": bundle entry " + it.key() + " lies outside the file");
    files[it.key()] = {off, size};
  }
  return std::unique_ptr<Transport>(std::make_unique<BundleTransport>(file, std::move(files), data_start));
}

Result<std::unique_ptr<Transport>> make_transport_for(const std::string& source) {
  if (source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0) return make_http_transport(source);
  std::error_code ec;
  if (fs::is_directory(source, ec)) {
    // A store's folder or its releases/ folder.
    if (fs::exists(fs::path(source) / "releases" / "manifest.json", ec))
      return make_dir_transport((fs::path(source) / "releases").string());
    return make_dir_transport(source);
  }
  if (fs::is_regular_file(source, ec)) return make_bundle_transport(source);
  return make_error(ErrorCode::NotFound, source + ": no such URL, folder or bundle");
}

Status write_bundle(const std::string& releases_dir, const std::string& out_file) {
  fs::path rel(releases_dir);
  auto manifest_text = read_file((rel / "manifest.json").string(), kMaxManifestBytes);
  if (!manifest_text) return make_error(ErrorCode::NotFound, releases_dir + ": no release to export");
  auto m = parse_manifest(*manifest_text);
  if (!m) return m.take_error();
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(rel / "root", ec))
    paths.push_back("root/" + e.path().filename().string());
  std::sort(paths.begin(), paths.end());
  paths.push_back("manifest.json");
  paths.push_back(m->snapshot.path);
  for (const auto& a : m->assets) paths.push_back(a.path);

  nlohmann::json index = {{"format", kBundleFormat}, {"release", m->release}, {"files", nlohmann::json::object()}};
  uint64_t offset = 0;
  for (const auto& p : paths) {
    uint64_t size = fs::file_size(rel / p, ec);
    if (ec) return make_error(ErrorCode::Io, (rel / p).string() + ": " + ec.message());
    index["files"][p] = {offset, size};
    offset += size;
  }
  std::string idx = index.dump();
  std::string tmp = out_file + ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    if (!o) return make_error(ErrorCode::Io, tmp + ": cannot write");
    uint32_t format = kBundleFormat;
    uint64_t len = idx.size();
    o.write(kBundleMagic, 8);
    o.write(reinterpret_cast<const char*>(&format), 4);
    o.write(reinterpret_cast<const char*>(&len), 8);
    o << idx;
    for (const auto& p : paths) {
      std::ifstream in(rel / p, std::ios::binary);
      o << in.rdbuf();
    }
    o.flush();
    if (!o) return make_error(ErrorCode::Io, tmp + ": write failed");
  }
  fs::rename(tmp, out_file, ec);
  if (ec) return make_error(ErrorCode::Io, out_file + ": " + ec.message());
  return {};
}

}  // namespace faro::sync

namespace faro::sync {

Result<std::string> http_request(const std::string& method, const std::string& url, const std::string& token,
                                 const std::string& body, const std::string& content_type) {
  curl_global();
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return make_error(ErrorCode::Io, "curl: cannot start");
  std::string response;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
  if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method != "GET") {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 300L);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  auto write = +[](char* data, size_t size, size_t n, void* user) -> size_t {
    auto* r = static_cast<std::string*>(user);
    if (r->size() > (8u << 20)) return 0;
    r->append(data, size * n);
    return size * n;
  };
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, write);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response);
  CURLcode rc = curl_easy_perform(curl.get());
  curl_slist_free_all(headers);
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_OK) return make_error(ErrorCode::Io, url + ": " + curl_easy_strerror(rc));
  if (status < 200 || status >= 300) {
    std::string reason = response;
    auto j = nlohmann::json::parse(response, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_string()) reason = j["error"].get<std::string>();
    return make_error(status >= 500 ? ErrorCode::Io : ErrorCode::Invalid,
                      url + ": HTTP " + std::to_string(status) + ": " + reason);
  }
  return response;
}

Status push_release(const std::string& store_dir, int64_t release, const std::string& hub_url,
                    const std::string& token) {
  std::string base = hub_url;
  if (!base.empty() && base.back() == '/') base.pop_back();
  fs::path rel = fs::path(store_dir) / "releases";
  auto text = read_file((rel / "manifests" / (std::to_string(release) + ".json")).string(), kMaxManifestBytes);
  if (!text) return text.take_error();
  auto m = parse_manifest(*text);
  if (!m) return m.take_error();
  // Root versions first; the hub refuses those it already has or that do not
  // follow its own, which is fine.
  std::vector<int> versions;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(rel / "root", ec)) {
    try {
      versions.push_back(std::stoi(e.path().filename().string()));
    } catch (...) {
    }
  }
  std::sort(versions.begin(), versions.end());
  for (int v : versions) {
    auto root = read_file((rel / "root" / (std::to_string(v) + ".root.json")).string(), kMaxRootBytes);
    if (root) (void)http_request("POST", base + "/api/v1/roots", token, *root);
  }
  std::vector<FileRef> files{m->snapshot};
  for (const auto& d : m->deltas) files.push_back(d);
  for (const auto& a : m->assets) files.push_back(a);
  for (const auto& f : files) {
    auto bytes = read_file((rel / f.path).string());
    if (!bytes) return bytes.take_error();
    std::string name = f.path.substr(f.path.find('/') + 1);
    auto r = http_request("PUT", base + "/api/v1/objects/" + name, token, *bytes, "application/octet-stream");
    if (!r) return r.take_error();
  }
  auto r = http_request("POST", base + "/api/v1/releases", token, *text);
  if (!r) return r.take_error();
  return {};
}

}  // namespace faro::sync
