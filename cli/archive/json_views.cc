// The --json forms of the archive's read results, shared by `winnow archive` (read.cc) and `winnow serve` (/api/).
#include "archive/json_views.h"

namespace winnow::cli {

using nlohmann::json;

json list_json(const std::vector<archive::UrlSummary>& urls) {
  json array = json::array();
  for (const auto& u : urls) {
    array.push_back({{"url", u.url}, {"versions", u.versions}, {"captures", u.captures},
                     {"last_capture", u.last_capture}, {"title", u.title},
                     {"label", std::string(archive::label_name(u.label))}, {"words_changed", u.words_changed},
                     {"gone", u.gone}});
  }
  return array;
}

json log_json(const std::vector<archive::LogEntry>& entries) {
  json array = json::array();
  for (const auto& e : entries) {
    array.push_back({{"time", e.time},
                     {"status", e.status},
                     {"version", e.version},
                     {"new_version", e.new_version},
                     {"not_modified", e.not_modified},
                     {"gone", e.gone},
                     {"size", e.size},
                     {"label", std::string(archive::label_name(e.label))},
                     {"words_changed", e.words_changed}});
  }
  return array;
}

json version_json(const archive::Version& v) {
  json headers = json::array();
  for (const auto& [name, value] : v.headers) headers.push_back({name, value});
  json metadata = json::parse(v.metadata_json, nullptr, false);
  return {{"url", v.url},
          {"version", v.version},
          {"versions", v.versions},
          {"captured", v.first_capture},
          {"status", v.status},
          {"headers", headers},
          {"label", std::string(archive::label_name(v.label))},
          {"words_changed", v.words_changed},
          {"size", v.raw_size},
          {"sha256", v.raw_sha256_hex},
          {"title", v.title},
          {"metadata", metadata.is_discarded() ? json::object() : metadata},
          {"text", v.text},
          {"gone", v.gone_status == 0 ? json(nullptr) : json{{"status", v.gone_status}, {"time", v.gone_time}}}};
}

json diff_json(const std::string& url, std::optional<int> a, std::optional<int> b, const std::string& diff) {
  return {{"url", url}, {"a", a ? json(*a) : json(nullptr)}, {"b", b ? json(*b) : json(nullptr)}, {"diff", diff}};
}

json hits_json(const std::vector<archive::SearchHit>& hits) {
  json array = json::array();
  for (const auto& h : hits) {
    array.push_back({{"url", h.url}, {"version", h.version}, {"title", h.title}, {"snippet", h.snippet},
                     {"score", h.score}});
  }
  return array;
}

json stats_json(const archive::Stats& t) {
  const double ratio =
      t.stored_bytes > 0 ? static_cast<double>(t.captured_bytes) / static_cast<double>(t.stored_bytes) : 0;
  return {{"urls", t.urls},
          {"captures", t.captures},
          {"versions", t.versions},
          {"distinct_blobs", t.page_blobs},
          {"raw_bytes", t.raw_bytes},
          {"captured_bytes", t.captured_bytes},
          {"page_stored_bytes", t.page_stored_bytes},
          {"text_blobs", t.text_blobs},
          {"text_bytes", t.text_bytes},
          {"text_stored_bytes", t.text_stored_bytes},
          {"metadata_stored_bytes", t.metadata_stored_bytes},
          {"dictionaries", t.dictionaries},
          {"dictionary_bytes", t.dictionary_bytes},
          {"stored_bytes", t.stored_bytes},
          {"packs", t.packs},
          {"open_blobs", t.open_blobs},
          {"file_bytes", t.file_bytes},
          {"file_content_bytes", t.file_content_bytes},
          {"file_index_bytes", t.file_index_bytes},
          {"file_table_bytes", t.file_table_bytes},
          {"file_free_bytes", t.file_free_bytes},
          {"ratio", ratio}};
}

json verify_json(const archive::VerifyReport& r) {
  return {{"ok", r.problems.empty()},
          {"blobs", r.blobs_checked},
          {"versions", r.versions_checked},
          {"captures", r.captures_checked},
          {"problems", r.problems}};
}

std::string dump_json(const json& value) { return value.dump(2, ' ', false, json::error_handler_t::replace); }

}  // namespace winnow::cli
