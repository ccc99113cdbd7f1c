// Full-text search: the derived FTS5 index and the query side.
#include <algorithm>
#include <map>
#include <regex>
#include <unordered_map>
#include <unordered_set>

#include "content/store.h"
#include "content/text.h"
#include "schema.h"
#include "search_internal.h"
#include "store_impl.h"

namespace faro::content {

using sql::Stmt;

namespace {

// Markdown to indexable text: link targets and markup characters would add
// noise words ("article", "service", "tel") to every body.
std::string markdown_to_plain(const std::string& md) {
  static const std::regex link_target(R"(\]\([^)]*\))");
  return std::regex_replace(md, link_target, "]");
}

}  // namespace

namespace {

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first n code points of s.
std::string_view first_code_points(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return s.substr(0, i);
}

constexpr size_t kMaxCompletionPrefix = 3;  // every prefix up to this length is precomputed
constexpr size_t kMaxHotPrefix = 8;         // longer prefixes only when "hot" (below)
constexpr int64_t kHotPrefixDocs = 1000;    // a prefix matching this many rows is too costly to rank live
constexpr size_t kCompletionsPerPrefix = 12;

// Collects, per (language, prefix), the best few entities whose title has a
// word starting with that prefix. Scores are static: emergencies and
// warnings before other articles before services; earlier words and shorter
// titles first.
class CompletionBuilder {
 public:
  // Short prefixes (1..kMaxCompletionPrefix) of every title word; with
  // `hot`, instead the longer ones that are in it.
  void add(const std::string& lang, const std::string& key, double base, const std::string& title,
           const std::unordered_set<std::string>* hot = nullptr) {
    size_t word_index = 0;
    double length_penalty = static_cast<double>(std::min<size_t>(title.size(), 200)) / 1000.0;
    text::for_each_word(title, [&](std::string_view folded, size_t, size_t) {
      double score = base - 0.01 * static_cast<double>(std::min<size_t>(word_index++, 20)) - length_penalty;
      size_t n = std::min(hot ? kMaxHotPrefix : kMaxCompletionPrefix, count_code_points(folded));
      for (size_t k = hot ? kMaxCompletionPrefix + 1 : 1; k <= n; ++k) {
        std::string prefix(first_code_points(folded, k));
        if (hot && !hot->count(prefix)) continue;
        offer(lang + '\x1f' + prefix, key, score);
        offer(std::string("*\x1f") + prefix, key, score);
      }
    });
  }

  Status write(sqlite3* db) {
    Stmt ins(db, "INSERT INTO search_prefix(lang, prefix, entries) VALUES (?1, ?2, ?3)");
    for (auto& [k, list] : best_) {
      std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      std::string entries;
      for (const auto& e : list) entries += (entries.empty() ? "" : " ") + e.second;
      auto sep = k.find('\x1f');
      ins.reset();
      ins.bind(1, k.substr(0, sep)).bind(2, k.substr(sep + 1)).bind(3, entries);
      if (auto st = ins.run(); !st) return st;
    }
    return {};
  }

 private:
  // key -> (score, entity key), at most kCompletionsPerPrefix, one per entity.
  std::unordered_map<std::string, std::vector<std::pair<double, std::string>>> best_;

  void offer(const std::string& k, const std::string& entity, double score) {
    auto& list = best_[k];
    for (auto& e : list) {
      if (e.second == entity) {
        e.first = std::max(e.first, score);
        return;
      }
    }
    if (list.size() < kCompletionsPerPrefix) {
      list.push_back({score, entity});
      return;
    }
    auto worst =
        std::min_element(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    if (score > worst->first) *worst = {score, entity};
  }
};

double kind_weight(const std::string& kind) {
  if (kind == "emergency") return 4;
  if (kind == "warning") return 3;
  return 2;
}

}  // namespace

namespace {

// The search rows of one service: one per language that has any text for
// it. Title is the name; summary the organisation and categories; body the
// other texts in field order. Empty for an inactive or unknown service.
class ServiceRowReader {
 public:
  explicit ServiceRowReader(sqlite3* db)
      : texts_(db,
               "SELECT t.lang, t.field, t.text FROM service s JOIN tr t ON t.entity = 'service' AND t.id = s.id "
               "WHERE s.id = ?1 AND s.status != 'inactive' ORDER BY t.lang, t.field"),
        org_(db,
             "SELECT t.lang, t.text FROM service s JOIN tr t ON t.entity = 'organization' AND t.id = s.organization "
             "AND t.field = 'name' WHERE s.id = ?1"),
        cats_(db,
              "SELECT t.lang, t.text FROM service_category c JOIN tr t ON t.entity = 'category' AND t.id = c.category "
              "AND t.field = 'name' WHERE c.service = ?1 ORDER BY c.category, t.lang") {}

  Result<std::vector<SearchRow>> read(const std::string& id) {
    std::vector<SearchRow> rows;
    std::map<std::string, std::string> org_by_lang, cats_by_lang;
    org_.reset();
    org_.bind(1, id);
    while (org_.step()) org_by_lang[org_.text(0)] = org_.text(1);
    if (!org_.status()) return org_.status().error();
    cats_.reset();
    cats_.bind(1, id);
    while (cats_.step()) cats_by_lang[cats_.text(0)] += cats_.text(1) + " ";
    if (!cats_.status()) return cats_.status().error();
    texts_.reset();
    texts_.bind(1, id);
    while (texts_.step()) {
      std::string lang = texts_.text(0);
      if (rows.empty() || rows.back().lang != lang) {
        rows.push_back(SearchRow{lang, "", org_by_lang[lang] + " " + cats_by_lang[lang], ""});
      }
      if (texts_.text(1) == "name")
        rows.back().title = texts_.text(2);
      else
        rows.back().body += texts_.text(2) + "\n";
    }
    if (!texts_.status()) return texts_.status().error();
    return rows;
  }

 private:
  Stmt texts_, org_, cats_;
};

}  // namespace

Result<std::vector<SearchRow>> service_search_rows(sqlite3* db, const std::string& id) {
  return ServiceRowReader(db).read(id);
}

namespace {

// Replaces the index rows of one entity: `old_rows` are what it indexed (a
// contentless FTS5 index forgets a row only when given those exact values),
// `new_rows` what it should index now.
Status replace_rows(sqlite3* db, const char* kind, const std::string& id, const std::vector<SearchRow>& old_rows,
                    const std::vector<SearchRow>& new_rows) {
  std::map<std::string, int64_t> doc_by_lang;
  {
    Stmt q(db, "SELECT id, lang FROM search_doc WHERE kind = ?1 AND entity = ?2");
    q.bind(1, kind).bind(2, id);
    while (q.step()) doc_by_lang[q.text(1)] = q.i64(0);
    if (!q.status()) return q.status();
  }
  Stmt del(db, "INSERT INTO search_index(search_index, rowid, title, summary, body) VALUES ('delete', ?1, ?2, ?3, ?4)");
  for (const auto& r : old_rows) {
    auto it = doc_by_lang.find(r.lang);
    if (it == doc_by_lang.end()) continue;
    del.reset();
    del.bind(1, it->second).bind(2, r.title).bind(3, r.summary).bind(4, r.body);
    if (auto st = del.run(); !st) return st;
  }
  {
    Stmt d(db, "DELETE FROM search_doc WHERE kind = ?1 AND entity = ?2");
    d.bind(1, kind).bind(2, id);
    if (auto st = d.run(); !st) return st;
  }
  Stmt doc(db,
           "INSERT INTO search_doc(id, kind, entity, lang) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM search_doc), "
           "?1, ?2, ?3)");
  Stmt ins(db, "INSERT INTO search_index(rowid, title, summary, body) VALUES (last_insert_rowid(), ?1, ?2, ?3)");
  for (const auto& r : new_rows) {
    doc.reset();
    doc.bind(1, kind).bind(2, id).bind(3, r.lang);
    if (auto st = doc.run(); !st) return st;
    ins.reset();
    ins.bind(1, r.title).bind(2, r.summary).bind(3, r.body);
    if (auto st = ins.run(); !st) return st;
  }
  return {};
}

// What rebuild_search_index writes for article `id`: one row per translation.
Result<std::vector<SearchRow>> article_search_rows(sqlite3* db, const std::string& id) {
  std::vector<SearchRow> rows;
  Stmt q(db, "SELECT lang, title, summary, body FROM article_text WHERE article = ?1 ORDER BY lang");
  q.bind(1, id);
  while (q.step()) rows.push_back(SearchRow{q.text(0), q.text(1), q.text(2), markdown_to_plain(q.text(3))});
  if (!q.status()) return q.status().error();
  return rows;
}

}  // namespace

Status reindex_service(sqlite3* db, const std::string& id, const std::vector<SearchRow>& old_rows) {
  auto rows = service_search_rows(db, id);
  if (!rows) return rows.error();
  return replace_rows(db, "service", id, old_rows, *rows);
}

struct DerivedCapture {
  DerivedScope scope;
  std::map<std::string, std::vector<SearchRow>> services, articles;
};

void DerivedCaptureFree::operator()(DerivedCapture* p) const {
  delete p;
}

Result<DerivedCapturePtr> Store::capture_derived(const DerivedScope& scope) {
  DerivedCapturePtr c(new DerivedCapture);
  c->scope = scope;
  if (scope.everything) return c;
  ServiceRowReader reader(impl_->db);
  for (const auto& id : scope.services) {
    auto rows = reader.read(id);
    if (!rows) return rows.error();
    c->services[id] = std::move(*rows);
  }
  for (const auto& id : scope.articles) {
    auto rows = article_search_rows(impl_->db, id);
    if (!rows) return rows.error();
    c->articles[id] = std::move(*rows);
  }
  return c;
}

Status Store::update_derived(const DerivedCapture& before) {
  if (before.scope.everything) return rebuild_derived();
  sqlite3* db = impl_->db;
  if (auto s = sql::exec(db, "SAVEPOINT update_derived"); !s) return s;
  auto fail = [db](Status s) {
    (void)sql::exec(db, "ROLLBACK TO update_derived; RELEASE update_derived");
    return s;
  };
  Status s = sql::exec(db,
                       "DELETE FROM location_rtree;"
                       "INSERT INTO location_rtree(id, min_lat, max_lat, min_lon, max_lon) "
                       "SELECT id, latitude, latitude, longitude, longitude FROM location "
                       "WHERE latitude IS NOT NULL AND longitude IS NOT NULL;");
  if (!s) return fail(s);
  ServiceRowReader reader(db);
  for (const auto& [id, old_rows] : before.services) {
    auto rows = reader.read(id);
    if (!rows) return fail(rows.error());
    if (auto st = replace_rows(db, "service", id, old_rows, *rows); !st) return fail(st);
  }
  for (const auto& [id, old_rows] : before.articles) {
    auto rows = article_search_rows(db, id);
    if (!rows) return fail(rows.error());
    if (auto st = replace_rows(db, "article", id, old_rows, *rows); !st) return fail(st);
  }
  return sql::exec(db, "RELEASE update_derived");
}

Status Store::rebuild_search_index() {
  sqlite3* db = impl_->db;
  if (auto s = sql::exec(db, "SAVEPOINT rebuild_search"); !s) return s;
  auto fail = [db](Status s) {
    (void)sql::exec(db, "ROLLBACK TO rebuild_search; RELEASE rebuild_search");
    return s;
  };
  if (auto s = sql::exec(db, search_index_ddl()); !s) return fail(s);

  Stmt doc(db, "INSERT INTO search_doc(id, kind, entity, lang) VALUES (?1, ?2, ?3, ?4)");
  Stmt ins(db, "INSERT INTO search_index(rowid, title, summary, body) VALUES (?1, ?2, ?3, ?4)");
  if (!ins.ok()) return fail(ins.status());
  int64_t next_id = 0;
  CompletionBuilder completions;
  auto add = [&](const char* kind, const std::string& entity, const std::string& lang, const std::string& title,
                 const std::string& summary, const std::string& body) -> Status {
    ++next_id;
    doc.reset();
    doc.bind(1, next_id).bind(2, kind).bind(3, entity).bind(4, lang);
    if (auto st = doc.run(); !st) return st;
    ins.reset();
    ins.bind(1, next_id).bind(2, title).bind(3, summary).bind(4, body);
    return ins.run();
  };

  // Articles: one row per translation.
  Stmt a(db,
         "SELECT x.article, x.lang, x.title, x.summary, x.body, a.kind FROM article_text x "
         "JOIN article a ON a.id = x.article ORDER BY x.article, x.lang");
  while (a.step()) {
    if (auto st = add("article", a.text(0), a.text(1), a.text(2), a.text(3), markdown_to_plain(a.text(4))); !st)
      return fail(st);
    completions.add(a.text(1), "a:" + a.text(0), kind_weight(a.text(5)), a.text(2));
  }
  if (!a.status()) return fail(a.status());

  // Services: one row per language that has any text for the service
  // (service_search_rows; an edit re-indexes one service with the same rows).
  {
    Stmt ids(db, "SELECT id FROM service WHERE status != 'inactive' ORDER BY id");
    std::vector<std::string> all;
    while (ids.step()) all.push_back(ids.text(0));
    if (!ids.status()) return fail(ids.status());
    ServiceRowReader reader(db);
    for (const auto& id : all) {
      auto rows = reader.read(id);
      if (!rows) return fail(rows.error());
      for (const auto& r : *rows) {
        completions.add(r.lang, "s:" + id, 1.0, r.title);
        if (auto st = add("service", id, r.lang, r.title, r.summary, r.body); !st) return fail(st);
      }
    }
  }
  // Hot prefixes: 4 to 8 characters whose FTS5 match would cover so many
  // rows that ranking them per keystroke is slow (a frequent word's first
  // letters). Their best titles are precomputed like the short prefixes.
  std::unordered_set<std::string> hot;
  {
    if (auto st = sql::exec(db,
                            "DROP TABLE IF EXISTS temp.search_vocab;"
                            "CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_index, 'row')");
        !st)
      return fail(st);
    std::unordered_map<std::string, int64_t> docs;
    Stmt v(db, "SELECT term, doc FROM temp.search_vocab");
    while (v.step()) {
      std::string term = v.text(0);
      size_t n = std::min(kMaxHotPrefix, count_code_points(term));
      for (size_t k = kMaxCompletionPrefix + 1; k <= n; ++k) docs[std::string(first_code_points(term, k))] += v.i64(1);
    }
    if (!v.status()) return fail(v.status());
    for (const auto& [prefix, n] : docs)
      if (n >= kHotPrefixDocs) hot.insert(prefix);
  }
  (void)sql::exec(db, "DROP TABLE IF EXISTS temp.search_vocab");
  if (!hot.empty()) {
    Stmt at(db, "SELECT x.article, x.lang, x.title, a.kind FROM article_text x JOIN article a ON a.id = x.article");
    while (at.step()) completions.add(at.text(1), "a:" + at.text(0), kind_weight(at.text(3)), at.text(2), &hot);
    if (!at.status()) return fail(at.status());
    Stmt sn(db,
            "SELECT t.id, t.lang, t.text FROM tr t JOIN service s ON s.id = t.id "
            "WHERE t.entity = 'service' AND t.field = 'name' AND s.status != 'inactive'");
    while (sn.step()) completions.add(sn.text(1), "s:" + sn.text(0), 1.0, sn.text(2), &hot);
    if (!sn.status()) return fail(sn.status());
  }
  if (auto st = completions.write(db); !st) return fail(st);
  if (auto st = sql::exec(db, "INSERT INTO search_index(search_index) VALUES ('optimize')"); !st) return fail(st);
  return sql::exec(db, "RELEASE rebuild_search");
}

namespace {

// Turns user text into an FTS5 expression that can only mean "these words":
// every word becomes a quoted phrase (quotes doubled), words that touch in the
// text (Han characters, Thai dictionary words) stay one phrase, and the last
// phrase matches as a prefix unless the text ends in a space.
std::string to_fts_query(const std::string& query, std::vector<std::string>* folded_words) {
  struct Word {
    std::string folded;
    size_t begin, end;
  };
  std::vector<Word> words;
  text::for_each_word(query, [&](std::string_view f, size_t b, size_t e) { words.push_back({std::string(f), b, e}); });
  if (words.empty()) return {};
  for (const auto& w : words) folded_words->push_back(w.folded);
  std::vector<std::string> phrases;
  size_t prev_end = std::string::npos;
  for (const auto& w : words) {
    std::string quoted;
    for (char c : w.folded) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    if (prev_end == w.begin && !phrases.empty())
      phrases.back() += " " + quoted;
    else
      phrases.push_back(quoted);
    prev_end = w.end;
  }
  bool trailing_space = !query.empty() && (query.back() == ' ' || query.back() == '\t' || query.back() == '\n');
  std::string out;
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (i) out += " ";
    out += "\"" + phrases[i] + "\"";
    if (i + 1 == phrases.size() && !trailing_space) out += "*";
  }
  return out;
}

}  // namespace

Result<std::vector<SearchHit>> Store::search(const std::string& query, const std::string& lang, size_t limit) {
  std::vector<std::string> words;
  std::string expr = to_fts_query(query, &words);
  if (expr.empty() || limit == 0) return std::vector<SearchHit>{};
  auto chain = this->chain(lang);

  struct Best {
    double score;
    SearchHit::Kind kind;
  };
  std::unordered_map<std::string, Best> best;  // "a:id" / "s:id"
  std::vector<std::string> order;
  auto offer = [&](const std::string& key, double score) {
    auto [it, inserted] =
        best.try_emplace(key, Best{score, key[0] == 'a' ? SearchHit::Kind::Article : SearchHit::Kind::Service});
    if (inserted)
      order.push_back(key);
    else if (score > it->second.score)
      it->second.score = score;
  };

  bool trailing_space = !query.empty() && (query.back() == ' ' || query.back() == '\t' || query.back() == '\n');
  bool completed = false;
  if (words.size() == 1 && !trailing_space && count_code_points(words[0]) <= kMaxHotPrefix) {
    // Type-ahead on a short or hot prefix: precomputed completions, in the
    // visitor's languages first, then any language.
    Stmt c(impl_->db, "SELECT entries FROM search_prefix WHERE lang = ?1 AND prefix = ?2");
    std::vector<std::string> langs = chain;
    langs.push_back("*");
    double tier = static_cast<double>(langs.size());
    for (const auto& l : langs) {
      c.reset();
      c.bind(1, l).bind(2, words[0]);
      if (c.step()) {
        completed = true;
        double rank = 0;
        std::string entries = c.text(0);
        size_t pos = 0;
        while (pos < entries.size()) {
          size_t sp = entries.find(' ', pos);
          if (sp == std::string::npos) sp = entries.size();
          offer(entries.substr(pos, sp - pos), tier - (rank += 0.001));
          pos = sp + 1;
        }
      }
      if (!c.status()) return c.status().error();
      tier -= 1;
    }
    // Short prefixes are all precomputed (one absent has no match); longer
    // ones only when hot, so otherwise FTS5 answers.
    if (count_code_points(words[0]) <= kMaxCompletionPrefix) completed = true;
  }
  if (!completed) {
    // Candidates by bm25 (title weighted 10, summary 4, body 1), then a boost
    // for rows in the visitor's languages; one hit per entity.
    Stmt q(impl_->db,
           "SELECT d.kind, d.entity, d.lang, r.score FROM ("
           "  SELECT rowid AS id, bm25(search_index, 10.0, 4.0, 1.0) AS score FROM search_index"
           "  WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2) r "
           "JOIN search_doc d ON d.id = r.id ORDER BY r.score");
    q.bind(1, expr).bind(2, static_cast<int64_t>(std::max<size_t>(limit * 10, 200)));
    while (q.step()) {
      std::string key = (q.text(0) == "article" ? "a:" : "s:") + q.text(1);
      double score = -q.f64(3);  // bm25: lower is better
      auto pos = std::find(chain.begin(), chain.end(), q.text(2));
      if (pos != chain.end()) score *= 2.0 - 0.25 * static_cast<double>(std::min<ptrdiff_t>(pos - chain.begin(), 3));
      offer(key, score);
    }
    if (!q.status()) return q.status().error();
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](const std::string& a, const std::string& b) { return best[a].score > best[b].score; });
  // Precomputed completions can name an entity that changed since they were
  // built (a staff edit, a release applied incrementally): never offer a
  // service that is inactive or gone, or an article that is gone.
  {
    Stmt live_svc(impl_->db, "SELECT 1 FROM service WHERE id = ?1 AND status != 'inactive'");
    Stmt live_art(impl_->db, "SELECT 1 FROM article WHERE id = ?1");
    std::vector<std::string> kept;
    for (const auto& key : order) {
      if (kept.size() == limit) break;
      Stmt& q = key[0] == 'a' ? live_art : live_svc;
      q.reset();
      q.bind(1, key.substr(2));
      if (q.step()) kept.push_back(key);
    }
    order = std::move(kept);
  }

  std::vector<SearchHit> out;
  Stmt art(impl_->db, "SELECT lang, title FROM article_text WHERE article = ?1 ORDER BY " +
                          lang_rank_sql("lang", chain) + " LIMIT 1");
  Stmt svc(impl_->db, "SELECT lang, text FROM tr WHERE entity = 'service' AND id = ?1 AND field = 'name' ORDER BY " +
                          lang_rank_sql("lang", chain) + " LIMIT 1");
  for (const auto& key : order) {
    SearchHit h;
    h.kind = best[key].kind;
    h.id = key.substr(2);
    h.score = best[key].score;
    Stmt& t = h.kind == SearchHit::Kind::Article ? art : svc;
    t.reset();
    t.bind(1, h.id);
    if (t.step()) h.title = {t.text(1), t.text(0)};
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace faro::content
