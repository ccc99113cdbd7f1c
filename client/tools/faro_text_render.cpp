// faro-text-render: renders a text engine test page offscreen and writes a
// PNG; with --golden, compares it with a reference image and exits 1 if they
// differ by more than the tolerance (the diff image shows where).
//
//   faro-text-render --out page.png [--page all-scripts] [--size 1000x960]
//                    [--golden ref.png [--diff diff.png] [--tolerance 40] [--max-diff 0.0001]]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "text/ui/offscreen.h"
#include "text_pages.h"

namespace {

int usage(const char* msg) {
  std::fprintf(stderr,
               "faro-text-render: %s\nusage: faro-text-render --out PNG [--page NAME] [--size WxH] "
               "[--golden PNG [--diff PNG] [--tolerance N] [--max-diff FRACTION]]\n",
               msg);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out, page = "all-scripts", golden, diff_path;
  int width = 1000, height = 960, tolerance = 40;
  double max_diff = 0.0001;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--out")
      out = next();
    else if (a == "--page")
      page = next();
    else if (a == "--golden")
      golden = next();
    else if (a == "--diff")
      diff_path = next();
    else if (a == "--tolerance")
      tolerance = std::atoi(next().c_str());
    else if (a == "--max-diff")
      max_diff = std::atof(next().c_str());
    else if (a == "--size") {
      std::string s = next();
      if (std::sscanf(s.c_str(), "%dx%d", &width, &height) != 2 || width <= 0 || height <= 0)
        return usage(("bad --size: " + s).c_str());
    } else {
      return usage(("unknown option " + a).c_str());
    }
  }
  if (out.empty()) return usage("--out is required");

  auto r = faro::text::ui::OffscreenRenderer::create(width, height);
  if (!r) {
    std::fprintf(stderr, "faro-text-render: %s\n", r.error().message.c_str());
    return 1;
  }
  auto& renderer = **r;
  bool known = true;
  auto img = renderer.render([&](faro::text::ui::TextUi& ui) {
    known = faro::tools::draw_page(page, ui, static_cast<float>(width), static_cast<float>(height));
  });
  if (!known) return usage(("no such page: " + page).c_str());
  if (!img) {
    std::fprintf(stderr, "faro-text-render: %s\n", img.error().message.c_str());
    return 1;
  }
  if (auto w = faro::text::ui::write_png(out, *img); !w) {
    std::fprintf(stderr, "faro-text-render: %s\n", w.error().message.c_str());
    return 1;
  }
  auto st = renderer.atlas().stats();
  std::printf("wrote %s (%dx%d) on %s; atlas: %zu glyphs, %zu page(s)\n", out.c_str(), width, height,
              renderer.gl_renderer().c_str(), st.glyphs, st.pages);
  if (golden.empty()) return 0;

  auto ref = faro::text::ui::read_png(golden);
  if (!ref) {
    std::fprintf(stderr, "faro-text-render: golden image: %s\n", ref.error().message.c_str());
    return 1;
  }
  faro::text::ui::Image diff;
  auto d = faro::text::ui::compare_images(*img, *ref, tolerance, max_diff, &diff);
  if (!d.same_size) {
    std::fprintf(stderr, "faro-text-render: %s is %dx%d, rendered %dx%d\n", golden.c_str(), ref->width, ref->height,
                 width, height);
    return 1;
  }
  std::printf("compared with %s: %zu pixels differ by more than %d (%.4f%%, limit %.4f%%), max delta %d\n",
              golden.c_str(), d.differing, tolerance, d.fraction * 100, max_diff * 100, d.max_channel_delta);
  if (!d.matches) {
    if (!diff_path.empty() && faro::text::ui::write_png(diff_path, diff))
      std::fprintf(stderr, "faro-text-render: differences in red: %s\n", diff_path.c_str());
    std::fprintf(stderr, "faro-text-render: rendering differs from the golden image\n");
    return 1;
  }
  return 0;
}
