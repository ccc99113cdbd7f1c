// FontCollection internals shared by the layout engine and the glyph atlas.
// Not a public header: it names FreeType and HarfBuzz types.
#pragma once

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/fonts.h"

namespace faro::text {

// One face at one pixel size: its own FT_Face (FreeType faces carry one
// active size) and the hb-ft font made from it.
struct SizedFace {
  FT_Face ft = nullptr;
  hb_font_t* hb = nullptr;
  FaceMetrics metrics;
};

struct FaceEntry {
  FaceInfo info;
  FT_Face base = nullptr;  // unscaled: character map checks only
  bool failed = false;
  std::unordered_map<int, SizedFace> sizes;  // key: size in 1/64 px
};

// Load flags for shaping (hb-ft) and rasterising: light hinting snaps
// vertical metrics and rounds advances, which keeps Arabic joins closed.
inline constexpr FT_Int32 kLoadFlags = FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT;

struct FontCollection::Impl {
  FontConfig config;
  FT_Library ft = nullptr;
  std::vector<FaceEntry> faces;
  std::map<std::pair<std::string, int>, FaceId> by_file;  // (path, index) -> face
  std::map<std::string, std::vector<FaceId>> chains;      // chain key -> faces
  std::map<std::string, int> cjk_index;                   // "path|family" -> face index
  bool scanned = false;
  std::vector<FaceId> all_faces;                     // every file, for the last resort
  std::unordered_map<char32_t, FaceId> last_resort;  // cp -> face (kNoFace: none)

  ~Impl();
  FT_Face base(FaceId id);
  SizedFace* sized(FaceId id, float size_px);
  bool has(FaceId id, char32_t cp) {
    FT_Face f = base(id);
    return f && FT_Get_Char_Index(f, cp) != 0;
  }
  const std::vector<FaceId>& chain(int script, std::string_view lang, FontStyle style);
  FaceId scan_for(char32_t cp);
  FaceId face_for(const std::vector<FaceId>& chain, char32_t cp);

  // helpers
  std::string find_file(const std::string& name) const;  // "NotoSans-Bold.ttf" -> full path or ""
  FaceId add(const std::string& path, int index, FontStyle style);
  FaceId add_named(const std::string& stem, FontStyle style);  // "NotoSans" + style suffix
  FaceId add_cjk(std::string_view lang, FontStyle style);
};

}  // namespace faro::text
