// A URL's versions re-derived from its captures in time order, for a capture stored before later ones (a back-dated import).
#include <algorithm>
#include <map>
#include <optional>

#include "archive_impl.h"
#include "diff.h"
#include "schema.h"

namespace winnow::archive {
namespace {

// A row of `versions`, as resequence_versions reads and rewrites it.
struct VersionRow {
  std::int64_t id = 0;  // 0: not in the table yet
  std::int64_t page_blob_id = 0;
  std::int64_t text_blob_id = 0;
  std::string title;
  std::string metadata;
  std::int64_t word_count = 0;
  std::int64_t label = 0;  // < 0: a provisional row whose label is still to be worked out
  std::int64_t words_changed = 0;
  bool indexed = false;
  std::int64_t old_previous_text = 0;  // text blob of the version before it, before resequencing
  bool used = false;
};

// One version of the new timeline: a run of captures in time order.
struct Run {
  std::size_t row = 0;  // index into the rows
  std::int64_t page_blob_id = 0;
  std::vector<std::int64_t> capture_ids;
  std::vector<std::int64_t> capture_rows;  // each capture's version row before resequencing
};

void unindex(Archive::Impl& impl, const VersionRow& row) {
  Statement statement =
      impl.db.prepare("INSERT INTO search_index(search_index, rowid, title, text) VALUES('delete', ?, ?, ?)");
  statement.bind(1, row.id).bind_text(2, row.title).bind_text(3, *impl.blobs.get(row.text_blob_id));
  statement.run();
}

void add_to_index(Archive::Impl& impl, const VersionRow& row) {
  Statement statement = impl.db.prepare("INSERT INTO search_index(rowid, title, text) VALUES(?, ?, ?)");
  statement.bind(1, row.id).bind_text(2, row.title).bind_text(3, *impl.blobs.get(row.text_blob_id));
  statement.run();
}

}  // namespace

ChangeLabel change_label(const std::string& before, std::size_t before_words, const std::string& after,
                         std::size_t after_words, std::size_t& words_changed_out) {
  if (before == after) {
    words_changed_out = 0;
    return ChangeLabel::kUnchanged;
  }
  words_changed_out = words_changed(before, after);
  const std::size_t longer = std::max(before_words, after_words);
  return 2 * words_changed_out > longer ? ChangeLabel::kNew : ChangeLabel::kEdited;
}

void resequence_versions(Archive::Impl& impl, std::int64_t url_id) {
  Db& db = impl.db;
  std::vector<VersionRow> rows;
  std::map<std::int64_t, std::size_t> row_of_id;
  {
    Statement statement = db.prepare(
        "SELECT id, page_blob_id, text_blob_id, title, metadata, word_count, label, words_changed, indexed "
        "FROM versions WHERE url_id = ? ORDER BY seq");
    statement.bind(1, url_id);
    std::int64_t previous_text = 0;
    while (statement.step()) {
      VersionRow row;
      row.id = statement.integer(0);
      row.page_blob_id = statement.integer(1);
      row.text_blob_id = statement.integer(2);
      row.title = statement.text(3);
      row.metadata = statement.text(4);
      row.word_count = statement.integer(5);
      row.label = statement.integer(6);
      row.words_changed = statement.integer(7);
      row.indexed = statement.integer(8) != 0;
      row.old_previous_text = previous_text;
      previous_text = row.text_blob_id;
      row_of_id[row.id] = rows.size();
      rows.push_back(std::move(row));
    }
  }

  // The runs: consecutive content captures with the same bytes; 304 and gone captures join the run before them.
  std::vector<Run> runs;
  {
    Statement statement =
        db.prepare("SELECT id, version_id, not_modified FROM captures WHERE url_id = ? ORDER BY time, id");
    statement.bind(1, url_id);
    while (statement.step()) {
      const auto found = row_of_id.find(statement.integer(1));
      if (found == row_of_id.end()) throw_damaged("a capture refers to a missing version");
      const std::size_t row = found->second;
      const bool content = statement.integer(2) == kCaptureContent;
      if (runs.empty() || (content && runs.back().page_blob_id != rows[row].page_blob_id)) {
        runs.push_back(Run{row, rows[row].page_blob_id, {}, {}});
      }
      runs.back().capture_ids.push_back(statement.integer(0));
      runs.back().capture_rows.push_back(statement.integer(1));
    }
  }

  // Each run keeps a row with its bytes where one is free, else gets a copy.
  for (Run& run : runs) {
    std::optional<std::size_t> chosen;
    if (!rows[run.row].used) chosen = run.row;
    for (std::size_t i = 0; !chosen && i < run.capture_rows.size(); ++i) {
      const std::size_t candidate = row_of_id[run.capture_rows[i]];
      if (!rows[candidate].used && rows[candidate].page_blob_id == run.page_blob_id) chosen = candidate;
    }
    if (!chosen) {
      VersionRow copy = rows[run.row];
      copy.id = 0;
      copy.indexed = false;
      copy.label = -1;
      rows.push_back(std::move(copy));
      chosen = rows.size() - 1;
    }
    rows[*chosen].used = true;
    run.row = *chosen;
  }

  // Labels against the version before in time; kept where that predecessor is unchanged.
  std::vector<bool> was_indexed(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) was_indexed[i] = rows[i].indexed;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    VersionRow& row = rows[runs[i].row];
    const VersionRow* previous = i > 0 ? &rows[runs[i - 1].row] : nullptr;
    const std::int64_t previous_text = previous ? previous->text_blob_id : 0;
    if (row.id != 0 && row.label >= 0 && row.old_previous_text == previous_text) continue;
    std::size_t changed = 0;
    ChangeLabel label = ChangeLabel::kNew;
    if (!previous) {
      changed = static_cast<std::size_t>(row.word_count);
    } else if (previous->text_blob_id == row.text_blob_id) {
      label = ChangeLabel::kUnchanged;
    } else {
      label = change_label(*impl.blobs.get(previous->text_blob_id), static_cast<std::size_t>(previous->word_count),
                           *impl.blobs.get(row.text_blob_id), static_cast<std::size_t>(row.word_count), changed);
    }
    row.label = label_code(label);
    row.words_changed = static_cast<std::int64_t>(changed);
    row.indexed = label != ChangeLabel::kUnchanged;
  }

  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (was_indexed[i] && (!rows[i].used || !rows[i].indexed)) unindex(impl, rows[i]);
  }
  {
    // Out of the way of UNIQUE(url_id, seq) while the new numbers go in.
    Statement statement = db.prepare("UPDATE versions SET seq = -id WHERE url_id = ?");
    statement.bind(1, url_id);
    statement.run();
  }
  for (std::size_t i = 0; i < runs.size(); ++i) {
    VersionRow& row = rows[runs[i].row];
    const auto seq = static_cast<std::int64_t>(i + 1);
    if (row.id == 0) {
      Statement insert = db.prepare(
          "INSERT INTO versions(url_id, seq, page_blob_id, text_blob_id, title, metadata, word_count, label, "
          "words_changed, indexed) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insert.bind(1, url_id).bind(2, seq).bind(3, row.page_blob_id).bind(4, row.text_blob_id);
      insert.bind_text(5, row.title).bind_text(6, row.metadata).bind(7, row.word_count).bind(8, row.label);
      insert.bind(9, row.words_changed).bind(10, row.indexed ? 1 : 0);
      insert.run();
      row.id = sqlite3_last_insert_rowid(db.get());
    } else {
      Statement update = db.prepare("UPDATE versions SET seq = ?, label = ?, words_changed = ?, indexed = ? WHERE id = ?");
      update.bind(1, seq).bind(2, row.label).bind(3, row.words_changed).bind(4, row.indexed ? 1 : 0).bind(5, row.id);
      update.run();
    }
    for (std::size_t c = 0; c < runs[i].capture_ids.size(); ++c) {
      if (runs[i].capture_rows[c] == row.id) continue;
      Statement update = db.prepare("UPDATE captures SET version_id = ? WHERE id = ?");
      update.bind(1, row.id).bind(2, runs[i].capture_ids[c]);
      update.run();
    }
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].used) {
      Statement remove = db.prepare("DELETE FROM versions WHERE id = ?");
      remove.bind(1, rows[i].id);
      remove.run();
    } else if (rows[i].indexed && !was_indexed[i]) {
      add_to_index(impl, rows[i]);
    }
  }
}

}  // namespace winnow::archive
