// Internal: registers the "faro" FTS5 tokenizer (ICU word breaking + search
// folding from content/text.h) on a connection.
#pragma once

#include <sqlite3.h>

#include "content/result.h"

namespace faro::content {

Status register_faro_tokenizer(sqlite3* db);

}  // namespace faro::content
