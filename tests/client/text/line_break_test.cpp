// Line breaking: ICU rules per language, greedy fitting, long tokens.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "test_support.h"

using namespace faro;

namespace {

char32_t first_char(const std::string& s, size_t at) {
  int32_t i = static_cast<int32_t>(at);
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return static_cast<char32_t>(c);
}

bool is_mark(char32_t c) {
  auto t = u_charType(static_cast<UChar32>(c));
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

// The text of each line (visible part).
std::vector<std::string> line_texts(const text::TextLayout& l) {
  std::vector<std::string> out;
  for (const auto& li : l.lines()) out.push_back(l.text().substr(li.begin, li.visible_end - li.begin));
  return out;
}

void check_covers(const text::TextLayout& l) {
  REQUIRE(!l.lines().empty());
  CHECK(l.lines().front().begin == 0);
  for (size_t i = 1; i < l.lines().size(); ++i) CHECK(l.lines()[i].begin == l.lines()[i - 1].end);
  CHECK(l.lines().back().end == l.text().size());
}

}  // namespace

TEST_CASE("chinese wraps between characters but never before closing punctuation", "[linebreak]") {
  text::TextEngine engine(test::fonts());
  // Ideographs are one em wide: at 24 px, a 120 px line holds five. A
  // break before the sixth character would put "。" first on a line.
  const std::string t = "一二三四五。六七八九十，一二三四五」六七";
  auto l = engine.layout_uncached(text::AttributedText(t), test::style_for("zh-Hans", 24), 120);
  check_covers(*l);
  REQUIRE(l->lines().size() >= 3);
  for (const auto& s : line_texts(*l)) {
    INFO("line: " << s);
    REQUIRE(!s.empty());
    for (const char* closing : {"。", "，", "」", "）", "、"}) CHECK(s.rfind(closing, 0) != 0);
  }
  for (const auto& li : l->lines()) CHECK(li.width <= 120);
  // between characters: the first line is "一二三四", not the whole sentence
  CHECK(line_texts(*l)[0] == "一二三四");
}

TEST_CASE("chinese with latin words wraps at character boundaries and spaces", "[linebreak]") {
  text::TextEngine engine(test::fonts());
  const std::string t = "您有权获得免费法律援助和口译服务如果您被拘留您有权联系领事馆";
  auto l = engine.layout_uncached(text::AttributedText(t), test::style_for("zh-Hans", 24), 200);
  check_covers(*l);
  CHECK(l->lines().size() >= 3);
  for (const auto& li : l->lines()) CHECK(li.width <= 200);
}

TEST_CASE("no line starts with a combining mark, even when a long word is broken", "[linebreak]") {
  text::TextEngine engine(test::fonts());
  SECTION("latin with combining marks") {
    std::string word;
    for (int i = 0; i < 40; ++i) word += "e\u0301\u0323";  // e + acute + dot below
    auto l = engine.layout_uncached(text::AttributedText(word), test::style_for("vi", 24), 100);
    check_covers(*l);
    REQUIRE(l->lines().size() > 1);
    for (const auto& li : l->lines()) {
      CHECK_FALSE(is_mark(first_char(l->text(), li.begin)));
      CHECK(li.width <= 100);
    }
  }
  SECTION("devanagari conjuncts and vowel signs") {
    std::string word;
    for (int i = 0; i < 12; ++i) word += "क्षत्रिय";
    auto l = engine.layout_uncached(text::AttributedText(word), test::style_for("hi", 24), 120);
    check_covers(*l);
    REQUIRE(l->lines().size() > 1);
    for (const auto& li : l->lines()) {
      char32_t c = first_char(l->text(), li.begin);
      INFO("line starts with U+" << std::hex << static_cast<unsigned>(c));
      CHECK_FALSE(is_mark(c));
      CHECK(c != 0x094D);  // virama
    }
  }
}

TEST_CASE("a long url is broken rather than overflowing the line", "[linebreak]") {
  text::TextEngine engine(test::fonts());
  const std::string url = "https://legal-aid.example.org/services/consular-assistance/contact-form?lang=en&centre=a1";
  const std::string t = "Visit " + url + " today";
  auto l = engine.layout_uncached(text::AttributedText(t), test::style_for("en", 20), 180);
  check_covers(*l);
  CHECK(l->lines().size() >= 4);
  for (const auto& li : l->lines()) CHECK(li.width <= 180);
  // nothing lost: the visible lines put back together are the text without
  // the spaces hung at the wraps
  std::string joined;
  for (const auto& s : line_texts(*l)) joined += s;
  std::string expect = t;
  std::erase(expect, ' ');
  std::erase(joined, ' ');
  CHECK(joined == expect);
}

TEST_CASE("greedy fitting: lines are as full as the width allows", "[linebreak]") {
  text::TextEngine engine(test::fonts());
  const std::string t =
      "You have the right to be heard, to have a lawyer and an interpreter, and to be treated fairly in any "
      "immigration case.";
  const float width = 300;
  auto l = engine.layout_uncached(text::AttributedText(t), test::style_for("en", 22), width);
  check_covers(*l);
  REQUIRE(l->lines().size() >= 3);
  for (size_t i = 0; i + 1 < l->lines().size(); ++i) {
    const auto& li = l->lines()[i];
    CHECK(li.width <= width);
    // the next line's first word would not have fitted
    const auto& next = l->lines()[i + 1];
    auto word_end = l->text().find(' ', next.begin);
    if (word_end == std::string::npos) word_end = l->text().size();
    auto probe = engine.layout_uncached(text::AttributedText(l->text().substr(li.begin, word_end - li.begin)),
                                        test::style_for("en", 22), 0);
    CHECK(probe->content_width() > width);
  }
}

TEST_CASE("hard breaks are kept: newline, paragraph and line separators", "[linebreak]") {
  text::TextEngine engine(test::fonts());
  auto l = engine.layout_uncached(text::AttributedText("one\ntwo\u2028three\u2029four"), test::style_for("en"), 0);
  REQUIRE(l->lines().size() == 4);
  CHECK(line_texts(*l) == std::vector<std::string>{"one", "two", "three", "four"});
  auto trailing = engine.layout_uncached(text::AttributedText("end\n"), test::style_for("en"), 0);
  CHECK(trailing->lines().size() == 2);  // the caret can sit on the empty last line
}

TEST_CASE("thai breaks between words without spaces (dictionary)", "[linebreak]") {
  text::TextEngine engine(test::fonts());
  const std::string t = "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำแต่ต้องตัดบรรทัดที่ขอบเขตของคำ";
  auto l = engine.layout_uncached(text::AttributedText(t), test::style_for("th", 24), 160);
  check_covers(*l);
  REQUIRE(l->lines().size() >= 2);
  for (const auto& li : l->lines()) {
    CHECK(li.width <= 160);
    CHECK_FALSE(is_mark(first_char(l->text(), li.begin)));
  }
  // the first line ends at a word: ICU's dictionary puts a boundary after ภาษาไทย
  CHECK(line_texts(*l)[0].rfind("ภาษาไทย", 0) == 0);
}

TEST_CASE("a word broken across lines is reshaped at the cut: letters take their line-end forms", "[linebreak]") {
  // An Arabic "word" with no break opportunity, cut between letters: the
  // letter before the cut must take its final form (as if the line ended
  // there), not the medial form it had in the unbroken word.
  text::TextEngine engine(test::fonts());
  std::string word;
  for (int i = 0; i < 30; ++i) word += "بسم";
  auto l = engine.layout_uncached(text::AttributedText(word), test::style_for("ar", 24), 150);
  REQUIRE(l->lines().size() > 1);
  for (const auto& li : l->lines()) {
    auto alone = engine.layout_uncached(text::AttributedText(l->text().substr(li.begin, li.visible_end - li.begin)),
                                        test::style_for("ar", 24), 0);
    std::vector<uint32_t> a, b;
    for (uint32_t i = li.glyph_begin; i < li.glyph_end; ++i) a.push_back(l->glyphs()[i].glyph);
    for (const auto& g : alone->glyphs()) b.push_back(g.glyph);
    CHECK(a == b);
    CHECK(li.width <= 150);
  }
}
