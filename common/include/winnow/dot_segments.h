// Removing "." and ".." segments from a URL path (RFC 3986 section 5.2.4), shared by link resolution and archive keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow {

// 1 when `segment` is a single-dot segment ("." or "%2e"), 2 for a double-dot
// one (".." and its spellings ".%2e", "%2e.", "%2e%2e"), else 0; "%2E" in
// either case, as browsers read it (WHATWG URL standard).
inline int dot_segment_kind(std::string_view segment) {
  const auto is_dot = [&](std::size_t& i) {
    if (i < segment.size() && segment[i] == '.') {
      ++i;
      return true;
    }
    if (i + 2 < segment.size() && segment[i] == '%' && segment[i + 1] == '2' &&
        (segment[i + 2] == 'e' || segment[i + 2] == 'E')) {
      i += 3;
      return true;
    }
    return false;
  };
  std::size_t i = 0;
  int dots = 0;
  while (dots < 3 && is_dot(i)) ++dots;
  return i == segment.size() && dots <= 2 ? dots : 0;
}

// `path` with its dot segments removed: "/a/./b/../c" -> "/a/c", "/a/b/.." ->
// "/a/" (a trailing dot segment names a directory, so the slash stays), and a
// ".." above the root is dropped ("/../a" -> "/a"). A path without a leading
// slash stays relative. Other segments are copied byte for byte.
inline std::string remove_dot_segments(std::string_view path) {
  const bool absolute = !path.empty() && path.front() == '/';
  if (absolute) path.remove_prefix(1);
  std::vector<std::string_view> segments;
  while (true) {
    const std::size_t slash = path.find('/');
    const bool last = slash == std::string_view::npos;
    const std::string_view segment = last ? path : path.substr(0, slash);
    if (const int kind = dot_segment_kind(segment); kind > 0) {
      if (kind == 2 && !segments.empty()) segments.pop_back();
      if (last) segments.emplace_back();
    } else {
      segments.push_back(segment);
    }
    if (last) break;
    path.remove_prefix(slash + 1);
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out += segments[i];
  }
  return out;
}

}  // namespace winnow
