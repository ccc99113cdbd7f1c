// Text widgets on ImGui's item system.
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "text/ui/text_ui.h"

namespace faro::text::ui {
namespace {

float avail_width(float width) {
  if (width > 0) return width;
  float w = ImGui::GetContentRegionAvail().x;
  return w > 1 ? std::floor(w) : 1;
}

// An id for an item without a caller-given name: the window's id stack plus
// the text and the item's position in the window's content (scroll-invariant),
// so the same text twice on a screen gets two ids.
ImGuiID auto_id(std::string_view text) {
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  ImVec2 local(w->DC.CursorPos.x - w->Pos.x + w->Scroll.x, w->DC.CursorPos.y - w->Pos.y + w->Scroll.y);
  ImGuiID seed = ImHashData(&local, sizeof local, w->IDStack.back());
  return ImHashData(text.data(), text.size(), seed);
}

}  // namespace

void TextUi::draw(const std::shared_ptr<const TextLayout>& layout, ImVec2 pos) {
  renderer_.draw(ImGui::GetWindowDrawList(), layout, pos, theme.colors);
}

std::string TextUi::item(const std::shared_ptr<const TextLayout>& l, float width, bool interactive) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return {};
  const ImVec2 pos = window->DC.CursorPos;
  const ImVec2 size(width, std::ceil(l->height()));
  const ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
  ImGui::ItemSize(size);
  ImGuiID id = interactive ? auto_id(l->text()) : 0;
  if (!ImGui::ItemAdd(bb, id)) return {};  // clipped: nothing to draw
  renderer_.draw(window->DrawList, l, pos, theme.colors);
  if (!interactive) return {};
  bool hovered = false, held = false;
  bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  ImVec2 m = ImGui::GetIO().MousePos;
  int span = hovered ? l->span_at(m.x - pos.x, m.y - pos.y) : -1;
  if (span >= 0) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  if (pressed && span >= 0) return l->spans()[static_cast<size_t>(span)].target;
  return {};
}

void TextUi::paragraph(std::string_view text, const TextStyle& style, float width) {
  float w = avail_width(width);
  auto l = engine_.layout(text, style, w);
  item(l, w, false);
  ImGui::Dummy(ImVec2(0, std::round(style.size_px * theme.paragraph_gap)));
}

std::string TextUi::rich(const AttributedText& text, const TextStyle& style, float width) {
  float w = avail_width(width);
  auto l = engine_.layout(text, style, w);
  bool links = false;
  for (const auto& s : text.spans) links = links || s.kind != SpanKind::Text;
  return item(l, w, links);
}

void TextUi::label(std::string_view text, const TextStyle& style, float max_width) {
  float w = avail_width(max_width);
  TextStyle st = style;
  st.max_lines = 1;
  st.ellipsis = true;
  auto l = engine_.layout(text, st, w);
  item(l, w, false);
}

bool TextUi::button(const char* id_str, std::string_view label, const TextStyle& style, ImVec2 size) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const ImGuiID id = window->GetID(id_str);
  TextStyle st = style;
  st.max_lines = 1;
  st.ellipsis = true;
  st.align = Align::Center;
  const float pad_x = std::round(style.size_px * 0.8f), pad_y = std::round(style.size_px * 0.35f);
  float inner = size.x > 0 ? size.x - 2 * pad_x : 0;
  auto l = engine_.layout(label, st, inner > 0 ? inner : 0);
  ImVec2 sz(size.x > 0 ? size.x : std::ceil(l->content_width()) + 2 * pad_x,
            std::max(std::max(size.y, std::ceil(l->height()) + 2 * pad_y), theme.min_touch));
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, ImVec2(pos.x + sz.x, pos.y + sz.y));
  ImGui::ItemSize(sz);
  if (!ImGui::ItemAdd(bb, id)) return false;
  bool hovered = false, held = false;
  bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  ImU32 bg = held && hovered ? theme.button_active : hovered ? theme.button_hovered : theme.button;
  window->DrawList->AddRectFilled(bb.Min, bb.Max, bg, std::round(style.size_px * 0.25f));
  Colors c = theme.colors;
  c.text = c.link = c.phone = theme.button_text;
  const float lw = l->width();
  // Centre the ink, not the line box: scripts with deep descenders
  // (Devanagari, Nastaliq) would otherwise sit high in the button.
  float ink0 = 0, ink1 = l->height();
  const auto& quads = renderer_.atlas().quads(l);
  if (!quads.empty()) {
    ink0 = quads.front().y0;
    ink1 = quads.front().y1;
    for (const auto& q : quads) {
      ink0 = std::min(ink0, q.y0);
      ink1 = std::max(ink1, q.y1);
    }
  }
  ImVec2 tp(pos.x + std::floor((sz.x - lw) / 2), pos.y + std::floor((sz.y - (ink1 - ink0)) / 2) - ink0);
  renderer_.draw(window->DrawList, l, tp, c);
  return pressed;
}

bool TextUi::text_field(const char* id_str, EditState& state, const TextStyle& style, float width,
                        std::string_view placeholder) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiIO& io = ImGui::GetIO();
  const ImGuiID id = window->GetID(id_str);
  const float w = avail_width(width);
  const float pad = std::round(style.size_px * 0.4f);
  TextStyle st = style;
  st.direction = Direction::FirstStrong;  // what the visitor typed decides, the language when empty
  st.max_lines = 0;
  st.ellipsis = false;
  auto l = engine_.layout(state.text, st, 0);
  const float h = std::max(std::ceil(l->height()) + 2 * pad, theme.min_touch);
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect bb(pos, ImVec2(pos.x + w, pos.y + h));
  ImGui::ItemSize(ImVec2(w, h));
  if (!ImGui::ItemAdd(bb, id)) return false;

  // Where the layout's x = 0 sits: the start side when it fits, else
  // scrolled so that the caret stays visible.
  const float inner = w - 2 * pad;
  const float content = l->content_width();
  state.caret = std::min<uint32_t>(state.caret, static_cast<uint32_t>(state.text.size()));
  float caret_x = l->caret(state.caret).x;
  float origin;  // layout x of the field's inner left edge
  if (content <= inner) {
    origin = l->rtl() ? content - inner : 0;
    state.scroll_x = 0;
  } else {
    if (caret_x - state.scroll_x > inner) state.scroll_x = caret_x - inner;
    if (caret_x - state.scroll_x < 0) state.scroll_x = caret_x;
    state.scroll_x = std::clamp(state.scroll_x, 0.0f, content - inner);
    origin = state.scroll_x;
  }
  const ImVec2 text_pos(pos.x + pad - origin, pos.y + std::floor((h - l->height()) / 2));

  bool hovered = false, held = false;
  bool pressed =
      ImGui::ButtonBehavior(bb, id, &hovered, &held, static_cast<ImGuiButtonFlags>(ImGuiButtonFlags_PressedOnClick));
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  if (pressed) {
    state.active = true;
    state.click(*l, io.MousePos.x - text_pos.x, io.MousePos.y - text_pos.y);
    ImGui::FocusWindow(window);
  } else if (io.MouseClicked[0] && !hovered && state.active) {
    state.active = false;
  }
  // Focus is the field's own (EditState::active), not ImGui's ActiveId:
  // ButtonBehavior owns ActiveId while the finger is down.

  bool changed = false;
  if (state.active) {
    g.WantTextInputNextFrame = 1;
    // Characters from a physical keyboard (ImWchar is 16-bit in Debian's
    // ImGui: characters beyond the BMP arrive as U+FFFD; the on-screen
    // keyboard calls EditState::insert with UTF-8 and has no such limit).
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
      ImWchar c = io.InputQueueCharacters[i];
      if (c < 0x20 || c == 0x7F) continue;
      char buf[5] = {};
      ImTextCharToUtf8(buf, c);
      state.insert(buf);
      changed = true;
    }
    io.InputQueueCharacters.resize(0);
    auto key = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
    if (key(ImGuiKey_Backspace)) {
      state.erase_before();
      changed = true;
    }
    if (key(ImGuiKey_Delete)) {
      state.erase_after();
      changed = true;
    }
    if (changed) l = engine_.layout(state.text, st, 0);
    if (key(ImGuiKey_LeftArrow)) state.move_visual(*l, -1);
    if (key(ImGuiKey_RightArrow)) state.move_visual(*l, +1);
    if (key(ImGuiKey_Home)) state.home();
    if (key(ImGuiKey_End)) state.end();
    if (key(ImGuiKey_Enter) || key(ImGuiKey_Escape)) state.active = false;
  }

  ImDrawList* dl = window->DrawList;
  dl->AddRectFilled(bb.Min, bb.Max, theme.field_bg, 4);
  dl->AddRect(bb.Min, bb.Max, state.active ? theme.field_border_active : theme.field_border, 4, 0,
              state.active ? 2.0f : 1.0f);
  dl->PushClipRect(ImVec2(bb.Min.x + 2, bb.Min.y + 2), ImVec2(bb.Max.x - 2, bb.Max.y - 2), true);
  renderer_.draw(dl, l, text_pos, theme.colors);
  if (state.text.empty() && !placeholder.empty()) {
    TextStyle ph = style;
    ph.max_lines = 1;
    ph.ellipsis = true;
    auto pl = engine_.layout(placeholder, ph, inner);
    Colors c = theme.colors;
    c.text = theme.placeholder;
    // laid out `inner` wide: on the start side of the field's language
    renderer_.draw(dl, pl, ImVec2(pos.x + pad, pos.y + std::floor((h - pl->height()) / 2)), c);
  }
  if (state.active) {
    auto c = l->caret(state.caret);
    const auto& line = l->lines().at(static_cast<size_t>(c.line));
    float cw = std::max(2.0f, std::round(style.size_px / 12));
    float x = std::floor(text_pos.x + c.x + 0.5f);
    // a steady caret: blinking distracts and the kiosk has an idle timeout anyway
    dl->AddRectFilled(ImVec2(x - cw / 2, std::floor(text_pos.y + line.top)),
                      ImVec2(x + cw / 2, std::floor(text_pos.y + line.bottom)), theme.caret);
  }
  dl->PopClipRect();
  return changed;
}

const std::vector<MarkdownBlock>& TextUi::blocks(std::string_view md) {
  auto it = markdown_.find(md);
  if (it != markdown_.end()) return it->second;
  if (markdown_.size() > 64) markdown_.clear();  // articles on screen: a handful
  auto parsed = parse_markdown(md);
  std::vector<MarkdownBlock> b;
  if (parsed) b = std::move(parsed).value();
  return markdown_.emplace(std::string(md), std::move(b)).first->second;
}

std::string TextUi::markdown(std::string_view md, const MarkdownStyle& ms, float width) {
  const float w = avail_width(width);
  const float em = ms.body.size_px;
  std::string clicked;
  ImGui::PushID(md.data(), md.data() + md.size());  // by content: stable across frames
  const auto& bs = blocks(md);
  for (size_t i = 0; i < bs.size(); ++i) {
    const MarkdownBlock& b = bs[i];
    ImGui::PushID(static_cast<int>(i));
    TextStyle st = ms.body;
    switch (b.kind) {
      case BlockKind::Heading: {
        int lv = std::clamp(b.level, 1, 3);
        st.size_px = std::round(em * ms.heading_scale[lv - 1]);
        st.bold = true;
        if (i > 0) ImGui::Dummy(ImVec2(0, std::round(em * 0.4f)));
        std::string t = rich(b.text, st, w);
        if (!t.empty()) clicked = t;
        ImGui::Dummy(ImVec2(0, std::round(em * 0.25f)));
        break;
      }
      case BlockKind::ListItem: {
        const float indent = std::round(em * ms.list_indent) * static_cast<float>(std::max(1, b.level));
        const float text_w = std::max(1.0f, w - indent);
        auto l = engine_.layout(b.text, st, text_w);
        const bool rtl = l->rtl();
        ImGuiWindow* window = ImGui::GetCurrentWindow();
        const ImVec2 start = window->DC.CursorPos;
        if (!b.marker.empty()) {
          TextStyle ms_st = st;
          ms_st.align = Align::Start;
          ms_st.direction = rtl ? Direction::Rtl : Direction::Ltr;
          auto m = engine_.layout(b.marker, ms_st, 0);
          const float gap = std::round(em * 0.4f);
          // the marker sits in the indent, on the start side of the text
          float mx = rtl ? start.x + text_w + gap : start.x + indent - gap - m->content_width();
          if (!ImGui::IsClippedEx(ImRect(start, ImVec2(start.x + w, start.y + m->height())), 0))
            renderer_.draw(window->DrawList, m, ImVec2(mx, start.y), theme.colors);
        }
        ImGui::SetCursorScreenPos(ImVec2(rtl ? start.x : start.x + indent, start.y));
        std::string t = rich(b.text, st, text_w);
        if (!t.empty()) clicked = t;
        ImGui::SetCursorScreenPos(ImVec2(start.x, window->DC.CursorPos.y));
        ImGui::Dummy(ImVec2(0, std::round(em * 0.2f)));
        break;
      }
      case BlockKind::Rule: {
        ImGuiWindow* window = ImGui::GetCurrentWindow();
        ImVec2 p = window->DC.CursorPos;
        float y = std::round(p.y + em * 0.5f);
        window->DrawList->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + w, y + 1), theme.field_border);
        ImGui::Dummy(ImVec2(w, em));
        break;
      }
      default: {
        std::string t = rich(b.text, st, w);
        if (!t.empty()) clicked = t;
        ImGui::Dummy(ImVec2(0, std::round(em * theme.paragraph_gap)));
        break;
      }
    }
    ImGui::PopID();
  }
  ImGui::PopID();
  return clicked;
}

}  // namespace faro::text::ui
