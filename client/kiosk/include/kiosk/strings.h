// UiStrings: the interface texts of one language, from the content's UI
// string catalogue (Store::ui_strings, with the content's fallback chain).
//
// Screens never hard-code a visible string: they ask for a key. A key the
// catalogue lacks is shown as the key itself and recorded in missing(), so a
// test can render every screen and prove no string is missing.
// Threads: UI thread only (missing() is mutable state).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/model.h"

namespace faro::kiosk {

class UiStrings {
 public:
  UiStrings() = default;
  UiStrings(std::string lang, std::map<std::string, content::LocalizedText> texts)
      : lang_(std::move(lang)), texts_(texts.begin(), texts.end()) {}

  const std::string& lang() const { return lang_; }
  // The text for `key`, or the key itself (recorded as missing).
  const std::string& get(std::string_view key) const;
  // The language the text of `key` was found in (for shaping).
  const std::string& lang_of(std::string_view key) const;
  // get() with "{name}" placeholders replaced.
  std::string format(std::string_view key, const std::vector<std::pair<std::string, std::string>>& args) const;

  const std::set<std::string>& missing() const { return missing_; }
  void clear_missing() { missing_.clear(); }

 private:
  std::string lang_;
  std::map<std::string, content::LocalizedText, std::less<>> texts_;
  mutable std::set<std::string> missing_;
  mutable std::map<std::string, std::string, std::less<>> fallback_;  // key -> key (stable storage)
};

}  // namespace faro::kiosk
