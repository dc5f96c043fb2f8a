// Decoder: the decompressed bytes of a WARC file as a Source, with the compressed extent of each gzip member / zstd frame.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "input.h"

namespace winnow::warc {

// One gzip member or zstd frame: where it lies in the file and which decompressed bytes it produced.
struct Unit {
  uint64_t compressed_start = 0;
  uint64_t compressed_end = 0;  // set when done
  uint64_t start = 0;           // decompressed offset of its first byte
  uint64_t end = 0;             // decompressed offset after its last byte; set when done
  bool done = false;
};

// A Source of decompressed bytes. read() never returns bytes of two units in one call, and marks a unit done in
// the call that returns its last bytes, so a record's start and end can be matched with unit boundaries.
class Decoder : public Source {
 public:
  // False for a plain file, whose offsets are file offsets already.
  virtual bool compressed() const = 0;
  // Units begun so far and not yet dropped, oldest first.
  std::deque<Unit>& units() { return units_; }

 protected:
  std::deque<Unit> units_;
};

// The decoders over a file's raw bytes (the Input has not been read past the sniffed magic). `name` is for errors.
std::unique_ptr<Decoder> plain_decoder(std::unique_ptr<Input> input);
std::unique_ptr<Decoder> gzip_decoder(std::unique_ptr<Input> input, std::string name);
// Reads the dictionary frame when the file starts with one; fails with kInvalidInput for a damaged one.
Result<std::unique_ptr<Decoder>> zstd_decoder(std::unique_ptr<Input> input, std::string name);

}  // namespace winnow::warc
