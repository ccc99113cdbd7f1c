#include "support/fixtures.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include "content/source.h"

namespace fs = std::filesystem;

namespace faro::test {

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("faro-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream o(p, std::ios::binary | std::ios::trunc);
  o << content;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

fs::path mini_tree() { return fs::path(FARO_FIXTURES_DIR) / "mini"; }
fs::path demo_tree() { return fs::path(FARO_SOURCE_DIR) / "content" / "demo"; }

std::string build_db(const fs::path& tree, const TempDir& dir) {
  std::string out = (dir.path() / "content.db").string();
  auto r = content::build_database(tree.string(), out);
  REQUIRE(r.ok());
  for (const auto& d : r->diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(r->diagnostics.empty());
  return out;
}

}  // namespace faro::test
