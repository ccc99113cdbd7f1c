// Full-text search: the derived FTS5 index and the query side.
#include <algorithm>
#include <map>
#include <regex>
#include <unordered_map>

#include "content/store.h"
#include "content/text.h"
#include "schema.h"
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

Status Store::rebuild_search_index() {
  sqlite3* db = impl_->db;
  if (auto s = sql::exec(db, "SAVEPOINT rebuild_search"); !s) return s;
  auto fail = [db](Status s) {
    (void)sql::exec(db, "ROLLBACK TO rebuild_search; RELEASE rebuild_search");
    return s;
  };
  if (auto s = sql::exec(db, search_index_ddl()); !s) return fail(s);

  Stmt ins(db, "INSERT INTO search_index(title, summary, body, kind, entity, lang) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!ins.ok()) return fail(ins.status());

  // Articles: one row per translation.
  Stmt a(db, "SELECT article, lang, title, summary, body FROM article_text ORDER BY article, lang");
  while (a.step()) {
    ins.reset();
    ins.bind(1, a.text(2)).bind(2, a.text(3)).bind(3, markdown_to_plain(a.text(4))).bind(4, "article");
    ins.bind(5, a.text(0)).bind(6, a.text(1));
    if (auto s = ins.run(); !s) return fail(s);
  }
  if (!a.status()) return fail(a.status());

  // Services: one row per language that has any text for the service. Title
  // is the name; summary the organisation and categories; body the rest.
  Stmt s(db,
         "SELECT s.id, t.lang, t.field, t.text FROM service s JOIN tr t ON t.entity = 'service' AND t.id = s.id "
         "WHERE s.status != 'inactive' ORDER BY s.id, t.lang");
  Stmt org(db,
           "SELECT t.lang, t.text FROM service s JOIN tr t ON t.entity = 'organization' AND t.id = s.organization "
           "AND t.field = 'name' WHERE s.id = ?1");
  Stmt cats(db,
            "SELECT t.lang, t.text FROM service_category c JOIN tr t ON t.entity = 'category' AND t.id = c.category "
            "AND t.field = 'name' WHERE c.service = ?1");
  std::string cur_id, cur_lang;
  std::string title, body;
  std::map<std::string, std::string> org_by_lang, cats_by_lang;
  auto flush = [&]() -> Status {
    if (cur_id.empty()) return {};
    ins.reset();
    std::string summary = org_by_lang[cur_lang] + " " + cats_by_lang[cur_lang];
    ins.bind(1, title).bind(2, summary).bind(3, body).bind(4, "service").bind(5, cur_id).bind(6, cur_lang);
    return ins.run();
  };
  while (s.step()) {
    std::string id = s.text(0), lang = s.text(1);
    if (id != cur_id || lang != cur_lang) {
      if (auto st = flush(); !st) return fail(st);
      if (id != cur_id) {
        org_by_lang.clear();
        cats_by_lang.clear();
        org.reset();
        org.bind(1, id);
        while (org.step()) org_by_lang[org.text(0)] = org.text(1);
        cats.reset();
        cats.bind(1, id);
        while (cats.step()) cats_by_lang[cats.text(0)] += cats.text(1) + " ";
      }
      cur_id = id;
      cur_lang = lang;
      title.clear();
      body.clear();
    }
    if (s.text(2) == "name")
      title = s.text(3);
    else
      body += s.text(3) + "\n";
  }
  if (!s.status()) return fail(s.status());
  if (auto st = flush(); !st) return fail(st);
  if (auto st = sql::exec(db, "INSERT INTO search_index(search_index) VALUES ('optimize')"); !st) return fail(st);
  return sql::exec(db, "RELEASE rebuild_search");
}

namespace {

// Turns user text into an FTS5 expression that can only mean "these words":
// every word becomes a quoted phrase (quotes doubled), words that touch in the
// text (Han characters, Thai dictionary words) stay one phrase, and the last
// phrase matches as a prefix unless the text ends in a space.
std::string to_fts_query(const std::string& query) {
  struct Word {
    std::string folded;
    size_t begin, end;
  };
  std::vector<Word> words;
  text::for_each_word(query, [&](std::string_view f, size_t b, size_t e) { words.push_back({std::string(f), b, e}); });
  if (words.empty()) return {};
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
  std::string expr = to_fts_query(query);
  if (expr.empty() || limit == 0) return std::vector<SearchHit>{};
  auto chain = this->chain(lang);

  // Candidates by bm25 (title weighted 10, summary 4, body 1); the language
  // boost and one-hit-per-entity happen below, so fetch generously.
  Stmt q(impl_->db,
         "SELECT kind, entity, lang, bm25(search_index, 10.0, 4.0, 1.0) FROM search_index "
         "WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2");
  q.bind(1, expr).bind(2, static_cast<int64_t>(std::max<size_t>(limit * 10, 200)));
  struct Best {
    double score;
    SearchHit::Kind kind;
  };
  std::unordered_map<std::string, Best> best;  // "a:id" / "s:id"
  std::vector<std::string> order;
  while (q.step()) {
    std::string kind = q.text(0);
    std::string key = (kind == "article" ? "a:" : "s:") + q.text(1);
    double score = -q.f64(3);  // bm25: lower is better
    std::string row_lang = q.text(2);
    auto pos = std::find(chain.begin(), chain.end(), row_lang);
    if (pos != chain.end()) score *= 2.0 - 0.25 * static_cast<double>(std::min<ptrdiff_t>(pos - chain.begin(), 3));
    auto [it, inserted] = best.try_emplace(key, Best{score, kind == "article" ? SearchHit::Kind::Article
                                                                            : SearchHit::Kind::Service});
    if (inserted)
      order.push_back(key);
    else if (score > it->second.score)
      it->second.score = score;
  }
  if (!q.status()) return q.status().error();
  std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
    return best[a].score > best[b].score;
  });
  if (order.size() > limit) order.resize(limit);

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
