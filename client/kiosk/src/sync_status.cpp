#include "kiosk/sync_status.h"

#include <cctype>
#include <ctime>

#include "sync/worker.h"

namespace faro::kiosk {

std::string iso_date_of(const std::string& ts) {
  if (ts.size() >= 10 && ts[4] == '-' && ts[7] == '-') return ts.substr(0, 10);
  if (ts.empty()) return {};
  for (char c : ts)
    if (!std::isdigit(static_cast<unsigned char>(c))) return {};
  std::time_t t = static_cast<std::time_t>(std::stoll(ts));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

SyncState NoSyncStatus::state() const {
  SyncState s;
  s.release_date = date_;
  return s;
}

SyncState WorkerSyncStatus::state() const {
  auto w = worker_.status();
  SyncState s;
  s.configured = w.configured;
  s.running = w.running;
  s.failed = w.kiosk.last_result == "failed";
  s.stale = w.kiosk.stale;
  s.release_date = iso_date_of(w.kiosk.release_created);
  return s;
}

}  // namespace faro::kiosk
