// Internal: a small SQLite connection and statement for the sync library's
// own state databases (kiosk.db's outbox and staff, the hub's edits.db).
#pragma once

#include <sqlite3.h>

#include <string>

#include "content/result.h"

namespace faro::sync::sql {

// One connection; `label` ("kiosk.db") prefixes its error messages.
class Conn {
 public:
  explicit Conn(std::string label) : label_(std::move(label)) {}
  ~Conn() {
    if (db_) sqlite3_close_v2(db_);
  }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Opens `path` (creating it when `create`), waits up to 10 s on a busy
  // database, then runs `ddl`. A failure to open is `open_error` with
  // "PATH: `what`".
  Status open(const std::string& path, bool create, ErrorCode open_error, const char* what, const char* ddl) {
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK)
      return make_error(open_error, path + ": " + what);
    sqlite3_busy_timeout(db_, 10000);
    return exec(ddl);
  }
  Status exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      return make_error(ErrorCode::Database, label_ + ": " + m);
    }
    return {};
  }
  sqlite3* raw() { return db_; }

 private:
  std::string label_;
  sqlite3* db_ = nullptr;
};

// A prepared statement with RAII and text binding.
class Q {
 public:
  Q(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &st_, nullptr); }
  ~Q() { sqlite3_finalize(st_); }
  Q(const Q&) = delete;
  Q& operator=(const Q&) = delete;
  Q& bind(int i, const std::string& v) {
    sqlite3_bind_text(st_, i, v.c_str(), -1, SQLITE_TRANSIENT);
    return *this;
  }
  Q& bind(int i, int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
  }
  bool row() { return sqlite3_step(st_) == SQLITE_ROW; }
  bool done() { return sqlite3_step(st_) == SQLITE_DONE; }
  std::string text(int i) {
    const unsigned char* t = sqlite3_column_text(st_, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  int64_t i64(int i) { return sqlite3_column_int64(st_, i); }

 private:
  sqlite3_stmt* st_ = nullptr;
};

}  // namespace faro::sync::sql
