// The all-scripts page: one line per target language (Latin with stacked
// diacritics, Cyrillic, Arabic, Persian, Pashto, Urdu Nastaliq, Devanagari,
// Bengali, Han, Ethiopic), mixed bidi on one line and wrapped, an Arabic
// Markdown snippet, buttons, labels with ellipsis and a text field with its
// caret in mixed text.
#include "text_pages.h"

#include <imgui.h>

namespace faro::tools {
namespace {

using text::TextStyle;

TextStyle st(const char* lang, float size = 26) {
  TextStyle s;
  s.lang = lang;
  s.size_px = size;
  return s;
}

void all_scripts(text::ui::TextUi& ui, float width) {
  const float w = width - 48;
  struct Line {
    const char* lang;
    const char* text;
  };
  const Line lines[] = {
      {"en", "English · Tiếng Việt · K’iche’ · q̣̇ a̐̀ ǒ̤ — Ǻ ḗ ṏ"},
      {"ru", "Русский: Ваши права — бесплатная юридическая помощь"},
      {"ar", "العربية: لا توقّع على وثيقة لا تفهمها، السلام عليكم"},
      {"fa", "فارسی: می‌خواهم با وکیل گفتگو کنم؛ پناهندگی"},
      {"ps", "پښتو: ستاسو حقونه، ډېر ګټور، ښځه، څوک، کوټۍ"},
      {"ur", "اردو: آپ کے حقوق، مفت قانونی مدد"},
      {"hi", "हिन्दी: क्षमा, प्रार्थना, कर्क, शुद्ध, मित्र, किताब"},
      {"bn", "বাংলা: আপনার অধিকার, ক্ষমা, কি কে কো, কর্ম"},
      {"zh-Hans", "简体中文：您有权获得免费法律援助。"},
      {"am", "አማርኛ፡ ነጻ የሕግ እርዳታ የማግኘት መብት አለዎት።"},
  };
  for (const auto& l : lines) ui.label(l.text, st(l.lang), w);

  // Bidi: a phone number, an English organisation name and parentheses in an
  // Arabic sentence; on one line, then wrapped in a narrow column.
  const char* mixed = "اتصل بالرقم +1 555 0100 أو بمنظمة Legal Aid Network (مجانًا) الآن.";
  ui.label(mixed, st("ar"), w);
  ImGui::Columns(2, "cols", false);
  ImGui::SetColumnWidth(0, 330);
  ui.paragraph(mixed, st("ar", 24), 300);
  ImGui::NextColumn();
  text::ui::MarkdownStyle md;
  md.body = st("ar", 22);
  ui.markdown("## أين تجد المساعدة\n\n- **مجانًا:** مساعدة قانونية\n- [اتصل بنا](tel:+15550100) على +1 555 0100\n", md,
              w - 340);
  ImGui::Columns(1);

  // Widgets: buttons, labels with ellipsis, a text field with mixed text.
  ui.button("b1", "ابحث عن خدمات", st("ar", 24));
  ImGui::SameLine();
  ui.button("b2", "सहायता खोजें", st("hi", 24));
  ImGui::SameLine();
  ui.button("b3", "寻求帮助", st("zh-Hans", 24));
  ui.label("A very long English label that must be cut with an ellipsis at the end", st("en", 24), 420);
  ui.label("عنوان عربي طويل جدًا يجب أن يُقطع بعلامة حذف في نهايته", st("ar", 24), 420);
  static text::EditState field;
  if (field.text.empty()) {
    field.text = "اسمي Maria Pérez 123";
    field.caret = static_cast<uint32_t>(std::string("اسمي Maria").size());  // after "Maria"
    field.active = true;
  }
  ui.text_field("field", field, st("ar", 26), 420);
  ImGui::SameLine();
  static text::EditState empty;
  ui.text_field("search", empty, st("ar", 26), 420, "ابحث هنا…");
}

}  // namespace

std::vector<std::string> page_names() {
  return {"all-scripts"};
}

bool draw_page(const std::string& name, text::ui::TextUi& ui, float width, float height) {
  if (name != "all-scripts") return false;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(255, 255, 255, 255));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 20));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(12, 4));
  ImGui::Begin("page", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  all_scripts(ui, width);
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
  return true;
}

}  // namespace faro::tools
