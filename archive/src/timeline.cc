// A URL's versions re-derived from its captures in time order, for a capture stored before later ones (a back-dated import).
#include "timeline.h"

#include <algorithm>
#include <map>
#include <optional>

#include "db/row_format.h"
#include "db/schema.h"
#include "diff.h"
#include "versions.h"

namespace winnow::archive {
namespace {

// A row of `versions`, as the resequencing reads and rewrites it.
struct VersionRow {
  std::int64_t id = 0;  // 0: not in the table yet
  VersionFields fields;
  std::int64_t old_previous_text = 0;  // text blob of the version before it, before resequencing
  bool was_indexed = false;            // in the search index before resequencing
  bool used = false;                   // some run of the new timeline keeps it
};

// One version of the new timeline: a run of captures in time order.
struct Run {
  std::size_t row = 0;  // index into the rows
  std::int64_t page_blob_id = 0;
  std::vector<std::int64_t> capture_ids;
  std::vector<std::int64_t> capture_rows;  // each capture's version row before resequencing
};

// The steps of resequence_versions, in the order run() takes them.
class Resequencer {
 public:
  Resequencer(Archive::Impl& impl, std::int64_t url_id) : impl_(impl), db_(impl.db), url_id_(url_id) {}

  void run() {
    read_rows();
    read_runs();
    assign_rows();
    relabel();
    unindex_dropped();
    renumber();
    delete_unused_and_index();
  }

 private:
  void read_rows() {
    Statement statement = db_.prepare(
        "SELECT id, page_blob_id, text_blob_id, title, metadata, word_count, label, words_changed, indexed, "
        "metadata_blob_id FROM versions WHERE url_id = ? ORDER BY seq");
    statement.bind(1, url_id_);
    std::int64_t previous_text = 0;
    while (statement.step()) {
      VersionRow row;
      row.id = statement.integer(0);
      row.fields = {statement.integer(1), statement.integer(2), statement.text(3),    statement.text(4),
                    statement.integer(5), statement.integer(6), statement.integer(7), statement.integer(8) != 0};
      row.fields.metadata_blob_id = statement.is_null(9) ? 0 : statement.integer(9);
      row.was_indexed = row.fields.indexed;
      row.old_previous_text = previous_text;
      previous_text = row.fields.text_blob_id;
      row_of_id_[row.id] = rows_.size();
      rows_.push_back(std::move(row));
    }
  }

  // The runs: consecutive content captures with the same bytes; 304 and gone captures join the run before them.
  void read_runs() {
    Statement statement =
        db_.prepare("SELECT id, version_id, not_modified FROM captures WHERE url_id = ? ORDER BY time, id");
    statement.bind(1, url_id_);
    while (statement.step()) {
      const auto found = row_of_id_.find(statement.integer(1));
      if (found == row_of_id_.end()) throw_damaged("a capture refers to a missing version");
      const std::size_t row = found->second;
      const std::int64_t page_blob_id = rows_[row].fields.page_blob_id;
      const bool content = statement.integer(2) == kCaptureContent;
      if (runs_.empty() || (content && runs_.back().page_blob_id != page_blob_id)) {
        runs_.push_back(Run{row, page_blob_id, {}, {}});
      }
      runs_.back().capture_ids.push_back(statement.integer(0));
      runs_.back().capture_rows.push_back(statement.integer(1));
    }
  }

  // Each run keeps a row with its bytes where one is free, else gets a copy.
  void assign_rows() {
    for (Run& run : runs_) {
      std::optional<std::size_t> chosen;
      if (!rows_[run.row].used) chosen = run.row;
      for (std::size_t i = 0; !chosen && i < run.capture_rows.size(); ++i) {
        const std::size_t candidate = row_of_id_[run.capture_rows[i]];
        if (!rows_[candidate].used && rows_[candidate].fields.page_blob_id == run.page_blob_id) chosen = candidate;
      }
      if (!chosen) {
        VersionRow copy = rows_[run.row];
        copy.id = 0;
        copy.fields.indexed = false;
        copy.fields.label = -1;
        copy.was_indexed = false;
        rows_.push_back(std::move(copy));
        chosen = rows_.size() - 1;
      }
      rows_[*chosen].used = true;
      run.row = *chosen;
    }
  }

  // Labels against the version before in time; kept where that predecessor is unchanged.
  void relabel() {
    for (std::size_t i = 0; i < runs_.size(); ++i) {
      VersionRow& row = rows_[runs_[i].row];
      const VersionFields* previous = i > 0 ? &rows_[runs_[i - 1].row].fields : nullptr;
      const std::int64_t previous_text = previous ? previous->text_blob_id : 0;
      if (row.id != 0 && row.fields.label >= 0 && row.old_previous_text == previous_text) continue;
      std::size_t changed = 0;
      ChangeLabel label = ChangeLabel::kNew;
      if (!previous) {
        changed = static_cast<std::size_t>(row.fields.word_count);
      } else if (previous->text_blob_id == row.fields.text_blob_id) {
        label = ChangeLabel::kUnchanged;
      } else {
        label = change_label(*impl_.blobs.get(previous->text_blob_id), static_cast<std::size_t>(previous->word_count),
                             *impl_.blobs.get(row.fields.text_blob_id), static_cast<std::size_t>(row.fields.word_count),
                             changed);
      }
      row.fields.label = label_code(label);
      row.fields.words_changed = static_cast<std::int64_t>(changed);
      row.fields.indexed = label != ChangeLabel::kUnchanged;
    }
  }

  void unindex_dropped() {
    for (const VersionRow& row : rows_) {
      if (row.was_indexed && (!row.used || !row.fields.indexed)) {
        unindex_version(db_, row.id, row.fields.title, *impl_.blobs.get(row.fields.text_blob_id));
      }
    }
  }

  // Numbers the runs 1, 2, ... in time order and points each capture at its run's row.
  void renumber() {
    {
      // Out of the way of UNIQUE(url_id, seq) while the new numbers go in.
      Statement statement = db_.prepare("UPDATE versions SET seq = -id WHERE url_id = ?");
      statement.bind(1, url_id_);
      statement.run();
    }
    for (std::size_t i = 0; i < runs_.size(); ++i) {
      VersionRow& row = rows_[runs_[i].row];
      const auto seq = static_cast<std::int64_t>(i + 1);
      if (row.id == 0) {
        row.id = insert_version(db_, url_id_, seq, row.fields);
      } else {
        Statement update =
            db_.prepare("UPDATE versions SET seq = ?, label = ?, words_changed = ?, indexed = ? WHERE id = ?");
        update.bind(1, seq).bind(2, row.fields.label).bind(3, row.fields.words_changed);
        update.bind(4, row.fields.indexed ? 1 : 0).bind(5, row.id);
        update.run();
      }
      for (std::size_t c = 0; c < runs_[i].capture_ids.size(); ++c) {
        if (runs_[i].capture_rows[c] == row.id) continue;
        Statement update = db_.prepare("UPDATE captures SET version_id = ? WHERE id = ?");
        update.bind(1, row.id).bind(2, runs_[i].capture_ids[c]);
        update.run();
      }
    }
  }

  void delete_unused_and_index() {
    for (const VersionRow& row : rows_) {
      if (!row.used) {
        Statement remove = db_.prepare("DELETE FROM versions WHERE id = ?");
        remove.bind(1, row.id);
        remove.run();
      } else if (row.fields.indexed && !row.was_indexed) {
        index_version(db_, row.id, row.fields.title, *impl_.blobs.get(row.fields.text_blob_id));
      }
    }
  }

  Archive::Impl& impl_;
  Db& db_;
  std::int64_t url_id_;
  std::vector<VersionRow> rows_;
  std::map<std::int64_t, std::size_t> row_of_id_;
  std::vector<Run> runs_;
};

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

void resequence_versions(Archive::Impl& impl, std::int64_t url_id) { Resequencer(impl, url_id).run(); }

}  // namespace winnow::archive
