#include "screens/warnings.h"

#include <cmath>

#include "screens/common.h"

namespace faro::screens {

std::string WarningsScreen::title(kiosk::Frame& f) {
  return f.s.get("home.safety");
}

void WarningsScreen::draw(kiosk::Frame& f) {
  if (!vm_) vm_ = kiosk::load_warnings(f.store, f.ui.lang());
  if (!*vm_) return show_error(f);
  article_list(f, **vm_, "warning.");
  // The list ends as each warning does: what to do, and help in one touch.
  ImGui::Dummy(ImVec2(0, std::round(f.ui.em() * 0.3f)));
  text::ui::MarkdownStyle md;
  md.body = f.ui.style(1.f, false, f.s.lang_of("article.what_to_do_default"));
  follow_link(f, what_to_do_block(f, f.s.get("article.what_to_do"), f.s.lang_of("article.what_to_do"),
                                  f.s.get("article.what_to_do_default"), md, f.ui.palette().danger,
                                  ImGui::GetContentRegionAvail().x));
}

}  // namespace faro::screens
