#include "screens/directory.h"

#include <algorithm>
#include <cmath>

#include "screens/common.h"

namespace faro::screens {

std::string DirectoryScreen::title(kiosk::Frame& f) {
  return f.s.get("directory.title");
}

void DirectoryScreen::request(kiosk::Frame& f, int64_t now) {
  loaded_ = f.session.filters;
  loaded_minute_ = now / 60;
  const uint64_t id = ++state_->wanted;
  if (!f.background) {
    state_->vm = kiosk::load_directory(f.store, f.centre, loaded_, f.ui.lang(), now);
    return;
  }
  state_->loading = true;
  std::weak_ptr<State> weak = state_;
  f.background->post([weak, id, centre = f.centre, filters = loaded_, lang = f.ui.lang(), now](content::Store& store) {
    auto result =
        std::make_shared<Result<kiosk::DirectoryVm>>(kiosk::load_directory(store, centre, filters, lang, now));
    return kiosk::Background::Completion([weak, id, result] {
      auto st = weak.lock();
      if (!st || id != st->wanted) return;  // the screen is gone, or a newer request is pending
      st->vm = std::move(*result);
      st->loading = false;
    });
  });
}

void DirectoryScreen::draw(kiosk::Frame& f) {
  auto& filters = f.session.filters;
  const int64_t now = f.clock.unix_now();
  // Re-query when a filter changed, and each minute while "open now" matters.
  if ((!state_->vm && !state_->loading) || !(loaded_ == filters) || now / 60 != loaded_minute_) request(f, now);
  if (!state_->vm) {
    f.ui.text("…", f.ui.lang(), 1.5f);  // the first query is still running
    return;
  }
  if (!*state_->vm) return show_error(f);
  const auto& vm = **state_->vm;  // while a new query runs, the previous results stay
  const auto& p = f.ui.palette();
  const float gap = std::round(f.ui.em() * 0.4f);
  const auto& s = f.s;

  // Category chips.
  {
    kiosk::Row row(f.ui, gap);
    const std::string& all = s.get("directory.filter.all_categories");
    row.next(f.ui.button_width(filters.category.empty() ? "✓ " + all : all, 1.f,
                               s.lang_of("directory.filter.all_categories")));
    if (f.ui.chip("filter.category.all", all, filters.category.empty(), s.lang_of("directory.filter.all_categories")))
      filters.category.clear();
    for (const auto& c : vm.categories) {
      bool on = filters.category == c.id;
      row.next(f.ui.button_width(on ? "✓ " + c.name.text : c.name.text, 1.f, c.name.lang));
      if (f.ui.chip("filter.category." + c.id, c.name.text, on, c.name.lang)) filters.category = on ? "" : c.id;
    }
    row.end();
  }
  // Toggles and the language spoken (tapping cycles through the languages).
  {
    kiosk::Row row(f.ui, gap);
    auto toggle = [&](const char* id, const char* key, bool& value) {
      const std::string& l = s.get(key);
      row.next(f.ui.button_width(value ? "✓ " + l : l, 1.f, s.lang_of(key)));
      if (f.ui.chip(id, l, value, s.lang_of(key))) value = !value;
    };
    toggle("filter.open_now", "directory.filter.open_now", filters.open_now);
    toggle("filter.free", "directory.filter.free", filters.free_only);
    toggle("filter.nearest", "directory.filter.nearest", filters.nearest);
    std::string lang_label = filters.spoken.empty()
                                 ? s.get("directory.filter.any_language")
                                 : s.get("directory.filter.language") + ": " + language_name(f.centre, filters.spoken);
    row.next(f.ui.button_width(filters.spoken.empty() ? lang_label : "✓ " + lang_label));
    if (f.ui.chip("filter.language", lang_label, !filters.spoken.empty())) picking_language_ = !picking_language_;
    if (!(filters == kiosk::DirectoryFilters{})) {
      const std::string& c = s.get("directory.filter.clear");
      row.next(f.ui.button_width(c, 1.f, s.lang_of("directory.filter.clear")));
      if (f.ui.button("filter.clear", c, ImVec2(0, 0), p.surface, p.text, s.lang_of("directory.filter.clear")))
        filters = kiosk::DirectoryFilters{};
    }
    row.end();
  }
  // The languages the centre offers, each in its own script.
  if (picking_language_) {
    kiosk::Row row(f.ui, gap);
    const std::string& any = s.get("directory.filter.any_language");
    row.next(
        f.ui.button_width(filters.spoken.empty() ? "✓ " + any : any, 1.f, s.lang_of("directory.filter.any_language")));
    if (f.ui.chip("filter.language.any", any, filters.spoken.empty(), s.lang_of("directory.filter.any_language"))) {
      filters.spoken.clear();
      picking_language_ = false;
    }
    for (const auto& l : vm.spoken) {
      const bool on = filters.spoken == l.tag;
      row.next(f.ui.button_width(on ? "✓ " + l.name : l.name, 1.f, l.tag));
      if (f.ui.chip("filter.language." + l.tag, l.name, on, l.tag)) {
        filters.spoken = l.tag;
        picking_language_ = false;
      }
    }
    row.end();
  }
  f.ui.text(s.format("directory.results",
                     {{"count", lang::format_number(f.ui.lang(), static_cast<double>(vm.services.size()))}}),
            s.lang_of("directory.results"), 1.f, p.muted);
  if (vm.services.empty()) {
    f.ui.text(s.get("directory.empty"), s.lang_of("directory.empty"), 1.1f);
    return;
  }
  // The list: fixed-height rows, only the visible ones drawn.
  const float w = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const float rh = std::round(f.ui.em() * 5.6f);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(vm.services.size()), rh + spacing);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& sv = vm.services[static_cast<size_t>(i)];
      const bool open = vm.open[static_cast<size_t>(i)];
      std::string sub = sv.organization.text;
      // Status in words with a sign: never by colour alone.
      std::string status = sv.status == content::ServiceStatus::TemporarilyClosed
                               ? "✕ " + s.get("service.temporarily_closed")
                           : open ? "● " + s.get("service.open_now")
                                  : "○ " + s.get("service.closed_now");
      if (sv.distance_km)
        status += "  ·  " +
                  s.format("service.distance", {{"distance", lang::format_distance_km(f.ui.lang(), *sv.distance_km)}});
      if (sv.free) status += "  ·  " + s.get("service.free");
      if (f.ui.tile("service." + sv.id, sv.name.text, sub.empty() ? status : sub + "\n" + status, ImVec2(w, rh),
                    p.surface, p.text, {}, sv.name.lang, {}))
        f.push(kiosk::ScreenId::Service, sv.id);
    }
  }
  clipper.End();
}

}  // namespace faro::screens
