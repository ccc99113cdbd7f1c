// Versions in one place (CONVENTIONS.md §10).
//
// kSchemaVersion: content database schema (PRAGMA user_version).
//   1  2026-11  first schema: languages, topics, articles, HSDS directory with
//               translation overlay, centres, UI strings, FTS5 search index.
//   2  2026-11  schedule_exception: dated closures and special hours.
#pragma once

namespace faro {

inline constexpr int kSchemaVersion = 2;

// Version of the authoring source format (docs/authoring.md).
inline constexpr int kSourceFormatVersion = 1;

}  // namespace faro
