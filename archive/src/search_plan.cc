// Candidates from a positionless index, then each candidate's text checked with positions: the pieces of such a search.
#include "search_plan.h"

#include <algorithm>
#include <memory>
#include <set>

namespace winnow::archive {
namespace {

// FTS5's operators are upper-case barewords.
bool is_operator_word(std::string_view expression, std::string_view token) {
  std::string upper;
  for (const char c : token) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (upper != "AND" && upper != "OR" && upper != "NOT" && upper != "NEAR") return false;
  return expression.find(upper) != std::string_view::npos;
}

}  // namespace

std::string fts5_string(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

bool index_is_positionless(Db& db) {
  Statement statement = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'search_index'");
  return statement.step() && statement.text(0).find("detail=none") != std::string::npos;
}

CandidateCheck::CandidateCheck()
    : db_(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY) {
  db_.exec("CREATE VIRTUAL TABLE doc USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');");
  // FTS5 hands out its API through a pointer bound to SELECT fts5(?) (SQLite's documented way).
  fts5_api* api = nullptr;
  {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db_.get(), "SELECT fts5(?1)", -1, &raw, nullptr);
    const std::unique_ptr<sqlite3_stmt, StatementFinalizer> statement(raw);
    if (rc == SQLITE_OK) rc = sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    if (rc == SQLITE_OK && sqlite3_step(raw) != SQLITE_ROW) rc = sqlite3_errcode(db_.get());
    if (rc != SQLITE_OK) throw DbFailure(rc, 0, std::string("reaching FTS5's API failed: ") + sqlite3_errmsg(db_.get()));
  }
  void* user_data = nullptr;
  if (api == nullptr || api->xFindTokenizer(api, "unicode61", &user_data, &tokenizer_methods_) != SQLITE_OK) {
    throw DbFailure(SQLITE_ERROR, 0, "SQLite's FTS5 has no unicode61 tokenizer");
  }
  const char* arguments[] = {"remove_diacritics", "2"};
  const int rc = tokenizer_methods_.xCreate(user_data, arguments, 2, &tokenizer_);
  if (rc != SQLITE_OK) throw DbFailure(rc, 0, "making the unicode61 tokenizer failed");
}

CandidateCheck::~CandidateCheck() {
  if (tokenizer_ != nullptr) tokenizer_methods_.xDelete(tokenizer_);
}

std::vector<TokenSpan> CandidateCheck::token_spans(std::string_view text) {
  std::vector<TokenSpan> out;
  const auto collect = [](void* context, int /*flags*/, const char* token, int size, int start, int end) {
    static_cast<std::vector<TokenSpan>*>(context)->push_back(
        {std::string(token, static_cast<std::size_t>(size)), static_cast<std::size_t>(start), static_cast<std::size_t>(end)});
    return SQLITE_OK;
  };
  // FTS5's tokenizer takes an int length; no title or article comes near it, and a longer text is cut.
  const int size = static_cast<int>(std::min<std::size_t>(text.size(), 1u << 30));
  const int rc = tokenizer_methods_.xTokenize(tokenizer_, &out, FTS5_TOKENIZE_DOCUMENT, text.data(), size, collect);
  if (rc != SQLITE_OK) throw DbFailure(rc, 0, "tokenizing text failed");
  return out;
}

std::vector<std::string> CandidateCheck::tokens(std::string_view text) {
  std::vector<std::string> out;
  for (TokenSpan& span : token_spans(text)) out.push_back(std::move(span.token));
  return out;
}

bool CandidateCheck::matches(const std::string& match, std::string_view title, std::string_view text) {
  db_.exec("DELETE FROM doc");
  {
    Statement insert = db_.prepare("INSERT INTO doc(rowid, title, text) VALUES(1, ?, ?)");
    insert.bind_text(1, title).bind_text(2, text);
    insert.run();
  }
  Statement statement = db_.prepare("SELECT 1 FROM doc WHERE doc MATCH ?");
  statement.bind_text(1, match);
  return statement.step();
}

SearchPlan plan_for_words(const std::vector<std::string>& terms, CandidateCheck& check) {
  SearchPlan plan;
  bool phrase = false;
  for (const std::string& term : terms) {
    // The FTS5 string's own quotes and doubled quotes are not tokens, so tokenizing it as text is right.
    const std::vector<std::string> tokens = check.tokens(term);
    if (tokens.size() > 1) phrase = true;
    for (const std::string& token : tokens) {
      if (!plan.index_match.empty()) plan.index_match += ' ';
      plan.index_match += fts5_string(token);
    }
  }
  if (phrase) {
    for (const std::string& term : terms) plan.check_match += (plan.check_match.empty() ? "" : " ") + term;
  }
  return plan;
}

SearchPlan plan_for_raw(const std::string& expression, CandidateCheck& check) {
  SearchPlan plan;
  std::set<std::string> seen;
  for (const std::string& token : check.tokens(expression)) {
    if (is_operator_word(expression, token) || !seen.insert(token).second) continue;
    if (!plan.index_match.empty()) plan.index_match += " OR ";
    plan.index_match += fts5_string(token);
  }
  plan.check_match = expression;
  return plan;
}

}  // namespace winnow::archive
