// End-to-end tests of `winnow archive merge`: shards merged by the binary read back as one archive built in time order, and bad inputs refused.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/archive_pages.h"
#include "support/run_command.h"
#include "support/temp_dir.h"
#include "winnow/archive.h"

namespace {

namespace archive = winnow::archive;
namespace fs = std::filesystem;
using nlohmann::json;
using winnow::test::article_page;
using winnow::test::CommandResult;
using winnow::test::read_file;
using winnow::test::run_winnow_archive;

const std::string kStory = "https://news.example.com/story";
const std::string kOther = "https://other.example.org/page";

// A capture for the shards: a page, or a 304 or 410 when `raw` is empty.
struct Capture {
  std::string url;
  std::string time;
  int status = 200;
  std::string raw;
  int shard = 0;
};

std::vector<Capture> captures() {
  const std::string v1 = article_page("Harbour budget", "the harbour", 6, 1);
  const std::string v2 = article_page("Harbour budget", "the harbour", 6, 2, "The mayor declined to comment.");
  const std::string other = article_page("Zoo news", "the penguins", 4, 7);
  return {
      {kStory, "2024-01-01T00:00:00Z", 200, v1, 0},
      {kStory, "2024-01-02T00:00:00Z", 200, v1, 1},
      {kStory, "2024-01-03T00:00:00Z", 200, v2, 0},
      {kStory, "2024-01-04T00:00:00Z", 304, "", 1},
      {kStory, "2024-01-05T00:00:00Z", 200, v1, 1},
      {kStory, "2024-01-06T00:00:00Z", 410, "", 0},
      {kOther, "2024-01-02T12:00:00Z", 200, other, 0},
      {kOther, "2024-01-03T12:00:00Z", 200, v1, 1},
  };
}

// Adds the captures of `shard` (all when negative), already in time order, to the archive at `path`.
void build(const fs::path& path, int shard) {
  auto opened = archive::Archive::open(path.string());
  if (!opened) FAIL(opened.error().message);
  archive::Archive& store = opened.value();
  for (const Capture& capture : captures()) {
    if (shard >= 0 && capture.shard != shard) continue;
    INFO(capture.url << " at " << capture.time);
    const archive::Headers headers = {{"Content-Type", "text/html"}, {"ETag", "\"" + capture.time + "\""}};
    bool stored = false;
    if (capture.status == 304) {
      stored = store.add_not_modified(capture.url, capture.time, headers).ok();
    } else if (capture.status == 410) {
      stored = store.add_gone(capture.url, capture.time, 410, headers).ok();
    } else {
      stored = store.add_capture({capture.url, capture.time, capture.status, headers, capture.raw, ""}).ok();
    }
    REQUIRE(stored);
  }
}

// What the read commands print for the archive at `path`: list, then each URL's log and every version.
std::vector<std::string> reads(const fs::path& path) {
  const auto read = [&](std::vector<std::string> command) {
    command.insert(command.end(), {"--json", "--archive", path.string()});
    const CommandResult result = run_winnow_archive(command);
    INFO(command[0] << ": " << result.err);
    CHECK(result.exit_code == 0);
    return result.out;
  };
  std::vector<std::string> outputs{read({"list"})};
  for (const json& url : json::parse(outputs.front())) {
    outputs.push_back(read({"log", url["url"]}));
    outputs.push_back(read({"show", url["url"]}));
    for (int version = 1; version <= url["versions"].get<int>(); ++version) {
      outputs.push_back(read({"show", url["url"], "--version", std::to_string(version)}));
    }
  }
  return outputs;
}

// Shards 0 and 1 and the reference (everything added in time order) in `dir`.
struct Shards {
  fs::path a;
  fs::path b;
  fs::path expected;
};

Shards make_shards(const fs::path& dir) {
  Shards shards{dir / "a.db", dir / "b.db", dir / "expected.db"};
  build(shards.a, 0);
  build(shards.b, 1);
  build(shards.expected, -1);
  return shards;
}

}  // namespace

TEST_CASE("archive merge combines shards into the archive one process adding in time order makes", "[e2e][archive][merge]") {
  winnow::test::TempDir dir;
  const Shards shards = make_shards(dir.path());
  const std::string shard_a_bytes = read_file(shards.a);
  const fs::path out = dir.path() / "sub" / "all.db";
  fs::create_directories(out.parent_path());

  const CommandResult merged = run_winnow_archive({"merge", shards.a.string(), shards.b.string(), "-o", out.string(), "--json"});
  INFO(merged.err);
  REQUIRE(merged.exit_code == 0);
  const json summary = json::parse(merged.out);
  CHECK(summary["output"] == out.string());
  CHECK(summary["shards"] == 2);
  CHECK(summary["captures"] == captures().size());
  CHECK(summary["stored"] == captures().size());
  CHECK(summary["already_stored"] == 0);
  CHECK(summary["new_versions"] == 5);  // story: v1, v2, v1 again; other: two
  CHECK(summary["error"].is_null());
  CHECK(read_file(shards.a) == shard_a_bytes);

  const CommandResult verify = run_winnow_archive({"verify", "--archive", out.string()});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);

  const std::vector<std::string> got = reads(out);
  const std::vector<std::string> want = reads(shards.expected);
  REQUIRE(got.size() == 1 + 2 + 3 + 2 + 2);  // list; story: log, latest, 3 versions; other: log, latest, 2 versions
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("read command " << i);
    CHECK_FALSE(got[i].empty());
    CHECK(got[i] == want[i]);
  }
  const json log = json::parse(run_winnow_archive({"log", kStory, "--json", "--archive", out.string()}).out);
  REQUIRE(log.is_array());
  CHECK(log.size() == 6);
}

TEST_CASE("archive merge of a shard already merged stores nothing, and prints what it skipped", "[e2e][archive][merge]") {
  winnow::test::TempDir dir;
  const Shards shards = make_shards(dir.path());
  const fs::path out = dir.path() / "all.db";
  REQUIRE(run_winnow_archive({"merge", shards.a.string(), "-o", out.string(), "-q"}).exit_code == 0);
  const CommandResult again = run_winnow_archive({"merge", shards.a.string(), shards.b.string(), "-o", out.string()});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.empty());
  CHECK(again.err.find("winnow: " + out.string() + ": 2 shards, 8 captures: 4 stored") != std::string::npos);
  CHECK(again.err.find("4 already stored") != std::string::npos);

  const CommandResult third = run_winnow_archive({"merge", shards.b.string(), shards.a.string(), "-o", out.string(), "--json"});
  REQUIRE(third.exit_code == 0);
  const json summary = json::parse(third.out);
  CHECK(summary["stored"] == 0);
  CHECK(summary["already_stored"] == 8);
  CHECK(reads(out) == reads(shards.expected));
}

TEST_CASE("archive merge refuses a missing shard, a non-archive and the output as a shard, leaving the output as it was", "[e2e][archive][merge]") {
  winnow::test::TempDir dir;
  const Shards shards = make_shards(dir.path());
  const fs::path out = dir.path() / "all.db";
  REQUIRE(run_winnow_archive({"merge", shards.a.string(), "-o", out.string(), "-q"}).exit_code == 0);
  const std::vector<std::string> before = reads(out);

  const fs::path missing = dir.path() / "missing.db";
  CommandResult result = run_winnow_archive({"merge", shards.b.string(), missing.string(), "-o", out.string()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("winnow: error: ") == 0);
  CHECK(result.err.find(missing.string() + ": it does not exist") != std::string::npos);
  CHECK_FALSE(fs::exists(missing));

  const fs::path notes = dir.path() / "notes.txt";
  winnow::test::write_file(notes, std::string(200, 'x'));
  result = run_winnow_archive({"merge", shards.b.string(), notes.string(), "-o", out.string()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("not a winnow archive") != std::string::npos);
  CHECK(read_file(notes) == std::string(200, 'x'));

  result = run_winnow_archive({"merge", shards.b.string(), out.string(), "-o", out.string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("is the output archive (-o)") != std::string::npos);
  fs::create_symlink(out, dir.path() / "link.db");
  result = run_winnow_archive({"merge", shards.b.string(), (dir.path() / "link.db").string(), "-o", out.string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("is the output archive (-o)") != std::string::npos);

  // Nothing was stored by the refused merges, and the archive is sound.
  CHECK(reads(out) == before);
  CHECK(run_winnow_archive({"verify", "--archive", out.string()}).exit_code == 0);

  // A bad shard creates no output either; -o is required.
  const fs::path fresh = dir.path() / "fresh.db";
  CHECK(run_winnow_archive({"merge", missing.string(), "-o", fresh.string()}).exit_code == 1);
  CHECK_FALSE(fs::exists(fresh));
  result = run_winnow_archive({"merge", shards.a.string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--output") != std::string::npos);
  CHECK(run_winnow_archive({"merge", "-o", fresh.string()}).exit_code == 2);
  CHECK_FALSE(fs::exists(fresh));
}

TEST_CASE("archive merge into a file that is not an archive refuses it and leaves it unchanged", "[e2e][archive][merge]") {
  winnow::test::TempDir dir;
  const Shards shards = make_shards(dir.path());
  const fs::path notes = dir.path() / "notes.db";
  winnow::test::write_file(notes, "my notes, not an archive\n");
  const CommandResult result = run_winnow_archive({"merge", shards.a.string(), "-o", notes.string()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("not a winnow archive") != std::string::npos);
  CHECK(read_file(notes) == "my notes, not an archive\n");
}
