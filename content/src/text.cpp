#include "content/text.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>
#include <memory>

namespace faro::text {

bool is_valid_utf8(std::string_view s, size_t* bad_offset) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < len) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) {
      if (bad_offset) *bad_offset = static_cast<size_t>(start);
      return false;
    }
  }
  return true;
}

namespace {

const icu::Normalizer2* nfc() {
  UErrorCode st = U_ZERO_ERROR;
  return icu::Normalizer2::getNFCInstance(st);
}

bool is_apostrophe(UChar32 c) {
  return c == 0x0027 || c == 0x2019 || c == 0x02BC || c == 0x2018 || c == 0x02BB || c == 0x0060 || c == 0x00B4 ||
         c == 0xFF07;
}

// Scripts whose combining marks are accents or optional vowel signs, so that
// dropping them is what a reader typing without them expects.
bool marks_are_diacritics(UScriptCode sc) {
  switch (sc) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARABIC:
    case USCRIPT_HEBREW:
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return true;
    default:
      return false;
  }
}

UChar32 fold_arabic_letter(UChar32 c) {
  switch (c) {
    case 0x0671:  // alef wasla
    case 0x0672:
    case 0x0673:
    case 0x0675:
      return 0x0627;  // alef
    case 0x0649:      // alef maqsura
    case 0x06CC:      // Farsi yeh
    case 0x06D0:
      return 0x064A;  // yeh
    case 0x06A9:      // keheh
      return 0x0643;  // kaf
    case 0x0629:      // teh marbuta
      return 0x0647;  // heh
    case 0x06C0:      // heh with yeh above
      return 0x0647;
    default:
      return c;
  }
}

// Light stemming: the definite article is written joined to its word
// ("المستشفى" = "the hospital"), so a visitor typing the bare word would miss
// it. Strip al- and its common proclitic forms when enough word remains.
void strip_arabic_article(icu::UnicodeString& w) {
  static const char16_t* kPrefixes[] = {u"\u0648\u0627\u0644", u"\u0628\u0627\u0644", u"\u0641\u0627\u0644",
                                        u"\u0643\u0627\u0644", u"\u0627\u0644",       u"\u0644\u0644"};
  for (const char16_t* p : kPrefixes) {
    icu::UnicodeString prefix(p);
    if (w.startsWith(prefix) && w.length() - prefix.length() >= 2) {
      w.remove(0, prefix.length());
      return;
    }
  }
}

}  // namespace

bool is_nfc(std::string_view s) {
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  return nfc()->isNormalized(u, st) && U_SUCCESS(st);
}

std::string to_nfc(std::string_view s) {
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString n = nfc()->normalize(u, st);
  std::string out;
  n.toUTF8String(out);
  return out;
}

std::string fold(std::string_view word) {
  UErrorCode st = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(st);
  static const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(st);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  icu::UnicodeString d = nfkd->normalize(u, st);
  if (U_FAILURE(st)) return std::string(word);

  icu::UnicodeString kept;
  UScriptCode base_script = USCRIPT_COMMON;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (is_apostrophe(c) || c == 0x0640 /* tatweel */) continue;
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) {
      if (marks_are_diacritics(base_script)) continue;
      kept.append(c);
      continue;
    }
    UErrorCode sst = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &sst);
    if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) base_script = sc;
    if (sc == USCRIPT_ARABIC) c = fold_arabic_letter(c);
    kept.append(c);
  }
  if (base_script == USCRIPT_ARABIC) strip_arabic_article(kept);
  icu::UnicodeString folded = nfkc_cf->normalize(kept, st);
  if (U_FAILURE(st)) return std::string(word);
  std::string out;
  folded.toUTF8String(out);
  return out;
}

namespace {

struct WordBreaker {
  std::unique_ptr<icu::BreakIterator> it;
  WordBreaker() {
    UErrorCode st = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
    if (U_FAILURE(st)) it.reset();
  }
};

bool is_ideograph(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) != 0;
}

}  // namespace

void for_each_word(std::string_view text,
                   const std::function<void(std::string_view folded, size_t begin, size_t end)>& emit) {
  thread_local WordBreaker breaker;
  if (!breaker.it || text.empty()) return;
  UErrorCode st = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &st);
  if (U_FAILURE(st)) return;
  breaker.it->setText(ut, st);
  if (U_FAILURE(st)) {
    utext_close(ut);
    return;
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t len = static_cast<int32_t>(text.size());
  int32_t start = breaker.it->first();
  for (int32_t end = breaker.it->next(); end != icu::BreakIterator::DONE; start = end, end = breaker.it->next()) {
    int32_t status = breaker.it->getRuleStatus();
    if (status >= UBRK_WORD_NONE && status < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
    if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT) {
      // Han: one token per ideograph, so that any run of characters can be
      // found as a phrase whatever the dictionary made of the document.
      int32_t i = start;
      while (i < end) {
        int32_t b = i;
        UChar32 c;
        U8_NEXT(bytes, i, len, c);
        if (c < 0) continue;
        if (is_ideograph(c) || u_isalnum(c)) {
          std::string f = fold(text.substr(static_cast<size_t>(b), static_cast<size_t>(i - b)));
          if (!f.empty()) emit(f, static_cast<size_t>(b), static_cast<size_t>(i));
        }
      }
      continue;
    }
    std::string f = fold(text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
    if (!f.empty()) emit(f, static_cast<size_t>(start), static_cast<size_t>(end));
  }
  breaker.it->setText(icu::UnicodeString());  // drop the reference to `ut`
  utext_close(ut);
}

std::string fnv1a_hex(std::string_view data) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace faro::text
