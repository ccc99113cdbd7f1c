#include "screens/search.h"

#include <algorithm>
#include <cmath>

#include "kiosk/keyboard.h"
#include "screens/common.h"

namespace faro::screens {

std::string SearchScreen::title(kiosk::Frame& f) {
  return f.s.get("search.title");
}

void SearchScreen::draw(kiosk::Frame& f) {
  auto& edit = f.session.search;
  const auto& s = f.s;
  const auto& p = f.ui.palette();
  if (!focused_) {
    edit.active = true;  // a physical keyboard types here at once
    focused_ = true;
  }
  const float avail = ImGui::GetContentRegionAvail().x;
  auto st = f.ui.style(1.3f);
  st.direction = text::Direction::FirstStrong;
  const ImVec2 fp = ImGui::GetCursorScreenPos();
  f.ui.tui().text_field("search.field", edit, st, avail, s.get("search.placeholder"));
  f.ui.record("search.field", fp, ImGui::GetItemRectMax());

  // The on-screen keyboard: keys in rows, mirrored for right-to-left layouts.
  auto layouts = kiosk::layouts_for(f.ui.lang());
  auto& li = f.session.keyboard_layout;
  if (li < 0 || static_cast<size_t>(li) >= layouts.size()) li = 0;
  const auto& layout = *layouts[static_cast<size_t>(li)];
  const float gap = std::round(f.ui.em() * 0.25f);
  size_t cols = 0;
  for (const auto& r : layout.rows) cols = std::max(cols, r.size());
  // Upright screens have the width to spare: the keys fill it.
  const float kw = std::floor(std::min((avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols),
                                       f.ui.em() * (f.ui.portrait() ? 4.5f : 3.2f)));
  const float kh = std::max(kw * 0.8f, f.ui.tui().theme.min_touch);
  const std::string key_lang = layout.id == "latin" ? "en" : f.ui.lang();
  for (const auto& r : layout.rows) {
    kiosk::Row row(f.ui, gap);
    for (const auto& k : r) {
      row.next(kw);
      if (f.ui.button("kb.key." + k, k, ImVec2(kw, kh), p.surface, p.text, key_lang)) {
        edit.insert(k);
        edit.active = true;
      }
    }
    row.end();
  }
  {
    kiosk::Row row(f.ui, gap);
    if (layouts.size() > 1) {
      const std::string& l = s.get("keyboard.layout");
      float bw = f.ui.button_width(l, 1.f, s.lang_of("keyboard.layout"));
      row.next(bw);
      if (f.ui.button("kb.layout", l, ImVec2(bw, kh), p.chip_off, p.chip_off_text, s.lang_of("keyboard.layout")))
        li = (li + 1) % static_cast<int>(layouts.size());
    }
    const std::string& sp = s.get("keyboard.space");
    row.next(kw * 5);
    if (f.ui.button("kb.space", sp, ImVec2(kw * 5, kh), p.surface, p.text, s.lang_of("keyboard.space")))
      edit.insert(" ");
    const std::string bs = "⌫ " + s.get("keyboard.backspace");
    float bw = f.ui.button_width(bs, 1.f, s.lang_of("keyboard.backspace"));
    row.next(bw);
    if (f.ui.button("kb.backspace", bs, ImVec2(bw, kh), p.chip_off, p.chip_off_text, s.lang_of("keyboard.backspace")))
      edit.erase_before();
    row.end();
  }

  // Results as you type.
  if (!vm_ || searched_ != edit.text) {
    vm_ = kiosk::run_search(f.store, edit.text, f.ui.lang());
    searched_ = edit.text;
  }
  if (!*vm_) return show_error(f);
  const auto& vm = **vm_;
  if (vm.query.empty()) return;
  if (vm.hits.empty()) {
    f.ui.text(s.get("search.no_results"), s.lang_of("search.no_results"), 1.1f);
    return;
  }
  f.ui.text(
      s.format("search.results", {{"count", lang::format_number(f.ui.lang(), static_cast<double>(vm.hits.size()))}}),
      s.lang_of("search.results"), 0.9f, p.muted);
  const float rh = std::round(f.ui.em() * 2.8f);
  for (size_t i = 0; i < vm.hits.size(); ++i) {
    const auto& h = vm.hits[i];
    const bool article = h.kind == content::SearchHit::Kind::Article;
    if (f.ui.tile("search.hit." + std::to_string(i), h.title.text, {}, ImVec2(avail, rh), p.surface, p.text, {},
                  h.title.lang))
      f.push(article ? kiosk::ScreenId::Article : kiosk::ScreenId::Service, h.id);
  }
}

}  // namespace faro::screens
