// Font selection per script and language.
#include <unicode/uscript.h>

#include "test_support.h"

using namespace faro;

namespace {
std::string family(text::FaceId f) {
  return test::fonts().info(f).family;
}
}  // namespace

TEST_CASE("the han face follows the language", "[fonts]") {
  auto& f = test::fonts();
  char32_t han = U'骨';  // drawn differently in China, Taiwan, Japan, Korea
  CHECK(family(f.face_for(han, USCRIPT_HAN, "zh-Hans")) == "Noto Sans CJK SC");
  CHECK(family(f.face_for(han, USCRIPT_HAN, "zh-Hant")) == "Noto Sans CJK TC");
  CHECK(family(f.face_for(han, USCRIPT_HAN, "zh-TW")) == "Noto Sans CJK TC");
  CHECK(family(f.face_for(han, USCRIPT_HAN, "zh-HK")) == "Noto Sans CJK HK");
  CHECK(family(f.face_for(han, USCRIPT_HAN, "ja")) == "Noto Sans CJK JP");
  CHECK(family(f.face_for(han, USCRIPT_HAN, "ko")) == "Noto Sans CJK KR");
  CHECK(family(f.face_for(han, USCRIPT_HAN, "en")) == "Noto Sans CJK SC");
}

TEST_CASE("arabic script: naskh for arabic, persian and pashto, nastaliq for urdu", "[fonts]") {
  auto& f = test::fonts();
  CHECK(family(f.face_for(U'ب', USCRIPT_ARABIC, "ar")) == "Noto Naskh Arabic");
  CHECK(family(f.face_for(U'پ', USCRIPT_ARABIC, "fa")) == "Noto Naskh Arabic");
  CHECK(family(f.face_for(U'ښ', USCRIPT_ARABIC, "ps")) == "Noto Naskh Arabic");
  CHECK(family(f.face_for(U'ٹ', USCRIPT_ARABIC, "ur")) == "Noto Nastaliq Urdu");
}

TEST_CASE("each target script has its noto face, bold where one exists", "[fonts]") {
  auto& f = test::fonts();
  CHECK(family(f.face_for(U'क', USCRIPT_DEVANAGARI, "hi")) == "Noto Sans Devanagari");
  CHECK(family(f.face_for(U'ক', USCRIPT_BENGALI, "bn")) == "Noto Sans Bengali");
  CHECK(family(f.face_for(U'ሀ', USCRIPT_ETHIOPIC, "am")) == "Noto Sans Ethiopic");
  CHECK(family(f.face_for(U'Ж', USCRIPT_CYRILLIC, "ru")) == "Noto Sans");
  CHECK(family(f.face_for(U'ก', USCRIPT_THAI, "th")) == "Noto Sans Thai");
  auto bold = f.face_for(U'a', USCRIPT_LATIN, "en", text::FontStyle{true, false});
  CHECK(f.info(bold).style.bold);
  CHECK(f.info(bold).path.find("NotoSans-Bold") != std::string::npos);
  // no italic Arabic in Noto: the regular face
  auto it = f.face_for(U'ب', USCRIPT_ARABIC, "ar", text::FontStyle{false, true});
  CHECK(f.info(it).path.find("NotoNaskhArabic-Regular") != std::string::npos);
}

TEST_CASE("characters outside the script's face fall back through the chain", "[fonts]") {
  auto& f = test::fonts();
  // a check mark in Arabic text: a symbol font
  auto check = f.face_for(U'✓', USCRIPT_ARABIC, "ar");
  REQUIRE(check != text::kNoFace);
  CHECK(f.has_char(check, U'✓'));
  // a Georgian letter in an English text: found by scanning the font directory
  auto geo = f.face_for(U'ა', USCRIPT_GEORGIAN, "en");
  REQUIRE(geo != text::kNoFace);
  CHECK(f.info(geo).family.find("Georgian") != std::string::npos);
  // private use: nobody has it
  CHECK(f.face_for(U'\U000F0001', USCRIPT_COMMON, "en") == text::kNoFace);
}

TEST_CASE("a missing font directory is an error, not a crash", "[fonts]") {
  text::FontConfig cfg;
  cfg.dirs = {"/nonexistent/fonts"};
  auto r = text::FontCollection::open(cfg);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::Unsupported);
}

TEST_CASE("the script of a language comes from ICU's likely subtags", "[fonts]") {
  CHECK(text::FontCollection::script_of_language("ar") == USCRIPT_ARABIC);
  CHECK(text::FontCollection::script_of_language("ps") == USCRIPT_ARABIC);
  CHECK(text::FontCollection::script_of_language("am") == USCRIPT_ETHIOPIC);
  CHECK(text::FontCollection::script_of_language("bn") == USCRIPT_BENGALI);
  CHECK(text::FontCollection::script_of_language("zh-Hant") == USCRIPT_TRADITIONAL_HAN);
  CHECK(text::FontCollection::script_of_language("") == USCRIPT_LATIN);
}
