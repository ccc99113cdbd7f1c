// Shaping: for one single-direction run per script, the glyph ids and
// clusters of the engine equal `hb-shape` for the same font file and face.
#include <unicode/utf8.h>

#include <cstdio>
#include <sstream>

#include "test_support.h"

using namespace faro;

namespace {

struct Case {
  const char* name;
  const char* lang;
  const char* text;
  const char* font;    // file name the engine must pick
  const char* family;  // family name of the face (picks the face inside a .ttc)
};

// One string per target script, chosen for what breaks without shaping.
const Case kCorpus[] = {
    // Arabic: joining forms, lam-alef ligatures (لا, الإ), harakat
    {"arabic joining and lam-alef", "ar", "لا تُوقِّع على وثيقة لا تفهمها، السلام", "NotoNaskhArabic-Regular.ttf",
     "Noto Naskh Arabic"},
    // Persian: yeh/keheh/gaf/pe and ZWNJ (می‌خواهم)
    {"persian with zwnj", "fa", "می‌خواهم با وکیل گفتگو کنم؛ پناهندگی",
     "NotoNaskhArabic-Regular.ttf", "Noto Naskh Arabic"},
    // Pashto letters without presentation forms: ټ ډ ړ ږ ښ ګ ڼ ې ۍ ځ څ
    {"pashto letters", "ps", "ستاسو حقونه: ټولنه، ډېر، ړنګ، ږغ، ښځه، ګټه، ځای، څوک، کوټۍ",
     "NotoNaskhArabic-Regular.ttf", "Noto Naskh Arabic"},
    // Urdu in Nastaliq
    {"urdu nastaliq", "ur", "آپ کے حقوق: مفت قانونی مدد حاصل کریں", "NotoNastaliqUrdu-Regular.ttf",
     "Noto Nastaliq Urdu"},
    // Devanagari: conjuncts (क्ष, त्र, प्र, द्ध), reph (र्थ, र्क), i-matra reordering (कि, हिं)
    {"devanagari conjuncts reph i-matra", "hi", "क्षमा प्रार्थना कर्क शुद्ध हिन्दी कि मित्र", "NotoSansDevanagari-Regular.ttf",
     "Noto Sans Devanagari"},
    // Bengali: conjuncts, pre-base and two-part vowel signs (কি, কে, কো), reph
    {"bengali conjuncts and vowel signs", "bn", "আপনার অধিকার ক্ষমা কি কে কো কর্ম বাংলা", "NotoSansBengali-Regular.ttf",
     "Noto Sans Bengali"},
    // Ethiopic syllables and word space
    {"ethiopic", "am", "የስደተኞች መብቶች፡ ነጻ የሕግ እርዳታ።", "NotoSansEthiopic-Regular.ttf", "Noto Sans Ethiopic"},
    // Han, full-width punctuation; the Simplified Chinese face of the .ttc
    {"han simplified", "zh-Hans", "你的权利：获得免费法律援助。", "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"},
    {"han traditional", "zh-Hant", "你的權利：獲得免費法律援助。", "NotoSansCJK-Regular.ttc", "Noto Sans CJK TC"},
    // Cyrillic
    {"cyrillic", "ru", "Ваши права: бесплатная юридическая помощь", "NotoSans-Regular.ttf", "Noto Sans"},
    // Latin with stacked diacritics (combining sequences, Vietnamese)
    {"latin stacked diacritics", "vi",
     "Tiê\u0301ng Viê\u0323\u0302t q\u0307\u0323 a\u0310\u0300 o\u0308\u0304 K\u2019iche\u2019", "NotoSans-Regular.ttf",
     "Noto Sans"},
};

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  if (rc != 0) out = "FAILED(" + std::to_string(rc) + "): " + out;
  return out;
}

std::string unicodes(const std::string& s) {
  std::string out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%sU+%04X", out.empty() ? "" : ",", static_cast<unsigned>(c));
    out += buf;
  }
  return out;
}

}  // namespace

TEST_CASE("shaping equals hb-shape glyph ids and clusters for every target script", "[shaping]") {
  std::string hb_shape = HB_SHAPE;
  if (hb_shape.empty()) FAIL("hb-shape not found: install libharfbuzz-bin (scripts/setup)");
  auto& fonts = test::fonts();
  text::TextEngine engine(fonts);
  for (const auto& c : kCorpus) {
    SECTION(c.name) {
      auto st = test::style_for(c.lang, 32);
      auto l = engine.layout_uncached(text::AttributedText(c.text), st, 0);
      REQUIRE(l->lines().size() == 1);
      REQUIRE(!l->glyphs().empty());
      // one face for the whole run, the one the language calls for
      text::FaceId face = l->glyphs().front().face;
      for (const auto& g : l->glyphs()) REQUIRE(g.face == face);
      auto info = fonts.info(face);
      INFO("face " << info.path << " #" << info.index << " " << info.family);
      CHECK(info.path.size() >= std::string(c.font).size());
      CHECK(info.path.substr(info.path.size() - std::string(c.font).size()) == c.font);
      CHECK(info.family == c.family);

      std::ostringstream ours;
      ours << "[";
      for (size_t i = 0; i < l->glyphs().size(); ++i)
        ours << (i ? "|" : "") << l->glyphs()[i].glyph << "=" << l->glyphs()[i].cluster;
      ours << "]\n";
      std::string cmd = hb_shape + " --no-glyph-names --no-positions --utf8-clusters --bot --eot --language=" + c.lang +
                        " --font-file=" + info.path + " --face-index=" + std::to_string(info.index) +
                        " --font-size=32 --unicodes=" + unicodes(c.text);
      std::string ref = run(cmd);
      INFO("command: " << cmd);
      CHECK(ours.str() == ref);
    }
  }
}

TEST_CASE("arabic letters take joining forms and lam-alef its ligature forms", "[shaping]") {
  auto& fonts = test::fonts();
  text::TextEngine engine(fonts);
  // Noto Naskh draws lam-alef as two required-ligature glyphs (uniFEDF.rlig,
  // uniFE8E.rlig), neither of which is the isolated lam or alef.
  auto la = engine.layout_uncached(text::AttributedText("لا"), test::style_for("ar"), 0);
  auto lam = engine.layout_uncached(text::AttributedText("ل"), test::style_for("ar"), 0);
  auto alef = engine.layout_uncached(text::AttributedText("ا"), test::style_for("ar"), 0);
  REQUIRE(la->glyphs().size() == 2);
  CHECK(la->glyphs()[0].rtl);
  for (const auto& g : la->glyphs()) {
    CHECK(g.glyph != lam->glyphs()[0].glyph);
    CHECK(g.glyph != alef->glyphs()[0].glyph);
  }
  // visual order: alef (cluster 2) on the left, lam (cluster 0) on the right
  CHECK(la->glyphs()[0].cluster == 2);
  CHECK(la->glyphs()[1].cluster == 0);
  auto beh_alone = engine.layout_uncached(text::AttributedText("ب"), test::style_for("ar"), 0);
  auto beh_joined = engine.layout_uncached(text::AttributedText("بب"), test::style_for("ar"), 0);
  REQUIRE(beh_joined->glyphs().size() == 2);
  CHECK(beh_joined->glyphs()[0].glyph != beh_alone->glyphs()[0].glyph);
  CHECK(beh_joined->glyphs()[1].glyph != beh_alone->glyphs()[0].glyph);
  CHECK(beh_joined->glyphs()[0].glyph != beh_joined->glyphs()[1].glyph);  // final vs initial form
}

TEST_CASE("joining survives a style change inside an arabic word", "[shaping]") {
  // The word بيت with its middle letter bold is shaped in two runs with the
  // paragraph as context: the first letter keeps its initial form.
  auto& fonts = test::fonts();
  text::TextEngine engine(fonts);
  auto plain = engine.layout_uncached(text::AttributedText("بيت"), test::style_for("ar"), 0);
  text::AttributedText styled;
  styled.append("ب");
  styled.append("ي", text::SpanStyle{true, false, false, 0});
  styled.append("ت");
  auto mixed = engine.layout_uncached(styled, test::style_for("ar"), 0);
  REQUIRE(plain->glyphs().size() == 3);
  REQUIRE(mixed->glyphs().size() == 3);
  // visual order is right to left: the last glyph is the first letter
  CHECK(mixed->glyphs()[2].glyph == plain->glyphs()[2].glyph);
  CHECK(mixed->glyphs()[0].glyph == plain->glyphs()[0].glyph);
  CHECK(mixed->glyphs()[1].face != plain->glyphs()[1].face);  // the bold face
}
