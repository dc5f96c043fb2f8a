// Candidates from a positionless index, then each candidate's text checked with positions: the pieces of such a search.
#include "search_plan.h"

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
  db_.exec(
      "CREATE VIRTUAL TABLE doc USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');"
      "CREATE VIRTUAL TABLE doc_tokens USING fts5vocab(doc, instance);");
}

std::vector<std::string> CandidateCheck::tokens(std::string_view text) {
  db_.exec("DELETE FROM doc");
  {
    Statement insert = db_.prepare("INSERT INTO doc(rowid, title, text) VALUES(1, '', ?)");
    insert.bind_text(1, text);
    insert.run();
  }
  std::vector<std::string> out;
  Statement statement = db_.prepare("SELECT term FROM doc_tokens ORDER BY col, offset");
  while (statement.step()) out.push_back(statement.text(0));
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
