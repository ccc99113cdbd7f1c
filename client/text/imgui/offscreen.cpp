// Offscreen ImGui rendering: hidden GLFW window, GL 3.3 core context, FBO,
// glReadPixels, PNG via stb_image_write.
#define GL_GLEXT_PROTOTYPES 1
#include "text/ui/offscreen.h"

#include <GL/gl.h>
#include <GL/glext.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include <stb_image.h>
#include <stb_image_write.h>
#pragma GCC diagnostic pop

#include <dlfcn.h>
#include <link.h>

#include <algorithm>
#include <cfloat>
#include <cstdlib>
#include <cstring>

#include "text/ui/gl_texture.h"

namespace faro::text::ui {
namespace {

// GL 3.0 entry points are not exported by libGL on every system (glvnd):
// fetch them through GLFW.
struct FboFuncs {
  PFNGLGENFRAMEBUFFERSPROC GenFramebuffers = nullptr;
  PFNGLBINDFRAMEBUFFERPROC BindFramebuffer = nullptr;
  PFNGLFRAMEBUFFERTEXTURE2DPROC FramebufferTexture2D = nullptr;
  PFNGLCHECKFRAMEBUFFERSTATUSPROC CheckFramebufferStatus = nullptr;
  PFNGLDELETEFRAMEBUFFERSPROC DeleteFramebuffers = nullptr;
  template <typename F>
  static bool load(F& f, const char* name) {
    f = reinterpret_cast<F>(glfwGetProcAddress(name));
    return f != nullptr;
  }
  bool load_all() {
    return load(GenFramebuffers, "glGenFramebuffers") && load(BindFramebuffer, "glBindFramebuffer") &&
           load(FramebufferTexture2D, "glFramebufferTexture2D") &&
           load(CheckFramebufferStatus, "glCheckFramebufferStatus") && load(DeleteFramebuffers, "glDeleteFramebuffers");
  }
};

// Tearing GLFW down makes glvnd dlclose Mesa's driver; a leak checker run
// at exit then sees Mesa's few leaked allocations in an unloaded, unnamed
// module and cannot attribute (or suppress) them. Pinning the already
// loaded GL driver libraries (RTLD_NOLOAD | RTLD_NODELETE) keeps them named.
void pin_gl_driver_libraries() {
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void*) -> int {
        const char* name = info->dlpi_name;
        if (name &&
            (std::strstr(name, "_dri.so") || std::strstr(name, "libgallium") || std::strstr(name, "libGLX_mesa") ||
             std::strstr(name, "libLLVM") || std::strstr(name, "libglapi"))) {
          if (void* h = dlopen(name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE)) dlclose(h);
        }
        return 0;
      },
      nullptr);
}

std::string glfw_error() {
  const char* d = nullptr;
  glfwGetError(&d);
  return d ? d : "unknown GLFW error";
}

}  // namespace

struct OffscreenRenderer::Impl {
  int width = 0, height = 0;
  GLFWwindow* window = nullptr;
  bool glfw = false, imgui = false, backend = false;
  FboFuncs fbo_funcs;
  GLuint fbo = 0, color = 0;
  std::unique_ptr<FontCollection> fonts;
  std::unique_ptr<TextEngine> engine;
  GlTextureSink sink;
  std::unique_ptr<GlyphAtlas> atlas;
  std::unique_ptr<TextUi> ui;

  ~Impl() {
    ui.reset();
    atlas.reset();  // deletes its textures: the context must still be current
    engine.reset();
    fonts.reset();
    if (fbo) fbo_funcs.DeleteFramebuffers(1, &fbo);
    if (color) glDeleteTextures(1, &color);
    if (backend) ImGui_ImplOpenGL3_Shutdown();
    if (window) pin_gl_driver_libraries();
    if (imgui) ImGui::DestroyContext();
    if (window) glfwDestroyWindow(window);
    if (glfw) glfwTerminate();
  }
};

OffscreenRenderer::OffscreenRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OffscreenRenderer::~OffscreenRenderer() = default;

Result<std::unique_ptr<OffscreenRenderer>> OffscreenRenderer::create(int width, int height) {
  auto im = std::make_unique<Impl>();
  im->width = width;
  im->height = height;
  if (!glfwInit())
    return make_error(ErrorCode::Unsupported, "GLFW: " + glfw_error() + " (no X display? run under xvfb-run)");
  im->glfw = true;
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  im->window = glfwCreateWindow(std::min(width, 640), std::min(height, 480), "faro offscreen", nullptr, nullptr);
  if (!im->window) return make_error(ErrorCode::Unsupported, "GLFW: no OpenGL 3.3 context: " + glfw_error());
  glfwMakeContextCurrent(im->window);
  if (!im->fbo_funcs.load_all()) return make_error(ErrorCode::Unsupported, "OpenGL: no framebuffer objects");

  glGenTextures(1, &im->color);
  glBindTexture(GL_TEXTURE_2D, im->color);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  im->fbo_funcs.GenFramebuffers(1, &im->fbo);
  im->fbo_funcs.BindFramebuffer(GL_FRAMEBUFFER, im->fbo);
  im->fbo_funcs.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, im->color, 0);
  if (im->fbo_funcs.CheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    return make_error(ErrorCode::Unsupported, "OpenGL: framebuffer incomplete");

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  im->imgui = true;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  if (!ImGui_ImplOpenGL3_Init("#version 330 core"))
    return make_error(ErrorCode::Unsupported, "ImGui OpenGL 3 backend failed to start");
  im->backend = true;

  auto fonts = FontCollection::open();
  if (!fonts) return fonts.take_error();
  im->fonts = std::move(fonts).value();
  im->engine = std::make_unique<TextEngine>(*im->fonts);
  im->atlas = std::make_unique<GlyphAtlas>(*im->fonts, im->sink, 1024);
  im->ui = std::make_unique<TextUi>(*im->engine, *im->atlas);
  return std::unique_ptr<OffscreenRenderer>(new OffscreenRenderer(std::move(im)));
}

Result<Image> OffscreenRenderer::render(const std::function<void(TextUi&)>& ui, int frames) {
  for (int f = 0; f < std::max(1, frames); ++f) {
    glfwMakeContextCurrent(impl_->window);
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame(ui);
  }
  return capture();
}

void OffscreenRenderer::frame(const std::function<void(TextUi&)>& ui) {
  auto& im = *impl_;
  glfwMakeContextCurrent(im.window);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(im.width), static_cast<float>(im.height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.DeltaTime = 1.0f / 60.0f;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  ui(*im.ui);
  ImGui::Render();
  im.atlas->flush();  // new glyphs reach the GPU before the frame is drawn
  im.engine->trim_cache();
  im.fbo_funcs.BindFramebuffer(GL_FRAMEBUFFER, im.fbo);
  glViewport(0, 0, im.width, im.height);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  // A window's buffer swap ends each frame; offscreen nothing does, and the
  // driver (Mesa's llvmpipe) then kept every frame's orphaned buffers queued:
  // a script scrolling 12,000 px peaked at 627 MB (glFlush: 279 MB). Wait
  // for the frame: 173 MB however long the script.
  glFinish();
}

Result<Image> OffscreenRenderer::capture() {
  auto& im = *impl_;
  glfwMakeContextCurrent(im.window);
  im.fbo_funcs.BindFramebuffer(GL_FRAMEBUFFER, im.fbo);
  glFinish();
  Image img;
  img.width = im.width;
  img.height = im.height;
  img.rgba.resize(static_cast<size_t>(im.width) * static_cast<size_t>(im.height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, im.width, im.height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
  if (glGetError() != GL_NO_ERROR) return make_error(ErrorCode::Io, "OpenGL: glReadPixels failed");
  // GL's first row is the bottom one.
  const size_t row = static_cast<size_t>(im.width) * 4;
  std::vector<uint8_t> tmp(row);
  for (int y = 0; y < im.height / 2; ++y) {
    uint8_t* a = img.rgba.data() + static_cast<size_t>(y) * row;
    uint8_t* b = img.rgba.data() + static_cast<size_t>(im.height - 1 - y) * row;
    std::copy(a, a + row, tmp.data());
    std::copy(b, b + row, a);
    std::copy(tmp.data(), tmp.data() + row, b);
  }
  return img;
}

TextUi& OffscreenRenderer::text_ui() {
  return *impl_->ui;
}
TextEngine& OffscreenRenderer::engine() {
  return *impl_->engine;
}
GlyphAtlas& OffscreenRenderer::atlas() {
  return *impl_->atlas;
}
std::string OffscreenRenderer::gl_renderer() const {
  const GLubyte* s = glGetString(GL_RENDERER);
  return s ? reinterpret_cast<const char*>(s) : "";
}

Status write_png(const std::string& path, const Image& image) {
  if (image.width <= 0 || image.height <= 0) return make_error(ErrorCode::Invalid, path + ": empty image");
  if (!stbi_write_png(path.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4))
    return make_error(ErrorCode::Io, path + ": cannot write PNG");
  return {};
}

Result<Image> read_png(const std::string& path) {
  int w = 0, h = 0, n = 0;
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 4);
  if (!data) return make_error(ErrorCode::NotFound, path + ": cannot read PNG");
  Image img;
  img.width = w;
  img.height = h;
  img.rgba.assign(data, data + static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  stbi_image_free(data);
  return img;
}

ImageDiff compare_images(const Image& a, const Image& b, int tol, double max_fraction, Image* diff) {
  ImageDiff d;
  d.same_size = a.width == b.width && a.height == b.height && a.rgba.size() == b.rgba.size();
  if (!d.same_size) return d;
  if (diff) {
    *diff = a;
  }
  const size_t pixels = static_cast<size_t>(a.width) * static_cast<size_t>(a.height);
  for (size_t i = 0; i < pixels; ++i) {
    int m = 0;
    for (int c = 0; c < 4; ++c)
      m = std::max(m,
                   std::abs(int{a.rgba[i * 4 + static_cast<size_t>(c)]} - int{b.rgba[i * 4 + static_cast<size_t>(c)]}));
    d.max_channel_delta = std::max(d.max_channel_delta, m);
    bool differs = m > tol;
    if (differs) ++d.differing;
    if (diff) {
      uint8_t* p = diff->rgba.data() + i * 4;
      if (differs) {
        p[0] = 255;
        p[1] = 0;
        p[2] = 0;
      } else {
        for (int c = 0; c < 3; ++c) p[c] = static_cast<uint8_t>(255 - (255 - p[c]) / 4);
      }
      p[3] = 255;
    }
  }
  d.fraction = pixels ? static_cast<double>(d.differing) / static_cast<double>(pixels) : 0;
  d.matches = d.fraction <= max_fraction;
  return d;
}

}  // namespace faro::text::ui
