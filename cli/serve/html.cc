// Escaping and the page layout: every byte of archived text reaches a page through escape_html.
#include "serve/html.h"

#include <cstdio>

namespace winnow::cli::serve {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f) break;
        out += c;
    }
  }
  return out;
}

std::string query_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '.' ||
        u == '_' || u == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string href(std::string_view path, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string link(path);
  char separator = '?';
  for (const auto& [name, value] : params) {
    link += separator + query_encode(name) + '=' + query_encode(value);
    separator = '&';
  }
  return escape_html(link);
}

std::string page_html(std::string_view title, std::string_view body, std::string_view head_extra) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"referrer\" content=\"no-referrer\">"
      "<link rel=\"stylesheet\" href=\"/static/winnow.css\"><link rel=\"icon\" href=\"/static/icon.svg\">";
  html += head_extra;
  html += "<title>" + escape_html(title) + " · winnow</title></head><body>";
  html += "<header><a class=\"brand\" href=\"/\">winnow</a><nav><a href=\"/\">URLs</a><a href=\"/search\">Search</a>"
          "<a href=\"/stats\">Stats</a></nav>"
          "<form class=\"quick\" action=\"/search\" method=\"get\" role=\"search\">"
          "<input type=\"search\" name=\"q\" placeholder=\"Search the archive\" aria-label=\"Search the archive\">"
          "</form></header><main>";
  html += body;
  html += "</main></body></html>\n";
  return html;
}

std::string error_html(int status, std::string_view message) {
  return page_html("Error " + std::to_string(status),
                   "<h1>Error " + std::to_string(status) + "</h1><p class=\"error\">" + escape_html(message) +
                       "</p><p><a href=\"/\">Back to the list of URLs</a></p>");
}

std::string format_bytes(long long bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  if (unit == 0) {
    std::snprintf(text, sizeof text, "%lld B", bytes);
  } else {
    std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  }
  return text;
}

}  // namespace winnow::cli::serve
