// `faro` subcommands for staff accounts and directory edits: on a kiosk
// directory (staff add/remove/list, kiosk edit, kiosk edits) and on a hub
// for operators (edits list/show/accept/reject/publish/policy, staff lock).
#include <unistd.h>

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "sync/edit_desk.h"
#include "sync/hub.h"
#include "sync/kiosk.h"
#include "sync/outbox.h"

namespace faro::cli {
namespace {

using json = nlohmann::json;

int usage(std::ostream& err, const Parsed& p, const char* text) {
  if (!p.error.empty()) err << "faro: " << p.error << "\n";
  err << "usage: " << text << "\n";
  return 2;
}

int fail(std::ostream& err, const Error& e) {
  err << "faro: " << e.message << "\n";
  return 1;
}

int64_t now() {
  return sync::system_clock().now();
}

std::string hub_base(const Parsed& p) {
  std::string base = p.get("--hub");
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// Reads a PIN from stdin without echo when it is a terminal.
std::string read_pin(std::istream& in) {
  std::string pin;
  std::getline(in, pin);
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
  return pin;
}

void print_edit_row(std::ostream& out, const sync::HubEdit& h) {
  std::string fields;
  for (const auto& [f, c] : h.edit.fields) fields += (fields.empty() ? "" : ",") + f;
  out << std::left << std::setw(34) << h.edit.id << std::setw(10) << h.state << std::setw(20) << h.edit.centre
      << std::setw(28) << h.edit.service << std::setw(12) << h.edit.staff << std::setw(8)
      << (h.release ? std::to_string(h.release) : "-") << fields << "\n";
}

void print_edit(std::ostream& out, const sync::HubEdit& h) {
  out << "edit:     " << h.edit.id << "\n"
      << "state:    " << h.state << (h.reason.empty() ? "" : " (" + h.reason + ")") << "\n"
      << "service:  " << h.edit.service << (h.edit.creates ? " (new)" : "") << " at " << h.edit.centre << "\n"
      << "by:       " << h.edit.staff << " on kiosk " << h.device << ", " << h.edit.created << " (base release "
      << h.edit.base_release << ")\n"
      << "release:  " << (h.release ? std::to_string(h.release) : "not yet") << "\n";
  for (const auto& [f, c] : h.edit.fields) {
    auto it = h.fields.find(f);
    std::string state = it == h.fields.end() ? "" : it->second.state;
    out << "  " << f << " [" << state << "]\n"
        << "    was:  " << json(c.old_value).dump() << "\n"
        << "    new:  " << json(c.new_value).dump() << "\n";
    if (state == "conflict" || state == "superseded") out << "    now:  " << json(it->second.current).dump() << "\n";
  }
}

}  // namespace

int staff(const Args& args, std::ostream& out, std::ostream& err) {
  const char* use =
      "faro staff add KIOSK --id ID --name NAME (PIN on stdin)\n"
      "       faro staff remove KIOSK --id ID | faro staff list KIOSK\n"
      "       faro staff add|remove --hub URL --token TOKEN --centre CENTRE --id ID [--name NAME] (PIN on stdin)\n"
      "       faro staff lock|unlock --hub URL --token TOKEN --centre CENTRE --id ID";
  if (args.empty()) return usage(err, Parsed{}, use);
  std::string verb = args[0];
  Args rest(args.begin() + 1, args.end());
  if (verb == "lock" || verb == "unlock") {
    auto p = parse(rest, {"--hub", "--token", "--centre", "--id"}, {});
    if (!p.error.empty() || !p.positional.empty() || !p.has("--hub") || !p.has("--centre") || !p.has("--id"))
      return usage(err, p, use);
    json body = {{"centre", p.get("--centre")}, {"staff", p.get("--id")}, {"locked", verb == "lock"}};
    auto r = sync::http_request("POST", hub_base(p) + "/api/v1/staff-locks", p.get("--token"), body.dump());
    if (!r) return fail(err, r.error());
    out << "staff account " << p.get("--id") << " at " << p.get("--centre")
        << (verb == "lock" ? " locked" : " unlocked") << " on the hub\n";
    return 0;
  }
  auto p = parse(rest, {"--id", "--name", "--hub", "--token", "--centre"}, {});
  if (!p.error.empty()) return usage(err, p, use);
  if (p.has("--hub")) {
    // Central accounts: the hub keeps them (hash only) and sends them to the
    // centre's kiosks with every edit exchange.
    if (!p.positional.empty() || !p.has("--centre") || !p.has("--id") || (verb != "add" && verb != "remove"))
      return usage(err, p, use);
    json body = {{"centre", p.get("--centre")}, {"id", p.get("--id")}};
    if (verb == "add") {
      if (!p.has("--name")) return usage(err, p, use);
      if (isatty(STDIN_FILENO)) err << "PIN (4-12 digits): " << std::flush;
      auto hash = sync::hash_pin(read_pin(std::cin), sync::interactive_pin_cost());
      if (!hash) return fail(err, hash.error());
      body["name"] = p.get("--name");
      body["pin_hash"] = *hash;
    } else {
      body["remove"] = "yes";
    }
    auto r = sync::http_request("POST", hub_base(p) + "/api/v1/staff", p.get("--token"), body.dump());
    if (!r) return fail(err, r.error());
    out << "staff account " << p.get("--id") << (verb == "add" ? " saved" : " removed") << " on the hub for "
        << p.get("--centre") << "; its kiosks take it at their next sync\n";
    return 0;
  }
  if (p.positional.size() != 1) return usage(err, p, use);
  auto kiosk = sync::KioskDir::open(p.positional[0]);
  if (!kiosk) return fail(err, kiosk.error());
  if (verb == "add") {
    if (!p.has("--id") || !p.has("--name")) return usage(err, p, use);
    if (isatty(STDIN_FILENO)) err << "PIN (4-12 digits): " << std::flush;
    std::string pin = read_pin(std::cin);
    if (auto s = sync::add_staff(*kiosk, p.get("--id"), p.get("--name"), pin); !s) return fail(err, s.error());
    out << "staff account " << p.get("--id") << " (" << p.get("--name") << ") saved on " << p.positional[0] << "\n";
    return 0;
  }
  if (verb == "remove") {
    if (!p.has("--id")) return usage(err, p, use);
    if (auto s = sync::remove_staff(*kiosk, p.get("--id")); !s) return fail(err, s.error());
    out << "staff account " << p.get("--id") << " removed\n";
    return 0;
  }
  if (verb == "list") {
    auto l = sync::list_staff(*kiosk);
    if (!l) return fail(err, l.error());
    for (const auto& s : *l)
      out << s.id << "\t" << s.name << "\t" << (s.from_hub ? "hub" : "local")
          << (s.operator_locked ? "\tlocked by an operator" : "")
          << (s.locked_until > now() ? "\tlocked until " + sync::format_time(s.locked_until) : "") << "\n";
    return 0;
  }
  return usage(err, p, use);
}

int kiosk_edit(const Args& args, std::ostream& out, std::ostream& err) {
  const char* use =
      "faro kiosk edit KIOSK --staff ID --service ID [--new] FIELD=VALUE... (see docs/edits.md for fields)";
  auto p = parse(args, {"--staff", "--service"}, {"--new"});
  if (!p.error.empty() || p.positional.size() < 2 || !p.has("--staff") || !p.has("--service"))
    return usage(err, p, use);
  auto kiosk = sync::KioskDir::open(p.positional[0]);
  if (!kiosk) return fail(err, kiosk.error());
  content::ServiceRecord values;
  for (size_t i = 1; i < p.positional.size(); ++i) {
    const std::string& a = p.positional[i];
    auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "faro: '" << a << "' is not FIELD=VALUE\n";
      return 2;
    }
    std::string v = a.substr(eq + 1);
    // "\n" separates lines of phones and hours on a command line.
    for (size_t k; (k = v.find("\\n")) != std::string::npos;) v.replace(k, 2, "\n");
    values[a.substr(0, eq)] = v;
  }
  sync::Outbox box(*kiosk);
  auto e = box.save(p.get("--staff"), p.get("--service"), values, now(), p.has("--new"));
  if (!e) return fail(err, e.error());
  out << "saved edit " << e->id << " (" << e->fields.size() << " field(s)); pending until the hub answers\n";
  return 0;
}

int kiosk_edits(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {}, {"--json"});
  if (!p.error.empty() || p.positional.size() != 1) return usage(err, p, "faro kiosk edits KIOSK [--json]");
  auto kiosk = sync::KioskDir::open(p.positional[0]);
  if (!kiosk) return fail(err, kiosk.error());
  sync::Outbox box(*kiosk);
  auto l = box.list();
  if (!l) return fail(err, l.error());
  if (p.has("--json")) {
    json arr = json::array();
    for (const auto& e : *l) {
      json fields = json::object();
      for (const auto& [f, c] : e.fields) fields[f] = {{"old", c.old_value}, {"new", c.new_value}};
      arr.push_back({{"id", e.id},
                     {"service", e.service},
                     {"staff", e.staff},
                     {"created", e.created},
                     {"state", sync::to_string(e.state)},
                     {"reason", e.reason},
                     {"release", e.release},
                     {"fields", fields}});
    }
    out << arr.dump(2) << "\n";
    return 0;
  }
  for (const auto& e : *l) {
    std::string fields;
    for (const auto& [f, c] : e.fields) fields += (fields.empty() ? "" : ",") + f;
    out << e.id << "\t" << sync::to_string(e.state) << "\t" << e.service << "\t" << e.staff << "\t" << fields
        << (e.reason.empty() ? "" : "\t" + e.reason) << "\n";
  }
  return 0;
}

int edits(const Args& args, std::ostream& out, std::ostream& err) {
  const char* use =
      "faro edits list [--state STATE] [--json] | show ID | accept ID [--by NAME] | reject ID [--by NAME] [--reason "
      "TEXT]\n"
      "       | publish | policy --centre ID auto|review     (each with --hub URL --token TOKEN)";
  if (args.empty()) return usage(err, Parsed{}, use);
  std::string verb = args[0];
  auto p = parse(Args(args.begin() + 1, args.end()), {"--hub", "--token", "--state", "--by", "--reason", "--centre"},
                 {"--json"});
  if (!p.error.empty() || !p.has("--hub")) return usage(err, p, use);
  std::string base = hub_base(p), token = p.get("--token");
  if (verb == "list") {
    std::string url = base + "/api/v1/edits" + (p.has("--state") ? "?state=" + p.get("--state") : "");
    auto r = sync::http_request("GET", url, token);
    if (!r) return fail(err, r.error());
    if (p.has("--json")) {
      out << *r;
      return 0;
    }
    json arr = json::parse(*r, nullptr, false);
    if (!arr.is_array()) return fail(err, make_error(ErrorCode::Invalid, "hub: malformed edit list"));
    out << std::left << std::setw(34) << "EDIT" << std::setw(10) << "STATE" << std::setw(20) << "CENTRE"
        << std::setw(28) << "SERVICE" << std::setw(12) << "STAFF" << std::setw(8) << "RELEASE"
        << "FIELDS\n";
    for (const auto& e : arr)
      if (auto h = sync::edit_from_json(e.dump())) print_edit_row(out, *h);
    return 0;
  }
  if ((verb == "show" || verb == "accept" || verb == "reject") && p.positional.size() == 1) {
    std::string url = base + "/api/v1/edits/" + p.positional[0];
    Result<std::string> r = std::string();
    if (verb == "show") {
      r = sync::http_request("GET", url, token);
    } else {
      json body = {{"by", p.get("--by", "operator")}, {"reason", p.get("--reason")}};
      r = sync::http_request("POST", url + "/" + verb, token, body.dump());
    }
    if (!r) return fail(err, r.error());
    if (p.has("--json")) {
      out << *r;
      return 0;
    }
    auto h = sync::edit_from_json(*r);
    if (!h) return fail(err, h.error());
    print_edit(out, *h);
    return 0;
  }
  if (verb == "publish" && p.positional.empty()) {
    auto r = sync::http_request("POST", base + "/api/v1/edits/publish", token, "{}");
    if (!r) return fail(err, r.error());
    json j = json::parse(*r, nullptr, false);
    if (j.value("published", false))
      out << "published directory release " << j.value("release", 0) << "\n";
    else
      out << "nothing to publish: no accepted edits since release " << j.value("release", 0) << "\n";
    return 0;
  }
  if (verb == "policy" && p.positional.size() == 1 && p.has("--centre")) {
    json body = {{"centre", p.get("--centre")}, {"mode", p.positional[0]}};
    auto r = sync::http_request("POST", base + "/api/v1/policy", token, body.dump());
    if (!r) return fail(err, r.error());
    out << "edits from " << p.get("--centre") << ": " << p.positional[0] << "\n";
    return 0;
  }
  return usage(err, p, use);
}

}  // namespace faro::cli
