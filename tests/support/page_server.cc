// PageServer (cpp-httplib's mount point over a directory) and the wget run that records a WARC from it.
#include "support/page_server.h"

#include <httplib.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "support/run_command.h"

namespace winnow::test {

namespace fs = std::filesystem;

struct PageServer::State {
  httplib::Server server;
  int port = 0;
  std::thread thread;
};

PageServer::PageServer(const fs::path& root) : state_(std::make_unique<State>()) {
  if (!state_->server.set_mount_point("/", root.string())) throw std::runtime_error("cannot serve " + root.string());
  state_->server.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
  state_->port = state_->server.bind_to_any_port("127.0.0.1");
  if (state_->port <= 0) throw std::runtime_error("cannot bind a port on 127.0.0.1");
  state_->thread = std::thread([this] { state_->server.listen_after_bind(); });
}

PageServer::~PageServer() {
  state_->server.stop();
  if (state_->thread.joinable()) state_->thread.join();
}

std::string PageServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + path;
}

std::optional<fs::path> find_wget() {
  for (const char* candidate : {"/usr/bin/wget", "/bin/wget", "/usr/local/bin/wget"}) {
    if (fs::exists(candidate)) return fs::path(candidate);
  }
  return std::nullopt;
}

fs::path wget_warc(const fs::path& wget, const std::vector<std::string>& urls, const fs::path& warc_stem,
                   const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {wget.string(), "--quiet", "--no-config", "--tries=1", "--timeout=20",
                                   "--warc-file=" + warc_stem.string(), "-O", "/dev/null"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.insert(argv.end(), urls.begin(), urls.end());
  const CommandResult result = run_command(argv, {}, 120);
  const bool plain = std::find(extra.begin(), extra.end(), "--no-warc-compression") != extra.end();
  fs::path warc = warc_stem;
  warc += plain ? ".warc" : ".warc.gz";
  if (!fs::exists(warc)) {
    throw std::runtime_error("wget wrote no WARC (exit " + std::to_string(result.exit_code) + "): " + result.err);
  }
  return warc;
}

}  // namespace winnow::test
