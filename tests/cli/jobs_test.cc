// Tests of `winnow clean -j N`: the ordered parallel loop itself, and that any -j prints and writes exactly what -j 1 does.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/parallel.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using winnow::test::CommandResult;
using winnow::test::run_command;

using winnow::test::read_file;
using winnow::test::TempDir;
using winnow::test::write_file;

// Every regular file under `directory`: relative path -> contents.
std::map<std::string, std::string> tree_of(const fs::path& directory) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file()) files[entry.path().lexically_relative(directory).string()] = read_file(entry);
  }
  return files;
}

CommandResult run_winnow(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), WINNOW_BIN);
  return run_command(arguments);
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++count;
  return count;
}

// An article page whose length, markup and charset vary with `i`, so pages take different times to clean.
std::string article_page(int i) {
  const std::string topic = "Valley " + std::to_string(i);
  std::string html = "<html><head><title>" + topic + " report</title>";
  if (i % 4 == 1) html += "<meta charset=\"windows-1252\">";
  html += "</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>" + topic +
          "</h1>";
  for (int p = 0; p < 2 + (i * 7) % 23; ++p) {
    html += "<p>Paragraph " + std::to_string(p) + " of the " + topic +
            " survey: researchers walked the river banks for weeks, measured the water every morning, "
            "and wrote down what the farmers told them about floods and droughts.</p>";
  }
  if (i % 4 == 1) html += "<p>Caf\xe9 owners agreed.</p>";
  if (i % 3 == 0) html += "<ul><li>first finding</li><li>second finding</li></ul>";
  if (i % 5 == 0) html += "<table><tr><th>Year</th><th>Rain</th></tr><tr><td>2020</td><td>31</td></tr></table>";
  return html + "</article><footer>Copyright Example Media</footer></body></html>";
}

// ~40 pages under `root`, some of which fail (empty, binary) or warn (no article), in nested folders.
void make_corpus(const fs::path& root) {
  for (int i = 0; i < 40; ++i) {
    const std::string name = "page-" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    const fs::path path = root / (i % 6 == 2 ? "sub" : "") / (name + (i % 9 == 4 ? ".HTM" : ".html"));
    if (i % 11 == 5) {
      write_file(path, "");
    } else if (i == 17) {
      constexpr char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
      write_file(path, std::string(kPng, sizeof kPng - 1));
    } else if (i % 7 == 3) {
      write_file(path, "<html><head><title>Menu</title></head><body><nav><a href=\"/a\">A</a></nav></body></html>");
    } else {
      write_file(path, article_page(i));
    }
  }
}

// The inputs of every CLI test: the corpus, a missing file, and a page whose name clashes under -o.
std::vector<std::string> corpus_arguments(const fs::path& root) {
  return {root.string(), (root / "missing.html").string(), (root / "page-01.html").string()};
}

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

}  // namespace

TEST_CASE("for_each_ordered hands results back in order while workers run ahead", "[cli][jobs]") {
  constexpr std::size_t kCount = 200;
  for (unsigned jobs : {1u, 2u, 4u}) {
    std::vector<std::size_t> order;
    std::vector<std::thread::id> producers(kCount);
    winnow::cli::for_each_ordered<std::size_t>(
        kCount, jobs,
        [&](std::size_t i) {
          // Uneven work, so later items often finish before earlier ones.
          std::this_thread::sleep_for(std::chrono::microseconds((i * 37) % 11 * 50));
          producers[i] = std::this_thread::get_id();
          return i * i;
        },
        [&](std::size_t i, std::size_t&& square) {
          CHECK(square == i * i);
          order.push_back(i);
        });
    REQUIRE(order.size() == kCount);
    CHECK(std::is_sorted(order.begin(), order.end()));
    std::sort(producers.begin(), producers.end());
    const auto threads = std::unique(producers.begin(), producers.end()) - producers.begin();
    if (jobs == 1) CHECK(threads == 1);
    if (jobs > 1) CHECK(threads > 1);
  }
}

TEST_CASE("for_each_ordered keeps at most 2 x jobs results pending", "[cli][jobs]") {
  constexpr unsigned kJobs = 3;
  std::atomic<int> pending{0};
  std::atomic<int> most_pending{0};
  winnow::cli::for_each_ordered<int>(
      60, kJobs,
      [&](std::size_t i) {
        const int now = ++pending;
        for (int seen = most_pending; now > seen && !most_pending.compare_exchange_weak(seen, now);) {
        }
        // A slow first item of each stretch: without a bound, the others would all pile up behind it.
        if (i % 20 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return static_cast<int>(i);
      },
      [&](std::size_t, int&&) { --pending; });
  CHECK(most_pending <= static_cast<int>(2 * kJobs));
  CHECK(most_pending >= static_cast<int>(kJobs));
}

TEST_CASE("for_each_ordered rethrows a worker's exception in its turn and stops on a consumer's", "[cli][jobs]") {
  std::vector<std::size_t> consumed;
  auto produce = [](std::size_t i) {
    if (i == 5) throw std::runtime_error("item 5");
    return i;
  };
  auto consume = [&](std::size_t i, std::size_t&&) { consumed.push_back(i); };
  CHECK_THROWS_WITH(winnow::cli::for_each_ordered<std::size_t>(30, 4, produce, consume), "item 5");
  CHECK(consumed == std::vector<std::size_t>{0, 1, 2, 3, 4});

  std::atomic<int> produced{0};
  auto count = [&](std::size_t i) {
    ++produced;
    return i;
  };
  auto fail_at_3 = [](std::size_t i, std::size_t&&) {
    if (i == 3) throw std::runtime_error("consumer");
  };
  CHECK_THROWS_WITH(winnow::cli::for_each_ordered<std::size_t>(1000, 4, count, fail_at_3), "consumer");
  CHECK(produced < 1000);
}

TEST_CASE("clean --jsonl -j 4 prints byte for byte what -j 1 prints", "[cli][jobs]") {
  TempDir dir;
  make_corpus(dir.path() / "pages");
  const auto arguments = with({"clean", "--jsonl"}, corpus_arguments(dir.path() / "pages"));

  const CommandResult one = run_winnow(with(arguments, {"-j", "1"}));
  const CommandResult four = run_winnow(with(arguments, {"-j", "4"}));

  // The corpus really has successes, failures and warnings, so the comparison covers all three.
  CHECK(one.exit_code == 1);
  CHECK(count_of(one.out, "\n") == 42);
  CHECK(count_of(one.out, "\"error\":") >= 5);
  CHECK(count_of(one.err, "winnow: error: ") >= 5);
  CHECK(count_of(one.err, "winnow: warning: ") >= 3);
  CHECK(four.exit_code == one.exit_code);
  CHECK(four.out == one.out);
  CHECK(four.err == one.err);
}

TEST_CASE("clean -o DIR -j 3 writes the same files as -j 1", "[cli][jobs]") {
  TempDir dir;
  make_corpus(dir.path() / "pages");
  const auto arguments = with({"clean", "--format", "markdown"}, corpus_arguments(dir.path() / "pages"));

  const CommandResult one = run_winnow(with(arguments, {"-o", (dir.path() / "one").string(), "-j", "1"}));
  const CommandResult three = run_winnow(with(arguments, {"-o", (dir.path() / "three").string(), "-j", "3"}));

  const auto one_files = tree_of(dir.path() / "one");
  CHECK(one_files.size() >= 30);
  CHECK(one_files.count("page-01-2.md") == 1);  // the clashing name was made unique
  CHECK(one.exit_code == 1);
  CHECK(three.exit_code == one.exit_code);
  CHECK(three.out == one.out);
  CHECK(three.err == one.err);
  CHECK(tree_of(dir.path() / "three") == one_files);
}

TEST_CASE("clean -j 2 prints several articles to stdout in input order", "[cli][jobs]") {
  TempDir dir;
  make_corpus(dir.path() / "pages");
  const auto arguments = with({"clean"}, corpus_arguments(dir.path() / "pages"));

  const CommandResult one = run_winnow(with(arguments, {"-j", "1"}));
  const CommandResult two = run_winnow(with(arguments, {"--jobs", "2"}));

  CHECK(count_of(one.out, "==> ") >= 30);
  CHECK(two.exit_code == one.exit_code);
  CHECK(two.out == one.out);
  CHECK(two.err == one.err);
}

TEST_CASE("clean -j rejects negative and absurd thread counts, and -j 0 uses every core", "[cli][jobs]") {
  TempDir dir;
  make_corpus(dir.path() / "pages");
  const std::string pages = (dir.path() / "pages").string();

  for (const char* bad : {"-1", "257", "two", ""}) {
    const CommandResult result = run_winnow({"clean", "--jsonl", "-j", bad, pages});
    CAPTURE(bad);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(count_of(result.err, "winnow: error: ") == 1);
  }

  const CommandResult one = run_winnow({"clean", "--jsonl", "-j", "1", pages});
  const CommandResult all = run_winnow({"clean", "--jsonl", "-j", "0", pages});
  const CommandResult most = run_winnow({"clean", "--jsonl", "-j", "256", pages});
  CHECK(all.exit_code == one.exit_code);
  CHECK(all.out == one.out);
  CHECK(all.err == one.err);
  CHECK(most.out == one.out);
}
