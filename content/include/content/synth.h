// Synthetic authoring trees for benchmarks and scale tests.
//
// Writes a valid tree (docs/authoring.md) with realistic shape: many
// centres across time zones, services translated into English plus a few
// local languages, articles translated into every language, texts built from
// per-language vocabularies in each language's own script (Latin with
// diacritics, Arabic, Hebrew, Cyrillic, Devanagari, Bengali, Han, Hangul,
// Ethiopic, Thai, Myanmar ...) with Zipf-distributed word frequencies.
// Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content/result.h"

namespace faro::content {

struct SynthOptions {
  size_t services = 20000;
  size_t languages = 30;  // 1..30
  size_t articles = 40;
  size_t centres = 40;
  uint64_t seed = 1;
};

// Writes the tree into `out_dir` (created if missing; must be empty or absent).
Status write_synthetic_tree(const SynthOptions& opts, const std::string& out_dir);

// The language tags the generator uses, in order (first `n` are used).
std::vector<std::string> synthetic_language_tags(size_t n);

}  // namespace faro::content
