// The JSON that `winnow archive ... --json` prints for each read subcommand, built in one place so `winnow serve`'s /api/ returns the same.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "winnow/archive.h"

namespace winnow::cli {

// Each returns the JSON value the matching subcommand prints with --json:
// list: an array of {url, versions, captures, last_capture, title, label, words_changed, gone} (the last three of
// the latest version and capture).
nlohmann::json list_json(const std::vector<archive::UrlSummary>& urls);
// log: an array of {time, status, version, new_version, not_modified, gone, size, label, words_changed}.
nlohmann::json log_json(const std::vector<archive::LogEntry>& entries);
// show: {url, version, versions, captured, status, headers, label, words_changed, size, sha256, title,
// metadata (an object; {} when the stored metadata is not JSON), text, gone (null or {status, time})}.
nlohmann::json version_json(const archive::Version& version);
// diff: {url, a, b (the versions asked for, null for the default), diff (the unified diff text)}.
nlohmann::json diff_json(const std::string& url, std::optional<int> a, std::optional<int> b, const std::string& diff);
// search: an array of {url, version, title, snippet, score}.
nlohmann::json hits_json(const std::vector<archive::SearchHit>& hits);
// stats: the counts and sizes of Stats, and ratio (captured bytes / stored bytes; 0 when nothing is stored).
nlohmann::json stats_json(const archive::Stats& stats);
// verify: {ok, blobs, versions, captures, problems}.
nlohmann::json verify_json(const archive::VerifyReport& report);

// `value` as the CLI prints it: two-space indents, invalid UTF-8 replaced by U+FFFD, no trailing newline.
std::string dump_json(const nlohmann::json& value);

}  // namespace winnow::cli
