// GlyphAtlas: glyph bitmaps by glyph index, packed into alpha textures.
//
// Glyphs are rasterised with FreeType (light hinting, the same as shaping),
// by (face, glyph id, size) — never by character, so shaped forms, ligatures
// and conjuncts are drawn as HarfBuzz chose them. Bitmaps are packed into
// pages of `page_size` x `page_size` 8-bit coverage with 1 px of padding on
// every side; when a page is full a new page is added (pages are never
// repacked, so a glyph's UVs never change while the atlas lives).
//
// Textures: the atlas keeps the CPU copy of every page and talks to the GPU
// through a TextureSink. A new page gets its texture at once (so a draw
// command recorded in this frame can name it); new glyph pixels are sent in
// flush(), which the frame loop calls after building the frame and before
// submitting it to the GPU (after ImGui::Render, before RenderDrawData). So
// unlike ImGui's own font atlas, this one may grow in the middle of a frame.
//
// Threads: UI thread only, like the FontCollection it rasterises from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "text/fonts.h"

namespace faro::text {

class TextLayout;

// Where textures live: OpenGL in the kiosk, memory in benchmarks and tests.
class TextureSink {
 public:
  virtual ~TextureSink() = default;
  // A new single-channel (coverage) texture, zero-filled; returns its handle
  // (an ImTextureID's value for ImGui backends).
  virtual uint64_t create_texture(int width, int height) = 0;
  // Replaces a rectangle of it with `pixels` (row stride `stride` bytes).
  virtual void update_texture(uint64_t texture, int x, int y, int width, int height, const uint8_t* pixels,
                              int stride) = 0;
  virtual void destroy_texture(uint64_t texture) = 0;
};

// A TextureSink that only counts (benchmarks, layout-only tests).
class NullTextureSink : public TextureSink {
 public:
  uint64_t create_texture(int, int) override { return ++next_; }
  void update_texture(uint64_t, int, int, int, int, const uint8_t*, int) override { ++updates_; }
  void destroy_texture(uint64_t) override {}
  uint64_t updates() const { return updates_; }

 private:
  uint64_t next_ = 0;
  uint64_t updates_ = 0;
};

struct AtlasGlyph {
  uint32_t page = 0;
  int16_t left = 0, top = 0;       // bitmap offset from the pen position (top is up)
  uint16_t width = 0, height = 0;  // 0 x 0 for blank glyphs (spaces)
  float u0 = 0, v0 = 0, u1 = 0, v1 = 0;
};

// One textured quad of a laid-out glyph, relative to the layout's origin,
// already snapped to whole pixels.
struct GlyphQuad {
  float x0, y0, x1, y1;
  float u0, v0, u1, v1;
  uint32_t page;
  uint16_t span;   // PositionedGlyph::span
  uint16_t glyph;  // index into TextLayout::glyphs() (saturated at 0xFFFF)
};

struct AtlasStats {
  size_t pages = 0;
  size_t glyphs = 0;
  size_t texture_bytes = 0;  // GPU memory: pages x page_size^2 x 1 byte
  size_t used_pixels = 0;    // packed area incl. padding
};

class GlyphAtlas {
 public:
  GlyphAtlas(FontCollection& fonts, TextureSink& sink, int page_size = 1024);
  ~GlyphAtlas();
  GlyphAtlas(const GlyphAtlas&) = delete;
  GlyphAtlas& operator=(const GlyphAtlas&) = delete;

  // The bitmap of `glyph` in `face` at `size_px`, rasterised on first use.
  const AtlasGlyph& glyph(FaceId face, uint32_t glyph, float size_px);

  // The quads that draw `layout`, snapped to pixels. Computed once per
  // layout and atlas (cached inside the atlas by layout identity; entries of
  // layouts that died are dropped by flush()).
  const std::vector<GlyphQuad>& quads(const std::shared_ptr<const TextLayout>& layout);

  // Sends new pixels to the textures (call between building a frame and
  // drawing it). Returns the number of texture updates.
  size_t flush();

  uint64_t texture(uint32_t page) const;
  int page_size() const;
  AtlasStats stats() const;
  // The CPU copy of a page (page_size x page_size bytes), for tests.
  const std::vector<uint8_t>& page_pixels(uint32_t page) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace faro::text
