// Temporary directories and whole-file reads and writes for the end-to-end tests.
#pragma once

#include <filesystem>
#include <string>

namespace winnow::test {

// A fresh, uniquely named directory under the system temp dir; it is removed
// with everything in it when the object goes. Throws std::filesystem_error if
// it cannot be created.
class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes content to path (binary), creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& content);
// The whole file (binary); empty if it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace winnow::test
