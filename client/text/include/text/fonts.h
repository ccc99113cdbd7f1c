// Fonts: which face draws which character, for the kiosk text engine.
//
// A FontCollection knows the Noto fonts installed by Debian (fonts-noto-core,
// fonts-noto-cjk) and answers "which face draws code point X in a run of
// script S, language L, weight W" by walking a fallback chain and checking
// each face's character map with FreeType. It owns every FreeType face and
// HarfBuzz font the engine uses; glyph ids handed out by the engine are only
// meaningful together with a FaceId of the collection that produced them.
//
// Rules and quirks:
//  - Chains start with the face for the script and language: Naskh for
//    Arabic, Persian and Pashto, Nastaliq for Urdu, the Noto Sans CJK face of
//    the language's region for Han (SC for zh-Hans, TC for zh-Hant, HK, JP,
//    KR; the .ttc face is picked by its family name, not a hard-coded index),
//    "Noto Sans <Script>" for other scripts; then Noto Sans, the symbol and
//    math faces, and finally every other font in the font directories
//    (indexed lazily, on the first character no chained face has).
//  - Bold and italic use the matching file when it exists, else the regular
//    face (Noto has no italic Arabic, for instance).
//  - Faces are opened lazily. Opening never happens twice for one file/index.
//
// Threads: NOT thread-safe. One collection per UI thread; the engine, the
// atlas and the coverage check that use it must run on that thread too.
// Errors: open() fails (Unsupported) when no usable font directory exists.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.h"

namespace faro::text {

// Index of a face in its collection. Stable for the collection's lifetime.
using FaceId = uint32_t;
inline constexpr FaceId kNoFace = 0xFFFFFFFFu;

struct FontStyle {
  bool bold = false;
  bool italic = false;
  friend bool operator==(const FontStyle&, const FontStyle&) = default;
};

struct FontConfig {
  // Searched in order for font files.
  std::vector<std::string> dirs = {"/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"};
  // Urdu in Nastaliq (Noto Nastaliq Urdu) rather than Naskh.
  bool urdu_nastaliq = true;
  // When no chained face has a character, look through every font file in
  // `dirs` (their cmaps are read once, on the first such miss).
  bool scan_all_fonts = true;
};

struct FaceInfo {
  std::string path;
  int index = 0;       // face index inside a .ttc
  std::string family;  // "Noto Naskh Arabic"
  FontStyle style;
};

// Vertical metrics of a face at a size, in pixels (descent is positive).
struct FaceMetrics {
  float ascent = 0;
  float descent = 0;
  float line_gap = 0;
};

class FontCollection {
 public:
  static Result<std::unique_ptr<FontCollection>> open(FontConfig config = {});
  ~FontCollection();
  FontCollection(const FontCollection&) = delete;
  FontCollection& operator=(const FontCollection&) = delete;

  // The face to draw `cp` with in a run of `script` (an ICU UScriptCode
  // value; Common and Inherited allowed) in language `lang` (BCP 47).
  // kNoFace when no font at all has the character.
  FaceId face_for(char32_t cp, int script, std::string_view lang, FontStyle style = {});

  // The first face of the chain (used for empty lines and metrics).
  FaceId primary_face(int script, std::string_view lang, FontStyle style = {});

  // Whether `face`'s character map has `cp`.
  bool has_char(FaceId face, char32_t cp);

  FaceInfo info(FaceId face) const;
  FaceMetrics metrics(FaceId face, float size_px);

  // The script a language is normally written in (ICU likely subtags):
  // "ar" -> Arab, "zh-Hant" -> Hant, "sr" -> Cyrl. USCRIPT_LATIN if unknown.
  static int script_of_language(std::string_view lang);

  struct Impl;
  Impl& impl() { return *impl_; }  // for the engine and the atlas

 private:
  explicit FontCollection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace faro::text
