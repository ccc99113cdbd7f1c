// Markdown article bodies (CommonMark via md4c) as blocks of styled text.
//
// The authoring format (docs/authoring.md) uses headings, paragraphs, bullet
// and numbered lists, **strong**, *emphasis* and links; this turns a body
// into blocks the UI lays out one by one. Phone numbers in the text become
// SpanKind::Phone spans (target "tel:+15550100"). Soft line breaks become
// spaces; hard breaks become U+2028 (a line break inside the paragraph, so
// bidi still sees one paragraph). Unsupported constructs (HTML, images,
// tables) are dropped or reduced to their text.
//
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/layout.h"

namespace faro::text {

enum class BlockKind : uint8_t {
  Heading,  // level 1..6
  Paragraph,
  ListItem,  // depth 1.., marker "•" or "3."
  Quote,
  Code,
  Rule,  // thematic break: no text
};

struct MarkdownBlock {
  BlockKind kind = BlockKind::Paragraph;
  int level = 0;       // heading level, list depth (1 = top level)
  std::string marker;  // list items: "•" or "1."
  AttributedText text;
  friend bool operator==(const MarkdownBlock&, const MarkdownBlock&) = default;
};

// Fails (Invalid) only if md4c reports a parse failure (it does for none of
// CommonMark's inputs; memory exhaustion, really).
Result<std::vector<MarkdownBlock>> parse_markdown(std::string_view markdown);

}  // namespace faro::text
