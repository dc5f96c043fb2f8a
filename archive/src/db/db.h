// A thin owner of one SQLite connection: cached prepared statements, typed binds and columns, write transactions that wait out other writers.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace winnow::archive {

// A failed SQLite call, or damage found while reading the archive. Thrown
// inside the library only: every public Archive function catches it and
// returns an Error (see to_error in archive_impl.h).
class DbFailure : public std::runtime_error {
 public:
  DbFailure(int code, int system_errno, const std::string& message)
      : std::runtime_error(message), code_(code), system_errno_(system_errno) {}
  int code() const { return code_; }                  // SQLite extended result code
  int system_errno() const { return system_errno_; }  // errno behind an I/O error, else 0

 private:
  int code_;
  int system_errno_;
};

// Throws a DbFailure describing damage (SQLITE_CORRUPT) with `message`.
[[noreturn]] void throw_damaged(const std::string& message);

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};

// A cached prepared statement in use: bind, step, read columns; reset and
// unbound again when it goes out of scope so the next user starts clean.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

  Statement& bind(int index, std::int64_t value);
  Statement& bind_text(int index, std::string_view value);
  Statement& bind_blob(int index, std::string_view value);
  Statement& bind_null(int index);
  // Advances to the next row: true if there is one, false when done. Throws DbFailure.
  bool step();
  // Runs to completion, ignoring rows.
  void run();

  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  std::string_view blob_view(int column) const;  // valid until the next step or reset

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

// One open connection. Not thread-safe; one per Archive.
class Db {
 public:
  // Opens `path` (flags as sqlite3_open_v2); `immutable` opens it as a file
  // nobody can change (for read-only locations, where SQLite cannot make the
  // WAL index). Throws DbFailure.
  Db(const std::string& path, int flags, bool immutable = false);
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sqlite3* get() const { return db_.get(); }
  const std::string& path() const { return path_; }

  // A statement for `sql`, prepared once per connection and then reused.
  Statement prepare(const char* sql);
  // Runs one or more statements without parameters. Throws DbFailure.
  void exec(const char* sql);
  // Throws a DbFailure for result code `code` with SQLite's message and `context`.
  [[noreturn]] void fail(int code, std::string_view context) const;

 private:
  std::string path_;
  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::map<std::string, std::unique_ptr<sqlite3_stmt, StatementFinalizer>, std::less<>> statements_;
};

// A write transaction: BEGIN IMMEDIATE, retried while other processes hold the
// write lock (up to `wait_ms` in all), so busy errors never reach the user
// unless a writer holds the file for that long. Rolls back unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Db& db, int wait_ms = 60000);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  // COMMIT, retried while readers block a checkpoint-free commit (SQLITE_BUSY). Throws DbFailure.
  void commit();

 private:
  Db& db_;
  int wait_ms_;
  bool open_ = false;
};

// Foreign-key enforcement off for its lifetime, on again after; made outside any transaction (SQLite ignores
// the pragma inside one). For rewrites that keep every key valid, such as packing, which deletes blob rows and
// inserts them again under the same ids: with enforcement on, each deleted row would scan every table that
// refers to blobs, none of which has an index on those columns. Throws DbFailure.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Db& db);
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  ~ForeignKeysOff();

 private:
  Db& db_;
};

// Runs `sql` (no parameters), retried while another connection holds a lock
// it needs (up to `wait_ms` in all, with WriteTransaction's jittered back-off):
// SQLite returns SQLITE_BUSY at once, without its busy handler, where waiting
// could deadlock, e.g. for PRAGMA journal_mode while another process creates
// the schema. Throws DbFailure.
void exec_waiting(Db& db, const char* sql, int wait_ms = 60000);

// A read transaction (BEGIN DEFERRED ... COMMIT), so multi-query reads see one snapshot.
class ReadTransaction {
 public:
  explicit ReadTransaction(Db& db);
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction();

 private:
  Db& db_;
};

}  // namespace winnow::archive
