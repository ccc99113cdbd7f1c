// Unicode validation, search folding and word splitting.
#include "content/text.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace faro::text;

namespace {
std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  for_each_word(s, [&](std::string_view w, size_t, size_t) { out.emplace_back(w); });
  return out;
}
}  // namespace

TEST_CASE("UTF-8 validation finds the first bad byte", "[text]") {
  size_t bad = 99;
  CHECK(is_valid_utf8("niño 中文 العربية"));
  CHECK_FALSE(is_valid_utf8("ab\xC3\x28", &bad));
  CHECK(bad == 2);
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a UTF-16 surrogate
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
}

TEST_CASE("NFC is detected and produced", "[text]") {
  CHECK(is_nfc("café"));
  CHECK_FALSE(is_nfc("cafe\xCC\x81"));
  CHECK(to_nfc("cafe\xCC\x81") == "café");
}

TEST_CASE("folding removes case and Latin diacritics", "[text][fold]") {
  CHECK(fold("Café") == "cafe");
  CHECK(fold("NIÑO") == "nino");
  CHECK(fold("São") == "sao");
  CHECK(fold("Straße") == "strasse");
  CHECK(fold("ＡＢＣ") == "abc");  // full-width
}

TEST_CASE("folding normalises Arabic", "[text][fold]") {
  // Tashkeel removed.
  CHECK(fold("مُسْتَشْفَى") == fold("مستشفى"));
  // Alef with hamza above/below, madda, wasla -> bare alef.
  CHECK(fold("أمن") == fold("امن"));
  CHECK(fold("إرشادات") == "ارشادات");
  CHECK(fold("آمن") == fold("امن"));
  // Alef maqsura -> yeh; Farsi yeh and keheh unified with Arabic forms.
  CHECK(fold("مستشفى") == fold("مستشفي"));
  CHECK(fold("کمک") == fold("كمك"));
  // Tatweel removed; the definite article stripped.
  CHECK(fold("مـسـاعـدة") == fold("مساعدة"));
  CHECK(fold("المستشفى") == fold("مستشفى"));
}

TEST_CASE("folding unifies apostrophe variants", "[text][fold]") {
  CHECK(fold("K'iche") == "kiche");
  CHECK(fold("K’iche") == "kiche");
  CHECK(fold("Kʼiche") == "kiche");
  CHECK(fold("b'ij") == fold("bʼij"));
}

TEST_CASE("folding keeps the marks that are letters in Indic scripts", "[text][fold]") {
  // Devanagari vowel signs and virama carry meaning: कि != क.
  CHECK(fold("कि") != fold("क"));
  CHECK(fold("मदद") == "मदद");
  CHECK(fold("সাহায্য") == "সাহায্য");
}

TEST_CASE("words are split by ICU, Han one character at a time", "[text][words]") {
  CHECK(words("Hello, World!") == std::vector<std::string>{"hello", "world"});
  CHECK(words("免费法律援助") == std::vector<std::string>{"免", "费", "法", "律", "援", "助"});
  CHECK(words("K’iche’ tzij") == std::vector<std::string>{"kiche", "tzij"});
  CHECK(words("+1 555 0100") == std::vector<std::string>{"1", "555", "0100"});
  // Thai has no spaces: the dictionary finds more than one word.
  CHECK(words("ความช่วยเหลือทางกฎหมาย").size() >= 2);
}

TEST_CASE("word offsets point into the original text", "[text][words]") {
  std::string s = "¿Dónde está?";
  std::vector<std::pair<size_t, size_t>> spans;
  for_each_word(s, [&](std::string_view, size_t b, size_t e) { spans.push_back({b, e}); });
  REQUIRE(spans.size() == 2);
  CHECK(s.substr(spans[0].first, spans[0].second - spans[0].first) == "Dónde");
  CHECK(s.substr(spans[1].first, spans[1].second - spans[1].first) == "está");
}

TEST_CASE("fnv1a_hex is stable", "[text]") {
  CHECK(fnv1a_hex("") == "cbf29ce484222325");
  CHECK(fnv1a_hex("a") == "af63dc4c8601ec8c");
}
