// Drawing layouts with ImDrawList: one textured quad per glyph from the
// atlas, grouped by atlas page; underlines for links.
#include <cmath>

#include "text/ui/text_ui.h"

namespace faro::text::ui {
namespace {

ImU32 glyph_color(const TextLayout& l, uint16_t span, const Colors& c) {
  if (span == 0xFFFF || span >= l.spans().size()) return c.text;
  const Span& s = l.spans()[span];
  if (s.style.color) return s.style.color;
  if (s.kind == SpanKind::Link) return c.link;
  if (s.kind == SpanKind::Phone) return c.phone;
  return c.text;
}

}  // namespace

const TextRenderer::Decor& TextRenderer::decor(const std::shared_ptr<const TextLayout>& layout) {
  // Forget decorations of layouts that died (every few hundred frames).
  if (++frames_ % 512 == 0) {
    for (auto it = decor_.begin(); it != decor_.end();) {
      if (it->second.owner.expired())
        it = decor_.erase(it);
      else
        ++it;
    }
  }
  auto& d = decor_[layout.get()];
  if (auto o = d.owner.lock(); o && o == layout) return d;
  d.owner = layout;
  d.underlines.clear();
  const auto& spans = layout->spans();
  for (size_t i = 0; i < spans.size(); ++i) {
    if (!spans[i].style.underline) continue;
    for (const auto& r : layout->range_rects(spans[i].begin, spans[i].end)) {
      // under the baseline of the line the rectangle is on
      float base = r.y1;
      for (const auto& line : layout->lines())
        if (line.top == r.y0) base = line.baseline;
      float size = layout->glyphs().empty() ? 16 : layout->glyphs().front().size_px;
      float thick = std::max(1.0f, std::round(size / 14));
      float y = std::round(base + std::max(1.0f, size / 10));
      d.underlines.emplace_back(ImVec4(r.x0, y, r.x1, y + thick), static_cast<uint16_t>(i));
    }
  }
  return d;
}

void TextRenderer::draw(ImDrawList* dl, const std::shared_ptr<const TextLayout>& layout, ImVec2 pos,
                        const Colors& colors) {
  if (!layout || !dl) return;
  const ImVec2 o(std::floor(pos.x + 0.5f), std::floor(pos.y + 0.5f));
  const TextLayout& l = *layout;

  // Underlines first (ImGui's white pixel, default texture), glyphs over them.
  if (!l.spans().empty()) {
    for (const auto& [r, span] : decor(layout).underlines)
      dl->AddRectFilled(ImVec2(o.x + r.x, o.y + r.y), ImVec2(o.x + r.z, o.y + r.w), glyph_color(l, span, colors));
  }

  const auto& quads = atlas_.quads(layout);
  size_t i = 0;
  while (i < quads.size()) {
    const uint32_t page = quads[i].page;
    size_t j = i;
    while (j < quads.size() && quads[j].page == page) ++j;
    dl->PushTextureID(texture_id(atlas_.texture(page)));
    // Reserve in chunks: 16-bit indices address at most 65536 vertices per
    // command (ImGui starts a new command when the backend allows offsets).
    for (size_t k = i; k < j;) {
      size_t n = std::min<size_t>(j - k, 4096);
      dl->PrimReserve(static_cast<int>(n * 6), static_cast<int>(n * 4));
      for (size_t e = k + n; k < e; ++k) {
        const GlyphQuad& q = quads[k];
        dl->PrimRectUV(ImVec2(o.x + q.x0, o.y + q.y0), ImVec2(o.x + q.x1, o.y + q.y1), ImVec2(q.u0, q.v0),
                       ImVec2(q.u1, q.v1), glyph_color(l, q.span, colors));
      }
    }
    dl->PopTextureID();
    i = j;
  }
}

}  // namespace faro::text::ui
