// `faro` subcommands for keys, the store, publishing, the hub, kiosks, sync,
// bundles and the fleet. Each parses its options and calls faro_sync.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "args.h"
#include "commands.h"
#include "sync/crypto.h"
#include "sync/edit_desk.h"
#include "sync/hub.h"
#include "sync/kiosk.h"
#include "sync/outbox.h"
#include "sync/release_store.h"
#include "sync/transport.h"
#include "sync/versions.h"

namespace fs = std::filesystem;

namespace faro::cli {
namespace {

int64_t now() {
  return sync::system_clock().now();
}

int usage(std::ostream& err, const Parsed& p, const char* text) {
  if (!p.error.empty()) err << "faro: " << p.error << "\n";
  err << "usage: " << text << "\n";
  return 2;
}

int fail(std::ostream& err, const Error& e) {
  err << "faro: " << e.message << "\n";
  return 1;
}

// Root versions 1..N of a key folder, a store or a root file's folder.
std::vector<std::string> root_chain_from_dir(const fs::path& dir) {
  std::vector<std::pair<int, std::string>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    auto dot = name.find(".root.json");
    if (dot == std::string::npos) continue;
    try {
      auto text = sync::read_file(e.path().string(), sync::kMaxRootBytes);
      if (text) found.push_back({std::stoi(name.substr(0, dot)), *text});
    } catch (...) {
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& [v, t] : found) out.push_back(std::move(t));
  return out;
}

}  // namespace

int keys_init(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--root-valid-days"}, {});
  if (!p.error.empty() || p.positional.size() != 1) return usage(err, p, "faro keys init KEYDIR");
  auto days = p.get_int("--root-valid-days", 365, 1, 3650);
  if (!days) return usage(err, p, "faro keys init KEYDIR [--root-valid-days N]");
  auto r = sync::init_keys(p.positional[0], now(), static_cast<int>(*days));
  if (!r) return fail(err, r.error());
  out << "made a root key and a release key in " << p.positional[0] << " (keep this folder offline)\n";
  out << "root v1: " << p.positional[0] << "/root.json (root key " << r->root_key_id << ")\n";
  return 0;
}

int keys_rotate(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--store", "--hub-key-centres"}, {"--release-key", "--keep-root-key"});
  if (!p.error.empty() || p.positional.size() != 1)
    return usage(
        err, p,
        "faro keys rotate KEYDIR [--release-key] [--keep-root-key] [--hub-key-centres ID,ID...] [--store STORE]");
  sync::RotateOptions o;
  o.new_root_key = !p.has("--keep-root-key");
  o.new_release_key = p.has("--release-key");
  if (p.has("--hub-key-centres")) {
    std::string list = p.get("--hub-key-centres");
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      if (comma > start) o.hub_centres.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
    if (o.hub_centres.empty()) return usage(err, p, "faro keys rotate KEYDIR --hub-key-centres ID[,ID...]");
  }
  auto r = sync::rotate_root(p.positional[0], o, now());
  if (!r) return fail(err, r.error());
  out << "signed root v" << r->version << (o.new_root_key ? " with the old and the new root keys\n" : "\n");
  if (!o.hub_centres.empty() && r->directory)
    out << "hub key for the directory of " << p.get("--hub-key-centres") << ": " << p.positional[0] << "/hub-"
        << r->directory->keyids[0] << ".key (copy it to the hub: faro hub --hub-key FILE)\n";
  if (p.has("--store")) {
    auto store = sync::ReleaseStore::open(p.get("--store"));
    if (!store) return fail(err, store.error());
    if (auto s = store->add_root(r->json); !s) return fail(err, s.error());
    out << "added root v" << r->version << " to " << p.get("--store") << "\n";
  }
  return 0;
}

int store_init(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--keys", "--root"}, {});
  if (!p.error.empty() || p.positional.size() != 1 || (p.has("--keys") == p.has("--root")))
    return usage(err, p, "faro store init STORE --keys KEYDIR | --root ROOT.json");
  std::vector<std::string> chain;
  if (p.has("--keys")) {
    chain = root_chain_from_dir(fs::path(p.get("--keys")) / "roots");
  } else {
    auto text = sync::read_file(p.get("--root"), sync::kMaxRootBytes);
    if (!text) return fail(err, text.error());
    chain.push_back(*text);
  }
  if (chain.empty()) return fail(err, make_error(ErrorCode::NotFound, "no root metadata found"));
  if (auto s = sync::ReleaseStore::init(p.positional[0], chain); !s) return fail(err, s.error());
  auto store = sync::ReleaseStore::open(p.positional[0]);
  if (!store) return fail(err, store.error());
  auto token = store->new_token("first operator token");
  if (!token) return fail(err, token.error());
  out << "created store " << p.positional[0] << " trusting root v" << chain.size() << "\n";
  out << "operator token (shown once): " << *token << "\n";
  return 0;
}

int store_add_root(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {}, {});
  if (!p.error.empty() || p.positional.size() != 2) return usage(err, p, "faro store add-root STORE ROOT.json");
  auto store = sync::ReleaseStore::open(p.positional[0]);
  if (!store) return fail(err, store.error());
  auto text = sync::read_file(p.positional[1], sync::kMaxRootBytes);
  if (!text) return fail(err, text.error());
  if (auto s = store->add_root(*text); !s) return fail(err, s.error());
  out << "added " << p.positional[1] << "\n";
  return 0;
}

int store_token(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--label"}, {});
  if (!p.error.empty() || p.positional.size() != 1) return usage(err, p, "faro store token STORE [--label TEXT]");
  auto store = sync::ReleaseStore::open(p.positional[0]);
  if (!store) return fail(err, store.error());
  auto token = store->new_token(p.get("--label", "operator"));
  if (!token) return fail(err, token.error());
  out << *token << "\n";
  return 0;
}

int publish(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--store", "--content", "--keys", "--expires-days", "--hub", "--token"}, {});
  if (!p.error.empty() || !p.positional.empty() || !p.has("--store") || !p.has("--content") || !p.has("--keys"))
    return usage(err, p,
                 "faro publish --store STORE --content SRC --keys KEYDIR [--expires-days N] [--hub URL --token TOKEN]");
  auto store = sync::ReleaseStore::open(p.get("--store"));
  if (!store) return fail(err, store.error());
  sync::PublishOptions o;
  o.now = now();
  auto days = p.get_int("--expires-days", 30, 1, 365);
  if (!days) return usage(err, p, "faro publish ... --expires-days N (1 to 365)");
  o.expires_days = static_cast<int>(*days);
  // Staff edits the hub accepted are laid over the source (edit_desk.h):
  // from this store's hub, or from the remote hub's API.
  auto desk = sync::EditDesk::open(p.get("--store"));
  if (!desk) return fail(err, desk.error());
  int64_t seen = 0;
  std::vector<sync::HubEdit> remote_edits;
  if (p.has("--hub")) {
    std::string base = p.get("--hub");
    if (base.back() == '/') base.pop_back();
    auto text = sync::http_request("GET", base + "/api/v1/edits", p.get("--token"));
    if (!text) return fail(err, text.error());
    auto arr = nlohmann::json::parse(*text, nullptr, false);
    if (!arr.is_array()) return fail(err, make_error(ErrorCode::Invalid, "hub: malformed edit list"));
    for (const auto& e : arr)
      if (auto h = sync::edit_from_json(e.dump());
          h && h->accepted_seq > 0 && (h->state == "accepted" || h->state == "conflict"))
        remote_edits.push_back(std::move(*h));
    std::sort(remote_edits.begin(), remote_edits.end(),
              [](const sync::HubEdit& a, const sync::HubEdit& b) { return a.accepted_seq < b.accepted_seq; });
    o.amend = [&](const std::string& db) { return sync::amend_database(db, remote_edits, nullptr); };
  } else {
    o.amend = [&](const std::string& db) { return desk->amend(db, &seen); };
  }
  auto r = store->publish(p.get("--content"), p.get("--keys"), o);
  if (!r) return fail(err, r.error());
  if (r->published && seen > 0)
    if (auto s = desk->mark_released(r->release, seen); !s) return fail(err, s.error());
  if (!r->diagnostics.empty()) {
    for (const auto& d : r->diagnostics) err << d << "\n";
    err << "faro: the content has " << r->diagnostics.size() << " problems; nothing was published\n";
    return 1;
  }
  if (!r->published)
    out << "nothing new: the content equals release " << r->release << "; no release made\n";
  else
    out << r->release << "\n";
  if (p.has("--hub")) {
    if (auto s = sync::push_release(p.get("--store"), r->release, p.get("--hub"), p.get("--token")); !s)
      return fail(err, s.error());
    out << "pushed release " << r->release << " to " << p.get("--hub") << "\n";
  }
  return 0;
}

namespace {
sync::Hub* g_hub = nullptr;
}

int hub(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--store", "--listen", "--hub-key", "--publish-every"}, {});
  const char* use = "faro hub --store STORE --listen 127.0.0.1:PORT [--hub-key FILE [--publish-every SECONDS]]";
  if (!p.error.empty() || !p.positional.empty() || !p.has("--store")) return usage(err, p, use);
  std::string listen = p.get("--listen", "127.0.0.1:8080");
  auto colon = listen.rfind(':');
  sync::HubOptions o;
  o.store_dir = p.get("--store");
  o.hub_key_file = p.get("--hub-key");
  auto every = p.get_int("--publish-every", 0, 0, 86400 * 7);
  if (!every) return usage(err, p, use);
  o.publish_every_seconds = static_cast<int>(*every);
  if (!o.hub_key_file.empty())
    if (auto k = sync::read_secret_key(o.hub_key_file); !k) return fail(err, k.error());
  o.host = listen.substr(0, colon);
  try {
    o.port = colon == std::string::npos ? 8080 : std::stoi(listen.substr(colon + 1));
  } catch (...) {
    return usage(err, p, "faro hub --store STORE --listen 127.0.0.1:PORT");
  }
  sync::Hub h(o);
  auto port = h.bind();
  if (!port) return fail(err, port.error());
  out << "faro hub serving " << o.store_dir << " on http://" << o.host << ":" << *port << "/releases/" << std::endl;
  g_hub = &h;
  std::signal(SIGINT, [](int) {
    if (g_hub) g_hub->stop();
  });
  std::signal(SIGTERM, [](int) {
    if (g_hub) g_hub->stop();
  });
  h.serve();
  g_hub = nullptr;
  return 0;
}

int kiosk_init(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--store", "--root", "--hub", "--mirror", "--center", "--centre"}, {});
  if (!p.error.empty() || p.positional.size() != 1 || (p.has("--store") == p.has("--root")))
    return usage(err, p,
                 "faro kiosk init KIOSK --store STORE | --root ROOT.json [--hub URL] [--mirror URL]... [--center ID]");
  sync::KioskInit init;
  init.centre = p.has("--center") ? p.get("--center") : p.get("--centre");
  init.hub = p.get("--hub");
  if (!init.hub.empty()) {
    std::string base = init.hub;
    if (base.back() != '/') base += '/';
    init.mirrors.push_back(base + "releases/");
  }
  if (p.all.count("--mirror"))
    for (const auto& m : p.all["--mirror"]) init.mirrors.push_back(m);
  if (p.has("--store")) {
    init.root_chain = root_chain_from_dir(fs::path(p.get("--store")) / "releases" / "root");
  } else {
    auto text = sync::read_file(p.get("--root"), sync::kMaxRootBytes);
    if (!text) return fail(err, text.error());
    init.root_chain.push_back(*text);
  }
  if (auto s = sync::KioskDir::init(p.positional[0], init); !s) return fail(err, s.error());
  auto kiosk = sync::KioskDir::open(p.positional[0]);
  if (!kiosk) return fail(err, kiosk.error());
  std::string pub = kiosk->device_public_key();
  std::string id = sync::crypto::key_id(pub);
  out << "kiosk " << id << " provisioned in " << p.positional[0] << "\n";
  if (p.has("--store")) {
    if (auto s = sync::register_device(p.get("--store"), id, sync::crypto::to_hex(pub), init.centre); !s)
      return fail(err, s.error());
    out << "registered with the store " << p.get("--store") << "\n";
  } else {
    out << "device public key: " << sync::crypto::to_hex(pub) << " (register it on the hub)\n";
  }
  return 0;
}

int kiosk_status(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {}, {"--json"});
  if (!p.error.empty() || p.positional.size() != 1) return usage(err, p, "faro kiosk status KIOSK [--json]");
  auto kiosk = sync::KioskDir::open(p.positional[0]);
  if (!kiosk) return fail(err, kiosk.error());
  auto st = kiosk->status(now());
  if (!st) return fail(err, st.error());
  if (p.has("--json")) {
    nlohmann::json j = {{"kiosk_id", st->kiosk_id},
                        {"centre", st->centre},
                        {"release", st->release},
                        {"content_hash", st->content_hash},
                        {"release_created", st->release_created},
                        {"release_expires", st->release_expires},
                        {"stale", st->stale},
                        {"root_version", st->root_version},
                        {"last_sync_at", st->last_sync_at},
                        {"last_result", st->last_result},
                        {"last_error", st->last_error},
                        {"pending_edits", st->pending_edits},
                        {"mirrors", st->mirrors},
                        {"hub", st->hub}};
    out << j.dump(2) << "\n";
    return 0;
  }
  out << "kiosk:        " << st->kiosk_id << (st->centre.empty() ? "" : " at " + st->centre) << "\n"
      << "release:      " << (st->release ? std::to_string(st->release) + " (" + st->release_created + ")" : "none yet")
      << "\n"
      << "content hash: " << (st->content_hash.empty() ? "-" : st->content_hash) << "\n"
      << "stale:        " << (st->stale ? "yes: content may be out of date" : "no") << "\n"
      << "root:         v" << st->root_version << "\n"
      << "last sync:    " << (st->last_sync_at.empty() ? "never" : st->last_sync_at + " " + st->last_result) << "\n";
  if (!st->last_error.empty()) out << "last error:   " << st->last_error << "\n";
  out << "pending edits: " << st->pending_edits << "\n";
  return 0;
}

int sync(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--kiosk", "--from"}, {"--no-heartbeat"});
  if (!p.error.empty() || !p.positional.empty() || !p.has("--kiosk"))
    return usage(err, p, "faro sync --kiosk KIOSK [--from URL|BUNDLE|DIR]");
  auto kiosk = sync::KioskDir::open(p.get("--kiosk"));
  if (!kiosk) return fail(err, kiosk.error());
  std::vector<std::unique_ptr<sync::Transport>> owned;
  if (p.has("--from")) {
    auto t = sync::make_transport_for(p.get("--from"));
    if (!t) return fail(err, t.error());
    owned.push_back(std::move(*t));
  } else {
    auto st = kiosk->status(now());
    if (!st) return fail(err, st.error());
    for (const auto& m : st->mirrors) owned.push_back(sync::make_http_transport(m));
  }
  std::vector<sync::Transport*> sources;
  for (auto& t : owned) sources.push_back(t.get());
  std::unique_ptr<sync::Transport> hub_api;
  if (auto st0 = kiosk->status(now()); st0 && !st0->hub.empty() && !p.has("--from")) {
    std::string base = st0->hub;
    if (base.back() != '/') base += '/';
    hub_api = sync::make_http_transport(base + "releases/", 10);
  }
  auto exchange = [&] {
    if (!hub_api) return;
    auto n = sync::exchange_edits(*kiosk, *hub_api, sync::system_clock());
    if (!n)
      err << "faro: staff edits not exchanged: " << n.error().message << "\n";
    else if (*n)
      out << *n << " staff edit(s) answered by the hub\n";
  };
  exchange();
  auto report = sync::sync_once(*kiosk, sources, sync::system_clock());
  switch (report.outcome) {
    case sync::SyncOutcome::Updated:
      out << "updated from release " << report.from_release << " to " << report.release << " ("
          << (report.used_delta ? "delta" : "snapshot") << ", " << report.bytes_downloaded << " bytes from "
          << report.source << ")\n";
      if (!report.message.empty()) out << report.message << "\n";
      break;
    case sync::SyncOutcome::UpToDate:
      out << "up to date: release " << report.release << "\n";
      break;
    case sync::SyncOutcome::Stale:
      out << report.message << "\n";
      break;
    case sync::SyncOutcome::Failed:
      err << "faro: sync failed: " << report.message << "\n";
      break;
  }
  exchange();
  {
    sync::Outbox box(*kiosk);
    if (auto c = box.clear_released(); c && *c) out << *c << " staff edit(s) now in the installed release\n";
    (void)box.refresh_view();
  }
  auto st = kiosk->status(now());
  if (!p.has("--no-heartbeat") && st && !st->hub.empty()) {
    std::string base = st->hub;
    if (base.back() != '/') base += '/';
    auto hub = sync::make_http_transport(base + "releases/", 10);
    if (auto s = sync::send_heartbeat(*kiosk, *hub, sync::system_clock()); !s)
      err << "faro: heartbeat not delivered: " << s.error().message << "\n";
  }
  if (report.outcome == sync::SyncOutcome::Failed) return 1;
  if (report.outcome == sync::SyncOutcome::Stale) return 3;
  return 0;
}

int bundle_export(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--store", "--out"}, {});
  if (!p.error.empty() || !p.positional.empty() || !p.has("--store") || !p.has("--out"))
    return usage(err, p, "faro bundle export --store STORE --out FILE");
  auto store = sync::ReleaseStore::open(p.get("--store"));
  if (!store) return fail(err, store.error());
  auto latest = store->latest();
  if (!latest) return fail(err, latest.error());
  if (auto s = sync::write_bundle(store->releases_dir(), p.get("--out")); !s) return fail(err, s.error());
  out << "wrote release " << latest->release << " to " << p.get("--out") << "\n";
  return 0;
}

int fleet(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--hub", "--token", "--store"}, {"--json"});
  if (!p.error.empty() || !p.positional.empty() || (p.has("--hub") == p.has("--store")))
    return usage(err, p, "faro fleet --hub URL --token TOKEN | --store STORE [--json]");
  Result<std::vector<sync::FleetRow>> rows = std::vector<sync::FleetRow>{};
  if (p.has("--hub")) {
    std::string base = p.get("--hub");
    if (base.back() == '/') base.pop_back();
    auto text = sync::http_request("GET", base + "/api/v1/fleet", p.get("--token"));
    if (!text) return fail(err, text.error());
    if (p.has("--json")) {
      out << *text;
      return 0;
    }
    rows = sync::parse_fleet(*text);
  } else {
    rows = sync::read_fleet(p.get("--store"));
  }
  if (!rows) return fail(err, rows.error());
  out << std::left << std::setw(34) << "KIOSK" << std::setw(22) << "CENTRE" << std::setw(22) << "LAST SEEN"
      << std::setw(9) << "RELEASE" << std::setw(7) << "STALE"
      << "LAST SYNC\n";
  for (const auto& r : *rows) {
    out << std::left << std::setw(34) << r.kiosk_id << std::setw(22) << (r.centre.empty() ? "-" : r.centre)
        << std::setw(22) << (r.last_seen.empty() ? "never" : r.last_seen) << std::setw(9) << r.release << std::setw(7)
        << (r.stale ? "yes" : "no") << (r.last_result.empty() ? "-" : r.last_result)
        << (r.last_error.empty() ? "" : ": " + r.last_error) << "\n";
  }
  return 0;
}

int device_add(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--kiosk", "--hub", "--token", "--store"}, {});
  if (!p.error.empty() || !p.positional.empty() || !p.has("--kiosk") || (p.has("--hub") == p.has("--store")))
    return usage(err, p, "faro device add --kiosk KIOSK (--hub URL --token TOKEN | --store STORE)");
  auto kiosk = sync::KioskDir::open(p.get("--kiosk"));
  if (!kiosk) return fail(err, kiosk.error());
  auto st = kiosk->status(now());
  if (!st) return fail(err, st.error());
  std::string pub = sync::crypto::to_hex(kiosk->device_public_key());
  if (p.has("--store")) {
    if (auto s = sync::register_device(p.get("--store"), st->kiosk_id, pub, st->centre); !s)
      return fail(err, s.error());
  } else {
    std::string base = p.get("--hub");
    if (base.back() == '/') base.pop_back();
    nlohmann::json body = {{"id", st->kiosk_id}, {"public_key", pub}, {"centre", st->centre}};
    auto r = sync::http_request("POST", base + "/api/v1/devices", p.get("--token"), body.dump());
    if (!r) return fail(err, r.error());
  }
  out << "registered kiosk " << st->kiosk_id << (st->centre.empty() ? "" : " at " + st->centre) << "\n";
  return 0;
}

}  // namespace faro::cli
