#include "kiosk/keyboard.h"

#include "content/lang.h"

namespace faro::kiosk {
namespace {

std::vector<std::string> split(std::string_view utf8) {
  // One key per code point (every key below is a single code point).
  std::vector<std::string> out;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.emplace_back(utf8.substr(i, n));
    i += n;
  }
  return out;
}

KeyboardLayout make(std::string id, std::initializer_list<std::string_view> rows) {
  KeyboardLayout l;
  l.id = std::move(id);
  for (auto r : rows) l.rows.push_back(split(r));
  return l;
}

}  // namespace

const KeyboardLayout& latin_layout() {
  static const KeyboardLayout l = make("latin", {"qwertyuiop", "asdfghjklñ", "zxcvbnmç'-", "áéíóúàèêôü"});
  return l;
}

const KeyboardLayout& numbers_layout() {
  static const KeyboardLayout l = make("numbers", {"1234567890", "+-:.,@/_#&", "()!?=%*;~'"});
  return l;
}

static const KeyboardLayout& arabic_layout() {
  // Arabic letters in a phone-like order, with Persian/Pashto letters on the last row.
  static const KeyboardLayout l = make("arabic", {"ضصثقفغعهخحج", "شسيبلاتنمكط", "ئءؤرىةوزظدذ", "أإآپچژگکیۀ"});
  return l;
}

static const KeyboardLayout& cyrillic_layout() {
  static const KeyboardLayout l = make("cyrillic", {"йцукенгшщзх", "фывапролджэ", "ячсмитьбюъё"});
  return l;
}

static const KeyboardLayout& devanagari_layout() {
  // Vowels, consonants, then vowel signs and the virama for conjuncts.
  static const KeyboardLayout l = make("devanagari", {"अआइईउऊएऐओऔ", "कखगघचछजझटठ", "डढणतथदधनपफ", "बभमयरलवशसह", "ािीुूेैोौं्"});
  return l;
}

std::vector<const KeyboardLayout*> layouts_for(const std::string& lang) {
  std::string base = lang.substr(0, lang.find('-'));
  if (base == "ar" || base == "fa" || base == "ps" || base == "ur") return {&arabic_layout(), &latin_layout()};
  if (base == "ru" || base == "uk" || base == "bg") return {&cyrillic_layout(), &latin_layout()};
  if (base == "hi" || base == "mr" || base == "ne") return {&devanagari_layout(), &latin_layout()};
  return {&latin_layout()};
}

}  // namespace faro::kiosk
