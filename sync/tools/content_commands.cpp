#include <chrono>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>

#include "args.h"
#include "commands.h"
#include "content/source.h"
#include "content/store.h"
#include "content/synth.h"

namespace faro::cli {
namespace {

std::optional<size_t> to_size(const std::string& s) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return static_cast<size_t>(std::stoul(s));
}

std::string json_escape(const std::string& s) {
  std::string o;
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          o += buf;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  return o;
}

}  // namespace

int content_validate(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {}, {"--quiet"});
  if (!p.error.empty() || p.positional.size() != 1) {
    err << (p.error.empty() ? "" : p.error + "\n") << "usage: faro content validate SRC\n";
    return 2;
  }
  content::TreeStats stats;
  auto diags = content::validate_tree(p.positional[0], &stats);
  for (const auto& d : diags) err << d.to_string() << "\n";
  if (!diags.empty()) {
    err << diags.size() << (diags.size() == 1 ? " problem" : " problems") << " in " << p.positional[0] << "\n";
    return 1;
  }
  if (!p.flags.count("--quiet"))
    out << p.positional[0] << ": ok (" << stats.languages << " languages, " << stats.topics << " topics, "
        << stats.articles << " articles in " << stats.translations << " files, " << stats.services << " services, "
        << stats.centres << " centres, " << stats.ui_strings << " interface strings)\n";
  return 0;
}

int content_build(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--out"}, {});
  if (!p.error.empty() || p.positional.size() != 1 || !p.flags.count("--out")) {
    err << (p.error.empty() ? "" : p.error + "\n") << "usage: faro content build SRC --out content.db\n";
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  auto r = content::build_database(p.positional[0], p.flags["--out"]);
  if (!r) {
    err << "faro: " << r.error().message << "\n";
    return 1;
  }
  for (const auto& d : r->diagnostics) err << d.to_string() << "\n";
  if (!r->diagnostics.empty()) {
    err << r->diagnostics.size() << " problems; " << p.flags["--out"] << " was not written\n";
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out << "built " << p.flags["--out"] << ": " << r->stats.articles << " articles, " << r->stats.services
      << " services, " << r->stats.languages << " languages in " << std::fixed << std::setprecision(2) << secs
      << " s\n";
  return 0;
}

int content_mark_translated(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 3) {
    err << "usage: faro content mark-translated SRC ARTICLE LANG\n";
    return 2;
  }
  auto s = content::mark_translated(args[0], args[1], args[2]);
  if (!s) {
    err << "faro: " << s.error().message << "\n";
    return 1;
  }
  out << args[1] << "/" << args[2] << ".md now translates the current source\n";
  return 0;
}

int search(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--db", "--lang", "--limit", "--centre", "--center"}, {"--json"});
  if (!p.error.empty() || p.positional.empty() || !p.flags.count("--db")) {
    err << (p.error.empty() ? "" : p.error + "\n")
        << "usage: faro search --db content.db --lang TAG [--limit N] [--json] QUERY\n";
    return 2;
  }
  std::string query;
  for (size_t i = 0; i < p.positional.size(); ++i) query += (i ? " " : "") + p.positional[i];
  size_t limit = 20;
  if (p.flags.count("--limit")) {
    auto n = to_size(p.flags["--limit"]);
    if (!n || *n == 0) {
      err << "faro: --limit must be a positive whole number\n";
      return 2;
    }
    limit = *n;
  }
  std::string lang = p.flags.count("--lang") ? p.flags["--lang"] : "en";
  auto store = content::Store::open(p.flags["--db"]);
  if (!store) {
    err << "faro: " << store.error().message << "\n";
    return 1;
  }
  std::string centre = p.flags.count("--centre") ? p.flags["--centre"] : (p.flags.count("--center") ? p.flags["--center"] : "");
  if (!centre.empty()) (*store)->set_centre(centre);
  auto hits = (*store)->search(query, lang, limit);
  if (!hits) {
    err << "faro: search failed: " << hits.error().message << "\n";
    return 1;
  }
  bool json = p.flags.count("--json") > 0;
  if (json) out << "[";
  for (size_t i = 0; i < hits->size(); ++i) {
    const auto& h = (*hits)[i];
    const char* kind = h.kind == content::SearchHit::Kind::Article ? "article" : "service";
    if (json) {
      out << (i ? "," : "") << "\n  {\"kind\": \"" << kind << "\", \"id\": \"" << json_escape(h.id)
          << "\", \"title\": \"" << json_escape(h.title.text) << "\", \"lang\": \"" << h.title.lang
          << "\", \"score\": " << h.score << "}";
    } else {
      out << kind << "\t" << h.id << "\t" << h.title.text << "\n";
    }
  }
  if (json) out << (hits->empty() ? "]\n" : "\n]\n");
  return 0;
}

int synth(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse(args, {"--services", "--languages", "--articles", "--centres", "--seed", "--out"}, {});
  if (!p.error.empty() || !p.positional.empty() || !p.flags.count("--out")) {
    err << (p.error.empty() ? "" : p.error + "\n")
        << "usage: faro synth --services N --languages L [--articles A] [--centres C] [--seed S] --out DIR\n";
    return 2;
  }
  content::SynthOptions o;
  for (auto [flag, field] : {std::pair{"--services", &o.services}, std::pair{"--languages", &o.languages},
                             std::pair{"--articles", &o.articles}, std::pair{"--centres", &o.centres}}) {
    if (!p.flags.count(flag)) continue;
    auto n = to_size(p.flags[flag]);
    if (!n) {
      err << "faro: " << flag << " must be a whole number\n";
      return 2;
    }
    *field = *n;
  }
  if (p.flags.count("--seed")) {
    auto n = to_size(p.flags["--seed"]);
    if (!n) {
      err << "faro: --seed must be a whole number\n";
      return 2;
    }
    o.seed = *n;
  }
  if (o.languages < 1 || o.languages > 30) {
    err << "faro: --languages must be between 1 and 30\n";
    return 2;
  }
  auto s = content::write_synthetic_tree(o, p.flags["--out"]);
  if (!s) {
    err << "faro: " << s.error().message << "\n";
    return 1;
  }
  out << "wrote " << o.services << " services, " << o.articles << " articles in " << o.languages
      << " languages to " << p.flags["--out"] << "\n";
  return 0;
}

}  // namespace faro::cli
