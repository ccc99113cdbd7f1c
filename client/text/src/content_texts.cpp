// Every text of a content database, through the public Store API.
#include "text/content_texts.h"

#include <set>

#include "content/lang.h"
#include "text/markdown.h"

namespace faro::text {
namespace {

struct Collector {
  std::vector<LabelledText> out;
  std::set<std::pair<std::string, std::string>> seen;  // (lang, text)

  void add(const std::string& where, const std::string& lang, const std::string& text) {
    if (text.empty()) return;
    if (!seen.emplace(lang, text).second) return;
    out.push_back(LabelledText{where, lang, text});
  }
  void add(const std::string& where, const content::LocalizedText& t, const std::string& asked) {
    add(where + " [" + (t.lang.empty() ? asked : t.lang) + "]", t.lang.empty() ? asked : t.lang, t.text);
  }
  void topics(const std::vector<content::Topic>& ts, const std::string& lang) {
    for (const auto& t : ts) {
      add("topic " + t.id + " title", t.title, lang);
      add("topic " + t.id + " summary", t.summary, lang);
      topics(t.children, lang);
    }
  }
};

}  // namespace

Result<std::vector<LabelledText>> collect_content_texts(content::Store& store) {
  Collector c;
  auto langs = FARO_TRY(store.languages());
  for (const auto& l : langs) {
    // The language screen shows each endonym in its own script.
    c.add("language " + l.tag + " name", l.tag, l.name);
  }
  for (const auto& l : langs) {
    const std::string& lang = l.tag;
    c.topics(FARO_TRY(store.topic_tree(lang)), lang);

    std::set<std::string> article_ids;
    for (auto kind : {content::ArticleKind::Info, content::ArticleKind::Warning, content::ArticleKind::Emergency}) {
      for (const auto& a : FARO_TRY(store.articles_of_kind(kind, lang))) article_ids.insert(a.id);
    }
    for (const auto& id : article_ids) {
      auto a = FARO_TRY(store.article(id, lang));
      std::string where = "article " + id;
      c.add(where + " title", a.title, lang);
      c.add(where + " summary", a.summary, lang);
      const std::string body_lang = a.title.lang.empty() ? lang : a.title.lang;
      auto blocks = parse_markdown(a.body_markdown);
      if (!blocks) return blocks.take_error();
      for (const auto& b : *blocks) {
        c.add(where + " body [" + body_lang + "]", body_lang, b.text.text);
        c.add(where + " list marker", body_lang, b.marker);
      }
      if (!a.reviewed.empty())
        c.add(where + " reviewed date [" + lang + "]", lang, lang::format_date(lang, a.reviewed));
    }

    for (const auto& cat : FARO_TRY(store.categories(lang))) c.add("category " + cat.id, cat.name, lang);

    content::ServiceQuery q;
    q.lang = lang;
    q.include_inactive = true;
    for (const auto& s : FARO_TRY(store.services(q))) {
      auto sv = FARO_TRY(store.service(s.id, lang));
      std::string where = "service " + s.id;
      for (const auto* t : {&sv.name, &sv.organization, &sv.description, &sv.fees, &sv.eligibility, &sv.documents,
                            &sv.accessibility, &sv.status_note, &sv.schedule_note})
        c.add(where, *t, lang);
      for (const auto& p : sv.phones) c.add(where + " phone", lang, p.number);
      if (sv.location) {
        const auto& loc = *sv.location;
        c.add(where + " location", loc.name, lang);
        c.add(where + " directions", loc.directions, lang);
        for (const auto* f : {&loc.address_1, &loc.city, &loc.region, &loc.postal_code, &loc.country})
          c.add(where + " address", lang, *f);
      }
      c.add(where + " url", lang, sv.url);
      c.add(where + " email", lang, sv.email);
      for (const auto& h : lang::format_hours(lang, sv.hours)) {
        c.add(where + " hours [" + lang + "]", lang, h.days);
        c.add(where + " hours [" + lang + "]", lang, h.times);
      }
    }

    for (const auto& ce : FARO_TRY(store.centres(lang))) {
      std::string where = "centre " + ce.id;
      c.add(where + " name", ce.name, lang);
      c.add(where + " address", ce.address, lang);
      for (const auto& e : ce.emergency) {
        c.add(where + " emergency label", e.label, lang);
        c.add(where + " emergency number", lang, e.number);
      }
    }

    for (const auto& [key, t] : FARO_TRY(store.ui_strings(lang))) c.add("ui " + key, t, lang);
  }
  return std::move(c.out);
}

}  // namespace faro::text
