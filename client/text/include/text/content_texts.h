// Every text of a content database that the kiosk may show, for the
// coverage check (library faro_text_content).
//
// Reads through the public Store API only: languages() (endonyms), and for
// every language topic_tree(), articles_of_kind(), article() (title, summary,
// Markdown body reduced to its text), categories(), services() and
// service(), centres() (names, addresses, emergency labels) and ui_strings().
// A text appears once per (text, language) even if several languages fall
// back to it.
//
// Threads: whatever the Store allows (one Store per thread).
#pragma once

#include <vector>

#include "content/result.h"
#include "content/store.h"
#include "text/coverage.h"

namespace faro::text {

Result<std::vector<LabelledText>> collect_content_texts(content::Store& store);

}  // namespace faro::text
