#include "world.h"

#include <httplib.h>

#include <catch2/catch.hpp>

#include <filesystem>

#include "sync/crypto.h"
#include "sync/snapshot.h"

namespace fs = std::filesystem;

namespace faro::test {

void copy_dir(const std::string& from, const std::string& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

HubThread::HubThread(const std::string& store_dir, const std::string& hub_key_file) {
  sync::HubOptions o;
  o.store_dir = store_dir;
  o.hub_key_file = hub_key_file;
  hub_ = std::make_unique<sync::Hub>(o);
  auto port = hub_->bind();
  REQUIRE(port.ok());
  port_ = *port;
  thread_ = std::thread([this] { hub_->serve(); });
}

HubThread::~HubThread() {
  hub_->stop();
  if (thread_.joinable()) thread_.join();
}

struct EvilMirror::Impl {
  httplib::Server server;
};

EvilMirror::EvilMirror(std::string dir) : impl_(std::make_unique<Impl>()) {
  impl_->server.Get(R"(/(.+))", [this, dir](const httplib::Request& req, httplib::Response& res) {
    ++requests;
    std::string rel = req.matches[1];
    auto body = sync::read_file((fs::path(dir) / rel).string());
    if (!body || rel.find("..") != std::string::npos) {
      res.status = 404;
      return;
    }
    auto payload = std::make_shared<std::string>(*body);
    if (extra_bytes > 0) payload->append(std::string(extra_bytes.load(), 'x'));
    // httplib answers Range itself; the cut counts from where this request starts.
    uint64_t start = 0;
    if (!req.ranges.empty() && req.ranges[0].first > 0) start = static_cast<uint64_t>(req.ranges[0].first);
    bool object = rel.rfind("objects/", 0) == 0;
    uint64_t cut = object && cut_after.load() ? start + cut_after.load() : 0;
    res.set_content_provider(payload->size(), "application/octet-stream",
                             [this, payload, cut, object](size_t offset, size_t length, httplib::DataSink& sink) {
                               size_t n = std::min<size_t>(length, 16384);
                               if (cut && offset + n > cut) {
                                 if (offset < cut) {
                                   sink.write(payload->data() + offset, cut - offset);
                                   if (object) bytes_served += cut - offset;
                                 }
                                 return false;  // drop the connection mid-transfer
                               }
                               sink.write(payload->data() + offset, n);
                               if (object) bytes_served += n;
                               return true;
                             });
  });
  port_ = impl_->server.bind_to_any_port("127.0.0.1");
  REQUIRE(port_ > 0);
  thread_ = std::thread([this] { impl_->server.listen_after_bind(); });
}

EvilMirror::~EvilMirror() {
  impl_->server.stop();
  if (thread_.joinable()) thread_.join();
}

World::World() {
  REQUIRE(sync::crypto::init().ok());
  keys = (dir / "keys").string();
  store = (dir / "store").string();
  src_ = (dir / "src").string();
  now = 1795996800;  // 2026-11-30
  auto k = sync::init_keys(keys, now);
  REQUIRE(k.ok());
  auto root = sync::read_file(keys + "/roots/1.root.json");
  REQUIRE(root.ok());
  REQUIRE(sync::ReleaseStore::init(store, {*root}).ok());
}

int64_t World::publish(int variant, int expires_days) {
  fs::remove_all(src_);
  copy_tree(mini_tree(), src_);
  std::string path = src_ + "/services/test.yaml";
  std::string s = read_file(path);
  auto pos = s.find("\"+19155550101\"");
  REQUIRE(pos != std::string::npos);
  char phone[32];
  std::snprintf(phone, sizeof phone, "\"+1915555%04d\"", 100 + variant);
  s.replace(pos, 14, phone);
  write_file(path, s);
  auto st = sync::ReleaseStore::open(store);
  REQUIRE(st.ok());
  sync::PublishOptions o;
  o.now = now;
  o.expires_days = expires_days;
  auto r = st->publish(src_, keys, o);
  REQUIRE(r.ok());
  REQUIRE(r->diagnostics.empty());
  return r->release;
}

std::string World::new_kiosk(const std::string& name) {
  std::string k = (dir / name).string();
  auto root = sync::read_file(store + "/releases/root/1.root.json");
  REQUIRE(root.ok());
  sync::KioskInit init;
  init.root_chain = {*root};
  REQUIRE(sync::KioskDir::init(k, init).ok());
  return k;
}

std::string World::new_centre_kiosk(const std::string& name, const std::string& centre, const std::string& hub_base) {
  std::string k = (dir / name).string();
  auto root = sync::read_file(store + "/releases/root/1.root.json");
  REQUIRE(root.ok());
  sync::KioskInit init;
  init.root_chain = {*root};
  init.centre = centre;
  init.hub = hub_base;
  init.mirrors = {hub_base + "/releases/"};
  REQUIRE(sync::KioskDir::init(k, init).ok());
  auto kd = sync::KioskDir::open(k);
  REQUIRE(kd.ok());
  std::string pub = kd->device_public_key();
  REQUIRE(sync::register_device(store, sync::crypto::key_id(pub), sync::crypto::to_hex(pub), centre).ok());
  return k;
}

std::string World::add_hub_key(const std::vector<std::string>& centres) {
  sync::RotateOptions o;
  o.new_root_key = false;
  o.hub_centres = centres;
  auto r = sync::rotate_root(keys, o, now);
  REQUIRE(r.ok());
  auto st = sync::ReleaseStore::open(store);
  REQUIRE(st.ok());
  REQUIRE(st->add_root(r->json).ok());
  REQUIRE(r->directory.has_value());
  return keys + "/hub-" + r->directory->keyids[0] + ".key";
}

sync::KioskStatus World::status(const std::string& kiosk) {
  auto k = sync::KioskDir::open(kiosk);
  REQUIRE(k.ok());
  auto st = k->status(now);
  REQUIRE(st.ok());
  return *st;
}

std::string World::kiosk_content_hash(const std::string& kiosk) {
  std::string db = kiosk + "/content.db";
  if (!fs::exists(db)) return "";
  auto h = sync::content_hash(db);
  REQUIRE(h.ok());
  return *h;
}

}  // namespace faro::test
