// TextLayout queries: carets, hit tests, range rectangles.
#include <algorithm>
#include <cmath>
#include <limits>

#include "text/layout.h"

namespace faro::text {
namespace {

// A cluster as drawn: logical byte range and its visual extent on the line.
struct Cluster {
  uint32_t begin, end;
  float x0, x1;
  bool rtl;
};

std::vector<Cluster> clusters_of(const TextLayout& l, const LineInfo& line) {
  // Glyphs of one cluster may be apart in visual order (marks, split
  // vowels): gather by cluster, then take the union of their advances.
  struct G {
    uint32_t cluster;
    float x0, x1;
    bool rtl;
  };
  std::vector<G> gs;
  gs.reserve(line.glyph_end - line.glyph_begin);
  for (uint32_t i = line.glyph_begin; i < line.glyph_end; ++i) {
    const auto& g = l.glyphs()[i];
    gs.push_back(G{g.cluster, g.x, g.x + g.advance, g.rtl});
  }
  std::stable_sort(gs.begin(), gs.end(), [](const G& a, const G& b) { return a.cluster < b.cluster; });
  std::vector<Cluster> cs;
  for (const auto& g : gs) {
    if (cs.empty() || cs.back().begin != g.cluster) {
      cs.push_back(Cluster{g.cluster, 0, g.x0, g.x1, g.rtl});
    } else if (g.x1 != g.x0) {
      auto& c = cs.back();
      if (c.x1 == c.x0) {
        c.x0 = g.x0;
        c.x1 = g.x1;
      } else {
        c.x0 = std::min(c.x0, g.x0);
        c.x1 = std::max(c.x1, g.x1);
      }
    }
  }
  std::sort(cs.begin(), cs.end(), [](const Cluster& a, const Cluster& b) { return a.begin < b.begin; });
  for (size_t i = 0; i < cs.size(); ++i) cs[i].end = i + 1 < cs.size() ? cs[i + 1].begin : line.visible_end;
  // A cluster that draws nothing wide (the second glyph of a ligature some
  // fonts build from two glyphs, as Noto Naskh does lam-alef; a hidden
  // ZWNJ) joins the cluster before it, whose width its carets then share.
  std::vector<Cluster> merged;
  for (const auto& c : cs) {
    if (!merged.empty() && c.x1 - c.x0 < 0.01f && merged.back().rtl == c.rtl) {
      merged.back().end = c.end;
      continue;
    }
    merged.push_back(c);
  }
  return merged;
}

// Grapheme boundaries inside [a, b].
std::vector<uint32_t> boundaries(const TextLayout& l, uint32_t a, uint32_t b) {
  std::vector<uint32_t> v;
  for (uint32_t g : l.graphemes())
    if (g >= a && g <= b) v.push_back(g);
  return v;
}

float caret_on_line(const TextLayout& l, const LineInfo& line, const std::vector<Cluster>& cs, uint32_t offset) {
  for (const auto& c : cs) {
    if (offset < c.begin || offset >= c.end) continue;
    float frac = 0;
    if (offset > c.begin) {
      // Inside a ligature (lam-alef, "fi"): share its width between its graphemes.
      auto bs = boundaries(l, c.begin, c.end);
      size_t parts = bs.size() > 1 ? bs.size() - 1 : 1;
      size_t j = static_cast<size_t>(std::find(bs.begin(), bs.end(), offset) - bs.begin());
      frac = static_cast<float>(j) / static_cast<float>(parts);
    }
    float w = c.x1 - c.x0;
    return c.rtl ? c.x1 - frac * w : c.x0 + frac * w;
  }
  if (cs.empty()) return line.rtl ? line.x + line.width : line.x;
  // after the last character: its trailing edge
  const Cluster& last = cs.back();
  if (offset < cs.front().begin) {
    const Cluster& first = cs.front();
    return first.rtl ? first.x1 : first.x0;
  }
  return last.rtl ? last.x0 : last.x1;
}

size_t line_of(const TextLayout& l, uint32_t offset) {
  const auto& ls = l.lines();
  for (size_t i = 0; i < ls.size(); ++i) {
    if (offset < ls[i].begin) return i > 0 ? i - 1 : 0;
    if (offset < ls[i].end || (offset == ls[i].end && (ls[i].hard_end || i + 1 == ls.size()))) return i;
  }
  return ls.empty() ? 0 : ls.size() - 1;
}

size_t line_at_y(const TextLayout& l, float y) {
  const auto& ls = l.lines();
  for (size_t i = 0; i < ls.size(); ++i)
    if (y < ls[i].bottom) return i;
  return ls.empty() ? 0 : ls.size() - 1;
}

}  // namespace

TextLayout::Caret TextLayout::caret(uint32_t offset) const {
  if (lines_.empty()) return {};
  size_t li = line_of(*this, offset);
  const auto& line = lines_[li];
  auto cs = clusters_of(*this, line);
  return Caret{caret_on_line(*this, line, cs, std::min(offset, line.visible_end)), static_cast<int>(li)};
}

uint32_t TextLayout::hit_test(float x, float y) const {
  if (lines_.empty()) return 0;
  const auto& line = lines_[line_at_y(*this, y)];
  auto cs = clusters_of(*this, line);
  uint32_t best = line.begin;
  float best_d = std::numeric_limits<float>::max();
  for (uint32_t b : boundaries(*this, line.begin, line.visible_end)) {
    float d = std::fabs(caret_on_line(*this, line, cs, b) - x);
    if (d < best_d) {
      best_d = d;
      best = b;
    }
  }
  return best;
}

std::vector<TextLayout::Rect> TextLayout::range_rects(uint32_t begin, uint32_t end) const {
  std::vector<Rect> out;
  for (const auto& line : lines_) {
    if (line.end <= begin || line.begin >= end) continue;
    auto cs = clusters_of(*this, line);
    std::vector<std::pair<float, float>> xs;
    for (const auto& c : cs)
      if (c.begin < end && c.end > begin) xs.emplace_back(c.x0, c.x1);
    std::sort(xs.begin(), xs.end());
    for (const auto& [a, b] : xs) {
      if (!out.empty() && out.back().y0 == line.top && std::fabs(out.back().x1 - a) < 0.5f) {
        out.back().x1 = std::max(out.back().x1, b);
      } else {
        out.push_back(Rect{a, line.top, b, line.bottom});
      }
    }
  }
  return out;
}

int TextLayout::span_at(float x, float y) const {
  if (lines_.empty()) return -1;
  const auto& line = lines_[line_at_y(*this, y)];
  if (y < line.top || y >= line.bottom) return -1;
  for (uint32_t i = line.glyph_begin; i < line.glyph_end; ++i) {
    const auto& g = glyphs_[i];
    if (g.span == 0xFFFF || g.span >= spans_.size()) continue;
    if (spans_[g.span].kind == SpanKind::Text) continue;
    // a little slack so thin glyphs and spaces inside links are still targets
    if (x >= g.x - 1 && x < g.x + std::max(g.advance, 1.0f) + 1) return g.span;
  }
  return -1;
}

size_t TextLayout::memory_bytes() const {
  size_t spans = 0;
  for (const auto& s : spans_) spans += sizeof(Span) + s.target.capacity();
  return sizeof(TextLayout) + text_.capacity() + spans + glyphs_.capacity() * sizeof(PositionedGlyph) +
         lines_.capacity() * sizeof(LineInfo) + graphemes_.capacity() * sizeof(uint32_t);
}

}  // namespace faro::text
