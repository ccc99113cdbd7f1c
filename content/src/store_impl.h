// Internal: the state behind content::Store, shared with the builder.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>

#include "content/lang.h"
#include "content/store.h"
#include "sqlite.h"

namespace faro::content {

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  Mode mode = Mode::ReadOnly;
  std::string centre;
  std::optional<lang::FallbackResolver> resolver;  // built on first use

  ~Impl() {
    if (db) sqlite3_close_v2(db);
  }
  const lang::FallbackResolver& fallback();
};

// SQL fragment "CASE <col> WHEN 'a' THEN 0 WHEN 'b' THEN 1 ... ELSE 99 END"
// for a chain of canonical tags (anything else is dropped, so the fragment is
// always safe to splice).
std::string lang_rank_sql(const std::string& column, const std::vector<std::string>& chain);

}  // namespace faro::content
