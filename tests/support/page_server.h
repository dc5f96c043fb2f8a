// A static file server on 127.0.0.1 and Debian's wget recording a WARC from it: the "WARC from another tool" of the tests.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace winnow::test {

// Serves the files under `root` over HTTP on 127.0.0.1 (ephemeral port),
// .html as text/html, until it goes.
class PageServer {
 public:
  explicit PageServer(const std::filesystem::path& root);
  ~PageServer();
  PageServer(const PageServer&) = delete;
  PageServer& operator=(const PageServer&) = delete;

  std::string url(const std::string& path) const;  // "http://127.0.0.1:PORT" + path

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The path of Debian's wget, or nullopt when it is not installed (tests skip then).
std::optional<std::filesystem::path> find_wget();

// Runs `wget --warc-file` over `urls` into `warc_stem`.warc.gz (wget adds the
// extension; --no-warc-compression gives a plain .warc), with `extra` arguments
// before the URLs. Returns the WARC's path; throws std::runtime_error when wget fails to write it.
std::filesystem::path wget_warc(const std::filesystem::path& wget, const std::vector<std::string>& urls,
                                const std::filesystem::path& warc_stem, const std::vector<std::string>& extra = {});

}  // namespace winnow::test
