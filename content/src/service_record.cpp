#include "content/service_record.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>
#include <set>
#include <sstream>

#include "content/hours.h"
#include "content/lang.h"
#include "content/model.h"
#include "search_internal.h"
#include "store_impl.h"

namespace faro::content {

using sql::Stmt;

namespace {

constexpr size_t kMaxTextBytes = 20000;

// tr field names behind the record's text fields.
struct TextField {
  const char* record;  // name in the record
  const char* entity;  // tr entity
  const char* field;   // tr field
};
const TextField kTextFields[] = {
    {"name", "service", "name"},
    {"description", "service", "description"},
    {"fees", "service", "fees"},
    {"eligibility", "service", "eligibility"},
    {"documents", "service", "documents"},
    {"accessibility", "service", "accessibility"},
    {"status_note", "service", "status_note"},
    {"schedule_note", "service", "schedule_note"},
    {"location_name", "location", "name"},
    {"directions", "location", "directions"},
};

const TextField* text_field(const std::string& name) {
  for (const auto& t : kTextFields)
    if (name == t.record) return &t;
  return nullptr;
}

const char* kLocationColumns[] = {"address_1", "city", "region", "postal_code", "country"};

std::string hhmm(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string coord(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

struct Hour {
  int weekday, opens, closes;
};

// Parses a canonical hours value into `out`; error text on failure.
std::optional<std::string> parse_hours(const std::string& value, std::vector<Hour>& out) {
  static const std::regex re(R"(^([1-7]) ([0-9]{2}:[0-9]{2})-([0-9]{2}:[0-9]{2})$)");
  out.clear();
  int n = 0;
  for (const auto& line : lines_of(value)) {
    ++n;
    std::smatch m;
    if (!std::regex_match(line, m, re))
      return "line " + std::to_string(n) + " '" + line + "' is not 'D HH:MM-HH:MM' (D = 1 Monday .. 7 Sunday)";
    auto o = parse_hhmm(m[2], false), c = parse_hhmm(m[3], true);
    if (!o || !c) return "line " + std::to_string(n) + ": '" + line + "' has an impossible time";
    if (*o == *c) return "line " + std::to_string(n) + ": opens and closes at the same time";
    out.push_back({std::stoi(m[1]), *o, *c});
  }
  // No overlaps, counting ranges that run past midnight into the next day.
  std::vector<std::pair<int, int>> spans;  // minutes of the week
  for (const auto& h : out) {
    int start = (h.weekday - 1) * 1440 + h.opens;
    int end = (h.weekday - 1) * 1440 + (h.closes > h.opens ? h.closes : h.closes + 1440);
    spans.push_back({start, end});
    if (end > 7 * 1440) spans.push_back({0, end - 7 * 1440});
  }
  std::sort(spans.begin(), spans.end());
  for (size_t i = 1; i < spans.size(); ++i)
    if (spans[i].first < spans[i - 1].second) return std::string("two opening ranges overlap");
  if (out.size() > 70) return std::string("more than 70 opening ranges");
  return std::nullopt;
}

struct Dated {
  std::string date;
  int opens, closes;  // both 0: closed all day
};

// Parses a canonical exceptions value ("YYYY-MM-DD closed" or
// "YYYY-MM-DD HH:MM-HH:MM" per line) into `out`; error text on failure.
std::optional<std::string> parse_exceptions(const std::string& value, std::vector<Dated>& out) {
  static const std::regex closed_re(R"(^([0-9]{4}-[0-9]{2}-[0-9]{2}) closed$)");
  static const std::regex hours_re(R"(^([0-9]{4}-[0-9]{2}-[0-9]{2}) ([0-9]{2}:[0-9]{2})-([0-9]{2}:[0-9]{2})$)");
  out.clear();
  int n = 0;
  for (const auto& line : lines_of(value)) {
    ++n;
    std::smatch m;
    std::string where = "line " + std::to_string(n) + " '" + line + "'";
    if (std::regex_match(line, m, closed_re)) {
      out.push_back({m[1], 0, 0});
    } else if (std::regex_match(line, m, hours_re)) {
      auto o = parse_hhmm(m[2], false), c = parse_hhmm(m[3], true);
      if (!o || !c) return where + " has an impossible time";
      if (*c <= *o) return where + ": closes before it opens (an exception stays within its day)";
      out.push_back({m[1], *o, *c});
    } else {
      return where + " is not 'YYYY-MM-DD closed' or 'YYYY-MM-DD HH:MM-HH:MM'";
    }
    const std::string& d = out.back().date;
    int mo = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
    if (mo < 1 || mo > 12 || day < 1 || day > 31) return where + " has an impossible date";
  }
  for (size_t i = 0; i < out.size(); ++i)
    for (size_t j = i + 1; j < out.size(); ++j) {
      const auto &a = out[i], &b = out[j];
      if (a.date != b.date) continue;
      if (a.opens == a.closes || b.opens == b.closes || (a.opens < b.closes && b.opens < a.closes))
        return "date " + a.date + " has contradicting or overlapping exceptions";
    }
  if (out.size() > 400) return std::string("more than 400 exceptions");
  return std::nullopt;
}

bool valid_utf8(const std::string& s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!len || i + len > n) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

bool exists(sqlite3* db, const char* sql, const std::string& v) {
  Stmt q(db, sql);
  q.bind(1, v);
  return q.step();
}

// The service's first location row id, or 0.
int64_t location_of(sqlite3* db, const std::string& id) {
  Stmt q(db, "SELECT location FROM service_at_location WHERE service = ?1 ORDER BY location LIMIT 1");
  q.bind(1, id);
  return q.step() ? q.i64(0) : 0;
}

std::string location_key(sqlite3* db, int64_t loc) {
  Stmt q(db, "SELECT key FROM location WHERE id = ?1");
  q.bind(1, loc);
  return q.step() ? q.text(0) : "";
}

}  // namespace

const std::vector<std::string>& service_text_fields() {
  static const std::vector<std::string> v = [] {
    std::vector<std::string> out;
    for (const auto& t : kTextFields) out.push_back(t.record);
    return out;
  }();
  return v;
}

const std::vector<std::string>& service_plain_fields() {
  static const std::vector<std::string> v = {"status",      "free",          "organization", "url",       "email",
                                             "timezone",    "last_verified", "categories",   "languages", "phones",
                                             "hours",       "exceptions",    "address_1",    "city",      "region",
                                             "postal_code", "country",       "latitude",     "longitude"};
  return v;
}

std::pair<std::string, std::string> split_field(const std::string& field) {
  auto at = field.find('@');
  if (at == std::string::npos) return {field, ""};
  return {field.substr(0, at), field.substr(at + 1)};
}

Result<std::string> service_centre(Store& store, const std::string& id) {
  Stmt q(store.impl().db, "SELECT centre FROM service WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) {
    if (!q.status()) return q.status().error();
    return make_error(ErrorCode::NotFound, "no service '" + id + "'");
  }
  return q.text(0);
}

Result<ServiceRecord> read_service_record(Store& store, const std::string& id) {
  sqlite3* db = store.impl().db;
  ServiceRecord r;
  {
    Stmt q(db, "SELECT status, free, organization, url, email, timezone, last_verified FROM service WHERE id = ?1");
    q.bind(1, id);
    if (!q.step()) {
      if (!q.status()) return q.status().error();
      return make_error(ErrorCode::NotFound, "no service '" + id + "'");
    }
    r["status"] = q.text(0);
    r["free"] = q.i64(1) ? "yes" : "no";
    r["organization"] = q.text(2);
    r["url"] = q.text(3);
    r["email"] = q.text(4);
    r["timezone"] = q.text(5);
    r["last_verified"] = q.text(6);
  }
  auto list = [&](const char* sql) {
    Stmt q(db, sql);
    q.bind(1, id);
    std::vector<std::string> v;
    while (q.step()) v.push_back(q.text(0));
    return join(v, " ");
  };
  r["categories"] = list("SELECT category FROM service_category WHERE service = ?1 ORDER BY category");
  r["languages"] = list("SELECT lang FROM service_language WHERE service = ?1 ORDER BY lang");
  {
    Stmt q(db, "SELECT number, type FROM phone WHERE service = ?1 ORDER BY sort");
    q.bind(1, id);
    std::vector<std::string> v;
    while (q.step()) v.push_back(q.text(0) + " " + q.text(1));
    r["phones"] = join(v, "\n");
  }
  {
    Stmt q(db, "SELECT weekday, opens, closes FROM schedule WHERE service = ?1 ORDER BY weekday, opens");
    q.bind(1, id);
    std::vector<std::string> v;
    while (q.step()) v.push_back(std::to_string(q.i64(0)) + " " + hhmm(q.i32(1)) + "-" + hhmm(q.i32(2)));
    r["hours"] = join(v, "\n");
  }
  {
    Stmt q(db, "SELECT date, opens, closes FROM schedule_exception WHERE service = ?1 ORDER BY date, opens");
    q.bind(1, id);
    std::vector<std::string> v;
    while (q.step())
      v.push_back(q.text(0) +
                  (q.i32(1) == q.i32(2) ? std::string(" closed") : " " + hhmm(q.i32(1)) + "-" + hhmm(q.i32(2))));
    r["exceptions"] = join(v, "\n");
  }
  int64_t loc = location_of(db, id);
  for (const char* c : kLocationColumns) r[c] = "";
  r["latitude"] = r["longitude"] = "";
  std::string key;
  if (loc) {
    Stmt q(
        db,
        "SELECT address_1, city, region, postal_code, country, latitude, longitude, key FROM location WHERE id = ?1");
    q.bind(1, loc);
    if (q.step()) {
      for (int i = 0; i < 5; ++i) r[kLocationColumns[i]] = q.text(i);
      if (!q.is_null(5) && !q.is_null(6)) {
        r["latitude"] = coord(q.f64(5));
        r["longitude"] = coord(q.f64(6));
      }
      key = q.text(7);
    }
  }
  {
    Stmt q(db,
           "SELECT entity, field, lang, text FROM tr WHERE (entity = 'service' AND id = ?1) OR "
           "(entity = 'location' AND id = ?2)");
    q.bind(1, id).bind(2, key);
    while (q.step()) {
      for (const auto& t : kTextFields)
        if (q.text(0) == t.entity && q.text(1) == t.field) r[std::string(t.record) + "@" + q.text(2)] = q.text(3);
    }
    if (!q.status()) return q.status().error();
  }
  return r;
}

std::optional<std::string> check_service_field(Store& store, const std::string& field, const std::string& value) {
  sqlite3* db = store.impl().db;
  if (value.size() > kMaxTextBytes) return "longer than " + std::to_string(kMaxTextBytes) + " bytes";
  if (!valid_utf8(value)) return std::string("is not valid UTF-8");
  auto [name, lang] = split_field(field);
  if (!lang.empty()) {
    if (!text_field(name)) return "unknown text field '" + name + "'";
    if (!exists(db, "SELECT 1 FROM language WHERE tag = ?1", lang))
      return "'" + lang + "' is not a language of this content";
    if (name == "name" && value.find('\n') != std::string::npos) return std::string("a name is one line");
    return std::nullopt;
  }
  static const std::regex e164(R"(^\+[1-9][0-9]{7,14}$)");
  static const std::regex date(R"(^[0-9]{4}-[0-9]{2}-[0-9]{2}$)");
  static const std::regex email(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)");
  static const std::regex url(R"(^https?://[^\s/]+\.[^\s]+$)");
  static const std::regex number(R"(^-?[0-9]{1,3}(\.[0-9]{1,10})?$)");
  if (field == "status") {
    if (!parse_service_status(value)) return std::string("must be active, temporarily-closed or inactive");
  } else if (field == "free") {
    if (value != "yes" && value != "no") return std::string("must be yes or no");
  } else if (field == "organization") {
    if (!exists(db, "SELECT 1 FROM organization WHERE id = ?1", value)) return "no organization '" + value + "'";
  } else if (field == "url") {
    if (!value.empty() && !std::regex_match(value, url)) return "'" + value + "' is not a web address (https://...)";
  } else if (field == "email") {
    if (!value.empty() && !std::regex_match(value, email)) return "'" + value + "' is not an e-mail address";
  } else if (field == "timezone") {
    if (!value.empty() && !is_known_timezone(value))
      return "unknown time zone '" + value + "' (use an IANA name like America/Denver)";
  } else if (field == "last_verified") {
    if (!std::regex_match(value, date)) return "'" + value + "' is not a date YYYY-MM-DD";
  } else if (field == "categories") {
    auto ids = words_of(value);
    if (ids.empty()) return std::string("a service needs at least one category");
    for (const auto& c : ids)
      if (!exists(db, "SELECT 1 FROM category WHERE id = ?1", c)) return "no category '" + c + "'";
  } else if (field == "languages") {
    for (const auto& l : words_of(value)) {
      auto canon = lang::canonicalize(l);
      if (!canon || *canon != l) return "'" + l + "' is not a canonical language tag";
    }
  } else if (field == "phones") {
    for (const auto& line : lines_of(value)) {
      auto w = words_of(line);
      if (w.size() != 2) return "'" + line + "' is not 'NUMBER TYPE'";
      if (!std::regex_match(w[0], e164)) return "phone '" + w[0] + "' is not E.164 (+ then 8 to 15 digits, no spaces)";
      if (!parse_phone_type(w[1])) return "phone type '" + w[1] + "' is not voice, sms, hotline, whatsapp or fax";
    }
    if (lines_of(value).size() > 20) return std::string("more than 20 phone numbers");
  } else if (field == "hours") {
    std::vector<Hour> h;
    if (auto err = parse_hours(value, h)) return err;
  } else if (field == "exceptions") {
    std::vector<Dated> d;
    if (auto err = parse_exceptions(value, d)) return err;
  } else if (field == "latitude" || field == "longitude") {
    if (!value.empty()) {
      if (!std::regex_match(value, number)) return "'" + value + "' is not a number";
      double v = std::stod(value);
      double limit = field == "latitude" ? 90 : 180;
      if (std::fabs(v) > limit) return "'" + value + "' is out of range";
    }
  } else if (field == "country") {
    static const std::regex cc("^[A-Z]{2}$");
    if (!value.empty() && !std::regex_match(value, cc)) return "'" + value + "' is not a two-letter country code (US)";
  } else if (field == "address_1" || field == "city" || field == "region" || field == "postal_code") {
    if (value.find('\n') != std::string::npos) return std::string("is one line");
  } else {
    return "unknown field '" + field + "'";
  }
  return std::nullopt;
}

Status write_service_fields(Store& store, const std::string& id, const ServiceRecord& fields,
                            const std::string& centre) {
  sqlite3* db = store.impl().db;
  for (const auto& [f, v] : fields)
    if (auto err = check_service_field(store, f, v)) return make_error(ErrorCode::Invalid, f + ": " + *err);
  if (fields.count("latitude") != fields.count("longitude"))
    return make_error(ErrorCode::Invalid, "latitude: latitude and longitude change together");
  if (fields.count("latitude") && fields.at("latitude").empty() != fields.at("longitude").empty())
    return make_error(ErrorCode::Invalid, "latitude: give both latitude and longitude, or neither");
  bool is_new = !exists(db, "SELECT 1 FROM service WHERE id = ?1", id);
  if (is_new) {
    static const std::regex id_re("^[a-z0-9][a-z0-9-]{0,79}$");
    if (centre.empty()) return make_error(ErrorCode::NotFound, "no service '" + id + "'");
    if (!std::regex_match(id, id_re)) return make_error(ErrorCode::Invalid, "id: '" + id + "' is not a valid id");
    if (!exists(db, "SELECT 1 FROM centre WHERE id = ?1", centre))
      return make_error(ErrorCode::Invalid, "centre: no centre '" + centre + "'");
    if (!fields.count("organization")) return make_error(ErrorCode::Invalid, "organization: a new service needs one");
    bool named = false;
    for (const auto& [f, v] : fields) named = named || (split_field(f).first == "name" && !v.empty());
    if (!named) return make_error(ErrorCode::Invalid, "name: a new service needs a name");
    if (!fields.count("categories")) return make_error(ErrorCode::Invalid, "categories: a new service needs one");
  }

  if (auto s = sql::exec(db, "SAVEPOINT write_service"); !s) return s;
  auto fail = [db](Status s) {
    (void)sql::exec(db, "ROLLBACK TO write_service; RELEASE write_service");
    return s;
  };
  auto old_rows = service_search_rows(db, id);
  if (!old_rows) return fail(old_rows.error());

  auto get = [&](const char* f, const std::string& def) {
    auto it = fields.find(f);
    return it == fields.end() ? def : it->second;
  };
  if (is_new) {
    Stmt ins(db,
             "INSERT INTO service(id, organization, centre, status, free, url, email, timezone, last_verified) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    ins.bind(1, id).bind(2, get("organization", "")).bind(3, centre).bind(4, get("status", "active"));
    ins.bind(5, get("free", "no") == "yes").bind(6, get("url", "")).bind(7, get("email", ""));
    ins.bind(8, get("timezone", "")).bind(9, get("last_verified", "1970-01-01"));
    if (auto s = ins.run(); !s) return fail(s);
  }
  for (const char* col : {"status", "organization", "url", "email", "timezone", "last_verified"}) {
    auto it = fields.find(col);
    if (it == fields.end()) continue;
    Stmt u(db, std::string("UPDATE service SET ") + col + " = ?2 WHERE id = ?1");
    u.bind(1, id).bind(2, it->second);
    if (auto s = u.run(); !s) return fail(s);
  }
  if (auto it = fields.find("free"); it != fields.end()) {
    Stmt u(db, "UPDATE service SET free = ?2 WHERE id = ?1");
    u.bind(1, id).bind(2, it->second == "yes");
    if (auto s = u.run(); !s) return fail(s);
  }
  auto replace_list = [&](const char* field, const char* del_sql, const char* ins_sql) -> Status {
    auto it = fields.find(field);
    if (it == fields.end()) return {};
    Stmt d(db, del_sql);
    d.bind(1, id);
    if (auto s = d.run(); !s) return s;
    Stmt ins(db, ins_sql);
    for (const auto& w : words_of(it->second)) {
      ins.reset();
      ins.bind(1, id).bind(2, w);
      if (auto s = ins.run(); !s) return s;
    }
    return {};
  };
  if (auto s = replace_list("categories", "DELETE FROM service_category WHERE service = ?1",
                            "INSERT OR IGNORE INTO service_category(service, category) VALUES (?1, ?2)");
      !s)
    return fail(s);
  if (auto s = replace_list("languages", "DELETE FROM service_language WHERE service = ?1",
                            "INSERT OR IGNORE INTO service_language(service, lang) VALUES (?1, ?2)");
      !s)
    return fail(s);
  if (auto it = fields.find("phones"); it != fields.end()) {
    Stmt d(db, "DELETE FROM phone WHERE service = ?1");
    d.bind(1, id);
    if (auto s = d.run(); !s) return fail(s);
    Stmt ins(db, "INSERT INTO phone(service, sort, number, type) VALUES (?1, ?2, ?3, ?4)");
    int64_t sort = 0;
    for (const auto& line : lines_of(it->second)) {
      auto w = words_of(line);
      ins.reset();
      ins.bind(1, id).bind(2, sort++).bind(3, w[0]).bind(4, w[1]);
      if (auto s = ins.run(); !s) return fail(s);
    }
  }
  if (auto it = fields.find("hours"); it != fields.end()) {
    Stmt d(db, "DELETE FROM schedule WHERE service = ?1");
    d.bind(1, id);
    if (auto s = d.run(); !s) return fail(s);
    Stmt ins(db, "INSERT INTO schedule(service, weekday, opens, closes) VALUES (?1, ?2, ?3, ?4)");
    std::vector<Hour> hours;
    (void)parse_hours(it->second, hours);  // checked above
    for (const auto& h : hours) {
      ins.reset();
      ins.bind(1, id).bind(2, h.weekday).bind(3, h.opens).bind(4, h.closes);
      if (auto s = ins.run(); !s) return fail(s);
    }
  }

  if (auto it = fields.find("exceptions"); it != fields.end()) {
    Stmt d(db, "DELETE FROM schedule_exception WHERE service = ?1");
    d.bind(1, id);
    if (auto s = d.run(); !s) return fail(s);
    Stmt ins(db, "INSERT INTO schedule_exception(service, date, opens, closes) VALUES (?1, ?2, ?3, ?4)");
    std::vector<Dated> dated;
    (void)parse_exceptions(it->second, dated);  // checked above
    for (const auto& e : dated) {
      ins.reset();
      ins.bind(1, id).bind(2, e.date).bind(3, e.opens).bind(4, e.closes);
      if (auto s = ins.run(); !s) return fail(s);
    }
  }

  // The location: its columns, position and texts.
  bool touches_location = false;
  for (const auto& [f, v] : fields) {
    const std::string name = split_field(f).first;  // a copy: clang 14 cannot capture a structured binding
    touches_location = touches_location || name == "latitude" || name == "location_name" || name == "directions" ||
                       std::find_if(std::begin(kLocationColumns), std::end(kLocationColumns),
                                    [&](const char* c) { return name == c; }) != std::end(kLocationColumns);
  }
  int64_t loc = location_of(db, id);
  if (touches_location && !loc) {
    Stmt ins(db, "INSERT INTO location(key) VALUES (?1)");
    ins.bind(1, id + "#0");
    if (auto s = ins.run(); !s) return fail(s);
    loc = sqlite3_last_insert_rowid(db);
    Stmt sal(db, "INSERT INTO service_at_location(service, location) VALUES (?1, ?2)");
    sal.bind(1, id).bind(2, loc);
    if (auto s = sal.run(); !s) return fail(s);
  }
  for (const char* col : kLocationColumns) {
    auto it = fields.find(col);
    if (it == fields.end()) continue;
    Stmt u(db, std::string("UPDATE location SET ") + col + " = ?2 WHERE id = ?1");
    u.bind(1, loc).bind(2, it->second);
    if (auto s = u.run(); !s) return fail(s);
  }
  if (fields.count("latitude")) {
    Stmt u(db, "UPDATE location SET latitude = ?2, longitude = ?3 WHERE id = ?1");
    u.bind(1, loc);
    if (fields.at("latitude").empty())
      u.bind_null(2).bind_null(3);
    else
      u.bind(2, std::stod(fields.at("latitude"))).bind(3, std::stod(fields.at("longitude")));
    if (auto s = u.run(); !s) return fail(s);
    Stmt d(db, "DELETE FROM location_rtree WHERE id = ?1");
    d.bind(1, loc);
    if (auto s = d.run(); !s) return fail(s);
    if (!fields.at("latitude").empty()) {
      Stmt r(db,
             "INSERT INTO location_rtree(id, min_lat, max_lat, min_lon, max_lon) "
             "SELECT id, latitude, latitude, longitude, longitude FROM location WHERE id = ?1");
      r.bind(1, loc);
      if (auto s = r.run(); !s) return fail(s);
    }
  }

  // Texts: an empty value removes the translation.
  std::string key = loc ? location_key(db, loc) : "";
  Stmt del(db, "DELETE FROM tr WHERE entity = ?1 AND id = ?2 AND field = ?3 AND lang = ?4");
  Stmt put(db,
           "INSERT INTO tr(entity, id, field, lang, text) VALUES (?1, ?2, ?3, ?4, ?5) "
           "ON CONFLICT(entity, id, field, lang) DO UPDATE SET text = excluded.text");
  for (const auto& [f, v] : fields) {
    auto [name, lang] = split_field(f);
    if (lang.empty()) continue;
    const TextField* t = text_field(name);
    std::string owner = std::string(t->entity) == "service" ? id : key;
    if (v.empty()) {
      del.reset();
      del.bind(1, t->entity).bind(2, owner).bind(3, t->field).bind(4, lang);
      if (auto s = del.run(); !s) return fail(s);
    } else {
      put.reset();
      put.bind(1, t->entity).bind(2, owner).bind(3, t->field).bind(4, lang).bind(5, v);
      if (auto s = put.run(); !s) return fail(s);
    }
  }
  if (auto s = reindex_service(db, id, *old_rows); !s) return fail(s);
  return sql::exec(db, "RELEASE write_service");
}

}  // namespace faro::content
