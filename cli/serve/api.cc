// /api/: the read subcommands' --json output (archive/json_views.h), so a script gets from the server exactly what the CLI prints.
#include <string>

#include "archive/json_views.h"
#include "serve/pages.h"

namespace winnow::cli::serve {
namespace {

Reply json_reply(int status, const nlohmann::json& value) {
  Reply reply;
  reply.status = status;
  reply.content_type = "application/json";
  reply.body = dump_json(value) + '\n';
  return reply;
}

Reply json_error(const Error& error) { return json_reply(http_status(error), {{"error", error.message}}); }

template <class T, class ToJson>
Reply answer(const Result<T>& result, ToJson to_json) {
  if (!result) return json_error(result.error());
  return json_reply(200, to_json(result.value()));
}

// /api/list's filters and page, named as `winnow archive list`'s options are.
Result<archive::ListQuery> list_query(const Params& params) {
  archive::ListQuery query;
  for (auto [name, target] : {std::pair{"site", &query.site}, {"since", &query.since}, {"until", &query.until},
                              {"match", &query.match}}) {
    Result<std::optional<std::string>> value = text_param(params, name);
    if (!value) return value.error();
    *target = value.value().value_or("");
  }
  Result<std::optional<int>> offset = int_param(params, "offset", 0, 1 << 30);
  if (!offset) return offset.error();
  Result<std::optional<int>> limit = int_param(params, "limit", 1, 1 << 30);
  if (!limit) return limit.error();
  query.offset = static_cast<std::size_t>(offset.value().value_or(0));
  query.limit = static_cast<std::size_t>(limit.value().value_or(0));
  return query;
}

Reply run(archive::Archive& a, std::string_view name, const Params& params) {
  if (name == "list") {
    Result<archive::ListQuery> query = list_query(params);
    if (!query) return json_error(query.error());
    return answer(a.list(query.value()), [](const archive::UrlList& list) { return list_json(list.urls); });
  }
  if (name == "search") {
    Result<std::optional<std::string>> q = text_param(params, "q");
    if (!q) return json_error(q.error());
    Result<std::optional<int>> limit = int_param(params, "limit", 1, 1000);
    if (!limit) return json_error(limit.error());
    Result<std::optional<int>> fts = int_param(params, "fts", 0, 1);
    if (!fts) return json_error(fts.error());
    const auto syntax = fts.value().value_or(0) == 1 ? archive::QuerySyntax::kFts5 : archive::QuerySyntax::kWords;
    return answer(a.search(q.value().value_or(""), limit.value().value_or(20), syntax), hits_json);
  }
  Result<std::string> url = url_param(params);
  if (!url) return json_error(url.error());
  if (name == "log") return answer(a.log(url.value()), log_json);
  if (name == "show") {
    Result<std::optional<int>> version = int_param(params, "version", -100000000, 100000000);
    if (!version) return json_error(version.error());
    if (version.value() && *version.value() == 0) {
      return json_error(Error{ErrorKind::kInvalidInput, "version counts from 1 (negative counts back: -1 is the latest)"});
    }
    Result<std::optional<std::string>> at = text_param(params, "at");
    if (!at) return json_error(at.error());
    archive::VersionSelector which;
    which.version = version.value();
    if (at.value() && !at.value()->empty()) which.at = *at.value();
    return answer(a.show(url.value(), which), version_json);
  }
  // diff
  Result<std::optional<int>> first = int_param(params, "a", -100000000, 100000000);
  if (!first) return json_error(first.error());
  Result<std::optional<int>> second = int_param(params, "b", -100000000, 100000000);
  if (!second) return json_error(second.error());
  if ((first.value() && *first.value() == 0) || (second.value() && *second.value() == 0)) {
    return json_error(Error{ErrorKind::kInvalidInput, "versions count from 1 (negative counts back from the latest)"});
  }
  if (!first.value() && second.value()) {
    return json_error(Error{ErrorKind::kInvalidInput, "b needs a: give a alone (compared with the latest) or both"});
  }
  return answer(a.diff(url.value(), first.value(), second.value()), [&](const std::string& diff) {
    return diff_json(url.value(), first.value(), second.value(), diff);
  });
}

}  // namespace

Reply api_reply(const Context& context, std::string_view name, const Params& params) {
  if (name != "list" && name != "log" && name != "show" && name != "diff" && name != "search" && name != "stats") {
    return json_reply(404, {{"error", "no such API: /api/ has list, log, show, diff, search and stats"}});
  }
  if (name == "stats") return answer(archive_stats(context), stats_json);
  Result<archive::Archive> opened = open_archive(context);
  if (!opened) return json_error(opened.error());
  return run(opened.value(), name, params);
}

}  // namespace winnow::cli::serve
