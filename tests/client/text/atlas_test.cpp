// Glyph atlas: rasterised once, packed with padding, grows by pages.
#include "text/atlas.h"

#include "test_support.h"

using namespace faro;

TEST_CASE("glyphs are rasterised once per face, glyph and size", "[atlas]") {
  text::NullTextureSink sink;
  text::GlyphAtlas atlas(test::fonts(), sink, 256);
  text::TextEngine engine(test::fonts());
  auto l = engine.layout("مرحبا", test::style_for("ar", 24));
  const auto& q = atlas.quads(l);
  CHECK(q.size() == l->glyphs().size());
  auto n = atlas.stats().glyphs;
  CHECK(n > 0);
  (void)atlas.quads(l);
  auto l2 = engine.layout("مرحبا مرحبا", test::style_for("ar", 24));
  (void)atlas.quads(l2);
  CHECK(atlas.stats().glyphs <= n + 1);  // only the space is new
  CHECK(atlas.flush() == 1);
  CHECK(sink.updates() == 1);
  CHECK(atlas.flush() == 0);  // nothing new
  // a different size is a different bitmap
  (void)atlas.quads(engine.layout("مرحبا", test::style_for("ar", 32)));
  CHECK(atlas.stats().glyphs > n + 1);
}

TEST_CASE("quads are snapped to whole pixels and carry coverage", "[atlas]") {
  text::NullTextureSink sink;
  text::GlyphAtlas atlas(test::fonts(), sink, 512);
  text::TextEngine engine(test::fonts());
  auto l = engine.layout("हिन्दी 中文 Ωμέγα", test::style_for("hi", 21));
  const auto& qs = atlas.quads(l);
  REQUIRE(!qs.empty());
  for (const auto& q : qs) {
    CHECK(q.x0 == std::floor(q.x0));
    CHECK(q.y0 == std::floor(q.y0));
    CHECK(q.x1 > q.x0);
    CHECK(q.u1 > q.u0);
    // the texels under the quad are not all blank
    const auto& px = atlas.page_pixels(q.page);
    int s = atlas.page_size();
    int x0 = static_cast<int>(q.u0 * static_cast<float>(s)), y0 = static_cast<int>(q.v0 * static_cast<float>(s));
    int x1 = static_cast<int>(q.u1 * static_cast<float>(s)), y1 = static_cast<int>(q.v1 * static_cast<float>(s));
    int sum = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) sum += px[static_cast<size_t>(y * s + x)];
    CHECK(sum > 0);
    // one pixel of padding around each glyph stays empty
    if (x0 > 0)
      for (int y = y0; y < y1; ++y) CHECK(px[static_cast<size_t>(y * s + x0 - 1)] == 0);
  }
}

TEST_CASE("the atlas adds pages when one is full", "[atlas]") {
  text::NullTextureSink sink;
  text::GlyphAtlas atlas(test::fonts(), sink, 128);
  text::TextEngine engine(test::fonts());
  auto l = engine.layout("您有权获得免费法律援助如果您被拘留您有权联系领事馆", test::style_for("zh-Hans", 40));
  (void)atlas.quads(l);
  auto st = atlas.stats();
  CHECK(st.pages > 1);
  CHECK(st.texture_bytes == st.pages * 128 * 128);
  CHECK(atlas.texture(0) != atlas.texture(1));
}
