// Undoes, for the length of a long native task, the malloc settings Dask's nanny gives its workers.
#pragma once

namespace winnow::python {

// Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 (so memory goes back to the system), which
// also turns off glibc's adaptive mmap threshold: every page-sized buffer (a 175 KB HTML page, a decoded
// payload) is then mmap'ed and unmapped, and cleaning runs about 35% slower. While a RoomyMalloc lives,
// freed memory is kept for reuse (trim threshold 64 MiB, mmap threshold 32 MiB); on destruction the
// environment's values come back and malloc_trim returns what is free. A process without those variables
// keeps glibc's own adaptive defaults: then this does nothing. Thread-safe (mallopt locks), process-wide.
class RoomyMalloc {
 public:
  RoomyMalloc();
  ~RoomyMalloc();
  RoomyMalloc(const RoomyMalloc&) = delete;
  RoomyMalloc& operator=(const RoomyMalloc&) = delete;

 private:
  bool active_ = false;
};

}  // namespace winnow::python
