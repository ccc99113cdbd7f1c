// Clock: the kiosk's idea of time, injected so tests can fake it.
//
// Two readings: wall time (unix seconds, for "open now" in a time zone) and a
// monotonic reading in seconds (for the idle timeout, which must not jump
// when the wall clock is set). Implementations must be safe to call from the
// UI thread; SystemClock is thread-safe, FakeClock is not.
#pragma once

#include <cstdint>

namespace faro::kiosk {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t unix_now() const = 0;  // wall clock, seconds since 1970 UTC
  virtual double monotonic() const = 0;  // seconds from an arbitrary origin
};

class SystemClock : public Clock {
 public:
  int64_t unix_now() const override;
  double monotonic() const override;
};

// A clock that moves only when told to (tests, screenshots).
class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t unix_seconds = 0) : unix_(unix_seconds) {}
  int64_t unix_now() const override { return unix_; }
  double monotonic() const override { return mono_; }
  void advance(double seconds) {
    mono_ += seconds;
    unix_ += static_cast<int64_t>(seconds);
  }
  void set_unix(int64_t s) { unix_ = s; }

 private:
  int64_t unix_ = 0;
  double mono_ = 1000;
};

}  // namespace faro::kiosk
