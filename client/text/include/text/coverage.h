// Coverage: which characters of some texts no configured font can draw.
//
// Used by `faro-kiosk --coverage` and by tests over the demo content. A
// character counts as covered when the face the engine would pick for it
// (FontCollection::face_for, with the script and language of its text) has
// it in its character map. Whitespace, controls and default-ignorable code
// points (ZWJ, ZWNJ, bidi marks, variation selectors) need no glyph.
//
// Threads: uses the FontCollection, so the UI thread (or a thread that owns
// its own collection).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/fonts.h"

namespace faro::text {

// One text to check, with the language it is in and a label saying where it
// comes from ("article due-process [ar] body").
struct LabelledText {
  std::string where;
  std::string lang;
  std::string text;
};

struct MissingChar {
  char32_t cp = 0;
  size_t count = 0;                // occurrences
  std::vector<std::string> where;  // the first few labels it occurs in
};

struct CoverageReport {
  size_t texts = 0;
  size_t chars = 0;                  // characters checked
  std::vector<MissingChar> missing;  // sorted by code point
  bool ok() const { return missing.empty(); }
};

CoverageReport check_coverage(FontCollection& fonts, const std::vector<LabelledText>& texts);

// "U+1234 'x' NAME: 3 times, in: a; b" lines, one per missing character.
std::string format_report(const CoverageReport& report);

}  // namespace faro::text
