#include "kiosk/qr.h"

#include <qrencode.h>

#include <cstdio>
#include <memory>

namespace faro::kiosk {

Result<QrMatrix> encode_qr(std::string_view text) {
  std::string s(text);
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeData(static_cast<int>(s.size()), reinterpret_cast<const unsigned char*>(s.data()), 0, QR_ECLEVEL_M),
      QRcode_free);
  if (!code) return make_error(ErrorCode::Invalid, "QR code: text too long (" + std::to_string(s.size()) + " bytes)");
  QrMatrix m;
  m.size = code->width;
  m.dark.resize(static_cast<size_t>(m.size) * static_cast<size_t>(m.size));
  for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
  return m;
}

std::string service_qr_payload(const content::Service& s) {
  std::string out = s.name.text;
  if (!s.organization.text.empty() && s.organization.text != s.name.text) out += "\n" + s.organization.text;
  for (const auto& p : s.phones) out += "\ntel:" + p.number;
  if (s.location) {
    const auto& l = *s.location;
    std::string addr = l.address_1;
    for (const std::string* part : {&l.city, &l.region, &l.postal_code, &l.country})
      if (!part->empty()) addr += (addr.empty() ? "" : ", ") + *part;
    if (!addr.empty()) out += "\n" + addr;
    if (l.position) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "\ngeo:%.6f,%.6f", l.position->latitude, l.position->longitude);
      out += buf;
    }
  }
  return out;
}

}  // namespace faro::kiosk
