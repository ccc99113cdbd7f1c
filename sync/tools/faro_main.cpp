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
    "  synth --services N --languages L --out DIR  write a synthetic tree for benchmarks\n";

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
  if (args[0] == "synth") return faro::cli::synth(rest(1), std::cout, std::cerr);
  std::cerr << "faro: unknown command '" << args[0] << (args.size() > 1 ? " " + args[1] : "") << "'\n" << kUsage;
  return 2;
}
