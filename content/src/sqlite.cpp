#include "sqlite.h"

namespace faro::content::sql {

Error db_error(sqlite3* db, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : "no database";
  return make_error(ErrorCode::Database, msg);
}

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st_, nullptr) != SQLITE_OK) {
    err_ = std::string(sqlite3_errmsg(db)) + " in: " + std::string(sql.substr(0, 120));
    st_ = nullptr;
    status_ = make_error(ErrorCode::Database, err_);
  }
}

Stmt::~Stmt() {
  if (st_) sqlite3_finalize(st_);
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    if (st_) sqlite3_finalize(st_);
    db_ = o.db_;
    st_ = o.st_;
    err_ = std::move(o.err_);
    status_ = std::move(o.status_);
    o.st_ = nullptr;
  }
  return *this;
}

Stmt& Stmt::bind(int i, std::string_view v) {
  if (st_) sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind(int i, int64_t v) {
  if (st_) sqlite3_bind_int64(st_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  if (st_) sqlite3_bind_double(st_, i, v);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  if (st_) sqlite3_bind_null(st_, i);
  return *this;
}

bool Stmt::step() {
  if (!st_) return false;
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && status_.ok()) status_ = db_error(db_, "query failed");
  return false;
}

Status Stmt::run() {
  if (!st_) return status_;
  while (step()) {
  }
  return status_;
}

void Stmt::reset() {
  if (!st_) return;
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
  status_ = Status();
}

std::string Stmt::text(int col) const {
  const unsigned char* t = sqlite3_column_text(st_, col);
  if (!t) return {};
  return std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(st_, col)));
}
int64_t Stmt::i64(int col) const {
  return sqlite3_column_int64(st_, col);
}
double Stmt::f64(int col) const {
  return sqlite3_column_double(st_, col);
}
bool Stmt::is_null(int col) const {
  return sqlite3_column_type(st_, col) == SQLITE_NULL;
}

Status exec(sqlite3* db, std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return make_error(ErrorCode::Database, msg);
  }
  return {};
}

}  // namespace faro::content::sql
