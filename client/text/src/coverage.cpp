// Coverage check: characters no configured font can draw.
#include "text/coverage.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <map>

namespace faro::text {
namespace {

bool needs_glyph(char32_t c) {
  auto cp = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(cp) || u_iscntrl(cp)) return false;
  if (u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return false;
  auto gc = u_charType(cp);
  return gc != U_LINE_SEPARATOR && gc != U_PARAGRAPH_SEPARATOR && gc != U_UNASSIGNED;
}

std::string utf8(char32_t c) {
  char buf[5] = {};
  int32_t i = 0;
  UBool err = false;
  U8_APPEND(buf, i, 4, static_cast<UChar32>(c), err);
  return err ? std::string() : std::string(buf, static_cast<size_t>(i));
}

}  // namespace

CoverageReport check_coverage(FontCollection& fonts, const std::vector<LabelledText>& texts) {
  CoverageReport report;
  std::map<char32_t, MissingChar> missing;
  for (const auto& t : texts) {
    ++report.texts;
    int lang_script = FontCollection::script_of_language(t.lang);
    int cur = lang_script;
    int32_t i = 0, n = static_cast<int32_t>(t.text.size());
    while (i < n) {
      UChar32 c;
      U8_NEXT(t.text.data(), i, n, c);
      if (c < 0) c = 0xFFFD;
      UErrorCode err = U_ZERO_ERROR;
      int script = uscript_getScript(c, &err);
      if (U_FAILURE(err)) script = USCRIPT_COMMON;
      if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED && script != USCRIPT_UNKNOWN) cur = script;
      auto cp = static_cast<char32_t>(c);
      if (!needs_glyph(cp)) continue;
      ++report.chars;
      if (fonts.face_for(cp, cur, t.lang) != kNoFace) continue;
      auto& m = missing[cp];
      m.cp = cp;
      ++m.count;
      if (m.where.size() < 3 && (m.where.empty() || m.where.back() != t.where)) m.where.push_back(t.where);
    }
  }
  for (auto& [cp, m] : missing) report.missing.push_back(std::move(m));
  return report;
}

std::string format_report(const CoverageReport& report) {
  std::string out;
  for (const auto& m : report.missing) {
    char head[32];
    std::snprintf(head, sizeof head, "U+%04X", static_cast<unsigned>(m.cp));
    char name[128] = {};
    UErrorCode err = U_ZERO_ERROR;
    u_charName(static_cast<UChar32>(m.cp), U_UNICODE_CHAR_NAME, name, sizeof name, &err);
    out += head;
    out += " '" + utf8(m.cp) + "' ";
    out += U_SUCCESS(err) && name[0] ? name : "(unnamed)";
    out += ": " + std::to_string(m.count) + (m.count == 1 ? " time" : " times") + ", in: ";
    for (size_t i = 0; i < m.where.size(); ++i) out += (i ? "; " : "") + m.where[i];
    out += "\n";
  }
  return out;
}

}  // namespace faro::text
