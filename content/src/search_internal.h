// Internal: the search index rows of one service, shared by the full
// rebuild and the per-service re-index that a directory edit runs.
#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

#include "content/result.h"

namespace faro::content {

struct SearchRow {
  std::string lang, title, summary, body;
};

// What rebuild_search_index writes for service `id` (empty when the service
// is inactive or unknown).
Result<std::vector<SearchRow>> service_search_rows(sqlite3* db, const std::string& id);

// Replaces the index rows of service `id`. `old_rows` must be what
// service_search_rows returned before the service changed: a contentless
// FTS5 index removes a row only given the values it indexed. The 1-3
// character completions are not updated (they catch up on the next full
// rebuild, i.e. the next release).
Status reindex_service(sqlite3* db, const std::string& id, const std::vector<SearchRow>& old_rows);

}  // namespace faro::content
