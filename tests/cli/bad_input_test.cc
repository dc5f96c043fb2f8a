// End-to-end tests of `winnow clean` on bad input: empty, binary, truncated, invalid UTF-8, huge, deep, no article.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using winnow::test::CommandResult;
using winnow::test::run_command;

// A directory of generated input pages, removed afterwards.
class InputDir {
 public:
  // Writes a file and returns its path as a string.
  std::string write(const std::string& name, const std::string& content) const {
    winnow::test::write_file(dir_.path() / name, content);
    return (dir_.path() / name).string();
  }
  const fs::path& path() const { return dir_.path(); }

 private:
  winnow::test::TempDir dir_;
};

std::string article_paragraph(int i) {
  return "<p>Paragraph " + std::to_string(i) +
         " of the harbour report says that the tide gauges were replaced, that the new ones are "
         "read every minute, and that the old records were kept for the archive.</p>";
}

std::string article_page(int paragraphs) {
  std::string page = "<html><head><title>Harbour report</title></head><body><nav><a href=/>Home</a>"
                     "</nav><article><h1>Harbour report</h1>";
  for (int i = 0; i < paragraphs; ++i) page += article_paragraph(i);
  return page + "</article><footer>Copyright</footer></body></html>";
}

// True when s is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n;
  }
  return true;
}

CommandResult clean(const std::vector<std::string>& args, int timeout_seconds = 60) {
  std::vector<std::string> argv{WINNOW_BIN, "clean"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, {}, timeout_seconds);
}

}  // namespace

TEST_CASE("empty and whitespace-only files are errors with a message", "[e2e][bad-input]") {
  InputDir dir;
  for (const std::string& content : {std::string(), std::string(" \n\t\r\n  ")}) {
    CommandResult r = clean({dir.write("empty.html", content)});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("winnow: error:") != std::string::npos);
    CHECK(r.err.find("empty") != std::string::npos);
  }
}

TEST_CASE("binary garbage is refused as binary", "[e2e][bad-input]") {
  InputDir dir;
  std::mt19937 random(42);
  std::string garbage(100000, '\0');
  for (char& c : garbage) c = static_cast<char>(random() & 0xFF);
  CommandResult r = clean({dir.write("garbage.html", garbage)});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("binary") != std::string::npos);
}

TEST_CASE("truncated HTML keeps the text before the cut", "[e2e][bad-input]") {
  InputDir dir;
  std::string page = article_page(4);
  std::string cut_tail = "<p>The last paragraph was cut";
  for (const std::string& tail :
       {std::string("<p class=\"lead"), std::string("<a href=\"https://exa"),
        std::string("<script>var x = '<p>"), std::string("<!-- a comment that never ends"),
        std::string("<style>p { color:")}) {
    std::string truncated = page.substr(0, page.find("</article>")) + tail;
    CommandResult r = clean({dir.write("truncated.html", truncated)});
    INFO("tail: " << tail);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Paragraph 0 of the harbour report") != std::string::npos);
    CHECK(r.out.find("Paragraph 3 of the harbour report") != std::string::npos);
    CHECK(r.out.find("var x") == std::string::npos);
  }
}

TEST_CASE("invalid UTF-8 inside an article still gives valid UTF-8 out", "[e2e][bad-input]") {
  InputDir dir;
  std::string page = article_page(3);
  std::string bad = "<p>Broken bytes \xC3\x28 \xA0\xA1 \xF0\x28\x8C\xBC \xED\xA0\x80 in the middle of a "
                    "sentence that is long enough to be part of the article body.</p>";
  page.insert(page.find("</article>"), bad);
  page.insert(0, "<meta charset=\"utf-8\">");
  for (const char* format : {"text", "json", "markdown", "html"}) {
    CommandResult r = clean({"--format", format, dir.write("bad-utf8.html", page)});
    INFO("format " << format);
    CHECK(r.exit_code == 0);
    CHECK(valid_utf8(r.out));
    CHECK(r.out.find("Broken bytes") != std::string::npos);
  }
}

TEST_CASE("a 50 MB page is cleaned in bounded time", "[e2e][bad-input]") {
  InputDir dir;
  std::string paragraph = article_paragraph(7);
  std::string page = "<html><body><article>";
  page.reserve(52u << 20);
  while (page.size() < (50u << 20)) page += paragraph;
  page += "</article></body></html>";
  CommandResult r = clean({"--format", "json", dir.write("big.html", page)}, 120);
  REQUIRE(r.exit_code == 0);
  auto json = nlohmann::json::parse(r.out);
  CHECK(json["word_count"].get<std::size_t>() > 1000000);
}

TEST_CASE("100,000 nested elements and unclosed tags do not hang", "[e2e][bad-input]") {
  InputDir dir;
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += article_paragraph(1);
  CommandResult r = clean({dir.write("deep.html", deep)}, 30);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Paragraph 1 of the harbour report") != std::string::npos);

  std::string unclosed = "<html><body>";
  for (int i = 0; i < 20000; ++i) unclosed += "<b><a href=x><font><span><table><td>";
  unclosed += article_paragraph(2);
  r = clean({dir.write("unclosed.html", unclosed)}, 30);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Paragraph 2 of the harbour report") != std::string::npos);
}

TEST_CASE("a page with no article gives an empty article and a warning", "[e2e][bad-input]") {
  InputDir dir;
  std::string page = "<html><head><title>Links</title></head><body><nav><a href=/a>Home</a> "
                     "<a href=/b>About</a></nav><footer><p>Copyright 2024 Example Inc.</p></footer>"
                     "</body></html>";
  CommandResult r = clean({dir.write("nothing.html", page)});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("winnow: warning:") != std::string::npos);
  CHECK(r.err.find("no article text") != std::string::npos);
  CHECK(r.out.find("Copyright") == std::string::npos);
}

TEST_CASE("bad inputs in a batch do not stop the good ones", "[e2e][bad-input]") {
  InputDir dir;
  std::string good1 = dir.write("good1.html", article_page(3));
  std::string empty = dir.write("empty.html", "");
  std::string binary = dir.write("binary.html", std::string("\x7F" "ELF\0\0\0\0\x01\x02", 10) + std::string(4000, '\0'));
  std::string good2 = dir.write("good2.html", article_page(5));
  fs::path out = dir.path() / "out";

  CommandResult r = clean({"-o", out.string(), good1, empty, binary, good2});
  CHECK(r.exit_code == 1);
  CHECK(fs::exists(out / "good1.txt"));
  CHECK(fs::exists(out / "good2.txt"));
  CHECK_FALSE(fs::exists(out / "empty.txt"));
  CHECK_FALSE(fs::exists(out / "binary.txt"));
  CHECK(r.err.find("empty.html") != std::string::npos);
  CHECK(r.err.find("binary.html") != std::string::npos);

  r = clean({"--jsonl", good1, empty, binary, good2});
  CHECK(r.exit_code == 1);
  std::istringstream lines(r.out);
  std::string line;
  std::vector<nlohmann::json> records;
  while (std::getline(lines, line)) records.push_back(nlohmann::json::parse(line));
  REQUIRE(records.size() == 4);
  CHECK(records[0].contains("text"));
  CHECK(records[1].contains("error"));
  CHECK(records[2].contains("error"));
  CHECK(records[3]["text"].get<std::string>().find("Paragraph 4") != std::string::npos);
}

TEST_CASE("a missing file and a directory without pages are clear errors", "[e2e][bad-input]") {
  InputDir dir;
  CommandResult r = clean({(dir.path() / "no-such-page.html").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no-such-page.html") != std::string::npos);
  fs::create_directories(dir.path() / "empty-dir");
  r = clean({(dir.path() / "empty-dir").string()});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("winnow: error:") != std::string::npos);
}

TEST_CASE("output that cannot be written names the cause: a full device, a device given as -o", "[e2e][bad-input]") {
  InputDir dir;
  const std::string page = dir.write("page.html", article_page(5));
  // `> /dev/full`: the write fails with ENOSPC, and the message says so.
  const CommandResult full = run_command({"/bin/sh", "-c", "exec \"$0\" clean \"$1\" > /dev/full", WINNOW_BIN, page});
  INFO(full.err);
  CHECK(full.exit_code == 1);
  CHECK(full.err.find("winnow: error: cannot write to standard output: No space left on device") != std::string::npos);
  const CommandResult device = clean({"-o", "/dev/full", page});
  CHECK(device.exit_code == 2);
  CHECK(device.err.find("-o /dev/full: this is a character device, not a directory") != std::string::npos);
}

TEST_CASE("empty option values are refused by clean and fetch too, before any work", "[e2e][bad-input]") {
  InputDir dir;
  const std::string page = dir.write("page.html", article_page(5));
  // Port 9 on the loopback: nothing is fetched, since the options are refused first.
  const std::string url = "http://127.0.0.1:9/";
  const std::vector<std::vector<std::string>> cases = {
      {"clean", "--output-dir", "", page}, {"clean", "--charset", "", page}, {"clean", "--url", "", page},
      {"fetch", "--output-dir", "", url},  {"fetch", "--log", "", url},      {"fetch", "--input", ""},
      {"fetch", "--user-agent", "", url},
  };
  for (const auto& args : cases) {
    std::vector<std::string> argv{WINNOW_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    const CommandResult result = run_command(argv);
    INFO(args[0] << " " << args[1] << ": " << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("winnow: error: " + args[1]) == 0);
    CHECK(result.out.empty());
  }
}
