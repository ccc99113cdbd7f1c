#include "content/synth.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "content/text.h"

namespace fs = std::filesystem;

namespace faro::content {
namespace {

struct SynthLang {
  const char* tag;
  const char* name;
  const char* english;
  const char* script;
  bool rtl;
  bool spaces;  // false: words run together (Han, Thai, Myanmar, Japanese)
  // Code point ranges for "consonants" and optional "vowel signs" (0 = none).
  char32_t c_lo, c_hi, v_lo, v_hi;
};

// 30 languages covering the scripts a kiosk in the Americas, Europe or the
// Middle East must render.
const SynthLang kLangs[] = {
    {"en", "English", "English", "Latn", false, true, U'a', U'z', 0, 0},
    {"es", "español", "Spanish", "Latn", false, true, U'a', U'z', 0, 0},
    {"fr", "français", "French", "Latn", false, true, U'a', U'z', 0, 0},
    {"pt", "português", "Portuguese", "Latn", false, true, U'a', U'z', 0, 0},
    {"ar", "العربية", "Arabic", "Arab", true, true, 0x0628, 0x064A, 0, 0},
    {"zh-Hans", "中文（简体）", "Chinese (Simplified)", "Hans", false, false, 0x4E00, 0x62FF, 0, 0},
    {"hi", "हिन्दी", "Hindi", "Deva", false, true, 0x0915, 0x0939, 0x093E, 0x094C},
    {"ru", "русский", "Russian", "Cyrl", false, true, 0x0430, 0x044F, 0, 0},
    {"ht", "Kreyòl ayisyen", "Haitian Creole", "Latn", false, true, U'a', U'z', 0, 0},
    {"fa", "فارسی", "Persian", "Arab", true, true, 0x0628, 0x064A, 0, 0},
    {"bn", "বাংলা", "Bengali", "Beng", false, true, 0x0995, 0x09B9, 0x09BE, 0x09C4},
    {"am", "አማርኛ", "Amharic", "Ethi", false, true, 0x1200, 0x1357, 0, 0},
    {"ps", "پښتو", "Pashto", "Arab", true, true, 0x0628, 0x064A, 0, 0},
    {"quc", "K’iche’", "K'iche'", "Latn", false, true, U'a', U'z', 0, 0},
    {"uk", "українська", "Ukrainian", "Cyrl", false, true, 0x0430, 0x044F, 0, 0},
    {"ko", "한국어", "Korean", "Kore", false, true, 0xAC00, 0xD7A3, 0, 0},
    {"ja", "日本語", "Japanese", "Jpan", false, false, 0x3041, 0x3093, 0, 0},
    {"th", "ไทย", "Thai", "Thai", false, false, 0x0E01, 0x0E2E, 0x0E34, 0x0E39},
    {"my", "မြန်မာ", "Burmese", "Mymr", false, false, 0x1000, 0x1020, 0x102B, 0x1032},
    {"he", "עברית", "Hebrew", "Hebr", true, true, 0x05D0, 0x05EA, 0, 0},
    {"ur", "اردو", "Urdu", "Arab", true, true, 0x0628, 0x064A, 0, 0},
    {"ne", "नेपाली", "Nepali", "Deva", false, true, 0x0915, 0x0939, 0x093E, 0x094C},
    {"ti", "ትግርኛ", "Tigrinya", "Ethi", false, true, 0x1200, 0x1357, 0, 0},
    {"vi", "Tiếng Việt", "Vietnamese", "Latn", false, true, U'a', U'z', 0, 0},
    {"tl", "Tagalog", "Tagalog", "Latn", false, true, U'a', U'z', 0, 0},
    {"sw", "Kiswahili", "Swahili", "Latn", false, true, U'a', U'z', 0, 0},
    {"tr", "Türkçe", "Turkish", "Latn", false, true, U'a', U'z', 0, 0},
    {"so", "Soomaali", "Somali", "Latn", false, true, U'a', U'z', 0, 0},
    {"el", "Ελληνικά", "Greek", "Grek", false, true, 0x03B1, 0x03C9, 0, 0},
    {"hy", "հայերեն", "Armenian", "Armn", false, true, 0x0561, 0x0586, 0, 0},
};
constexpr size_t kLangCount = sizeof kLangs / sizeof kLangs[0];

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Precomposed Latin letters with diacritics, so folding has work to do.
const char32_t kAccented[] = {U'á', U'é', U'í', U'ó', U'ú', U'ñ', U'ç', U'è', U'ê', U'ò', U'ü', U'ã', U'õ', U'à'};

class Vocabulary {
 public:
  Vocabulary(const SynthLang& l, std::mt19937_64& rng, size_t size) : lang_(l) {
    std::uniform_int_distribution<int> len(2, 8);
    for (size_t i = 0; i < size; ++i) words_.push_back(make_word(rng, l.spaces ? len(rng) : 1 + len(rng) / 3));
  }
  // Zipf-like: low ranks are much more frequent.
  const std::string& pick(std::mt19937_64& rng) const {
    std::uniform_real_distribution<double> u(0, 1);
    double r = std::pow(u(rng), 2.5);
    return words_[static_cast<size_t>(r * static_cast<double>(words_.size() - 1))];
  }
  std::string phrase(std::mt19937_64& rng, size_t n) const {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
      if (i && lang_.spaces) out += ' ';
      out += pick(rng);
    }
    return out;
  }
  std::string sentence(std::mt19937_64& rng, size_t n) const {
    std::string s = phrase(rng, n);
    if (lang_.rtl && std::string(lang_.script) == "Arab") s += "،";
    s += lang_.spaces ? "." : "。";
    return s;
  }

 private:
  const SynthLang& lang_;
  std::vector<std::string> words_;

  std::string make_word(std::mt19937_64& rng, int syllables) {
    std::string w;
    std::uniform_int_distribution<char32_t> c(lang_.c_lo, lang_.c_hi);
    std::uniform_int_distribution<int> coin(0, 9);
    for (int i = 0; i < syllables; ++i) {
      char32_t ch = c(rng);
      if (lang_.c_lo == U'a' && coin(rng) == 0) {
        std::uniform_int_distribution<size_t> a(0, std::size(kAccented) - 1);
        ch = kAccented[a(rng)];
      }
      append_utf8(w, ch);
      if (lang_.v_lo && coin(rng) < 6) {
        std::uniform_int_distribution<char32_t> v(lang_.v_lo, lang_.v_hi);
        append_utf8(w, v(rng));
      }
    }
    return w;
  }
};

std::string q(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

struct CentreSpec {
  const char* tz;
  double lat, lon;
};

const CentreSpec kCentreSpots[] = {
    {"America/Denver", 31.76, -106.49},
    {"America/Mexico_City", 19.43, -99.13},
    {"America/Santo_Domingo", 18.49, -69.93},
    {"America/Toronto", 45.50, -73.57},
    {"America/Bogota", 4.71, -74.07},
    {"America/Lima", -12.05, -77.04},
    {"America/Guatemala", 14.63, -90.51},
    {"America/Panama", 8.98, -79.52},
    {"America/Tijuana", 32.51, -117.04},
    {"America/Sao_Paulo", -23.55, -46.63},
    {"America/Santiago", -33.45, -70.67},
    {"America/Caracas", 10.48, -66.90},
    {"Europe/Athens", 37.98, 23.73},
    {"Europe/Rome", 41.90, 12.50},
    {"Asia/Amman", 31.95, 35.93},
    {"Africa/Nairobi", -1.29, 36.82},
};

}  // namespace

std::vector<std::string> synthetic_language_tags(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < std::min(n, kLangCount); ++i) out.push_back(kLangs[i].tag);
  return out;
}

Status write_synthetic_tree(const SynthOptions& opts, const std::string& out_dir) {
  size_t nlang = std::clamp<size_t>(opts.languages, 1, kLangCount);
  std::error_code ec;
  fs::path root(out_dir);
  if (fs::exists(root, ec) && !fs::is_empty(root, ec))
    return make_error(ErrorCode::Invalid, out_dir + ": exists and is not empty");
  fs::create_directories(root / "services", ec);
  fs::create_directories(root / "articles", ec);
  fs::create_directories(root / "ui", ec);
  if (ec) return make_error(ErrorCode::Io, out_dir + ": " + ec.message());

  std::mt19937_64 rng(opts.seed);
  std::vector<Vocabulary> vocab;
  for (size_t i = 0; i < nlang; ++i) vocab.emplace_back(kLangs[i], rng, 4000);

  auto open = [&](const fs::path& p, std::ofstream& o) -> Status {
    o.open(p, std::ios::binary | std::ios::trunc);
    if (!o) return make_error(ErrorCode::Io, p.string() + ": cannot write");
    return {};
  };
  // A translated field in `langs` (indexes into kLangs), always with en.
  auto tr = [&](std::ostream& o, const char* indent, const char* key, const std::vector<size_t>& langs, size_t words,
                bool sentence) {
    o << indent << key << ":\n";
    for (size_t li : langs)
      o << indent << "  " << kLangs[li].tag << ": "
        << q(sentence ? vocab[li].sentence(rng, words) : vocab[li].phrase(rng, words)) << "\n";
  };
  std::vector<size_t> all_langs(nlang);
  for (size_t i = 0; i < nlang; ++i) all_langs[i] = i;

  {
    std::ofstream o;
    if (auto s = open(root / "languages.yaml", o); !s) return s;
    o << "languages:\n";
    for (size_t i = 0; i < nlang; ++i) {
      const auto& l = kLangs[i];
      o << "  - tag: " << l.tag << "\n    name: " << q(l.name) << "\n    english: " << q(l.english)
        << "\n    script: " << l.script << "\n    direction: " << (l.rtl ? "rtl" : "ltr") << "\n";
      if (std::string(l.tag) == "quc" && nlang > 1) o << "    fallback: [es]\n";
    }
  }
  const char* topic_ids[] = {"rights", "safety", "pathways", "services", "emergency"};
  {
    std::ofstream o;
    if (auto s = open(root / "topics.yaml", o); !s) return s;
    o << "topics:\n";
    int order = 0;
    for (const char* t : topic_ids) {
      o << "  - id: " << t << "\n    icon: " << t << "\n    order: " << (order += 10) << "\n";
      tr(o, "    ", "title", all_langs, 3, false);
      tr(o, "    ", "summary", all_langs, 10, true);
    }
  }
  const char* categories[] = {"legal-aid", "health",     "mental-health",   "shelter",
                              "food",      "consulate",  "hotline",         "anti-trafficking",
                              "education", "employment", "family-children", "return-assistance"};
  {
    std::ofstream o;
    if (auto s = open(root / "categories.yaml", o); !s) return s;
    o << "categories:\n";
    for (const char* c : categories) {
      o << "  - id: " << c << "\n    icon: " << c << "\n";
      tr(o, "    ", "name", all_langs, 2, false);
    }
  }
  size_t ncentres = std::max<size_t>(1, opts.centres);
  std::uniform_real_distribution<double> jitter(-0.8, 0.8);
  struct C {
    std::string id;
    const CentreSpec* spec;
    double lat, lon;
  };
  std::vector<C> centres;
  {
    std::ofstream o;
    if (auto s = open(root / "centres.yaml", o); !s) return s;
    o << "centres:\n";
    for (size_t i = 0; i < ncentres; ++i) {
      const CentreSpec* spec = &kCentreSpots[i % std::size(kCentreSpots)];
      C c{"centre-" + std::to_string(i + 1), spec, spec->lat + jitter(rng), spec->lon + jitter(rng)};
      o << "  - id: " << c.id << "\n";
      tr(o, "    ", "name", all_langs, 3, false);
      o << "    latitude: " << std::to_string(c.lat).substr(0, 8)
        << "\n    longitude: " << std::to_string(c.lon).substr(0, 9) << "\n    timezone: " << spec->tz
        << "\n    languages: [";
      for (size_t li = 0; li < nlang; ++li) o << (li ? ", " : "") << kLangs[li].tag;
      o << "]\n    emergency:\n      - number: \"911\"\n";
      std::vector<size_t> en{0};
      tr(o, "        ", "label", en, 2, false);
      centres.push_back(std::move(c));
    }
  }
  {
    std::vector<std::ofstream> files(centres.size());
    for (size_t i = 0; i < centres.size(); ++i) {
      if (auto s = open(root / "services" / (centres[i].id + ".yaml"), files[i]); !s) return s;
      files[i] << "organizations:\n  - id: org-" << centres[i].id << "\n";
      tr(files[i], "    ", "name", all_langs, 3, false);
      files[i] << "services:\n";
    }
    std::uniform_int_distribution<size_t> pick_lang(1, nlang - 1);
    std::uniform_int_distribution<size_t> n_extra(1, 6);
    std::uniform_int_distribution<size_t> pick_cat(0, std::size(categories) - 1);
    std::uniform_int_distribution<int> coin(0, 99);
    std::uniform_real_distribution<double> spread(-0.15, 0.15);
    const char* dayset[] = {"[mo, tu, we, th, fr]", "[mo, we, fr]", "[sa, su]", "[tu, th]",
                            "[mo, tu, we, th, fr, sa, su]"};
    const char* opens[] = {"08:00", "09:00", "10:00", "13:30", "18:00", "00:00"};
    const char* closes[] = {"16:00", "17:00", "18:30", "20:00", "07:00", "24:00"};
    for (size_t i = 0; i < opts.services; ++i) {
      const C& c = centres[i % centres.size()];
      std::ostream& o = files[i % centres.size()];
      std::vector<size_t> langs{0};
      if (nlang > 1)
        for (size_t k = n_extra(rng); k > 0; --k) {
          size_t li = pick_lang(rng);
          if (std::find(langs.begin(), langs.end(), li) == langs.end()) langs.push_back(li);
        }
      o << "  - id: svc-" << i + 1 << "\n    organization: org-" << c.id << "\n    centre: " << c.id << "\n";
      tr(o, "    ", "name", langs, 4, false);
      tr(o, "    ", "description", langs, 24, true);
      o << "    categories: [" << categories[pick_cat(rng)] << "]\n    languages: [";
      for (size_t k = 0; k < langs.size(); ++k) o << (k ? ", " : "") << kLangs[langs[k]].tag;
      o << "]\n";
      bool free = coin(rng) < 70;
      o << "    free: " << (free ? "true" : "false") << "\n";
      if (!free) tr(o, "    ", "fees", langs, 6, true);
      tr(o, "    ", "eligibility", langs, 8, true);
      bool closed = coin(rng) < 3;
      o << "    status: " << (closed ? "temporarily-closed" : "active") << "\n";
      if (closed) tr(o, "    ", "status_note", langs, 8, true);
      o << "    last_verified: 2026-" << (coin(rng) % 9 + 1 < 10 ? "0" : "") << coin(rng) % 9 + 1 << "-1"
        << coin(rng) % 9 << "\n";
      char phone[32];
      std::snprintf(phone, sizeof phone, "+1%03d5550%03d", 200 + coin(rng) * 7, 100 + static_cast<int>(i % 100));
      o << "    phones:\n      - number: \"" << phone << "\"\n        type: voice\n";
      if (coin(rng) < 95) {
        char lat[32], lon[32];
        std::snprintf(lat, sizeof lat, "%.5f", std::clamp(c.lat + spread(rng), -89.0, 89.0));
        std::snprintf(lon, sizeof lon, "%.5f", std::clamp(c.lon + spread(rng), -179.0, 179.0));
        o << "    location:\n      address_1: " << q(std::to_string(coin(rng) * 10 + 1) + " Sample Street")
          << "\n      city: Sample City\n      country: US\n      latitude: " << lat << "\n      longitude: " << lon
          << "\n";
      }
      if (coin(rng) < 90) {
        size_t k = static_cast<size_t>(coin(rng)) % std::size(opens);
        o << "    schedule:\n      timezone: " << c.spec->tz
          << "\n      hours:\n        - days: " << dayset[static_cast<size_t>(coin(rng)) % std::size(dayset)]
          << "\n          opens: \"" << opens[k] << "\"\n          closes: \"" << closes[k] << "\"\n";
      }
    }
  }
  for (size_t a = 0; a < opts.articles; ++a) {
    fs::path dir = root / "articles" / ("article-" + std::to_string(a + 1));
    fs::create_directories(dir, ec);
    std::string source_hash;
    for (size_t li = 0; li < nlang; ++li) {
      std::string title = vocab[li].phrase(rng, 4);
      std::string summary = vocab[li].sentence(rng, 12);
      std::string body;
      for (int para = 0; para < 5; ++para) {
        if (para) body += "\n\n";
        if (para == 2) body += "## " + vocab[li].phrase(rng, 3) + "\n\n";
        for (int s = 0; s < 4; ++s) body += (s && kLangs[li].spaces ? " " : "") + vocab[li].sentence(rng, 10);
      }
      // Translations record the version of the source they translate, as
      // `faro content mark-translated` would.
      if (li == 0) source_hash = text::fnv1a_hex(title + "\x1f" + summary + "\x1f" + body);
      std::ofstream o;
      if (auto s = open(dir / (std::string(kLangs[li].tag) + ".md"), o); !s) return s;
      o << "---\n";
      if (li == 0) {
        bool warning = a % 4 == 1;
        o << "topic: " << topic_ids[a % 3] << "\nkind: " << (warning ? "warning" : "info") << "\n";
        if (warning) o << "severity: high\n";
        o << "order: " << (a + 1) * 10 << "\n";
      } else {
        o << "translation_of: en\nsource_hash: " << source_hash << "\n";
      }
      o << "title: " << q(title) << "\nsummary: " << q(summary) << "\nstatus: draft\nreviewed: 2026-10-01\n---\n"
        << body << "\n";
    }
  }
  {
    std::ofstream o;
    if (auto s = open(root / "ui" / "en.yaml", o); !s) return s;
    o << "strings:\n  home.title: What do you need?\n  nav.back: Back\n  directory.results: \"{count} services\"\n";
  }
  return {};
}

}  // namespace faro::content
