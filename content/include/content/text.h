// Unicode text utilities: validation, normalisation, and the search folding
// and word splitting that the full-text index and queries share.
//
// All functions take and return UTF-8. They are pure and thread-safe (ICU
// break iterators are cached per thread).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace faro::text {

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or stray bytes).
// On failure, `bad_offset` (if given) receives the byte offset of the first
// bad sequence.
bool is_valid_utf8(std::string_view s, size_t* bad_offset = nullptr);

// True if `s` is in Unicode normalisation form C. `s` must be valid UTF-8.
bool is_nfc(std::string_view s);
std::string to_nfc(std::string_view s);

// Folds one word for matching: compatibility decomposition, case folding,
// diacritics removed where they are accents (Latin, Greek, Cyrillic, Hebrew)
// or vowel marks (Arabic tashkeel), Arabic letter variants unified (alef with
// hamza or madda, alef wasla -> alef; alef maqsura and Farsi yeh -> yeh;
// keheh -> kaf; teh marbuta -> heh; tatweel removed), apostrophe variants
// (' ’ ʼ ‘ ʻ) removed. Marks of Indic and other scripts, where they are
// letters, are kept.
std::string fold(std::string_view word);

// Splits text into words with ICU word breaking (dictionary-based for Thai,
// Lao, Khmer and Burmese; Han ideographs become one word each), folds each,
// and calls `emit(folded, begin, end)` with byte offsets into `text`.
// Punctuation and spaces are skipped.
void for_each_word(std::string_view text,
                   const std::function<void(std::string_view folded, size_t begin, size_t end)>& emit);

// 64-bit FNV-1a as 16 lower-case hex digits. Used for translation source
// hashes (not for security).
std::string fnv1a_hex(std::string_view data);

}  // namespace faro::text
