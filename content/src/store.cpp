#include "content/store.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include "content/hours.h"
#include "content/text.h"
#include "content/versions.h"
#include "fts_tokenizer.h"
#include "schema.h"
#include "store_impl.h"

namespace faro::content {

using sql::Stmt;

namespace {

bool is_safe_tag(const std::string& t) {
  if (t.empty() || t.size() > 35) return false;
  for (char c : t)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Picks the text of the first language of `chain` present in `by_lang`;
// failing that, any text (so the visitor sees something rather than nothing).
LocalizedText pick(const std::map<std::string, std::string>& by_lang, const std::vector<std::string>& chain) {
  for (const auto& l : chain) {
    auto it = by_lang.find(l);
    if (it != by_lang.end()) return {it->second, l};
  }
  if (!by_lang.empty()) return {by_lang.begin()->second, by_lang.begin()->first};
  return {};
}

LocalizedText split_lang_text(const std::string& packed) {
  // Packed as "lang\x1ftext" by the list queries.
  auto pos = packed.find('\x1f');
  if (pos == std::string::npos) return {};
  return {packed.substr(pos + 1), packed.substr(0, pos)};
}

Status configure(sqlite3* db, bool wal) {
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  if (auto s = sql::exec(db, "PRAGMA foreign_keys = ON;"); !s) return s;
  if (wal) {
    if (auto s = sql::exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"); !s) return s;
  }
  return register_faro_tokenizer(db);
}

Status migrate(sqlite3* db) {
  Stmt v(db, "PRAGMA user_version");
  int version = v.step() ? v.i32(0) : 0;
  const auto& steps = migrations();
  if (version > static_cast<int>(steps.size()))
    return make_error(ErrorCode::Unsupported, "database schema version " + std::to_string(version) +
                                                  " is newer than this program supports (" +
                                                  std::to_string(steps.size()) + ")");
  for (int i = version; i < static_cast<int>(steps.size()); ++i) {
    if (auto s = sql::exec(db, "BEGIN IMMEDIATE"); !s) return s;
    Status s = sql::exec(db, steps[static_cast<size_t>(i)]);
    if (s) s = sql::exec(db, "PRAGMA user_version = " + std::to_string(i + 1));
    if (!s) {
      (void)sql::exec(db, "ROLLBACK");
      return make_error(ErrorCode::Database,
                        "migration to schema " + std::to_string(i + 1) + " failed: " + s.error().message);
    }
    if (auto c = sql::exec(db, "COMMIT"); !c) return c;
  }
  return {};
}

}  // namespace

std::string lang_rank_sql(const std::string& column, const std::vector<std::string>& chain) {
  std::string s = "CASE " + column;
  int rank = 0;
  for (const auto& t : chain) {
    if (!is_safe_tag(t)) continue;
    s += " WHEN '" + t + "' THEN " + std::to_string(rank++);
  }
  if (rank == 0) return "99";
  s += " ELSE 99 END";
  return s;
}

const lang::FallbackResolver& Store::Impl::fallback() {
  if (resolver) return *resolver;
  std::vector<lang::LanguageInfo> langs;
  Stmt q(db, "SELECT tag, name, english, script, direction, fallback FROM language ORDER BY sort");
  while (q.step()) {
    lang::LanguageInfo l;
    l.tag = q.text(0);
    l.name = q.text(1);
    l.english = q.text(2);
    l.script = q.text(3);
    l.direction = q.text(4) == "rtl" ? lang::Direction::Rtl : lang::Direction::Ltr;
    l.fallback = split(q.text(5), ' ');
    langs.push_back(std::move(l));
  }
  std::map<std::string, std::vector<std::string>> overrides;
  if (!centre.empty()) {
    Stmt c(db, "SELECT fallback FROM centre WHERE id = ?1");
    c.bind(1, centre);
    if (c.step()) {
      for (const auto& entry : split(c.text(0), ';')) {
        auto colon = entry.find(':');
        if (colon == std::string::npos) continue;
        overrides[entry.substr(0, colon)] = split(entry.substr(colon + 1), ',');
      }
    }
  }
  resolver.emplace(std::move(langs), std::move(overrides));
  return *resolver;
}

const std::vector<std::string>& content_tables() {
  static const std::vector<std::string> kTables = {"language",         "tr",
                                                   "ui_string",        "topic",
                                                   "article",          "article_text",
                                                   "category",         "centre",
                                                   "emergency_number", "organization",
                                                   "service",          "service_category",
                                                   "service_language", "phone",
                                                   "location",         "service_at_location",
                                                   "schedule",         "schedule_exception"};
  return kTables;
}

Status Store::rebuild_derived() {
  sqlite3* db = impl_->db;
  if (auto s = sql::exec(db, "SAVEPOINT rebuild_derived"); !s) return s;
  Status s = sql::exec(db,
                       "DELETE FROM location_rtree;"
                       "INSERT INTO location_rtree(id, min_lat, max_lat, min_lon, max_lon) "
                       "SELECT id, latitude, latitude, longitude, longitude FROM location "
                       "WHERE latitude IS NOT NULL AND longitude IS NOT NULL;");
  if (s) s = rebuild_search_index();
  if (!s) {
    (void)sql::exec(db, "ROLLBACK TO rebuild_derived; RELEASE rebuild_derived");
    return s;
  }
  return sql::exec(db, "RELEASE rebuild_derived");
}

Status Store::begin_write() {
  return sql::exec(impl_->db, "BEGIN IMMEDIATE");
}
Status Store::commit() {
  return sql::exec(impl_->db, "COMMIT");
}
void Store::rollback() {
  if (!sqlite3_get_autocommit(impl_->db)) (void)sql::exec(impl_->db, "ROLLBACK");
}

Status Store::integrity_check() {
  Stmt q(impl_->db, "PRAGMA integrity_check");
  std::string first;
  if (q.step()) first = q.text(0);
  if (!q.status()) return q.status();
  if (first != "ok") return make_error(ErrorCode::Database, impl_->path + ": integrity check failed: " + first);
  return {};
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::string& path, Mode mode) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return make_error(ErrorCode::NotFound, path + ": no such content database");
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->mode = mode;
  int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (sqlite3_open_v2(path.c_str(), &impl->db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    return sql::db_error(impl->db, path + ": cannot open");
  if (auto s = configure(impl->db, mode == Mode::ReadWrite); !s)
    return make_error(s.error().code, path + ": " + s.error().message);
  if (mode != Mode::ReadOnly) {
    if (auto s = migrate(impl->db); !s) return make_error(s.error().code, path + ": " + s.error().message);
  } else {
    Stmt v(impl->db, "PRAGMA user_version");
    int version = v.step() ? v.i32(0) : 0;
    if (!v.status())
      return make_error(ErrorCode::Database, path + ": not a content database (" + v.status().error().message + ")");
    if (version != kSchemaVersion)
      return make_error(version > kSchemaVersion ? ErrorCode::Unsupported : ErrorCode::Invalid,
                        path + ": schema version " + std::to_string(version) + ", this program reads " +
                            std::to_string(kSchemaVersion));
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Result<std::unique_ptr<Store>> Store::create(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return make_error(ErrorCode::Invalid, path + ": already exists");
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->mode = Mode::ReadWrite;
  if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    return sql::db_error(impl->db, path + ": cannot create");
  if (auto s = configure(impl->db, true); !s) return make_error(s.error().code, path + ": " + s.error().message);
  if (auto s = migrate(impl->db); !s) return make_error(s.error().code, path + ": " + s.error().message);
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

int Store::schema_version() const {
  Stmt v(impl_->db, "PRAGMA user_version");
  return v.step() ? v.i32(0) : 0;
}

void Store::set_centre(std::string centre_id) {
  impl_->centre = std::move(centre_id);
  impl_->resolver.reset();
}

std::vector<std::string> Store::chain(const std::string& lang) const {
  return impl_->fallback().chain(lang);
}

Result<std::string> Store::meta(const std::string& key) {
  Stmt q(impl_->db, "SELECT value FROM meta WHERE key = ?1");
  q.bind(1, key);
  if (q.step()) return q.text(0);
  if (!q.status()) return q.status().error();
  return make_error(ErrorCode::NotFound, "no meta value '" + key + "'");
}

Status Store::set_meta(const std::string& key, const std::string& value) {
  Stmt q(impl_->db,
         "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  q.bind(1, key).bind(2, value);
  return q.run();
}

Result<std::vector<Language>> Store::languages() {
  std::vector<Language> out;
  for (const auto& l : impl_->fallback().languages()) {
    out.push_back(Language{l.tag, l.name, l.english, l.script, l.direction, l.fallback});
  }
  return out;
}

namespace {

// All texts of one entity: field -> lang -> text.
using FieldTexts = std::map<std::string, std::map<std::string, std::string>>;

Result<std::map<std::string, FieldTexts>> load_texts(sqlite3* db, const std::string& entity,
                                                     const std::string& id_or_empty) {
  std::map<std::string, FieldTexts> out;
  Stmt q(db, id_or_empty.empty() ? "SELECT id, field, lang, text FROM tr WHERE entity = ?1"
                                 : "SELECT id, field, lang, text FROM tr WHERE entity = ?1 AND id = ?2");
  q.bind(1, entity);
  if (!id_or_empty.empty()) q.bind(2, id_or_empty);
  while (q.step()) out[q.text(0)][q.text(1)][q.text(2)] = q.text(3);
  if (!q.status()) return q.status().error();
  return out;
}

LocalizedText field(const FieldTexts& t, const std::string& name, const std::vector<std::string>& chain) {
  auto it = t.find(name);
  if (it == t.end()) return {};
  return pick(it->second, chain);
}

}  // namespace

Result<std::vector<Topic>> Store::topic_tree(const std::string& lang) {
  auto chain = this->chain(lang);
  auto texts = FARO_TRY(load_texts(impl_->db, "topic", ""));
  std::vector<Topic> all;
  Stmt q(impl_->db, "SELECT id, coalesce(parent, ''), icon, sort FROM topic ORDER BY sort, id");
  while (q.step()) {
    Topic t;
    t.id = q.text(0);
    t.parent = q.text(1);
    t.icon = q.text(2);
    t.order = q.i32(3);
    t.title = field(texts[t.id], "title", chain);
    t.summary = field(texts[t.id], "summary", chain);
    all.push_back(std::move(t));
  }
  if (!q.status()) return q.status().error();
  // Assemble the tree (children keep the sort order of the query).
  std::function<std::vector<Topic>(const std::string&, int)> children_of = [&](const std::string& parent, int depth) {
    std::vector<Topic> out;
    if (depth > 16) return out;  // the validator forbids cycles; this is a guard
    for (const auto& t : all) {
      if (t.parent != parent) continue;
      Topic c = t;
      c.children = children_of(t.id, depth + 1);
      out.push_back(std::move(c));
    }
    return out;
  };
  return children_of("", 0);
}

namespace {

Result<std::vector<ArticleSummary>> query_articles(sqlite3* db, const std::string& where, const std::string& param,
                                                   const std::vector<std::string>& chain) {
  std::string sql =
      "SELECT a.id, a.topic, a.kind, a.severity, a.sort, x.lang, x.title, x.summary "
      "FROM article a JOIN article_text x ON x.article = a.id AND x.lang = ("
      "  SELECT y.lang FROM article_text y WHERE y.article = a.id ORDER BY " +
      lang_rank_sql("y.lang", chain) +
      // (SQLite does not resolve outer columns in a subquery's ORDER BY.)
      ", y.lang = (SELECT s.source_lang FROM article s WHERE s.id = y.article) DESC LIMIT 1) WHERE " + where +
      " ORDER BY a.sort, a.id";
  Stmt q(db, sql);
  q.bind(1, param);
  std::vector<ArticleSummary> out;
  while (q.step()) {
    ArticleSummary a;
    a.id = q.text(0);
    a.topic = q.text(1);
    a.kind = parse_article_kind(q.text(2)).value_or(ArticleKind::Info);
    a.severity = parse_severity(q.text(3)).value_or(Severity::None);
    a.order = q.i32(4);
    a.title = {q.text(6), q.text(5)};
    a.summary = {q.text(7), q.text(5)};
    out.push_back(std::move(a));
  }
  if (!q.status()) return q.status().error();
  return out;
}

}  // namespace

Result<std::vector<ArticleSummary>> Store::articles_in_topic(const std::string& topic, const std::string& lang) {
  return query_articles(impl_->db, "a.topic = ?1", topic, chain(lang));
}

Result<std::vector<ArticleSummary>> Store::articles_of_kind(ArticleKind kind, const std::string& lang) {
  return query_articles(impl_->db, "a.kind = ?1", to_string(kind), chain(lang));
}

Result<Article> Store::article(const std::string& id, const std::string& lang) {
  auto list = FARO_TRY(query_articles(impl_->db, "a.id = ?1", id, chain(lang)));
  if (list.empty()) return make_error(ErrorCode::NotFound, "no article '" + id + "'");
  Article a;
  static_cast<ArticleSummary&>(a) = list.front();
  Stmt q(impl_->db, "SELECT body, status, reviewed FROM article_text WHERE article = ?1 AND lang = ?2");
  q.bind(1, id).bind(2, a.title.lang);
  if (!q.step()) return make_error(ErrorCode::Database, "article '" + id + "' lost its text");
  a.body_markdown = q.text(0);
  a.status = parse_translation_status(q.text(1)).value_or(TranslationStatus::Draft);
  a.reviewed = q.text(2);
  Stmt l(impl_->db, "SELECT lang FROM article_text WHERE article = ?1 ORDER BY lang");
  l.bind(1, id);
  while (l.step()) a.available_languages.push_back(l.text(0));
  return a;
}

Result<std::vector<Category>> Store::categories(const std::string& lang) {
  auto chain = this->chain(lang);
  auto texts = FARO_TRY(load_texts(impl_->db, "category", ""));
  std::vector<Category> out;
  Stmt q(impl_->db, "SELECT id, icon FROM category ORDER BY sort, id");
  while (q.step()) {
    Category c{q.text(0), q.text(1), {}};
    c.name = field(texts[c.id], "name", chain);
    out.push_back(std::move(c));
  }
  if (!q.status()) return q.status().error();
  return out;
}

namespace {

std::string localized_subquery(const std::string& entity, const std::string& id_expr, const std::string& fieldname,
                               const std::vector<std::string>& chain) {
  return "(SELECT t.lang || char(31) || t.text FROM tr t WHERE t.entity = '" + entity + "' AND t.id = " + id_expr +
         " AND t.field = '" + fieldname + "' ORDER BY " + lang_rank_sql("t.lang", chain) + " LIMIT 1)";
}

}  // namespace

Result<std::vector<ServiceSummary>> Store::services(const ServiceQuery& q) {
  auto chain = this->chain(q.lang);
  std::string sql = "SELECT s.id, s.centre, s.free, s.status, s.timezone, " +
                    localized_subquery("service", "s.id", "name", chain) + ", " +
                    localized_subquery("organization", "s.organization", "name", chain) +
                    ", (SELECT group_concat(category, ' ') FROM service_category c WHERE c.service = s.id)"
                    ", l.latitude, l.longitude "
                    "FROM service s LEFT JOIN service_at_location sal ON sal.service = s.id "
                    "LEFT JOIN location l ON l.id = sal.location WHERE 1";
  int n = 0;
  std::vector<std::pair<int, std::string>> text_binds;
  std::vector<std::pair<int, double>> real_binds;
  if (!q.centre.empty()) {
    sql += " AND s.centre = ?" + std::to_string(++n);
    text_binds.push_back({n, q.centre});
  }
  if (!q.category.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM service_category c WHERE c.service = s.id AND c.category = ?" +
           std::to_string(++n) + ")";
    text_binds.push_back({n, q.category});
  }
  if (!q.spoken.empty()) {
    // "es" also finds staff listed as speaking "es-MX".
    int a = ++n, b = ++n;
    sql += " AND EXISTS (SELECT 1 FROM service_language sl WHERE sl.service = s.id AND (sl.lang = ?" +
           std::to_string(a) + " OR sl.lang LIKE ?" + std::to_string(b) + "))";
    text_binds.push_back({a, q.spoken});
    text_binds.push_back({b, q.spoken + "-%"});
  }
  if (q.free_only) sql += " AND s.free = 1";
  if (!q.include_inactive) sql += " AND s.status != 'inactive'";
  if (q.near && q.within_km) {
    // Bounding box through the R*Tree, then the exact distance below.
    double dlat = *q.within_km / 111.0;
    double coslat = std::max(0.01, std::cos(q.near->latitude * 3.14159265358979323846 / 180.0));
    double dlon = *q.within_km / (111.0 * coslat);
    int a = ++n, b = ++n, c = ++n, d = ++n;
    sql += " AND l.id IN (SELECT id FROM location_rtree WHERE max_lat >= ?" + std::to_string(a) + " AND min_lat <= ?" +
           std::to_string(b) + " AND max_lon >= ?" + std::to_string(c) + " AND min_lon <= ?" + std::to_string(d) + ")";
    real_binds.push_back({a, q.near->latitude - dlat});
    real_binds.push_back({b, q.near->latitude + dlat});
    real_binds.push_back({c, q.near->longitude - dlon});
    real_binds.push_back({d, q.near->longitude + dlon});
  }
  Stmt st(impl_->db, sql);
  for (auto& [i, v] : text_binds) st.bind(i, v);
  for (auto& [i, v] : real_binds) st.bind(i, v);

  // Opening hours, loaded once when the query asks "open at".
  std::unordered_map<std::string, std::vector<WeeklyRange>> hours;
  std::unordered_map<std::string, std::vector<DatedHours>> dated;
  std::unordered_map<std::string, std::optional<LocalTime>> local_by_tz;
  std::unordered_map<std::string, std::string> date_by_tz;
  if (q.open_at) {
    Stmt h(impl_->db, "SELECT service, weekday, opens, closes FROM schedule");
    while (h.step()) hours[h.text(0)].push_back(WeeklyRange{h.i32(1), h.i32(2), h.i32(3)});
    if (!h.status()) return h.status().error();
    Stmt x(impl_->db, "SELECT service, date, opens, closes FROM schedule_exception");
    while (x.step()) dated[x.text(0)].push_back(DatedHours{x.text(1), x.i32(2), x.i32(3)});
    if (!x.status()) return x.status().error();
  }

  std::vector<ServiceSummary> out;
  std::unordered_map<std::string, size_t> index;  // a service at several locations appears once
  while (st.step()) {
    std::string id = st.text(0);
    std::string tz = st.text(4);
    if (q.open_at) {
      if (tz.empty()) continue;  // no fixed hours: never "open now"
      // A temporarily closed service keeps its usual hours on file but is not open.
      if (parse_service_status(st.text(3)).value_or(ServiceStatus::Active) != ServiceStatus::Active) continue;
      auto [it, inserted] = local_by_tz.try_emplace(tz);
      if (inserted) {
        auto lt = local_time(tz, *q.open_at);
        if (lt) it->second = *lt;
        auto d = local_date(tz, *q.open_at);
        if (d) date_by_tz[tz] = *d;
      }
      if (!it->second || !is_open(hours[id], dated[id], *it->second, date_by_tz[tz])) continue;
    }
    std::optional<double> dist;
    if (q.near && !st.is_null(8) && !st.is_null(9)) {
      dist = distance_km(*q.near, GeoPoint{st.f64(8), st.f64(9)});
      if (q.within_km && *dist > *q.within_km) continue;
    } else if (q.near && q.within_km) {
      continue;
    }
    auto found = index.find(id);
    if (found != index.end()) {
      auto& prev = out[found->second];
      if (dist && (!prev.distance_km || *dist < *prev.distance_km)) prev.distance_km = dist;
      continue;
    }
    ServiceSummary s;
    s.id = id;
    s.centre = st.text(1);
    s.free = st.i64(2) != 0;
    s.status = parse_service_status(st.text(3)).value_or(ServiceStatus::Active);
    s.name = split_lang_text(st.text(5));
    s.organization = split_lang_text(st.text(6));
    s.categories = split(st.text(7), ' ');
    s.distance_km = dist;
    index.emplace(id, out.size());
    out.push_back(std::move(s));
  }
  if (!st.status()) return st.status().error();

  if (q.near) {
    // Nearest first; services with no position (hotlines) last, by name.
    lang::Collation coll(q.lang);
    std::stable_sort(out.begin(), out.end(), [&](const ServiceSummary& a, const ServiceSummary& b) {
      if (a.distance_km.has_value() != b.distance_km.has_value()) return a.distance_km.has_value();
      if (a.distance_km && *a.distance_km != *b.distance_km) return *a.distance_km < *b.distance_km;
      return coll.less(a.name.text, b.name.text);
    });
  } else {
    lang::Collation coll(q.lang);
    std::stable_sort(out.begin(), out.end(), [&](const ServiceSummary& a, const ServiceSummary& b) {
      return coll.less(a.name.text, b.name.text);
    });
  }
  if (q.limit && out.size() > q.limit) out.resize(q.limit);
  return out;
}

Result<Service> Store::service(const std::string& id, const std::string& lang) {
  auto chain = this->chain(lang);
  Stmt q(impl_->db,
         "SELECT organization, centre, status, free, url, email, timezone, last_verified FROM service WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) {
    if (!q.status()) return q.status().error();
    return make_error(ErrorCode::NotFound, "no service '" + id + "'");
  }
  Service s;
  s.id = id;
  std::string org = q.text(0);
  s.centre = q.text(1);
  s.status = parse_service_status(q.text(2)).value_or(ServiceStatus::Active);
  s.free = q.i64(3) != 0;
  s.url = q.text(4);
  s.email = q.text(5);
  s.timezone = q.text(6);
  s.last_verified = q.text(7);

  auto texts = FARO_TRY(load_texts(impl_->db, "service", id));
  const FieldTexts& t = texts[id];
  s.name = field(t, "name", chain);
  s.description = field(t, "description", chain);
  s.fees = field(t, "fees", chain);
  s.eligibility = field(t, "eligibility", chain);
  s.documents = field(t, "documents", chain);
  s.accessibility = field(t, "accessibility", chain);
  s.status_note = field(t, "status_note", chain);
  s.schedule_note = field(t, "schedule_note", chain);
  auto org_texts = FARO_TRY(load_texts(impl_->db, "organization", org));
  s.organization = field(org_texts[org], "name", chain);

  Stmt c(impl_->db, "SELECT category FROM service_category WHERE service = ?1 ORDER BY category");
  c.bind(1, id);
  while (c.step()) s.categories.push_back(c.text(0));
  Stmt l(impl_->db, "SELECT lang FROM service_language WHERE service = ?1 ORDER BY lang");
  l.bind(1, id);
  while (l.step()) s.languages_spoken.push_back(l.text(0));
  Stmt p(impl_->db, "SELECT number, type FROM phone WHERE service = ?1 ORDER BY sort");
  p.bind(1, id);
  while (p.step()) s.phones.push_back(Phone{p.text(0), parse_phone_type(p.text(1)).value_or(PhoneType::Voice)});
  Stmt h(impl_->db, "SELECT weekday, opens, closes FROM schedule WHERE service = ?1 ORDER BY weekday, opens");
  h.bind(1, id);
  while (h.step()) s.hours.push_back(WeeklyRange{h.i32(0), h.i32(1), h.i32(2)});
  Stmt x(impl_->db, "SELECT date, opens, closes FROM schedule_exception WHERE service = ?1 ORDER BY date, opens");
  x.bind(1, id);
  while (x.step()) s.exceptions.push_back(DatedHours{x.text(0), x.i32(1), x.i32(2)});

  Stmt loc(impl_->db,
           "SELECT l.key, l.address_1, l.city, l.region, l.postal_code, l.country, l.latitude, l.longitude "
           "FROM service_at_location sal JOIN location l ON l.id = sal.location WHERE sal.service = ?1 "
           "ORDER BY l.id LIMIT 1");
  loc.bind(1, id);
  if (loc.step()) {
    Location L;
    std::string key = loc.text(0);
    L.address_1 = loc.text(1);
    L.city = loc.text(2);
    L.region = loc.text(3);
    L.postal_code = loc.text(4);
    L.country = loc.text(5);
    if (!loc.is_null(6) && !loc.is_null(7)) L.position = GeoPoint{loc.f64(6), loc.f64(7)};
    auto lt = FARO_TRY(load_texts(impl_->db, "location", key));
    L.name = field(lt[key], "name", chain);
    L.directions = field(lt[key], "directions", chain);
    s.location = std::move(L);
  }
  for (Stmt* st : {&c, &l, &p, &h, &loc})
    if (!st->status()) return st->status().error();
  return s;
}

Result<std::vector<Centre>> Store::centres(const std::string& lang) {
  auto chain = this->chain(lang);
  auto texts = FARO_TRY(load_texts(impl_->db, "centre", ""));
  auto emergency_texts = FARO_TRY(load_texts(impl_->db, "emergency", ""));
  std::vector<Centre> out;
  Stmt q(impl_->db, "SELECT id, latitude, longitude, timezone, languages FROM centre ORDER BY id");
  while (q.step()) {
    Centre c;
    c.id = q.text(0);
    c.position = GeoPoint{q.f64(1), q.f64(2)};
    c.timezone = q.text(3);
    c.languages = split(q.text(4), ' ');
    c.name = field(texts[c.id], "name", chain);
    c.address = field(texts[c.id], "address", chain);
    Stmt e(impl_->db, "SELECT sort, number FROM emergency_number WHERE centre = ?1 ORDER BY sort");
    e.bind(1, c.id);
    while (e.step()) {
      std::string key = c.id + "#" + std::to_string(e.i32(0));
      c.emergency.push_back(EmergencyNumber{e.text(1), field(emergency_texts[key], "label", chain)});
    }
    out.push_back(std::move(c));
  }
  if (!q.status()) return q.status().error();
  return out;
}

Result<Centre> Store::centre(const std::string& id, const std::string& lang) {
  auto all = FARO_TRY(centres(lang));
  for (auto& c : all)
    if (c.id == id) return std::move(c);
  return make_error(ErrorCode::NotFound, "no centre '" + id + "'");
}

Result<std::map<std::string, LocalizedText>> Store::ui_strings(const std::string& lang) {
  auto chain = this->chain(lang);
  std::map<std::string, std::map<std::string, std::string>> by_key;
  Stmt q(impl_->db, "SELECT key, lang, text FROM ui_string");
  while (q.step()) by_key[q.text(0)][q.text(1)] = q.text(2);
  if (!q.status()) return q.status().error();
  std::map<std::string, LocalizedText> out;
  for (const auto& [key, texts] : by_key) out[key] = pick(texts, chain);
  return out;
}

}  // namespace faro::content
