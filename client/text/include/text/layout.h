// Text layout: from a UTF-8 string with styled spans to positioned glyphs.
//
// Index
//   1. AttributedText  text + styled spans (bold, italic, underline, colour, link, phone)
//   2. TextStyle       language, size, direction, alignment, limits
//   3. TextLayout      the result: lines and glyphs in visual order, carets, hit tests
//   4. TextEngine      the pipeline and its cache
//
// The pipeline, per paragraph (text split at '\n' and U+2029):
//   ICU bidi (ubidi_setPara; paragraph direction from TextStyle::direction,
//   the language, or the first strong character) -> script itemisation
//   (uscript_getScript; Common and Inherited take their neighbours' script,
//   paired brackets match) -> font per character (FontCollection) -> runs of
//   equal level, script, face -> HarfBuzz shaping of each run with the whole
//   paragraph as context -> ICU line breaking for the language, greedy
//   fitting by shaped width, tokens longer than a line broken between
//   grapheme clusters -> per line ubidi_setLine and visual runs -> glyphs.
//
// Units: pixels. Positions are relative to the layout's top-left corner; a
// glyph's y is its baseline. With light hinting advances are whole pixels.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/fonts.h"

namespace faro::text {

// ---------------------------------------------------------------------------
// 1. AttributedText
// ---------------------------------------------------------------------------

enum class SpanKind : uint8_t {
  Text,   // plain styled text
  Link,   // `target` is where it goes ("article:due-process", "https://...")
  Phone,  // a phone number; `target` is "tel:+15550100"
};

// Colours are packed like ImGui's ImU32 (IM_COL32: R | G<<8 | B<<16 | A<<24);
// 0 means "the colour the caller draws the paragraph with".
struct SpanStyle {
  bool bold = false;
  bool italic = false;
  bool underline = false;
  uint32_t color = 0;
  friend bool operator==(const SpanStyle&, const SpanStyle&) = default;
};

struct Span {
  uint32_t begin = 0;  // byte offsets into AttributedText::text
  uint32_t end = 0;
  SpanStyle style;
  SpanKind kind = SpanKind::Text;
  std::string target;
  friend bool operator==(const Span&, const Span&) = default;
};

// UTF-8 text with styled spans. Spans are sorted, do not overlap, and lie on
// character boundaries; bytes outside every span have the default style.
struct AttributedText {
  std::string text;
  std::vector<Span> spans;

  AttributedText() = default;
  explicit AttributedText(std::string t) : text(std::move(t)) {}
  AttributedText& append(std::string_view s, SpanStyle style = {}, SpanKind kind = SpanKind::Text,
                         std::string target = {});
  friend bool operator==(const AttributedText&, const AttributedText&) = default;
};

// Phone numbers in `text` ("+1 555 0100", "+52 55 5555 0199", "911" is not
// one): byte ranges [begin, end). A number is an optional '+', then digit
// groups separated by single spaces, hyphens or dots, at least 7 digits, or
// any '+' followed by digits.
struct ByteRange {
  uint32_t begin = 0, end = 0;
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};
std::vector<ByteRange> find_phone_numbers(std::string_view text);

// ---------------------------------------------------------------------------
// 2. TextStyle
// ---------------------------------------------------------------------------

enum class Direction : uint8_t {
  Auto,         // the language's direction if `lang` is set, else first strong character
  FirstStrong,  // the first strong character (UAX #9 P2/P3), LTR if none
  Ltr,
  Rtl,
};

enum class Align : uint8_t {
  Start,  // the paragraph's start side: left for LTR, right for RTL
  End,
  Left,
  Right,
  Center,
};

struct TextStyle {
  std::string lang;           // BCP 47 of the text: shaping language, line breaking, fonts
  float size_px = 24;         // font size (em) in pixels
  float line_spacing = 1.0f;  // multiplier of the fonts' natural line height
  Direction direction = Direction::Auto;
  Align align = Align::Start;
  bool bold = false;  // base weight; spans may add bold
  // Phone numbers are laid out left-to-right as one unit (as if wrapped in
  // LRI...PDI): in an Arabic sentence "+1 555 0100" must not become
  // "0100 555 1+". On by default; off gives plain UAX #9.
  bool isolate_phone_numbers = true;
  int max_lines = 0;      // 0 = no limit
  bool ellipsis = false;  // with max_lines: end the last line in "…" if cut
  friend bool operator==(const TextStyle&, const TextStyle&) = default;
};

// ---------------------------------------------------------------------------
// 3. TextLayout
// ---------------------------------------------------------------------------

struct PositionedGlyph {
  FaceId face = kNoFace;
  uint32_t glyph = 0;  // glyph index in `face` (not a code point)
  float x = 0, y = 0;  // pen position + offsets; y is the baseline
  float advance = 0;
  float size_px = 0;
  uint32_t cluster = 0;    // byte offset in the text of the first character it draws
  uint16_t span = 0xFFFF;  // index into AttributedText::spans, 0xFFFF for none
  uint16_t line = 0;
  bool rtl = false;  // drawn in a right-to-left run
};

struct LineInfo {
  uint32_t begin = 0, end = 0;              // logical byte range; trailing spaces of a wrapped line included
  uint32_t visible_end = 0;                 // end without the spaces hung at a wrap (and without U+2028)
  uint32_t glyph_begin = 0, glyph_end = 0;  // into glyphs(), in visual order
  float x = 0;                              // left edge of the line's ink after alignment
  float width = 0;                          // advance width (trailing spaces at a wrap excluded)
  float top = 0, baseline = 0, bottom = 0;
  bool rtl = false;       // the paragraph's direction
  bool hard_end = false;  // ends at '\n' / U+2029 / end of text (not wrapped)
};

// A finished layout. Immutable and cheap to share: the engine's cache hands
// out shared_ptr<const TextLayout>.
class TextLayout {
 public:
  const std::string& text() const { return text_; }
  const std::vector<Span>& spans() const { return spans_; }
  const std::vector<PositionedGlyph>& glyphs() const { return glyphs_; }
  const std::vector<LineInfo>& lines() const { return lines_; }
  float width() const { return width_; }  // the box: max_width if given, else the widest line
  float height() const { return height_; }
  float content_width() const { return content_width_; }  // the widest line
  bool truncated() const { return truncated_; }           // cut by max_lines (with or without "…")
  bool rtl() const { return rtl_; }                       // direction of the first paragraph

  // The x of the caret before the character at byte `offset` (a grapheme
  // boundary, 0..text().size()) and the line it is on. The caret sits at the
  // leading edge of that character in its own direction (right edge for a
  // right-to-left character); at the end of a line, at the trailing edge of
  // the last character.
  struct Caret {
    float x = 0;
    int line = 0;
  };
  Caret caret(uint32_t offset) const;

  // The grapheme boundary whose caret is nearest to (x, y).
  uint32_t hit_test(float x, float y) const;

  // Rectangles covering logical byte range [begin, end) (selection,
  // underlines); several when bidi splits the range visually.
  struct Rect {
    float x0, y0, x1, y1;
  };
  std::vector<Rect> range_rects(uint32_t begin, uint32_t end) const;

  // Grapheme cluster boundaries (byte offsets, including 0 and size()).
  const std::vector<uint32_t>& graphemes() const { return graphemes_; }

  // The link or phone span at (x, y), or -1.
  int span_at(float x, float y) const;

  size_t memory_bytes() const;

 private:
  friend class TextEngine;
  friend struct LayoutBuilder;
  std::string text_;
  std::vector<Span> spans_;
  std::vector<PositionedGlyph> glyphs_;
  std::vector<LineInfo> lines_;
  std::vector<uint32_t> graphemes_;
  float width_ = 0, height_ = 0, content_width_ = 0;
  bool truncated_ = false;
  bool rtl_ = false;
};

// ---------------------------------------------------------------------------
// 4. TextEngine
// ---------------------------------------------------------------------------

struct EngineStats {
  uint64_t layouts = 0;  // layouts computed (cache misses)
  uint64_t cache_hits = 0;
  uint64_t shape_calls = 0;  // hb_shape() calls
  uint64_t cached = 0;       // layouts in the cache now
  uint64_t cache_bytes = 0;
};

// Lays out text. Owns the layout cache, ICU break iterators and HarfBuzz
// buffers; uses (does not own) a FontCollection, which must outlive it.
// NOT thread-safe: one engine per UI thread. Never throws; text that cannot
// be drawn (no font has a character) yields no glyph for it, and invalid
// UTF-8 is drawn as U+FFFD.
class TextEngine {
 public:
  explicit TextEngine(FontCollection& fonts, size_t cache_entries = 8192);
  ~TextEngine();
  TextEngine(const TextEngine&) = delete;
  TextEngine& operator=(const TextEngine&) = delete;

  // The layout of `text` wrapped to `max_width` pixels (0 = no wrapping).
  // Cached by (text, spans, style, max_width): a steady frame shapes nothing.
  std::shared_ptr<const TextLayout> layout(const AttributedText& text, const TextStyle& style, float max_width = 0);
  std::shared_ptr<const TextLayout> layout(std::string_view text, const TextStyle& style, float max_width = 0);

  // The same without the cache (tests, one-off measurements).
  std::shared_ptr<TextLayout> layout_uncached(const AttributedText& text, const TextStyle& style, float max_width = 0);

  // Drops cached layouts not used since the previous call (call once a frame
  // or once a screen change; keeps memory bounded to what is on screen).
  void trim_cache();
  void clear_cache();

  EngineStats stats() const;
  FontCollection& fonts() { return fonts_; }

  struct Impl;

 private:
  FontCollection& fonts_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace faro::text
