#include "kiosk/clock.h"

#include <chrono>

namespace faro::kiosk {

int64_t SystemClock::unix_now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double SystemClock::monotonic() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace faro::kiosk
