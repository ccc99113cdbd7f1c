// Glyph atlas: FreeType rasterisation by glyph index, shelf packing into
// fixed-size pages, dirty-rectangle uploads through a TextureSink.
#include "text/atlas.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "font_impl.h"
#include "text/layout.h"

namespace faro::text {
namespace {

constexpr int kPad = 1;  // empty pixels around each glyph: no bleeding under linear filtering

struct Key {
  uint64_t face_glyph;
  int32_t size;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  size_t operator()(const Key& k) const {
    return std::hash<uint64_t>()(k.face_glyph * 31 + static_cast<uint64_t>(k.size));
  }
};

struct Shelf {
  int y, height, x;
};

struct Page {
  uint64_t texture = 0;
  std::vector<uint8_t> pixels;
  std::vector<Shelf> shelves;
  int next_y = 0;
  int dirty_x0 = 0, dirty_y0 = 0, dirty_x1 = 0, dirty_y1 = 0;  // empty when x0 >= x1
  size_t used = 0;
};

struct QuadCache {
  std::weak_ptr<const TextLayout> owner;
  std::vector<GlyphQuad> quads;
};

}  // namespace

struct GlyphAtlas::Impl {
  FontCollection& fonts;
  TextureSink& sink;
  int size;
  std::vector<Page> pages;
  std::unordered_map<Key, AtlasGlyph, KeyHash> glyphs;
  std::unordered_map<const TextLayout*, QuadCache> quads;
  AtlasGlyph blank;

  Impl(FontCollection& f, TextureSink& s, int page) : fonts(f), sink(s), size(page) {}

  Page& new_page() {
    Page p;
    p.pixels.assign(static_cast<size_t>(size) * static_cast<size_t>(size), 0);
    p.texture = sink.create_texture(size, size);
    pages.push_back(std::move(p));
    return pages.back();
  }

  // Finds room for w x h (padding included); returns page index or -1.
  bool place(int w, int h, uint32_t& page_out, int& x_out, int& y_out) {
    if (w > size || h > size) return false;
    for (size_t pi = 0; pi < pages.size(); ++pi) {
      Page& p = pages[pi];
      // best shelf: tall enough, not much taller, with room left
      Shelf* best = nullptr;
      for (auto& s : p.shelves)
        if (s.height >= h && s.height <= h + h / 2 + 2 && s.x + w <= size && (!best || s.height < best->height))
          best = &s;
      if (!best && p.next_y + h <= size) {
        p.shelves.push_back(Shelf{p.next_y, h, 0});
        p.next_y += h;
        best = &p.shelves.back();
      }
      if (best) {
        page_out = static_cast<uint32_t>(pi);
        x_out = best->x;
        y_out = best->y;
        best->x += w;
        p.used += static_cast<size_t>(w) * static_cast<size_t>(h);
        return true;
      }
    }
    new_page();
    return place(w, h, page_out, x_out, y_out);
  }

  AtlasGlyph rasterise(FaceId face, uint32_t gid, float size_px) {
    AtlasGlyph out;
    SizedFace* sf = fonts.impl().sized(face, size_px);
    if (!sf) return out;
    if (FT_Load_Glyph(sf->ft, gid, kLoadFlags) != 0) return out;
    FT_GlyphSlot slot = sf->ft->glyph;
    if (slot->format != FT_GLYPH_FORMAT_BITMAP && FT_Render_Glyph(slot, FT_RENDER_MODE_LIGHT) != 0) return out;
    const FT_Bitmap& bm = slot->bitmap;
    if (bm.width == 0 || bm.rows == 0) return out;
    int w = static_cast<int>(bm.width), h = static_cast<int>(bm.rows);
    uint32_t pi = 0;
    int px = 0, py = 0;
    if (!place(w + 2 * kPad, h + 2 * kPad, pi, px, py)) return out;  // larger than a page: not drawn
    Page& p = pages[pi];
    int x0 = px + kPad, y0 = py + kPad;
    for (int row = 0; row < h; ++row) {
      const uint8_t* src = bm.buffer + static_cast<ptrdiff_t>(row) * bm.pitch;
      uint8_t* dst =
          p.pixels.data() + static_cast<size_t>(y0 + row) * static_cast<size_t>(size) + static_cast<size_t>(x0);
      if (bm.pixel_mode == FT_PIXEL_MODE_GRAY) {
        std::memcpy(dst, src, static_cast<size_t>(w));
      } else if (bm.pixel_mode == FT_PIXEL_MODE_MONO) {
        for (int c = 0; c < w; ++c) dst[c] = (src[c >> 3] & (0x80 >> (c & 7))) ? 255 : 0;
      }
    }
    if (p.dirty_x0 >= p.dirty_x1) {
      p.dirty_x0 = x0;
      p.dirty_y0 = y0;
      p.dirty_x1 = x0 + w;
      p.dirty_y1 = y0 + h;
    } else {
      p.dirty_x0 = std::min(p.dirty_x0, x0);
      p.dirty_y0 = std::min(p.dirty_y0, y0);
      p.dirty_x1 = std::max(p.dirty_x1, x0 + w);
      p.dirty_y1 = std::max(p.dirty_y1, y0 + h);
    }
    out.page = pi;
    out.left = static_cast<int16_t>(slot->bitmap_left);
    out.top = static_cast<int16_t>(slot->bitmap_top);
    out.width = static_cast<uint16_t>(w);
    out.height = static_cast<uint16_t>(h);
    const float s = static_cast<float>(size);
    out.u0 = static_cast<float>(x0) / s;
    out.v0 = static_cast<float>(y0) / s;
    out.u1 = static_cast<float>(x0 + w) / s;
    out.v1 = static_cast<float>(y0 + h) / s;
    return out;
  }
};

GlyphAtlas::GlyphAtlas(FontCollection& fonts, TextureSink& sink, int page_size)
    : impl_(std::make_unique<Impl>(fonts, sink, std::clamp(page_size, 64, 8192))) {}

GlyphAtlas::~GlyphAtlas() {
  for (auto& p : impl_->pages) impl_->sink.destroy_texture(p.texture);
}

const AtlasGlyph& GlyphAtlas::glyph(FaceId face, uint32_t glyph, float size_px) {
  Key k{(static_cast<uint64_t>(face) << 32) | glyph, static_cast<int32_t>(std::lround(size_px * 64.0f))};
  auto it = impl_->glyphs.find(k);
  if (it != impl_->glyphs.end()) return it->second;
  return impl_->glyphs.emplace(k, impl_->rasterise(face, glyph, size_px)).first->second;
}

const std::vector<GlyphQuad>& GlyphAtlas::quads(const std::shared_ptr<const TextLayout>& layout) {
  auto& entry = impl_->quads[layout.get()];
  if (auto owner = entry.owner.lock(); owner && owner == layout) return entry.quads;
  entry.owner = layout;
  entry.quads.clear();
  const auto& gs = layout->glyphs();
  entry.quads.reserve(gs.size());
  for (size_t i = 0; i < gs.size(); ++i) {
    const auto& g = gs[i];
    const AtlasGlyph& a = glyph(g.face, g.glyph, g.size_px);
    if (a.width == 0) continue;
    float x0 = std::round(g.x) + static_cast<float>(a.left);
    float y0 = std::round(g.y) - static_cast<float>(a.top);
    entry.quads.push_back(GlyphQuad{x0, y0, x0 + a.width, y0 + a.height, a.u0, a.v0, a.u1, a.v1, a.page, g.span,
                                    static_cast<uint16_t>(std::min<size_t>(i, 0xFFFF))});
  }
  // Group by page so drawing switches textures as little as possible.
  std::stable_sort(entry.quads.begin(), entry.quads.end(),
                   [](const GlyphQuad& a, const GlyphQuad& b) { return a.page < b.page; });
  return entry.quads;
}

size_t GlyphAtlas::flush() {
  size_t n = 0;
  const int s = impl_->size;
  for (auto& p : impl_->pages) {
    if (p.dirty_x0 >= p.dirty_x1) continue;
    impl_->sink.update_texture(
        p.texture, p.dirty_x0, p.dirty_y0, p.dirty_x1 - p.dirty_x0, p.dirty_y1 - p.dirty_y0,
        p.pixels.data() + static_cast<size_t>(p.dirty_y0) * static_cast<size_t>(s) + static_cast<size_t>(p.dirty_x0),
        s);
    p.dirty_x0 = p.dirty_x1 = 0;
    ++n;
  }
  for (auto it = impl_->quads.begin(); it != impl_->quads.end();) {
    if (it->second.owner.expired())
      it = impl_->quads.erase(it);
    else
      ++it;
  }
  return n;
}

uint64_t GlyphAtlas::texture(uint32_t page) const {
  return page < impl_->pages.size() ? impl_->pages[page].texture : 0;
}

int GlyphAtlas::page_size() const {
  return impl_->size;
}

AtlasStats GlyphAtlas::stats() const {
  AtlasStats s;
  s.pages = impl_->pages.size();
  s.glyphs = impl_->glyphs.size();
  s.texture_bytes = s.pages * static_cast<size_t>(impl_->size) * static_cast<size_t>(impl_->size);
  for (auto& p : impl_->pages) s.used_pixels += p.used;
  return s;
}

const std::vector<uint8_t>& GlyphAtlas::page_pixels(uint32_t page) const {
  return impl_->pages.at(page).pixels;
}

}  // namespace faro::text
