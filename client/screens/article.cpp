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
  // A warning ends with what to do (its last "## " section, or the
  // catalogue's words when it has none) and the one-touch path to help.
  kiosk::WarningParts parts;
  if (warning)
    parts = kiosk::split_warning(a.body_markdown);
  else
    parts.body = a.body_markdown;
  if (indent > 0) ImGui::Indent(indent);
  std::string link = f.ui.tui().markdown(parts.body, md, measure);
  if (warning) {
    auto look = severity_look(p, a.severity);
    const bool authored = !parts.heading.empty();
    std::string l2 = what_to_do_block(
        f, authored ? parts.heading : f.s.get("article.what_to_do"),
        authored ? std::string_view(md.body.lang) : f.s.lang_of("article.what_to_do"),
        authored ? std::string_view(parts.what_to_do) : std::string_view(f.s.get("article.what_to_do_default")),
        authored ? md : [&] {
          auto m = md;
          m.body.lang = f.s.lang_of("article.what_to_do_default");
          return m;
        }(),
        look.bg, measure);
    if (link.empty()) link = l2;
  }
  if (indent > 0) ImGui::Unindent(indent);
  follow_link(f, link);
  if (a.kind == content::ArticleKind::Emergency) {
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
