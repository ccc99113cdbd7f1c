// On-screen keyboard layouts. Kiosks have no keyboard: the search screen
// draws one of these, chosen by the visitor's language, and types into an
// EditState. A physical keyboard works at the same time.
#pragma once

#include <string>
#include <vector>

namespace faro::kiosk {

struct KeyboardLayout {
  std::string id;                              // "latin", "arabic", "cyrillic", "devanagari", "numbers"
  std::vector<std::vector<std::string>> rows;  // each key inserts its UTF-8 text
};

const KeyboardLayout& latin_layout();    // with accents (á é í ó ú ñ ç è ê à ô ü ò)
const KeyboardLayout& numbers_layout();  // digits and signs (phones, hours, addresses): staff mode

// The layouts for a language, its own script first, then Latin (which every
// kiosk can switch to: names of places and organisations are often Latin).
std::vector<const KeyboardLayout*> layouts_for(const std::string& lang);

}  // namespace faro::kiosk
