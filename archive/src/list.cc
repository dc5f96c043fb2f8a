// Archive::list: the archive's URLs, filtered and paged in SQL, each with its latest version's summary.
#include <string>
#include <string_view>
#include <vector>

#include "archive_impl.h"
#include "db/row_format.h"
#include "db/schema.h"
#include "winnow/ascii.h"

namespace winnow::archive {
namespace {

// The words of `match`, lowercased (ASCII): runs of non-space bytes.
std::vector<std::string> words_of(std::string_view match) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < match.size()) {
    while (pos < match.size() && ascii::is_space(match[pos])) ++pos;
    std::size_t end = pos;
    while (end < match.size() && !ascii::is_space(match[end])) ++end;
    if (end > pos) words.push_back(ascii::to_lower(match.substr(pos, end - pos)));
    pos = end;
  }
  return words;
}

// The WHERE clause over `urls u` for `query`, its parameters numbered from 1 in the order bind_filters() binds them.
// Every URL row has a version (store() adds both in one transaction), so no filter checks for one.
std::string filter_sql(const ListQuery& query, const std::vector<std::string>& words) {
  std::string sql = " WHERE 1";
  if (!query.site.empty()) sql += " AND u.site = ?";
  if (!query.since.empty() || !query.until.empty()) {
    sql += " AND (SELECT max(time) FROM captures WHERE url_id = u.id) BETWEEN ? AND ?";
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    // The URL, or its latest title. The titles holding the word are found in one pass over the versions (a
    // set SQLite builds once per statement), not by looking up each URL's latest version in turn.
    sql += " AND (instr(lower(u.url), ?) > 0 OR u.id IN (SELECT t.url_id FROM versions t "
           "WHERE instr(lower(t.title), ?) > 0 AND t.seq = (SELECT max(seq) FROM versions WHERE url_id = t.url_id)))";
  }
  return sql;
}

// Binds filter_sql()'s parameters; returns the next free parameter number.
int bind_filters(Statement& statement, const ListQuery& query, const std::vector<std::string>& words,
                 const TimeBounds& bounds) {
  int next = 1;
  if (!query.site.empty()) statement.bind_text(next++, query.site);
  if (!query.since.empty() || !query.until.empty()) {
    statement.bind_text(next++, bounds.since);
    statement.bind_text(next++, bounds.until);
  }
  for (const std::string& word : words) {
    statement.bind_text(next++, word);  // in the URL
    statement.bind_text(next++, word);  // in the title
  }
  return next;
}

}  // namespace

Result<UrlList> Archive::list(const ListQuery& query) {
  Result<TimeBounds> bounds = parse_time_bounds(query.since, query.until);
  if (!bounds) return bounds.error();
  return impl_->guard<UrlList>([&]() -> Result<UrlList> {
    ReadTransaction read(impl_->db);
    UrlList list;
    {
      Statement count = impl_->db.prepare("SELECT count(*) FROM urls");
      if (count.step()) list.total = static_cast<std::size_t>(count.integer(0));
    }
    const std::vector<std::string> words = words_of(query.match);
    const std::string where = filter_sql(query, words);
    if (!query.site.empty() || !query.since.empty() || !query.until.empty() || !words.empty()) {
      Statement count = impl_->db.prepare(("SELECT count(*) FROM urls u" + where).c_str());
      bind_filters(count, query, words, bounds.value());
      if (count.step()) list.matching = static_cast<std::size_t>(count.integer(0));
    } else {
      list.matching = list.total;
    }
    // The page's URLs first (the url index gives their order), then each one's latest version and capture.
    const std::string page_sql =
        "SELECT p.url, v.seq, (SELECT count(*) FROM captures WHERE url_id = p.id), c.time, v.title, v.label, "
        "v.words_changed, c.not_modified FROM (SELECT u.id, u.url FROM urls u" + where +
        " ORDER BY u.url LIMIT ? OFFSET ?) p "
        "JOIN versions v ON v.url_id = p.id AND v.seq = (SELECT max(seq) FROM versions WHERE url_id = p.id) "
        "JOIN captures c ON c.id = (SELECT id FROM captures WHERE url_id = p.id ORDER BY time DESC, id DESC LIMIT 1) "
        "ORDER BY p.url";
    Statement statement = impl_->db.prepare(page_sql.c_str());
    const int next = bind_filters(statement, query, words, bounds.value());
    statement.bind(next, query.limit == 0 ? -1 : static_cast<std::int64_t>(query.limit));
    statement.bind(next + 1, static_cast<std::int64_t>(query.offset));
    while (statement.step()) {
      list.urls.push_back({.url = statement.text(0),
                           .versions = static_cast<int>(statement.integer(1)),
                           .captures = static_cast<int>(statement.integer(2)),
                           .last_capture = statement.text(3),
                           .title = statement.text(4),
                           .label = label_from_code(statement.integer(5)),
                           .words_changed = static_cast<std::size_t>(statement.integer(6)),
                           .gone = statement.integer(7) == kCaptureGone});
    }
    return list;
  });
}

Result<std::vector<UrlSummary>> Archive::list() {
  Result<UrlList> listed = list(ListQuery{});
  if (!listed) return listed.error();
  return std::move(listed.value().urls);
}

}  // namespace winnow::archive
