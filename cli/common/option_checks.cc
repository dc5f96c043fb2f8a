// CLI11 checks shared by the subcommands' options: empty values and page URLs.
#include "common/option_checks.h"

#include <algorithm>
#include <string_view>

#include "winnow/ascii.h"

namespace winnow::cli {

std::string check_not_empty(const std::string& value) {
  if (value.find_first_not_of(" \t") != std::string::npos) return {};
  return "an empty value was given; leave the option out to use its default";
}

std::string check_page_url(const std::string& url) {
  const auto starts = [&](std::string_view prefix) { return url.size() > prefix.size() && ascii::istarts_with(url, prefix); };
  if ((starts("http://") || starts("https://") || starts("file:///")) &&
      url.find_first_of(" \t\r\n") == std::string::npos) {
    return {};
  }
  return "it takes the page's absolute address, such as https://example.com/a or file:///path/a.html (got '" +
         url + "'); leave --url out when the page has no address";
}

void refuse_empty_values(CLI::App& app) {
  for (CLI::Option* option : app.get_options([](CLI::Option* o) { return !o->get_positional() && o->get_type_size_max() > 0; })) {
    option->check(CLI::Validator(check_not_empty, ""));
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) refuse_empty_values(*sub);
}

}  // namespace winnow::cli
