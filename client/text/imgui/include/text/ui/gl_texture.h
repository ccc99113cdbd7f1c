// GlTextureSink: glyph atlas pages as OpenGL textures (GL 3.3 core).
//
// Pages are GL_R8 textures swizzled to (1, 1, 1, coverage), so ImGui's
// OpenGL 3 backend draws them with its usual shader and vertex colours.
// Needs a current GL context on the calling thread for every call.
#pragma once

#include "text/atlas.h"

namespace faro::text::ui {

class GlTextureSink : public TextureSink {
 public:
  uint64_t create_texture(int width, int height) override;
  void update_texture(uint64_t texture, int x, int y, int width, int height, const uint8_t* pixels,
                      int stride) override;
  void destroy_texture(uint64_t texture) override;
};

}  // namespace faro::text::ui
