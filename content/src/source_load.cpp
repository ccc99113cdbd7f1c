// Loads an authoring tree (docs/authoring.md) and checks it, collecting every
// problem as a Diagnostic with the file and line at fault.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

#include "content/hours.h"
#include "content/text.h"
#include "source_model.h"

namespace fs = std::filesystem;

namespace faro::content::src {
namespace {

// A file being read: its path for messages, and the number of lines before
// the YAML document starts (front matter starts after the '---' line).
struct File {
  std::string path;
  int offset = 0;
};

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

int line_at(const std::string& s, size_t offset) {
  return 1 + static_cast<int>(
                 std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(std::min(offset, s.size())), '\n'));
}

bool is_id(const std::string& s) {
  static const std::regex re("^[a-z0-9][a-z0-9-]{0,79}$");
  return std::regex_match(s, re);
}

bool is_date(const std::string& s) {
  static const std::regex re("^([0-9]{4})-([0-9]{2})-([0-9]{2})$");
  std::smatch m;
  if (!std::regex_match(s, m, re)) return false;
  int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = days[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 1 : 0);
  return d <= max;
}

bool is_e164(const std::string& s) {
  static const std::regex re(R"(^\+[1-9][0-9]{7,14}$)");
  return std::regex_match(s, re);
}

bool is_short_code(const std::string& s) {
  static const std::regex re("^[0-9]{3,6}$");
  return std::regex_match(s, re);
}

class Loader {
 public:
  Loader(std::string dir, std::vector<Diagnostic>& diags) : dir_(std::move(dir)), diags_(diags) {}

  Tree run();

 private:
  std::string dir_;
  std::vector<Diagnostic>& diags_;
  Tree tree_;
  std::set<std::string> declared_;
  // Which files could be read at all: references into a file that could not
  // be parsed are not checked, so one YAML typo gives one error, not fifty.
  bool topics_read_ = false, categories_read_ = false, centres_read_ = false, services_read_ = true;

  void error(const std::string& path, int line, std::string msg) { diags_.push_back({path, line, std::move(msg)}); }
  void error(const File& f, const YAML::Node& n, std::string msg) { error(f.path, line(f, n), std::move(msg)); }
  static int line(const File& f, const YAML::Node& n) {
    auto m = n.Mark();
    return m.line < 0 ? 0 : m.line + 1 + f.offset;
  }
  std::string rel(const fs::path& p) const { return p.string(); }

  // Reads a text file and checks it is UTF-8 and NFC. Returns false if the
  // file cannot be used at all.
  bool read_text(const fs::path& p, std::string& out);
  // Parses YAML text; reports malformed YAML.
  std::optional<YAML::Node> parse_yaml(const File& f, const std::string& text);
  std::optional<YAML::Node> load_yaml_file(const fs::path& p, File& f);

  void check_keys(const File& f, const YAML::Node& map, std::initializer_list<const char*> allowed);
  // Reports an entry that is not a mapping; true if it is one.
  bool is_entry(const File& f, const YAML::Node& n, const char* what);
  std::optional<std::string> str(const File& f, const YAML::Node& map, const char* key, bool required);
  std::optional<int> integer(const File& f, const YAML::Node& map, const char* key, bool required);
  std::optional<double> real(const File& f, const YAML::Node& map, const char* key, bool required, double lo,
                             double hi);
  std::optional<bool> boolean(const File& f, const YAML::Node& map, const char* key, bool required);
  std::vector<std::string> str_list(const File& f, const YAML::Node& map, const char* key, bool required);
  Tr tr(const File& f, const YAML::Node& map, const char* key, bool required);
  std::optional<std::string> date(const File& f, const YAML::Node& map, const char* key, bool required);
  // Checks a language tag: well-formed, canonical and (if `declared`) known.
  bool check_lang(const File& f, const YAML::Node& at, const std::string& tag, bool declared);
  bool check_lang_at(const std::string& path, int line, const std::string& tag, bool declared);
  std::optional<std::string> id(const File& f, const YAML::Node& map);

  void load_languages();
  void load_topics();
  void load_categories();
  void load_centres();
  void load_organizations(const File& f, const YAML::Node& list);
  void load_services();
  void load_service(const File& f, const YAML::Node& n);
  void load_articles();
  void load_article_file(Article& a, const fs::path& p, const std::string& lang);
  void load_ui();
  void cross_check();
  void check_body_links(const ArticleText& t);
};

bool Loader::read_text(const fs::path& p, std::string& out) {
  std::string path = rel(p);
  if (!read_file(p, out)) {
    error(path, 0, "cannot read file");
    return false;
  }
  size_t bad = 0;
  if (!text::is_valid_utf8(out, &bad)) {
    error(path, line_at(out, bad), "invalid UTF-8 (byte " + std::to_string(bad) + ")");
    return false;
  }
  if (!text::is_nfc(out)) {
    // Name the first line that is not NFC.
    std::istringstream in(out);
    std::string l;
    int n = 0;
    while (std::getline(in, l)) {
      ++n;
      if (!text::is_nfc(l)) break;
    }
    error(path, n, "text is not in Unicode normalisation form NFC (re-save the file as NFC)");
  }
  return true;
}

std::optional<YAML::Node> Loader::parse_yaml(const File& f, const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    error(f.path, e.mark.line < 0 ? 0 : e.mark.line + 1 + f.offset, "malformed YAML: " + e.msg);
    return std::nullopt;
  }
}

std::optional<YAML::Node> Loader::load_yaml_file(const fs::path& p, File& f) {
  f.path = rel(p);
  f.offset = 0;
  std::string text;
  if (!read_text(p, text)) return std::nullopt;
  return parse_yaml(f, text);
}

bool Loader::is_entry(const File& f, const YAML::Node& n, const char* what) {
  if (n.IsMap()) return true;
  error(f, n, std::string("each ") + what + " must be a mapping of fields (for example 'id: ...')");
  return false;
}

void Loader::check_keys(const File& f, const YAML::Node& map, std::initializer_list<const char*> allowed) {
  if (!map.IsMap()) return;
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string k = it->first.Scalar();
    bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; });
    if (!ok) error(f, it->first, "unknown field '" + k + "'");
  }
}

std::optional<std::string> Loader::str(const File& f, const YAML::Node& map, const char* key, bool required) {
  YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) {
    if (required) error(f, map, std::string("missing required field '") + key + "'");
    return std::nullopt;
  }
  if (!n.IsScalar()) {
    error(f, n, std::string("field '") + key + "' must be text");
    return std::nullopt;
  }
  if (required && n.Scalar().empty()) {
    error(f, n, std::string("field '") + key + "' is empty");
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<int> Loader::integer(const File& f, const YAML::Node& map, const char* key, bool required) {
  auto s = str(f, map, key, required);
  if (!s) return std::nullopt;
  static const std::regex re("^-?[0-9]{1,9}$");
  if (!std::regex_match(*s, re)) {
    error(f, map[key], std::string("field '") + key + "' must be a whole number");
    return std::nullopt;
  }
  return std::stoi(*s);
}

std::optional<double> Loader::real(const File& f, const YAML::Node& map, const char* key, bool required, double lo,
                                   double hi) {
  auto s = str(f, map, key, required);
  if (!s) return std::nullopt;
  static const std::regex re(R"(^-?[0-9]{1,3}(\.[0-9]{1,10})?$)");
  if (!std::regex_match(*s, re)) {
    error(f, map[key], std::string("field '") + key + "' must be a number");
    return std::nullopt;
  }
  double v = std::stod(*s);
  if (v < lo || v > hi) {
    error(f, map[key], std::string("field '") + key + "' is out of range (" + *s + ")");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> Loader::boolean(const File& f, const YAML::Node& map, const char* key, bool required) {
  auto s = str(f, map, key, required);
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  error(f, map[key], std::string("field '") + key + "' must be true or false");
  return std::nullopt;
}

std::vector<std::string> Loader::str_list(const File& f, const YAML::Node& map, const char* key, bool required) {
  std::vector<std::string> out;
  YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) {
    if (required) error(f, map, std::string("missing required field '") + key + "'");
    return out;
  }
  if (!n.IsSequence()) {
    error(f, n, std::string("field '") + key + "' must be a list");
    return out;
  }
  for (const auto& e : n) {
    if (!e.IsScalar() || e.Scalar().empty()) {
      error(f, e, std::string("field '") + key + "' must be a list of text");
      continue;
    }
    out.push_back(e.Scalar());
  }
  if (required && out.empty()) error(f, n, std::string("field '") + key + "' is empty");
  return out;
}

std::optional<std::string> Loader::date(const File& f, const YAML::Node& map, const char* key, bool required) {
  auto s = str(f, map, key, required);
  if (!s) return std::nullopt;
  if (!is_date(*s)) {
    error(f, map[key], std::string("field '") + key + "' must be a date YYYY-MM-DD (got '" + *s + "')");
    return std::nullopt;
  }
  return s;
}

bool Loader::check_lang_at(const std::string& path, int ln, const std::string& tag, bool declared) {
  auto canon = lang::canonicalize(tag);
  if (!canon) {
    error(path, ln, "malformed language tag '" + tag + "'");
    return false;
  }
  if (*canon != tag) {
    error(path, ln, "language tag '" + tag + "' is not canonical; write '" + *canon + "'");
    return false;
  }
  if (declared && !declared_.count(tag)) {
    error(path, ln, "unknown language '" + tag + "' (not declared in languages.yaml)");
    return false;
  }
  return true;
}

bool Loader::check_lang(const File& f, const YAML::Node& at, const std::string& tag, bool declared) {
  return check_lang_at(f.path, line(f, at), tag, declared);
}

Tr Loader::tr(const File& f, const YAML::Node& map, const char* key, bool required) {
  Tr out;
  YAML::Node n = map[key];
  out.where = {f.path, line(f, n.IsDefined() ? n : map)};
  if (!n.IsDefined() || n.IsNull()) {
    if (required) error(f, map, std::string("missing required field '") + key + "'");
    return out;
  }
  if (!n.IsMap()) {
    error(f, n, std::string("field '") + key + "' must map languages to text (en: ..., es: ...)");
    return out;
  }
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string tag = it->first.Scalar();
    if (!check_lang(f, it->first, tag, true)) continue;
    if (!it->second.IsScalar() || it->second.Scalar().empty()) {
      error(f, it->second, std::string("field '") + key + "' in '" + tag + "' must be non-empty text");
      continue;
    }
    out.by_lang[tag] = it->second.Scalar();
  }
  if (!out.by_lang.empty() && !out.by_lang.count(lang::kLastResort))
    error(f, n, std::string("field '") + key + "' has no 'en' text (every chain ends in English)");
  return out;
}

std::optional<std::string> Loader::id(const File& f, const YAML::Node& map) {
  auto s = str(f, map, "id", true);
  if (!s) return std::nullopt;
  if (!is_id(*s)) {
    error(f, map["id"], "id '" + *s + "' must be lower-case letters, digits and '-'");
    return std::nullopt;
  }
  return s;
}

// Reads the `key:` list at the top of a YAML document.
static YAML::Node top_list(const YAML::Node& doc, const char* key) {
  if (!doc.IsMap()) return YAML::Node();
  return doc[key];
}

void Loader::load_languages() {
  File f;
  auto doc = load_yaml_file(fs::path(dir_) / "languages.yaml", f);
  if (!doc) return;
  YAML::Node list = top_list(*doc, "languages");
  if (!list.IsSequence()) {
    error(f.path, 1, "expected a 'languages:' list");
    return;
  }
  for (const auto& n : list) {
    if (!is_entry(f, n, "language")) continue;
    check_keys(f, n, {"tag", "name", "english", "script", "direction", "fallback"});
    auto tag = str(f, n, "tag", true);
    auto name = str(f, n, "name", true);
    auto english = str(f, n, "english", true);
    auto script = str(f, n, "script", true);
    auto dir = str(f, n, "direction", true);
    if (!tag) continue;
    if (!check_lang(f, n["tag"], *tag, false)) continue;
    if (declared_.count(*tag)) {
      error(f, n["tag"], "duplicate language '" + *tag + "'");
      continue;
    }
    Language l;
    l.where = {f.path, line(f, n)};
    l.info.tag = *tag;
    l.info.name = name.value_or("");
    l.info.english = english.value_or("");
    if (script) {
      static const std::regex re("^[A-Z][a-z]{3}$");
      if (!std::regex_match(*script, re))
        error(f, n["script"], "script '" + *script + "' is not an ISO 15924 code like 'Latn'");
      l.info.script = *script;
    }
    if (dir && *dir != "ltr" && *dir != "rtl") error(f, n["direction"], "direction must be ltr or rtl");
    l.info.direction = dir && *dir == "rtl" ? lang::Direction::Rtl : lang::Direction::Ltr;
    l.info.fallback = str_list(f, n, "fallback", false);
    declared_.insert(*tag);
    tree_.languages.push_back(std::move(l));
  }
  // Fallbacks may name languages declared later in the file.
  for (const auto& l : tree_.languages)
    for (const auto& fb : l.info.fallback) check_lang_at(l.where.path, l.where.line, fb, true);
  if (!declared_.count(lang::kLastResort)) error(f.path, 1, "languages.yaml must declare 'en'");
}

void Loader::load_topics() {
  File f;
  auto doc = load_yaml_file(fs::path(dir_) / "topics.yaml", f);
  if (!doc) return;
  YAML::Node list = top_list(*doc, "topics");
  if (!list.IsSequence()) {
    error(f.path, 1, "expected a 'topics:' list");
    return;
  }
  topics_read_ = true;
  for (const auto& n : list) {
    if (!is_entry(f, n, "topic")) continue;
    check_keys(f, n, {"id", "parent", "icon", "order", "title", "summary"});
    Topic t;
    t.where = {f.path, line(f, n)};
    auto i = id(f, n);
    t.parent = str(f, n, "parent", false).value_or("");
    t.icon = str(f, n, "icon", true).value_or("");
    t.order = integer(f, n, "order", false).value_or(0);
    t.title = tr(f, n, "title", true);
    t.summary = tr(f, n, "summary", false);
    if (!i) continue;
    t.id = *i;
    tree_.topics.push_back(std::move(t));
  }
}

void Loader::load_categories() {
  File f;
  auto doc = load_yaml_file(fs::path(dir_) / "categories.yaml", f);
  if (!doc) return;
  YAML::Node list = top_list(*doc, "categories");
  if (!list.IsSequence()) {
    error(f.path, 1, "expected a 'categories:' list");
    return;
  }
  categories_read_ = true;
  int order = 0;
  for (const auto& n : list) {
    if (!is_entry(f, n, "category")) continue;
    check_keys(f, n, {"id", "icon", "name"});
    Category c;
    c.where = {f.path, line(f, n)};
    auto i = id(f, n);
    c.icon = str(f, n, "icon", true).value_or("");
    c.name = tr(f, n, "name", true);
    c.order = order += 10;
    if (!i) continue;
    c.id = *i;
    tree_.categories.push_back(std::move(c));
  }
}

void Loader::load_centres() {
  File f;
  auto doc = load_yaml_file(fs::path(dir_) / "centres.yaml", f);
  if (!doc) return;
  YAML::Node list = top_list(*doc, "centres");
  if (!list.IsSequence()) {
    error(f.path, 1, "expected a 'centres:' list");
    return;
  }
  centres_read_ = true;
  for (const auto& n : list) {
    if (!is_entry(f, n, "centre")) continue;
    check_keys(f, n,
               {"id", "name", "address", "latitude", "longitude", "timezone", "languages", "fallback", "emergency"});
    Centre c;
    c.where = {f.path, line(f, n)};
    auto i = id(f, n);
    c.name = tr(f, n, "name", true);
    c.address = tr(f, n, "address", false);
    c.latitude = real(f, n, "latitude", true, -90, 90).value_or(0);
    c.longitude = real(f, n, "longitude", true, -180, 180).value_or(0);
    if (auto tz = str(f, n, "timezone", true)) {
      if (!is_known_timezone(*tz))
        error(f, n["timezone"], "unknown time zone '" + *tz + "' (use an IANA name like America/Denver)");
      c.timezone = *tz;
    }
    c.languages = str_list(f, n, "languages", true);
    for (size_t k = 0; k < c.languages.size(); ++k) check_lang(f, n["languages"][k], c.languages[k], true);
    YAML::Node fb = n["fallback"];
    if (fb.IsDefined() && !fb.IsNull()) {
      if (!fb.IsMap()) {
        error(f, fb, "field 'fallback' must map a language to a list of languages");
      } else {
        for (auto it = fb.begin(); it != fb.end(); ++it) {
          std::string tag = it->first.Scalar();
          YAML::Node chain = it->second;  // (yaml-cpp's iterator proxy is a temporary)
          check_lang(f, it->first, tag, true);
          if (!chain.IsSequence()) {
            error(f, chain, "fallback of '" + tag + "' must be a list");
            continue;
          }
          for (const auto& e : chain) {
            check_lang(f, e, e.Scalar(), true);
            c.fallback[tag].push_back(e.Scalar());
          }
        }
      }
    }
    YAML::Node em = n["emergency"];
    if (em.IsDefined() && !em.IsNull()) {
      if (!em.IsSequence()) {
        error(f, em, "field 'emergency' must be a list");
      } else {
        for (const auto& e : em) {
          if (!is_entry(f, e, "emergency number")) continue;
          check_keys(f, e, {"number", "label"});
          Emergency x;
          x.number = str(f, e, "number", true).value_or("");
          if (!x.number.empty() && !is_e164(x.number) && !is_short_code(x.number))
            error(f, e["number"], "phone '" + x.number + "' is neither E.164 (+ then 8 to 15 digits) nor a short code");
          x.label = tr(f, e, "label", true);
          c.emergency.push_back(std::move(x));
        }
      }
    }
    if (!i) continue;
    c.id = *i;
    tree_.centres.push_back(std::move(c));
  }
}

void Loader::load_organizations(const File& f, const YAML::Node& list) {
  if (!list.IsSequence()) {
    error(f, list, "'organizations' must be a list");
    return;
  }
  for (const auto& n : list) {
    if (!is_entry(f, n, "organization")) continue;
    check_keys(f, n, {"id", "name", "description", "url", "email"});
    Organization o;
    o.where = {f.path, line(f, n)};
    auto i = id(f, n);
    o.name = tr(f, n, "name", true);
    o.description = tr(f, n, "description", false);
    o.url = str(f, n, "url", false).value_or("");
    o.email = str(f, n, "email", false).value_or("");
    if (!i) continue;
    o.id = *i;
    tree_.organizations.push_back(std::move(o));
  }
}

void Loader::load_service(const File& f, const YAML::Node& n) {
  if (!is_entry(f, n, "service")) return;
  check_keys(f, n, {"id",         "organization",  "centre", "name",        "description",
                    "categories", "languages",     "free",   "fees",        "eligibility",
                    "documents",  "accessibility", "status", "status_note", "last_verified",
                    "url",        "email",         "phones", "location",    "schedule"});
  Service s;
  s.where = {f.path, line(f, n)};
  auto i = id(f, n);
  s.organization = str(f, n, "organization", true).value_or("");
  s.centre = str(f, n, "centre", true).value_or("");
  s.name = tr(f, n, "name", true);
  s.description = tr(f, n, "description", true);
  s.categories = str_list(f, n, "categories", true);
  s.languages = str_list(f, n, "languages", false);
  for (size_t k = 0; k < s.languages.size(); ++k) check_lang(f, n["languages"][k], s.languages[k], false);
  s.free = boolean(f, n, "free", true).value_or(false);
  s.fees = tr(f, n, "fees", false);
  if (!s.free && s.fees.empty() && n["free"].IsDefined())
    error(f, n["free"], "a service that is not free needs 'fees' describing the cost");
  s.eligibility = tr(f, n, "eligibility", false);
  s.documents = tr(f, n, "documents", false);
  s.accessibility = tr(f, n, "accessibility", false);
  s.status = str(f, n, "status", true).value_or("active");
  if (!parse_service_status(s.status)) error(f, n["status"], "status must be active, temporarily-closed or inactive");
  s.status_note = tr(f, n, "status_note", s.status == "temporarily-closed");
  s.last_verified = date(f, n, "last_verified", true).value_or("");
  s.url = str(f, n, "url", false).value_or("");
  s.email = str(f, n, "email", false).value_or("");

  YAML::Node phones = n["phones"];
  if (phones.IsDefined() && !phones.IsNull()) {
    if (!phones.IsSequence()) {
      error(f, phones, "field 'phones' must be a list");
    } else {
      for (const auto& p : phones) {
        if (!is_entry(f, p, "phone")) continue;
        check_keys(f, p, {"number", "type"});
        Phone ph;
        ph.number = str(f, p, "number", true).value_or("");
        ph.type = str(f, p, "type", false).value_or("voice");
        if (!ph.number.empty() && !is_e164(ph.number))
          error(f, p["number"], "phone '" + ph.number + "' is not E.164 (+ then 8 to 15 digits, no spaces)");
        if (!parse_phone_type(ph.type)) error(f, p["type"], "phone type must be voice, sms, hotline, whatsapp or fax");
        s.phones.push_back(std::move(ph));
      }
    }
  }

  YAML::Node loc = n["location"];
  if (loc.IsDefined() && !loc.IsNull()) {
    if (!loc.IsMap()) {
      error(f, loc, "field 'location' must be a mapping");
    } else {
      check_keys(
          f, loc,
          {"name", "address_1", "city", "region", "postal_code", "country", "latitude", "longitude", "directions"});
      Location L;
      L.name = tr(f, loc, "name", false);
      L.directions = tr(f, loc, "directions", false);
      L.address_1 = str(f, loc, "address_1", true).value_or("");
      L.city = str(f, loc, "city", true).value_or("");
      L.region = str(f, loc, "region", false).value_or("");
      L.postal_code = str(f, loc, "postal_code", false).value_or("");
      L.country = str(f, loc, "country", true).value_or("");
      static const std::regex cc("^[A-Z]{2}$");
      if (!L.country.empty() && !std::regex_match(L.country, cc))
        error(f, loc["country"], "country must be an ISO 3166-1 alpha-2 code like 'US'");
      L.latitude = real(f, loc, "latitude", true, -90, 90);
      L.longitude = real(f, loc, "longitude", true, -180, 180);
      s.location = std::move(L);
    }
  }

  YAML::Node sch = n["schedule"];
  if (sch.IsDefined() && !sch.IsNull()) {
    if (!sch.IsMap()) {
      error(f, sch, "field 'schedule' must be a mapping");
    } else {
      check_keys(f, sch, {"timezone", "hours", "note", "exceptions"});
      if (auto tz = str(f, sch, "timezone", true)) {
        if (!is_known_timezone(*tz))
          error(f, sch["timezone"], "unknown time zone '" + *tz + "' (use an IANA name like America/Denver)");
        s.timezone = *tz;
      }
      s.schedule_note = tr(f, sch, "note", false);
      YAML::Node hours = sch["hours"];
      if (!hours.IsSequence()) {
        error(f, hours.IsDefined() ? hours : sch, "schedule needs an 'hours' list");
      } else {
        static const std::map<std::string, int> kDays = {{"mo", 1}, {"tu", 2}, {"we", 3}, {"th", 4},
                                                         {"fr", 5}, {"sa", 6}, {"su", 7}};
        for (const auto& h : hours) {
          if (!is_entry(f, h, "opening-hours entry")) continue;
          check_keys(f, h, {"days", "opens", "closes"});
          auto days = str_list(f, h, "days", true);
          auto o = str(f, h, "opens", true);
          auto c = str(f, h, "closes", true);
          if (!o || !c) continue;
          auto om = parse_hhmm(*o, false);
          auto cm = parse_hhmm(*c, true);
          if (!om) error(f, h["opens"], "impossible time '" + *o + "' (use HH:MM from 00:00 to 23:59)");
          if (!cm) error(f, h["closes"], "impossible time '" + *c + "' (use HH:MM from 00:00 to 24:00)");
          if (!om || !cm) continue;
          if (*om == *cm % 1440 && !(*om == 0 && *cm == 1440)) {
            error(f, h, "impossible hours: opens and closes at the same time (" + *o + ")");
            continue;
          }
          for (size_t k = 0; k < days.size(); ++k) {
            auto d = kDays.find(days[k]);
            if (d == kDays.end()) {
              error(f, h["days"][k], "unknown day '" + days[k] + "' (use mo tu we th fr sa su)");
              continue;
            }
            s.hours.push_back(lang::WeeklyRange{d->second, *om, *cm});
          }
        }
      }
      // Dated exceptions: a holiday closed all day, or other hours that day.
      YAML::Node exc = sch["exceptions"];
      if (exc.IsDefined() && !exc.IsNull()) {
        if (!exc.IsSequence()) {
          error(f, exc, "'exceptions' must be a list of {date, closed: true} or {date, opens, closes}");
        } else {
          std::map<std::string, std::vector<std::pair<int, int>>> by_date;
          for (const auto& x : exc) {
            if (!is_entry(f, x, "schedule exception")) continue;
            check_keys(f, x, {"date", "closed", "opens", "closes"});
            auto d = date(f, x, "date", true);
            auto closed = boolean(f, x, "closed", false);
            bool has_hours = x["opens"].IsDefined() || x["closes"].IsDefined();
            if (!d) continue;
            if (closed.value_or(false)) {
              if (has_hours) {
                error(f, x, "an exception is either 'closed: true' or 'opens'/'closes', not both");
                continue;
              }
              if (by_date.count(*d)) error(f, x, "date " + *d + " is listed twice");
              by_date[*d].push_back({0, 0});
              s.exceptions.push_back({*d, 0, 0});
              continue;
            }
            auto o = str(f, x, "opens", true);
            auto c = str(f, x, "closes", true);
            if (!o || !c) continue;
            auto om = parse_hhmm(*o, false);
            auto cm = parse_hhmm(*c, true);
            if (!om) error(f, x["opens"], "impossible time '" + *o + "' (use HH:MM from 00:00 to 23:59)");
            if (!cm) error(f, x["closes"], "impossible time '" + *c + "' (use HH:MM from 00:00 to 24:00)");
            if (!om || !cm) continue;
            if (*cm <= *om) {
              error(f, x, "an exception's hours must close after they open on the same day (" + *o + "-" + *c + ")");
              continue;
            }
            for (const auto& [a, b] : by_date[*d])
              if (a == b || (*om < b && a < *cm))
                error(f, x, "hours on " + *d + " overlap or contradict another exception");
            by_date[*d].push_back({*om, *cm});
            s.exceptions.push_back({*d, *om, *cm});
          }
        }
      }
    }
  }
  if (!i) return;
  s.id = *i;
  tree_.services.push_back(std::move(s));
}

void Loader::load_services() {
  {
    File f;
    fs::path orgs = fs::path(dir_) / "organizations.yaml";
    if (fs::exists(orgs)) {
      if (auto doc = load_yaml_file(orgs, f))
        load_organizations(f, top_list(*doc, "organizations"));
      else
        services_read_ = false;
    }
  }
  fs::path sdir = fs::path(dir_) / "services";
  if (!fs::is_directory(sdir)) return;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(sdir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    File f;
    auto doc = load_yaml_file(p, f);
    if (!doc) {
      services_read_ = false;
      continue;
    }
    if (!doc->IsMap()) {
      services_read_ = false;
      error(f.path, 1, "expected 'services:' (and optionally 'organizations:') at the top");
      continue;
    }
    check_keys(f, *doc, {"services", "organizations"});
    if ((*doc)["organizations"].IsDefined()) load_organizations(f, (*doc)["organizations"]);
    YAML::Node list = (*doc)["services"];
    if (!list.IsDefined()) continue;
    if (!list.IsSequence()) {
      error(f, list, "'services' must be a list");
      continue;
    }
    for (const auto& n : list) load_service(f, n);
  }
}

void Loader::load_article_file(Article& a, const fs::path& p, const std::string& lang_tag) {
  std::string path = rel(p);
  std::string text;
  if (!read_text(p, text)) return;
  // Front matter: "---\n" ... "\n---\n" then the body.
  if (text.rfind("---\n", 0) != 0 && text.rfind("---\r\n", 0) != 0) {
    error(path, 1, "malformed front matter: the file must start with a '---' line");
    return;
  }
  size_t start = text.find('\n') + 1;
  size_t close = std::string::npos;
  for (size_t pos = start; pos < text.size();) {
    size_t eol = text.find('\n', pos);
    std::string l = text.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    if (l == "---") {
      close = pos;
      break;
    }
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  if (close == std::string::npos) {
    error(path, 1, "malformed front matter: no closing '---' line");
    return;
  }
  File f{path, 1};
  auto fm = parse_yaml(f, text.substr(start, close - start));
  if (!fm) return;
  if (!fm->IsMap()) {
    error(path, 2, "malformed front matter: expected 'field: value' lines");
    return;
  }
  ArticleText t;
  t.lang = lang_tag;
  t.where = {path, 1};
  size_t body_start = text.find('\n', close);
  body_start = body_start == std::string::npos ? text.size() : body_start + 1;
  t.body_line = line_at(text, body_start);
  t.body = text.substr(body_start);
  while (!t.body.empty() && (t.body.back() == '\n' || t.body.back() == ' ' || t.body.back() == '\r')) t.body.pop_back();
  if (t.body.empty()) error(path, t.body_line, "the article body is empty");

  bool is_translation = (*fm)["translation_of"].IsDefined();
  if (is_translation) {
    check_keys(f, *fm, {"translation_of", "source_hash", "title", "summary", "status", "reviewed"});
    t.translation_of = str(f, *fm, "translation_of", true).value_or("");
    t.source_hash = str(f, *fm, "source_hash", true).value_or("");
  } else {
    check_keys(f, *fm, {"topic", "kind", "severity", "order", "title", "summary", "status", "reviewed"});
    if (!a.source_lang.empty()) {
      error(path, 1,
            "article '" + a.id + "' already has a source file (" + a.source_lang +
                ".md); a translation needs 'translation_of'");
      return;
    }
    a.source_lang = lang_tag;
    a.where = {path, 1};
    a.topic = str(f, *fm, "topic", true).value_or("");
    a.kind = str(f, *fm, "kind", true).value_or("info");
    if (!parse_article_kind(a.kind)) error(f, (*fm)["kind"], "kind must be info, warning or emergency");
    a.severity = str(f, *fm, "severity", a.kind == "warning").value_or("none");
    if (!parse_severity(a.severity)) error(f, (*fm)["severity"], "severity must be low, medium, high or critical");
    a.order = integer(f, *fm, "order", false).value_or(0);
  }
  t.title = str(f, *fm, "title", true).value_or("");
  t.summary = str(f, *fm, "summary", true).value_or("");
  t.status = str(f, *fm, "status", true).value_or("draft");
  if (!parse_translation_status(t.status)) error(f, (*fm)["status"], "status must be draft or reviewed");
  t.reviewed = date(f, *fm, "reviewed", true).value_or("");
  a.texts[lang_tag] = std::move(t);
}

void Loader::load_articles() {
  fs::path adir = fs::path(dir_) / "articles";
  if (!fs::is_directory(adir)) return;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(adir))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  for (const auto& d : dirs) {
    Article a;
    a.id = d.filename().string();
    if (!is_id(a.id)) {
      error(rel(d), 0, "article folder name '" + a.id + "' must be lower-case letters, digits and '-'");
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d))
      if (e.path().extension() == ".md") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
      std::string tag = p.stem().string();
      if (!check_lang_at(rel(p), 0, tag, true)) continue;
      load_article_file(a, p, tag);
    }
    if (a.texts.empty()) continue;
    if (a.source_lang.empty()) {
      error(rel(d), 0, "article '" + a.id + "' has no source file (one file without 'translation_of')");
      continue;
    }
    tree_.articles.push_back(std::move(a));
  }
}

static std::set<std::string> placeholders(const std::string& s) {
  static const std::regex re(R"(\{[a-z_]+\})");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

void Loader::load_ui() {
  fs::path udir = fs::path(dir_) / "ui";
  if (!fs::is_directory(udir)) return;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(udir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  // English first: it defines the keys.
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    bool ae = a.stem() == "en", be = b.stem() == "en";
    if (ae != be) return ae;
    return a < b;
  });
  if (files.empty() || files.front().stem() != "en") {
    error(rel(udir), 0, "ui/en.yaml is missing: it defines every interface string");
    return;
  }
  for (const auto& p : files) {
    std::string tag = p.stem().string();
    if (!check_lang_at(rel(p), 0, tag, true)) continue;
    File f;
    auto doc = load_yaml_file(p, f);
    if (!doc) continue;
    YAML::Node strings = doc->IsMap() ? (*doc)["strings"] : YAML::Node();
    if (!strings.IsMap()) {
      error(f.path, 1, "expected a 'strings:' mapping of keys to text");
      continue;
    }
    for (auto it = strings.begin(); it != strings.end(); ++it) {
      std::string key = it->first.Scalar();
      if (!it->second.IsScalar() || it->second.Scalar().empty()) {
        error(f, it->second, "string '" + key + "' must be non-empty text");
        continue;
      }
      std::string val = it->second.Scalar();
      if (tag != "en") {
        auto en = tree_.ui.find(key);
        if (en == tree_.ui.end() || !en->second.count("en")) {
          error(f, it->first, "unknown string key '" + key + "' (not in ui/en.yaml)");
          continue;
        }
        if (placeholders(en->second.at("en")) != placeholders(val))
          error(f, it->second, "string '" + key + "' must use the same {placeholders} as English");
      }
      tree_.ui[key][tag] = val;
    }
  }
}

void Loader::check_body_links(const ArticleText& t) {
  static const std::regex link(R"(\]\(([a-z]+):([^)\s]*)\))");
  std::set<std::string> articles, services, categories;
  for (const auto& a : tree_.articles) articles.insert(a.id);
  for (const auto& s : tree_.services) services.insert(s.id);
  for (const auto& c : tree_.categories) categories.insert(c.id);
  for (auto it = std::sregex_iterator(t.body.begin(), t.body.end(), link); it != std::sregex_iterator(); ++it) {
    std::string scheme = (*it)[1], target = (*it)[2];
    int ln = t.body_line + line_at(t.body, static_cast<size_t>(it->position())) - 1;
    if (scheme == "article" && !articles.count(target))
      error(t.where.path, ln, "link to missing article '" + target + "'");
    else if (scheme == "service" && services_read_ && !services.count(target))
      error(t.where.path, ln, "link to missing service '" + target + "'");
    else if (scheme == "category" && categories_read_ && !categories.count(target))
      error(t.where.path, ln, "link to missing category '" + target + "'");
    else if (scheme == "tel" && !is_e164(target) && !is_short_code(target))
      error(t.where.path, ln, "phone '" + target + "' in a tel: link is not E.164");
  }
}

void Loader::cross_check() {
  // Duplicate ids, per kind of thing.
  auto dupes = [this](const auto& items, const char* what) {
    std::map<std::string, Where> seen;
    for (const auto& x : items) {
      auto [it, inserted] = seen.emplace(x.id, x.where);
      if (!inserted)
        error(x.where.path, x.where.line,
              std::string("duplicate ") + what + " id '" + x.id + "' (first at " + it->second.path + ":" +
                  std::to_string(it->second.line) + ")");
    }
    std::set<std::string> ids;
    for (const auto& x : items) ids.insert(x.id);
    return ids;
  };
  auto topics = dupes(tree_.topics, "topic");
  auto categories = dupes(tree_.categories, "category");
  auto centres = dupes(tree_.centres, "centre");
  auto orgs = dupes(tree_.organizations, "organization");
  dupes(tree_.services, "service");

  std::map<std::string, std::string> parent;
  for (const auto& t : tree_.topics) {
    if (!t.parent.empty() && !topics.count(t.parent))
      error(t.where.path, t.where.line, "topic '" + t.id + "' has a missing parent '" + t.parent + "'");
    parent[t.id] = t.parent;
  }
  for (const auto& t : tree_.topics) {
    std::string cur = t.parent;
    for (int depth = 0; !cur.empty(); ++depth) {
      if (cur == t.id || depth > 32) {
        error(t.where.path, t.where.line, "topic '" + t.id + "' is its own ancestor");
        break;
      }
      cur = parent[cur];
    }
  }
  for (const auto& s : tree_.services) {
    if (services_read_ && !s.organization.empty() && !orgs.count(s.organization))
      error(s.where.path, s.where.line, "service '" + s.id + "' names a missing organization '" + s.organization + "'");
    if (centres_read_ && !s.centre.empty() && !centres.count(s.centre))
      error(s.where.path, s.where.line, "service '" + s.id + "' names a missing centre '" + s.centre + "'");
    for (const auto& c : s.categories)
      if (categories_read_ && !categories.count(c))
        error(s.where.path, s.where.line, "service '" + s.id + "' names a missing category '" + c + "'");
  }
  for (const auto& a : tree_.articles) {
    if (topics_read_ && !a.topic.empty() && !topics.count(a.topic))
      error(a.where.path, a.where.line, "article '" + a.id + "' names a missing topic '" + a.topic + "'");
    const ArticleText& source = a.texts.at(a.source_lang);
    std::string current = source_hash(source);
    for (const auto& [tag, t] : a.texts) {
      check_body_links(t);
      if (tag == a.source_lang) continue;
      if (t.translation_of != a.source_lang) {
        error(t.where.path, t.where.line,
              "translation_of is '" + t.translation_of + "' but the source of this article is '" + a.source_lang + "'");
        continue;
      }
      if (!t.source_hash.empty() && t.source_hash != current)
        error(t.where.path, t.where.line,
              "stale translation: " + a.source_lang + ".md changed since this was translated (source_hash " +
                  t.source_hash + ", source is now " + current +
                  "); update the text, then run 'faro content "
                  "mark-translated " +
                  dir_ + " " + a.id + " " + tag + "'");
    }
  }
}

Tree Loader::run() {
  if (!fs::is_directory(dir_)) {
    error(dir_, 0, "not a directory");
    return {};
  }
  load_languages();
  load_topics();
  load_categories();
  load_centres();
  load_services();
  load_articles();
  load_ui();
  cross_check();
  return std::move(tree_);
}

}  // namespace

std::string source_hash(const ArticleText& source) {
  return text::fnv1a_hex(source.title + "\x1f" + source.summary + "\x1f" + source.body);
}

Tree load(const std::string& dir, std::vector<Diagnostic>& diags) {
  // The loader checks node kinds before it reads them; this is the net under
  // it, so that no authoring mistake can crash a tool.
  try {
    return Loader(dir, diags).run();
  } catch (const YAML::Exception& e) {
    diags.push_back({dir, e.mark.line < 0 ? 0 : e.mark.line + 1,
                     "unexpected structure (" + e.msg + "); a file has a list or value where a mapping belongs"});
  } catch (const std::exception& e) {
    diags.push_back({dir, 0, std::string("cannot read the tree: ") + e.what()});
  }
  return {};
}

}  // namespace faro::content::src
