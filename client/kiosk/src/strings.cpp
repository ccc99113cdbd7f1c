#include "kiosk/strings.h"

namespace faro::kiosk {

const std::string& UiStrings::get(std::string_view key) const {
  auto it = texts_.find(key);
  if (it != texts_.end() && !it->second.text.empty()) return it->second.text;
  missing_.insert(std::string(key));
  auto f = fallback_.find(key);
  if (f == fallback_.end()) f = fallback_.emplace(std::string(key), std::string(key)).first;
  return f->second;
}

const std::string& UiStrings::lang_of(std::string_view key) const {
  auto it = texts_.find(key);
  if (it != texts_.end() && !it->second.lang.empty()) return it->second.lang;
  return lang_;
}

std::string UiStrings::format(std::string_view key,
                              const std::vector<std::pair<std::string, std::string>>& args) const {
  std::string out = get(key);
  for (const auto& [name, value] : args) {
    std::string ph = "{" + name + "}";
    for (size_t p = out.find(ph); p != std::string::npos; p = out.find(ph, p + value.size()))
      out.replace(p, ph.size(), value);
  }
  return out;
}

}  // namespace faro::kiosk
