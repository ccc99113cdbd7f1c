#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "sync/snapshot.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <vector>

#include "content/store.h"
#include "sync/crypto.h"

namespace faro::sync {
namespace {

struct Db {
  sqlite3* db = nullptr;
  ~Db() {
    if (db) sqlite3_close_v2(db);
  }
};

Error db_error(sqlite3* db, const std::string& what) {
  return make_error(ErrorCode::Database, what + ": " + (db ? sqlite3_errmsg(db) : "cannot open"));
}

Status open_db(Db& d, const std::string& path, bool writable) {
  int flags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &d.db, flags, nullptr) != SQLITE_OK) return db_error(d.db, path);
  sqlite3_busy_timeout(d.db, 5000);
  return {};
}

void add_len(crypto::Sha256& h, uint64_t n) {
  unsigned char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(n >> (8 * (7 - i)));
  h.update(std::string_view(reinterpret_cast<char*>(b), 8));
}

}  // namespace

Result<std::string> content_hash(const std::string& db_path) {
  Db d;
  if (auto s = open_db(d, db_path, false); !s) return s.take_error();
  crypto::Sha256 h;
  h.update("faro-content-hash-v1\n");
  for (const auto& table : content::content_tables()) {
    h.update("T");
    add_len(h, table.size());
    h.update(table);
    // Column count first, then every row ordered by all its columns.
    std::string sql = "SELECT * FROM \"" + table + "\"";
    sqlite3_stmt* probe = nullptr;
    if (sqlite3_prepare_v2(d.db, sql.c_str(), -1, &probe, nullptr) != SQLITE_OK) return db_error(d.db, db_path);
    int cols = sqlite3_column_count(probe);
    sqlite3_finalize(probe);
    sql += " ORDER BY ";
    for (int c = 1; c <= cols; ++c) sql += (c > 1 ? ", " : "") + std::to_string(c);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(d.db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return db_error(d.db, db_path);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      h.update("R");
      for (int c = 0; c < cols; ++c) {
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_NULL:
            h.update("N");
            break;
          case SQLITE_INTEGER: {
            std::string v = std::to_string(sqlite3_column_int64(st, c));
            h.update("I");
            add_len(h, v.size());
            h.update(v);
            break;
          }
          case SQLITE_FLOAT: {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(st, c));
            h.update("F");
            add_len(h, std::strlen(buf));
            h.update(buf);
            break;
          }
          default: {
            const void* p = sqlite3_column_blob(st, c);
            size_t n = static_cast<size_t>(sqlite3_column_bytes(st, c));
            h.update(sqlite3_column_type(st, c) == SQLITE_TEXT ? "S" : "B");
            add_len(h, n);
            if (n) h.update(std::string_view(static_cast<const char*>(p), n));
          }
        }
      }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_error(d.db, db_path);
  }
  return h.hex();
}

namespace {

// Which centre(s) own a row of each directory table: an SQL expression over
// the row giving a comma-separated list of centres, or NULL for "outside".
std::string owner_expr(const std::string& table) {
  const std::string by_service = "(SELECT s.centre FROM service s WHERE s.id = t.service)";
  const std::string by_location =
      "(SELECT group_concat(DISTINCT s.centre) FROM service_at_location a JOIN service s ON s.id = a.service "
      "WHERE a.location = t.id)";
  if (table == "service") return "t.centre";
  if (table == "service_category" || table == "service_language" || table == "phone" || table == "schedule" ||
      table == "service_at_location" || table == "schedule_exception")
    return by_service;
  if (table == "location") return by_location;
  if (table == "tr")
    return "CASE t.entity WHEN 'service' THEN (SELECT s.centre FROM service s WHERE s.id = t.id) "
           "WHEN 'location' THEN (SELECT group_concat(DISTINCT s.centre) FROM location l JOIN service_at_location a "
           "ON a.location = l.id JOIN service s ON s.id = a.service WHERE l.key = t.id) END";
  return "NULL";
}

void encode_value(sqlite3_stmt* st, int c, std::string& out) {
  auto len = [&](uint64_t n) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(n >> (8 * (7 - i))));
  };
  switch (sqlite3_column_type(st, c)) {
    case SQLITE_NULL:
      out += "N";
      break;
    case SQLITE_INTEGER: {
      std::string v = std::to_string(sqlite3_column_int64(st, c));
      out += "I";
      len(v.size());
      out += v;
      break;
    }
    case SQLITE_FLOAT: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(st, c));
      out += "F";
      len(std::strlen(buf));
      out += buf;
      break;
    }
    default: {
      const void* p = sqlite3_column_blob(st, c);
      size_t n = static_cast<size_t>(sqlite3_column_bytes(st, c));
      out += sqlite3_column_type(st, c) == SQLITE_TEXT ? "S" : "B";
      len(n);
      if (n) out.append(static_cast<const char*>(p), n);
    }
  }
}

}  // namespace

Result<ScopeDigests> scope_digests(const std::string& db_path) {
  Db d;
  if (auto s = open_db(d, db_path, false); !s) return s.take_error();
  std::map<std::string, std::unique_ptr<crypto::Sha256>> centre_hash;
  crypto::Sha256 outside;
  outside.update("faro-scope-outside-v1\n");
  auto hash_for = [&](const std::string& centre) -> crypto::Sha256& {
    auto& h = centre_hash[centre];
    if (!h) {
      h = std::make_unique<crypto::Sha256>();
      h->update("faro-scope-centre-v1\n");
    }
    return *h;
  };
  for (const auto& table : content::content_tables()) {
    outside.update("T" + table + "\n");
    std::string sql = "SELECT * FROM \"" + table + "\"";
    sqlite3_stmt* probe = nullptr;
    if (sqlite3_prepare_v2(d.db, sql.c_str(), -1, &probe, nullptr) != SQLITE_OK) return db_error(d.db, db_path);
    int cols = sqlite3_column_count(probe);
    sqlite3_finalize(probe);
    sql = "SELECT " + owner_expr(table) + ", t.* FROM \"" + table + "\" t ORDER BY ";
    for (int c = 2; c <= cols + 1; ++c) sql += (c > 2 ? ", " : "") + std::to_string(c);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(d.db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return db_error(d.db, db_path);
    int rc;
    std::string row;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      row = table;
      row += '\0';
      for (int c = 1; c <= cols; ++c) encode_value(st, c, row);
      if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
        outside.update(row);
        continue;
      }
      std::string owners = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      size_t start = 0;
      while (start <= owners.size()) {
        size_t comma = owners.find(',', start);
        if (comma == std::string::npos) comma = owners.size();
        hash_for(owners.substr(start, comma - start)).update(row);
        start = comma + 1;
      }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_error(d.db, db_path);
  }
  ScopeDigests out;
  out.outside = outside.hex();
  for (auto& [c, h] : centre_hash) out.centres[c] = h->hex();
  return out;
}

Result<std::string> make_delta(const std::string& old_db, const std::string& new_db) {
  Db d;
  if (auto s = open_db(d, new_db, false); !s) return s.take_error();
  std::string attach = "ATTACH DATABASE ?1 AS old";
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(d.db, attach.c_str(), -1, &st, nullptr);
  sqlite3_bind_text(st, 1, old_db.c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return db_error(d.db, "attaching " + old_db);

  sqlite3_session* session = nullptr;
  if (sqlite3session_create(d.db, "main", &session) != SQLITE_OK) return db_error(d.db, "creating a session");
  std::unique_ptr<sqlite3_session, void (*)(sqlite3_session*)> guard(session, sqlite3session_delete);
  for (const auto& table : content::content_tables()) {
    if (sqlite3session_attach(session, table.c_str()) != SQLITE_OK) return db_error(d.db, "session attach " + table);
    char* err = nullptr;
    if (sqlite3session_diff(session, "old", table.c_str(), &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      return make_error(ErrorCode::Database, "diff of table " + table + ": " + msg);
    }
  }
  int n = 0;
  void* buf = nullptr;
  if (sqlite3session_changeset(session, &n, &buf) != SQLITE_OK) return db_error(d.db, "building the changeset");
  std::string out(static_cast<const char*>(buf), static_cast<size_t>(n));
  sqlite3_free(buf);
  return out;
}

namespace {

// SQLite's changeset reader trusts its input: a malformed changeset can crash
// or hang sqlite3changeset_apply (and even sqlite3changeset_next). Deltas are
// verified by hash against a signed manifest before they get here, but a
// kiosk must not crash even if a signing key were misused, so parse the
// changeset format (sqlite.org/sessionintro.html, "changeset format")
// strictly first: known tables with their real shape and primary key, every
// value well-formed and inside the buffer, every value an operation needs
// present. Only then is SQLite given it.
class ChangesetChecker {
 public:
  ChangesetChecker(const std::string& data, std::map<std::string, std::vector<bool>> tables)
      : p_(reinterpret_cast<const unsigned char*>(data.data())), end_(p_ + data.size()), tables_(std::move(tables)) {}

  Status check() {
    while (p_ < end_) {
      if (*p_ == 'T') {
        ++p_;
        if (!table_header()) return bad("bad table header");
      } else {
        if (ncol_ == 0) return bad("change before any table");
        int op = *p_++;
        if (p_ >= end_) return bad("truncated change");
        ++p_;  // indirect flag
        if (op == SQLITE_INSERT) {
          if (!record(false)) return bad("bad insert");
        } else if (op == SQLITE_DELETE) {
          if (!record(false)) return bad("bad delete");
        } else if (op == SQLITE_UPDATE) {
          if (!record(true, true) || !record(true)) return bad("bad update");
        } else {
          return bad("unknown operation");
        }
      }
    }
    return {};
  }

 private:
  const unsigned char* p_;
  const unsigned char* end_;
  std::map<std::string, std::vector<bool>> tables_;
  size_t ncol_ = 0;
  std::vector<bool> pk_;

  static Status bad(const std::string& why) { return make_error(ErrorCode::Invalid, "the delta is malformed: " + why); }

  bool varint(uint64_t& v) {
    v = 0;
    for (int i = 0; i < 9; ++i) {
      if (p_ >= end_) return false;
      unsigned char b = *p_++;
      if (i == 8) {
        v = (v << 8) | b;
        return true;
      }
      v = (v << 7) | (b & 0x7f);
      if (!(b & 0x80)) return true;
    }
    return false;
  }

  bool table_header() {
    uint64_t n = 0;
    if (!varint(n) || n == 0 || n > 64 || static_cast<uint64_t>(end_ - p_) < n) return false;
    std::vector<bool> pk;
    for (uint64_t i = 0; i < n; ++i) pk.push_back(*p_++ != 0);
    const unsigned char* name_end = std::find(p_, end_, '\0');
    if (name_end == end_) return false;
    std::string name(reinterpret_cast<const char*>(p_), static_cast<size_t>(name_end - p_));
    p_ = name_end + 1;
    auto it = tables_.find(name);
    if (it == tables_.end() || it->second != pk) return false;
    ncol_ = n;
    pk_ = pk;
    return true;
  }

  // One value; `undefined_ok` allows the "no value" marker of updates.
  bool value(bool undefined_ok, bool must_be_defined) {
    if (p_ >= end_) return false;
    int type = *p_++;
    switch (type) {
      case 0:
        return undefined_ok && !must_be_defined;
      case 1:
      case 2:
        if (end_ - p_ < 8) return false;
        p_ += 8;
        return true;
      case 3:
      case 4: {
        uint64_t n = 0;
        if (!varint(n) || static_cast<uint64_t>(end_ - p_) < n) return false;
        p_ += n;
        return true;
      }
      case 5:
        return true;
      default:
        return false;
    }
  }

  // A full row of values. In the old half of an update, the primary key
  // columns must carry values.
  bool record(bool is_update, bool old_half = false) {
    for (size_t c = 0; c < ncol_; ++c)
      if (!value(is_update, is_update && old_half && pk_[c])) return false;
    return true;
  }
};

Status validate_changeset(sqlite3* db, const std::string& changeset) {
  std::map<std::string, std::vector<bool>> tables;  // table -> primary key flags per column
  for (const auto& t : content::content_tables()) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, ("PRAGMA table_info(\"" + t + "\")").c_str(), -1, &st, nullptr);
    std::vector<bool> pk;
    while (sqlite3_step(st) == SQLITE_ROW) pk.push_back(sqlite3_column_int(st, 5) > 0);
    sqlite3_finalize(st);
    tables[t] = pk;
  }
  return ChangesetChecker(changeset, std::move(tables)).check();
}

}  // namespace

Result<content::DerivedScope> derived_scope_of(const std::string& db_path, const std::string& changeset) {
  content::DerivedScope scope;
  Db d;
  if (auto s = open_db(d, db_path, false); !s) return s.take_error();
  if (auto s = validate_changeset(d.db, changeset); !s) return s.take_error();
  sqlite3_changeset_iter* it = nullptr;
  if (sqlite3changeset_start(&it, static_cast<int>(changeset.size()), const_cast<char*>(changeset.data())) != SQLITE_OK)
    return make_error(ErrorCode::Invalid, "delta: not a changeset");
  auto text = [](sqlite3_value* v) {
    const unsigned char* t = v ? sqlite3_value_text(v) : nullptr;
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  };
  while (sqlite3changeset_next(it) == SQLITE_ROW) {
    const char* table = nullptr;
    int ncol = 0, op = 0, indirect = 0;
    sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
    // Primary key values: in the old record for deletes and updates.
    auto key = [&](int col) {
      sqlite3_value* v = nullptr;
      if (op == SQLITE_INSERT)
        sqlite3changeset_new(it, col, &v);
      else
        sqlite3changeset_old(it, col, &v);
      return text(v);
    };
    std::string t = table ? table : "";
    if (t == "service" || t == "service_category" || t == "service_language" || t == "phone" || t == "schedule" ||
        t == "schedule_exception" || t == "service_at_location") {
      scope.services.insert(key(0));
    } else if (t == "article" || t == "article_text") {
      scope.articles.insert(key(0));
    } else if (t == "tr") {
      std::string entity = key(0), id = key(1), field = key(2);
      if (entity == "service") scope.services.insert(id);
      // Organization and category names are in the summaries of many services.
      if ((entity == "organization" || entity == "category") && field == "name") scope.everything = true;
    } else if (t == "language" || t == "ui_string" || t == "topic" || t == "centre" || t == "emergency_number" ||
               t == "organization" || t == "category" || t == "location") {
      // Not in the search rows (locations: only the spatial index, rebuilt anyway).
    } else {
      scope.everything = true;
    }
  }
  sqlite3changeset_finalize(it);
  if (scope.services.size() + scope.articles.size() > 2000) scope.everything = true;
  return scope;
}

Status apply_delta(const std::string& db_path, const std::string& changeset) {
  Db d;
  if (auto s = open_db(d, db_path, true); !s) return s;
  if (auto s = validate_changeset(d.db, changeset); !s) return s;
  sqlite3_exec(d.db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  if (sqlite3_exec(d.db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return db_error(d.db, db_path);
  int conflicts = 0;
  auto on_conflict = [](void* ctx, int, sqlite3_changeset_iter*) -> int {
    ++*static_cast<int*>(ctx);
    return SQLITE_CHANGESET_ABORT;
  };
  int rc = sqlite3changeset_apply(d.db, static_cast<int>(changeset.size()), const_cast<char*>(changeset.data()),
                                  nullptr, on_conflict, &conflicts);
  if (rc != SQLITE_OK || conflicts) {
    std::string msg = conflicts ? "the delta does not fit this database (" + std::to_string(conflicts) + " conflicts)"
                                : std::string("cannot apply the delta: ") + sqlite3_errmsg(d.db);
    sqlite3_exec(d.db, "ROLLBACK", nullptr, nullptr, nullptr);
    return make_error(ErrorCode::Invalid, msg);
  }
  // Foreign keys are checked at commit.
  if (sqlite3_exec(d.db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(d.db);
    sqlite3_exec(d.db, "ROLLBACK", nullptr, nullptr, nullptr);
    return make_error(ErrorCode::Invalid, "the delta breaks the database: " + msg);
  }
  return {};
}

Status compress_file(const std::string& in_path, const std::string& out_path, int level) {
  std::ifstream in(in_path, std::ios::binary);
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!in || !out) return make_error(ErrorCode::Io, "cannot compress " + in_path + " to " + out_path);
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_nbWorkers, 0);
  std::vector<char> ibuf(ZSTD_CStreamInSize()), obuf(ZSTD_CStreamOutSize());
  bool last = false;
  while (!last) {
    in.read(ibuf.data(), static_cast<std::streamsize>(ibuf.size()));
    size_t got = static_cast<size_t>(in.gcount());
    last = got < ibuf.size();
    ZSTD_inBuffer input{ibuf.data(), got, 0};
    ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
    bool finished = false;
    while (!finished) {
      ZSTD_outBuffer output{obuf.data(), obuf.size(), 0};
      size_t remaining = ZSTD_compressStream2(cctx.get(), &output, &input, mode);
      if (ZSTD_isError(remaining))
        return make_error(ErrorCode::Io, std::string("zstd: ") + ZSTD_getErrorName(remaining));
      out.write(obuf.data(), static_cast<std::streamsize>(output.pos));
      finished = last ? (remaining == 0) : (input.pos == input.size);
    }
  }
  out.flush();
  if (!out) return make_error(ErrorCode::Io, out_path + ": write failed");
  return {};
}

Status decompress_file(const std::string& in_path, const std::string& out_path, uint64_t max_out) {
  std::ifstream in(in_path, std::ios::binary);
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!in || !out) return make_error(ErrorCode::Io, "cannot decompress " + in_path);
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  std::vector<char> ibuf(ZSTD_DStreamInSize()), obuf(ZSTD_DStreamOutSize());
  uint64_t total = 0;
  size_t last_ret = 0;
  while (in) {
    in.read(ibuf.data(), static_cast<std::streamsize>(ibuf.size()));
    size_t got = static_cast<size_t>(in.gcount());
    if (!got) break;
    ZSTD_inBuffer input{ibuf.data(), got, 0};
    while (input.pos < input.size) {
      ZSTD_outBuffer output{obuf.data(), obuf.size(), 0};
      last_ret = ZSTD_decompressStream(dctx.get(), &output, &input);
      if (ZSTD_isError(last_ret))
        return make_error(ErrorCode::Invalid, in_path + ": corrupt zstd data (" + ZSTD_getErrorName(last_ret) + ")");
      total += output.pos;
      if (total > max_out) return make_error(ErrorCode::Invalid, in_path + ": decompresses to more than declared");
      out.write(obuf.data(), static_cast<std::streamsize>(output.pos));
    }
  }
  if (last_ret != 0) return make_error(ErrorCode::Invalid, in_path + ": truncated zstd data");
  out.flush();
  if (!out) return make_error(ErrorCode::Io, out_path + ": write failed");
  return {};
}

Result<std::string> compress(const std::string& data, int level) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
  if (ZSTD_isError(n)) return make_error(ErrorCode::Io, std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

Result<std::string> decompress(const std::string& data, uint64_t max_out) {
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  std::string out;
  std::vector<char> obuf(ZSTD_DStreamOutSize());
  ZSTD_inBuffer input{data.data(), data.size(), 0};
  size_t ret = 1;
  while (input.pos < input.size) {
    ZSTD_outBuffer output{obuf.data(), obuf.size(), 0};
    ret = ZSTD_decompressStream(dctx.get(), &output, &input);
    if (ZSTD_isError(ret))
      return make_error(ErrorCode::Invalid, std::string("corrupt zstd data: ") + ZSTD_getErrorName(ret));
    out.append(obuf.data(), output.pos);
    if (out.size() > max_out) return make_error(ErrorCode::Invalid, "data decompresses to more than declared");
  }
  if (ret != 0) return make_error(ErrorCode::Invalid, "truncated zstd data");
  return out;
}

Status fsync_path(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return make_error(ErrorCode::Io, path + ": cannot open for fsync");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return make_error(ErrorCode::Io, path + ": fsync failed");
  return {};
}

Status copy_file_synced(const std::string& from, const std::string& to) {
  {
    std::ifstream in(from, std::ios::binary);
    std::ofstream out(to, std::ios::binary | std::ios::trunc);
    if (!in || !out) return make_error(ErrorCode::Io, "cannot copy " + from + " to " + to);
    out << in.rdbuf();
    out.flush();
    if (!out) return make_error(ErrorCode::Io, to + ": write failed");
  }
  return fsync_path(to);
}

}  // namespace faro::sync
