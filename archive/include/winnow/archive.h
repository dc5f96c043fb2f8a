// Public API of winnow::archive: every version of every page in one SQLite file, compressed, deduplicated, verifiable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/result.h"

namespace winnow::archive {

// HTTP response headers as received, in order (names as sent).
using Headers = std::vector<std::pair<std::string, std::string>>;

// One capture to record: what a fetch (or a saved file) gave for a URL.
struct CaptureInput {
  std::string url;           // absolute http(s) or file URL; normalised by the archive
  std::string time;          // ISO 8601 (see parse_time); empty = now
  int status = 0;            // HTTP status; 0 when unknown (a saved file)
  Headers headers;           // empty when unknown
  std::string raw;           // the bytes exactly as received
  std::string charset;       // forced charset label for cleaning; empty = detect
};

// How a version's article compares with the URL's previous version in time
// (the one whose captures come just before its first capture). Versions are
// numbered in time order: a capture stored with a time before the URL's
// latest capture takes its place in the timeline, later versions are
// renumbered and the labels around it are worked out again.
enum class ChangeLabel {
  kNew,        // the URL's first version, or an article mostly rewritten (more than half its words)
  kEdited,     // the article text changed; words_changed says by how much
  kUnchanged,  // the page bytes changed but the article text did not (only boilerplate moved)
};

// "new", "edited" or "unchanged".
std::string_view label_name(ChangeLabel label);

// What add_capture() / add_not_modified() / add_gone() did.
struct AddResult {
  std::string url;              // the normalised URL
  std::string time;             // the capture's time, "YYYY-MM-DDTHH:MM:SSZ"
  std::int64_t capture_id = 0;
  int version = 0;              // the URL's version number (1, 2, ...) the capture belongs to
  bool new_version = false;     // false: same bytes as the version before it in time (or a 304 / gone)
  bool blob_existed = false;    // the raw bytes were already stored (for this or another URL)
  ChangeLabel label = ChangeLabel::kNew;  // the version's label
  std::size_t words_changed = 0;          // the version's words changed against the previous one
  std::size_t raw_size = 0;               // the capture's raw byte count
  std::size_t stored_size = 0;            // bytes this capture added to the blob store (0 when deduplicated)
  std::string warning;                    // e.g. "no article text found"; empty if none
};

// A capture prepared for storage: cleaned and hashed, not yet stored.
// Made by prepare_capture() on any thread; stored by Archive::store().
struct PreparedCapture {
  CaptureInput input;
  std::string url;        // normalised
  std::string site;       // registrable host ("example.co.uk"), "file" for file URLs
  std::string time;       // normalised, "YYYY-MM-DDTHH:MM:SSZ"; when input.time is empty, store() takes the time it stores at
  std::string raw_sha256;     // 32 bytes
  std::string title;
  std::string text;           // the article: title, a blank line, the body (as `winnow clean` prints it)
  std::string text_sha256;    // 32 bytes, of `text`
  std::string metadata_json;  // title, authors, dates, site name, language... as one JSON object
  std::size_t word_count = 0;
  std::string warning;
};

// Normalises and cleans `input` and hashes its bytes, touching no database, so
// it can run on a worker thread; thread-safe (archive add -j runs several). Fails with kInvalidInput for a bad URL or
// time, and with clean_html's errors (kInvalidInput for empty or binary bytes,
// kTooLarge above 64 MiB).
Result<PreparedCapture> prepare_capture(CaptureInput input);

// A URL in the archive.
struct UrlSummary {
  std::string url;
  int versions = 0;
  int captures = 0;
  std::string last_capture;  // time of the latest capture
  std::string title;         // the latest version's title
  ChangeLabel label = ChangeLabel::kNew;  // the latest version's label
  std::size_t words_changed = 0;          // ... and its words changed
  bool gone = false;                      // the latest capture was a 404 or 410
};

// Which URLs list() returns: those matching every filter given, sorted by URL, `offset` of them skipped and at most
// `limit` kept (0: no limit).
struct ListQuery {
  std::string site;                // the URL's site as site_of() names it ("example.co.uk"); empty: any site
  std::string since;               // ISO 8601: last capture at or after it (parse_time); empty: any
  std::string until;               // ISO 8601: last capture at or before it (parse_time_at); empty: any
  std::string match;               // each of its words (split at spaces) occurs in the URL or the latest title,
                                   // ASCII letters in either case; empty: no condition
  std::size_t offset = 0;
  std::size_t limit = 0;
};

// One page of list(query): the URLs kept, how many matched the filters in all, and how many the archive holds.
struct UrlList {
  std::vector<UrlSummary> urls;
  std::size_t matching = 0;
  std::size_t total = 0;
};

// One capture in a URL's timeline, with the version it belongs to.
struct LogEntry {
  std::string time;
  int status = 0;             // 0 when unknown
  int version = 0;
  bool new_version = false;   // this capture introduced the version
  bool not_modified = false;  // recorded from a 304 response
  bool gone = false;          // recorded from a 404 or 410: the page was gone; `version` is the last content before it
  std::size_t size = 0;       // raw bytes of the version
  ChangeLabel label = ChangeLabel::kNew;
  std::size_t words_changed = 0;
};

// One stored version, as show() returns it.
struct Version {
  std::string url;
  int version = 0;
  int versions = 0;            // how many versions the URL has
  std::string first_capture;   // time of the capture that introduced it
  int status = 0;
  Headers headers;             // of that capture
  ChangeLabel label = ChangeLabel::kNew;
  std::size_t words_changed = 0;
  std::size_t raw_size = 0;
  std::string raw_sha256_hex;
  std::string title;
  std::string metadata_json;   // see PreparedCapture::metadata_json
  std::string text;            // the article: title, a blank line, the body
  // Set when the capture that chose this version (the URL's latest, or the one
  // current at VersionSelector::at) was a 404 or 410: its status and time. The
  // version is then the last content seen before the page went away.
  int gone_status = 0;
  std::string gone_time;
};

// Which version of a URL to read.
struct VersionSelector {
  std::optional<int> version;   // 1-based in time order; negative counts from the latest (-1 = latest)
  std::optional<std::string> at;  // the version current at this ISO 8601 time (parse_time_at: a date means its end)
};

// One search hit (the latest matching version of each URL).
struct SearchHit {
  std::string url;
  int version = 0;
  std::string title;
  std::string snippet;   // matched words in [brackets], cuts marked with "…"
  double score = 0;      // lower is better: minus the number of the query's words in the title
};

// How search() reads its query.
enum class QuerySyntax {
  kWords,  // plain words, all of which must occur, and "exact phrases"; no character has another meaning
  kFts5,   // SQLite FTS5 query syntax: AND, OR, NOT, NEAR(), prefix*, column filters, "phrases"
};

// The FTS5 expression search() runs for `query`. kWords: each word (a run of
// non-space characters) and each "quoted phrase" becomes an FTS5 string, so
// don't, U.S., C++, 50% and plant-based match as written; words without a
// letter or digit are dropped. kFts5: the query itself, checked against an
// in-memory FTS5 table. Fails with kInvalidInput for a query with no words,
// or an FTS5 query FTS5 rejects (the message names FTS5's complaint).
Result<std::string> search_expression(std::string_view query, QuerySyntax syntax);

// One capture as captures() lists it: enough to export it as a WARC record.
struct CaptureRecord {
  std::string url;             // normalised
  std::string time;            // "YYYY-MM-DDTHH:MM:SSZ"
  int status = 0;              // HTTP status; 0 for a saved file (no HTTP exchange)
  Headers headers;             // as received; empty for a saved file
  int version = 0;             // the version it belongs to (its bytes are raw(url, {version}))
  bool new_version = false;    // it introduced the version; a later capture repeats bytes already seen
  bool not_modified = false;   // a 304: no bytes of its own
  bool gone = false;           // a 404 or 410: no bytes of its own
  std::size_t raw_size = 0;    // bytes of its version
  std::string raw_sha256_hex;  // of its version's bytes
};

// Which captures captures() lists.
struct CaptureFilter {
  std::vector<std::string> urls;  // only these URLs (normalised first); empty = every URL
  std::string since;              // ISO 8601: captures at or after it (parse_time); empty = no bound
  std::string until;              // ISO 8601: captures at or before it (parse_time_at); empty = no bound
};

// Sizes and counts for `stats`.
struct Stats {
  std::int64_t urls = 0;
  std::int64_t captures = 0;
  std::int64_t versions = 0;
  std::int64_t page_blobs = 0;         // distinct raw pages
  std::int64_t raw_bytes = 0;          // their total size
  std::int64_t captured_bytes = 0;     // raw bytes over all captures, before deduplication
  std::int64_t page_stored_bytes = 0;  // what the raw pages take compressed
  std::int64_t text_blobs = 0;         // distinct article texts
  std::int64_t text_bytes = 0;
  std::int64_t text_stored_bytes = 0;
  std::int64_t dictionaries = 0;
  std::int64_t dictionary_bytes = 0;
  std::int64_t stored_bytes = 0;       // page + text + dictionary bytes
  std::int64_t file_bytes = 0;         // the database file (with its -wal file)
  std::int64_t metadata_stored_bytes = 0;  // the articles' metadata (JSON), compressed
  std::int64_t packs = 0;              // packs: full copies compressed together (pack(), compact())
  std::int64_t open_blobs = 0;         // full copies in no pack yet (each its own zstd frame until pack())
  // Where the file's bytes go, by SQLite page (with the -wal file, they add up to file_bytes):
  std::int64_t file_content_bytes = 0;  // pages, texts and metadata: blobs, packs, dictionaries
  std::int64_t file_index_bytes = 0;    // the search index
  std::int64_t file_table_bytes = 0;    // URLs, versions, captures, their indexes and the schema
  std::int64_t file_free_bytes = 0;     // free pages (compact() gives them back)
};

// Validators of a URL's latest capture, for conditional GETs.
struct Validators {
  std::string etag;            // empty when the capture had none
  std::string last_modified;   // empty when the capture had none
};

// What verify() found; empty `problems` means the archive is sound.
struct VerifyReport {
  std::int64_t blobs_checked = 0;
  std::int64_t versions_checked = 0;
  std::int64_t captures_checked = 0;
  std::vector<std::string> problems;
};

// Where a running verify() is: check `step` of `steps` (from 1), named `what`, and within it `done` of `total`
// items (0 of 0 for a check that is not counted in items).
struct VerifyProgress {
  int step = 0;
  int steps = 0;
  std::string what;
  std::int64_t done = 0;
  std::int64_t total = 0;
};

// What Archive::merge() did, so far (progress) or in all (its result).
struct MergeReport {
  std::int64_t shards = 0;           // shard archives opened
  std::int64_t captures_total = 0;   // captures in them, all told
  std::int64_t captures_read = 0;    // captures looked at so far
  std::int64_t captures_stored = 0;  // of which stored into this archive
  std::int64_t already_stored = 0;   // of which this archive already held (skipped)
  std::int64_t new_versions = 0;     // stored captures that made a new version
  std::int64_t cleaned_again = 0;    // stored captures whose page was cleaned again (see merge())
};

// Tuning for Archive::open (defaults are what the CLI uses).
struct OpenOptions {
  bool read_only = false;     // open an existing archive for reading only; never creates
  bool create = true;         // make a new archive when none exists at the path (ignored when read_only)
  int compression_level = 6;  // zstd level of an open full copy (until pack() seals it)
  int delta_level = 3;        // zstd level for deltas (they find their matches in the base, cheaply)
  int full_every = 16;        // a full copy every N blobs of a URL; reads decode at most log2(N)+1 frames
  bool sync_full = false;     // fsync every commit (survives power loss); default survives crashes
  // Packs: full copies are stored "open" (each its own zstd frame, at compression_level) until pack()
  // gathers them, sorted by site, into packs compressed together, where pages of a site share one window.
  int pack_level = 18;                       // zstd level of a pack of a batch (written once, read often)
  int small_pack_level = 12;                 // ... of a seal of less than pack_bytes (single adds: it stays fast)
  std::int64_t pack_bytes = 12 << 20;        // a pack's members together, about (a read decodes one pack)
  std::int64_t pack_min_bytes = 4 << 20;     // pack() seals the open blobs once they hold this much
  std::int64_t pack_auto_bytes = 64 << 20;   // store() seals them itself past this, so a long batch stays bounded
  int compact_level = 19;                    // zstd level of the packs compact() writes
};

// What Archive::pack() or compact() did.
struct PackReport {
  std::int64_t packs = 0;         // packs written
  std::int64_t blobs = 0;         // blobs moved into them
  std::int64_t raw_bytes = 0;     // those blobs' bytes
  std::int64_t stored_bytes = 0;  // the packs' compressed bytes
  std::int64_t file_bytes_before = 0;  // the database file with its -wal file, before ...
  std::int64_t file_bytes_after = 0;   // ... and after (compact() only; pack() leaves them 0)
};

// An open archive file. Move-only; closing (destruction) never fails loudly.
// One Archive is used by one thread at a time; several processes may open the
// same file at once (writers wait for each other, readers never block).
class Archive {
 public:
  // Opens the archive at `path`, creating it (and only the file, not missing
  // directories) unless options.read_only. Anything at `path` that is not a
  // regular file (a directory, device, FIFO, socket, /proc or /sys file) is
  // refused before SQLite sees it, so nothing is created beside it. Fails
  // with kInvalidInput for such a path, or when the file is not a winnow
  // archive (another SQLite database, or not SQLite at all) or is damaged;
  // kIo when it cannot be opened or created (the message names the cause:
  // missing directory, permission denied, read-only file system, no space);
  // kUnsupported for an archive written by a newer winnow.
  static Result<Archive> open(const std::string& path, const OpenOptions& options = {});

  Archive(Archive&&) noexcept;
  Archive& operator=(Archive&&) noexcept;
  ~Archive();

  // The file this archive lives in.
  const std::string& path() const;

  // prepare_capture() then store(); see both.
  Result<AddResult> add_capture(CaptureInput input);

  // Stores a prepared capture in one transaction: a new version (raw bytes
  // stored once, as a delta or full copy), or a capture of the latest version
  // when the bytes equal it. A capture older than the URL's latest capture
  // goes where its time puts it: it joins the version current then when the
  // bytes equal it, and otherwise splits the timeline there (versions after
  // it are renumbered; see ChangeLabel). On failure nothing is stored. Fails with kIo
  // (disk full, file size limit, read-only, waited too long for other
  // writers), kInvalidInput (damaged archive).
  Result<AddResult> store(const PreparedCapture& capture);

  // Records a 304 Not Modified for `url` at `time` (ISO 8601, empty = now): a
  // capture of the version current at that time (the latest, for now) with
  // status 304 and `headers`. Fails with kNotFound when the URL has no
  // version before `time`, kInvalidInput when it is malformed, kIo as store().
  Result<AddResult> add_not_modified(const std::string& url, const std::string& time, const Headers& headers);

  // Records that `url` answered `status` (404 or 410) at `time` (ISO 8601,
  // empty = now): a capture with no bytes of its own, belonging to the version
  // current at that time, shown as gone by log() and show(). Fails with
  // kInvalidInput for another status or a malformed URL, kNotFound for a URL
  // with no version before `time`; kIo as store().
  Result<AddResult> add_gone(const std::string& url, const std::string& time, int status, const Headers& headers);

  // ETag and Last-Modified of the URL's latest capture that had either (none
  // when the latest capture was gone, so the page is fetched whole);
  // nullopt when the URL is not in the archive. Fails with kInvalidInput for
  // a malformed URL, kIo on read errors.
  Result<std::optional<Validators>> validators(const std::string& url);

  // Every URL, sorted by URL.
  Result<std::vector<UrlSummary>> list();

  // The URLs `query` selects, one page of them, with the counts a pager needs. Reads only the page's rows and
  // the archive's URL index (filters by date or words look at every URL's latest capture or title). Fails with
  // kInvalidInput for a malformed since or until time, kIo on read errors.
  Result<UrlList> list(const ListQuery& query);

  // The URL's captures in time order, oldest first (equal times in the order stored). Fails with kNotFound when the URL
  // is not in the archive (the message says so).
  Result<std::vector<LogEntry>> log(const std::string& url);

  // One version with its article text (default: the latest, the version of
  // the URL's latest capture in time). Fails with
  // kNotFound for an unknown URL, a version out of range, or a time before
  // the first capture; kInvalidInput for a malformed URL or time.
  Result<Version> show(const std::string& url, const VersionSelector& which = {});

  // The exact raw bytes of a version, checked against their SHA-256. Fails as
  // show(), and with kInvalidInput when a blob is damaged.
  Result<std::string> raw(const std::string& url, const VersionSelector& which = {});

  // A unified diff (3 lines of context) of the article text of versions `a`
  // and `b` of `url`; default the last two. Empty when the texts are equal.
  // Fails as show(), and when the URL has a single version and no pair is given.
  Result<std::string> diff(const std::string& url, std::optional<int> a, std::optional<int> b);

  // Full-text search over titles and article text: one hit per URL, its latest
  // version that matches; URLs whose title holds more of the query's words
  // first, then by URL; at most `limit`. The query is read as search_expression() reads it
  // (plain words by default). Fails with kInvalidInput for an empty query or,
  // with QuerySyntax::kFts5, a malformed one (as search_expression()).
  Result<std::vector<SearchHit>> search(const std::string& query, int limit = 20,
                                        QuerySyntax syntax = QuerySyntax::kWords);

  // The captures `filter` selects, by URL (sorted) then time (equal times in
  // the order stored). Metadata only; read the bytes with raw(url, {version}).
  // Fails with kNotFound for a URL given that is not in the archive,
  // kInvalidInput for a malformed URL or time, kIo on read errors.
  Result<std::vector<CaptureRecord>> captures(const CaptureFilter& filter = {});

  // True when `url` already has a capture at `time` (ISO 8601, as parse_time
  // reads it) with HTTP `status` and, when `raw_sha256` (32 bytes, as
  // PreparedCapture::raw_sha256) is not empty, with those bytes. Lets an
  // import skip what an earlier import stored. False for an unknown URL.
  // Fails with kInvalidInput for a malformed URL or time, kIo on read errors.
  Result<bool> has_capture(const std::string& url, const std::string& time, int status, std::string_view raw_sha256);

  // Stores every capture of the archives at `shard_paths` (opened read-only,
  // never changed) into this one, as if one process had added them all in
  // time order: the shards' captures are read together in time order (equal
  // times: shard order, then the order each shard stored them) and each goes
  // through store() (pages), add_not_modified() (304) or add_gone() (404,
  // 410) with its own time, status and headers. So identical bytes are stored
  // once, a URL's versions are numbered in time order across shards and their
  // labels are worked out again where shards meet; captures older than what
  // this archive already holds take their place in its timeline.
  // Nothing is cleaned again: a page's title, article, metadata and word count
  // come from the shard. The one exception: a capture whose bytes its shard
  // already had from an earlier capture with another Content-Type header
  // (which can change the charset the page is read in) is cleaned with its own
  // header, as adding it would have (counted in cleaned_again).
  // A capture this archive already holds (same URL, time, status and kind,
  // and for a page the same bytes) is skipped, so merging a shard twice adds
  // nothing; a shard holding such a capture n times gives n (the most any
  // one shard holds, not the sum over shards).
  // Memory: the bytes of the capture being stored (and each archive's small
  // cache of recent blobs), and SQLite's sort of each shard's captures by
  // time, which spills to a temporary file when large; never a whole shard.
  // `progress`, when set, is called after each capture read.
  // Each capture is stored in its own transaction: on failure the captures
  // stored before it stay (merging again carries on where it stopped) and the
  // Error names the shard and the capture. Fails with kInvalidInput when this
  // archive was opened read-only, a shard is this archive's own file, or a
  // shard is not a winnow archive or is damaged; kIo when a shard cannot be
  // opened (missing, unreadable) or when storing fails (as store()).
  Result<MergeReport> merge(const std::vector<std::string>& shard_paths,
                            const std::function<void(const MergeReport&)>& progress = {});

  // Ends a batch: seals the open blobs (full copies stored since the last
  // pack) into packs when they hold at least options.pack_min_bytes, or any
  // at all when `force`: sorted by site, cut into packs of about
  // options.pack_bytes (texts and metadata first, then pages), each one zstd
  // frame at options.pack_level. It also merges the search index's segments
  // (all of them while the index is under ~16 MB, a bounded share beyond)
  // and gives free pages back to the file. Writers call it when a batch ends
  // (store() seals by itself past options.pack_auto_bytes). One transaction:
  // a crash or a failure leaves the blobs open and readable. Fails with
  // kInvalidInput when read-only, or as store() does.
  Result<PackReport> pack(bool force = false);

  // Rewrites the archive as tightly as it can hold: every full copy repacked
  // by site at options.compact_level (old packs and a format-1 archive's
  // frames and dictionaries included), then SQLite's VACUUM. Each step is a
  // transaction of its own, so a crash at any point leaves an archive that
  // reads the same bytes (at worst not yet compacted). Needs free disk space
  // about the archive's size. Fails with kInvalidInput when read-only, kIo
  // when the disk is full (nothing is lost), or as store() does.
  Result<PackReport> compact();

  // Counts and sizes.
  Result<Stats> stats();

  // Decompresses every blob and rechecks every hash, version, capture and
  // index row. Problems are listed in the report; only a failure to read the
  // file at all is an error. `progress`, when given, is called on the calling
  // thread at the start of each check and every 64 packs or blobs within one.
  Result<VerifyReport> verify(const std::function<void(const VerifyProgress&)>& progress = {});

  class Impl;

 private:
  explicit Archive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Normalises a URL as the WHATWG URL standard does, so one page has one key:
// scheme lower-cased; host percent-decoded, lower-cased and, when
// international, in its xn-- form (IDNA, UTS #46 non-transitional: "bücher.example"
// and "XN--BCHER-KVA.example" are both "xn--bcher-kva.example"); default port,
// fragment and empty path ("/") settled; dot segments removed ("/a/../b",
// "/a/%2e/b"); spaces, non-ASCII bytes and the other bytes browsers encode
// percent-encoded in path, query and user name or password (empty ones are
// dropped), and escapes upper-cased ("%c3%bc" -> "%C3%BC"), so a key is ASCII. Accepts http, https and file URLs; fails with kInvalidInput
// otherwise (control characters, a bad port, a host with forbidden characters
// or that IDNA refuses), saying what is wrong.
Result<std::string> normalize_url(std::string_view url);

// The file:// URL of an absolute local path, every byte a URL path cannot
// hold as it is percent-encoded (spaces, '#', '?', '%', '\\', controls,
// non-ASCII and non-UTF-8 bytes as %XX) and "." and ".." segments resolved,
// so every file has its own URL and normalize_url() accepts it unchanged:
// "/tmp/page#1.html" -> "file:///tmp/page%231.html", "/tmp/./a/../b" -> "file:///tmp/b".
std::string file_url(std::string_view absolute_path);

// The site a normalised URL belongs to, the order packs are sorted in:
// the registrable part of the host ("news.example.co.uk" -> "example.co.uk"),
// "file" for file URLs.
std::string site_of(std::string_view normalized_url);

// Parses an ISO 8601 time ("2024-05-01", "2024-05-01T10:00", "…:30Z",
// "…+02:00", fractions ignored) into "YYYY-MM-DDTHH:MM:SSZ" (UTC). A time
// without a zone is UTC. Fails with kInvalidInput.
Result<std::string> parse_time(std::string_view text);

// As parse_time(), for "as of" times: a date alone ("2024-05-01") means the
// end of that day (23:59:59Z), so it includes that day's captures.
Result<std::string> parse_time_at(std::string_view text);

// The current time as "YYYY-MM-DDTHH:MM:SSZ".
std::string now_utc();

// The default archive location: $WINNOW_ARCHIVE if set and non-empty, else "winnow.db".
std::string default_archive_path();

// The versions of SQLite and zstd this process runs with ("3.40.1", "1.5.4"). Thread-safe.
std::string sqlite_version();
std::string zstd_version();

}  // namespace winnow::archive
