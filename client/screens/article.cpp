#include "screens/article.h"

#include <cmath>

#include "screens/common.h"

namespace faro::screens {

std::string ArticleScreen::title(kiosk::Frame& f) {
  if (!vm_) vm_ = f.store.article(route_.arg, f.ui.lang());
  return *vm_ ? (*vm_)->title.text : std::string();
}

void ArticleScreen::draw(kiosk::Frame& f) {
  if (!vm_) vm_ = f.store.article(route_.arg, f.ui.lang());
  if (!*vm_) return show_error(f);
  const content::Article& a = **vm_;
  const auto& p = f.ui.palette();
  const float w = ImGui::GetContentRegionAvail().x;
  const bool warning = a.kind == content::ArticleKind::Warning;
  if (warning) {
    // A banner in the severity colour with a sign and the severity in words.
    auto look = severity_look(p, a.severity);
    std::string banner = "⚠ " + f.s.get("article.warning") + " · " + f.s.get(look.key);
    f.ui.tile("article.severity", banner, a.summary.text, ImVec2(w, std::round(f.ui.em() * 5.6f)), look.bg, look.fg, {},
              f.s.lang_of(look.key), a.summary.lang);
  }
  f.ui.heading(a.title.text, a.title.lang, 1.6f);
  if (!a.title.lang.empty() && a.title.lang != f.ui.lang())
    f.ui.text(f.s.format("article.fallback_notice", {{"language", language_name(f.centre, a.title.lang)}}),
              f.s.lang_of("article.fallback_notice"), 0.9f, p.muted);
  else if (a.status == content::TranslationStatus::Draft && a.title.lang != "en")
    f.ui.text(f.s.get("article.draft_notice"), f.s.lang_of("article.draft_notice"), 0.9f, p.muted);
  text::ui::MarkdownStyle md;
  md.body = f.ui.style(1.f, false, a.title.lang.empty() ? f.ui.lang() : a.title.lang);
  // A readable measure (about 40 em), on the start side of the screen.
  const float measure = std::min(w, f.ui.em() * 40);
  const float indent = f.ui.rtl() ? w - measure : 0.f;
  if (indent > 0) ImGui::Indent(indent);
  std::string link = f.ui.tui().markdown(a.body_markdown, md, measure);
  if (indent > 0) ImGui::Unindent(indent);
  if (link.rfind("article:", 0) == 0)
    f.push(kiosk::ScreenId::Article, link.substr(8));
  else if (link.rfind("service:", 0) == 0)
    f.push(kiosk::ScreenId::Service, link.substr(8));
  else if (link.rfind("tel:", 0) == 0)
    f.show_qr(link);
  else if (link.rfind("category:", 0) == 0) {
    f.session.filters = kiosk::DirectoryFilters{};
    f.session.filters.category = link.substr(9);
    f.push(kiosk::ScreenId::Directory);
  }
  if (warning || a.kind == content::ArticleKind::Emergency) {
    const std::string label = "☎ " + f.s.get("article.get_help");
    float bw = std::max(f.ui.button_width(label, 1.f, f.s.lang_of("article.get_help")), f.ui.em() * 12);
    kiosk::Row row(f.ui, f.ui.em());
    row.next(bw);
    if (f.ui.button("article.get_help", label, ImVec2(bw, f.ui.em() * 2.6f), p.danger, p.danger_text,
                    f.s.lang_of("article.get_help")))
      f.push(kiosk::ScreenId::Emergency);
    row.end();
  }
}

}  // namespace faro::screens
