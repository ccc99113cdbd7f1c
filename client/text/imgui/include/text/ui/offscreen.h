// OffscreenRenderer: ImGui frames rendered into an image, without a visible
// window (a hidden GLFW window for the GL 3.3 context, an FBO to draw in).
// Used by faro-text-render (golden images) and later by
// `faro-kiosk --screenshot`. Needs an X display: under CI, xvfb-run.
//
// Owns the GLFW window, the GL context, an ImGui context (made current), the
// ImGui OpenGL 3 backend, a FontCollection, TextEngine, GlyphAtlas with a
// GlTextureSink and a TextUi. One per process (GLFW is process-global).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "content/result.h"
#include "text/ui/text_ui.h"

namespace faro::text::ui {

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // top row first
};

class OffscreenRenderer {
 public:
  // Fails (Unsupported) when there is no display or no GL 3.3.
  static Result<std::unique_ptr<OffscreenRenderer>> create(int width, int height);
  ~OffscreenRenderer();
  OffscreenRenderer(const OffscreenRenderer&) = delete;
  OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

  // Runs `frames` ImGui frames calling `ui` between NewFrame and Render and
  // returns the pixels of the last one (layouts settle after one frame).
  // The pointer is kept off the window in these frames.
  Result<Image> render(const std::function<void(TextUi&)>& ui, int frames = 2);

  // One frame with whatever input the caller left in ImGui's IO (pointer,
  // buttons, keys, characters): scripted taps and typing. Then capture()
  // reads the pixels of the last frame drawn.
  void frame(const std::function<void(TextUi&)>& ui);
  Result<Image> capture();

  TextUi& text_ui();
  TextEngine& engine();
  GlyphAtlas& atlas();
  std::string gl_renderer() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"

  struct Impl;

 private:
  explicit OffscreenRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

Status write_png(const std::string& path, const Image& image);
Result<Image> read_png(const std::string& path);

// Compares two images of the same size: a pixel differs when any channel
// differs by more than `channel_tolerance`; the images match when at most
// `max_differing_fraction` of the pixels differ. `diff` (if given) gets an
// image with differing pixels in red over a faded copy of `a`.
struct ImageDiff {
  bool same_size = false;
  size_t differing = 0;
  double fraction = 0;
  int max_channel_delta = 0;
  bool matches = false;
};
ImageDiff compare_images(const Image& a, const Image& b, int channel_tolerance, double max_differing_fraction,
                         Image* diff = nullptr);

}  // namespace faro::text::ui
