// Result<T>: the error-as-value type used across module boundaries.
//
// Rules:
//  - Anything that can fail because of input, disk or network returns Result<T>
//    (or Status == Result<void>). Exceptions never cross a module boundary.
//  - An Error carries a coarse code (for callers that branch) and a message
//    for humans that names the file, line or field at fault.
//  - FARO_TRY(expr) propagates an error in one line (after SerenityOS's TRY).
//
// Thread-safety: plain values; no shared state.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace faro {

enum class ErrorCode {
  Invalid,      // bad input: malformed file, field, query
  NotFound,     // asked-for id or file does not exist
  Io,           // disk or OS failure
  Database,     // SQLite reported an error
  Unsupported,  // schema too new, feature missing
};

struct Error {
  ErrorCode code = ErrorCode::Invalid;
  std::string message;
};

inline Error make_error(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& take_error() {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : err_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return err_;
  }
  Error&& take_error() {
    assert(!ok_);
    return std::move(err_);
  }
  void value() const { assert(ok_); }

 private:
  Error err_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace faro

// Evaluates a Result-returning expression; returns its error from the enclosing
// function, or yields its value.
#define FARO_TRY(expr)                                                \
  __extension__({                                                     \
    auto _faro_try_result = (expr);                                   \
    if (!_faro_try_result.ok()) return _faro_try_result.take_error(); \
    std::move(_faro_try_result).value();                              \
  })
