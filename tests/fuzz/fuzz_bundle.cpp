// libFuzzer: the bundle reader must reject any file cleanly and never read
// outside the file or past the sizes its index declares.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "sync/transport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/faro-fuzz-bundle-" + std::to_string(::getpid()) + ".faro";
  {
    std::ofstream o(path, std::ios::binary | std::ios::trunc);
    o.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto t = faro::sync::make_bundle_transport(path);
  if (!t) return 0;
  for (const char* p : {"manifest.json", "root/1.root.json", "root/2.root.json"}) {
    uint64_t got = 0;
    (void)(*t)->fetch(p, 0, 1 << 20, [&](std::string_view chunk) {
      got += chunk.size();
      return true;
    });
    if (got > (1u << 20)) __builtin_trap();
  }
  return 0;
}
