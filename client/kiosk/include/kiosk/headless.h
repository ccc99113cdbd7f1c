// HeadlessHost: an ImGui context with no window and no GL, for tests and
// benchmarks. Glyphs go to a NullTextureSink; nobody renders the draw data.
// Input is synthetic: tap(x, y), type(utf8), key(ImGuiKey).
// One per thread at a time (it owns the current ImGui context).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "text/atlas.h"
#include "text/fonts.h"
#include "text/layout.h"
#include "text/ui/text_ui.h"

namespace faro::kiosk {

class HeadlessHost {
 public:
  // `fonts` must outlive the host (open it once per process: it is slow).
  HeadlessHost(text::FontCollection& fonts, int width, int height);
  ~HeadlessHost();
  HeadlessHost(const HeadlessHost&) = delete;
  HeadlessHost& operator=(const HeadlessHost&) = delete;

  // One frame: NewFrame, body(TextUi&), Render, atlas flush, cache trim.
  void frame(const std::function<void(text::ui::TextUi&)>& body);
  // A touch at (x, y): press in one frame, release in the next (plus one
  // frame before with the pointer there, as a touch screen reports it).
  void tap(float x, float y, const std::function<void(text::ui::TextUi&)>& body);
  void type(const std::string& utf8, const std::function<void(text::ui::TextUi&)>& body);
  void key(int imgui_key, const std::function<void(text::ui::TextUi&)>& body);

  text::TextEngine& engine() { return engine_; }
  text::GlyphAtlas& atlas() { return atlas_; }
  text::ui::TextUi& ui() { return ui_; }

 private:
  text::NullTextureSink sink_;
  text::TextEngine engine_;
  text::GlyphAtlas atlas_;
  text::ui::TextUi ui_;
  ImGuiContext* ctx_ = nullptr;
};

}  // namespace faro::kiosk
