// Markdown (md4c) to styled blocks.
#include "text/markdown.h"

#include <md4c.h>

#include <string>

namespace faro::text {
namespace {

struct Builder {
  std::vector<MarkdownBlock> blocks;
  // list nesting: ordered?, next number
  struct List {
    bool ordered;
    unsigned next;
  };
  std::vector<List> lists;
  bool in_block = false;
  bool in_li = false;  // a list item whose text has not started a block yet
  bool quote = false;
  int strong = 0, em = 0, code_span = 0;
  std::vector<std::string> links;  // hrefs of open links
  MarkdownBlock cur;

  void start(BlockKind kind, int level) {
    flush();
    cur = MarkdownBlock{};
    cur.kind = kind;
    cur.level = level;
    in_block = true;
  }
  void flush() {
    if (!in_block) return;
    // trim trailing spaces left by soft breaks
    while (!cur.text.text.empty() && cur.text.text.back() == ' ') cur.text.text.pop_back();
    for (auto& s : cur.text.spans) s.end = std::min<uint32_t>(s.end, static_cast<uint32_t>(cur.text.text.size()));
    std::erase_if(cur.text.spans, [](const Span& s) { return s.begin >= s.end; });
    if (cur.kind == BlockKind::Rule || !cur.text.text.empty()) blocks.push_back(std::move(cur));
    cur = MarkdownBlock{};
    in_block = false;
  }
  void text(std::string_view t) {
    if (!in_block) {
      // text directly in a list item ("tight" lists have no paragraph block)
      start(in_li ? BlockKind::ListItem : BlockKind::Paragraph, in_li ? static_cast<int>(lists.size()) : 0);
      if (in_li) cur.marker = marker();
      in_li = false;
    }
    SpanStyle st;
    st.bold = strong > 0;
    st.italic = em > 0;
    SpanKind kind = SpanKind::Text;
    std::string target;
    if (!links.empty()) {
      kind = SpanKind::Link;
      target = links.back();
      st.underline = true;
    }
    if (kind == SpanKind::Text) {
      // Phone numbers in running text become phone spans ('+' numbers only:
      // dates and ids are not numbers to call).
      auto phones = find_phone_numbers(t);
      size_t at = 0;
      for (const auto& r : phones) {
        if (t[r.begin] != '+') continue;
        append(t.substr(at, r.begin - at), st, SpanKind::Text, {});
        std::string digits = "tel:+";
        for (size_t i = r.begin; i < r.end; ++i)
          if (t[i] >= '0' && t[i] <= '9') digits += t[i];
        append(t.substr(r.begin, r.end - r.begin), st, SpanKind::Phone, digits);
        at = r.end;
      }
      append(t.substr(at), st, SpanKind::Text, {});
    } else {
      append(t, st, kind, target);
    }
  }
  void append(std::string_view t, const SpanStyle& st, SpanKind kind, std::string target) {
    if (t.empty()) return;
    auto& a = cur.text;
    // extend the previous span if it has the same style and target
    if (!a.spans.empty() && a.spans.back().end == a.text.size() && a.spans.back().style == st &&
        a.spans.back().kind == kind && a.spans.back().target == target && kind != SpanKind::Phone) {
      a.text.append(t);
      a.spans.back().end = static_cast<uint32_t>(a.text.size());
      return;
    }
    a.append(t, st, kind, std::move(target));
  }
  std::string marker() {
    if (lists.empty()) return "•";
    auto& l = lists.back();
    if (!l.ordered) return lists.size() % 2 == 1 ? "•" : "◦";
    return std::to_string(l.next++) + ".";
  }
};

std::string attr(const MD_ATTRIBUTE& a) {
  return a.text ? std::string(a.text, a.size) : std::string();
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_H:
      b.start(BlockKind::Heading, static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level));
      break;
    case MD_BLOCK_P:
      if (b.in_li) {
        b.start(BlockKind::ListItem, static_cast<int>(b.lists.size()));
        b.cur.marker = b.marker();
        b.in_li = false;
      } else if (b.quote) {
        b.start(BlockKind::Quote, 0);
      } else if (!b.lists.empty()) {
        // a second paragraph of a loose list item: indented, no marker
        b.start(BlockKind::ListItem, static_cast<int>(b.lists.size()));
      } else {
        b.start(BlockKind::Paragraph, 0);
      }
      break;
    case MD_BLOCK_UL:
      b.flush();
      b.lists.push_back({false, 1});
      break;
    case MD_BLOCK_OL:
      b.flush();
      b.lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start});
      break;
    case MD_BLOCK_LI:
      b.flush();
      b.in_li = true;
      break;
    case MD_BLOCK_QUOTE:
      b.flush();
      b.quote = true;
      break;
    case MD_BLOCK_CODE:
      b.start(BlockKind::Code, 0);
      break;
    case MD_BLOCK_HR:
      b.start(BlockKind::Rule, 0);
      b.flush();
      break;
    default:
      break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
      b.flush();
      break;
    case MD_BLOCK_LI:
      b.flush();
      b.in_li = false;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      b.flush();
      if (!b.lists.empty()) b.lists.pop_back();
      break;
    case MD_BLOCK_QUOTE:
      b.flush();
      b.quote = false;
      break;
    default:
      break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto& b = *static_cast<Builder*>(user);
  if (type == MD_SPAN_STRONG) ++b.strong;
  if (type == MD_SPAN_EM) ++b.em;
  if (type == MD_SPAN_CODE) ++b.code_span;
  if (type == MD_SPAN_A) b.links.push_back(attr(static_cast<MD_SPAN_A_DETAIL*>(detail)->href));
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto& b = *static_cast<Builder*>(user);
  if (type == MD_SPAN_STRONG) --b.strong;
  if (type == MD_SPAN_EM) --b.em;
  if (type == MD_SPAN_CODE) --b.code_span;
  if (type == MD_SPAN_A && !b.links.empty()) b.links.pop_back();
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto& b = *static_cast<Builder*>(user);
  std::string_view t(text, size);
  switch (type) {
    case MD_TEXT_SOFTBR:
      b.text(" ");
      break;
    case MD_TEXT_BR:
      b.text("\xE2\x80\xA8");  // U+2028 LINE SEPARATOR
      break;
    case MD_TEXT_NULLCHAR:
      b.text("\xEF\xBF\xBD");
      break;
    case MD_TEXT_HTML:
      break;  // raw HTML is not shown
    case MD_TEXT_ENTITY: {
      // the common named entities; others are shown as written
      if (t == "&amp;")
        b.text("&");
      else if (t == "&lt;")
        b.text("<");
      else if (t == "&gt;")
        b.text(">");
      else if (t == "&quot;")
        b.text("\"");
      else if (t == "&nbsp;")
        b.text("\xC2\xA0");
      else
        b.text(t);
      break;
    }
    default:
      b.text(t);
      break;
  }
  return 0;
}

}  // namespace

Result<std::vector<MarkdownBlock>> parse_markdown(std::string_view markdown) {
  Builder b;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_NOHTML | MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_STRIKETHROUGH;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  int rc = md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &b);
  if (rc != 0) return make_error(ErrorCode::Invalid, "markdown: parser failed (" + std::to_string(rc) + ")");
  b.flush();
  return std::move(b.blocks);
}

}  // namespace faro::text
