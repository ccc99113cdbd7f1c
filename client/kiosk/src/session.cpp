#include "kiosk/session.h"

namespace faro::kiosk {

std::string Route::key() const {
  static const char* names[] = {"welcome", "home",      "topic",  "article",     "warnings",   "directory",
                                "service", "emergency", "search", "staff-login", "staff-home", "staff-edit"};
  std::string k = names[static_cast<int>(id)];
  if (!arg.empty()) k += ":" + arg;
  return k;
}

std::optional<std::vector<Route>> routes_for_screen_name(std::string_view name) {
  const Route home{ScreenId::Home, {}};
  auto with_arg = [&](std::string_view prefix, ScreenId id) -> std::optional<std::vector<Route>> {
    if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix)
      return std::vector<Route>{home, Route{id, std::string(name.substr(prefix.size()))}};
    return std::nullopt;
  };
  if (name == "welcome") return std::vector<Route>{Route{}};
  if (name == "home") return std::vector<Route>{home};
  if (name == "rights") return std::vector<Route>{home, Route{ScreenId::Topic, "rights"}};
  if (name == "warnings") return std::vector<Route>{home, Route{ScreenId::Warnings, {}}};
  if (name == "directory") return std::vector<Route>{home, Route{ScreenId::Directory, {}}};
  if (name == "emergency") return std::vector<Route>{home, Route{ScreenId::Emergency, {}}};
  if (name == "search") return std::vector<Route>{home, Route{ScreenId::Search, {}}};
  if (auto r = with_arg("topic:", ScreenId::Topic)) return r;
  if (auto r = with_arg("article:", ScreenId::Article)) return r;
  if (auto r = with_arg("service:", ScreenId::Service)) return r;
  return std::nullopt;
}

void Navigator::push(Route r) {
  if (r == top()) return;
  stack_.push_back(std::move(r));
}

bool Navigator::back() {
  if (stack_.size() <= 1) return false;
  stack_.pop_back();
  return true;
}

void Navigator::reset(std::vector<Route> stack) {
  stack_ = std::move(stack);
  if (stack_.empty()) stack_.push_back(Route{});
}

void Navigator::home() {
  reset({Route{ScreenId::Home, {}}});
}

bool Session::pristine() const {
  return lang.empty() && nav.depth() == 1 && nav.top().id == ScreenId::Welcome && search.text.empty() &&
         filters == DirectoryFilters{} && scroll.empty() && text_size == 0 && !high_contrast && qr.empty() && !staff;
}

}  // namespace faro::kiosk
