// Command-line option parsing shared by the `faro` subcommands.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"

namespace faro::cli {

// Splits "--flag value" options from positional arguments. Flags listed in
// `with_value` take the next argument; others are booleans.
struct Parsed {
  std::vector<std::string> positional;
  std::map<std::string, std::string> flags;             // last value of each flag
  std::map<std::string, std::vector<std::string>> all;  // every value of repeatable flags
  std::string error;
  bool has(const char* f) const { return flags.count(f) > 0; }
  // A whole number in [lo, hi]; nullopt (and `error` set) if malformed.
  std::optional<long> get_int(const char* f, long def, long lo, long hi) {
    auto it = flags.find(f);
    if (it == flags.end()) return def;
    const std::string& v = it->second;
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos || std::stol(v) < lo ||
        std::stol(v) > hi) {
      error = std::string(f) + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
      return std::nullopt;
    }
    return std::stol(v);
  }
  std::string get(const char* f, const std::string& def = "") const {
    auto it = flags.find(f);
    return it == flags.end() ? def : it->second;
  }
};

inline Parsed parse(const Args& args, std::initializer_list<const char*> with_value,
                    std::initializer_list<const char*> bools) {
  Parsed p;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      p.positional.push_back(a);
      continue;
    }
    bool takes = false, known = false;
    for (const char* f : with_value)
      if (a == f) takes = known = true;
    for (const char* f : bools)
      if (a == f) known = true;
    if (!known) {
      p.error = "unknown option " + a;
      return p;
    }
    if (takes) {
      if (i + 1 >= args.size()) {
        p.error = "option " + a + " needs a value";
        return p;
      }
      p.flags[a] = args[++i];
      p.all[a].push_back(p.flags[a]);
    } else {
      p.flags[a] = "1";
    }
  }
  return p;
}


}  // namespace faro::cli
