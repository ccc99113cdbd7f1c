#include "fts_tokenizer.h"

#include <string>

#include "content/text.h"

namespace faro::content {
namespace {

// The tokenizer is stateless: text.h keeps its ICU iterators per thread.
struct FaroTokenizer {};

int tok_create(void*, const char**, int, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(new FaroTokenizer());
  return SQLITE_OK;
}

void tok_delete(Fts5Tokenizer* t) {
  delete reinterpret_cast<FaroTokenizer*>(t);
}

int tok_tokenize(Fts5Tokenizer*, void* ctx, int /*flags*/, const char* text, int n,
                 int (*x_token)(void*, int, const char*, int, int, int)) {
  int rc = SQLITE_OK;
  text::for_each_word(std::string_view(text, static_cast<size_t>(n)),
                      [&](std::string_view folded, size_t begin, size_t end) {
                        if (rc != SQLITE_OK) return;
                        rc = x_token(ctx, 0, folded.data(), static_cast<int>(folded.size()), static_cast<int>(begin),
                                     static_cast<int>(end));
                      });
  return rc;
}

fts5_api* get_fts5_api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

}  // namespace

Status register_faro_tokenizer(sqlite3* db) {
  fts5_api* api = get_fts5_api(db);
  if (!api) return make_error(ErrorCode::Unsupported, "this SQLite has no FTS5");
  static fts5_tokenizer tokenizer = {tok_create, tok_delete, tok_tokenize};
  if (api->xCreateTokenizer(api, "faro", nullptr, &tokenizer, nullptr) != SQLITE_OK)
    return make_error(ErrorCode::Database, "cannot register the faro tokenizer");
  return {};
}

}  // namespace faro::content
