// Release artifacts: the canonical content hash of a content database,
// row-level deltas between two databases (SQLite session extension), and
// zstd compression of files. Functions are reentrant; each opens its own
// connections.
#pragma once

#include <string>

#include "content/result.h"
#include "content/store.h"
#include "sync/metadata.h"

namespace faro::sync {

// SHA-256 over a canonical dump of every row of every content table
// (content::content_tables(), in order, rows ordered by all columns, values
// tagged by type). Derived tables and `meta` are not covered, so a kiosk can
// prove its database equals a release whatever it rebuilt locally.
Result<std::string> content_hash(const std::string& db_path);

// The content split by scope (metadata.h ScopeDigests): each content row
// goes to the centre(s) whose services own it, or to "outside".
Result<ScopeDigests> scope_digests(const std::string& db_path);

// The changeset that turns `old_db` into `new_db` (content tables only).
Result<std::string> make_delta(const std::string& old_db, const std::string& new_db);

// The services and articles whose search rows a changeset touches (it is
// checked first, like apply_delta does); `everything` when it changes names
// many rows carry or more than 2,000 entities. `db_path`: the database it
// applies to (for its schema).
Result<content::DerivedScope> derived_scope_of(const std::string& db_path, const std::string& changeset);

// Applies a changeset to `db_path` in one transaction; any conflict aborts
// and leaves the file as it was.
Status apply_delta(const std::string& db_path, const std::string& changeset);

// zstd, streaming, file to file. `max_out` bounds the decompressed size.
Status compress_file(const std::string& in, const std::string& out, int level = 12);
Status decompress_file(const std::string& in, const std::string& out, uint64_t max_out);
Result<std::string> compress(const std::string& data, int level = 19);
Result<std::string> decompress(const std::string& data, uint64_t max_out);

// Copies a file and fsyncs the copy.
Status copy_file_synced(const std::string& from, const std::string& to);
// fsync a file or a directory by path.
Status fsync_path(const std::string& path);

}  // namespace faro::sync
