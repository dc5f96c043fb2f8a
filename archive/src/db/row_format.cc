// How rows hold what is not a plain column: a capture's headers as JSON, a version's change label as a code.
#include <nlohmann/json.hpp>

#include "db/row_format.h"

namespace winnow::archive {

std::string headers_json(const Headers& headers) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& [name, value] : headers) array.push_back({name, value});
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Headers parse_headers(const std::string& json) {
  Headers headers;
  const nlohmann::json array = nlohmann::json::parse(json, nullptr, false);
  if (!array.is_array()) return headers;
  for (const nlohmann::json& pair : array) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
      headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
  }
  return headers;
}

std::string_view label_name(ChangeLabel label) {
  switch (label) {
    case ChangeLabel::kNew:
      return "new";
    case ChangeLabel::kEdited:
      return "edited";
    case ChangeLabel::kUnchanged:
      return "unchanged";
  }
  return "new";
}

int label_code(ChangeLabel label) { return static_cast<int>(label); }

ChangeLabel label_from_code(std::int64_t code) {
  if (code == 1) return ChangeLabel::kEdited;
  if (code == 2) return ChangeLabel::kUnchanged;
  return ChangeLabel::kNew;
}

}  // namespace winnow::archive
