// Internal: the authoring tree as loaded in memory, shared by the validator
// and the database builder.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/lang.h"
#include "content/source.h"

namespace faro::content::src {

struct Where {
  std::string path;
  int line = 0;
};

// A translated field: language -> text.
struct Tr {
  std::map<std::string, std::string> by_lang;
  Where where;
  bool empty() const { return by_lang.empty(); }
};

struct Language {
  lang::LanguageInfo info;
  Where where;
};

struct Topic {
  std::string id, parent, icon;
  int order = 0;
  Tr title, summary;
  Where where;
};

struct Category {
  std::string id, icon;
  int order = 0;
  Tr name;
  Where where;
};

struct Emergency {
  std::string number;
  Tr label;
};

struct Centre {
  std::string id;
  Tr name, address;
  double latitude = 0, longitude = 0;
  std::string timezone;
  std::vector<std::string> languages;
  std::map<std::string, std::vector<std::string>> fallback;
  std::vector<Emergency> emergency;
  Where where;
};

struct Organization {
  std::string id, url, email;
  Tr name, description;
  Where where;
};

struct Phone {
  std::string number, type;
};

struct Location {
  Tr name, directions;
  std::string address_1, city, region, postal_code, country;
  std::optional<double> latitude, longitude;
};

struct Service {
  std::string id, organization, centre, status, last_verified, url, email, timezone;
  Tr name, description, fees, eligibility, documents, accessibility, status_note, schedule_note;
  std::vector<std::string> categories, languages;
  bool free = false;
  std::vector<Phone> phones;
  std::optional<Location> location;
  std::vector<lang::WeeklyRange> hours;
  struct Exception {
    std::string date;
    int opens = 0, closes = 0;  // both 0: closed all day
  };
  std::vector<Exception> exceptions;
  Where where;
};

struct ArticleText {
  std::string lang, title, summary, body, status, reviewed, translation_of, source_hash;
  Where where;        // the file, line of the front matter start
  int body_line = 0;  // first line of the body
};

struct Article {
  std::string id, topic, kind, severity = "none", source_lang;
  int order = 0;
  std::map<std::string, ArticleText> texts;
  Where where;
};

struct Tree {
  std::vector<Language> languages;
  std::vector<Topic> topics;
  std::vector<Category> categories;
  std::vector<Centre> centres;
  std::vector<Organization> organizations;
  std::vector<Service> services;
  std::vector<Article> articles;
  // key -> lang -> text
  std::map<std::string, std::map<std::string, std::string>> ui;
};

// Loads and validates; diagnostics are appended to `diags`.
Tree load(const std::string& dir, std::vector<Diagnostic>& diags);

// The hash a translation's source_hash must equal.
std::string source_hash(const ArticleText& source);

}  // namespace faro::content::src
