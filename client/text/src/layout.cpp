// The layout pipeline: bidi, itemisation, fonts, shaping, line breaking,
// visual ordering. See text/layout.h for the contract and
// docs/text-engine.md for the design.
#include "text/layout.h"

#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <list>
#include <unordered_map>

#include "content/lang.h"
#include "font_impl.h"

namespace faro::text {

AttributedText& AttributedText::append(std::string_view s, SpanStyle style, SpanKind kind, std::string target) {
  auto begin = static_cast<uint32_t>(text.size());
  text.append(s);
  if (!s.empty() && (style != SpanStyle{} || kind != SpanKind::Text)) {
    spans.push_back(Span{begin, static_cast<uint32_t>(text.size()), style, kind, std::move(target)});
  }
  return *this;
}

namespace {

constexpr char32_t kLRI = 0x2066, kPDI = 0x2069;

bool is_paragraph_separator(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x2029 || c == 0x85;
}

bool is_space(char32_t c) {
  auto lb = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_LINE_BREAK);
  return lb == U_LB_SPACE || c == 0x3000 || c == 0x2028 || c == '\t';
}

bool is_default_ignorable(char32_t c) {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

bool is_mark(char32_t c) {
  auto gc = u_charType(static_cast<UChar32>(c));
  return gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_COMBINING_SPACING_MARK;
}

bool real_script(int s) {
  return s != USCRIPT_COMMON && s != USCRIPT_INHERITED && s != USCRIPT_UNKNOWN;
}

hb_script_t hb_script_of(int script) {
  const char* name = uscript_getShortName(static_cast<UScriptCode>(script));
  if (!name) return HB_SCRIPT_COMMON;
  return hb_script_from_string(name, -1);
}

std::string icu_locale(std::string_view tag) {
  char buf[ULOC_FULLNAME_CAPACITY] = {};
  UErrorCode err = U_ZERO_ERROR;
  std::string t(tag);
  uloc_forLanguageTag(t.c_str(), buf, sizeof buf, nullptr, &err);
  if (U_FAILURE(err)) return "en";
  return buf;
}

// Replaces invalid UTF-8 with U+FFFD so that every byte offset the engine
// hands out refers to a character of the text it laid out.
bool valid_utf8(std::string_view s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string repair_utf8(std::string_view s) {
  std::string out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

struct ShapedGlyph {
  uint32_t gid;
  uint32_t cluster;                     // absolute byte offset
  int32_t advance, x_offset, y_offset;  // 26.6
  bool unsafe_to_break;
};

struct Run {
  uint32_t a, b;  // code point indices in the paragraph [a, b)
  uint8_t level;
  int script;
  FaceId face;
  FontStyle style;
  std::vector<ShapedGlyph> glyphs;  // in HarfBuzz order (visual for RTL)
};

}  // namespace

struct TextEngine::Impl {
  FontCollection& fonts;
  hb_buffer_t* buf = nullptr;
  UBiDi* para = nullptr;
  UBiDi* line = nullptr;
  std::unordered_map<std::string, UBreakIterator*> line_breakers;
  UBreakIterator* graphemes = nullptr;

  struct Entry {
    std::shared_ptr<const TextLayout> layout;
    uint64_t generation;
  };
  std::unordered_map<std::string, Entry> cache;
  uint64_t generation = 1;
  size_t capacity;
  size_t cache_bytes = 0;
  EngineStats stats;

  Impl(FontCollection& f, size_t cap) : fonts(f), capacity(cap) {
    buf = hb_buffer_create();
    para = ubidi_open();
    line = ubidi_open();
  }
  ~Impl() {
    hb_buffer_destroy(buf);
    ubidi_close(line);
    ubidi_close(para);
    for (auto& [k, it] : line_breakers) ubrk_close(it);
    if (graphemes) ubrk_close(graphemes);
  }

  UBreakIterator* line_breaker(const std::string& lang) {
    auto it = line_breakers.find(lang);
    if (it != line_breakers.end()) return it->second;
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator* bi = ubrk_open(UBRK_LINE, icu_locale(lang.empty() ? "en" : lang).c_str(), nullptr, 0, &err);
    if (U_FAILURE(err)) bi = nullptr;
    line_breakers.emplace(lang, bi);
    return bi;
  }
  UBreakIterator* grapheme_breaker() {
    if (!graphemes) {
      UErrorCode err = U_ZERO_ERROR;
      graphemes = ubrk_open(UBRK_CHARACTER, "", nullptr, 0, &err);
      if (U_FAILURE(err)) graphemes = nullptr;
    }
    return graphemes;
  }

  std::shared_ptr<TextLayout> build(const AttributedText& text, const TextStyle& style, float max_width);
  std::shared_ptr<TextLayout> build_with_ellipsis(const AttributedText& text, const TextStyle& style, float max_width);
};

// Lays out one text. Lives for one layout() call.
struct LayoutBuilder {
  TextEngine::Impl& eng;
  FontCollection::Impl& fonts;
  const std::string& text;
  const std::vector<Span>& spans;
  const TextStyle& style;
  float max_width;
  TextLayout& out;

  LayoutBuilder(TextEngine::Impl& e, const TextStyle& st, float w, TextLayout& o)
      : eng(e), fonts(e.fonts.impl()), text(o.text_), spans(o.spans_), style(st), max_width(w), out(o) {}

  static void set_truncated(TextLayout& l) { l.truncated_ = true; }

  static std::shared_ptr<TextLayout> make(TextEngine::Impl& eng, const AttributedText& in, const TextStyle& style,
                                          float max_width) {
    auto out = std::make_shared<TextLayout>();
    if (valid_utf8(in.text)) {
      out->text_ = in.text;
      // Keep only well-formed spans (sorted, disjoint, inside the text).
      uint32_t prev_end = 0;
      for (const auto& s : in.spans) {
        if (s.begin < prev_end || s.end < s.begin || s.end > in.text.size()) continue;
        out->spans_.push_back(s);
        prev_end = s.end;
      }
    } else {
      out->text_ = repair_utf8(in.text);  // spans would point into the wrong bytes: dropped
    }
    LayoutBuilder b(eng, style, max_width, *out);
    b.run();
    auto& g = out->graphemes_;
    std::sort(g.begin(), g.end());
    g.erase(std::unique(g.begin(), g.end()), g.end());
    return out;
  }

  // the whole text
  std::vector<char32_t> cps;
  std::vector<uint32_t> offs;  // byte offset of each code point, +1 for the end
  float y = 0;
  int lines_left = 0;  // for max_lines; <0 = unlimited
  bool stop = false;

  // the current paragraph (indices into cps)
  uint32_t pa = 0, pb = 0;
  std::vector<UChar> u16;
  std::vector<int32_t> u16_of;          // cp (relative) -> u16 index, size n+1
  std::vector<uint32_t> cp_of;          // u16 index -> cp (relative), size u16+1
  std::vector<uint8_t> levels;          // per cp
  std::vector<int> scripts;             // per cp
  std::vector<FaceId> faces;            // per cp
  std::vector<int> span_of;             // per cp, -1 = none
  std::vector<int64_t> prefix;          // prefix sums of advances (26.6), size n+1
  std::vector<uint8_t> unsafe;          // breaking before cp i is unsafe
  std::vector<uint8_t> grapheme_start;  // cp i starts a grapheme, size n+1
  std::vector<Run> runs;
  uint8_t para_level = 0;
  int para_script = 0;
  FaceId para_face = kNoFace;

  int span_index_at(uint32_t byte) const {
    // spans are sorted and disjoint
    auto it = std::upper_bound(spans.begin(), spans.end(), byte, [](uint32_t b, const Span& s) { return b < s.begin; });
    if (it == spans.begin()) return -1;
    --it;
    if (byte >= it->begin && byte < it->end) return static_cast<int>(it - spans.begin());
    return -1;
  }
  FontStyle style_at(uint32_t i) const {
    FontStyle fs{style.bold, false};
    if (span_of[i] >= 0) {
      const auto& s = spans[static_cast<size_t>(span_of[i])].style;
      fs.bold = fs.bold || s.bold;
      fs.italic = s.italic;
    }
    return fs;
  }
  uint32_t n() const { return pb - pa; }
  uint32_t byte(uint32_t rel) const { return offs[pa + rel]; }

  void decode() {
    int32_t i = 0, len = static_cast<int32_t>(text.size());
    while (i < len) {
      offs.push_back(static_cast<uint32_t>(i));
      UChar32 c;
      U8_NEXT(text.data(), i, len, c);
      cps.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
    }
    offs.push_back(static_cast<uint32_t>(len));
  }

  void run() {
    decode();
    lines_left = style.max_lines > 0 ? style.max_lines : -1;
    // graphemes of the whole text for carets
    uint32_t start = 0;
    const uint32_t total = static_cast<uint32_t>(cps.size());
    bool first = true;
    while (!stop) {
      uint32_t end = start;
      while (end < total && !is_paragraph_separator(cps[end])) ++end;
      paragraph(start, end, first);
      first = false;
      if (end >= total) break;
      uint32_t next = end + 1;
      if (cps[end] == '\r' && next < total && cps[next] == '\n') ++next;
      start = next;
      if (start >= total) {
        // The text ends with a separator: an empty last line (a text field
        // after Enter shows the caret there).
        if (!stop) paragraph(start, start, false);
        break;
      }
    }
    if (stop) out.truncated_ = true;
    out.height_ = y;
    float content = 0;
    for (auto& l : out.lines_) content = std::max(content, l.width);
    out.content_width_ = content;
    out.width_ = max_width > 0 ? max_width : content;
    align();
  }

  void align() {
    for (auto& l : out.lines_) {
      Align a = style.align;
      if (a == Align::Start) a = l.rtl ? Align::Right : Align::Left;
      if (a == Align::End) a = l.rtl ? Align::Left : Align::Right;
      float x = 0;
      if (a == Align::Right) x = out.width_ - l.width;
      if (a == Align::Center) x = std::floor((out.width_ - l.width) / 2);
      l.x = x;
      for (uint32_t g = l.glyph_begin; g < l.glyph_end; ++g) out.glyphs_[g].x += x;
    }
  }

  // -------------------------------------------------------------------------
  void paragraph(uint32_t a, uint32_t b, bool first) {
    pa = a;
    pb = b;
    build_utf16();
    bidi(first);
    itemise();
    choose_faces();
    make_runs();
    for (auto& r : runs) shape(r, pa, pb, r.a, r.b, r.glyphs);
    measure();
    break_lines();
  }

  void build_utf16() {
    u16.clear();
    u16_of.assign(n() + 1, 0);
    cp_of.clear();
    std::vector<ByteRange> phones;
    if (style.isolate_phone_numbers) {
      std::string_view ptext(text.data() + byte(0), byte(n()) - byte(0));
      phones = find_phone_numbers(ptext);
      for (auto& r : phones) {
        r.begin += byte(0);
        r.end += byte(0);
      }
    }
    size_t ph = 0;
    for (uint32_t i = 0; i <= n(); ++i) {
      uint32_t b = byte(i);
      // PDI closes a phone number that ends here, LRI opens one that starts here.
      if (ph < phones.size() && phones[ph].end == b && phones[ph].begin < b) {
        u16.push_back(static_cast<UChar>(kPDI));
        cp_of.push_back(i);
        ++ph;
      }
      if (i == n()) break;
      if (ph < phones.size() && phones[ph].begin == b) {
        u16.push_back(static_cast<UChar>(kLRI));
        cp_of.push_back(i);
      }
      u16_of[i] = static_cast<int32_t>(u16.size());
      char32_t c = cps[pa + i];
      if (c <= 0xFFFF) {
        u16.push_back(static_cast<UChar>(c));
        cp_of.push_back(i);
      } else {
        u16.push_back(static_cast<UChar>(U16_LEAD(c)));
        u16.push_back(static_cast<UChar>(U16_TRAIL(c)));
        cp_of.push_back(i);
        cp_of.push_back(i);
      }
    }
    u16_of[n()] = static_cast<int32_t>(u16.size());
    cp_of.push_back(n());
  }

  void bidi(bool first) {
    UBiDiLevel level = UBIDI_DEFAULT_LTR;
    bool lang_rtl = !style.lang.empty() && lang::direction_of(style.lang) == lang::Direction::Rtl;
    switch (style.direction) {
      case Direction::Ltr:
        level = 0;
        break;
      case Direction::Rtl:
        level = 1;
        break;
      case Direction::Auto:
        level = style.lang.empty() ? UBIDI_DEFAULT_LTR : (lang_rtl ? 1 : 0);
        break;
      case Direction::FirstStrong:
        level = lang_rtl ? UBIDI_DEFAULT_RTL : UBIDI_DEFAULT_LTR;
        break;
    }
    UErrorCode err = U_ZERO_ERROR;
    ubidi_setPara(eng.para, u16.data(), static_cast<int32_t>(u16.size()), level, nullptr, &err);
    levels.assign(n(), 0);
    if (U_FAILURE(err)) {
      para_level = level & 1;
    } else {
      para_level = ubidi_getParaLevel(eng.para);
      const UBiDiLevel* lv = u16.empty() ? nullptr : ubidi_getLevels(eng.para, &err);
      if (lv && U_SUCCESS(err))
        for (uint32_t i = 0; i < n(); ++i) levels[i] = lv[u16_of[i]];
      else
        for (uint32_t i = 0; i < n(); ++i) levels[i] = para_level;
    }
    if (first) out.rtl_ = para_level & 1;
  }

  void itemise() {
    const uint32_t count = n();
    scripts.assign(count, USCRIPT_COMMON);
    std::vector<int> base(count);
    for (uint32_t i = 0; i < count; ++i) {
      UErrorCode err = U_ZERO_ERROR;
      base[i] = uscript_getScript(static_cast<UChar32>(cps[pa + i]), &err);
      if (U_FAILURE(err)) base[i] = USCRIPT_COMMON;
    }
    // Common and Inherited take the script before them; leading ones the
    // first real script after; paired brackets take their opener's script.
    int lang_script = FontCollection::script_of_language(style.lang);
    int first_real = -1;
    for (uint32_t i = 0; i < count; ++i)
      if (real_script(base[i])) {
        first_real = base[i];
        break;
      }
    para_script = first_real >= 0 ? first_real : lang_script;
    int cur = first_real >= 0 ? first_real : lang_script;
    struct Open {
      UChar32 closer;
      uint32_t at;
    };
    std::vector<Open> stack;
    for (uint32_t i = 0; i < count; ++i) {
      UChar32 c = static_cast<UChar32>(cps[pa + i]);
      if (real_script(base[i])) {
        cur = base[i];
        scripts[i] = cur;
        continue;
      }
      scripts[i] = cur;
      auto bpt = u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
      if (bpt == U_BPT_OPEN) {
        if (stack.size() < 64) stack.push_back({u_getBidiPairedBracket(c), i});
      } else if (bpt == U_BPT_CLOSE) {
        for (size_t k = stack.size(); k-- > 0;) {
          if (stack[k].closer == c) {
            scripts[i] = scripts[stack[k].at];
            cur = scripts[i];
            stack.resize(k);
            break;
          }
        }
      }
    }
  }

  void choose_faces() {
    const uint32_t count = n();
    span_of.assign(count, -1);
    faces.assign(count, kNoFace);
    if (!spans.empty())
      for (uint32_t i = 0; i < count; ++i) span_of[i] = span_index_at(byte(i));
    const std::vector<FaceId>* chain = nullptr;
    int chain_script = -1;
    FontStyle chain_style;
    for (uint32_t i = 0; i < count; ++i) {
      char32_t c = cps[pa + i];
      FontStyle fs = style_at(i);
      if (!chain || chain_script != scripts[i] || !(chain_style == fs)) {
        chain = &fonts.chain(scripts[i], style.lang, fs);
        chain_script = scripts[i];
        chain_style = fs;
      }
      // Marks, joiners and other invisible characters stay with the face of
      // the character they belong to, so HarfBuzz sees the whole cluster.
      bool attach = i > 0 && (is_mark(c) || is_default_ignorable(c) || c == 0x20E3) && faces[i - 1] != kNoFace;
      if (attach && (is_default_ignorable(c) || fonts.has(faces[i - 1], c))) {
        faces[i] = faces[i - 1];
        continue;
      }
      if (is_default_ignorable(c) || is_paragraph_separator(c)) {
        faces[i] = kNoFace;  // resolved below from a neighbour
        continue;
      }
      FaceId f = fonts.face_for(*chain, c);
      if (f == kNoFace) f = chain->empty() ? kNoFace : chain->front();  // .notdef from the script's face
      faces[i] = f;
    }
    // Leading invisible characters take the next face; if there is none, the
    // paragraph's primary face.
    para_face = kNoFace;
    const auto& pc = fonts.chain(para_script, style.lang, FontStyle{style.bold, false});
    for (FaceId f : pc)
      if (fonts.base(f)) {
        para_face = f;
        break;
      }
    FaceId next = kNoFace;
    for (uint32_t i = count; i-- > 0;) {
      if (faces[i] == kNoFace)
        faces[i] = next;
      else
        next = faces[i];
    }
    for (uint32_t i = 0; i < count; ++i)
      if (faces[i] == kNoFace) faces[i] = i > 0 ? faces[i - 1] : para_face;
  }

  void make_runs() {
    runs.clear();
    const uint32_t count = n();
    uint32_t i = 0;
    while (i < count) {
      uint32_t j = i + 1;
      FontStyle fs = style_at(i);
      while (j < count && levels[j] == levels[i] && scripts[j] == scripts[i] && faces[j] == faces[i] &&
             style_at(j) == fs)
        ++j;
      runs.push_back(Run{i, j, levels[i], scripts[i], faces[i], fs, {}});
      i = j;
    }
  }

  // Shapes code points [a, b) (relative to the paragraph) of a run, with
  // text [ctx_a, ctx_b) (absolute cp indices) as context.
  void shape(const Run& r, uint32_t ctx_a, uint32_t ctx_b, uint32_t a, uint32_t b, std::vector<ShapedGlyph>& dst) {
    dst.clear();
    if (r.face == kNoFace || a >= b) return;
    SizedFace* sf = fonts.sized(r.face, style.size_px);
    if (!sf) return;
    hb_buffer_t* buf = eng.buf;
    hb_buffer_clear_contents(buf);
    const uint32_t ctx_byte = offs[ctx_a];
    const char* base = text.data() + ctx_byte;
    hb_buffer_add_utf8(buf, base, static_cast<int>(offs[ctx_b] - ctx_byte), static_cast<unsigned>(byte(a) - ctx_byte),
                       static_cast<int>(byte(b) - byte(a)));
    hb_buffer_set_direction(buf, (r.level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, hb_script_of(r.script));
    hb_buffer_set_language(buf, hb_language_from_string(style.lang.empty() ? "en" : style.lang.c_str(), -1));
    unsigned flags = HB_BUFFER_FLAG_DEFAULT;
    if (a == 0) flags |= HB_BUFFER_FLAG_BOT;
    if (b == n()) flags |= HB_BUFFER_FLAG_EOT;
    hb_buffer_set_flags(buf, static_cast<hb_buffer_flags_t>(flags));
    hb_shape(sf->hb, buf, nullptr, 0);
    ++eng.stats.shape_calls;
    unsigned len = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &len);
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &len);
    dst.reserve(len);
    for (unsigned k = 0; k < len; ++k) {
      dst.push_back(ShapedGlyph{info[k].codepoint, info[k].cluster + ctx_byte, pos[k].x_advance, pos[k].x_offset,
                                pos[k].y_offset, (info[k].mask & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0});
    }
  }

  uint32_t cp_at_byte(uint32_t b) const {
    auto first = offs.begin() + pa, last = offs.begin() + pb;
    auto it = std::lower_bound(first, last, b);
    return static_cast<uint32_t>(it - first);
  }

  void measure() {
    const uint32_t count = n();
    std::vector<int64_t> adv(count, 0);
    unsafe.assign(count + 1, 1);
    unsafe[0] = 0;
    unsafe[count] = 0;
    for (auto& r : runs) {
      unsafe[r.a] = 0;  // runs are shaped apart: their boundaries are breaks already
      for (auto& g : r.glyphs) {
        uint32_t i = cp_at_byte(g.cluster);
        if (i >= count) continue;
        adv[i] += g.advance;
      }
      // A cut before cp i is safe when glyphs start a cluster there and none
      // of them is flagged unsafe-to-break.
      for (auto& g : r.glyphs) {
        uint32_t i = cp_at_byte(g.cluster);
        if (i > r.a && i < r.b) unsafe[i] = 0;
      }
      for (auto& g : r.glyphs) {
        uint32_t i = cp_at_byte(g.cluster);
        if (i > r.a && i < r.b && g.unsafe_to_break) unsafe[i] = 1;
      }
    }
    prefix.assign(count + 1, 0);
    for (uint32_t i = 0; i < count; ++i) prefix[i + 1] = prefix[i] + adv[i];

    grapheme_start.assign(count + 1, 0);
    grapheme_start[0] = 1;
    grapheme_start[count] = 1;
    if (UBreakIterator* gi = eng.grapheme_breaker(); gi && !u16.empty()) {
      UErrorCode err = U_ZERO_ERROR;
      ubrk_setText(gi, u16.data(), static_cast<int32_t>(u16.size()), &err);
      if (U_SUCCESS(err)) {
        for (int32_t p = ubrk_first(gi); p != UBRK_DONE; p = ubrk_next(gi))
          grapheme_start[cp_of[static_cast<size_t>(p)]] = 1;
      }
    } else {
      std::fill(grapheme_start.begin(), grapheme_start.end(), 1);
    }
    for (uint32_t i = 0; i <= count; ++i)
      if (grapheme_start[i]) out.graphemes_.push_back(byte(i));
  }

  int64_t width(uint32_t s, uint32_t e) const {
    while (e > s && is_space(cps[pa + e - 1])) --e;
    return prefix[e] - prefix[s];
  }

  bool unsafe_cut_fits(uint32_t s, uint32_t e, int64_t limit) {
    if (!unsafe[e]) return true;  // glyphs are reused as shaped: the estimate is exact
    return real_width(s, e) <= limit;
  }

  void break_lines() {
    const uint32_t count = n();
    struct Cand {
      uint32_t pos;
      bool hard;
    };
    std::vector<Cand> cands;
    if (UBreakIterator* lb = eng.line_breaker(style.lang); lb && !u16.empty()) {
      UErrorCode err = U_ZERO_ERROR;
      ubrk_setText(lb, u16.data(), static_cast<int32_t>(u16.size()), &err);
      if (U_SUCCESS(err)) {
        for (int32_t p = ubrk_next(lb); p != UBRK_DONE; p = ubrk_next(lb)) {
          int32_t status = ubrk_getRuleStatus(lb);
          uint32_t cp = cp_of[static_cast<size_t>(p)];
          bool hard = status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT && cp < count;
          if (!cands.empty() && cands.back().pos == cp) {
            cands.back().hard = cands.back().hard || hard;
            continue;
          }
          if (cp == 0) continue;
          cands.push_back({cp, hard});
        }
      }
    }
    if (cands.empty() || cands.back().pos != count) cands.push_back({count, false});

    const int64_t limit = max_width > 0 ? static_cast<int64_t>(std::floor(max_width * 64.0f)) : -1;
    uint32_t s = 0;
    int last = -1;  // index into cands of the last break that fits
    size_t k = 0;
    if (count == 0) {
      emit_line(0, 0, true);
      return;
    }
    while (k < cands.size() && !stop) {
      const Cand& c = cands[k];
      if (c.pos <= s) {
        ++k;
        continue;
      }
      if (limit < 0 || width(s, c.pos) <= limit) {
        if (c.hard || c.pos == count) {
          emit_line(s, c.pos, true);
          s = c.pos;
          last = -1;
        } else {
          last = static_cast<int>(k);
        }
        ++k;
        continue;
      }
      if (last >= 0) {
        emit_line(s, cands[static_cast<size_t>(last)].pos, false);
        s = cands[static_cast<size_t>(last)].pos;
        last = -1;
        continue;  // re-evaluate c from the new line start
      }
      // A token longer than a line (a URL, a long word): break it between
      // grapheme clusters, as many as fit (at least one).
      uint32_t g = s + 1;
      while (g < c.pos && !grapheme_start[g]) ++g;
      uint32_t best = g;
      for (uint32_t t = g + 1; t < c.pos; ++t) {
        if (!grapheme_start[t]) continue;
        if (prefix[t] - prefix[s] <= limit)
          best = t;
        else
          break;
      }
      if (best >= c.pos) {
        // one grapheme wider than the line: it goes alone
        if (c.hard || c.pos == count) {
          emit_line(s, c.pos, true);
          s = c.pos;
          ++k;
        } else {
          last = static_cast<int>(k);
          ++k;
        }
        continue;
      }
      // Cutting inside a word can change the shapes at the cut (an Arabic
      // letter takes its final form): back off while the real line is too wide.
      while (best > g && !unsafe_cut_fits(s, best, limit)) {
        uint32_t prev = best - 1;
        while (prev > g && !grapheme_start[prev]) --prev;
        best = prev;
      }
      emit_line(s, best, false);
      s = best;
    }
    if (!stop && s < count) emit_line(s, count, true);
  }

  // Visible end of line [s, e): a wrapped line hangs its trailing spaces; a
  // line separator (U+2028) is never drawn.
  uint32_t visible_end(uint32_t s, uint32_t e, bool hard_end) const {
    uint32_t ve = e;
    if (!hard_end || (ve > s && cps[pa + ve - 1] == 0x2028)) {
      while (ve > s && is_space(cps[pa + ve - 1])) --ve;
    }
    return ve;
  }

  // The glyphs of cp range [s, ve) of the current paragraph as one line, in
  // visual order, appended to `dst` (x from 0, y relative to the baseline).
  // Returns the advance width in 26.6.
  int64_t line_glyphs(uint32_t s, uint32_t ve, uint16_t line_no, std::vector<PositionedGlyph>& dst,
                      std::vector<FaceId>& used) {
    int64_t pen = 0;
    if (ve <= s) return 0;
    std::vector<ShapedGlyph> tmp;
    UErrorCode err = U_ZERO_ERROR;
    int32_t ls = u16_of[s], le = u16_of[ve];
    ubidi_setLine(eng.para, ls, le, eng.line, &err);
    int32_t nruns = U_SUCCESS(err) ? ubidi_countRuns(eng.line, &err) : 0;
    if (U_FAILURE(err)) nruns = 0;
    for (int32_t r = 0; r < nruns; ++r) {
      int32_t lstart = 0, llen = 0;
      UBiDiDirection dir = ubidi_getVisualRun(eng.line, r, &lstart, &llen);
      const auto first = static_cast<size_t>(ls) + static_cast<size_t>(lstart);
      uint32_t ra = cp_of[first];
      uint32_t rb = cp_of[first + static_cast<size_t>(llen)];
      if (ra >= rb) continue;
      // the shaped runs inside this visual run, in visual order
      std::vector<size_t> idx;
      for (size_t k = 0; k < runs.size(); ++k)
        if (runs[k].b > ra && runs[k].a < rb) idx.push_back(k);
      if (dir == UBIDI_RTL) std::reverse(idx.begin(), idx.end());
      for (size_t k : idx) {
        const Run& run = runs[k];
        uint32_t a = std::max(run.a, ra), b = std::min(run.b, rb);
        const std::vector<ShapedGlyph>* gl = &run.glyphs;
        bool whole = a == run.a && b == run.b;
        bool safe = (a == run.a || !unsafe[a]) && (b == run.b || !unsafe[b]);
        if (!whole && !safe) {
          // The line boundary cuts a cluster HarfBuzz formed across it:
          // reshape this piece with the line (not the paragraph) as context.
          shape(run, pa + s, pa + ve, a, b, tmp);
          gl = &tmp;
        }
        if (std::find(used.begin(), used.end(), run.face) == used.end()) used.push_back(run.face);
        for (const auto& g : *gl) {
          if (!whole && gl == &run.glyphs) {
            uint32_t ci = cp_at_byte(g.cluster);
            if (ci < a || ci >= b) continue;
          }
          PositionedGlyph pg;
          pg.face = run.face;
          pg.glyph = g.gid;
          pg.x = static_cast<float>(pen + g.x_offset) / 64.0f;
          pg.y = -static_cast<float>(g.y_offset) / 64.0f;
          pg.advance = static_cast<float>(g.advance) / 64.0f;
          pg.size_px = style.size_px;
          pg.cluster = g.cluster;
          int sp = span_index_at(g.cluster);
          pg.span = sp < 0 ? 0xFFFF : static_cast<uint16_t>(sp);
          pg.line = line_no;
          pg.rtl = run.level & 1;
          dst.push_back(pg);
          pen += g.advance;
        }
      }
    }
    return pen;
  }

  // The real width of a line cut at [s, e) (reshaping at unsafe cuts).
  int64_t real_width(uint32_t s, uint32_t e) {
    std::vector<PositionedGlyph> scratch;
    std::vector<FaceId> used;
    return line_glyphs(s, visible_end(s, e, false), 0, scratch, used);
  }

  // One line: cp range [s, e) of the current paragraph.
  void emit_line(uint32_t s, uint32_t e, bool hard_end) {
    if (lines_left == 0) {
      stop = true;
      return;
    }
    if (lines_left > 0) --lines_left;
    uint32_t ve = visible_end(s, e, hard_end);
    LineInfo li;
    li.begin = byte(s);
    li.end = byte(e);
    li.visible_end = byte(ve);
    li.rtl = para_level & 1;
    li.hard_end = hard_end;
    li.glyph_begin = static_cast<uint32_t>(out.glyphs_.size());
    const auto line_no = static_cast<uint16_t>(std::min<size_t>(out.lines_.size(), 0xFFFF));
    std::vector<FaceId> used;
    const int64_t pen = line_glyphs(s, ve, line_no, out.glyphs_, used);
    li.glyph_end = static_cast<uint32_t>(out.glyphs_.size());
    li.width = static_cast<float>(pen) / 64.0f;

    // Vertical metrics: the paragraph's face and every face on the line.
    float asc = 0, desc = 0;
    if (para_face != kNoFace) used.push_back(para_face);
    for (FaceId f : used) {
      if (auto* sf = fonts.sized(f, style.size_px)) {
        asc = std::max(asc, sf->metrics.ascent);
        desc = std::max(desc, sf->metrics.descent);
      }
    }
    if (asc + desc <= 0) {
      asc = style.size_px * 0.8f;
      desc = style.size_px * 0.2f;
    }
    float natural = asc + desc;
    float h = std::round(natural * style.line_spacing);
    float lead = std::round((h - natural) / 2);
    li.top = y;
    li.baseline = std::round(y + lead + asc);
    li.bottom = y + h;
    y += h;
    for (uint32_t g = li.glyph_begin; g < li.glyph_end; ++g) out.glyphs_[g].y += li.baseline;
    out.lines_.push_back(li);
  }
};

std::shared_ptr<TextLayout> TextEngine::Impl::build(const AttributedText& in, const TextStyle& style, float max_width) {
  auto out = LayoutBuilder::make(*this, in, style, max_width);
  ++stats.layouts;
  return out;
}

std::shared_ptr<TextLayout> TextEngine::Impl::build_with_ellipsis(const AttributedText& in, const TextStyle& style,
                                                                  float max_width) {
  auto full = build(in, style, max_width);
  if (!style.ellipsis || style.max_lines <= 0 || !full->truncated() || full->lines().empty()) return full;
  // Cut in logical order at the largest grapheme boundary for which
  // "prefix…" still fits in max_lines; binary search over the boundaries of
  // the last line, shaping each candidate for real.
  const auto& g = full->graphemes();
  uint32_t last_begin = full->lines().back().begin;
  std::vector<uint32_t> cand;
  for (uint32_t b : g)
    if (b >= last_begin && b <= full->lines().back().end) cand.push_back(b);
  auto attempt = [&](uint32_t cut) {
    AttributedText t;
    std::string_view prefix(full->text().data(), cut);
    while (!prefix.empty() && (prefix.back() == ' ' || prefix.back() == '\n')) prefix.remove_suffix(1);
    t.text.assign(prefix);
    for (const auto& s : full->spans()) {
      if (s.begin >= t.text.size()) break;
      Span c = s;
      c.end = std::min<uint32_t>(c.end, static_cast<uint32_t>(t.text.size()));
      t.spans.push_back(c);
    }
    t.text += "\xE2\x80\xA6";  // …
    TextStyle st = style;
    st.ellipsis = false;
    auto l = build(t, st, max_width);
    LayoutBuilder::set_truncated(*l);
    return l;
  };
  std::shared_ptr<TextLayout> best;
  size_t lo = 0, hi = cand.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    auto l = attempt(cand[mid]);
    bool fits = l->lines().size() <= static_cast<size_t>(style.max_lines) &&
                (max_width <= 0 || l->content_width() <= max_width) && l->lines().back().hard_end;
    // `build` stops at max_lines: a layout that was cut again does not fit
    fits = fits && l->text().size() >= 3 && !full->text().empty();
    if (fits) {
      TextStyle probe = style;
      probe.max_lines = 0;
      probe.ellipsis = false;
      auto unl = build(AttributedText(l->text()), probe, max_width);
      fits = unl->lines().size() <= static_cast<size_t>(style.max_lines);
    }
    if (fits) {
      best = l;
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (!best) best = attempt(cand.empty() ? 0 : cand.front());
  return best;
}

// ---------------------------------------------------------------------------

TextEngine::TextEngine(FontCollection& fonts, size_t cache_entries)
    : fonts_(fonts), impl_(std::make_unique<Impl>(fonts, cache_entries)) {}
TextEngine::~TextEngine() = default;

namespace {
void put(std::string& k, const void* p, size_t n) {
  k.append(static_cast<const char*>(p), n);
}
template <typename T>
void put(std::string& k, const T& v) {
  put(k, &v, sizeof v);
}
}  // namespace

std::shared_ptr<const TextLayout> TextEngine::layout(const AttributedText& text, const TextStyle& style,
                                                     float max_width) {
  std::string key;
  key.reserve(text.text.size() + style.lang.size() + 48 + text.spans.size() * 24);
  put(key, style.size_px);
  put(key, style.line_spacing);
  put(key, max_width);
  put(key, style.max_lines);
  uint8_t flags[] = {static_cast<uint8_t>(style.direction), static_cast<uint8_t>(style.align), style.bold,
                     style.isolate_phone_numbers, style.ellipsis};
  put(key, flags, sizeof flags);
  put(key, style.lang.size());
  key += style.lang;
  put(key, text.spans.size());
  for (const auto& s : text.spans) {
    put(key, s.begin);
    put(key, s.end);
    uint8_t sf[] = {s.style.bold, s.style.italic, s.style.underline, static_cast<uint8_t>(s.kind)};
    put(key, sf, sizeof sf);
    put(key, s.style.color);
    put(key, s.target.size());
    key += s.target;
  }
  key += text.text;
  auto& im = *impl_;
  if (auto it = im.cache.find(key); it != im.cache.end()) {
    it->second.generation = im.generation;
    ++im.stats.cache_hits;
    return it->second.layout;
  }
  std::shared_ptr<const TextLayout> l = im.build_with_ellipsis(text, style, max_width);
  if (im.cache.size() >= im.capacity) {
    // Evict the least recently used half (by generation).
    std::vector<uint64_t> gens;
    gens.reserve(im.cache.size());
    for (auto& [k, e] : im.cache) gens.push_back(e.generation);
    std::nth_element(gens.begin(), gens.begin() + static_cast<long>(gens.size() / 2), gens.end());
    uint64_t cut = gens[gens.size() / 2];
    for (auto it = im.cache.begin(); it != im.cache.end();) {
      if (it->second.generation <= cut) {
        im.cache_bytes -= it->second.layout->memory_bytes() + it->first.size();
        it = im.cache.erase(it);
      } else {
        ++it;
      }
    }
  }
  im.cache_bytes += l->memory_bytes() + key.size();
  im.cache.emplace(std::move(key), Impl::Entry{l, im.generation});
  return l;
}

std::shared_ptr<const TextLayout> TextEngine::layout(std::string_view text, const TextStyle& style, float max_width) {
  return layout(AttributedText(std::string(text)), style, max_width);
}

std::shared_ptr<TextLayout> TextEngine::layout_uncached(const AttributedText& text, const TextStyle& style,
                                                        float max_width) {
  return impl_->build_with_ellipsis(text, style, max_width);
}

void TextEngine::trim_cache() {
  auto& im = *impl_;
  for (auto it = im.cache.begin(); it != im.cache.end();) {
    if (it->second.generation < im.generation) {
      im.cache_bytes -= it->second.layout->memory_bytes() + it->first.size();
      it = im.cache.erase(it);
    } else {
      ++it;
    }
  }
  ++im.generation;
}

void TextEngine::clear_cache() {
  impl_->cache.clear();
  impl_->cache_bytes = 0;
}

EngineStats TextEngine::stats() const {
  EngineStats s = impl_->stats;
  s.cached = impl_->cache.size();
  s.cache_bytes = impl_->cache_bytes;
  return s;
}

}  // namespace faro::text
