#include "kiosk/headless.h"

#include <cfloat>

namespace faro::kiosk {

HeadlessHost::HeadlessHost(text::FontCollection& fonts, int width, int height)
    : engine_(fonts), atlas_(fonts, sink_, 1024), ui_(engine_, atlas_) {
  ctx_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DeltaTime = 1.0f / 60.0f;
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  unsigned char* px = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  io.Fonts->SetTexID(text::ui::texture_id(0xFFFF));
  for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
}

HeadlessHost::~HeadlessHost() {
  ImGui::DestroyContext(ctx_);
}

void HeadlessHost::frame(const std::function<void(text::ui::TextUi&)>& body) {
  ImGui::NewFrame();
  body(ui_);
  ImGui::Render();
  atlas_.flush();
  engine_.trim_cache();
}

void HeadlessHost::tap(float x, float y, const std::function<void(text::ui::TextUi&)>& body) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y);
  frame(body);
  io.MouseDown[0] = true;
  frame(body);
  io.MouseDown[0] = false;
  frame(body);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  frame(body);
}

void HeadlessHost::type(const std::string& utf8, const std::function<void(text::ui::TextUi&)>& body) {
  ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
  frame(body);
}

void HeadlessHost::key(int k, const std::function<void(text::ui::TextUi&)>& body) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[k] = true;
  frame(body);
  io.KeysDown[k] = false;
  frame(body);
}

}  // namespace faro::kiosk
