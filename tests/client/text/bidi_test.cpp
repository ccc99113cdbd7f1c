// Bidi: visual order of mixed Arabic / English / numbers, mirrored brackets,
// on one line and wrapped.
#include <algorithm>
#include <limits>

#include "test_support.h"

using namespace faro;

namespace {

const std::string kMixed = "اتصل بالرقم +1 555 0100 أو بمنظمة Legal Aid Network (مجانًا) الآن.";

struct Extent {
  float x0 = std::numeric_limits<float>::max(), x1 = std::numeric_limits<float>::lowest();
  int line = -1;
};

// Visual extent of the glyphs drawing bytes [b, e).
Extent extent(const text::TextLayout& l, size_t b, size_t e) {
  Extent x;
  for (const auto& g : l.glyphs()) {
    if (g.cluster < b || g.cluster >= e) continue;
    x.x0 = std::min(x.x0, g.x);
    x.x1 = std::max(x.x1, g.x + g.advance);
    x.line = g.line;
  }
  return x;
}
Extent extent(const text::TextLayout& l, const std::string& word) {
  auto at = l.text().find(word);
  REQUIRE(at != std::string::npos);
  return extent(l, at, at + word.size());
}

// The text a range of glyphs draws, read in visual order left to right
// (each glyph's cluster start character; enough for digits and Latin).
std::string visual_ascii(const text::TextLayout& l, size_t b, size_t e) {
  std::vector<const text::PositionedGlyph*> gs;
  for (const auto& g : l.glyphs())
    if (g.cluster >= b && g.cluster < e) gs.push_back(&g);
  std::sort(gs.begin(), gs.end(), [](auto* a, auto* c) { return a->x < c->x; });
  std::string s;
  for (auto* g : gs) s += l.text()[g->cluster];
  return s;
}

}  // namespace

TEST_CASE("an arabic sentence with a phone number, an english name and parentheses reads in order on one line",
          "[bidi]") {
  text::TextEngine engine(test::fonts());
  auto l = engine.layout_uncached(text::AttributedText(kMixed), test::style_for("ar"), 0);
  REQUIRE(l->lines().size() == 1);
  CHECK(l->rtl());
  // Words from right to left in reading order.
  const char* order[] = {"اتصل", "بالرقم", "+1 555 0100", "أو", "بمنظمة", "Legal Aid Network", "مجانًا", "الآن"};
  for (size_t i = 0; i + 1 < std::size(order); ++i) {
    INFO(order[i] << " is right of " << order[i + 1]);
    CHECK(extent(*l, order[i]).x0 >= extent(*l, order[i + 1]).x1 - 0.5f);
  }
  // The phone number and the organisation read left to right inside.
  auto phone = l->text().find("+1 555 0100");
  CHECK(visual_ascii(*l, phone, phone + 11) == "+1 555 0100");
  auto org = l->text().find("Legal Aid Network");
  CHECK(visual_ascii(*l, org, org + 17) == "Legal Aid Network");
  // Arabic letters run right to left: the first letter of a word is its rightmost glyph.
  auto w = l->text().find("اتصل");
  CHECK(extent(*l, w, w + 2).x0 > extent(*l, w + 2, w + 8).x0);
}

TEST_CASE("brackets in a right-to-left run are mirrored and enclose their text", "[bidi]") {
  text::TextEngine engine(test::fonts());
  auto l = engine.layout_uncached(text::AttributedText(kMixed), test::style_for("ar"), 0);
  auto open = l->text().find('(');
  auto close = l->text().find(')');
  auto inner = extent(*l, open + 1, close);
  auto o = extent(*l, open, open + 1);
  auto c = extent(*l, close, close + 1);
  // In RTL "(" comes first, on the right; ")" on the left.
  CHECK(o.x0 >= inner.x1 - 0.5f);
  CHECK(c.x1 <= inner.x0 + 0.5f);
  // And each is drawn with its mirror image: the glyph of "(" here is the
  // glyph of ")" in left-to-right text of the same face.
  const text::PositionedGlyph* gopen = nullptr;
  const text::PositionedGlyph* gclose = nullptr;
  for (const auto& g : l->glyphs()) {
    if (g.cluster == open) gopen = &g;
    if (g.cluster == close) gclose = &g;
  }
  REQUIRE(gopen);
  REQUIRE(gclose);
  CHECK(gopen->rtl);
  text::TextStyle ltr = test::style_for("ar");
  ltr.direction = text::Direction::Ltr;
  auto ref = engine.layout_uncached(text::AttributedText("مجانًا()"), ltr, 0);
  uint32_t paren_open = 0, paren_close = 0;
  for (const auto& g : ref->glyphs()) {
    if (ref->text()[g.cluster] == '(') paren_open = g.glyph;
    if (ref->text()[g.cluster] == ')') paren_close = g.glyph;
  }
  REQUIRE(gopen->face == ref->glyphs().back().face);
  CHECK(gopen->glyph == paren_close);
  CHECK(gclose->glyph == paren_open);
}

TEST_CASE("wrapped mixed text keeps the order on every line and the phone number whole", "[bidi]") {
  text::TextEngine engine(test::fonts());
  const float width = 260;
  auto l = engine.layout_uncached(text::AttributedText(kMixed), test::style_for("ar"), width);
  REQUIRE(l->lines().size() >= 3);
  for (const auto& line : l->lines()) {
    CHECK(line.rtl);
    CHECK(line.width <= width);
    CHECK(line.x + line.width == Approx(width).margin(0.5));  // right-aligned
  }
  // Lines follow each other in logical order and cover the text.
  for (size_t i = 1; i < l->lines().size(); ++i) CHECK(l->lines()[i].begin == l->lines()[i - 1].end);
  CHECK(l->lines().back().end == l->text().size());
  // The phone number is on one line and reads left to right.
  auto phone = l->text().find("+1 555 0100");
  auto e = extent(*l, phone, phone + 11);
  for (const auto& g : l->glyphs())
    if (g.cluster >= phone && g.cluster < phone + 11) CHECK(g.line == e.line);
  CHECK(visual_ascii(*l, phone, phone + 11) == "+1 555 0100");
  // Words on the same line keep their right-to-left order (the English name
  // may wrap between its words: its first word stands for it).
  const char* order[] = {"اتصل", "بالرقم", "+1 555 0100", "أو", "بمنظمة", "Legal", "مجانًا", "الآن"};
  for (size_t i = 0; i + 1 < std::size(order); ++i) {
    auto a = extent(*l, order[i]), b = extent(*l, order[i + 1]);
    if (a.line == b.line) {
      INFO(order[i] << " / " << order[i + 1]);
      CHECK(a.x0 >= b.x1 - 0.5f);
    } else {
      CHECK(a.line < b.line);
    }
  }
  // inside the English name, words run left to right where they share a line
  auto legal = extent(*l, "Legal"), aid = extent(*l, "Aid"), network = extent(*l, "Network");
  if (legal.line == aid.line) CHECK(legal.x1 <= aid.x0 + 0.5f);
  if (aid.line == network.line) CHECK(aid.x1 <= network.x0 + 0.5f);
}

TEST_CASE("without phone isolation plain UAX 9 reverses the digit groups", "[bidi]") {
  // Documents why isolation is on by default: W2 turns the digits after
  // Arabic letters into Arabic numbers and the spaces between groups
  // resolve right-to-left, so the groups come out as "0100 555 1+".
  text::TextEngine engine(test::fonts());
  auto st = test::style_for("ar");
  st.isolate_phone_numbers = false;
  auto l = engine.layout_uncached(text::AttributedText(kMixed), st, 0);
  auto phone = l->text().find("+1 555 0100");
  CHECK(extent(*l, phone + 1, phone + 2).x0 > extent(*l, phone + 3, phone + 6).x0);  // "1" right of "555"
  CHECK(extent(*l, phone + 3, phone + 6).x0 > extent(*l, phone + 7, phone + 11).x0);
}

TEST_CASE("paragraph direction comes from the language, or from the first strong character", "[bidi]") {
  text::TextEngine engine(test::fonts());
  // An Arabic list item that starts with a Latin brand stays right-to-left.
  CHECK(engine.layout_uncached(text::AttributedText("WhatsApp: راسلنا"), test::style_for("ar"), 0)->rtl());
  auto first_strong = test::style_for("en");
  first_strong.direction = text::Direction::FirstStrong;
  CHECK_FALSE(engine.layout_uncached(text::AttributedText("Hello عربي"), first_strong, 0)->rtl());
  CHECK(engine.layout_uncached(text::AttributedText("عربي Hello"), first_strong, 0)->rtl());
  // no strong character: the language decides
  auto fs_ar = test::style_for("ar");
  fs_ar.direction = text::Direction::FirstStrong;
  CHECK(engine.layout_uncached(text::AttributedText("123"), fs_ar, 0)->rtl());
  // no language, no strong character: left to right
  CHECK_FALSE(engine.layout_uncached(text::AttributedText("123"), test::style_for(""), 0)->rtl());
}

TEST_CASE("an arabic word inside english text runs right to left in place", "[bidi]") {
  text::TextEngine engine(test::fonts());
  auto l = engine.layout_uncached(text::AttributedText("Call مرحبا now"), test::style_for("en"), 0);
  CHECK_FALSE(l->rtl());
  auto call = extent(*l, "Call"), word = extent(*l, "مرحبا"), now = extent(*l, "now");
  CHECK(call.x1 <= word.x0 + 0.5f);
  CHECK(word.x1 <= now.x0 + 0.5f);
  auto w = l->text().find("مرحبا");
  CHECK(extent(*l, w, w + 2).x0 > extent(*l, w + 8, w + 10).x0);  // first letter rightmost
}
