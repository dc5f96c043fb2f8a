// End-to-end tests of WARC in winnow: clean and archive import read what Debian's wget wrote; export and fetch --warc write what readers check.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/page_server.h"
#include "support/run_command.h"
#include "support/temp_dir.h"
#include "support/warcio.h"
#include "winnow/warc.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using winnow::test::CommandResult;
using winnow::test::PageServer;
using winnow::test::read_file;
using winnow::test::run_command;
using winnow::test::TempDir;
using winnow::test::write_file;

CommandResult winnow_run(std::vector<std::string> arguments, std::string_view stdin_data = {}) {
  arguments.insert(arguments.begin(), WINNOW_BIN);
  return run_command(arguments, stdin_data, 300);
}

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty()) lines.push_back(json::parse(line));
  }
  return lines;
}

// The seed pages and a style sheet served on 127.0.0.1, and a WARC that wget wrote of them.
struct Crawl {
  TempDir dir;
  std::vector<std::string> page_names;  // the .html files served
  std::unique_ptr<PageServer> server;
  std::vector<std::string> page_urls;
  std::string style_url;

  Crawl() {
    const fs::path site = dir.path() / "site";
    for (const auto& entry : fs::directory_iterator(fs::path(WINNOW_FIXTURES) / "seeds")) {
      if (entry.path().extension() != ".html") continue;
      page_names.push_back(entry.path().filename().string());
      write_file(site / entry.path().filename(), read_file(entry.path()));
    }
    std::sort(page_names.begin(), page_names.end());
    write_file(site / "style.css", "body { color: #222; }\n");
    server = std::make_unique<PageServer>(site);
    for (const std::string& name : page_names) page_urls.push_back(server->url("/" + name));
    style_url = server->url("/style.css");
  }

  std::vector<std::string> all_urls() const {
    std::vector<std::string> urls = page_urls;
    urls.push_back(style_url);
    return urls;
  }

  // The served bytes of a page URL.
  std::string page_bytes(const std::string& url) const {
    return read_file(dir.path() / "site" / url.substr(url.rfind('/') + 1));
  }

  // wget's WARC of every URL; nullopt (after a WARN) when wget is not installed.
  std::optional<fs::path> wget(const std::string& stem, const std::vector<std::string>& extra = {}) const {
    const std::optional<fs::path> wget_path = winnow::test::find_wget();
    if (!wget_path) {
      WARN("wget is not installed (apt-get install wget): skipping the test of a WARC another tool wrote");
      return std::nullopt;
    }
    return winnow::test::wget_warc(*wget_path, all_urls(), dir.path() / stem, extra);
  }
};

// Every record of a WARC file, read by winnow::warc.
std::vector<winnow::warc::Record> read_records(const fs::path& path) {
  winnow::Result<winnow::warc::Reader> reader = winnow::warc::Reader::open(path.string());
  REQUIRE(reader.ok());
  std::vector<winnow::warc::Record> records;
  for (;;) {
    winnow::Result<std::optional<winnow::warc::Record>> next = reader.value().next();
    REQUIRE(next.ok());
    if (!next.value()) return records;
    records.push_back(std::move(*next.value()));
  }
}

// The text `winnow clean` gives the page file itself, with its URL.
std::string cleaned_text(const Crawl& crawl, const std::string& url) {
  const fs::path page = crawl.dir.path() / "site" / url.substr(url.rfind('/') + 1);
  const CommandResult result = winnow_run({"clean", "--jsonl", "--url", url, page.string()});
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out)["text"].get<std::string>();
}

}  // namespace

TEST_CASE("clean reads every HTML record of a WARC that wget wrote, as it reads the pages themselves", "[cli][warc]") {
  Crawl crawl;
  const std::optional<fs::path> warc = crawl.wget("crawl");
  if (!warc) return;
  const CommandResult result = winnow_run({"clean", "--jsonl", warc->string()});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::vector<json> lines = json_lines(result.out);
  REQUIRE(lines.size() == crawl.page_urls.size());  // the style sheet, requests and warcinfo are not pages
  std::set<std::string> seen;
  std::uint64_t last_offset = 0;
  for (const json& line : lines) {
    const std::string url = line["url"].get<std::string>();
    seen.insert(url);
    CHECK(line["source"] == warc->string());
    CHECK(line["warc_record_id"].get<std::string>().starts_with("urn:uuid:"));
    CHECK(line["warc_date"].get<std::string>().size() >= 20);
    CHECK(line["offset"].get<std::uint64_t>() > last_offset);  // record order, after the warcinfo record
    last_offset = line["offset"].get<std::uint64_t>();
    CHECK(line["text"].get<std::string>() == cleaned_text(crawl, url));
  }
  CHECK(seen == std::set<std::string>(crawl.page_urls.begin(), crawl.page_urls.end()));
  // The rest is counted, not reported as errors.
  CHECK(result.err.find("error") == std::string::npos);
  CHECK(result.err.find(std::to_string(crawl.page_urls.size()) + " cleaned") != std::string::npos);
  CHECK(result.err.find("request") != std::string::npos);
  CHECK(result.err.find("not HTML") != std::string::npos);
}

TEST_CASE("clean gives the same WARC lines with -j 2, from a plain WARC, and from standard input", "[cli][warc]") {
  Crawl crawl;
  const std::optional<fs::path> warc = crawl.wget("crawl");
  if (!warc) return;
  const CommandResult serial = winnow_run({"clean", "--jsonl", "-q", warc->string()});
  REQUIRE(serial.exit_code == 0);
  const CommandResult threaded = winnow_run({"clean", "--jsonl", "-q", "-j", "2", warc->string()});
  REQUIRE(threaded.exit_code == 0);
  CHECK(threaded.out == serial.out);

  const CommandResult piped = winnow_run({"clean", "--jsonl", "-q", "-"}, read_file(*warc));
  INFO(piped.err);
  REQUIRE(piped.exit_code == 0);
  const std::vector<json> from_file = json_lines(serial.out);
  const std::vector<json> from_stdin = json_lines(piped.out);
  REQUIRE(from_stdin.size() == from_file.size());
  for (std::size_t i = 0; i < from_file.size(); ++i) {
    CHECK(from_stdin[i]["source"] == "-");
    CHECK(from_stdin[i]["url"] == from_file[i]["url"]);
    CHECK(from_stdin[i]["offset"] == from_file[i]["offset"]);
    CHECK(from_stdin[i]["text"] == from_file[i]["text"]);
  }

  const std::optional<fs::path> plain = crawl.wget("plain", {"--no-warc-compression"});
  REQUIRE(plain);
  const CommandResult uncompressed = winnow_run({"clean", "--jsonl", "-q", plain->string()});
  REQUIRE(uncompressed.exit_code == 0);
  const std::vector<json> plain_lines = json_lines(uncompressed.out);
  REQUIRE(plain_lines.size() == from_file.size());
  for (std::size_t i = 0; i < from_file.size(); ++i) CHECK(plain_lines[i]["text"] == from_file[i]["text"]);
}

TEST_CASE("clean writes each WARC record under -o DIR and prints them with headers", "[cli][warc]") {
  Crawl crawl;
  const std::optional<fs::path> warc = crawl.wget("crawl");
  if (!warc) return;
  const fs::path out = crawl.dir.path() / "out";
  const CommandResult written = winnow_run({"clean", "-q", "-o", out.string(), warc->string()});
  REQUIRE(written.exit_code == 0);
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(out)) files += entry.is_regular_file() ? 1 : 0;
  CHECK(files == crawl.page_urls.size());
  CHECK(fs::is_directory(out / "crawl"));  // the stem of crawl.warc.gz

  const CommandResult printed = winnow_run({"clean", "-q", warc->string()});
  REQUIRE(printed.exit_code == 0);
  std::size_t headers = 0;
  for (std::size_t at = printed.out.find("==> "); at != std::string::npos; at = printed.out.find("==> ", at + 1)) ++headers;
  CHECK(headers == crawl.page_urls.size());
}

TEST_CASE("clean keeps the records before damage in a WARC and names the file and offset", "[cli][warc]") {
  Crawl crawl;
  const std::optional<fs::path> plain = crawl.wget("plain", {"--no-warc-compression"});
  if (!plain) return;
  const std::string bytes = read_file(*plain);
  // Cut inside the last page's response record.
  const std::size_t last_page = bytes.rfind(crawl.page_urls.back());  // in the last page's response record header
  REQUIRE(last_page != std::string::npos);
  const fs::path cut = crawl.dir.path() / "cut.warc";
  write_file(cut, bytes.substr(0, last_page + 400));
  const CommandResult result = winnow_run({"clean", "--jsonl", cut.string()});
  CHECK(result.exit_code == 1);
  CHECK(json_lines(result.out).size() >= crawl.page_urls.size() - 1);
  CHECK(result.err.find("cut.warc") != std::string::npos);
  CHECK(result.err.find("offset") != std::string::npos);

  const fs::path garbage = crawl.dir.path() / "garbage.warc";
  write_file(garbage, "WARC/1.1\r\nthis is not a WARC header at all\r\n\r\n");
  const CommandResult refused = winnow_run({"clean", "--jsonl", garbage.string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("garbage.warc") != std::string::npos);
}

TEST_CASE("archive import stores a wget WARC's pages once, however often it is imported", "[cli][warc]") {
  Crawl crawl;
  const std::optional<fs::path> warc = crawl.wget("crawl");
  if (!warc) return;
  const std::string db = (crawl.dir.path() / "a.db").string();
  const CommandResult first = winnow_run({"archive", "import", "--json", "--archive", db, warc->string()});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const json summary = json::parse(first.out);
  CHECK(summary["captures"] == crawl.page_urls.size());
  CHECK(summary["new_versions"] == crawl.page_urls.size());
  CHECK(summary["already_stored"] == 0);
  CHECK(summary["skipped"]["request"] == crawl.all_urls().size());
  CHECK(summary["skipped"]["not HTML"] >= 1);  // the style sheet (and wget's own text/plain resources)

  const CommandResult again = winnow_run({"archive", "import", "--json", "--archive", db, warc->string()});
  REQUIRE(again.exit_code == 0);
  CHECK(json::parse(again.out)["captures"] == 0);
  CHECK(json::parse(again.out)["already_stored"] == crawl.page_urls.size());

  const CommandResult stats = winnow_run({"archive", "stats", "--json", "--archive", db});
  REQUIRE(stats.exit_code == 0);
  CHECK(json::parse(stats.out)["captures"] == crawl.page_urls.size());
  for (const std::string& url : crawl.page_urls) {
    const CommandResult raw = winnow_run({"archive", "show", "--raw", "--archive", db, url});
    REQUIRE(raw.exit_code == 0);
    CHECK(raw.out == crawl.page_bytes(url));
    const CommandResult log = winnow_run({"archive", "log", "--json", "--archive", db, url});
    REQUIRE(log.exit_code == 0);
    CHECK(log.out.find("\"status\": 200") != std::string::npos);
  }
}

TEST_CASE("a wget WARC goes through import and export with the same URLs, payloads and times", "[cli][warc]") {
  Crawl crawl;
  const std::optional<fs::path> first = crawl.wget("first");
  if (!first) return;
  // The same pages again a second later (the archive keeps times to the second): revisits on export.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const std::optional<fs::path> second = crawl.wget("second");
  const std::string db = (crawl.dir.path() / "a.db").string();
  REQUIRE(winnow_run({"archive", "import", "-q", "--archive", db, first->string(), second->string()}).exit_code == 0);

  // What wget recorded: each page URL's capture times (to the second, as the archive keeps them).
  std::map<std::string, std::multiset<std::string>> wget_times;
  for (const fs::path& path : {*first, *second}) {
    for (const winnow::warc::Record& record : read_records(path)) {
      if (record.type != winnow::warc::RecordType::kResponse || !record.http) continue;
      if (record.target_uri() == crawl.style_url) continue;
      wget_times[record.target_uri()].insert(record.date().substr(0, 19));
    }
  }
  REQUIRE(wget_times.size() == crawl.page_urls.size());

  for (const std::string extension : {".warc.gz", ".warc.zst", ".warc"}) {
    SECTION("exported as " + extension) {
      const fs::path out = crawl.dir.path() / ("export" + extension);
      const fs::path index = crawl.dir.path() / "export.cdxj";
      const CommandResult exported =
          winnow_run({"archive", "export", "--archive", db, "-o", out.string(), "--cdxj", index.string()});
      INFO(exported.err);
      REQUIRE(exported.exit_code == 0);
      const std::vector<winnow::warc::Record> records = read_records(out);
      REQUIRE(!records.empty());
      CHECK(records.front().type == winnow::warc::RecordType::kWarcinfo);
      std::map<std::string, std::multiset<std::string>> times;
      std::size_t revisits = 0;
      for (const winnow::warc::Record& record : records) {
        if (record.type == winnow::warc::RecordType::kWarcinfo) continue;
        CHECK(record.version == "WARC/1.1");
        times[record.target_uri()].insert(record.date().substr(0, 19));
        CHECK(record.header("WARC-Block-Digest") == winnow::warc::sha1_base32(record.block));
        if (record.type == winnow::warc::RecordType::kRevisit) {
          ++revisits;
          continue;
        }
        REQUIRE(record.type == winnow::warc::RecordType::kResponse);
        REQUIRE(record.http);
        CHECK(record.http->status == 200);
        const winnow::Result<std::string> payload = winnow::warc::decoded_payload(record);
        REQUIRE(payload.ok());
        CHECK(payload.value() == crawl.page_bytes(record.target_uri()));
      }
      CHECK(times == wget_times);
      CHECK(revisits == crawl.page_urls.size());

      // An independent reader (warcio; it cannot read the zstd form) finds the same URLs, times and payloads.
      if (extension != ".warc.zst") {
        const std::string node = winnow::test::node_with_warcio();
        if (!node.empty()) {
          const json report = winnow::test::warcio_report(node, out.string());
          CHECK(report["bad"] == 0);
          std::map<std::string, std::multiset<std::string>> warcio_times;
          for (const json& record : report["records"]) {
            if (record["type"] == "warcinfo") continue;
            const std::string url = record["url"].get<std::string>();
            warcio_times[url].insert(record["date"].get<std::string>().substr(0, 19));
            if (record["type"] != "response") continue;
            // The exported payload is the page as served (the server sent no content coding).
            CHECK(record["payload_digest"] == winnow::warc::sha1_base32(crawl.page_bytes(url)));
          }
          CHECK(warcio_times == wget_times);
        }
      }

      // The index points at every record but the warcinfo, sorted as pywb expects.
      std::istringstream lines(read_file(index));
      std::vector<std::string> entries;
      for (std::string line; std::getline(lines, line);) entries.push_back(line);
      CHECK(entries.size() == records.size() - 1);
      CHECK(std::is_sorted(entries.begin(), entries.end()));
      const std::string bytes = read_file(out);
      for (const std::string& entry : entries) {
        const json fields = json::parse(entry.substr(entry.find('{')));
        const std::size_t offset = std::stoull(fields["offset"].get<std::string>());
        const std::size_t length = std::stoull(fields["length"].get<std::string>());
        REQUIRE(offset + length <= bytes.size());
        if (extension == ".warc.zst") continue;  // a frame alone needs the file's dictionary
        winnow::Result<winnow::warc::Reader> one =
            winnow::warc::Reader::from_bytes(bytes.substr(offset, length), "one record");
        REQUIRE(one.ok());
        winnow::Result<std::optional<winnow::warc::Record>> record = one.value().next();
        REQUIRE(record.ok());
        REQUIRE(record.value());
        CHECK(record.value()->target_uri() == fields["url"].get<std::string>());
      }
    }
  }
}

TEST_CASE("fetch --warc records requests and responses with the bytes that crossed the wire", "[cli][warc]") {
  Crawl crawl;
  const fs::path out = crawl.dir.path() / "fetched.warc.gz";
  std::vector<std::string> arguments = {"fetch", "--ignore-robots", "--delay", "0", "-o",
                                        (crawl.dir.path() / "bodies").string(), "--warc", out.string()};
  for (const std::string& url : crawl.page_urls) arguments.push_back(url);
  const CommandResult fetched = winnow_run(arguments);
  INFO(fetched.err);
  REQUIRE(fetched.exit_code == 0);
  std::size_t requests = 0;
  std::set<std::string> responses;
  for (const winnow::warc::Record& record : read_records(out)) {
    if (record.type == winnow::warc::RecordType::kRequest) {
      ++requests;
      REQUIRE(record.http);
      CHECK(record.http->method == "GET");
    }
    if (record.type != winnow::warc::RecordType::kResponse) continue;
    responses.insert(record.target_uri());
    CHECK(record.header("WARC-IP-Address") == "127.0.0.1");
    CHECK(record.header("WARC-Payload-Digest") == winnow::warc::sha1_base32(record.payload()));
    const winnow::Result<std::string> payload = winnow::warc::decoded_payload(record);
    REQUIRE(payload.ok());
    CHECK(payload.value() == crawl.page_bytes(record.target_uri()));
  }
  CHECK(requests == crawl.page_urls.size());
  CHECK(responses == std::set<std::string>(crawl.page_urls.begin(), crawl.page_urls.end()));

  // archive add URL --warc stores the pages and records the same exchanges.
  const fs::path added = crawl.dir.path() / "added.warc";
  std::vector<std::string> add = {"archive", "add", "-q", "--archive", (crawl.dir.path() / "a.db").string(),
                                  "--ignore-robots", "--delay", "0", "--warc", added.string()};
  add.insert(add.end(), crawl.page_urls.begin(), crawl.page_urls.end());
  REQUIRE(winnow_run(add).exit_code == 0);
  std::size_t added_responses = 0;
  for (const winnow::warc::Record& record : read_records(added)) {
    added_responses += record.type == winnow::warc::RecordType::kResponse ? 1 : 0;
  }
  CHECK(added_responses == crawl.page_urls.size());
}

TEST_CASE("archive import --partition I/N stores each site whole in exactly one of N archives", "[cli][warc]") {
  TempDir dir;
  const fs::path warc_path = dir.path() / "sites.warc.gz";
  std::vector<std::string> urls;
  {
    winnow::Result<winnow::warc::Writer> writer = winnow::warc::Writer::create(warc_path.string());
    REQUIRE(writer.ok());
    const std::string page = read_file(fs::path(WINNOW_FIXTURES) / "seeds" / "000_759ec7b6c37ff757.html");
    for (int site = 0; site < 8; ++site) {
      for (const std::string host : {"www.", "news."}) {  // two hosts of one site: they must stay together
        winnow::warc::Capture capture;
        capture.url = "https://" + host + "site" + std::to_string(site) + ".example/story";
        capture.date = "2026-05-0" + std::to_string(1 + site) + "T10:00:00Z";
        capture.status = 200;
        capture.http_headers = {{"Content-Type", "text/html; charset=utf-8"}};
        capture.payload = page + "<!-- " + capture.url + " -->";
        REQUIRE(writer.value().write(capture).ok());
        urls.push_back(capture.url);
      }
    }
    REQUIRE(writer.value().finish().ok());
  }
  std::map<std::string, int> shard_of;  // URL -> the partition that stored it
  std::size_t captures = 0;
  for (int index = 0; index < 3; ++index) {
    const std::string db = (dir.path() / ("part" + std::to_string(index) + ".db")).string();
    const CommandResult imported = winnow_run(
        {"archive", "import", "--json", "--partition", std::to_string(index) + "/3", "--archive", db, warc_path.string()});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    const json summary = json::parse(imported.out);
    captures += summary["captures"].get<std::size_t>();
    const CommandResult listed = winnow_run({"archive", "list", "--json", "--archive", db});
    REQUIRE(listed.exit_code == 0);
    for (const json& line : json::parse(listed.out)) {
      const std::string url = line["url"].get<std::string>();
      CHECK(shard_of.count(url) == 0);
      shard_of[url] = index;
    }
    CHECK(summary["skipped"].value("another partition", 0) + summary["captures"].get<int>() == 16);
  }
  CHECK(captures == urls.size());
  REQUIRE(shard_of.size() == urls.size());
  std::set<int> used;
  for (int site = 0; site < 8; ++site) {
    const std::string name = "site" + std::to_string(site) + ".example/story";
    CHECK(shard_of.at("https://www." + name) == shard_of.at("https://news." + name));
    used.insert(shard_of.at("https://www." + name));
  }
  CHECK(used.size() > 1);  // eight sites over three partitions do not all land in one

  for (const std::string bad : {"3/3", "1/0", "x", "1/", "-1/2"}) {
    const CommandResult refused =
        winnow_run({"archive", "import", "--partition", bad, "--archive", (dir.path() / "x.db").string(), warc_path.string()});
    INFO(bad << ": " << refused.err);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--partition") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path() / "x.db"));
  }
}
