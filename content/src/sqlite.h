// Internal: small RAII wrappers over the SQLite C API. Not a public header.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "content/result.h"

namespace faro::content::sql {

Error db_error(sqlite3* db, std::string_view what);

// A prepared statement. Bind indexes are 1-based. Strings are copied
// (SQLITE_TRANSIENT), so temporaries may be bound.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt();
  Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_), err_(std::move(o.err_)) { o.st_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return st_ != nullptr; }
  const std::string& prepare_error() const { return err_; }

  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, bool v) { return bind(i, static_cast<int64_t>(v ? 1 : 0)); }
  Stmt& bind_null(int i);

  // Steps once. true = a row is ready; false = done. Errors land in `status`.
  bool step();
  // Runs to completion; returns the first error.
  Status run();
  Status status() const { return status_; }
  void reset();

  std::string text(int col) const;
  int64_t i64(int col) const;
  int i32(int col) const { return static_cast<int>(i64(col)); }
  double f64(int col) const;
  bool is_null(int col) const;
  sqlite3_stmt* raw() { return st_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* st_ = nullptr;
  std::string err_;
  Status status_;
};

Status exec(sqlite3* db, std::string_view sql);

}  // namespace faro::content::sql
