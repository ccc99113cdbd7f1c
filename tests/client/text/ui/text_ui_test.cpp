// The ImGui widgets, in a headless ImGui context (no window, no GPU: the
// atlas talks to a NullTextureSink and nobody renders the draw data).
#include "text/ui/text_ui.h"

#include <imgui.h>

#include <functional>

#include "../test_support.h"

using namespace faro;

namespace {

struct Headless {
  text::NullTextureSink sink;
  text::TextEngine engine{test::fonts()};
  text::GlyphAtlas atlas{test::fonts(), sink, 1024};
  text::ui::TextUi ui{engine, atlas};

  Headless() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(999)));
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
  }
  ~Headless() { ImGui::DestroyContext(); }

  // One frame with `body` inside a full-screen window.
  void frame(const std::function<void()>& body) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 600));
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    body();
    ImGui::End();
    ImGui::Render();
    atlas.flush();
  }

  // Vertices drawn with the glyph atlas texture.
  std::vector<ImVec2> glyph_vertices() {
    std::vector<ImVec2> out;
    ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; l < dd->CmdListsCount; ++l) {
      const ImDrawList* dl = dd->CmdLists[l];
      for (const auto& cmd : dl->CmdBuffer) {
        if (cmd.TextureId != text::ui::texture_id(atlas.texture(0))) continue;
        for (unsigned i = 0; i < cmd.ElemCount; ++i) {
          auto idx = dl->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)];
          out.push_back(dl->VtxBuffer[static_cast<int>(cmd.VtxOffset + idx)].pos);
        }
      }
    }
    return out;
  }
};

}  // namespace

TEST_CASE("paragraphs draw glyph quads from the atlas, right-aligned for RTL", "[ui]") {
  Headless h;
  h.frame([&] { h.ui.paragraph("مرحبا", test::style_for("ar"), 400); });
  auto vs = h.glyph_vertices();
  REQUIRE(!vs.empty());
  float minx = 1e9f, maxx = -1e9f;
  for (auto v : vs) {
    minx = std::min(minx, v.x);
    maxx = std::max(maxx, v.x);
    CHECK(v.x == std::floor(v.x));  // snapped
    CHECK(v.y == std::floor(v.y));
  }
  const float left = ImGui::GetStyle().WindowPadding.x;
  CHECK(maxx > left + 400 - 10);  // ends at the right edge of its 400 px
  CHECK(minx > left + 200);
  h.frame([&] { h.ui.paragraph("Hello", test::style_for("en"), 400); });
  vs = h.glyph_vertices();
  REQUIRE(!vs.empty());
  minx = 1e9f;
  for (auto v : vs) minx = std::min(minx, v.x);
  CHECK(minx < left + 10);  // LTR: at the left edge
}

TEST_CASE("a steady frame lays out and rasterises nothing new", "[ui]") {
  Headless h;
  auto body = [&] {
    h.ui.paragraph("हिन्दी में आपके अधिकार", test::style_for("hi"));
    h.ui.label("Label that is far too long to fit in the small box it was given", test::style_for("en"), 150);
    h.ui.button("b", "ابحث", test::style_for("ar"));
    text::ui::MarkdownStyle md;
    md.body = test::style_for("bn");
    h.ui.markdown("## শিরোনাম\n\n- এক\n- দুই [লিংক](article:x)\n", md);
  };
  h.frame(body);
  auto layouts = h.engine.stats().layouts;
  auto shapes = h.engine.stats().shape_calls;
  auto glyphs = h.atlas.stats().glyphs;
  h.frame(body);
  h.frame(body);
  CHECK(h.engine.stats().layouts == layouts);
  CHECK(h.engine.stats().shape_calls == shapes);
  CHECK(h.atlas.stats().glyphs == glyphs);
  CHECK(h.atlas.flush() == 0);
}

TEST_CASE("a button reports a tap and is at least a touch target tall", "[ui]") {
  Headless h;
  ImVec2 mn, mx;
  bool pressed = false;
  auto body = [&] {
    pressed = h.ui.button("go", "ابحث عن خدمات", test::style_for("ar", 20));
    mn = ImGui::GetItemRectMin();
    mx = ImGui::GetItemRectMax();
  };
  h.frame(body);
  CHECK(mx.y - mn.y >= h.ui.theme.min_touch);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2((mn.x + mx.x) / 2, (mn.y + mx.y) / 2);
  h.frame(body);
  io.MouseDown[0] = true;
  h.frame(body);
  CHECK_FALSE(pressed);
  io.MouseDown[0] = false;
  h.frame(body);
  CHECK(pressed);
}

TEST_CASE("tapping a link in rich text returns its target", "[ui]") {
  Headless h;
  text::AttributedText t;
  t.append("Ask for ");
  t.append("free legal aid", text::SpanStyle{false, false, true, 0}, text::SpanKind::Link, "category:legal-aid");
  t.append(" today.");
  std::string clicked;
  ImVec2 origin;
  auto body = [&] {
    origin = ImGui::GetCursorScreenPos();
    auto r = h.ui.rich(t, test::style_for("en"), 500);
    if (!r.empty()) clicked = r;
  };
  h.frame(body);
  auto l = h.engine.layout(t, test::style_for("en"), 500);
  auto rects = l->range_rects(8, 22);
  REQUIRE(!rects.empty());
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(origin.x + (rects[0].x0 + rects[0].x1) / 2, origin.y + (rects[0].y0 + rects[0].y1) / 2);
  h.frame(body);
  io.MouseDown[0] = true;
  h.frame(body);
  io.MouseDown[0] = false;
  h.frame(body);
  CHECK(clicked == "category:legal-aid");
  // a tap on plain text is not a link
  clicked.clear();
  io.MousePos = ImVec2(origin.x + 3, io.MousePos.y);
  h.frame(body);
  io.MouseDown[0] = true;
  h.frame(body);
  io.MouseDown[0] = false;
  h.frame(body);
  CHECK(clicked.empty());
}

TEST_CASE("the text field takes typed text and places the caret visually", "[ui]") {
  Headless h;
  text::EditState st;
  ImVec2 mn, mx;
  auto body = [&] {
    h.ui.text_field("f", st, test::style_for("ar"), 400);
    mn = ImGui::GetItemRectMin();
    mx = ImGui::GetItemRectMax();
  };
  h.frame(body);
  CHECK_FALSE(st.active);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2((mn.x + mx.x) / 2, (mn.y + mx.y) / 2);
  io.MouseDown[0] = true;
  h.frame(body);
  io.MouseDown[0] = false;
  REQUIRE(st.active);
  io.AddInputCharactersUTF8("سلام");
  h.frame(body);
  CHECK(st.text == "سلام");
  CHECK(st.caret == st.text.size());
  // end of Arabic text: the caret is at the left end of the text
  auto l = h.engine.layout(st.text, [] {
    auto s = test::style_for("ar");
    s.direction = text::Direction::FirstStrong;
    return s;
  }());
  CHECK(l->caret(st.caret).x == Approx(0).margin(0.5));
  io.KeysDown[ImGuiKey_Backspace] = true;
  h.frame(body);
  io.KeysDown[ImGuiKey_Backspace] = false;
  h.frame(body);
  CHECK(st.text == "سلا");
  // Left arrow in RTL text moves forward in reading order... to the end: stays
  io.KeysDown[ImGuiKey_Home] = true;
  h.frame(body);
  io.KeysDown[ImGuiKey_Home] = false;
  h.frame(body);
  CHECK(st.caret == 0);
  io.KeysDown[ImGuiKey_LeftArrow] = true;  // visually left = next letter in Arabic
  h.frame(body);
  io.KeysDown[ImGuiKey_LeftArrow] = false;
  h.frame(body);
  CHECK(st.caret == 2);
}

TEST_CASE("edit operations keep the caret on grapheme boundaries", "[ui][edit]") {
  text::EditState st;
  st.insert("नमस्ते");
  CHECK(st.caret == st.text.size());
  st.erase_before();  // takes back the last code point typed: the vowel sign
  CHECK(st.text == "नमस्त");
  st.home();
  st.move_logical(1);
  CHECK(st.caret == 3);  // after न
  st.erase_after();      // the whole cluster म
  CHECK(st.text == "नस्त");
  st.end();
  st.move_logical(-1);
  CHECK(st.caret == st.text.size() - std::string("स्त").size());  // स्त is one cluster
  st.insert("a\nb");
  CHECK(st.text.find('\n') == std::string::npos);
  text::EditState emoji;
  emoji.insert("ok 👩\u200d⚕️");
  emoji.erase_before();
  CHECK(emoji.text == "ok ");
}

TEST_CASE("markdown articles draw every block and report tapped links", "[ui]") {
  Headless h;
  text::ui::MarkdownStyle md;
  md.body = test::style_for("ar", 22);
  const std::string body = "## حقوقك\n\nنص الفقرة.\n\n- [اللجوء والحماية](article:asylum-and-protection)\n- بند آخر\n";
  std::string clicked;
  auto frame = [&] {
    auto r = h.ui.markdown(body, md, 600);
    if (!r.empty()) clicked = r;
  };
  h.frame(frame);
  CHECK(!h.glyph_vertices().empty());
  auto blocks = text::parse_markdown(body);
  REQUIRE(blocks.ok());
  REQUIRE(blocks->size() == 4);
  CHECK(h.engine.stats().layouts >= 4);
  (void)clicked;
}
