// WARC files written by another tool: Debian's wget fetches pages from a 127.0.0.1 server with --warc-file, and we read them.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <thread>

#include "support/run_command.h"
#include "support/temp_dir.h"
#include "warc/warc_files.h"
#include "winnow/warc.h"

namespace winnow::test {
namespace {

const std::string kPlain = "<html><head><title>Plain</title></head><body><p>A plain page.</p></body></html>";
const std::string kZipped = "<html><head><title>Zipped</title></head><body><p>A gzip-encoded page, gzip-encoded.</p></body></html>";
const std::string kChunked = "<html><body><p>A page sent in chunks: one, two, three.</p></body></html>";

// A cpp-httplib server on 127.0.0.1 serving the three pages and a 404; stopped when the object goes.
class PageServer {
 public:
  PageServer() {
    server_.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
      const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");  // answer exactly as written
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.Get("/plain.html", [](const httplib::Request&, httplib::Response& res) { res.set_content(kPlain, "text/html"); });
    server_.Get("/zipped.html", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(gzip_bytes(kZipped), "text/html");
    });
    server_.Get("/chunked.html", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/html", [](std::size_t offset, httplib::DataSink& sink) {
        if (offset < kChunked.size()) {
          sink.write(kChunked.data() + offset, std::min<std::size_t>(20, kChunked.size() - offset));
        } else {
          sink.done();
        }
        return true;
      });
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a test server on 127.0.0.1");
    // bind_to_any_port() already listens: connections queue until the accept loop runs.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~PageServer() {
    server_.stop();
    thread_.join();
  }
  PageServer(const PageServer&) = delete;
  PageServer& operator=(const PageServer&) = delete;
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("warc from wget: records, URLs, statuses, decoded payloads and digests of wget's .warc.gz") {
  const std::string wget = "/usr/bin/wget";
  if (!std::filesystem::exists(wget)) {
    WARN("SKIPPED: /usr/bin/wget is not installed (scripts/install-deps installs it)");
    return;
  }
  PageServer server;
  TempDir dir;
  const std::string base = (dir.path() / "wget").string();
  const CommandResult run =
      run_command({wget, "--no-verbose", "--tries=3", "--retry-connrefused", "--timeout=10", "--no-proxy", "-O", (dir.path() / "out").string(),
                   "--warc-file=" + base, server.url("/plain.html"), server.url("/zipped.html"),
                   server.url("/chunked.html"), server.url("/missing.html")},
                  "", 60);
  INFO(run.err);
  // wget exits 8 for the 404; the WARC is written all the same.
  CHECK((run.exit_code == 0 || run.exit_code == 8));
  const ReadAll all = read_all_file(base + ".warc.gz");
  INFO(all.error.message);
  REQUIRE_FALSE(all.failed);
  CHECK(all.records.front().type == warc::RecordType::kWarcinfo);
  std::map<std::string, const warc::Record*> responses;
  int requests = 0;
  for (const warc::Record& record : all.records) {
    if (record.type == warc::RecordType::kResponse) responses[record.target_uri()] = &record;
    if (record.type == warc::RecordType::kRequest) {
      ++requests;
      REQUIRE(record.http);
      CHECK(record.http->method == "GET");
    }
    CHECK_FALSE(record.offset_is_decompressed);  // wget writes a gzip member per record
  }
  CHECK(requests == 4);
  REQUIRE(responses.size() == 4);
  const std::map<std::string, std::string> served = {
      {"/plain.html", kPlain}, {"/zipped.html", kZipped}, {"/chunked.html", kChunked}};
  for (const auto& [path, page] : served) {
    INFO(path);
    REQUIRE(responses.count(server.url(path)));
    const warc::Record& record = *responses[server.url(path)];
    REQUIRE(record.http);
    CHECK(record.http->status == 200);
    Result<std::string> decoded = warc::decoded_payload(record);
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == page);
    CHECK(record.header("WARC-Block-Digest") == warc::sha1_base32(record.block));
    CHECK(record.header("WARC-Payload-Digest") == warc::sha1_base32(record.payload()));
  }
  const warc::Record& missing = *responses[server.url("/missing.html")];
  REQUIRE(missing.http);
  CHECK(missing.http->status == 404);
  // Our writer, given the same exchanges, writes them in no more than 1.02 times wget's bytes.
  TempDir ours_dir;
  Result<warc::Writer> writer = warc::Writer::create((ours_dir.path() / "ours.warc.gz").string());
  REQUIRE(writer.ok());
  uint64_t wget_bytes = 0;
  uint64_t our_bytes = 0;
  const warc::Record* request = nullptr;
  for (const warc::Record& record : all.records) {
    if (record.type == warc::RecordType::kRequest) request = &record;
    if (record.type != warc::RecordType::kResponse || !request || !record.http) continue;
    warc::Capture capture;
    capture.url = record.target_uri();
    capture.date = record.date();
    capture.ip_address = record.header("WARC-IP-Address");
    capture.http_head = record.block.substr(0, record.http->head_bytes);
    capture.payload = std::string(record.payload());
    capture.request_head = request->block;
    Result<std::vector<warc::Placement>> placed = writer.value().write(capture);
    REQUIRE(placed.ok());
    for (const warc::Placement& p : placed.value()) our_bytes += p.length;
    wget_bytes += request->length + record.length;
  }
  REQUIRE(writer.value().finish().ok());
  INFO("wget " << wget_bytes << " bytes, ours " << our_bytes);
  CHECK(static_cast<double>(our_bytes) <= 1.02 * static_cast<double>(wget_bytes));
  // The offsets wget's records have are where their gzip members start: a reader opened there finds the record.
  const std::string file = read_file(base + ".warc.gz");
  const warc::Record& plain = *responses[server.url("/plain.html")];
  const ReadAll one = read_all_bytes(file.substr(plain.offset, plain.length));
  REQUIRE(one.records.size() == 1);
  CHECK(one.records[0].target_uri() == server.url("/plain.html"));
}

}  // namespace winnow::test
