// bench_text: figures for the kiosk text engine, on the demo content.
//
//   bench_text [--demo DIR] [--width PX] [--frames N]
//
// 1. First-time layout of every demo article (title, summary, Markdown body)
//    in every language, as the article screen lays them out (body 28 px,
//    headings larger, 1000 px column), with a cold engine and cold atlas.
// 2. CPU time per frame for a screen of ~2,000 shaped words drawn from the
//    layout cache (headless ImGui: NewFrame .. Render, no GPU), per language.
// 3. Glyph atlas texture memory after the articles and UI strings of all the
//    demo's languages were drawn at the kiosk's text sizes.
// Targets (issue 3): frame < 0.5 ms, atlas < 64 MB.
#include <imgui.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "content/source.h"
#include "content/store.h"
#include "text/markdown.h"
#include "text/ui/text_ui.h"

using namespace faro;

namespace {

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double wall_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Words by ICU's word break rules (dictionary for Chinese, Thai...).
size_t count_words(const std::string& s) {
  std::vector<UChar> u16(s.size() + 1);
  int32_t len = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strFromUTF8(u16.data(), static_cast<int32_t>(u16.size()), &len, s.data(), static_cast<int32_t>(s.size()), &err);
  if (U_FAILURE(err)) return 0;
  UBreakIterator* bi = ubrk_open(UBRK_WORD, "", u16.data(), len, &err);
  if (U_FAILURE(err)) return 0;
  size_t n = 0;
  for (int32_t p = ubrk_next(bi); p != UBRK_DONE; p = ubrk_next(bi))
    if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE) ++n;
  ubrk_close(bi);
  return n;
}

struct Block {
  text::AttributedText text;
  text::TextStyle style;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string demo = FARO_DEMO_DIR;
  float width = 1000;
  int frames = 300;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--demo" && i + 1 < argc)
      demo = argv[++i];
    else if (a == "--width" && i + 1 < argc)
      width = static_cast<float>(std::atof(argv[++i]));
    else if (a == "--frames" && i + 1 < argc)
      frames = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: bench_text [--demo DIR] [--width PX] [--frames N]\n");
      return 2;
    }
  }

  // The demo content database.
  auto tmp = std::filesystem::temp_directory_path() / ("faro-bench-text-" + std::to_string(::getpid()));
  std::filesystem::create_directories(tmp);
  const std::string db = (tmp / "content.db").string();
  auto built = content::build_database(demo, db);
  if (!built || !built->diagnostics.empty()) {
    std::fprintf(stderr, "bench_text: cannot build %s\n", demo.c_str());
    return 1;
  }
  auto store_r = content::Store::open(db);
  if (!store_r) {
    std::fprintf(stderr, "bench_text: %s\n", store_r.error().message.c_str());
    return 1;
  }
  auto& store = **store_r;
  auto langs = store.languages();
  if (!langs) return 1;

  // Every article in every language, as the article screen shows it.
  const float body_px = 28;
  std::map<std::string, std::vector<Block>> by_lang;
  std::vector<Block> ui_blocks;
  size_t articles = 0;
  for (const auto& l : *langs) {
    std::vector<std::string> ids;
    for (auto kind : {content::ArticleKind::Info, content::ArticleKind::Warning, content::ArticleKind::Emergency}) {
      auto list = store.articles_of_kind(kind, l.tag);
      if (list)
        for (const auto& s : *list) ids.push_back(s.id);
    }
    for (const auto& id : ids) {
      auto a = store.article(id, l.tag);
      if (!a) continue;
      ++articles;
      text::TextStyle base;
      base.lang = a->title.lang.empty() ? l.tag : a->title.lang;
      base.size_px = body_px;
      auto title = base;
      title.size_px = std::round(body_px * 1.6f);
      title.bold = true;
      by_lang[l.tag].push_back({text::AttributedText(a->title.text), title});
      by_lang[l.tag].push_back({text::AttributedText(a->summary.text), base});
      auto blocks = text::parse_markdown(a->body_markdown);
      if (!blocks) continue;
      for (const auto& b : *blocks) {
        auto st = base;
        if (b.kind == text::BlockKind::Heading) {
          st.size_px = std::round(body_px * (b.level <= 1 ? 1.6f : b.level == 2 ? 1.3f : 1.12f));
          st.bold = true;
        }
        by_lang[l.tag].push_back({b.text, st});
      }
    }
    auto ui = store.ui_strings(l.tag);
    if (ui)
      for (const auto& [k, t] : *ui) {
        text::TextStyle st;
        st.lang = t.lang.empty() ? l.tag : t.lang;
        st.size_px = 32;
        ui_blocks.push_back({text::AttributedText(t.text), st});
      }
  }

  auto fonts_r = text::FontCollection::open();
  if (!fonts_r) {
    std::fprintf(stderr, "bench_text: %s\n", fonts_r.error().message.c_str());
    return 1;
  }
  auto& fonts = **fonts_r;
  // Open the faces once before timing: a kiosk does this at start-up.
  {
    text::TextEngine warm(fonts);
    for (const auto& [lang, bs] : by_lang) (void)warm.layout_uncached(bs.front().text, bs.front().style, width);
  }

  // --- 1. first-time layout --------------------------------------------------
  text::TextEngine engine(fonts, 1 << 16);
  text::NullTextureSink sink;
  text::GlyphAtlas atlas(fonts, sink, 1024);
  size_t blocks = 0, glyphs = 0, words = 0;
  double c0 = thread_cpu_ms(), w0 = wall_ms();
  std::vector<std::shared_ptr<const text::TextLayout>> keep;
  for (const auto& [lang, bs] : by_lang)
    for (const auto& b : bs) {
      auto l = engine.layout(b.text, b.style, width);
      glyphs += l->glyphs().size();
      ++blocks;
      keep.push_back(l);
    }
  double layout_cpu = thread_cpu_ms() - c0, layout_wall = wall_ms() - w0;
  for (const auto& [lang, bs] : by_lang)
    for (const auto& b : bs) words += count_words(b.text.text);
  c0 = thread_cpu_ms();
  for (const auto& l : keep) (void)atlas.quads(l);
  double raster_cpu = thread_cpu_ms() - c0;
  auto es = engine.stats();

  std::printf("== Faro text engine benchmark (demo content: %s)\n", demo.c_str());
  std::printf(
      "first-time layout of the demo articles: %zu article views in %zu languages, %zu blocks, %zu words, "
      "%zu glyphs\n",
      articles, by_lang.size(), blocks, words, glyphs);
  std::printf(
      "  layout (bidi, itemise, shape, wrap at %.0f px): %.1f ms CPU (%.1f ms wall), %.3f ms per article, "
      "%llu layouts (%llu from cache: fallback texts), %llu hb_shape calls\n",
      width, layout_cpu, layout_wall, layout_cpu / static_cast<double>(std::max<size_t>(articles, 1)),
      static_cast<unsigned long long>(es.layouts), static_cast<unsigned long long>(es.cache_hits),
      static_cast<unsigned long long>(es.shape_calls));
  std::printf("  glyph rasterisation into the atlas: %.1f ms CPU for %zu glyph bitmaps\n", raster_cpu,
              atlas.stats().glyphs);

  // --- 3. atlas memory with all languages (articles + UI strings) -----------
  for (const auto& b : ui_blocks) (void)atlas.quads(engine.layout(b.text, b.style, 0));
  auto as = atlas.stats();
  std::printf(
      "glyph atlas with the demo's %zu languages (articles at 28/31/36/45 px, UI at 32 px): %zu glyphs, %zu "
      "page(s) of 1024x1024 A8 = %.1f MB texture (%.0f%% packed); target < 64 MB: %s\n",
      langs->size(), as.glyphs, as.pages, static_cast<double>(as.texture_bytes) / (1024.0 * 1024.0),
      100.0 * static_cast<double>(as.used_pixels) / static_cast<double>(std::max<size_t>(as.texture_bytes, 1)),
      as.texture_bytes < 64u * 1024u * 1024u ? "met" : "MISSED");
  std::printf("  layout cache: %llu layouts, %.1f MB\n", static_cast<unsigned long long>(engine.stats().cached),
              static_cast<double>(engine.stats().cache_bytes) / (1024.0 * 1024.0));

  // --- 2. frame time for ~2,000 words from the cache ------------------------
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  unsigned char* px = nullptr;
  int tw = 0, th = 0;
  io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
  io.DisplaySize = ImVec2(1920, 16000);  // tall enough that nothing is clipped: every word is drawn
  io.DeltaTime = 1.0f / 60.0f;
  text::ui::TextUi ui(engine, atlas);
  bool all_met = true;
  std::printf(
      "CPU time per frame for a screen of ~2,000 shaped words from the cache (NewFrame..Render, %d frames; "
      "text = the widgets' share):\n",
      frames);
  for (const char* lang : {"en", "ar", "fa", "ps", "hi", "bn", "zh-Hans", "ru", "am"}) {
    auto it = by_lang.find(lang);
    if (it == by_lang.end()) continue;
    std::vector<const Block*> screen;
    size_t n = 0, screen_glyphs = 0;
    while (n < 2000) {
      for (const auto& b : it->second) {
        if (n >= 2000) break;
        screen.push_back(&b);
        n += count_words(b.text.text);
      }
    }
    auto body = [&] {
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(io.DisplaySize);
      ImGui::Begin("screen", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
      double t = thread_cpu_ms();
      for (const Block* b : screen) ui.rich(b->text, b->style, 1840);
      t = thread_cpu_ms() - t;
      ImGui::End();
      return t;
    };
    for (int warm = 0; warm < 3; ++warm) {
      ImGui::NewFrame();
      body();
      ImGui::Render();
      atlas.flush();
    }
    for (const Block* b : screen) screen_glyphs += engine.layout(b->text, b->style, 1840)->glyphs().size();
    auto before = engine.stats();
    std::vector<double> frame_ms, text_ms;
    for (int f = 0; f < frames; ++f) {
      double t0 = thread_cpu_ms();
      ImGui::NewFrame();
      double tt = body();
      ImGui::Render();
      atlas.flush();
      frame_ms.push_back(thread_cpu_ms() - t0);
      text_ms.push_back(tt);
    }
    auto after = engine.stats();
    double p50 = percentile(frame_ms, 0.5), p95 = percentile(frame_ms, 0.95);
    bool met = p50 < 0.5;
    all_met = all_met && met;
    std::printf(
        "  %-8s %4zu words, %5zu glyphs: frame p50 %.3f ms, p95 %.3f ms (text p50 %.3f ms); reshaped %llu; "
        "target < 0.5 ms: %s\n",
        lang, n, screen_glyphs, p50, p95, percentile(text_ms, 0.5),
        static_cast<unsigned long long>(after.shape_calls - before.shape_calls), met ? "met" : "MISSED");
  }
  ImGui::DestroyContext();
  std::filesystem::remove_all(tmp);
  return 0;
}
