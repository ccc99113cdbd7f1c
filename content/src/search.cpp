// Full-text search: the derived FTS5 index and the query side.
#include <algorithm>
#include <map>
#include <regex>
#include <unordered_map>
#include <unordered_set>

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
    auto worst = std::min_element(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    if (score > worst->first) *worst = {score, entity};
  }
};

double kind_weight(const std::string& kind) {
  if (kind == "emergency") return 4;
  if (kind == "warning") return 3;
  return 2;
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
    completions.add(cur_lang, "s:" + cur_id, 1.0, title);
    return add("service", cur_id, cur_lang, title, org_by_lang[cur_lang] + " " + cats_by_lang[cur_lang], body);
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
  // Hot prefixes: 4 to 8 characters whose FTS5 match would cover so many
  // rows that ranking them per keystroke is slow (a frequent word's first
  // letters). Their best titles are precomputed like the short prefixes.
  std::unordered_set<std::string> hot;
  {
    if (auto st = sql::exec(db, "DROP TABLE IF EXISTS temp.search_vocab;"
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
    auto [it, inserted] = best.try_emplace(key, Best{score, key[0] == 'a' ? SearchHit::Kind::Article
                                                                           : SearchHit::Kind::Service});
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
