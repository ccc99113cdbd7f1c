// Store: the typed API over one content database (content.db).
//
// Ownership: a Store owns one SQLite connection. It is NOT thread-safe: use
// one Store per thread (the kiosk's UI thread has its own; sync opens another).
// Errors: every query returns Result<T>; a missing id is ErrorCode::NotFound.
// Languages: every query takes the visitor's language tag; texts come back
// with the language they were found in after fallback (LocalizedText::lang).
// The fallback chain depends on the centre set with set_centre() (per-centre
// chains override per-language ones).
//
// No SQL leaves content/: callers use these functions only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "content/lang.h"
#include "content/model.h"
#include "content/result.h"

namespace faro::content {

struct ServiceQuery {
  std::string lang;      // visitor's language
  std::string centre;    // only this centre's services; empty = all
  std::string category;  // empty = any
  std::string spoken;    // a language spoken by staff; empty = any
  bool free_only = false;
  bool include_inactive = false;    // inactive services are hidden by default
  std::optional<int64_t> open_at;   // unix seconds: only services open then
  std::optional<GeoPoint> near;     // nearest first from this point
  std::optional<double> within_km;  // with `near`: only this close
  size_t limit = 0;                 // 0 = all
};

// The tables that hold content, in a fixed order: what a release carries,
// what the content hash covers and what deltas change. Everything else in a
// content database is derived (search, spatial index) or local (meta).
const std::vector<std::string>& content_tables();

// The entities a change to the content touches in the derived search index.
struct DerivedScope {
  std::set<std::string> services, articles;
  bool everything = false;  // too many, or not known: rebuild all derived data
};
struct DerivedCapture;  // a scope's index rows before a change (opaque)
struct DerivedCaptureFree {
  void operator()(DerivedCapture* p) const;
};
using DerivedCapturePtr = std::unique_ptr<DerivedCapture, DerivedCaptureFree>;

class Store {
 public:
  // ReadWrite switches the file to WAL. ReadWriteRollback writes in rollback
  // journal mode instead: for a database that is replaced by rename while
  // others read it (a WAL file's -wal/-shm sidecars are found by name and
  // would be shared by the old and the new file).
  enum class Mode { ReadOnly, ReadWrite, ReadWriteRollback };

  // Opens an existing database, applying pending migrations in ReadWrite
  // mode. Fails with Unsupported if the file's schema is newer than this
  // program's, and with NotFound if there is no file.
  static Result<std::unique_ptr<Store>> open(const std::string& path, Mode mode = Mode::ReadOnly);

  // Creates a new database with the current schema. The file must not exist.
  static Result<std::unique_ptr<Store>> create(const std::string& path);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The centre whose fallback chains apply (empty: per-language chains).
  void set_centre(std::string centre_id);
  // The language chain used for `lang`.
  std::vector<std::string> chain(const std::string& lang) const;

  Result<std::vector<Language>> languages();
  Result<std::vector<Topic>> topic_tree(const std::string& lang);
  Result<std::vector<ArticleSummary>> articles_in_topic(const std::string& topic, const std::string& lang);
  Result<std::vector<ArticleSummary>> articles_of_kind(ArticleKind kind, const std::string& lang);
  Result<Article> article(const std::string& id, const std::string& lang);
  Result<std::vector<Category>> categories(const std::string& lang);
  Result<std::vector<ServiceSummary>> services(const ServiceQuery& q);
  Result<Service> service(const std::string& id, const std::string& lang);
  Result<std::vector<Centre>> centres(const std::string& lang);
  Result<Centre> centre(const std::string& id, const std::string& lang);

  // Every UI string key with its text in `lang` (after fallback).
  Result<std::map<std::string, LocalizedText>> ui_strings(const std::string& lang);

  // Full-text search across articles and services in every language. `query`
  // is user text, never syntax: quotes, operators and FTS5 characters are
  // treated as plain characters. The last word matches as a prefix
  // (type-ahead). Results are ranked by bm25 with title weight and a boost
  // for texts in the asked language, one hit per article or service, titled
  // in the asked language with fallback.
  Result<std::vector<SearchHit>> search(const std::string& query, const std::string& lang, size_t limit = 20);

  // Rebuilds the derived search index from the content tables.
  Status rebuild_search_index();
  // Rebuilds all derived data (spatial index, search index). Sync calls this
  // after applying a release: derived data is never synced.
  Status rebuild_derived();
  // For a small change: capture_derived() before it reads the index rows of
  // the scope's entities; update_derived() after it replaces exactly those
  // rows and rebuilds the spatial index (everything, if the scope says so).
  // The 1-3 character completions stay as they were (search filters out
  // entities that went inactive or away) until the next full rebuild.
  Result<DerivedCapturePtr> capture_derived(const DerivedScope& scope);
  Status update_derived(const DerivedCapture& before);
  // Runs PRAGMA integrity_check; ok() when the database is sound.
  Status integrity_check();

  // An explicit write transaction (BEGIN IMMEDIATE ... COMMIT/ROLLBACK), for
  // callers that must order this database's commit against another's.
  Status begin_write();
  Status commit();
  void rollback();

  // Metadata (release number, build time, source format, ...).
  Result<std::string> meta(const std::string& key);
  Status set_meta(const std::string& key, const std::string& value);

  int schema_version() const;

  struct Impl;
  Impl& impl() { return *impl_; }  // for content/ internals (builder)

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace faro::content
