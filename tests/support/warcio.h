// warcio (npm, Webrecorder's reader), run on a WARC file through tests/warc/js/check.mjs: the independent check of what winnow writes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace winnow::test {

// The node binary when node and tests/warc/js's warcio (scripts/install-js)
// are installed; otherwise "" after a WARN that says which is missing, so the
// caller returns and the test is skipped with a message.
std::string node_with_warcio();

// What warcio read in `path` (.warc or .warc.gz): {"records": [{type, url,
// date, block_digest, payload_digest, block_ok, payload_ok}...], "bad": N},
// digests recomputed by check.mjs. REQUIREs that the check ran.
nlohmann::json warcio_report(const std::string& node, const std::string& path);

}  // namespace winnow::test
