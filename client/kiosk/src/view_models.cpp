#include "kiosk/view_models.h"

#include <algorithm>

#include "content/hours.h"
#include "kiosk/qr.h"

namespace faro::kiosk {

Result<CentreInfo> load_centre(content::Store& store, const std::string& centre_id,
                               const std::vector<std::string>& order) {
  CentreInfo info;
  auto centres = FARO_TRY(store.centres("en"));
  if (centres.empty()) return make_error(ErrorCode::NotFound, "the content has no centre");
  if (centre_id.empty()) {
    info.centre = centres.front();
  } else {
    auto it = std::find_if(centres.begin(), centres.end(), [&](const auto& c) { return c.id == centre_id; });
    if (it == centres.end()) return make_error(ErrorCode::NotFound, "no centre '" + centre_id + "' in the content");
    info.centre = *it;
  }
  store.set_centre(info.centre.id);
  auto langs = FARO_TRY(store.languages());
  const auto& want = order.empty() ? info.centre.languages : order;
  for (const auto& tag : want) {
    auto it = std::find_if(langs.begin(), langs.end(), [&](const auto& l) { return l.tag == tag; });
    if (it != langs.end()) info.languages.push_back(*it);
  }
  if (info.languages.empty()) info.languages = langs;
  return info;
}

bool is_rtl(const CentreInfo& c, const std::string& lang) {
  for (const auto& l : c.languages)
    if (l.tag == lang) return l.direction == lang::Direction::Rtl;
  return lang::direction_of(lang) == lang::Direction::Rtl;
}

Result<EmergencyVm> load_emergency(content::Store& store, const std::string& centre, const std::string& lang) {
  EmergencyVm vm;
  auto c = FARO_TRY(store.centre(centre, lang));
  vm.numbers = c.emergency;
  vm.articles = FARO_TRY(store.articles_of_kind(content::ArticleKind::Emergency, lang));
  return vm;
}

namespace {
const content::Topic* find_topic(const std::vector<content::Topic>& ts, const std::string& id) {
  for (const auto& t : ts) {
    if (t.id == id) return &t;
    if (auto* c = find_topic(t.children, id)) return c;
  }
  return nullptr;
}
}  // namespace

Result<TopicVm> load_topic(content::Store& store, const std::string& topic_id, const std::string& lang) {
  TopicVm vm;
  auto tree = FARO_TRY(store.topic_tree(lang));
  if (auto* t = find_topic(tree, topic_id))
    vm.topic = *t;
  else
    return make_error(ErrorCode::NotFound, "no topic '" + topic_id + "'");
  vm.articles = FARO_TRY(store.articles_in_topic(topic_id, lang));
  return vm;
}

Result<std::vector<content::ArticleSummary>> load_warnings(content::Store& store, const std::string& lang) {
  auto w = FARO_TRY(store.articles_of_kind(content::ArticleKind::Warning, lang));
  std::stable_sort(w.begin(), w.end(), [](const auto& a, const auto& b) { return a.severity > b.severity; });
  return w;
}

Result<DirectoryVm> load_directory(content::Store& store, const CentreInfo& centre, const DirectoryFilters& f,
                                   const std::string& lang, int64_t now) {
  DirectoryVm vm;
  vm.categories = FARO_TRY(store.categories(lang));
  vm.spoken = centre.languages;
  content::ServiceQuery q;
  q.lang = lang;
  q.centre = centre.centre.id;
  q.category = f.category;
  q.spoken = f.spoken;
  q.free_only = f.free_only;
  if (f.open_now) q.open_at = now;
  if (f.nearest) q.near = centre.centre.position;
  vm.services = FARO_TRY(store.services(q));
  // The store's "open at" looks at hours only; a temporarily closed service
  // is not open, whatever its timetable says.
  auto active = [](const content::ServiceSummary& s) { return s.status == content::ServiceStatus::Active; };
  if (f.open_now) {
    std::erase_if(vm.services, [&](const auto& s) { return !active(s); });
    vm.open.assign(vm.services.size(), true);
  } else {
    // "open now" for each row: the services open at `now` (one query, not one per row).
    content::ServiceQuery oq = q;
    oq.open_at = now;
    oq.near.reset();
    auto open = FARO_TRY(store.services(oq));
    std::vector<std::string> ids;
    for (const auto& s : open) ids.push_back(s.id);
    std::sort(ids.begin(), ids.end());
    for (const auto& s : vm.services) vm.open.push_back(active(s) && std::binary_search(ids.begin(), ids.end(), s.id));
  }
  return vm;
}

Result<ServiceVm> load_service(content::Store& store, const std::string& id, const std::string& lang, int64_t now) {
  ServiceVm vm;
  vm.service = FARO_TRY(store.service(id, lang));
  const auto& s = vm.service;
  vm.has_hours = !s.hours.empty();
  if (vm.has_hours) {
    vm.hours = lang::format_hours(lang, s.hours);
    if (!s.timezone.empty()) {
      auto lt = content::local_time(s.timezone, now);
      auto date = content::local_date(s.timezone, now);
      if (lt && date) {
        vm.open_now = s.status == content::ServiceStatus::Active && content::is_open(s.hours, s.exceptions, *lt, *date);
        // Today's ranges: a dated exception (a holiday, a special day)
        // replaces the weekday's hours.
        std::vector<lang::WeeklyRange> today;
        bool dated = false;
        for (const auto& e : s.exceptions) {
          if (e.date != *date) continue;
          dated = true;
          if (!e.closed()) today.push_back(lang::WeeklyRange{lt->weekday, e.opens, e.closes});
        }
        for (const auto& e : s.exceptions)
          if (e.date >= *date && vm.exceptions.size() < 8) vm.exceptions.push_back(e);
        if (!dated)
          for (const auto& r : s.hours)
            if (r.weekday == lt->weekday) today.push_back(r);
        for (const auto& r : today) {
          if (!vm.today.empty()) vm.today += ", ";
          vm.today += lang::format_time(lang, r.opens) + "–" + lang::format_time(lang, r.closes);
          const bool overnight = r.closes < r.opens;
          if (vm.open_now && lt->minutes >= r.opens && (overnight || lt->minutes < r.closes)) vm.closes_at = r.closes;
          if (!vm.open_now && r.opens > lt->minutes && (!vm.opens_at || r.opens < *vm.opens_at)) vm.opens_at = r.opens;
        }
      }
    }
  }
  vm.qr_payload = service_qr_payload(s);
  return vm;
}

WarningParts split_warning(std::string_view md) {
  WarningParts out;
  // The last "## " line outside a code fence.
  size_t last = std::string_view::npos;
  bool fence = false;
  for (size_t pos = 0; pos < md.size();) {
    size_t nl = md.find('\n', pos);
    std::string_view line = md.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0) fence = !fence;
    if (!fence && line.rfind("## ", 0) == 0) last = pos;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (last == std::string_view::npos) {
    out.body = std::string(md);
    return out;
  }
  size_t nl = md.find('\n', last);
  std::string_view heading = md.substr(last + 3, nl == std::string_view::npos ? std::string_view::npos : nl - last - 3);
  while (!heading.empty() && (heading.back() == ' ' || heading.back() == '\r' || heading.back() == '#'))
    heading.remove_suffix(1);
  while (!heading.empty() && heading.front() == ' ') heading.remove_prefix(1);
  out.body = std::string(md.substr(0, last));
  out.heading = std::string(heading);
  out.what_to_do = nl == std::string_view::npos ? std::string() : std::string(md.substr(nl + 1));
  return out;
}

Result<SearchVm> run_search(content::Store& store, const std::string& query, const std::string& lang) {
  SearchVm vm;
  vm.query = query;
  if (query.find_first_not_of(" \t") == std::string::npos) return vm;
  vm.hits = FARO_TRY(store.search(query, lang, 30));
  return vm;
}

}  // namespace faro::kiosk

namespace faro::kiosk {

Result<std::vector<WelcomeTile>> load_welcome(content::Store& store, const CentreInfo& centre) {
  std::vector<WelcomeTile> out;
  for (const auto& l : centre.languages) {
    auto ui = FARO_TRY(store.ui_strings(l.tag));
    WelcomeTile t;
    t.language = l;
    // Only texts really in this language: a fallback greeting would be in another.
    if (auto it = ui.find("welcome.greeting"); it != ui.end() && it->second.lang == l.tag) t.greeting = it->second.text;
    if (auto it = ui.find("welcome.title"); it != ui.end() && it->second.lang == l.tag) t.choose = it->second.text;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace faro::kiosk
