// Packs on real SQLite files: open blobs sealed by site, reads through packs, compact, format-1 archives, positionless search.
#include <openssl/sha.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
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

void add(archive::Archive& store, const std::string& url, const std::string& raw, const std::string& time = "") {
  archive::CaptureInput input;
  input.url = url;
  input.raw = raw;
  input.time = time;
  auto added = store.add_capture(input);
  if (!added) FAIL(added.error().message);
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 15];
  }
  return hex;
}

std::int64_t file_bytes(const std::string& path) {
  std::int64_t total = 0;
  for (const std::string& file : {path, path + "-wal"}) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (!ec) total += static_cast<std::int64_t>(size);
  }
  return total;
}

// Pages of a few sites sharing their markup, as real sites do.
std::vector<std::pair<std::string, std::string>> site_pages(int count) {
  std::vector<std::pair<std::string, std::string>> pages;
  for (int i = 0; i < count; ++i) {
    const std::string site = "news" + std::to_string(i % 3) + ".example";
    pages.emplace_back("https://www." + site + "/story/" + std::to_string(i),
                       article_page("Story " + std::to_string(i) + " of " + site, "topic " + std::to_string(i * 7919),
                                    40, i));
  }
  return pages;
}

// One line of format-1.manifest: a version's URL, number, and the SHA-256 of its raw bytes and of its article.
struct ManifestLine {
  std::string url;
  int version = 0;
  std::string raw_sha;
  std::string text_sha;
};

std::vector<ManifestLine> format1_manifest() {
  std::ifstream in(fs::path(WINNOW_SOURCE_DIR) / "tests/archive/data/format-1.manifest");
  std::vector<ManifestLine> lines;
  ManifestLine line;
  while (in >> line.url >> line.version >> line.raw_sha >> line.text_sha) lines.push_back(line);
  REQUIRE(lines.size() > 20);
  return lines;
}

// Every version reads back as the format-1 winnow wrote it (`winnow archive show` prints the text and a newline).
void check_manifest(archive::Archive& store) {
  for (const ManifestLine& line : format1_manifest()) {
    INFO(line.url << " version " << line.version);
    archive::VersionSelector which;
    which.version = line.version;
    auto raw = store.raw(line.url, which);
    REQUIRE(raw);
    CHECK(sha256_hex(raw.value()) == line.raw_sha);
    auto shown = store.show(line.url, which);
    REQUIRE(shown);
    CHECK(sha256_hex(shown.value().text + "\n") == line.text_sha);
  }
}

std::string copy_format1(const winnow::test::TempDir& dir) {
  const std::string path = (dir.path() / "old.db").string();
  fs::copy_file(fs::path(WINNOW_SOURCE_DIR) / "tests/archive/data/format-1.db", path);
  return path;
}

}  // namespace

TEST_CASE("a batch's pages are sealed into packs by site and read back byte for byte", "[archive][pack]") {
  winnow::test::TempDir dir;
  const std::string path = (dir.path() / "a.db").string();
  archive::Archive store = open_archive(path);
  const auto pages = site_pages(30);
  for (const auto& [url, raw] : pages) add(store, url, raw);
  const archive::Stats open = store.stats().value();
  CHECK(open.packs == 0);
  CHECK(open.open_blobs == 90);  // page, text and metadata of each
  // Below pack_min_bytes (4 MB) a batch's end leaves them open; forced, they are sealed.
  CHECK(store.pack().value().packs == 0);
  const archive::PackReport packed = store.pack(true).value();
  CHECK(packed.packs == 1);
  CHECK(packed.blobs == 90);
  const archive::Stats sealed = store.stats().value();
  CHECK(sealed.packs == 1);
  CHECK(sealed.open_blobs == 0);
  CHECK(sealed.raw_bytes == open.raw_bytes);
  // Compressed together, the site's pages share what each frame alone repeated.
  CHECK(sealed.page_stored_bytes * 2 < open.page_stored_bytes);
  CHECK(sealed.file_free_bytes == 0);  // the open frames' pages went back to the file
  for (const auto& [url, raw] : pages) CHECK(store.raw(url).value() == raw);
  CHECK(store.verify().value().problems.empty());
  // Later versions are deltas against packed bases.
  const std::string edited = pages[4].second + "<p>A correction was added.</p>";
  add(store, pages[4].first, edited);
  CHECK(store.raw(pages[4].first).value() == edited);
  archive::VersionSelector first;
  first.version = 1;
  CHECK(store.raw(pages[4].first, first).value() == pages[4].second);
  CHECK(store.verify().value().problems.empty());
}

TEST_CASE("store seals the open blobs itself once they pass pack_auto_bytes", "[archive][pack]") {
  winnow::test::TempDir dir;
  archive::OpenOptions options;
  options.pack_auto_bytes = 20000;
  archive::Archive store = open_archive((dir.path() / "a.db").string(), options);
  const auto pages = site_pages(12);
  for (const auto& [url, raw] : pages) add(store, url, raw);
  const archive::Stats stats = store.stats().value();
  CHECK(stats.packs >= 1);
  CHECK(stats.open_blobs * 20000 < 3 * 20000 * 3);  // only what came in since the last seal is open
  for (const auto& [url, raw] : pages) CHECK(store.raw(url).value() == raw);
  CHECK(store.verify().value().problems.empty());
}

TEST_CASE("a version's metadata is stored once however many versions share it, and as a delta when it changes", "[archive][pack]") {
  winnow::test::TempDir dir;
  archive::Archive store = open_archive((dir.path() / "a.db").string());
  const std::string page = article_page("Harbour budget", "the harbour", 12, 1);
  add(store, "https://example.com/a", page, "2024-01-01T00:00:00Z");
  const std::int64_t one = store.stats().value().metadata_stored_bytes;
  CHECK(one > 0);
  // New bytes, same article: the same metadata, not stored again.
  add(store, "https://example.com/a", page + "<!-- ad slot 2 -->", "2024-01-02T00:00:00Z");
  CHECK(store.stats().value().versions == 2);
  CHECK(store.stats().value().metadata_stored_bytes == one);
  archive::VersionSelector first;
  first.version = 1;
  const std::string metadata = store.show("https://example.com/a", first).value().metadata_json;
  CHECK(metadata.find("\"title\":\"Harbour budget\"") != std::string::npos);
  CHECK(store.show("https://example.com/a").value().metadata_json == metadata);
  // A longer article changes its word count: a small delta against the metadata before it.
  add(store, "https://example.com/a", article_page("Harbour budget", "the harbour", 14, 1), "2024-01-03T00:00:00Z");
  const std::int64_t three = store.stats().value().metadata_stored_bytes;
  CHECK(three > one);
  CHECK(three - one < 100);
  CHECK(store.show("https://example.com/a").value().metadata_json != metadata);
  CHECK(store.verify().value().problems.empty());
}

TEST_CASE("search finds phrases, words and FTS5 expressions on an index without positions", "[archive][pack][search]") {
  winnow::test::TempDir dir;
  archive::Archive store = open_archive((dir.path() / "a.db").string());
  add(store, "https://example.com/a", article_page("Harbour budget", "the old harbour wall", 8, 1));
  add(store, "https://example.com/b", article_page("Wall of the harbour", "a wall old as the harbour", 8, 2));
  const auto words = store.search("harbour wall").value();
  CHECK(words.size() == 2);
  const auto phrase = store.search("\"harbour wall\"").value();
  REQUIRE(phrase.size() == 1);
  CHECK(phrase[0].url == "https://example.com/a");
  CHECK(phrase[0].snippet.find("[harbour]") != std::string::npos);
  const auto near = store.search("NEAR(old harbour, 1)", 20, archive::QuerySyntax::kFts5).value();
  REQUIRE(near.size() == 1);
  CHECK(near[0].url == "https://example.com/a");
  const auto titled = store.search("title:wall", 20, archive::QuerySyntax::kFts5).value();
  REQUIRE(titled.size() == 1);
  CHECK(titled[0].url == "https://example.com/b");
  CHECK(store.search("harbour NOT wall", 20, archive::QuerySyntax::kFts5).value().empty());
  CHECK(store.search("\"wall harbour\"").value().empty());
}

TEST_CASE("a format-1 archive reads byte for byte read-only, and upgraded, and compacted", "[archive][pack][format]") {
  winnow::test::TempDir dir;
  const std::string path = copy_format1(dir);
  {
    archive::OpenOptions read_only;
    read_only.read_only = true;
    archive::Archive store = open_archive(path, read_only);
    check_manifest(store);
    CHECK(store.verify().value().problems.empty());
    CHECK(store.stats().value().dictionaries == 1);
    CHECK(store.search("\"added sentence\"").value().size() == 1);
  }
  const std::int64_t before = file_bytes(path);
  archive::Archive store = open_archive(path);  // upgraded to format 2
  check_manifest(store);
  CHECK(store.verify().value().problems.empty());
  // Its frames are not "open": a batch's end does not pack a whole old archive; compact does.
  CHECK(store.pack(true).value().packs == 0);
  const archive::PackReport compacted = store.compact().value();
  CHECK(compacted.packs >= 1);
  CHECK(compacted.blobs == 36);  // the full copies (the rest are deltas against them)
  CHECK(compacted.file_bytes_after < before * 2 / 3);
  CHECK(compacted.file_bytes_after == file_bytes(path));
  const archive::Stats stats = store.stats().value();
  CHECK(stats.dictionaries == 0);
  CHECK(stats.file_free_bytes == 0);
  check_manifest(store);
  CHECK(store.verify().value().problems.empty());
  CHECK(store.search("\"added sentence\"").value().size() == 1);
  CHECK(store.search("added sentence").value().size() == 1);
  // New captures go on in the new format.
  add(store, "https://www.news14.example/story/14", article_page("Later", "a later story", 6, 9));
  CHECK(store.verify().value().problems.empty());
}

TEST_CASE("a newer archive format is refused with a message, not misread", "[archive][pack][format]") {
  winnow::test::TempDir dir;
  const std::string path = (dir.path() / "a.db").string();
  { archive::Archive store = open_archive(path); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version=3", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto opened = archive::Archive::open(path);
  REQUIRE_FALSE(opened);
  CHECK_THAT(opened.error().message, Catch::Contains("newer winnow"));
}

TEST_CASE("a format-2 archive whose header says format 1 is damaged, not upgraded twice", "[archive][pack][format]") {
  winnow::test::TempDir dir;
  const std::string path = (dir.path() / "a.db").string();
  { archive::Archive store = open_archive(path); add(store, "https://example.com/a", article_page("T", "cats", 3, 1)); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version=1", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto opened = archive::Archive::open(path);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK_THAT(opened.error().message, Catch::Contains("is damaged"));
}

TEST_CASE("pack and compact refuse a read-only archive", "[archive][pack]") {
  winnow::test::TempDir dir;
  const std::string path = (dir.path() / "a.db").string();
  { archive::Archive store = open_archive(path); add(store, "https://example.com/a", article_page("T", "cats", 3, 1)); }
  archive::OpenOptions read_only;
  read_only.read_only = true;
  archive::Archive store = open_archive(path, read_only);
  CHECK(store.pack(true).error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK(store.compact().error().kind == winnow::ErrorKind::kInvalidInput);
}
