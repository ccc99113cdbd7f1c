// Text field editing operations.
#include "text/edit.h"

#include <unicode/ubrk.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace faro::text {
namespace {

// Grapheme boundaries of a UTF-8 string as byte offsets (ICU works in
// UTF-16, so offsets are mapped back).
std::vector<uint32_t> grapheme_bounds(const std::string& s) {
  std::vector<UChar> u16;
  std::vector<uint32_t> byte_of;  // per UTF-16 unit
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    auto start = static_cast<uint32_t>(i);
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    if (c <= 0xFFFF) {
      u16.push_back(static_cast<UChar>(c));
      byte_of.push_back(start);
    } else {
      u16.push_back(static_cast<UChar>(U16_LEAD(c)));
      u16.push_back(static_cast<UChar>(U16_TRAIL(c)));
      byte_of.push_back(start);
      byte_of.push_back(start);
    }
  }
  byte_of.push_back(static_cast<uint32_t>(s.size()));
  std::vector<uint32_t> out{0};
  UErrorCode err = U_ZERO_ERROR;
  UBreakIterator* bi = ubrk_open(UBRK_CHARACTER, "", u16.data(), static_cast<int32_t>(u16.size()), &err);
  if (U_SUCCESS(err)) {
    for (int32_t p = ubrk_next(bi); p != UBRK_DONE; p = ubrk_next(bi)) out.push_back(byte_of[static_cast<size_t>(p)]);
    ubrk_close(bi);
  } else {
    out.push_back(static_cast<uint32_t>(s.size()));
  }
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

uint32_t snap(const std::vector<uint32_t>& b, uint32_t at) {
  auto it = std::upper_bound(b.begin(), b.end(), at);
  return it == b.begin() ? 0 : *(it - 1);
}

}  // namespace

void EditState::insert(std::string_view utf8) {
  std::string clean;
  int32_t i = 0, n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) {
      clean += "\xEF\xBF\xBD";
    } else if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || (c < 0x20 && c != '\t')) {
      continue;
    } else {
      clean.append(utf8.data() + start, static_cast<size_t>(i - start));
    }
  }
  caret = std::min<uint32_t>(caret, static_cast<uint32_t>(text.size()));
  text.insert(caret, clean);
  caret += static_cast<uint32_t>(clean.size());
}

void EditState::erase_before() {
  caret = std::min<uint32_t>(caret, static_cast<uint32_t>(text.size()));
  if (caret == 0) return;
  auto bounds = grapheme_bounds(text);
  uint32_t prev = snap(bounds, caret - 1);
  // One code point back, unless the cluster is joined by ZWJ (emoji
  // sequences, where removing a piece leaves nonsense): then all of it.
  std::string_view cluster(text.data() + prev, caret - prev);
  uint32_t from = prev;
  if (cluster.find("\xE2\x80\x8D") == std::string_view::npos) {
    int32_t i = static_cast<int32_t>(caret);
    U8_BACK_1(reinterpret_cast<const uint8_t*>(text.data()), 0, i);
    from = static_cast<uint32_t>(i);
  }
  text.erase(from, caret - from);
  caret = from;
}

void EditState::erase_after() {
  caret = std::min<uint32_t>(caret, static_cast<uint32_t>(text.size()));
  if (caret >= text.size()) return;
  auto bounds = grapheme_bounds(text);
  auto it = std::upper_bound(bounds.begin(), bounds.end(), caret);
  uint32_t next = it == bounds.end() ? static_cast<uint32_t>(text.size()) : *it;
  text.erase(caret, next - caret);
}

void EditState::move_logical(int graphemes) {
  auto bounds = grapheme_bounds(text);
  auto it = std::lower_bound(bounds.begin(), bounds.end(), caret);
  auto idx = static_cast<long>(it - bounds.begin()) + graphemes;
  idx = std::clamp<long>(idx, 0, static_cast<long>(bounds.size()) - 1);
  caret = bounds[static_cast<size_t>(idx)];
}

void EditState::move_visual(const TextLayout& layout, int dx) {
  if (dx == 0 || layout.lines().empty()) return;
  auto cur = layout.caret(caret);
  const auto& line = layout.lines()[static_cast<size_t>(cur.line)];
  uint32_t best = caret;
  float best_d = std::numeric_limits<float>::max();
  for (uint32_t b : layout.graphemes()) {
    if (b < line.begin || b > line.end || b == caret) continue;
    auto c = layout.caret(b);
    if (c.line != cur.line) continue;
    float d = (c.x - cur.x) * static_cast<float>(dx > 0 ? 1 : -1);
    if (d > 0.5f && d < best_d) {
      best_d = d;
      best = b;
    }
  }
  caret = best;
}

}  // namespace faro::text
