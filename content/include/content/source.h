// The authoring source tree (docs/authoring.md): validation, building a
// content database from it, and translation bookkeeping.
//
// Errors in the tree are Diagnostics ("path:line: message"), all of them in
// one pass, never just the first. Functions are reentrant; they read the tree
// from disk on every call.
#pragma once

#include <string>
#include <vector>

#include "content/result.h"

namespace faro::content {

struct Diagnostic {
  std::string path;  // as given (relative to the working directory when the tree is)
  int line = 0;      // 1-based; 0 when the problem is the file as a whole
  std::string message;
  std::string to_string() const;  // "path:line: message"
};

struct TreeStats {
  size_t languages = 0, topics = 0, articles = 0, translations = 0, services = 0, centres = 0, ui_strings = 0;
};

// Loads and checks the whole tree at `dir`. An empty list means valid.
std::vector<Diagnostic> validate_tree(const std::string& dir, TreeStats* stats = nullptr);

struct BuildResult {
  std::vector<Diagnostic> diagnostics;  // non-empty: nothing was written
  TreeStats stats;
};

// Validates `dir` and, if it is valid, writes a complete content database
// (with its search index) to `out`. The database is built beside `out` under
// a temporary name and renamed over it only when complete, so a failed build
// leaves an existing `out` untouched. Fails (Result error) on I/O or SQLite
// errors; content problems come back as diagnostics.
Result<BuildResult> build_database(const std::string& dir, const std::string& out);

// The source hash a translation of `article` must carry: a hash of the
// source-language file's title, summary and body.
Result<std::string> article_source_hash(const std::string& dir, const std::string& article);

// Records in articles/ARTICLE/LANG.md that it translates the current source
// (writes its source_hash). Fails if the file is not a translation.
Status mark_translated(const std::string& dir, const std::string& article, const std::string& lang);

}  // namespace faro::content
