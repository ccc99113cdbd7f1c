// Test pages for faro-text-render: fixed content exercising every script,
// bidi, wrapping, Markdown and the widgets.
#pragma once

#include <string>
#include <vector>

#include "text/ui/text_ui.h"

namespace faro::tools {

// Names of the pages ("all-scripts", ...).
std::vector<std::string> page_names();
// Draws page `name` into the current ImGui frame; false if there is no such page.
bool draw_page(const std::string& name, text::ui::TextUi& ui, float width, float height);

}  // namespace faro::tools
