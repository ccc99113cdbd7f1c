// Font selection: fallback chains per (script, language, style) over the
// Noto fonts, checked against FreeType character maps.
#include "text/fonts.h"

#include <unicode/uloc.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "font_impl.h"

namespace faro::text {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

// The language subtag of a BCP 47 tag ("zh-Hant-TW" -> "zh").
std::string primary_language(std::string_view tag) {
  auto dash = tag.find_first_of("-_");
  return lower(std::string(tag.substr(0, dash)));
}

// Which Noto Sans CJK face (by its family-name suffix) draws Han for `lang`.
std::string cjk_region(std::string_view lang) {
  std::string l = lower(std::string(lang));
  std::string prim = primary_language(lang);
  if (prim == "ja") return "JP";
  if (prim == "ko") return "KR";
  if (prim == "zh" || prim == "yue" || prim == "cmn") {
    if (l.find("-hk") != std::string::npos || l.find("-mo") != std::string::npos || prim == "yue") return "HK";
    if (l.find("hant") != std::string::npos || l.find("-tw") != std::string::npos) return "TC";
    return "SC";
  }
  return "SC";  // Han in a text of another language: Simplified Chinese forms
}

bool is_cjk_script(int script) {
  switch (script) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
    case USCRIPT_SIMPLIFIED_HAN:
    case USCRIPT_TRADITIONAL_HAN:
    case USCRIPT_JAPANESE:
    case USCRIPT_KOREAN:
      return true;
    default:
      return false;
  }
}

const char* style_suffix(FontStyle s) {
  if (s.bold && s.italic) return "-BoldItalic";
  if (s.bold) return "-Bold";
  if (s.italic) return "-Italic";
  return "-Regular";
}

}  // namespace

FontCollection::Impl::~Impl() {
  for (auto& f : faces) {
    for (auto& [size, sf] : f.sizes) {
      if (sf.hb) hb_font_destroy(sf.hb);  // hb_ft_font_create_referenced holds its own reference
      if (sf.ft) FT_Done_Face(sf.ft);
    }
    if (f.base) FT_Done_Face(f.base);
  }
  if (ft) FT_Done_FreeType(ft);
}

std::string FontCollection::Impl::find_file(const std::string& name) const {
  for (const auto& dir : config.dirs) {
    std::error_code ec;
    auto p = std::filesystem::path(dir) / name;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
  }
  return {};
}

FaceId FontCollection::Impl::add(const std::string& path, int index, FontStyle style) {
  auto key = std::make_pair(path, index);
  if (auto it = by_file.find(key); it != by_file.end()) return it->second;
  FaceEntry e;
  e.info.path = path;
  e.info.index = index;
  e.info.style = style;
  faces.push_back(std::move(e));
  auto id = static_cast<FaceId>(faces.size() - 1);
  by_file.emplace(key, id);
  return id;
}

FaceId FontCollection::Impl::add_named(const std::string& stem, FontStyle style) {
  for (const char* ext : {".ttf", ".otf"}) {
    std::string p = find_file(stem + style_suffix(style) + ext);
    if (!p.empty()) return add(p, 0, style);
  }
  if (style.bold || style.italic) {
    // No such weight/slant in this family: the regular face (bold falls back
    // before italic: bold italic -> bold -> regular).
    if (style.bold && style.italic) return add_named(stem, FontStyle{true, false});
    return add_named(stem, FontStyle{});
  }
  return kNoFace;
}

FaceId FontCollection::Impl::add_cjk(std::string_view lang, FontStyle style) {
  std::string region = cjk_region(lang);
  FontStyle st{style.bold, false};
  std::string path = find_file(std::string("NotoSansCJK") + (st.bold ? "-Bold" : "-Regular") + ".ttc");
  if (path.empty() && st.bold) {
    st.bold = false;
    path = find_file("NotoSansCJK-Regular.ttc");
  }
  if (path.empty()) return kNoFace;
  std::string family = "Noto Sans CJK " + region;
  std::string key = path + "|" + family;
  auto it = cjk_index.find(key);
  if (it == cjk_index.end()) {
    // The .ttc holds JP, KR, SC, TC, HK and their Mono variants; pick by the
    // family name rather than trusting a face order.
    int found = -1;
    FT_Face probe = nullptr;
    if (FT_New_Face(ft, path.c_str(), -1, &probe) == 0) {
      FT_Long n = probe->num_faces;
      FT_Done_Face(probe);
      for (FT_Long i = 0; i < n && found < 0; ++i) {
        FT_Face f = nullptr;
        if (FT_New_Face(ft, path.c_str(), i, &f) != 0) continue;
        if (f->family_name && family == f->family_name) found = static_cast<int>(i);
        FT_Done_Face(f);
      }
    }
    it = cjk_index.emplace(key, found).first;
  }
  if (it->second < 0) return kNoFace;
  return add(path, it->second, st);
}

FT_Face FontCollection::Impl::base(FaceId id) {
  if (id >= faces.size()) return nullptr;
  auto& f = faces[id];
  if (!f.base && !f.failed) {
    if (FT_New_Face(ft, f.info.path.c_str(), f.info.index, &f.base) != 0) {
      f.base = nullptr;
      f.failed = true;
    } else {
      f.info.family = f.base->family_name ? f.base->family_name : "";
    }
  }
  return f.base;
}

SizedFace* FontCollection::Impl::sized(FaceId id, float size_px) {
  if (!base(id)) return nullptr;
  auto& f = faces[id];
  int key = static_cast<int>(std::lround(size_px * 64.0f));
  if (key <= 0) key = 64;
  auto it = f.sizes.find(key);
  if (it != f.sizes.end()) return &it->second;
  SizedFace sf;
  if (FT_New_Face(ft, f.info.path.c_str(), f.info.index, &sf.ft) != 0) return nullptr;
  if (FT_Set_Char_Size(sf.ft, 0, key, 72, 72) != 0) {
    FT_Done_Face(sf.ft);
    return nullptr;
  }
  sf.hb = hb_ft_font_create_referenced(sf.ft);
  hb_ft_font_set_load_flags(sf.hb, kLoadFlags);
  const auto& m = sf.ft->size->metrics;
  sf.metrics.ascent = static_cast<float>(m.ascender) / 64.0f;
  sf.metrics.descent = static_cast<float>(-m.descender) / 64.0f;
  sf.metrics.line_gap = std::max(0.0f, static_cast<float>(m.height - m.ascender + m.descender) / 64.0f);
  return &f.sizes.emplace(key, sf).first->second;
}

const std::vector<FaceId>& FontCollection::Impl::chain(int script, std::string_view lang, FontStyle style) {
  std::string key =
      std::to_string(script) + "|" + std::string(lang) + "|" + (style.bold ? "b" : "") + (style.italic ? "i" : "");
  if (auto it = chains.find(key); it != chains.end()) return it->second;

  std::vector<FaceId> c;
  auto push = [&](FaceId id) {
    if (id != kNoFace && std::find(c.begin(), c.end(), id) == c.end()) c.push_back(id);
  };
  std::string prim = primary_language(lang);
  if (script == USCRIPT_ARABIC) {
    if (config.urdu_nastaliq && (prim == "ur" || prim == "skr")) push(add_named("NotoNastaliqUrdu", style));
    push(add_named("NotoNaskhArabic", style));
    push(add_named("NotoSansArabic", style));
  } else if (is_cjk_script(script)) {
    push(add_cjk(lang, style));
  } else if (script == USCRIPT_LATIN || script == USCRIPT_CYRILLIC || script == USCRIPT_GREEK ||
             script == USCRIPT_COMMON || script == USCRIPT_INHERITED) {
    push(add_named("NotoSans", style));
  } else if (script == USCRIPT_THAI) {
    push(add_named("NotoSansThai", style));
    push(add_named("NotoSerifThai", style));
  } else {
    // "Noto Sans <Script>": ICU's long script name without underscores
    // (Devanagari, Bengali, Ethiopic, Myanmar, Canadian_Aboriginal, ...).
    const char* name = uscript_getName(static_cast<UScriptCode>(script));
    if (name) {
      std::string n;
      for (const char* p = name; *p; ++p)
        if (*p != '_' && *p != ' ') n += *p;
      push(add_named("NotoSans" + n, style));
      push(add_named("NotoSerif" + n, style));
    }
  }
  // Shared fallbacks: Latin/Cyrillic/Greek, digits and punctuation, symbols.
  push(add_named("NotoSans", style));
  // The language's own script face for characters its text borrows
  // (Arabic-Indic digits in a Latin run of an Arabic paragraph, say).
  int lang_script = script_of_language(lang);
  if (lang_script != script && lang_script != USCRIPT_LATIN && !lang.empty()) {
    for (FaceId id : chain(lang_script, lang, style)) push(id);
  }
  push(add_named("NotoSansSymbols2", FontStyle{}));
  push(add_named("NotoSansSymbols", style));
  push(add_named("NotoSansMath", FontStyle{}));
  push(add_cjk(lang, style));
  push(add_named("NotoNaskhArabic", style));
  return chains.emplace(key, std::move(c)).first->second;
}

FaceId FontCollection::Impl::scan_for(char32_t cp) {
  if (!config.scan_all_fonts) return kNoFace;
  if (auto it = last_resort.find(cp); it != last_resort.end()) return it->second;
  if (!scanned) {
    scanned = true;
    std::vector<std::string> files;
    for (const auto& dir : config.dirs) {
      std::error_code ec;
      for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
           it.increment(ec)) {
        auto ext = lower(it->path().extension().string());
        if (ext == ".ttf" || ext == ".otf") files.push_back(it->path().string());
      }
    }
    // Deterministic order; regular faces before bold ones.
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
      bool ra = a.find("-Regular") != std::string::npos, rb = b.find("-Regular") != std::string::npos;
      if (ra != rb) return ra;
      return a < b;
    });
    for (const auto& p : files) {
      FontStyle st{p.find("Bold") != std::string::npos, p.find("Italic") != std::string::npos};
      all_faces.push_back(add(p, 0, st));
    }
  }
  FaceId found = kNoFace;
  for (FaceId id : all_faces) {
    if (has(id, cp)) {
      found = id;
      break;
    }
  }
  last_resort.emplace(cp, found);
  return found;
}

FaceId FontCollection::Impl::face_for(const std::vector<FaceId>& c, char32_t cp) {
  for (FaceId id : c)
    if (has(id, cp)) return id;
  return scan_for(cp);
}

// ---------------------------------------------------------------------------

FontCollection::FontCollection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FontCollection::~FontCollection() = default;

Result<std::unique_ptr<FontCollection>> FontCollection::open(FontConfig config) {
  auto impl = std::make_unique<Impl>();
  impl->config = std::move(config);
  bool any = false;
  for (const auto& d : impl->config.dirs) {
    std::error_code ec;
    if (std::filesystem::is_directory(d, ec)) any = true;
  }
  if (!any) return make_error(ErrorCode::Unsupported, "no font directory found (install fonts-noto-core)");
  if (FT_Init_FreeType(&impl->ft) != 0) return make_error(ErrorCode::Unsupported, "FreeType failed to start");
  FaceId latin = impl->add_named("NotoSans", {});
  if (latin == kNoFace || !impl->base(latin))
    return make_error(ErrorCode::Unsupported, "NotoSans-Regular not found in the font directories");
  return std::unique_ptr<FontCollection>(new FontCollection(std::move(impl)));
}

FaceId FontCollection::face_for(char32_t cp, int script, std::string_view lang, FontStyle style) {
  return impl_->face_for(impl_->chain(script, lang, style), cp);
}

FaceId FontCollection::primary_face(int script, std::string_view lang, FontStyle style) {
  const auto& c = impl_->chain(script, lang, style);
  for (FaceId id : c)
    if (impl_->base(id)) return id;
  return kNoFace;
}

bool FontCollection::has_char(FaceId face, char32_t cp) {
  return impl_->has(face, cp);
}

FaceInfo FontCollection::info(FaceId face) const {
  if (face >= impl_->faces.size()) return {};
  impl_->base(face);
  return impl_->faces[face].info;
}

FaceMetrics FontCollection::metrics(FaceId face, float size_px) {
  auto* s = impl_->sized(face, size_px);
  return s ? s->metrics : FaceMetrics{};
}

int FontCollection::script_of_language(std::string_view lang) {
  if (lang.empty()) return USCRIPT_LATIN;
  char locale[ULOC_FULLNAME_CAPACITY] = {};
  char likely[ULOC_FULLNAME_CAPACITY] = {};
  char script[16] = {};
  UErrorCode err = U_ZERO_ERROR;
  std::string tag(lang);
  uloc_forLanguageTag(tag.c_str(), locale, sizeof locale, nullptr, &err);
  if (U_FAILURE(err)) return USCRIPT_LATIN;
  uloc_addLikelySubtags(locale, likely, sizeof likely, &err);
  if (U_FAILURE(err)) return USCRIPT_LATIN;
  uloc_getScript(likely, script, sizeof script, &err);
  if (U_FAILURE(err) || !script[0]) return USCRIPT_LATIN;
  UScriptCode codes[4];
  int n = uscript_getCode(script, codes, 4, &err);
  if (U_FAILURE(err) || n < 1) return USCRIPT_LATIN;
  return codes[0];
}

}  // namespace faro::text
