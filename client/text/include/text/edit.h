// EditState: the text and caret of a one-line text field, and the editing
// operations on it. No UI: the ImGui text field and the kiosk's on-screen
// keyboard both call these.
//
// The caret is a byte offset into `text`, on a grapheme boundary after every
// operation. Backspace takes back the last code point typed (see
// erase_before()); Delete and caret movement work on grapheme clusters.
//
// Visual movement needs the field's current layout: in mixed text, Right
// moves the caret to the next position to its right on screen, whichever
// direction the text there runs.
//
// Threads: plain value; no shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "text/layout.h"

namespace faro::text {

struct EditState {
  std::string text;
  uint32_t caret = 0;   // byte offset, on a grapheme boundary
  float scroll_x = 0;   // first visible pixel of the layout (fields narrower than their text)
  bool active = false;  // has keyboard focus

  // Inserts UTF-8 at the caret (invalid bytes become U+FFFD; line breaks are
  // dropped in a one-line field) and moves the caret after it.
  void insert(std::string_view utf8);
  // Backspace: removes the code point before the caret, so a conjunct or a
  // vowel sign typed last is taken back first (what Indic and Arabic typists
  // expect); a whole cluster for emoji-like sequences joined by ZWJ.
  void erase_before();
  // Delete: removes the grapheme cluster after the caret.
  void erase_after();
  void move_logical(int graphemes);  // +1 = next in reading order
  void home() { caret = 0; }
  void end() { caret = static_cast<uint32_t>(text.size()); }
  // Moves one position left (dx < 0) or right (dx > 0) on screen, using the
  // layout of the current text.
  void move_visual(const TextLayout& layout, int dx);
  // Places the caret at the boundary nearest to layout coordinates (x, y).
  void click(const TextLayout& layout, float x, float y) { caret = layout.hit_test(x, y); }
};

}  // namespace faro::text
