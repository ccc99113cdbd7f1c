// Atlas pages as GL_R8 textures swizzled to white + alpha.
#include "text/ui/gl_texture.h"

#include <vector>

#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>

namespace faro::text::ui {
namespace {

// Restores the texture binding and unpack state we change, so the ImGui
// backend (or anything else) finds GL as it left it.
struct SavedState {
  GLint tex = 0, align = 0, row = 0, skip_px = 0, skip_rows = 0;
  SavedState() {
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &tex);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &align);
    glGetIntegerv(GL_UNPACK_ROW_LENGTH, &row);
    glGetIntegerv(GL_UNPACK_SKIP_PIXELS, &skip_px);
    glGetIntegerv(GL_UNPACK_SKIP_ROWS, &skip_rows);
  }
  ~SavedState() {
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(tex));
    glPixelStorei(GL_UNPACK_ALIGNMENT, align);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, row);
    glPixelStorei(GL_UNPACK_SKIP_PIXELS, skip_px);
    glPixelStorei(GL_UNPACK_SKIP_ROWS, skip_rows);
  }
};

}  // namespace

uint64_t GlTextureSink::create_texture(int width, int height) {
  SavedState saved;
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
  glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glPixelStorei(GL_UNPACK_SKIP_PIXELS, 0);
  glPixelStorei(GL_UNPACK_SKIP_ROWS, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, nullptr);
  // glTexImage2D with no data leaves the contents undefined: clear them.
  std::vector<unsigned char> zero(static_cast<size_t>(width) * static_cast<size_t>(height), 0);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RED, GL_UNSIGNED_BYTE, zero.data());
  return tex;
}

void GlTextureSink::update_texture(uint64_t texture, int x, int y, int width, int height, const uint8_t* pixels,
                                   int stride) {
  SavedState saved;
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(texture));
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, stride);
  glPixelStorei(GL_UNPACK_SKIP_PIXELS, 0);
  glPixelStorei(GL_UNPACK_SKIP_ROWS, 0);
  glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, width, height, GL_RED, GL_UNSIGNED_BYTE, pixels);
}

void GlTextureSink::destroy_texture(uint64_t texture) {
  auto tex = static_cast<GLuint>(texture);
  glDeleteTextures(1, &tex);
}

}  // namespace faro::text::ui
