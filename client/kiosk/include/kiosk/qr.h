// Take-away QR codes (libqrencode behind this header).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"
#include "content/result.h"

namespace faro::kiosk {

struct QrMatrix {
  int size = 0;               // modules per side
  std::vector<uint8_t> dark;  // size*size, row-major, 1 = dark
  bool at(int x, int y) const {
    return dark[static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)] != 0;
  }
};

// Encodes UTF-8 text (8-bit mode, error correction M).
Result<QrMatrix> encode_qr(std::string_view text);

// What a visitor's phone keeps of a service: its name, each phone as a
// tel: URI, the address, and a geo: URI of its position, one per line.
std::string service_qr_payload(const content::Service& s);

}  // namespace faro::kiosk
