// SQLite connection, statements and transactions; the retry loop around BEGIN IMMEDIATE is why concurrent writers never see "database is locked".
#include "db/db.h"

#include <chrono>
#include <random>
#include <thread>

namespace winnow::archive {

void throw_damaged(const std::string& message) { throw DbFailure(SQLITE_CORRUPT, 0, message); }

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(statement_, index, value);
  if (rc != SQLITE_OK) throw DbFailure(rc, 0, sqlite3_errmsg(db_));
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) throw DbFailure(rc, 0, sqlite3_errmsg(db_));
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view value) {
  // A zero-length blob is bound as such (not NULL): data may be nullptr for an empty view.
  static const char kEmpty = 0;
  const int rc = sqlite3_bind_blob64(statement_, index, value.empty() ? &kEmpty : value.data(), value.size(),
                                     SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw DbFailure(rc, 0, sqlite3_errmsg(db_));
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(statement_, index);
  if (rc != SQLITE_OK) throw DbFailure(rc, 0, sqlite3_errmsg(db_));
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw DbFailure(sqlite3_extended_errcode(db_), sqlite3_system_errno(db_), sqlite3_errmsg(db_));
}

void Statement::run() {
  while (step()) {
  }
}

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  return data == nullptr ? std::string() : std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::string Statement::blob(int column) const { return std::string(blob_view(column)); }

std::string_view Statement::blob_view(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
  const int size = sqlite3_column_bytes(statement_, column);
  return data == nullptr ? std::string_view() : std::string_view(data, static_cast<std::size_t>(size));
}

Db::Db(const std::string& path, int flags, bool immutable) : path_(path) {
  sqlite3* raw = nullptr;
  std::string name = path;
  if (immutable) {
    // A URI: characters with a meaning there are percent-encoded.
    name = "file:";
    for (const char c : path) {
      if (c == '%' || c == '?' || c == '#') {
        static constexpr char kHex[] = "0123456789ABCDEF";
        name += '%';
        name += kHex[static_cast<unsigned char>(c) >> 4];
        name += kHex[c & 15];
      } else {
        name += c;
      }
    }
    name += "?immutable=1";
    flags |= SQLITE_OPEN_URI;
  }
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags | SQLITE_OPEN_EXRESCODE, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) {
    const std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    const int system_errno = raw != nullptr ? sqlite3_system_errno(raw) : 0;
    throw DbFailure(rc, system_errno, message);
  }
}

Statement Db::prepare(const char* sql) {
  auto found = statements_.find(std::string_view(sql));
  if (found == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    // Every statement is winnow's own, fixed and run by the tests: when SQLite cannot compile one against
    // this file, the file's schema (a table's SQL, an FTS5 option) is not the one winnow wrote: damage.
    if ((rc & 0xff) == SQLITE_ERROR) {
      throw DbFailure(SQLITE_CORRUPT, 0, std::string("preparing a query: ") + sqlite3_errmsg(db_.get()));
    }
    if (rc != SQLITE_OK) fail(rc, "preparing a query");
    found = statements_.emplace(sql, std::unique_ptr<sqlite3_stmt, StatementFinalizer>(statement)).first;
  }
  return Statement(db_.get(), found->second.get());
}

void Db::exec(const char* sql) {
  const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, "");
}

void Db::fail(int code, std::string_view context) const {
  std::string message = sqlite3_errmsg(db_.get());
  if (!context.empty()) message = std::string(context) + ": " + message;
  const int extended = sqlite3_extended_errcode(db_.get());
  throw DbFailure((extended & 0xff) == (code & 0xff) ? extended : code, sqlite3_system_errno(db_.get()), message);
}

namespace {

bool is_busy(int code) { return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED; }

// Sleeps a little, with jitter so waiting writers do not wake in lockstep.
void back_off(int attempt) {
  static thread_local std::minstd_rand random{std::random_device{}()};
  const int ceiling = std::min(50, 2 + attempt * 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(1 + static_cast<int>(random() % ceiling)));
}

// Runs `sql`, trying again while another connection holds the lock, for up
// to `wait_ms`; then (or on any other failure) throws, naming `what`.
void exec_retrying(Db& db, const char* sql, int wait_ms, const char* what) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  for (int attempt = 0;; ++attempt) {
    const int rc = sqlite3_exec(db.get(), sql, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    if (!is_busy(sqlite3_extended_errcode(db.get())) || std::chrono::steady_clock::now() > deadline) db.fail(rc, what);
    back_off(attempt);
  }
}

}  // namespace

WriteTransaction::WriteTransaction(Db& db, int wait_ms) : db_(db), wait_ms_(wait_ms) {
  exec_retrying(db_, "BEGIN IMMEDIATE", wait_ms, "starting a write");
  open_ = true;
}

WriteTransaction::~WriteTransaction() {
  if (open_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void WriteTransaction::commit() {
  exec_retrying(db_, "COMMIT", wait_ms_, "committing");
  open_ = false;
}

ForeignKeysOff::ForeignKeysOff(Db& db) : db_(db) { db_.exec("PRAGMA foreign_keys=OFF"); }

ForeignKeysOff::~ForeignKeysOff() {
  // A pragma that cannot fail on an open connection; a destructor must not throw either way.
  sqlite3_exec(db_.get(), "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
}

void exec_waiting(Db& db, const char* sql, int wait_ms) { exec_retrying(db, sql, wait_ms, ""); }

ReadTransaction::ReadTransaction(Db& db) : db_(db) { db_.exec("BEGIN"); }

ReadTransaction::~ReadTransaction() { sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr); }

}  // namespace winnow::archive
