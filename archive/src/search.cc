// Full-text search over the FTS5 index: rank all matches, keep the best version per URL, then make snippets only for those.
#include <set>

#include "archive_impl.h"

namespace winnow::archive {

Result<std::vector<SearchHit>> Archive::search(const std::string& query, int limit) {
  if (query.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error{ErrorKind::kInvalidInput, "the search query is empty"};
  }
  return impl_->guard<std::vector<SearchHit>>([&]() -> Result<std::vector<SearchHit>> {
    ReadTransaction read(impl_->db);
    std::vector<SearchHit> hits;
    std::vector<std::int64_t> version_ids;
    try {
      Statement statement = impl_->db.prepare(
          "SELECT s.rowid, u.url, v.seq, v.title, s.rank FROM search_index s JOIN versions v ON v.id = s.rowid "
          "JOIN urls u ON u.id = v.url_id WHERE search_index MATCH ? ORDER BY s.rank, v.seq DESC");
      statement.bind_text(1, query);
      std::set<std::string> seen;
      while (static_cast<int>(hits.size()) < limit && statement.step()) {
        std::string url = statement.text(1);
        if (!seen.insert(url).second) continue;
        SearchHit hit;
        hit.url = std::move(url);
        hit.version = static_cast<int>(statement.integer(2));
        hit.title = statement.text(3);
        hit.score = statement.real(4);
        version_ids.push_back(statement.integer(0));
        hits.push_back(std::move(hit));
      }
    } catch (const DbFailure& failure) {
      if ((failure.code() & 0xff) != SQLITE_ERROR) throw;
      return Error{ErrorKind::kInvalidInput, "bad search query '" + query + "': " + failure.what() +
                                                 " (use words, \"exact phrases\", OR, NOT, prefix*)"};
    }
    for (std::size_t i = 0; i < hits.size(); ++i) {
      Statement statement = impl_->db.prepare(
          "SELECT snippet(search_index, 1, '[', ']', '…', 16) FROM search_index WHERE search_index MATCH ? AND rowid = ?");
      statement.bind_text(1, query).bind(2, version_ids[i]);
      if (statement.step()) {
        // Line breaks inside a snippet would break one-hit-per-three-lines output.
        std::string snippet;
        for (const char c : statement.text(0)) {
          const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
          if (space && (snippet.empty() || snippet.back() == ' ')) continue;
          snippet += space ? ' ' : c;
        }
        hits[i].snippet = std::move(snippet);
      }
    }
    return hits;
  });
}

}  // namespace winnow::archive
