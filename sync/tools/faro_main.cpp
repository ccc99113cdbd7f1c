// faro: the operators', staff's and scripts' command-line tool.
// Parses the subcommand and hands over to faro::cli; nothing else lives here.
#include <iostream>
#include <string>

#include "commands.h"

namespace {

const char* kUsage =
    "usage: faro COMMAND ...\n"
    "  content validate SRC                      check an authoring tree\n"
    "  content build SRC --out content.db        build a content database\n"
    "  content mark-translated SRC ARTICLE LANG  record that a translation matches its source\n"
    "  search --db content.db --lang TAG [--limit N] [--json] QUERY\n"
    "  synth --services N --languages L --out DIR  write a synthetic tree for benchmarks\n"
    "  keys init KEYDIR                          make a root key and a release key\n"
    "  keys rotate KEYDIR [--release-key] [--hub-key-centres ID,..] [--store STORE]  sign the next root version\n"
    "  store init STORE --keys KEYDIR | --root ROOT.json\n"
    "  store add-root STORE ROOT.json | store token STORE\n"
    "  publish --store STORE --content SRC --keys KEYDIR [--hub URL --token T]\n"
    "  hub --store STORE --listen 127.0.0.1:PORT [--hub-key FILE [--publish-every SECONDS]]\n"
    "  kiosk init KIOSK --store STORE | --root ROOT.json [--hub URL] [--center ID]\n"
    "  kiosk status KIOSK [--json]\n"
    "  kiosk edit KIOSK --staff ID --service ID [--new] FIELD=VALUE...   a staff edit from the command line\n"
    "  kiosk edits KIOSK [--json]                the kiosk's edit outbox\n"
    "  staff add KIOSK --id ID --name NAME (PIN on stdin) | staff remove KIOSK --id ID | staff list KIOSK\n"
    "  staff add|remove --hub URL --token T --centre ID --id STAFF [--name N]   accounts for all the centre's kiosks\n"
    "  staff lock|unlock --hub URL --token T --centre ID --id STAFF\n"
    "  edits list|show ID|accept ID|reject ID|publish|policy --centre ID auto|review --hub URL --token T\n"
    "  sync --kiosk KIOSK [--from URL|BUNDLE|DIR]\n"
    "  bundle export --store STORE --out FILE\n"
    "  fleet --hub URL --token TOKEN | --store STORE\n"
    "  device add --kiosk KIOSK --hub URL --token TOKEN   register a kiosk provisioned with --root\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto rest = [&](size_t n) { return faro::cli::Args(args.begin() + static_cast<std::ptrdiff_t>(n), args.end()); };
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "content" && args.size() >= 2) {
    if (args[1] == "validate") return faro::cli::content_validate(rest(2), std::cout, std::cerr);
    if (args[1] == "build") return faro::cli::content_build(rest(2), std::cout, std::cerr);
    if (args[1] == "mark-translated") return faro::cli::content_mark_translated(rest(2), std::cout, std::cerr);
  }
  if (args[0] == "search") return faro::cli::search(rest(1), std::cout, std::cerr);
  if (args[0] == "keys" && args.size() >= 2) {
    if (args[1] == "init") return faro::cli::keys_init(rest(2), std::cout, std::cerr);
    if (args[1] == "rotate") return faro::cli::keys_rotate(rest(2), std::cout, std::cerr);
  }
  if (args[0] == "store" && args.size() >= 2) {
    if (args[1] == "init") return faro::cli::store_init(rest(2), std::cout, std::cerr);
    if (args[1] == "add-root") return faro::cli::store_add_root(rest(2), std::cout, std::cerr);
    if (args[1] == "token") return faro::cli::store_token(rest(2), std::cout, std::cerr);
  }
  if (args[0] == "publish") return faro::cli::publish(rest(1), std::cout, std::cerr);
  if (args[0] == "hub") return faro::cli::hub(rest(1), std::cout, std::cerr);
  if (args[0] == "kiosk" && args.size() >= 2) {
    if (args[1] == "init") return faro::cli::kiosk_init(rest(2), std::cout, std::cerr);
    if (args[1] == "status") return faro::cli::kiosk_status(rest(2), std::cout, std::cerr);
    if (args[1] == "edit") return faro::cli::kiosk_edit(rest(2), std::cout, std::cerr);
    if (args[1] == "edits") return faro::cli::kiosk_edits(rest(2), std::cout, std::cerr);
  }
  if (args[0] == "sync") return faro::cli::sync(rest(1), std::cout, std::cerr);
  if (args[0] == "bundle" && args.size() >= 2 && args[1] == "export")
    return faro::cli::bundle_export(rest(2), std::cout, std::cerr);
  if (args[0] == "fleet") return faro::cli::fleet(rest(1), std::cout, std::cerr);
  if (args[0] == "device" && args.size() >= 2 && args[1] == "add")
    return faro::cli::device_add(rest(2), std::cout, std::cerr);
  if (args[0] == "staff") return faro::cli::staff(rest(1), std::cout, std::cerr);
  if (args[0] == "edits") return faro::cli::edits(rest(1), std::cout, std::cerr);
  if (args[0] == "synth") return faro::cli::synth(rest(1), std::cout, std::cerr);
  std::cerr << "faro: unknown command '" << args[0] << (args.size() > 1 ? " " + args[1] : "") << "'\n" << kUsage;
  return 2;
}
