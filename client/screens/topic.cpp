#include "screens/topic.h"

#include <algorithm>
#include <cmath>

#include "screens/common.h"

namespace faro::screens {

std::string TopicScreen::title(kiosk::Frame& f) {
  if (!vm_) vm_ = kiosk::load_topic(f.store, route_.arg, f.ui.lang());
  if (*vm_ && (*vm_)->topic) return (*vm_)->topic->title.text;
  return {};
}

void TopicScreen::draw(kiosk::Frame& f) {
  if (!vm_) vm_ = kiosk::load_topic(f.store, route_.arg, f.ui.lang());
  if (!*vm_ || !(*vm_)->topic) return show_error(f);
  const auto& vm = **vm_;
  const auto& t = *vm.topic;
  if (!t.summary.empty()) f.ui.text(t.summary.text, t.summary.lang, 1.1f);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = std::round(f.ui.em() * 0.6f);
  if (!t.children.empty()) {
    const int cols = avail > f.ui.em() * 30 && !f.ui.portrait() ? 3 : 2;
    const float tw = std::floor((avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols));
    kiosk::Row row(f.ui, gap);
    for (const auto& c : t.children) {
      row.next(tw);
      if (f.ui.tile("topic." + c.id, c.title.text, c.summary.text, ImVec2(tw, std::round(f.ui.em() * 7.4f)),
                    f.ui.palette().tile, f.ui.palette().tile_text, {}, c.title.lang, c.summary.lang))
        f.push(kiosk::ScreenId::Topic, c.id);
    }
    row.end();
  }
  article_list(f, vm.articles, "article.");
}

}  // namespace faro::screens
