// Unit tests of winnow::archive on real SQLite files: dedup, version labels, deltas, dictionaries, reads, search, verify.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "support/archive_pages.h"
#include "support/temp_dir.h"
#include "winnow/archive.h"

namespace {

namespace archive = winnow::archive;
using winnow::test::article_page;
using winnow::test::open_archive;

archive::AddResult add(archive::Archive& store, const std::string& url, const std::string& raw,
                       const std::string& time = "") {
  archive::CaptureInput input;
  input.url = url;
  input.raw = raw;
  input.time = time;
  auto added = store.add_capture(input);
  if (!added) FAIL(added.error().message);
  return added.value();
}

// Runs one SQL statement on the archive file directly, as damage or a foreign tool would.
void tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::string text = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
  INFO(text);
}

}  // namespace

TEST_CASE("identical bytes make one version, new bytes a labelled new version", "[archive][store]") {
  winnow::test::TempDir dir;
  archive::Archive store = open_archive((dir.path() / "a.db").string());
  const std::string v1 = article_page("Harbour budget", "the harbour", 6, 1);
  const auto first = add(store, "https://Example.com/a#top", v1, "2024-01-01T00:00:00Z");
  CHECK(first.url == "https://example.com/a");
  CHECK(first.version == 1);
  CHECK(first.new_version);
  CHECK(first.label == archive::ChangeLabel::kNew);
  CHECK(first.words_changed > 50);

  const auto again = add(store, "https://example.com/a", v1, "2024-01-02T00:00:00Z");
  CHECK_FALSE(again.new_version);
  CHECK(again.version == 1);
  CHECK(again.stored_size == 0);

  // Only the ad id moved: a new version whose article is unchanged.
  const auto boiler = add(store, "https://example.com/a", article_page("Harbour budget", "the harbour", 6, 2));
  CHECK(boiler.new_version);
  CHECK(boiler.version == 2);
  CHECK(boiler.label == archive::ChangeLabel::kUnchanged);
  CHECK(boiler.words_changed == 0);

  const auto edited = add(store, "https://example.com/a",
                          article_page("Harbour budget", "the harbour", 6, 3, "The mayor declined to comment."));
  CHECK(edited.label == archive::ChangeLabel::kEdited);
  CHECK(edited.words_changed == 5);
  CHECK(edited.version == 3);

  const auto rewritten = add(store, "https://example.com/a", article_page("Something else", "the zoo's new penguins", 2, 4));
  CHECK(rewritten.label == archive::ChangeLabel::kNew);

  // The same bytes under another URL are stored once.
  const auto other = add(store, "https://example.org/copy", v1);
  CHECK(other.new_version);
  CHECK(other.blob_existed);
  CHECK(other.stored_size == 0);

  const auto stats = store.stats().value();
  CHECK(stats.urls == 2);
  CHECK(stats.captures == 6);
  CHECK(stats.versions == 5);
  CHECK(stats.page_blobs == 4);

  const auto log = store.log("https://example.com/a").value();
  REQUIRE(log.size() == 5);
  CHECK(log[0].time == "2024-01-01T00:00:00Z");
  CHECK(log[1].version == 1);
  CHECK_FALSE(log[1].new_version);
  CHECK(log[3].label == archive::ChangeLabel::kEdited);
  CHECK(log[3].words_changed == 5);
}

TEST_CASE("every version reads back byte for byte, through delta chains and full copies", "[archive][store]") {
  winnow::test::TempDir dir;
  archive::OpenOptions options;
  options.full_every = 3;
  archive::Archive store = open_archive((dir.path() / "a.db").string(), options);
  std::vector<std::string> pages;
  for (int i = 0; i < 10; ++i) {
    pages.push_back(article_page("Harbour", "the harbour", 5 + i, 100 + i, i % 2 ? "Correction number " + std::to_string(i) : ""));
    add(store, "https://example.com/story", pages.back());
  }
  for (int i = 0; i < 10; ++i) {
    archive::VersionSelector which;
    which.version = i + 1;
    CHECK(store.raw("https://example.com/story", which).value() == pages[static_cast<std::size_t>(i)]);
  }
  archive::VersionSelector latest;
  latest.version = -1;
  CHECK(store.raw("https://example.com/story", latest).value() == pages.back());
  // Deltas are far smaller than the pages.
  const auto stats = store.stats().value();
  CHECK(stats.page_stored_bytes * 5 < stats.raw_bytes);
  CHECK(store.verify().value().problems.empty());
}

TEST_CASE("show picks versions by number and by time, and explains what is missing", "[archive][read]") {
  winnow::test::TempDir dir;
  archive::Archive store = open_archive((dir.path() / "a.db").string());
  add(store, "https://example.com/a", article_page("First title", "cats", 3, 1), "2024-01-01T00:00:00Z");
  add(store, "https://example.com/a", article_page("Second title", "cats", 3, 1), "2024-02-01T00:00:00Z");
  CHECK(store.show("https://example.com/a").value().title == "Second title");
  archive::VersionSelector at;
  at.at = "2024-01-15";
  const auto january = store.show("https://example.com/a", at).value();
  CHECK(january.title == "First title");
  CHECK(january.version == 1);
  CHECK(january.versions == 2);
  CHECK(january.text.rfind("First title\n\n", 0) == 0);
  at.at = "2023-12-31";
  const auto before = store.show("https://example.com/a", at);
  REQUIRE_FALSE(before.ok());
  CHECK(before.error().kind == winnow::ErrorKind::kNotFound);
  archive::VersionSelector three;
  three.version = 3;
  const auto missing = store.show("https://example.com/a", three);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("no version 3") != std::string::npos);
  CHECK(missing.error().kind == winnow::ErrorKind::kNotFound);
  const auto unknown = store.show("https://example.com/nope");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("not in the archive") != std::string::npos);
  CHECK(unknown.error().kind == winnow::ErrorKind::kNotFound);
  const std::string diff = store.diff("https://example.com/a", std::nullopt, std::nullopt).value();
  CHECK(diff.find("-First title\n+Second title\n") != std::string::npos);
}

TEST_CASE("search finds words in titles and text, best version per URL, with snippets", "[archive][search]") {
  winnow::test::TempDir dir;
  archive::Archive store = open_archive((dir.path() / "a.db").string());
  add(store, "https://a.example/1", article_page("Penguins arrive", "the zoo's penguins", 4, 1));
  add(store, "https://a.example/1", article_page("Penguins arrive", "the zoo's penguins", 5, 1));
  add(store, "https://b.example/2", article_page("Harbour budget", "the harbour", 4, 1));
  const auto hits = store.search("penguins").value();
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].url == "https://a.example/1");
  CHECK(hits[0].snippet.find("[penguins]") != std::string::npos);
  CHECK(store.search("harbour OR penguins", 20, archive::QuerySyntax::kFts5).value().size() == 2);
  CHECK(store.search("harbour OR penguins").value().empty());  // plain words: all three must occur
  CHECK(store.search("giraffes").value().empty());
  const auto bad = store.search("\"unbalanced", 20, archive::QuerySyntax::kFts5);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("bad FTS5 query") != std::string::npos);
  CHECK(bad.error().message.find("unterminated string") != std::string::npos);
}

TEST_CASE("plain search words with punctuation match as written, FTS5 syntax only when asked", "[archive][search]") {
  winnow::test::TempDir dir;
  archive::Archive store = open_archive((dir.path() / "a.db").string());
  add(store, "https://a.example/1",
      article_page("Plant-based diets", "plant-based food in the U.S. that don't cost 50% more, written in C++", 4, 1));
  add(store, "https://b.example/2", article_page("Harbour budget", "the harbour", 4, 1));
  for (const char* query : {"don't", "U.S.", "C++", "50%", "plant-based", "\"don't cost\"", "Plant-Based diets",
                            "-plant", "c++ ++"}) {
    INFO(query);
    const auto hits = store.search(query);
    REQUIRE(hits.ok());
    REQUIRE(hits.value().size() == 1);
    CHECK(hits.value()[0].url == "https://a.example/1");
  }
  CHECK(archive::search_expression("don't \"a \"\"b\"", archive::QuerySyntax::kWords).value() == "\"don't\" \"a \" \"b\"");
  CHECK(archive::search_expression("say \"x\"\"y\"", archive::QuerySyntax::kWords).value() == "\"say\" \"x\" \"y\"");
  CHECK_FALSE(archive::search_expression("++ --", archive::QuerySyntax::kWords).ok());
  CHECK_FALSE(archive::search_expression("  ", archive::QuerySyntax::kFts5).ok());
  for (const char* bad : {"don't", "plant-based", "C++", "50%", "U.S."}) {
    INFO(bad);
    const auto fts = store.search(bad, 20, archive::QuerySyntax::kFts5);
    REQUIRE_FALSE(fts.ok());
    CHECK(fts.error().kind == winnow::ErrorKind::kInvalidInput);
    CHECK(fts.error().message.find("bad FTS5 query") != std::string::npos);
  }
  CHECK(store.search("plant OR giraffes", 20, archive::QuerySyntax::kFts5).value().size() == 1);
  CHECK(store.search("title:plant", 20, archive::QuerySyntax::kFts5).value().size() == 1);
}

TEST_CASE("a back-dated capture takes its place in time order: versions, labels, latest and log agree", "[archive][time]") {
  winnow::test::TempDir dir;
  const std::string path = (dir.path() / "a.db").string();
  archive::Archive store = open_archive(path);
  const std::string url = "https://example.com/a";
  const std::string old_page = article_page("Old title", "cats", 6, 1);
  const std::string new_page = article_page("New title", "cats", 6, 1, "A new paragraph about the cats.");
  add(store, url, new_page, "2024-05-01T10:00:00Z");
  // An import of an older copy, and of the same new bytes seen earlier still.
  const auto old_add = add(store, url, old_page, "1900-01-01T00:00:00Z");
  CHECK(old_add.version == 1);
  CHECK(old_add.new_version);
  auto log = store.log(url).value();
  REQUIRE(log.size() == 2);
  CHECK(log[0].time == "1900-01-01T00:00:00Z");
  CHECK(log[0].version == 1);
  CHECK(log[0].new_version);
  CHECK(log[0].label == archive::ChangeLabel::kNew);
  CHECK(log[1].version == 2);
  CHECK(log[1].new_version);
  CHECK(log[1].label == archive::ChangeLabel::kEdited);  // relative to the 1900 version, before it in time
  CHECK(log[1].words_changed > 0);
  // "latest" is the latest capture time, whatever the order of adding.
  const auto latest = store.show(url).value();
  archive::VersionSelector now;
  now.at = archive::now_utc();
  CHECK(latest.version == 2);
  CHECK(latest.title == "New title");
  CHECK(store.show(url, now).value().version == latest.version);
  CHECK(store.raw(url).value() == new_page);
  archive::VersionSelector first;
  first.version = 1;
  CHECK(store.raw(url, first).value() == old_page);
  CHECK(store.diff(url, std::nullopt, std::nullopt).value().find("+A new paragraph about the cats.") != std::string::npos);
  CHECK(store.list().value()[0].last_capture == "2024-05-01T10:00:00Z");
  CHECK(store.list().value()[0].title == "New title");

  // The new bytes seen in 2000 too: the 2024 capture joins that version, no duplicate version.
  const auto same = add(store, url, new_page, "2000-01-01T00:00:00Z");
  CHECK(same.version == 2);
  CHECK(same.new_version);
  log = store.log(url).value();
  REQUIRE(log.size() == 3);
  CHECK(log[1].time == "2000-01-01T00:00:00Z");
  CHECK(log[1].new_version);
  CHECK(log[2].version == 2);
  CHECK_FALSE(log[2].new_version);
  // The old bytes again in 2010 split version 2: old, new, old, new.
  const auto split = add(store, url, old_page, "2010-01-01T00:00:00Z");
  CHECK(split.version == 3);
  log = store.log(url).value();
  REQUIRE(log.size() == 4);
  const int versions[] = {1, 2, 3, 4};
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(i);
    CHECK(log[i].version == versions[i]);
    CHECK(log[i].new_version);
  }
  CHECK(log[2].label == archive::ChangeLabel::kEdited);
  CHECK(store.show(url).value().version == 4);
  CHECK(store.show(url).value().title == "New title");
  // The search index follows: one hit, the best version of the URL, and verify finds nothing wrong.
  CHECK(store.search("paragraph").value().size() == 1);
  CHECK(store.search("old title").value().size() == 1);
  const auto report = store.verify().value();
  for (const auto& problem : report.problems) INFO(problem);
  CHECK(report.problems.empty());
  CHECK(report.versions_checked == 4);
}

TEST_CASE("a capture without a time is stamped when it is stored, so storing order is time order", "[archive][time]") {
  winnow::test::TempDir dir;
  archive::Archive store = open_archive((dir.path() / "a.db").string());
  archive::CaptureInput first;
  first.url = "https://example.com/a";
  first.raw = article_page("Cleaned first", "cats", 3, 1);
  archive::CaptureInput second = first;
  second.raw = article_page("Cleaned second", "cats", 3, 2);
  // As `archive add -j` does: pages cleaned ahead, out of order, then stored in order.
  const auto early = archive::prepare_capture(first);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto late = archive::prepare_capture(second);
  REQUIRE(early.ok());
  REQUIRE(late.ok());
  REQUIRE(store.store(late.value()).ok());
  const auto stored_last = store.store(early.value());
  REQUIRE(stored_last.ok());
  CHECK(stored_last.value().version == 2);
  CHECK(store.show("https://example.com/a").value().title == "Cleaned first");
  const auto log = store.log("https://example.com/a").value();
  REQUIRE(log.size() == 2);
  CHECK(log[0].time <= log[1].time);
  CHECK(log[1].version == 2);
}

TEST_CASE("a gone capture (404/410) records when a page disappeared, without a new version", "[archive][store]") {
  winnow::test::TempDir dir;
  archive::Archive store = open_archive((dir.path() / "a.db").string());
  const std::string url = "https://example.com/a";
  archive::CaptureInput input;
  input.url = url;
  input.status = 200;
  input.time = "2024-01-01T00:00:00Z";
  input.headers = {{"ETag", "\"v1\""}};
  input.raw = article_page("T", "cats", 3, 1);
  REQUIRE(store.add_capture(input).ok());
  CHECK_FALSE(store.add_gone(url, "2024-02-01T00:00:00Z", 500, {}).ok());
  CHECK_FALSE(store.add_gone("https://example.com/never", "", 404, {}).ok());
  const auto gone = store.add_gone(url, "2024-02-01T00:00:00Z", 404, {{"ETag", "\"error-page\""}});
  REQUIRE(gone.ok());
  CHECK(gone.value().version == 1);
  CHECK_FALSE(gone.value().new_version);
  const auto log = store.log(url).value();
  REQUIRE(log.size() == 2);
  CHECK(log[1].gone);
  CHECK(log[1].status == 404);
  CHECK_FALSE(log[1].not_modified);
  CHECK(log[1].version == 1);
  const auto latest = store.show(url).value();
  CHECK(latest.gone_status == 404);
  CHECK(latest.gone_time == "2024-02-01T00:00:00Z");
  CHECK(latest.version == 1);
  archive::VersionSelector before;
  before.at = "2024-01-15";
  CHECK(store.show(url, before).value().gone_status == 0);
  // No validators after a 404: the next update fetches the page whole.
  const auto validators = store.validators(url).value();
  REQUIRE(validators.has_value());
  CHECK(validators->etag.empty());
  CHECK(store.stats().value().captures == 2);
  CHECK(store.verify().value().problems.empty());
}

TEST_CASE("validators come from the latest capture, and a 304 is a capture of the latest version", "[archive][store]") {
  winnow::test::TempDir dir;
  archive::Archive store = open_archive((dir.path() / "a.db").string());
  CHECK_FALSE(store.validators("https://example.com/a").value().has_value());
  archive::CaptureInput input;
  input.url = "https://example.com/a";
  input.status = 200;
  input.headers = {{"Content-Type", "text/html"}, {"ETag", "\"abc\""}, {"Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT"}};
  input.raw = article_page("T", "cats", 3, 1);
  REQUIRE(store.add_capture(input).ok());
  const auto validators = store.validators("https://example.com/a").value();
  REQUIRE(validators.has_value());
  CHECK(validators->etag == "\"abc\"");
  CHECK(validators->last_modified == "Mon, 01 Jan 2024 00:00:00 GMT");
  const auto not_modified = store.add_not_modified("https://example.com/a", "", {{"ETag", "\"abc\""}});
  REQUIRE(not_modified.ok());
  CHECK(not_modified.value().version == 1);
  CHECK_FALSE(not_modified.value().new_version);
  const auto log = store.log("https://example.com/a").value();
  REQUIRE(log.size() == 2);
  CHECK(log[1].status == 304);
  CHECK(log[1].not_modified);
  CHECK_FALSE(store.add_not_modified("https://example.com/other", "", {}).ok());
}

TEST_CASE("verify finds a damaged blob, a broken version and a missing index row", "[archive][verify]") {
  winnow::test::TempDir dir;
  const std::string path = (dir.path() / "a.db").string();
  {
    archive::Archive store = open_archive(path);
    add(store, "https://example.com/a", article_page("Harbour", "the harbour", 6, 1));
    add(store, "https://example.com/a", article_page("Harbour", "the harbour", 7, 2));
    add(store, "https://example.com/b", article_page("Zoo", "the zoo", 6, 1));
    REQUIRE(store.verify().value().problems.empty());
  }
  SECTION("a flipped byte in a blob") {
    tamper(path, "UPDATE blobs SET data = substr(data, 1, 20) || x'00' || substr(data, 22) WHERE id = 1");
    archive::Archive store = open_archive(path);
    const auto report = store.verify().value();
    CHECK_FALSE(report.problems.empty());
    CHECK(report.problems[0].find("blob 1") != std::string::npos);
    // Reading it fails cleanly too.
    archive::VersionSelector first;
    first.version = 1;
    const auto raw = store.raw("https://example.com/a", first);
    REQUIRE_FALSE(raw.ok());
    CHECK(raw.error().message.find("damaged") != std::string::npos);
  }
  SECTION("a wrong hash") {
    tamper(path, "UPDATE blobs SET sha256 = zeroblob(32) WHERE id = (SELECT max(id) FROM blobs)");
    archive::Archive store = open_archive(path);
    CHECK_FALSE(store.verify().value().problems.empty());
  }
  SECTION("a version without captures") {
    tamper(path, "DELETE FROM captures WHERE id = 3");
    archive::Archive store = open_archive(path);
    const auto problems = store.verify().value().problems;
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].find("no capture") != std::string::npos);
  }
  SECTION("an index row that belongs to no indexed version") {
    tamper(path, "UPDATE versions SET indexed = 0 WHERE id = 1");
    archive::Archive store = open_archive(path);
    const auto problems = store.verify().value().problems;
    REQUIRE_FALSE(problems.empty());
    CHECK(problems.back().find("search index") != std::string::npos);
  }
}

TEST_CASE("verify reports its progress: each check in turn, and the blobs counted to the last", "[archive][verify]") {
  winnow::test::TempDir dir;
  const std::string path = (dir.path() / "a.db").string();
  archive::Archive store = open_archive(path);
  for (int i = 0; i < 70; ++i) {
    add(store, "https://example.com/p" + std::to_string(i), article_page("Page " + std::to_string(i), "the tides", 3, i));
  }
  std::vector<archive::VerifyProgress> seen;
  const auto report = store.verify([&](const archive::VerifyProgress& p) { seen.push_back(p); });
  REQUIRE(report.ok());
  CHECK(report.value().problems.empty());
  REQUIRE_FALSE(seen.empty());
  CHECK(seen.front().step == 1);
  const int steps = seen.front().steps;
  CHECK(seen.back().step == steps);  // the last check was reported
  std::vector<std::string> names;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    CHECK(seen[i].steps == steps);
    CHECK(seen[i].done <= seen[i].total);
    if (i > 0) CHECK(seen[i].step >= seen[i - 1].step);  // never goes back
    if (names.empty() || names.back() != seen[i].what) names.push_back(seen[i].what);
  }
  CHECK(names.size() == static_cast<std::size_t>(steps));
  // Over 64 blobs: at least one report within the blob check, and one at its last blob.
  std::int64_t last_blob_report = 0;
  for (const auto& p : seen) {
    if (p.what == "blobs") last_blob_report = p.done;
  }
  CHECK(last_blob_report == report.value().blobs_checked);
  CHECK(report.value().blobs_checked >= 64);
}

TEST_CASE("files that are not archives are refused with a clear error", "[archive][open]") {
  winnow::test::TempDir dir;
  const std::string text_file = (dir.path() / "notes.txt").string();
  std::ofstream(text_file) << "hello, this is not a database at all, just some text that is long enough";
  auto opened = archive::Archive::open(text_file);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().message.find("not a winnow archive") != std::string::npos);

  const std::string other_db = (dir.path() / "other.db").string();
  tamper(other_db, "CREATE TABLE t(x)");
  opened = archive::Archive::open(other_db);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().message.find("not a winnow archive") != std::string::npos);

  opened = archive::Archive::open((dir.path() / "missing" / "a.db").string());
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().kind == winnow::ErrorKind::kIo);

  archive::OpenOptions read_only;
  read_only.read_only = true;
  opened = archive::Archive::open((dir.path() / "none.db").string(), read_only);
  CHECK_FALSE(opened.ok());
}

TEST_CASE("delta chains stay short: a full copy every full_every blobs, skip-deltas in between", "[archive][store]") {
  winnow::test::TempDir dir;
  const std::string path = (dir.path() / "a.db").string();
  std::vector<std::string> pages;
  {
    archive::Archive store = open_archive(path);  // full_every 16
    for (int i = 0; i < 40; ++i) {
      pages.push_back(article_page("Live", "the harbour", 8, i, "Update number " + std::to_string(i)));
      add(store, "https://example.com/live", pages.back());
    }
    for (int i = 0; i < 40; ++i) {
      archive::VersionSelector which;
      which.version = i + 1;
      CHECK(store.raw("https://example.com/live", which).value() == pages[static_cast<std::size_t>(i)]);
    }
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "WITH RECURSIVE chain(start, id, length) AS ("
                             "  SELECT id, id, 1 FROM blobs WHERE kind = 0"
                             "  UNION ALL SELECT chain.start, b.base_id, chain.length + 1 FROM chain"
                             "  JOIN blobs b ON b.id = chain.id WHERE b.base_id IS NOT NULL)"
                             "SELECT max(length), (SELECT count(*) FROM blobs WHERE kind = 0 AND codec != 2) FROM chain",
                             -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  CHECK(sqlite3_column_int(statement, 0) <= 5);   // log2(16) + 1 frames at most
  CHECK(sqlite3_column_int(statement, 1) == 3);   // full copies at versions 1, 17 and 33
  sqlite3_finalize(statement);
  sqlite3_close(db);
}
