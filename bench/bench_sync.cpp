// Sync benchmark on the synthetic store (default 20,000 services x 30
// languages): snapshot size raw vs compressed; the bytes a kiosk downloads
// for an update that changes 1% of services (target: at most 5% of the
// compressed snapshot); the time to apply that delta and to apply the full
// snapshot; hub throughput for manifest requests and 304 answers with wrk.
//
//   bench_sync [--services N] [--languages L] [--wrk-seconds S]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "content/synth.h"
#include "content/service_record.h"
#include "content/store.h"
#include "sync/crypto.h"
#include "sync/edit_desk.h"
#include "sync/hub.h"
#include "sync/outbox.h"
#include "sync/kiosk.h"
#include "sync/release_store.h"
#include "sync/transport.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace faro;

namespace {

double secs(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double mb(uint64_t b) { return static_cast<double>(b) / (1024.0 * 1024.0); }

// Changes the phone number of every 100th service: 1% of them.
size_t change_one_percent(const std::string& tree) {
  size_t changed = 0;
  for (const auto& e : fs::directory_iterator(fs::path(tree) / "services")) {
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str(), out;
    std::istringstream lines(text);
    std::string line;
    bool pick = false;
    while (std::getline(lines, line)) {
      if (line.rfind("  - id: svc-", 0) == 0) pick = std::stoul(line.substr(12)) % 100 == 0;
      if (pick && line.find("- number: \"") != std::string::npos) {
        auto q = line.rfind('"');
        line[q - 1] = line[q - 1] == '9' ? '0' : static_cast<char>(line[q - 1] + 1);
        ++changed;
        pick = false;
      }
      out += line + "\n";
    }
    std::ofstream(e.path(), std::ios::trunc) << out;
  }
  return changed;
}

std::string wrk_rate(const std::string& url, const std::string& header, int seconds) {
  std::string cmd = "wrk -t2 -c32 -d" + std::to_string(seconds) + "s " + (header.empty() ? "" : "-H '" + header + "' ") +
                    url + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return "wrk failed";
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  ::pclose(p);
  std::smatch m;
  std::regex rate(R"(Requests/sec:\s+([0-9.]+))");
  if (std::regex_search(out, m, rate)) return m[1].str() + " req/s";
  return "wrk not available (" + out.substr(0, 80) + ")";
}

}  // namespace

int main(int argc, char** argv) {
  size_t services = 20000, languages = 30;
  int wrk_seconds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--services") services = std::stoul(argv[i + 1]);
    else if (a == "--languages") languages = std::stoul(argv[i + 1]);
    else if (a == "--wrk-seconds") wrk_seconds = std::stoi(argv[i + 1]);
  }
  fs::path work = fs::temp_directory_path() / ("faro-bench-sync-" + std::to_string(std::random_device{}()));
  fs::create_directories(work);
  std::string tree = (work / "src").string(), keys = (work / "keys").string(), store = (work / "store").string();
  content::SynthOptions so;
  so.services = services;
  so.languages = languages;
  if (!content::write_synthetic_tree(so, tree)) return 1;
  int64_t now = sync::system_clock().now();
  if (!sync::init_keys(keys, now)) return 1;
  if (!sync::ReleaseStore::init(store, {*sync::read_file(keys + "/roots/1.root.json")})) return 1;
  auto st = sync::ReleaseStore::open(store);
  sync::PublishOptions po;
  po.now = now;
  auto t0 = Clock::now();
  auto r1 = st->publish(tree, keys, po);
  double publish1 = secs(t0);
  if (!r1 || !r1->published) {
    std::cerr << "publish failed\n";
    return 1;
  }
  auto m1 = st->latest();
  size_t changed = change_one_percent(tree);
  t0 = Clock::now();
  auto r2 = st->publish(tree, keys, po);
  double publish2 = secs(t0);
  if (!r2 || !r2->published) {
    std::cerr << "second publish failed\n";
    return 1;
  }
  auto m2 = st->latest();
  uint64_t delta = m2->deltas.empty() ? 0 : m2->deltas[0].size;
  uint64_t manifest = m2->json.size();

  // Kiosk A: full snapshot of release 1, then the delta to release 2.
  // The first service and its centre: the kiosk stands there (staff edits).
  std::string edit_service, edit_centre;
  {
    auto db = content::Store::open(st->release_db(m2->release));
    auto ids = (*db)->services(content::ServiceQuery{"en", "", "", "", false, false, std::nullopt, std::nullopt,
                                                     std::nullopt, 1});
    edit_service = ids->at(0).id;
    edit_centre = ids->at(0).centre;
  }
  auto make_kiosk = [&](const std::string& name) {
    sync::KioskInit init;
    init.centre = edit_centre;
    init.root_chain = {*sync::read_file(keys + "/roots/1.root.json")};
    std::string dir = (work / name).string();
    (void)sync::KioskDir::init(dir, init);
    return *sync::KioskDir::open(dir);
  };
  std::map<std::string, double> steps;
  std::string current;
  auto last = Clock::now();
  sync::SyncOptions opts;
  opts.on_step = [&](const char* s) {
    if (!current.empty()) steps[current] += secs(last);
    current = s;
    last = Clock::now();
  };
  // Release 1 only, as a kiosk would have seen it before release 2.
  std::string r1dir = (work / "r1").string();
  fs::create_directories(r1dir + "/root");
  fs::copy(store + "/releases/root", r1dir + "/root", fs::copy_options::recursive);
  fs::create_directories(r1dir + "/objects");
  fs::copy_file(store + "/releases/" + m1->snapshot.path, r1dir + "/" + m1->snapshot.path);
  std::ofstream(r1dir + "/manifest.json") << m1->json;
  auto a = make_kiosk("kiosk-a");
  auto t1 = sync::make_dir_transport(r1dir);
  t0 = Clock::now();
  auto full = sync::sync_once(a, {t1.get()}, sync::system_clock(), opts);
  double full_s = secs(t0);
  if (!current.empty()) steps[current] += secs(last);
  auto full_steps = steps;
  steps.clear();
  current.clear();
  auto t2 = sync::make_dir_transport(store + "/releases");
  last = Clock::now();
  t0 = Clock::now();
  auto d = sync::sync_once(a, {t2.get()}, sync::system_clock(), opts);
  double delta_s = secs(t0);
  if (!current.empty()) steps[current] += secs(last);
  auto delta_steps = steps;

  // Staff edits: save latency on the kiosk, the hub's merge, a directory
  // release and its apply with the scope check.
  sync::RotateOptions ro;
  ro.new_root_key = false;
  ro.hub_centres = {edit_centre};
  auto root2 = sync::rotate_root(keys, ro, now);
  (void)st->add_root(root2->json);
  auto hub_key = *sync::read_secret_key(keys + "/hub-" + root2->directory->keyids[0] + ".key");
  std::string kiosk_id = sync::crypto::key_id(a.device_public_key());
  (void)sync::register_device(store, kiosk_id, sync::crypto::to_hex(a.device_public_key()), edit_centre);
  sync::Outbox box(a);
  t0 = Clock::now();
  (void)box.refresh_view();
  double view_build = secs(t0);
  std::vector<double> save_ms;
  std::vector<std::string> envelopes;
  for (int i = 0; i < 20; ++i) {
    char phone[64];
    std::snprintf(phone, sizeof phone, "+1915555%04d voice", 1000 + i);
    t0 = Clock::now();
    auto e = box.save("bench", edit_service, {{"phones", phone}}, now + i);
    save_ms.push_back(secs(t0) * 1000);
    if (!e) {
      std::cerr << "save failed: " << e.error().message << "\n";
      return 1;
    }
    envelopes.push_back(e->envelope);
  }
  std::sort(save_ms.begin(), save_ms.end());
  auto desk = sync::EditDesk::open(store);
  std::vector<double> merge_ms;
  for (const auto& env : envelopes) {
    t0 = Clock::now();
    auto ans = desk->receive(env, kiosk_id, now);
    merge_ms.push_back(secs(t0) * 1000);
    if (ans.state != "accepted") std::cerr << "edit " << ans.state << ": " << ans.reason << "\n";
  }
  std::sort(merge_ms.begin(), merge_ms.end());
  t0 = Clock::now();
  auto dir_release = desk->publish_directory(hub_key, po);
  double publish_dir = secs(t0);
  steps.clear();
  current.clear();
  last = Clock::now();
  t0 = Clock::now();
  auto dr = sync::sync_once(a, {t2.get()}, sync::system_clock(), opts);
  double dir_apply = secs(t0);
  if (!current.empty()) steps[current] += secs(last);
  auto dir_steps = steps;

  // Hub throughput.
  sync::HubOptions ho;
  ho.store_dir = store;
  sync::Hub hub(ho);
  auto port = hub.bind();
  std::thread server([&] { hub.serve(); });
  std::string url = "http://127.0.0.1:" + std::to_string(*port) + "/releases/manifest.json";
  std::string etag;
  {
    std::string cmd = "curl -sI " + url;
    FILE* p = ::popen(cmd.c_str(), "r");
    char buf[512];
    while (p && fgets(buf, sizeof buf, p)) {
      std::string l = buf;
      if (l.rfind("ETag: ", 0) == 0) etag = l.substr(6, l.find('\r') - 6);
    }
    if (p) ::pclose(p);
  }
  std::string rate200 = wrk_rate(url, "", wrk_seconds);
  std::string rate304 = wrk_rate(url, "If-None-Match: " + etag, wrk_seconds);
  hub.stop();
  server.join();

  std::printf("faro sync benchmark: %zu services x %zu languages\n", services, languages);
  std::printf("  publish release 1:           %8.2f s\n", publish1);
  std::printf("  publish release 2 (+delta):  %8.2f s\n", publish2);
  std::printf("  snapshot raw:                %8.1f MB\n", mb(m2->snapshot_raw_size));
  std::printf("  snapshot compressed (zstd):  %8.1f MB\n", mb(m2->snapshot.size));
  std::printf("  update changing 1%% (%zu services): delta %llu bytes + manifest %llu bytes = %.2f%% of the compressed snapshot (target <= 5%%)\n",
              changed, static_cast<unsigned long long>(delta), static_cast<unsigned long long>(manifest),
              100.0 * static_cast<double>(delta + manifest) / static_cast<double>(m2->snapshot.size));
  std::printf("  kiosk: full snapshot pass:   %8.2f s  (%s)\n", full_s, sync::to_string(full.outcome));
  for (const auto& [k, v] : full_steps) std::printf("      %-22s %8.2f s\n", k.c_str(), v);
  std::printf("  kiosk: delta pass:           %8.2f s  (%s, %s, %llu bytes downloaded)\n", delta_s,
              sync::to_string(d.outcome), d.used_delta ? "delta" : "snapshot",
              static_cast<unsigned long long>(d.bytes_downloaded));
  for (const auto& [k, v] : delta_steps) std::printf("      %-22s %8.2f s\n", k.c_str(), v);
  std::printf("  staff edits: first view build %.2f s; save p50 %.1f ms, max %.1f ms (20 saves)\n", view_build,
              save_ms[save_ms.size() / 2], save_ms.back());
  std::printf("  hub merge per edit: p50 %.1f ms, max %.1f ms\n", merge_ms[merge_ms.size() / 2], merge_ms.back());
  std::printf("  directory release:           %8.2f s  (%s, release %lld)\n", publish_dir,
              dir_release && dir_release->published ? "published" : "NOT published",
              dir_release ? static_cast<long long>(dir_release->release) : 0LL);
  std::printf("  kiosk: directory release pass: %6.2f s  (%s, %s)\n", dir_apply, sync::to_string(dr.outcome),
              dr.used_delta ? "delta" : "snapshot");
  for (const auto& [k, v] : dir_steps) std::printf("      %-22s %8.2f s\n", k.c_str(), v);
  std::printf("  hub manifest (200):          %s\n", rate200.c_str());
  std::printf("  hub manifest (304):          %s\n", rate304.c_str());
  fs::remove_all(work);
  return 0;
}
