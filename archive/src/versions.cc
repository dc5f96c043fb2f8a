// Inserting version and capture rows and their search-index entries: the one place that spells these statements.
#include "versions.h"

#include "db/row_format.h"

namespace winnow::archive {

std::int64_t insert_version(Db& db, std::int64_t url_id, std::int64_t seq, const VersionFields& fields) {
  Statement insert = db.prepare(
      "INSERT INTO versions(url_id, seq, page_blob_id, text_blob_id, title, metadata, word_count, label, "
      "words_changed, indexed, metadata_blob_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, url_id).bind(2, seq).bind(3, fields.page_blob_id).bind(4, fields.text_blob_id);
  insert.bind_text(5, fields.title).bind_text(6, fields.metadata).bind(7, fields.word_count).bind(8, fields.label);
  insert.bind(9, fields.words_changed).bind(10, fields.indexed ? 1 : 0);
  if (fields.metadata_blob_id != 0) insert.bind(11, fields.metadata_blob_id); else insert.bind_null(11);
  insert.run();
  return sqlite3_last_insert_rowid(db.get());
}

std::int64_t next_version_seq(Db& db, std::int64_t url_id) {
  Statement statement = db.prepare("SELECT coalesce(max(seq), 0) + 1 FROM versions WHERE url_id = ?");
  statement.bind(1, url_id);
  return statement.step() ? statement.integer(0) : 1;
}

std::int64_t insert_capture(Db& db, std::int64_t url_id, std::int64_t version_id, const std::string& time, int status,
                            const Headers& headers, int kind) {
  Statement insert = db.prepare(
      "INSERT INTO captures(url_id, version_id, time, status, headers, not_modified) VALUES(?, ?, ?, ?, ?, ?)");
  insert.bind(1, url_id).bind(2, version_id).bind_text(3, time).bind(4, status).bind_text(5, headers_json(headers));
  insert.bind(6, kind);
  insert.run();
  return sqlite3_last_insert_rowid(db.get());
}

void index_version(Db& db, std::int64_t version_id, std::string_view title, std::string_view text) {
  Statement statement = db.prepare("INSERT INTO search_index(rowid, title, text) VALUES(?, ?, ?)");
  statement.bind(1, version_id).bind_text(2, title).bind_text(3, text);
  statement.run();
}

void unindex_version(Db& db, std::int64_t version_id, std::string_view title, std::string_view text) {
  Statement statement =
      db.prepare("INSERT INTO search_index(search_index, rowid, title, text) VALUES('delete', ?, ?, ?)");
  statement.bind(1, version_id).bind_text(2, title).bind_text(3, text);
  statement.run();
}

}  // namespace winnow::archive
