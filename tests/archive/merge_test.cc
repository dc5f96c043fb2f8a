// Unit tests of Archive::merge on real SQLite files: shards of the same URLs merge into what one process adding everything in time order makes.
#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "support/archive_pages.h"
#include "support/temp_dir.h"
#include "winnow/archive.h"

namespace {

namespace archive = winnow::archive;
namespace fs = std::filesystem;
using winnow::test::article_page;
using winnow::test::open_archive;

// One capture to add: a page (status 200 or 0), a 304, or a 404/410.
struct Event {
  std::string url;
  std::string time;
  int status = 200;
  std::string raw;  // empty for 304, 404 and 410
  archive::Headers headers;
  int shard = 0;  // which shard holds it
};

void add(archive::Archive& store, const Event& event) {
  INFO(event.url << " at " << event.time);
  if (event.status == 304) {
    auto added = store.add_not_modified(event.url, event.time, event.headers);
    if (!added) FAIL(added.error().message);
  } else if (event.status == 404 || event.status == 410) {
    auto added = store.add_gone(event.url, event.time, event.status, event.headers);
    if (!added) FAIL(added.error().message);
  } else {
    archive::CaptureInput input{event.url, event.time, event.status, event.headers, event.raw, ""};
    auto added = store.add_capture(input);
    if (!added) FAIL(added.error().message);
  }
}

// Adds the events of `shard` (every event when shard < 0) to `store` in time order (equal times: shard order, then listed order).
void add_in_time_order(archive::Archive& store, std::vector<Event> events, int shard = -1) {
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.time != b.time ? a.time < b.time : a.shard < b.shard;
  });
  for (const Event& event : events) {
    if (shard < 0 || event.shard == shard) add(store, event);
  }
}

archive::Headers html(const std::string& etag) {
  return {{"Content-Type", "text/html; charset=utf-8"}, {"ETag", etag}};
}

const std::string kStory = "https://news.example.com/story";
const std::string kOnlyA = "https://news.example.com/only-a";
const std::string kOnlyB = "https://other.example.org/only-b";
const std::string kTie = "https://news.example.com/tie";

// Two shards that hold the same URLs: captures of a URL at different times in
// both, URLs only in one, the same bytes in both, a 304 and gone captures.
std::vector<Event> shard_events() {
  const std::string v1 = article_page("Harbour budget", "the harbour", 6, 1);
  const std::string v2 = article_page("Harbour budget", "the harbour", 6, 1, "The mayor declined to comment.");
  const std::string v3 = article_page("Harbour budget", "the harbour", 6, 2, "The mayor declined to comment.");
  const std::string other = article_page("Zoo news", "the penguins", 4, 7);
  const std::string other2 = article_page("Zoo news", "the penguins", 5, 7, "A keeper counted eleven chicks.");
  return {
      {kStory, "2024-01-01T00:00:00Z", 200, v1, html("\"1\""), 0},
      {kStory, "2024-01-02T00:00:00Z", 200, v1, html("\"1\""), 1},   // same bytes, the other shard
      {kStory, "2024-01-03T00:00:00Z", 200, v2, html("\"2\""), 0},   // edited
      {kStory, "2024-01-04T00:00:00Z", 304, "", {{"ETag", "\"2\""}}, 1},  // a 304 of a version shard 1 never saw
      {kStory, "2024-01-05T00:00:00Z", 200, v3, html("\"3\""), 1},   // only the ad moved: unchanged
      {kStory, "2024-01-06T00:00:00Z", 200, v1, html("\"1\""), 0},   // back to the first bytes: a new version
      {kStory, "2024-01-07T00:00:00Z", 410, "", {}, 0},
      {kStory, "2024-01-08T00:00:00Z", 200, v2, html("\"2\""), 1},   // back again after the page was gone
      {kOnlyA, "2024-01-01T12:00:00Z", 200, other, html("\"a\""), 0},
      {kOnlyA, "2024-01-05T12:00:00Z", 200, other2, html("\"b\""), 0},
      {kOnlyB, "2024-01-02T12:00:00Z", 200, v1, html("\"x\""), 1},   // bytes shard 0 holds for another URL
      {kOnlyB, "2024-01-03T12:00:00Z", 404, "", {}, 1},
      {kTie, "2024-01-04T12:00:00Z", 200, v2, html("\"t\""), 0},     // equal times: shard 0 first
      {kTie, "2024-01-04T12:00:00Z", 200, other, html("\"u\""), 1},
      {kTie, "2024-01-04T13:00:00Z", 0, other2, {}, 1},               // a saved file
  };
}

// The shards' files in `dir`, each built by adding its events in time order.
std::vector<std::string> make_shards(const fs::path& dir, const std::vector<Event>& events) {
  std::vector<std::string> paths;
  for (int shard = 0; shard < 2; ++shard) {
    paths.push_back((dir / ("shard" + std::to_string(shard) + ".db")).string());
    archive::Archive store = open_archive(paths.back());
    add_in_time_order(store, events, shard);
  }
  return paths;
}

void check_same_capture(const archive::CaptureRecord& a, const archive::CaptureRecord& b) {
  INFO(a.url << " at " << a.time);
  CHECK(a.url == b.url);
  CHECK(a.time == b.time);
  CHECK(a.status == b.status);
  CHECK(a.headers == b.headers);
  CHECK(a.version == b.version);
  CHECK(a.new_version == b.new_version);
  CHECK(a.not_modified == b.not_modified);
  CHECK(a.gone == b.gone);
  CHECK(a.raw_size == b.raw_size);
  CHECK(a.raw_sha256_hex == b.raw_sha256_hex);
}

void check_same_log(archive::Archive& merged, archive::Archive& expected, const std::string& url) {
  const auto got = merged.log(url).value();
  const auto want = expected.log(url).value();
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO(url << " capture " << i);
    CHECK(got[i].time == want[i].time);
    CHECK(got[i].status == want[i].status);
    CHECK(got[i].version == want[i].version);
    CHECK(got[i].new_version == want[i].new_version);
    CHECK(got[i].not_modified == want[i].not_modified);
    CHECK(got[i].gone == want[i].gone);
    CHECK(got[i].size == want[i].size);
    CHECK(got[i].label == want[i].label);
    CHECK(got[i].words_changed == want[i].words_changed);
  }
}

void check_same_versions(archive::Archive& merged, archive::Archive& expected, const archive::UrlSummary& url) {
  for (int number = 1; number <= url.versions; ++number) {
    INFO(url.url << " version " << number);
    archive::VersionSelector which;
    which.version = number;
    const archive::Version got = merged.show(url.url, which).value();
    const archive::Version want = expected.show(url.url, which).value();
    CHECK(got.first_capture == want.first_capture);
    CHECK(got.status == want.status);
    CHECK(got.headers == want.headers);
    CHECK(got.label == want.label);
    CHECK(got.words_changed == want.words_changed);
    CHECK(got.raw_sha256_hex == want.raw_sha256_hex);
    CHECK(got.title == want.title);
    CHECK(got.metadata_json == want.metadata_json);
    CHECK(got.text == want.text);
    CHECK(merged.raw(url.url, which).value() == expected.raw(url.url, which).value());
  }
  const archive::Version latest = merged.show(url.url).value();
  const archive::Version want_latest = expected.show(url.url).value();
  CHECK(latest.version == want_latest.version);
  CHECK(latest.gone_status == want_latest.gone_status);
  CHECK(latest.gone_time == want_latest.gone_time);
}

// `merged` equals `expected` capture for capture: captures(), list(), every log, every version; both verify clean.
void check_same_archive(archive::Archive& merged, archive::Archive& expected) {
  const auto got = merged.captures().value();
  const auto want = expected.captures().value();
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) check_same_capture(got[i], want[i]);

  const auto urls = merged.list().value();
  const auto want_urls = expected.list().value();
  REQUIRE(urls.size() == want_urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    CHECK(urls[i].url == want_urls[i].url);
    CHECK(urls[i].versions == want_urls[i].versions);
    CHECK(urls[i].captures == want_urls[i].captures);
    CHECK(urls[i].last_capture == want_urls[i].last_capture);
    CHECK(urls[i].title == want_urls[i].title);
    check_same_log(merged, expected, urls[i].url);
    check_same_versions(merged, expected, urls[i]);
  }
  const auto stats = merged.stats().value();
  const auto want_stats = expected.stats().value();
  CHECK(stats.page_blobs == want_stats.page_blobs);
  CHECK(stats.text_blobs == want_stats.text_blobs);
  CHECK(stats.versions == want_stats.versions);
  const auto verified = merged.verify().value();
  CHECK(verified.problems.empty());
  CHECK(verified.captures_checked == static_cast<std::int64_t>(want.size()));
  CHECK(expected.verify().value().problems.empty());
}

archive::MergeReport merge(archive::Archive& into, const std::vector<std::string>& shards) {
  auto merged = into.merge(shards);
  if (!merged) FAIL(merged.error().message);
  return merged.value();
}

}  // namespace

TEST_CASE("merging shards of the same URLs equals adding every capture in time order in one process", "[archive][merge]") {
  winnow::test::TempDir dir;
  const std::vector<Event> events = shard_events();
  const std::vector<std::string> shards = make_shards(dir.path(), events);
  archive::Archive expected = open_archive((dir.path() / "expected.db").string());
  add_in_time_order(expected, events);

  archive::Archive merged = open_archive((dir.path() / "merged.db").string());
  std::vector<archive::MergeReport> seen;
  auto result = merged.merge(shards, [&](const archive::MergeReport& report) { seen.push_back(report); });
  if (!result) FAIL(result.error().message);
  const archive::MergeReport& report = result.value();
  CHECK(report.shards == 2);
  CHECK(report.captures_total == static_cast<std::int64_t>(events.size()));
  CHECK(report.captures_read == static_cast<std::int64_t>(events.size()));
  CHECK(report.captures_stored == static_cast<std::int64_t>(events.size()));
  CHECK(report.already_stored == 0);
  CHECK(report.cleaned_again == 0);
  REQUIRE(seen.size() == events.size());
  CHECK(seen.front().captures_read == 1);
  CHECK(seen.back().captures_stored == report.captures_stored);

  check_same_archive(merged, expected);

  // Where the shards meet, versions and labels follow time across both of them.
  const auto log = merged.log(kStory).value();
  REQUIRE(log.size() == 8);
  CHECK(log[1].version == 1);                                   // shard 1's copy of shard 0's first bytes
  CHECK_FALSE(log[1].new_version);
  CHECK(log[3].not_modified);
  CHECK(log[3].version == 2);                                   // the version shard 0 stored just before
  CHECK(log[4].label == archive::ChangeLabel::kUnchanged);      // shard 1's ad change after shard 0's edit
  CHECK(log[5].version == 4);
  CHECK(log[5].label == archive::ChangeLabel::kEdited);         // the first bytes again: the edit undone
  CHECK(log[6].gone);
  CHECK(log[7].version == 5);
  // Identical bytes in both shards are stored once: v1, v2, v3, other, other2.
  CHECK(merged.stats().value().page_blobs == 5);
  CHECK(report.new_versions == merged.stats().value().versions);
  // The search index follows the merged versions: the edit is in the versions of two URLs.
  const auto hits = merged.search("mayor declined").value();
  REQUIRE(hits.size() == 2);
  const auto want_hits = expected.search("mayor declined").value();
  REQUIRE(want_hits.size() == 2);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    CHECK(hits[i].url == want_hits[i].url);
    CHECK(hits[i].version == want_hits[i].version);
  }
}

TEST_CASE("merging into an archive that already holds captures adds to it, older captures taking their place", "[archive][merge]") {
  winnow::test::TempDir dir;
  std::vector<Event> events = shard_events();
  const std::vector<std::string> shards = make_shards(dir.path(), events);
  // The output already has a later capture of a shared URL, an earlier one, and a URL of its own.
  const std::vector<Event> own = {
      {kStory, "2024-01-09T00:00:00Z", 200, article_page("Harbour budget", "the harbour", 3, 9), html("\"9\""), 2},
      {kOnlyA, "2023-12-31T00:00:00Z", 200, article_page("Zoo news", "the penguins", 4, 8), html("\"z\""), 2},
      {"https://third.example.net/", "2024-01-03T00:00:00Z", 200, article_page("Third", "a third site", 3, 1), {}, 2},
  };
  archive::Archive merged = open_archive((dir.path() / "merged.db").string());
  for (const Event& event : own) add(merged, event);
  events.insert(events.end(), own.begin(), own.end());
  archive::Archive expected = open_archive((dir.path() / "expected.db").string());
  add_in_time_order(expected, events);

  const archive::MergeReport report = merge(merged, shards);
  CHECK(report.captures_stored == static_cast<std::int64_t>(events.size() - own.size()));
  check_same_archive(merged, expected);
  CHECK(merged.log(kStory).value().back().time == "2024-01-09T00:00:00Z");
  CHECK(merged.log(kOnlyA).value().front().label == archive::ChangeLabel::kNew);
}

TEST_CASE("merging a shard again stores nothing, and neither does a copy of one merged alongside it", "[archive][merge]") {
  winnow::test::TempDir dir;
  const std::vector<Event> events = shard_events();
  const std::vector<std::string> shards = make_shards(dir.path(), events);
  const std::string copy = (dir.path() / "copy.db").string();
  fs::copy_file(shards[0], copy);
  archive::Archive merged = open_archive((dir.path() / "merged.db").string());
  const archive::MergeReport first = merge(merged, {shards[0], copy, shards[1]});
  const std::int64_t in_shard0 = first.captures_read - first.captures_stored;
  CHECK(first.captures_stored == static_cast<std::int64_t>(events.size()));
  CHECK(first.already_stored == in_shard0);
  CHECK(in_shard0 == std::count_if(events.begin(), events.end(), [](const Event& e) { return e.shard == 0; }));

  const auto before = merged.captures().value();
  const archive::MergeReport again = merge(merged, {shards[1], shards[0]});
  CHECK(again.captures_stored == 0);
  CHECK(again.new_versions == 0);
  CHECK(again.already_stored == static_cast<std::int64_t>(events.size()));
  const auto after = merged.captures().value();
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) check_same_capture(after[i], before[i]);
  CHECK(merged.verify().value().problems.empty());
}

TEST_CASE("a capture a shard holds twice (same URL, time and bytes) is merged twice, as adding it twice would", "[archive][merge]") {
  winnow::test::TempDir dir;
  const std::string page = article_page("Harbour budget", "the harbour", 6, 1);
  const std::vector<Event> events = {
      {kStory, "2024-02-01T00:00:00Z", 200, page, html("\"1\""), 0},
      {kStory, "2024-02-01T00:00:00Z", 200, page, html("\"1\""), 0},
      {kStory, "2024-02-01T00:00:00Z", 304, "", {}, 0},
      {kStory, "2024-02-01T00:00:00Z", 304, "", {}, 0},
  };
  const std::string shard = (dir.path() / "shard.db").string();
  {
    archive::Archive store = open_archive(shard);
    add_in_time_order(store, events);
  }
  archive::Archive merged = open_archive((dir.path() / "merged.db").string());
  CHECK(merge(merged, {shard}).captures_stored == 4);
  CHECK(merged.log(kStory).value().size() == 4);
  CHECK(merge(merged, {shard, shard}).captures_stored == 0);
  CHECK(merged.log(kStory).value().size() == 4);
}

TEST_CASE("a page whose bytes a shard had under another Content-Type is cleaned with its own, as adding it would", "[archive][merge]") {
  winnow::test::TempDir dir;
  // No <meta charset>: the header decides how byte 0xE9 reads (é in Latin-1, й in Windows-1251).
  const std::string page =
      "<html><head><title>Caf\xE9 notes</title></head><body><article><h1>Caf\xE9 notes</h1><p>The caf\xE9 on the "
      "harbour opened its terrace on Monday, and the council said the new benches would stay until the autumn "
      "storms.</p><p>Regulars at the caf\xE9 said the coffee was as good as ever and the prices a little higher "
      "than last year.</p></article></body></html>";
  const std::string other = article_page("Harbour budget", "the harbour", 6, 1);
  const archive::Headers latin = {{"Content-Type", "text/html; charset=iso-8859-1"}};
  const archive::Headers cyrillic = {{"Content-Type", "text/html; charset=windows-1251"}};
  const std::vector<Event> events = {
      {kStory, "2024-03-01T00:00:00Z", 200, page, latin, 0},
      {kStory, "2024-03-02T00:00:00Z", 200, other, html("\"o\""), 1},
      {kStory, "2024-03-03T00:00:00Z", 200, page, cyrillic, 0},  // in shard 0, a capture of its first version
  };
  const std::vector<std::string> shards = make_shards(dir.path(), events);
  archive::Archive expected = open_archive((dir.path() / "expected.db").string());
  add_in_time_order(expected, events);
  archive::Archive merged = open_archive((dir.path() / "merged.db").string());
  const archive::MergeReport report = merge(merged, shards);
  CHECK(report.cleaned_again == 1);
  check_same_archive(merged, expected);
  archive::VersionSelector third;
  third.version = 3;
  const std::string text = merged.show(kStory, third).value().text;
  CHECK(text.find("Caf\xD0\xB9") != std::string::npos);  // "Cafй": read as Windows-1251
}

TEST_CASE("merge refuses a missing shard, a file that is no archive, and its own file, storing nothing", "[archive][merge]") {
  winnow::test::TempDir dir;
  const std::vector<Event> events = shard_events();
  const std::vector<std::string> shards = make_shards(dir.path(), events);
  const std::string out = (dir.path() / "out.db").string();
  archive::Archive merged = open_archive(out);
  add(merged, {kStory, "2023-01-01T00:00:00Z", 200, article_page("Old", "an old page", 3, 1), {}, 0});
  const auto check_untouched = [&] {
    CHECK(merged.captures().value().size() == 1);
    CHECK(merged.verify().value().problems.empty());
  };

  const std::string missing = (dir.path() / "missing.db").string();
  auto result = merged.merge({shards[0], missing});
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == winnow::ErrorKind::kIo);
  CHECK(result.error().message.find(missing) != std::string::npos);
  CHECK_FALSE(fs::exists(missing));
  check_untouched();

  const fs::path text = dir.path() / "notes.txt";
  winnow::test::write_file(text, "these are notes, not an archive\n");
  result = merged.merge({shards[0], text.string()});
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK(result.error().message.find("not a winnow archive") != std::string::npos);
  CHECK(winnow::test::read_file(text) == "these are notes, not an archive\n");
  check_untouched();

  // The output named another way (a symbolic link) is still the output.
  const fs::path link = dir.path() / "link.db";
  fs::create_symlink(out, link);
  result = merged.merge({shards[1], link.string()});
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK(result.error().message.find("is the archive being merged into") != std::string::npos);
  check_untouched();

  archive::OpenOptions read_only;
  read_only.read_only = true;
  archive::Archive reader = open_archive(out, read_only);
  result = reader.merge(shards);
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("read-only") != std::string::npos);
  check_untouched();
}

TEST_CASE("a damaged shard stops the merge with an error naming it, and what was stored before it stays sound", "[archive][merge]") {
  winnow::test::TempDir dir;
  const std::vector<Event> events = shard_events();
  const std::vector<std::string> shards = make_shards(dir.path(), events);
  // Shard 1's last page blob, the bytes of its last capture (the story at 2024-01-08), is overwritten.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(shards[1].c_str(), &db) == SQLITE_OK);
  const int damaged = sqlite3_exec(db, "UPDATE blobs SET data = x'0000' WHERE id = (SELECT max(id) FROM blobs WHERE kind = 0)",
                                   nullptr, nullptr, nullptr);
  sqlite3_close(db);
  REQUIRE(damaged == SQLITE_OK);

  archive::Archive merged = open_archive((dir.path() / "merged.db").string());
  auto result = merged.merge(shards);
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK(result.error().message.find(kStory + " at 2024-01-08T00:00:00Z (from " + shards[1] + ")") != std::string::npos);
  CHECK(result.error().message.find("damaged") != std::string::npos);
  CHECK(merged.captures().value().size() == events.size() - 1);
  CHECK(merged.log(kStory).value().back().gone);
  CHECK(merged.verify().value().problems.empty());
}
