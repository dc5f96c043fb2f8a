// End-to-end tests of `winnow serve`: the built binary on a real archive, spoken to over HTTP on 127.0.0.1.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/archive_pages.h"
#include "support/run_command.h"
#include "support/serve_process.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using winnow::test::article_page;
using winnow::test::run_winnow_archive;
using winnow::test::ServeProcess;
using winnow::test::TempDir;
using winnow::test::write_file;

const std::string kHarbour = "https://news.example.com/2024/harbour-budget";
const std::string kFerry = "https://other.example.org/ferry";

// Adds `html` to the archive at `db` as a capture of `url` at `time`; REQUIREs that it worked.
void add_page(const fs::path& db, const std::string& url, const std::string& time, const std::string& html) {
  static int counter = 0;
  const fs::path file = db.parent_path() / ("page" + std::to_string(++counter) + ".html");
  write_file(file, html);
  const auto added = run_winnow_archive({"add", "--archive", db.string(), "--url", url, "--time", time, "-q", file.string()});
  INFO(added.err);
  REQUIRE(added.exit_code == 0);
}

// Two URLs: the harbour story in two versions (a word changed, a sentence added), the ferry in one.
fs::path make_archive(const TempDir& dir) {
  const fs::path db = dir.path() / "winnow.db";
  add_page(db, kHarbour, "2024-05-01T10:00:00Z", article_page("Harbour budget approved", "the harbour", 4, 1));
  add_page(db, kHarbour, "2024-05-03T09:30:00Z",
           article_page("Harbour budget approved", "the harbour", 4, 2, "A correction: the vote was unanimous."));
  add_page(db, kFerry, "2024-05-02T08:00:00Z", article_page("Ferry timetable", "the ferry", 3, 3));
  return db;
}

httplib::Client client(const ServeProcess& server) {
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(120);
  return c;
}

std::string get_ok(httplib::Client& c, const std::string& target) {
  auto res = c.Get(target.c_str());
  INFO(target);
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  return res->body;
}

int status_of(httplib::Client& c, const std::string& target, const httplib::Headers& headers = {}) {
  auto res = c.Get(target.c_str(), headers);
  return res ? res->status : -1;
}

std::string encoded(const std::string& text) { return httplib::detail::encode_query_param(text); }

}  // namespace

TEST_CASE("serve: the pages show URLs, a timeline, versions, a word diff and search hits", "[e2e][serve]") {
  TempDir dir;
  const fs::path db = make_archive(dir);
  ServeProcess server(db.string());
  auto c = client(server);

  const std::string home = get_ok(c, "/");
  CHECK(home.find(kHarbour) != std::string::npos);
  CHECK(home.find(kFerry) != std::string::npos);
  CHECK(home.find("3 of 3 URLs") == std::string::npos);  // two URLs, not three
  CHECK(home.find("2 of 2 URLs") != std::string::npos);
  CHECK(home.find("label edited") != std::string::npos);  // the harbour's latest change
  // Filters: by site, by words of the URL or title, by date of the last capture.
  const std::string by_site = get_ok(c, "/?site=example.org");
  CHECK(by_site.find(kFerry) != std::string::npos);
  CHECK(by_site.find(kHarbour) == std::string::npos);
  const std::string by_words = get_ok(c, "/?q=harbour%20budget");
  CHECK(by_words.find(kHarbour) != std::string::npos);
  CHECK(by_words.find(kFerry) == std::string::npos);
  const std::string by_date = get_ok(c, "/?until=2024-05-02");
  CHECK(by_date.find(kFerry) != std::string::npos);
  CHECK(by_date.find(kHarbour) == std::string::npos);

  const std::string timeline = get_ok(c, "/url?url=" + encoded(kHarbour));
  CHECK(timeline.find("2024-05-01T10:00:00Z") != std::string::npos);
  CHECK(timeline.find("2024-05-03T09:30:00Z") != std::string::npos);
  CHECK(timeline.find("<svg class=\"chart\"") != std::string::npos);
  CHECK(timeline.find("name=\"a\" value=\"1\"") != std::string::npos);
  CHECK(timeline.find("name=\"b\" value=\"2\"") != std::string::npos);

  const std::string v1 = get_ok(c, "/version?url=" + encoded(kHarbour) + "&v=1");
  CHECK(v1.find("Paragraph 0 about the harbour") != std::string::npos);
  CHECK(v1.find("unanimous") == std::string::npos);
  CHECK(v1.find("rel=\"next\"") != std::string::npos);
  CHECK(v1.find("rel=\"prev\"") == std::string::npos);
  const std::string v2 = get_ok(c, "/version?url=" + encoded(kHarbour) + "&v=2");
  CHECK(v2.find("A correction: the vote was unanimous.") != std::string::npos);
  CHECK(v2.find("rel=\"prev\"") != std::string::npos);

  const std::string diff = get_ok(c, "/diff?url=" + encoded(kHarbour) + "&a=1&b=2");
  CHECK(diff.find("<ins>A correction: the vote was unanimous.") != std::string::npos);
  CHECK(diff.find("<del>") == std::string::npos);  // only words were added
  CHECK(diff.find("6 words inserted") != std::string::npos);
  CHECK(diff.find("id=\"side-by-side\"") != std::string::npos);
  const std::string reverse = get_ok(c, "/diff?url=" + encoded(kHarbour) + "&a=2&b=1");
  CHECK(reverse.find("<del>A correction: the vote was unanimous.") != std::string::npos);

  const std::string search = get_ok(c, "/search?q=unanimous");
  CHECK(search.find("<mark>unanimous</mark>") != std::string::npos);
  CHECK(search.find("/version?url=" + encoded(kHarbour) + "&amp;v=2") != std::string::npos);
  CHECK(search.find(kFerry) == std::string::npos);

  const std::string stats = get_ok(c, "/stats");
  CHECK(stats.find("<th>URLs</th><td>2</td>") != std::string::npos);
  CHECK(stats.find("<th>Captures</th><td>3</td>") != std::string::npos);
}

TEST_CASE("serve: /api/ returns exactly what the CLI's --json prints", "[e2e][serve]") {
  TempDir dir;
  const fs::path db = make_archive(dir);
  ServeProcess server(db.string());
  auto c = client(server);
  struct Case {
    std::string target;
    std::vector<std::string> cli;
  };
  const std::string a = db.string();
  const std::vector<Case> cases = {
      {"/api/list", {"list", "--archive", a, "--json"}},
      {"/api/list?site=example.org", {"list", "--archive", a, "--json", "--site", "example.org"}},
      {"/api/list?match=HARBOUR&until=2024-06-01", {"list", "--archive", a, "--json", "--match", "HARBOUR", "--until", "2024-06-01"}},
      {"/api/list?offset=1&limit=1", {"list", "--archive", a, "--json", "--offset", "1", "--limit", "1"}},
      {"/api/log?url=" + encoded(kHarbour), {"log", "--archive", a, "--json", kHarbour}},
      {"/api/show?url=" + encoded(kHarbour), {"show", "--archive", a, "--json", kHarbour}},
      {"/api/show?url=" + encoded(kHarbour) + "&version=1", {"show", "--archive", a, "--json", "--version", "1", kHarbour}},
      {"/api/show?url=" + encoded(kHarbour) + "&at=2024-05-02", {"show", "--archive", a, "--json", "--at", "2024-05-02", kHarbour}},
      {"/api/diff?url=" + encoded(kHarbour) + "&a=1&b=2", {"diff", "--archive", a, "--json", kHarbour, "1", "2"}},
      {"/api/diff?url=" + encoded(kHarbour), {"diff", "--archive", a, "--json", kHarbour}},
      {"/api/search?q=harbour%20budget&limit=5", {"search", "--archive", a, "--json", "--limit", "5", "harbour", "budget"}},
      {"/api/search?q=ferr*&fts=1", {"search", "--archive", a, "--json", "--fts", "ferr*"}},
      {"/api/stats", {"stats", "--archive", a, "--json"}},
  };
  for (const Case& test : cases) {
    INFO(test.target);
    const auto cli = run_winnow_archive(test.cli);
    INFO(cli.err);
    REQUIRE(cli.exit_code == 0);
    auto res = c.Get(test.target.c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK(res->body == cli.out);
  }
  // The list pages: one URL each, the two together being the whole list; each with its latest change.
  const json whole = json::parse(get_ok(c, "/api/list"));
  REQUIRE(whole.size() == 2);
  CHECK(json::parse(get_ok(c, "/api/list?limit=1"))[0] == whole[0]);
  CHECK(json::parse(get_ok(c, "/api/list?offset=1&limit=1"))[0] == whole[1]);
  for (const json& u : whole) CHECK((u["label"] == "new" || u["label"] == "edited"));
  // The diff's JSON carries the unified diff the text command prints.
  const auto text_diff = run_winnow_archive({"diff", "--archive", a, kHarbour, "1", "2"});
  CHECK(json::parse(get_ok(c, "/api/diff?url=" + encoded(kHarbour) + "&a=1&b=2"))["diff"] == text_diff.out);
}

TEST_CASE("serve: archived text that looks like markup renders inert on every page", "[e2e][serve][security]") {
  TempDir dir;
  const fs::path db = dir.path() / "winnow.db";
  const std::string url = "https://evil.example/page?next=javascript:alert(1)&x=\"onmouseover=alert(2)";
  const std::string hostile = "<script>alert('x')</script> \"onmouseover=alert(3) javascript:alert(4)";
  std::string escaped_title;
  for (const char ch : hostile) {
    if (ch == '<') escaped_title += "&lt;";
    else if (ch == '>') escaped_title += "&gt;";
    else if (ch == '&') escaped_title += "&amp;";
    else escaped_title += ch;
  }
  const std::string page1 =
      "<html><head><title>" + escaped_title + "</title></head><body><article><h1>" + escaped_title + "</h1><p>" +
      escaped_title + " and a paragraph about the harbour council, long enough to be an article's text, with "
      "<a href=\"javascript:alert(5)\">a javascript: link</a> and an <img src=x onerror=alert(6)> image.</p><p>" +
      escaped_title + " Another paragraph of prose about tide gauges that are read every minute of the day.</p>"
      "</article></body></html>";
  add_page(db, url, "2024-05-01T10:00:00Z", page1);
  std::string page2 = page1;
  page2.replace(page2.find("every minute"), 12, "every second &lt;/del&gt;&lt;script&gt;alert(7)&lt;/script&gt;");
  add_page(db, url, "2024-05-02T10:00:00Z", page2);
  ServeProcess server(db.string());
  auto c = client(server);
  const auto listed = run_winnow_archive({"list", "--archive", db.string(), "--json"});
  const std::string stored_url = json::parse(listed.out)[0]["url"];
  const std::string u = encoded(stored_url);
  const std::vector<std::string> targets = {
      "/", "/?q=" + encoded("<script>alert(8)</script>"), "/url?url=" + u, "/version?url=" + u + "&v=1",
      "/version?url=" + u + "&v=2", "/diff?url=" + u + "&a=1&b=2", "/search?q=harbour",
      "/search?q=" + encoded("\"onmouseover=alert(9) <script>"), "/raw?url=" + u + "&v=1",
      "/url?url=" + encoded("https://x.example/<script>alert(10)</script>\"onmouseover=x")};
  for (const std::string& target : targets) {
    INFO(target);
    auto res = c.Get(target.c_str());
    REQUIRE(res);
    const std::string& body = res->body;
    INFO(body);
    CHECK(body.find("<script") == std::string::npos);
    CHECK(body.find("<SCRIPT") == std::string::npos);
    CHECK(body.find("\"onmouseover=") == std::string::npos);
    CHECK(body.find("'onmouseover=") == std::string::npos);
    CHECK(body.find(" onmouseover=") == std::string::npos);
    CHECK(body.find("onerror=") == std::string::npos);
    CHECK(body.find("=\"javascript:") == std::string::npos);
    CHECK(body.find("</del><script") == std::string::npos);
    CHECK(res->get_header_value("Content-Security-Policy").find("default-src 'none'") == 0);
  }
  // The hostile title is there, as text.
  CHECK(get_ok(c, "/version?url=" + u + "&v=1").find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;onmouseover=alert(3)") !=
        std::string::npos);
}

TEST_CASE("serve: the raw capture is the exact bytes, sent sandboxed with no scripts and no requests", "[e2e][serve][security]") {
  TempDir dir;
  const fs::path db = make_archive(dir);
  ServeProcess server(db.string());
  auto c = client(server);
  auto res = c.Get(("/raw/bytes?url=" + encoded(kHarbour) + "&v=1").c_str());
  REQUIRE(res);
  CHECK(res->status == 200);
  const auto raw = run_winnow_archive({"show", "--archive", db.string(), "--raw", "--version", "1", kHarbour});
  CHECK(res->body == raw.out);
  const std::string policy = res->get_header_value("Content-Security-Policy");
  CHECK(policy.rfind("sandbox;", 0) == 0);
  CHECK(policy.find("allow-") == std::string::npos);  // no allow-scripts, no allow-same-origin
  CHECK(policy.find("default-src 'none'") != std::string::npos);
  CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(res->get_header_value("Set-Cookie").empty());
  const std::string frame = get_ok(c, "/raw?url=" + encoded(kHarbour) + "&v=1");
  CHECK(frame.find("<iframe class=\"raw\" title=\"raw capture\" sandbox=\"\"") != std::string::npos);
}

TEST_CASE("serve: bad requests get a 4xx answer and the server stays up", "[e2e][serve][security]") {
  TempDir dir;
  const fs::path db = make_archive(dir);
  ServeProcess server(db.string());
  auto c = client(server);
  const std::string u = encoded(kHarbour);
  const std::vector<std::pair<std::string, int>> cases = {
      {"/static/../../../../etc/passwd", 404},
      {"/static/..%2f..%2f..%2fetc%2fpasswd", 404},
      {"/../../etc/passwd", 404},
      {"/raw/bytes?url=" + encoded("file:///etc/passwd"), 404},
      {"/raw/bytes?url=" + encoded("../../etc/passwd"), 400},
      {"/nothing-here", 404},
      {"/version?url=" + u + "&v=99", 404},
      {"/version?url=" + u + "&v=0", 400},
      {"/version?url=" + u + "&v=-1", 400},
      {"/version?url=" + u + "&v=1e3", 400},
      {"/version?url=" + u + "&v=99999999999999999999", 400},
      {"/version?url=" + encoded("https://unknown.example/"), 404},
      {"/version", 400},
      {"/url?url=", 400},
      {"/url?url=" + encoded("ftp://x.example/"), 400},
      {"/diff?url=" + u + "&a=1&b=abc", 400},
      {"/diff?url=" + u + "&a=1&b=99", 404},
      {"/diff?url=" + u + "&a=1&a=2&b=2", 400},
      {"/diff?url=" + encoded(kFerry), 400},  // one version: nothing to compare
      {"/search?q=" + encoded("\"") + "&fts=1", 400},
      {"/search?q=x&fts=2", 400},
      {"/?page=0", 400},
      {"/?since=yesterday", 400},
      {"/api/show?url=" + u + "&version=x", 400},
      {"/api/show?url=" + u + "&version=0", 400},
      {"/api/show?url=" + u + "&version=7", 404},
      {"/api/log", 400},
      {"/api/log?url=" + encoded("https://unknown.example/"), 404},
      {"/api/search?q=", 400},
      {"/api/search?q=x&limit=0", 400},
      {"/api/search?q=AND+OR&fts=1", 400},
      {"/api/diff?url=" + u + "&b=2", 400},
      {"/api/list?limit=0", 400},
      {"/api/list?offset=-1", 400},
      {"/api/list?since=yesterday", 400},
      {"/api/list?site=a&site=b", 400},
      {"/api/nothing", 404},
      {"/api/LIST", 404},
      {"/?q=" + std::string(3000, 'x'), 400},
      {"/?q=" + std::string(100000, 'x'), 414},
  };
  for (const auto& [target, expected] : cases) {
    INFO(target.substr(0, 200));
    CHECK(status_of(c, target) == expected);
    REQUIRE(server.running());
  }
  // API errors are JSON.
  auto api_error = c.Get("/api/log");
  REQUIRE(api_error);
  CHECK(json::parse(api_error->body).contains("error"));
  // A page of another site whose name points here (DNS rebinding), and a form posted from another site.
  CHECK(status_of(c, "/", {{"Host", "attacker.example:" + std::to_string(server.port())}}) == 403);
  auto foreign = c.Post("/verify", {{"Origin", "http://attacker.example"}}, "", "application/x-www-form-urlencoded");
  REQUIRE(foreign);
  CHECK(foreign->status == 403);
  auto cross_site = c.Post("/verify", {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "null"}}, "",
                           "application/x-www-form-urlencoded");
  REQUIRE(cross_site);
  CHECK(cross_site->status == 403);
  CHECK(status_of(c, "/verify") == 200);
  CHECK(get_ok(c, "/verify").find("Verify the archive") != std::string::npos);  // it did not start
  // Methods other than GET (and POST /verify) are refused.
  auto deleted = c.Delete("/");
  REQUIRE(deleted);
  CHECK(deleted->status >= 400);
  CHECK(deleted->status < 500);
  REQUIRE(server.running());
  CHECK(status_of(c, "/") == 200);
}

TEST_CASE("serve: listens on loopback unless --listen says otherwise, and then warns", "[e2e][serve][security]") {
  TempDir dir;
  const fs::path db = make_archive(dir);
  // The host defaults to 127.0.0.1 when --listen gives a port alone.
  ServeProcess local(db.string(), "0");
  CHECK(local.host() == "127.0.0.1");
  CHECK(local.log().find("warning") == std::string::npos);
  // The kernel's table of listening TCP sockets: ours is bound to 127.0.0.1 only.
  char port_hex[8];
  std::snprintf(port_hex, sizeof port_hex, ":%04X", local.port());
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  int listening = 0;
  while (std::getline(tcp, line)) {
    std::istringstream fields(line);
    std::string slot, local_address, remote, state;
    fields >> slot >> local_address >> remote >> state;
    if (state != "0A" || local_address.size() < 5 || local_address.substr(local_address.size() - 5) != port_hex) continue;
    ++listening;
    CHECK(local_address == std::string("0100007F") + port_hex);
  }
  CHECK(listening == 1);

  ServeProcess public_server(db.string(), "0.0.0.0:0");
  CHECK(public_server.log().find("warning: serve: listening on 0.0.0.0, not on loopback") != std::string::npos);
  httplib::Client c("127.0.0.1", public_server.port());
  CHECK(status_of(c, "/") == 200);

  const auto bad = winnow::test::run_command({WINNOW_BIN, "serve", "--archive", db.string(), "--listen", "127.0.0.1:99999"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--listen") != std::string::npos);
  const auto missing = winnow::test::run_command(
      {WINNOW_BIN, "serve", "--archive", (dir.path() / "none.db").string(), "--listen", "127.0.0.1:0"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("no archive at") != std::string::npos);
}

TEST_CASE("serve: shows what another process adds while it runs, logs each request, stops on a signal", "[e2e][serve]") {
  TempDir dir;
  const fs::path db = make_archive(dir);
  ServeProcess server(db.string());
  auto c = client(server);
  CHECK(json::parse(get_ok(c, "/api/log?url=" + encoded(kFerry))).size() == 1);
  const std::string before = get_ok(c, "/?site=example.org");
  CHECK(before.find("label new") != std::string::npos);
  CHECK(before.find("label edited") == std::string::npos);
  const std::int64_t captures = json::parse(get_ok(c, "/api/stats"))["captures"].get<std::int64_t>();
  CHECK(get_ok(c, "/stats").find("<th>Captures</th><td>" + std::to_string(captures) + "</td>") != std::string::npos);
  add_page(db, kFerry, "2024-05-04T08:00:00Z",
           article_page("Ferry timetable", "the ferry", 3, 4, "The evening ferry is cancelled."));
  CHECK(json::parse(get_ok(c, "/api/log?url=" + encoded(kFerry))).size() == 2);
  // The statistics are kept between requests, but not past a new capture.
  CHECK(json::parse(get_ok(c, "/api/stats"))["captures"].get<std::int64_t>() == captures + 1);
  CHECK(get_ok(c, "/stats").find("<th>Captures</th><td>" + std::to_string(captures + 1) + "</td>") !=
        std::string::npos);
  const std::string after = get_ok(c, "/?site=example.org");
  CHECK(after.find("label edited") != std::string::npos);
  CHECK(after.find("<td>2</td><td>2</td><td>2024-05-04T08:00:00Z</td>") != std::string::npos);
  CHECK(get_ok(c, "/url?url=" + encoded(kFerry)).find("2024-05-04T08:00:00Z") != std::string::npos);
  const std::string log = server.log();
  CHECK(log.find("127.0.0.1 GET /api/log?url=") != std::string::npos);
  CHECK(log.find(" 200 ") != std::string::npos);
  CHECK(server.stop(SIGINT) == 0);
  CHECK(server.log().find("stopped (SIGINT)") != std::string::npos);

  ServeProcess second(db.string());
  CHECK(second.stop(SIGTERM) == 0);
  CHECK(second.log().find("stopped (SIGTERM)") != std::string::npos);
}

TEST_CASE("serve: verify starts from the stats page and reports its result", "[e2e][serve]") {
  TempDir dir;
  const fs::path db = make_archive(dir);
  ServeProcess server(db.string());
  auto c = client(server);
  CHECK(get_ok(c, "/stats").find("action=\"/verify\" method=\"post\"") != std::string::npos);
  const std::string origin = "http://127.0.0.1:" + std::to_string(server.port());
  auto started = c.Post("/verify", {{"Origin", origin}}, "", "application/x-www-form-urlencoded");
  REQUIRE(started);
  CHECK(started->status == 303);
  CHECK(started->get_header_value("Location") == "/verify");
  std::string page;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  do {
    page = get_ok(c, "/verify");
    if (page.find("class=\"ok\"") != std::string::npos) break;
    CHECK(page.find("http-equiv=\"refresh\"") != std::string::npos);  // still running: the page reloads itself
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (std::chrono::steady_clock::now() < deadline);
  CHECK(page.find("ok: ") != std::string::npos);
  CHECK(page.find("3 captures checked") != std::string::npos);
  CHECK(get_ok(c, "/stats").find("Verify again") != std::string::npos);
}
