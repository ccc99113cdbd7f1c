// Shared setup for the text engine tests: one FontCollection per process
// (opening faces is the slow part), helpers to read layouts.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "text/fonts.h"
#include "text/layout.h"

namespace faro::test {

inline text::FontCollection& fonts() {
  static std::unique_ptr<text::FontCollection> f = [] {
    auto r = text::FontCollection::open();
    if (!r.ok()) FAIL("fonts: " << r.error().message);
    return std::move(r).value();
  }();
  return *f;
}

inline text::TextStyle style_for(const std::string& lang, float size = 24) {
  text::TextStyle s;
  s.lang = lang;
  s.size_px = size;
  return s;
}

// The text of each cluster in visual order on one line, as drawn: "ab|c".
inline std::vector<std::string> visual_clusters(const text::TextLayout& l, size_t line = 0) {
  std::vector<std::string> out;
  const auto& li = l.lines().at(line);
  std::vector<uint32_t> starts;
  for (const auto& g : l.glyphs()) starts.push_back(g.cluster);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  uint32_t prev = 0xFFFFFFFF;
  for (uint32_t i = li.glyph_begin; i < li.glyph_end; ++i) {
    uint32_t c = l.glyphs()[i].cluster;
    if (c == prev) continue;
    prev = c;
    auto it = std::upper_bound(starts.begin(), starts.end(), c);
    uint32_t end = it == starts.end() ? li.visible_end : std::min(*it, std::max(li.visible_end, c));
    if (end <= c) end = li.visible_end > c ? li.visible_end : c;
    out.push_back(l.text().substr(c, end - c));
  }
  return out;
}

}  // namespace faro::test
