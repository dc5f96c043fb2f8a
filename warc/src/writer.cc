// Writer: records to a temporary file (gzip member or zstd frame each), renamed into place by finish().
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include "compress.h"
#include "digest.h"
#include "record_builder.h"
#include "winnow/warc.h"
#include "zstd_dictionary.h"

namespace winnow::warc {
namespace {

// The record a repeated payload points back to.
struct Original {
  std::string record_id;
  std::string url;
  std::string date;
};

}  // namespace

struct Writer::Impl {
  std::string path;
  std::string temp_path;  // "" when writing to stdout
  int fd = -1;
  WriterOptions options;
  std::unique_ptr<ZstdFrames> zstd;
  uint64_t written = 0;
  bool started = false;  // the warcinfo record (and any dictionary frame) is out
  bool finished = false;
  std::map<std::string, Original> payloads;  // payload digest -> first record with it

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (fd > 1) ::close(fd);
    if (!finished && !temp_path.empty()) ::unlink(temp_path.c_str());
  }

  Error io_error(const std::string& what) const {
    return Error{ErrorKind::kIo, path + ": cannot " + what + ": " + std::strerror(errno)};
  }

  Result<bool> write_bytes(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t done = ::write(fd, bytes.data(), bytes.size());
      if (done < 0) {
        if (errno == EINTR) continue;
        return io_error("write");
      }
      bytes.remove_prefix(static_cast<std::size_t>(done));
      written += static_cast<uint64_t>(done);
    }
    return true;
  }

  Result<Placement> write_record(const Headers& fields, std::string_view block, RecordType type) {
    const std::string bytes = record_bytes(fields, block);
    Placement placement{written, 0, fields[1].second, type};
    Result<bool> ok = options.compression == Compression::kGzip   ? write_bytes(gzip_member(bytes, options.gzip_level))
                      : options.compression == Compression::kZstd ? write_bytes(zstd->frame(bytes))
                                                                  : write_bytes(bytes);
    if (!ok) return ok.error();
    placement.length = written - placement.offset;
    return placement;
  }

  Result<bool> start() {
    if (started) return true;
    started = true;
    Headers fields{{"WARC-Type", "warcinfo"},
                   {"WARC-Record-ID", new_record_id()},
                   {"WARC-Date", now_iso8601()},
                   {"WARC-Filename", path == "-" ? std::string("-") : std::filesystem::path(path).filename().string()},
                   {"Content-Type", "application/warc-fields"}};
    Result<Placement> info = write_record(fields, warcinfo_block(options), RecordType::kWarcinfo);
    if (!info) return info.error();
    return true;
  }

  Result<std::vector<Placement>> write(const Capture& capture) {
    if (finished) return Error{ErrorKind::kInvalidInput, path + ": write() after finish()"};
    if (capture.url.empty()) return Error{ErrorKind::kInvalidInput, "a capture to write has no URL"};
    Result<bool> begun = start();
    if (!begun) return begun.error();
    const std::string date = capture.date.empty() ? now_iso8601() : capture.date;
    const std::string head = capture_head(capture);
    const bool http = !head.empty();
    const std::string response_id = new_record_id();
    std::vector<Placement> placements;
    Headers common{{"WARC-Date", date}, {"WARC-Target-URI", capture.url}};
    if (!capture.ip_address.empty()) common.emplace_back("WARC-IP-Address", capture.ip_address);

    if (!capture.request_head.empty()) {
      Headers fields{{"WARC-Type", "request"}, {"WARC-Record-ID", new_record_id()}};
      fields.insert(fields.end(), common.begin(), common.end());
      fields.emplace_back("WARC-Concurrent-To", response_id);
      fields.emplace_back("WARC-Block-Digest", sha1_base32(capture.request_head));
      fields.emplace_back("Content-Type", "application/http; msgtype=request");
      Result<Placement> placed = write_record(fields, capture.request_head, RecordType::kRequest);
      if (!placed) return placed.error();
      placements.push_back(placed.value());
    }

    const std::string payload_digest = sha1_base32(capture.payload);
    const auto original = capture.payload.empty() ? payloads.end() : payloads.find(payload_digest);
    const bool revisit = original != payloads.end();
    const RecordType type = revisit ? RecordType::kRevisit : http ? RecordType::kResponse : RecordType::kResource;
    Headers fields{{"WARC-Type", std::string(record_type_name(type))}, {"WARC-Record-ID", response_id}};
    fields.insert(fields.end(), common.begin(), common.end());
    std::string block = head;
    if (revisit) {
      fields.emplace_back("WARC-Profile", std::string(kRevisitProfile));
      fields.emplace_back("WARC-Refers-To", original->second.record_id);
      fields.emplace_back("WARC-Refers-To-Target-URI", original->second.url);
      fields.emplace_back("WARC-Refers-To-Date", original->second.date);
    } else {
      block += capture.payload;
    }
    fields.emplace_back("WARC-Payload-Digest", payload_digest);
    fields.emplace_back("WARC-Block-Digest", sha1_base32(block));
    if (http) {
      fields.emplace_back("Content-Type", "application/http; msgtype=response");
    } else if (!revisit) {
      fields.emplace_back("Content-Type", capture.content_type.empty() ? "application/octet-stream" : capture.content_type);
    }
    Result<Placement> placed = write_record(fields, block, type);
    if (!placed) return placed.error();
    placements.push_back(placed.value());
    if (!revisit && !capture.payload.empty()) payloads.emplace(payload_digest, Original{response_id, capture.url, date});
    return placements;
  }
};

Writer::Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Writer::Writer(Writer&&) noexcept = default;
Writer& Writer::operator=(Writer&&) noexcept = default;
Writer::~Writer() = default;

Result<Writer> Writer::create(const std::string& path, WriterOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = std::move(options);
  if (impl->options.compression == Compression::kZstd) impl->zstd = std::make_unique<ZstdFrames>(impl->options.zstd_level);
  if (path == "-") {
    impl->fd = 1;
  } else {
    impl->temp_path = path + ".tmp-XXXXXX";
    impl->fd = ::mkstemp(impl->temp_path.data());
    if (impl->fd < 0) {
      impl->temp_path.clear();
      return impl->io_error("create a temporary file beside it");
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(impl->fd, 0666 & ~mask);
  }
  // A zstd file may start with a dictionary frame, so its warcinfo waits for the first write.
  if (impl->options.compression != Compression::kZstd) {
    Result<bool> begun = impl->start();
    if (!begun) return begun.error();
  }
  return Writer(std::move(impl));
}

Result<bool> Writer::train_dictionary(const std::vector<std::string>& samples) {
  if (impl_->options.compression != Compression::kZstd) {
    return Error{ErrorKind::kInvalidInput, impl_->path + ": a dictionary is only for zstd output"};
  }
  if (impl_->started) return Error{ErrorKind::kInvalidInput, impl_->path + ": train_dictionary() after the first write"};
  const std::string dictionary = train_zstd_dictionary(samples);
  if (dictionary.empty()) return false;
  Result<bool> ok = impl_->write_bytes(dictionary_frame(dictionary));
  if (!ok) return ok;
  impl_->zstd->use_dictionary(dictionary);
  return true;
}

Result<std::vector<Placement>> Writer::write(const Capture& capture) { return impl_->write(capture); }

std::string Writer::sample_record(const Capture& capture) {
  std::string block = capture_head(capture) + capture.payload;
  Headers fields{{"WARC-Type", capture_head(capture).empty() ? "resource" : "response"},
                 {"WARC-Record-ID", new_record_id()},
                 {"WARC-Date", capture.date.empty() ? now_iso8601() : capture.date},
                 {"WARC-Target-URI", capture.url},
                 {"WARC-Payload-Digest", sha1_base32(capture.payload)},
                 {"WARC-Block-Digest", sha1_base32(block)}};
  return record_bytes(fields, block);
}

Result<bool> Writer::finish() {
  Impl& impl = *impl_;
  if (impl.finished) return Error{ErrorKind::kInvalidInput, impl.path + ": finish() called twice"};
  Result<bool> begun = impl.start();
  if (!begun) return begun;
  if (impl.fd > 1) {
    if (::fsync(impl.fd) != 0 && errno != EINVAL) return impl.io_error("flush");
    const int fd = impl.fd;
    impl.fd = -1;
    if (::close(fd) != 0) return impl.io_error("close");
    if (::rename(impl.temp_path.c_str(), impl.path.c_str()) != 0) return impl.io_error("rename the temporary into place");
  }
  impl.finished = true;
  return true;
}

}  // namespace winnow::warc
