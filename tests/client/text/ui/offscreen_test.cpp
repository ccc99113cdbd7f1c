// The golden-image comparison itself (no display needed): it must be able
// to fail, or the golden test proves nothing.
#include "text/ui/offscreen.h"

#include <catch2/catch.hpp>

#include "support/fixtures.h"

using namespace faro;

namespace {
text::ui::Image checker(int w, int h, int shift) {
  text::ui::Image img;
  img.width = w;
  img.height = h;
  img.rgba.assign(static_cast<size_t>(w * h * 4), 255);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (((x + shift) / 4 + y / 4) % 2 == 0)
        for (int c = 0; c < 3; ++c) img.rgba[static_cast<size_t>((y * w + x) * 4 + c)] = 0;
  return img;
}
}  // namespace

TEST_CASE("image comparison passes identical images and fails shifted ones", "[golden]") {
  auto a = checker(64, 64, 0);
  auto d = text::ui::compare_images(a, a, 40, 0.002);
  CHECK(d.matches);
  CHECK(d.differing == 0);
  auto b = checker(64, 64, 1);
  text::ui::Image diff;
  d = text::ui::compare_images(a, b, 40, 0.002, &diff);
  CHECK_FALSE(d.matches);
  CHECK(d.differing > 100);
  CHECK(diff.width == 64);
  // small anti-aliasing differences stay within the tolerance
  auto c = a;
  for (size_t i = 0; i < c.rgba.size(); i += 97) c.rgba[i] = static_cast<uint8_t>(c.rgba[i] ^ 0x10);
  CHECK(text::ui::compare_images(a, c, 40, 0.002).matches);
  // different sizes never match
  CHECK_FALSE(text::ui::compare_images(a, checker(32, 64, 0), 40, 1.0).matches);
}

TEST_CASE("PNG files round-trip through write_png and read_png", "[golden]") {
  test::TempDir dir;
  auto a = checker(40, 30, 2);
  auto path = (dir / "x.png").string();
  REQUIRE(text::ui::write_png(path, a).ok());
  auto b = text::ui::read_png(path);
  REQUIRE(b.ok());
  CHECK(b->width == 40);
  CHECK(b->height == 30);
  CHECK(b->rgba == a.rgba);
  CHECK_FALSE(text::ui::read_png((dir / "missing.png").string()).ok());
}
