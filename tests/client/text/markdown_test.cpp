// Markdown bodies to styled blocks.
#include "text/markdown.h"

#include <filesystem>
#include <fstream>

#include "test_support.h"

using namespace faro;

TEST_CASE("markdown blocks: headings, paragraphs, lists", "[markdown]") {
  auto r = text::parse_markdown(
      "Intro line one\nline two.\n\n## Your rights\n\n- **Be heard.** You can explain.\n- Have a lawyer.\n\n"
      "1. First\n2. Second\n\n---\n");
  REQUIRE(r.ok());
  const auto& b = *r;
  REQUIRE(b.size() == 7);
  CHECK(b[0].kind == text::BlockKind::Paragraph);
  CHECK(b[0].text.text == "Intro line one line two.");  // soft break = space
  CHECK(b[1].kind == text::BlockKind::Heading);
  CHECK(b[1].level == 2);
  CHECK(b[1].text.text == "Your rights");
  CHECK(b[2].kind == text::BlockKind::ListItem);
  CHECK(b[2].marker == "•");
  CHECK(b[2].text.text == "Be heard. You can explain.");
  REQUIRE(b[2].text.spans.size() == 1);
  CHECK(b[2].text.spans[0].style.bold);
  CHECK(b[2].text.spans[0].begin == 0);
  CHECK(b[2].text.spans[0].end == 9);
  CHECK(b[3].text.text == "Have a lawyer.");
  CHECK(b[4].marker == "1.");
  CHECK(b[5].marker == "2.");
  CHECK(b[6].kind == text::BlockKind::Rule);
}

TEST_CASE("markdown spans: emphasis, links, phone numbers", "[markdown]") {
  auto r = text::parse_markdown("Call *now*: [free legal aid](category:legal-aid) or +1 555 0100, not 2026-11-04.");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  const auto& t = (*r)[0].text;
  CHECK(t.text == "Call now: free legal aid or +1 555 0100, not 2026-11-04.");
  REQUIRE(t.spans.size() == 3);
  CHECK(t.spans[0].style.italic);
  CHECK(t.text.substr(t.spans[0].begin, t.spans[0].end - t.spans[0].begin) == "now");
  CHECK(t.spans[1].kind == text::SpanKind::Link);
  CHECK(t.spans[1].target == "category:legal-aid");
  CHECK(t.spans[1].style.underline);
  CHECK(t.text.substr(t.spans[1].begin, t.spans[1].end - t.spans[1].begin) == "free legal aid");
  CHECK(t.spans[2].kind == text::SpanKind::Phone);
  CHECK(t.spans[2].target == "tel:+15550100");
}

TEST_CASE("markdown in arabic keeps its text and nesting", "[markdown]") {
  auto r =
      text::parse_markdown("## أين تجد المساعدة\n\n- [ابحث عن مساعدة قانونية مجانية](category:legal-aid)\n  - فرعي\n");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 3);
  CHECK((*r)[1].text.text == "ابحث عن مساعدة قانونية مجانية");
  CHECK((*r)[1].level == 1);
  CHECK((*r)[2].level == 2);
  CHECK((*r)[2].marker == "◦");
}

TEST_CASE("every demo article parses into blocks", "[markdown]") {
  namespace fs = std::filesystem;
  size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(FARO_SOURCE_DIR) / "content/demo/articles")) {
    if (e.path().extension() != ".md") continue;
    std::ifstream in(e.path());
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto r = text::parse_markdown(s);
    INFO(e.path());
    REQUIRE(r.ok());
    CHECK(!r->empty());
    ++n;
  }
  CHECK(n > 150);
}
