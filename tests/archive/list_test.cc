// Unit tests of Archive::list(ListQuery) on real SQLite files: filters by site, last capture and words, pages, counts, latest change.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/archive_pages.h"
#include "support/temp_dir.h"
#include "winnow/archive.h"

namespace {

namespace archive = winnow::archive;
using winnow::test::article_page;
using winnow::test::open_archive;

void add(archive::Archive& store, const std::string& url, const std::string& raw, const std::string& time) {
  archive::CaptureInput input;
  input.url = url;
  input.raw = raw;
  input.time = time;
  const auto added = store.add_capture(input);
  if (!added) FAIL(added.error().message);
}

std::vector<std::string> urls_of(const archive::UrlList& list) {
  std::vector<std::string> urls;
  for (const auto& u : list.urls) urls.push_back(u.url);
  return urls;
}

archive::UrlList listed(archive::Archive& store, const archive::ListQuery& query) {
  auto list = store.list(query);
  if (!list) FAIL(list.error().message);
  return list.value();
}

}  // namespace

TEST_CASE("list pages and filters URLs in the archive, with counts and each one's latest change", "[archive][list]") {
  winnow::test::TempDir dir;
  auto store = open_archive((dir.path() / "a.db").string());
  // Twelve URLs on two sites, captured on different days; the third of each site is edited later, one is gone.
  for (int i = 0; i < 12; ++i) {
    const std::string site = i % 2 == 0 ? "alpha.example" : "beta.example";
    const std::string url = "https://" + site + "/story-" + std::to_string(10 + i);
    const std::string day = "2024-03-" + std::to_string(10 + i) + "T08:00:00Z";
    add(store, url, article_page("Story " + std::to_string(i) + (i == 5 ? " Harbour Ferry" : ""), "harbour", 4, i), day);
  }
  add(store, "https://alpha.example/story-14", article_page("Story 4", "harbour", 4, 4, "A correction was added here today."),
      "2024-04-01T08:00:00Z");
  REQUIRE(store.add_gone("https://beta.example/story-11", "2024-04-02T08:00:00Z", 404, {}).ok());

  SECTION("no filter: every URL sorted, matching equals total, and the old list() agrees") {
    const archive::UrlList all = listed(store, {});
    CHECK(all.total == 12);
    CHECK(all.matching == 12);
    REQUIRE(all.urls.size() == 12);
    CHECK(std::is_sorted(all.urls.begin(), all.urls.end(), [](auto& a, auto& b) { return a.url < b.url; }));
    const auto plain = store.list().value();
    REQUIRE(plain.size() == all.urls.size());
    for (std::size_t i = 0; i < plain.size(); ++i) CHECK(plain[i].url == all.urls[i].url);
  }

  SECTION("offset and limit page through the same order") {
    const archive::UrlList all = listed(store, {});
    archive::ListQuery query;
    query.limit = 5;
    std::vector<std::string> paged;
    for (query.offset = 0; query.offset < 15; query.offset += 5) {
      const archive::UrlList page = listed(store, query);
      CHECK(page.matching == 12);
      CHECK(page.urls.size() <= 5);
      for (const auto& u : page.urls) paged.push_back(u.url);
    }
    CHECK(paged == urls_of(all));
    query.offset = 100;
    CHECK(listed(store, query).urls.empty());
  }

  SECTION("site, time and word filters, alone and together, count what they match") {
    archive::ListQuery query;
    query.site = "beta.example";
    archive::UrlList beta = listed(store, query);
    CHECK(beta.matching == 6);
    CHECK(beta.total == 12);
    for (const auto& u : beta.urls) CHECK(archive::site_of(u.url) == "beta.example");

    query = {};
    query.since = "2024-03-20";
    query.until = "2024-03-31";
    // Last captured between those days: story-20 and story-21 (story-14 and story-11 moved to April).
    CHECK(urls_of(listed(store, query)) ==
          std::vector<std::string>{"https://alpha.example/story-20", "https://beta.example/story-21"});

    query = {};
    query.since = "2024-04-01";
    CHECK(listed(store, query).matching == 2);

    query = {};
    query.match = "FERRY story-15";  // a word of the title (any case) and one of the URL
    CHECK(urls_of(listed(store, query)) == std::vector<std::string>{"https://beta.example/story-15"});
    query.match = "ferry alpha";
    CHECK(listed(store, query).matching == 0);

    query = {};
    query.site = "alpha.example";
    query.match = "story-1";
    query.limit = 2;
    const archive::UrlList both = listed(store, query);
    CHECK(both.matching == 5);  // story-10, 12, 14, 16, 18
    CHECK(urls_of(both) == std::vector<std::string>{"https://alpha.example/story-10", "https://alpha.example/story-12"});
  }

  SECTION("each URL carries its latest version's label and words changed, and whether it was gone") {
    archive::ListQuery query;
    query.match = "story-14";
    const archive::UrlList edited = listed(store, query);
    REQUIRE(edited.urls.size() == 1);
    CHECK(edited.urls[0].versions == 2);
    CHECK(edited.urls[0].label == archive::ChangeLabel::kEdited);
    CHECK(edited.urls[0].words_changed > 0);
    CHECK_FALSE(edited.urls[0].gone);
    query.match = "story-11";
    const archive::UrlList gone = listed(store, query);
    REQUIRE(gone.urls.size() == 1);
    CHECK(gone.urls[0].gone);
    CHECK(gone.urls[0].captures == 2);
    CHECK(gone.urls[0].label == archive::ChangeLabel::kNew);
    CHECK(gone.urls[0].last_capture == "2024-04-02T08:00:00Z");
  }

  SECTION("a malformed time is refused, saying which") {
    archive::ListQuery query;
    query.since = "last tuesday";
    const auto refused = store.list(query);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == winnow::ErrorKind::kInvalidInput);
  }
}
