// Builds a content database from a validated authoring tree.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "content/source.h"
#include "content/store.h"
#include "content/versions.h"
#include "source_model.h"
#include "store_impl.h"

namespace fs = std::filesystem;

namespace faro::content {

using sql::Stmt;

std::string Diagnostic::to_string() const {
  if (line > 0) return path + ":" + std::to_string(line) + ": " + message;
  return path + ": " + message;
}

static TreeStats stats_of(const src::Tree& t) {
  TreeStats s;
  s.languages = t.languages.size();
  s.topics = t.topics.size();
  s.articles = t.articles.size();
  for (const auto& a : t.articles) s.translations += a.texts.size();
  s.services = t.services.size();
  s.centres = t.centres.size();
  s.ui_strings = t.ui.size();
  return s;
}

std::vector<Diagnostic> validate_tree(const std::string& dir, TreeStats* stats) {
  std::vector<Diagnostic> diags;
  src::Tree tree = src::load(dir, diags);
  if (stats) *stats = stats_of(tree);
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.path != b.path ? a.path < b.path : a.line < b.line;
  });
  return diags;
}

namespace {

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

class Writer {
 public:
  explicit Writer(sqlite3* db)
      : db_(db), tr_(db, "INSERT INTO tr(entity, id, field, lang, text) VALUES (?1, ?2, ?3, ?4, ?5)") {}

  Status write(const src::Tree& t);

 private:
  sqlite3* db_;
  Stmt tr_;
  Status first_error_;

  void note(Status s) {
    if (!s && first_error_) first_error_ = std::move(s);
  }
  void text(const char* entity, const std::string& id, const char* field, const src::Tr& t) {
    for (const auto& [lang, value] : t.by_lang) {
      tr_.reset();
      tr_.bind(1, entity).bind(2, id).bind(3, field).bind(4, lang).bind(5, value);
      note(tr_.run());
    }
  }
  void run(Stmt& s) { note(s.run()); }
};

Status Writer::write(const src::Tree& t) {
  {
    Stmt s(db_,
           "INSERT INTO language(tag, name, english, script, direction, fallback, sort) VALUES (?1,?2,?3,?4,?5,?6,?7)");
    int sort = 0;
    for (const auto& l : t.languages) {
      s.reset();
      s.bind(1, l.info.tag).bind(2, l.info.name).bind(3, l.info.english).bind(4, l.info.script);
      s.bind(5, l.info.direction == lang::Direction::Rtl ? "rtl" : "ltr").bind(6, join(l.info.fallback, " "));
      s.bind(7, sort += 10);
      run(s);
    }
  }
  {
    // Parents before children (the foreign key is checked per row).
    std::vector<const src::Topic*> order;
    std::set<std::string> placed;
    while (order.size() < t.topics.size()) {
      size_t before = order.size();
      for (const auto& tp : t.topics)
        if (!placed.count(tp.id) && (tp.parent.empty() || placed.count(tp.parent))) {
          order.push_back(&tp);
          placed.insert(tp.id);
        }
      if (order.size() == before) break;
    }
    Stmt s(db_, "INSERT INTO topic(id, parent, icon, sort) VALUES (?1, ?2, ?3, ?4)");
    for (const auto* tp : order) {
      s.reset();
      s.bind(1, tp->id);
      if (tp->parent.empty())
        s.bind_null(2);
      else
        s.bind(2, tp->parent);
      s.bind(3, tp->icon).bind(4, tp->order);
      run(s);
      text("topic", tp->id, "title", tp->title);
      text("topic", tp->id, "summary", tp->summary);
    }
  }
  {
    Stmt s(db_, "INSERT INTO category(id, icon, sort) VALUES (?1, ?2, ?3)");
    for (const auto& c : t.categories) {
      s.reset();
      s.bind(1, c.id).bind(2, c.icon).bind(3, c.order);
      run(s);
      text("category", c.id, "name", c.name);
    }
  }
  {
    Stmt s(db_,
           "INSERT INTO centre(id, latitude, longitude, timezone, languages, fallback) VALUES (?1,?2,?3,?4,?5,?6)");
    Stmt e(db_, "INSERT INTO emergency_number(centre, sort, number) VALUES (?1, ?2, ?3)");
    for (const auto& c : t.centres) {
      std::string fb;
      for (const auto& [tag, chain] : c.fallback) fb += (fb.empty() ? "" : ";") + tag + ":" + join(chain, ",");
      s.reset();
      s.bind(1, c.id).bind(2, c.latitude).bind(3, c.longitude).bind(4, c.timezone).bind(5, join(c.languages, " "));
      s.bind(6, fb);
      run(s);
      text("centre", c.id, "name", c.name);
      text("centre", c.id, "address", c.address);
      for (size_t i = 0; i < c.emergency.size(); ++i) {
        e.reset();
        e.bind(1, c.id).bind(2, static_cast<int64_t>(i)).bind(3, c.emergency[i].number);
        run(e);
        text("emergency", c.id + "#" + std::to_string(i), "label", c.emergency[i].label);
      }
    }
  }
  {
    Stmt s(db_, "INSERT INTO organization(id, url, email) VALUES (?1, ?2, ?3)");
    for (const auto& o : t.organizations) {
      s.reset();
      s.bind(1, o.id).bind(2, o.url).bind(3, o.email);
      run(s);
      text("organization", o.id, "name", o.name);
      text("organization", o.id, "description", o.description);
    }
  }
  {
    Stmt s(db_,
           "INSERT INTO service(id, organization, centre, status, free, url, email, timezone, last_verified) "
           "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    Stmt cat(db_, "INSERT INTO service_category(service, category) VALUES (?1, ?2)");
    Stmt lng(db_, "INSERT OR IGNORE INTO service_language(service, lang) VALUES (?1, ?2)");
    Stmt ph(db_, "INSERT INTO phone(service, sort, number, type) VALUES (?1, ?2, ?3, ?4)");
    Stmt loc(db_,
             "INSERT INTO location(key, address_1, city, region, postal_code, country, latitude, longitude) "
             "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    Stmt sal(db_, "INSERT INTO service_at_location(service, location) VALUES (?1, ?2)");
    Stmt hr(db_, "INSERT OR IGNORE INTO schedule(service, weekday, opens, closes) VALUES (?1, ?2, ?3, ?4)");
    Stmt ex(db_, "INSERT INTO schedule_exception(service, date, opens, closes) VALUES (?1, ?2, ?3, ?4)");
    for (const auto& v : t.services) {
      s.reset();
      s.bind(1, v.id).bind(2, v.organization).bind(3, v.centre).bind(4, v.status).bind(5, v.free);
      s.bind(6, v.url).bind(7, v.email).bind(8, v.timezone).bind(9, v.last_verified);
      run(s);
      const std::pair<const char*, const src::Tr*> fields[] = {{"name", &v.name},
                                                               {"description", &v.description},
                                                               {"fees", &v.fees},
                                                               {"eligibility", &v.eligibility},
                                                               {"documents", &v.documents},
                                                               {"accessibility", &v.accessibility},
                                                               {"status_note", &v.status_note},
                                                               {"schedule_note", &v.schedule_note}};
      for (const auto& [name, tr] : fields) text("service", v.id, name, *tr);
      for (const auto& c : v.categories) {
        cat.reset();
        cat.bind(1, v.id).bind(2, c);
        run(cat);
      }
      for (const auto& l : v.languages) {
        lng.reset();
        lng.bind(1, v.id).bind(2, l);
        run(lng);
      }
      for (size_t i = 0; i < v.phones.size(); ++i) {
        ph.reset();
        ph.bind(1, v.id).bind(2, static_cast<int64_t>(i)).bind(3, v.phones[i].number).bind(4, v.phones[i].type);
        run(ph);
      }
      if (v.location) {
        const auto& L = *v.location;
        std::string key = v.id + "#0";
        loc.reset();
        loc.bind(1, key)
            .bind(2, L.address_1)
            .bind(3, L.city)
            .bind(4, L.region)
            .bind(5, L.postal_code)
            .bind(6, L.country);
        if (L.latitude && L.longitude)
          loc.bind(7, *L.latitude).bind(8, *L.longitude);
        else
          loc.bind_null(7).bind_null(8);
        run(loc);
        int64_t loc_id = sqlite3_last_insert_rowid(db_);
        sal.reset();
        sal.bind(1, v.id).bind(2, loc_id);
        run(sal);
        text("location", key, "name", L.name);
        text("location", key, "directions", L.directions);
      }
      for (const auto& h : v.hours) {
        hr.reset();
        hr.bind(1, v.id).bind(2, h.weekday).bind(3, h.opens).bind(4, h.closes);
        run(hr);
      }
      for (const auto& e : v.exceptions) {
        ex.reset();
        ex.bind(1, v.id).bind(2, e.date).bind(3, e.opens).bind(4, e.closes);
        run(ex);
      }
    }
  }
  {
    Stmt s(db_, "INSERT INTO article(id, topic, kind, severity, sort, source_lang) VALUES (?1,?2,?3,?4,?5,?6)");
    Stmt x(db_,
           "INSERT INTO article_text(article, lang, title, summary, body, status, reviewed) VALUES "
           "(?1,?2,?3,?4,?5,?6,?7)");
    for (const auto& a : t.articles) {
      s.reset();
      s.bind(1, a.id).bind(2, a.topic).bind(3, a.kind).bind(4, a.severity).bind(5, a.order).bind(6, a.source_lang);
      run(s);
      for (const auto& [lang, tx] : a.texts) {
        x.reset();
        x.bind(1, a.id).bind(2, lang).bind(3, tx.title).bind(4, tx.summary).bind(5, tx.body).bind(6, tx.status);
        x.bind(7, tx.reviewed);
        run(x);
      }
    }
  }
  {
    Stmt s(db_, "INSERT INTO ui_string(key, lang, text) VALUES (?1, ?2, ?3)");
    for (const auto& [key, by_lang] : t.ui)
      for (const auto& [lang, value] : by_lang) {
        s.reset();
        s.bind(1, key).bind(2, lang).bind(3, value);
        run(s);
      }
  }
  return first_error_;
}

}  // namespace

Result<BuildResult> build_database(const std::string& dir, const std::string& out) {
  BuildResult result;
  src::Tree tree = src::load(dir, result.diagnostics);
  result.stats = stats_of(tree);
  if (!result.diagnostics.empty()) {
    std::stable_sort(
        result.diagnostics.begin(), result.diagnostics.end(),
        [](const Diagnostic& a, const Diagnostic& b) { return a.path != b.path ? a.path < b.path : a.line < b.line; });
    return result;
  }

  // Build under a temporary name beside `out`, then rename over it.
  fs::path target(out);
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) return make_error(ErrorCode::Io, out + ": directory does not exist");
  std::random_device rd;
  fs::path tmp = parent / ("." + target.filename().string() + ".building-" + std::to_string(rd()));
  auto cleanup = [&tmp]() {
    std::error_code e;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(tmp.string() + suffix, e);
  };

  Status status;
  {
    auto store = Store::create(tmp.string());
    if (!store) {
      cleanup();
      return store.take_error();
    }
    sqlite3* db = (*store)->impl().db;
    status = sql::exec(db, "BEGIN");
    if (status) status = Writer(db).write(tree);
    if (status) {
      auto now = std::chrono::system_clock::now();
      auto secs = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
      status = (*store)->set_meta("built_at", std::to_string(secs));
      if (status) status = (*store)->set_meta("source_format", std::to_string(kSourceFormatVersion));
    }
    if (status) status = (*store)->rebuild_derived();
    if (status)
      status = sql::exec(db, "COMMIT");
    else
      (void)sql::exec(db, "ROLLBACK");
    // A single self-contained file: fold the WAL back in.
    if (status) status = sql::exec(db, "PRAGMA journal_mode = DELETE");
  }
  if (!status) {
    cleanup();
    return make_error(status.error().code, "building " + out + ": " + status.error().message);
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    cleanup();
    return make_error(ErrorCode::Io, out + ": cannot move the new database into place: " + ec.message());
  }
  return result;
}

Result<std::string> article_source_hash(const std::string& dir, const std::string& article) {
  std::vector<Diagnostic> diags;
  src::Tree tree = src::load(dir, diags);
  for (const auto& a : tree.articles)
    if (a.id == article) return src::source_hash(a.texts.at(a.source_lang));
  return make_error(ErrorCode::NotFound, "no article '" + article + "' in " + dir);
}

Status mark_translated(const std::string& dir, const std::string& article, const std::string& lang) {
  auto hash = article_source_hash(dir, article);
  if (!hash) return hash.take_error();
  fs::path p = fs::path(dir) / "articles" / article / (lang + ".md");
  std::ifstream in(p, std::ios::binary);
  if (!in) return make_error(ErrorCode::NotFound, p.string() + ": no such translation");
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  in.close();
  if (lines.empty() || lines[0] != "---") return make_error(ErrorCode::Invalid, p.string() + ":1: no front matter");
  size_t close = 0, translation_of = 0, existing = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i] == "---") {
      close = i;
      break;
    }
    if (lines[i].rfind("translation_of:", 0) == 0) translation_of = i;
    if (lines[i].rfind("source_hash:", 0) == 0) existing = i;
  }
  if (!close) return make_error(ErrorCode::Invalid, p.string() + ":1: front matter is not closed");
  if (!translation_of)
    return make_error(ErrorCode::Invalid, p.string() + ": not a translation (no translation_of in its front matter)");
  std::string line = "source_hash: " + *hash;
  if (existing)
    lines[existing] = line;
  else
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(translation_of) + 1, line);
  fs::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    for (const auto& l : lines) o << l << '\n';
    if (!o) return make_error(ErrorCode::Io, tmp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) return make_error(ErrorCode::Io, p.string() + ": " + ec.message());
  return {};
}

}  // namespace faro::content
