// Test support: temporary directories, small authoring trees, paths.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace faro::test {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& p, const std::string& content);
std::string read_file(const std::filesystem::path& p);

// Copies a directory tree.
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

// The checked-in minimal valid tree (tests/fixtures/mini).
std::filesystem::path mini_tree();
// The demo content (content/demo).
std::filesystem::path demo_tree();

// Builds `tree` into `dir/content.db` and returns its path; REQUIREs success.
std::string build_db(const std::filesystem::path& tree, const TempDir& dir);

}  // namespace faro::test
