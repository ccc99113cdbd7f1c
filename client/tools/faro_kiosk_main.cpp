// faro-kiosk: the kiosk program. For now only the font coverage check of
// DESIGN.md §3; the kiosk UI (--screen, --screenshot, --script ...) comes with
// the kiosk issue and will replace this main.
//
//   faro-kiosk --coverage --kiosk DIR    DIR/content.db
//   faro-kiosk --coverage --db FILE
//
// Prints every character of the content that no configured font can draw
// ("U+XXXX 'c' NAME: N times, in: ..."), a summary on stderr, and exits 1 if
// there is any; 2 on bad usage.
#include <cstdio>
#include <string>

#include "content/store.h"
#include "text/content_texts.h"
#include "text/coverage.h"

namespace {

int usage(const std::string& msg) {
  std::fprintf(stderr,
               "faro-kiosk: %s\nusage: faro-kiosk --coverage (--kiosk DIR | --db FILE)\n"
               "(only --coverage is implemented yet; the kiosk UI comes with the kiosk issue)\n",
               msg.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool coverage = false;
  std::string db;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--coverage") {
      coverage = true;
    } else if ((a == "--kiosk" || a == "--db") && i + 1 < argc) {
      std::string v = argv[++i];
      db = a == "--kiosk" ? v + "/content.db" : v;
    } else {
      return usage("unknown or incomplete option " + a);
    }
  }
  if (!coverage) return usage("nothing to do");
  if (db.empty()) return usage("--coverage needs --kiosk DIR or --db FILE");

  auto store = faro::content::Store::open(db, faro::content::Store::Mode::ReadOnly);
  if (!store) {
    std::fprintf(stderr, "faro-kiosk: %s: %s\n", db.c_str(), store.error().message.c_str());
    return 1;
  }
  auto texts = faro::text::collect_content_texts(**store);
  if (!texts) {
    std::fprintf(stderr, "faro-kiosk: %s: %s\n", db.c_str(), texts.error().message.c_str());
    return 1;
  }
  auto fonts = faro::text::FontCollection::open();
  if (!fonts) {
    std::fprintf(stderr, "faro-kiosk: %s\n", fonts.error().message.c_str());
    return 1;
  }
  auto report = faro::text::check_coverage(**fonts, *texts);
  std::fputs(faro::text::format_report(report).c_str(), stdout);
  std::fprintf(stderr, "faro-kiosk: coverage of %s: %zu texts, %zu characters, %zu without a glyph\n", db.c_str(),
               report.texts, report.chars, report.missing.size());
  return report.ok() ? 0 : 1;
}
