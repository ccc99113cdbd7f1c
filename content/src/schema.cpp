// The content database schema and its migrations (PRAGMA user_version).
// Versions and their change log live in content/versions.h.
#include "schema.h"

namespace faro::content {

// Migration i takes the schema from version i to version i + 1.
const std::vector<std::string_view>& migrations() {
  static const std::vector<std::string_view> kMigrations = {
      // 0 -> 1
      R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE language (
  tag       TEXT PRIMARY KEY,
  name      TEXT NOT NULL,           -- endonym
  english   TEXT NOT NULL,
  script    TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('ltr', 'rtl')),
  fallback  TEXT NOT NULL DEFAULT '', -- space-separated tags
  sort      INTEGER NOT NULL
) WITHOUT ROWID;

-- Translation overlay: every human-readable field of every entity, per language.
CREATE TABLE tr (
  entity TEXT NOT NULL,   -- topic | category | organization | service | location | centre | emergency
  id     TEXT NOT NULL,
  field  TEXT NOT NULL,
  lang   TEXT NOT NULL REFERENCES language(tag),
  text   TEXT NOT NULL,
  PRIMARY KEY (entity, id, field, lang)
) WITHOUT ROWID;

CREATE TABLE ui_string (
  key  TEXT NOT NULL,
  lang TEXT NOT NULL REFERENCES language(tag),
  text TEXT NOT NULL,
  PRIMARY KEY (key, lang)
) WITHOUT ROWID;

CREATE TABLE topic (
  id     TEXT PRIMARY KEY,
  parent TEXT REFERENCES topic(id),
  icon   TEXT NOT NULL,
  sort   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE article (
  id          TEXT PRIMARY KEY,
  topic       TEXT NOT NULL REFERENCES topic(id),
  kind        TEXT NOT NULL CHECK (kind IN ('info', 'warning', 'emergency')),
  severity    TEXT NOT NULL DEFAULT 'none' CHECK (severity IN ('none', 'low', 'medium', 'high', 'critical')),
  sort        INTEGER NOT NULL,
  source_lang TEXT NOT NULL REFERENCES language(tag)
) WITHOUT ROWID;
CREATE INDEX article_topic ON article(topic, sort);

CREATE TABLE article_text (
  article  TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
  lang     TEXT NOT NULL REFERENCES language(tag),
  title    TEXT NOT NULL,
  summary  TEXT NOT NULL,
  body     TEXT NOT NULL,           -- Markdown
  status   TEXT NOT NULL CHECK (status IN ('draft', 'reviewed')),
  reviewed TEXT NOT NULL,           -- YYYY-MM-DD
  PRIMARY KEY (article, lang)
) WITHOUT ROWID;

CREATE TABLE category (
  id   TEXT PRIMARY KEY,
  icon TEXT NOT NULL,
  sort INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE centre (
  id        TEXT PRIMARY KEY,
  latitude  REAL NOT NULL,
  longitude REAL NOT NULL,
  timezone  TEXT NOT NULL,
  languages TEXT NOT NULL,          -- space-separated tile order
  fallback  TEXT NOT NULL DEFAULT '' -- JSON-free: "tag:fb1,fb2;tag2:..."
) WITHOUT ROWID;

CREATE TABLE emergency_number (
  centre TEXT NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
  sort   INTEGER NOT NULL,
  number TEXT NOT NULL,
  PRIMARY KEY (centre, sort)
) WITHOUT ROWID;

-- Open Referral HSDS 3.0 core, with ids as text.
CREATE TABLE organization (
  id    TEXT PRIMARY KEY,
  url   TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE service (
  id            TEXT PRIMARY KEY,
  organization  TEXT NOT NULL REFERENCES organization(id),
  centre        TEXT NOT NULL REFERENCES centre(id),
  status        TEXT NOT NULL CHECK (status IN ('active', 'temporarily-closed', 'inactive')),
  free          INTEGER NOT NULL CHECK (free IN (0, 1)),
  url           TEXT NOT NULL DEFAULT '',
  email         TEXT NOT NULL DEFAULT '',
  timezone      TEXT NOT NULL DEFAULT '', -- of the schedule
  last_verified TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX service_centre ON service(centre);

CREATE TABLE service_category (
  service  TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  category TEXT NOT NULL REFERENCES category(id),
  PRIMARY KEY (service, category)
) WITHOUT ROWID;
CREATE INDEX service_category_by_category ON service_category(category, service);

CREATE TABLE service_language (
  service TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  lang    TEXT NOT NULL,   -- spoken; need not be a content language
  PRIMARY KEY (service, lang)
) WITHOUT ROWID;
CREATE INDEX service_language_by_lang ON service_language(lang, service);

CREATE TABLE phone (
  service TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  sort    INTEGER NOT NULL,
  number  TEXT NOT NULL,
  type    TEXT NOT NULL CHECK (type IN ('voice', 'sms', 'hotline', 'whatsapp', 'fax')),
  PRIMARY KEY (service, sort)
) WITHOUT ROWID;

CREATE TABLE location (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,   -- stable id from the source
  address_1   TEXT NOT NULL DEFAULT '',
  city        TEXT NOT NULL DEFAULT '',
  region      TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  country     TEXT NOT NULL DEFAULT '',
  latitude    REAL,
  longitude   REAL
);

CREATE TABLE service_at_location (
  service  TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  location INTEGER NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  PRIMARY KEY (service, location)
) WITHOUT ROWID;
CREATE INDEX service_at_location_by_location ON service_at_location(location);

-- Weekly opening hours in service.timezone. weekday 1 = Monday .. 7 = Sunday;
-- minutes since local midnight; closes < opens runs past midnight.
CREATE TABLE schedule (
  service TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens   INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),
  closes  INTEGER NOT NULL CHECK (closes BETWEEN 0 AND 1440),
  PRIMARY KEY (service, weekday, opens)
) WITHOUT ROWID;

-- Spatial index of located places (derived from location; rebuilt with it).
CREATE VIRTUAL TABLE location_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
)sql",
      // 1 -> 2
      R"sql(
-- Dated exceptions to the weekly hours, in service.timezone: on `date` the
-- service keeps these hours instead (opens = closes = 0: closed all day).
CREATE TABLE schedule_exception (
  service TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  date    TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  opens   INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),
  closes  INTEGER NOT NULL CHECK (closes BETWEEN 0 AND 1440),
  PRIMARY KEY (service, date, opens)
) WITHOUT ROWID;
)sql",
  };
  return kMigrations;
}

// Derived full-text index: rebuilt from content, never synced.
//  - search_index: contentless FTS5 (the texts live in the content tables;
//    a copy would double the database), positions kept for phrase matching
//    of Han text; rowid = search_doc.id.
//  - search_doc: what each FTS row is (article or service, id, language).
//  - search_prefix: type-ahead completions for one- to three-character
//    prefixes, whose FTS5 matches would be too many to rank per keystroke:
//    the best few entities per (language, prefix), precomputed.
std::string_view search_index_ddl() {
  return R"sql(
DROP TABLE IF EXISTS search_index;
DROP TABLE IF EXISTS search_doc;
DROP TABLE IF EXISTS search_prefix;
CREATE VIRTUAL TABLE search_index USING fts5(
  title, summary, body,
  content = '', tokenize = 'faro', detail = 'full'
);
CREATE TABLE search_doc (
  id     INTEGER PRIMARY KEY,
  kind   TEXT NOT NULL,
  entity TEXT NOT NULL,
  lang   TEXT NOT NULL
);
CREATE TABLE search_prefix (
  lang    TEXT NOT NULL,
  prefix  TEXT NOT NULL,
  entries TEXT NOT NULL,   -- space-separated "a:ID" / "s:ID", best first
  PRIMARY KEY (lang, prefix)
) WITHOUT ROWID;
)sql";
}

}  // namespace faro::content
