// Layout results: cache, carets, hit tests, ellipsis, odd input.
#include "test_support.h"

using namespace faro;

TEST_CASE("a steady frame reshapes nothing: layouts come from the cache", "[layout][cache]") {
  text::TextEngine engine(test::fonts());
  auto st = test::style_for("ar");
  auto a = engine.layout("مرحبا بكم في فارو", st, 300);
  auto shaped = engine.stats().shape_calls;
  CHECK(shaped > 0);
  auto b = engine.layout("مرحبا بكم في فارو", st, 300);
  CHECK(a == b);
  CHECK(engine.stats().shape_calls == shaped);
  CHECK(engine.stats().cache_hits == 1);
  // any part of the key changes the layout
  CHECK(engine.layout("مرحبا بكم في فارو", st, 200) != a);
  auto big = st;
  big.size_px = 30;
  CHECK(engine.layout("مرحبا بكم في فارو", big, 300) != a);
  text::AttributedText styled("مرحبا بكم في فارو");
  styled.spans.push_back(text::Span{0, 10, text::SpanStyle{true, false, false, 0}, text::SpanKind::Text, {}});
  CHECK(engine.layout(styled, st, 300) != a);
}

TEST_CASE("trim_cache drops layouts not used since the previous trim", "[layout][cache]") {
  text::TextEngine engine(test::fonts());
  auto st = test::style_for("en");
  (void)engine.layout("kept", st);
  (void)engine.layout("dropped", st);
  engine.trim_cache();  // both were used in this "frame"
  CHECK(engine.stats().cached == 2);
  (void)engine.layout("kept", st);
  engine.trim_cache();
  CHECK(engine.stats().cached == 1);
  auto before = engine.stats().layouts;
  (void)engine.layout("kept", st);
  CHECK(engine.stats().layouts == before);
}

TEST_CASE("the cache stays within its entry limit", "[layout][cache]") {
  text::TextEngine engine(test::fonts(), 64);
  auto st = test::style_for("en");
  for (int i = 0; i < 500; ++i) (void)engine.layout("item " + std::to_string(i), st);
  CHECK(engine.stats().cached <= 64);
}

TEST_CASE("carets sit at the leading edge of each character in its direction", "[layout][caret]") {
  text::TextEngine engine(test::fonts());
  SECTION("left to right") {
    auto l = engine.layout_uncached(text::AttributedText("abc"), test::style_for("en"), 0);
    CHECK(l->caret(0).x == Approx(0));
    CHECK(l->caret(3).x == Approx(l->content_width()));
    CHECK(l->caret(1).x > 0);
    CHECK(l->caret(2).x > l->caret(1).x);
  }
  SECTION("right to left: start on the right, end on the left") {
    auto l = engine.layout_uncached(text::AttributedText("سلام"), test::style_for("fa"), 0);
    CHECK(l->caret(0).x == Approx(l->content_width()).margin(0.5));
    CHECK(l->caret(static_cast<uint32_t>(l->text().size())).x == Approx(0).margin(0.5));
    CHECK(l->caret(2).x < l->caret(0).x);
  }
  SECTION("mixed: an English word in an Arabic line") {
    const std::string t = "اسمي Maria";
    auto l = engine.layout_uncached(text::AttributedText(t), test::style_for("ar"), 0);
    auto m = static_cast<uint32_t>(t.find("Maria"));
    // before "M": the left edge of the Latin word (it runs left to right)
    float left_of_maria = l->content_width();
    for (const auto& g : l->glyphs())
      if (g.cluster >= m) left_of_maria = std::min(left_of_maria, g.x);
    CHECK(l->caret(m).x == Approx(left_of_maria).margin(0.5));
    CHECK(l->caret(m + 1).x > l->caret(m).x);  // inside "Maria" moving right
    CHECK(l->caret(0).x == Approx(l->content_width()).margin(0.5));
  }
  SECTION("inside a ligature: lam-alef shares its width") {
    auto l = engine.layout_uncached(text::AttributedText("لا"), test::style_for("ar"), 0);
    float x0 = l->caret(0).x, x1 = l->caret(2).x, x2 = l->caret(4).x;
    CHECK(x0 > x1);
    CHECK(x1 > x2);
  }
}

TEST_CASE("hit tests return the nearest grapheme boundary", "[layout][caret]") {
  text::TextEngine engine(test::fonts());
  for (const char* t : {"hello world", "مرحبا بكم", "नमस्ते दुनिया", "Hi مرحبا 123"}) {
    auto l = engine.layout_uncached(text::AttributedText(t), test::style_for(""), 0);
    INFO(t);
    for (uint32_t b : l->graphemes()) {
      auto c = l->caret(b);
      uint32_t hit = l->hit_test(c.x, (l->lines()[0].top + l->lines()[0].bottom) / 2);
      // a boundary at a direction change shares its x with another one
      CHECK(l->caret(hit).x == Approx(c.x).margin(0.5));
    }
  }
}

TEST_CASE("a label too wide for its box ends in an ellipsis", "[layout][ellipsis]") {
  text::TextEngine engine(test::fonts());
  auto st = test::style_for("en");
  st.max_lines = 1;
  st.ellipsis = true;
  auto l = engine.layout("A very long English label that must be cut with an ellipsis", st, 200);
  REQUIRE(l->lines().size() == 1);
  CHECK(l->truncated());
  CHECK(l->content_width() <= 200);
  CHECK(l->text().size() >= 3);
  CHECK(l->text().substr(l->text().size() - 3) == "…");
  auto ar = test::style_for("ar");
  ar.max_lines = 1;
  ar.ellipsis = true;
  auto la = engine.layout("عنوان عربي طويل جدًا يجب أن يُقطع بعلامة حذف في نهايته", ar, 200);
  REQUIRE(la->lines().size() == 1);
  CHECK(la->content_width() <= 200);
  CHECK(la->rtl());
  // the ellipsis is drawn at the end of the line: the left for Arabic
  const auto& last = la->glyphs();
  float ell_x = 1e9f;
  for (const auto& g : last)
    if (g.cluster == la->text().size() - 3) ell_x = g.x;
  for (const auto& g : last) CHECK(g.x >= ell_x - 0.5f);
  // a short text is left alone
  auto s = engine.layout("Short", st, 200);
  CHECK_FALSE(s->truncated());
  CHECK(s->text() == "Short");
}

TEST_CASE("max_lines without ellipsis cuts after that many lines", "[layout]") {
  text::TextEngine engine(test::fonts());
  auto st = test::style_for("en");
  st.max_lines = 2;
  auto l = engine.layout("one two three four five six seven eight nine ten eleven twelve", st, 100);
  CHECK(l->lines().size() == 2);
  CHECK(l->truncated());
}

TEST_CASE("odd input: empty text, invalid UTF-8, characters no font has", "[layout]") {
  text::TextEngine engine(test::fonts());
  auto e = engine.layout_uncached(text::AttributedText(""), test::style_for("en"), 0);
  REQUIRE(e->lines().size() == 1);
  CHECK(e->height() > 0);
  CHECK(e->glyphs().empty());
  auto bad = engine.layout_uncached(text::AttributedText(std::string("a\xff\xfe b")), test::style_for("en"), 0);
  CHECK(bad->text() == "a\xEF\xBF\xBD\xEF\xBF\xBD b");
  CHECK(bad->lines().size() == 1);
  // a private-use character: laid out (as .notdef) without crashing
  auto pua = engine.layout_uncached(text::AttributedText("x\xEE\x80\x80y"), test::style_for("en"), 0);
  CHECK(pua->glyphs().size() == 3);
}

TEST_CASE("line metrics: baselines advance and nastaliq lines are taller", "[layout]") {
  text::TextEngine engine(test::fonts());
  auto l = engine.layout_uncached(text::AttributedText("one\ntwo"), test::style_for("en", 20), 0);
  REQUIRE(l->lines().size() == 2);
  CHECK(l->lines()[1].baseline > l->lines()[0].baseline);
  CHECK(l->lines()[0].bottom == l->lines()[1].top);
  CHECK(l->height() == Approx(l->lines()[1].bottom));
  auto ur = engine.layout_uncached(text::AttributedText("اردو"), test::style_for("ur", 20), 0);
  CHECK(ur->height() > l->lines()[0].bottom - l->lines()[0].top);
}

TEST_CASE("phone numbers are found for isolation and spans", "[layout][phone]") {
  using R = text::ByteRange;
  CHECK(text::find_phone_numbers("call +1 555 0100 now") == std::vector<R>{{5, 16}});
  CHECK(text::find_phone_numbers("+52 55 5555 0199") == std::vector<R>{{0, 16}});
  CHECK(text::find_phone_numbers("dial 911").empty());
  CHECK(text::find_phone_numbers("room 12, floor 3").empty());
  CHECK(text::find_phone_numbers("abc123 4567 890").empty());
  CHECK(text::find_phone_numbers("555-0100-222") == std::vector<R>{{0, 12}});
}
