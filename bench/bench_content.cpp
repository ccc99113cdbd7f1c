// Content benchmark: builds a synthetic tree (default 20,000 services x 30
// languages) and reports build time, database size, and type-ahead search
// latency (p50/p95/p99 over 1,000 prefix queries of 1 to 8 characters in
// several scripts).
//
//   bench_content [--services N] [--languages L] [--queries Q] [--keep DIR]
//
// Targets (issue 2): build < 60 s, database < 200 MB, p99 < 5 ms.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "content/source.h"
#include "content/store.h"
#include "content/synth.h"
#include "content/text.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The first n code points of a UTF-8 string.
std::string prefix_chars(const std::string& s, size_t n) {
  size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++count;
  }
  return s.substr(0, std::min(i, s.size()));
}

size_t count_chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  size_t services = 20000, languages = 30, queries = 1000;
  std::string keep;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--services") services = std::stoul(argv[i + 1]);
    else if (a == "--languages") languages = std::stoul(argv[i + 1]);
    else if (a == "--queries") queries = std::stoul(argv[i + 1]);
    else if (a == "--keep") keep = argv[i + 1];
    else {
      std::cerr << "usage: bench_content [--services N] [--languages L] [--queries Q] [--keep DIR]\n";
      return 2;
    }
  }
  fs::path work = keep.empty() ? fs::temp_directory_path() / ("faro-bench-" + std::to_string(std::random_device{}()))
                               : fs::path(keep);
  fs::remove_all(work);
  fs::create_directories(work);

  auto t0 = Clock::now();
  faro::content::SynthOptions opts;
  opts.services = services;
  opts.languages = languages;
  if (auto s = faro::content::write_synthetic_tree(opts, (work / "src").string()); !s) {
    std::cerr << "synth failed: " << s.error().message << "\n";
    return 1;
  }
  double synth_s = seconds_since(t0);

  auto t1 = Clock::now();
  std::string db = (work / "content.db").string();
  auto built = faro::content::build_database((work / "src").string(), db);
  double build_s = seconds_since(t1);
  if (!built || !built->diagnostics.empty()) {
    std::cerr << "build failed: "
              << (built ? built->diagnostics.front().to_string() : built.error().message) << "\n";
    return 1;
  }
  double size_mb = static_cast<double>(fs::file_size(db)) / (1024.0 * 1024.0);

  auto store = faro::content::Store::open(db);
  if (!store) {
    std::cerr << store.error().message << "\n";
    return 1;
  }
  // Query words: real words from service names and article titles in every
  // language, cut to 1..8 characters, as a visitor types them.
  std::vector<std::string> langs = faro::content::synthetic_language_tags(languages);
  std::mt19937_64 rng(7);
  std::vector<std::pair<std::string, std::string>> qs;  // (lang, prefix)
  {
    faro::content::ServiceQuery q;
    std::vector<std::string> pool;
    for (const auto& lang : langs) {
      q.lang = lang;
      q.limit = 40;
      auto list = (*store)->services(q);
      auto arts = (*store)->articles_of_kind(faro::content::ArticleKind::Info, lang);
      std::vector<std::string> words;
      auto take = [&](const std::string& text) {
        faro::text::for_each_word(text, [&](std::string_view, size_t b, size_t e) {
          words.push_back(text.substr(b, e - b));
        });
      };
      if (list)
        for (const auto& s : *list)
          if (s.name.lang == lang) take(s.name.text);
      if (arts)
        for (const auto& a : *arts) take(a.title.text);
      for (size_t k = 0; k < words.size() && k < 60; ++k) pool.push_back(lang + "\t" + words[k]);
    }
    std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
    std::uniform_int_distribution<size_t> len(1, 8);
    while (qs.size() < queries && !pool.empty()) {
      const std::string& e = pool[pick(rng)];
      auto tab = e.find('\t');
      std::string word = e.substr(tab + 1);
      size_t n = std::min(len(rng), count_chars(word));
      qs.push_back({e.substr(0, tab), prefix_chars(word, n)});
    }
  }
  // Warm the page cache as a kiosk would have it after the first screen.
  for (size_t i = 0; i < std::min<size_t>(20, qs.size()); ++i) (void)(*store)->search(qs[i].second, qs[i].first, 20);

  std::vector<double> ms;
  std::vector<std::pair<double, std::string>> slowest;
  size_t hits = 0, empty = 0;
  for (const auto& [lang, q] : qs) {
    auto t = Clock::now();
    auto r = (*store)->search(q, lang, 20);
    ms.push_back(seconds_since(t) * 1000.0);
    slowest.push_back({ms.back(), lang + " '" + q + "'"});
    if (r && !r->empty()) ++hits; else ++empty;
  }
  std::sort(slowest.rbegin(), slowest.rend());
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))]; };

  std::printf("faro content benchmark: %zu services x %zu languages, %zu articles\n", services, languages,
              opts.articles);
  std::printf("  synth tree:        %8.2f s\n", synth_s);
  std::printf("  build database:    %8.2f s   (target < 60 s)\n", build_s);
  std::printf("  database size:     %8.1f MB  (target < 200 MB)\n", size_mb);
  std::printf("  search queries:    %8zu     (%zu with results, %zu without)\n", ms.size(), hits, empty);
  std::printf("  search p50:        %8.3f ms\n", pct(0.50));
  std::printf("  search p95:        %8.3f ms\n", pct(0.95));
  std::printf("  search p99:        %8.3f ms  (target < 5 ms)\n", pct(0.99));
  std::printf("  search max:        %8.3f ms\n", ms.empty() ? 0.0 : ms.back());
  std::printf("  slowest queries:  ");
  for (size_t i = 0; i < std::min<size_t>(5, slowest.size()); ++i)
    std::printf(" %s %.1f ms%s", slowest[i].second.c_str(), slowest[i].first, i + 1 < 5 ? "," : "\n");
  if (keep.empty()) fs::remove_all(work);
  return 0;
}
