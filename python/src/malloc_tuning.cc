// RoomyMalloc: glibc's mallopt around a long native task in a Dask worker (see malloc_tuning.h).
#include "malloc_tuning.h"

#include <malloc.h>

#include <cstdlib>
#include <string>

namespace winnow::python {
namespace {

constexpr int kGlibcDefaultThreshold = 128 * 1024;

// The value glibc took from `name` at start-up, or its default when unset or unreadable.
int environment_threshold(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return kGlibcDefaultThreshold;
  char* end = nullptr;
  const long parsed = std::strtol(value, &end, 10);
  return end != value && parsed >= 0 && parsed <= (1L << 30) ? static_cast<int>(parsed) : kGlibcDefaultThreshold;
}

}  // namespace

RoomyMalloc::RoomyMalloc()
    : active_(std::getenv("MALLOC_TRIM_THRESHOLD_") != nullptr || std::getenv("MALLOC_MMAP_THRESHOLD_") != nullptr) {
  if (!active_) return;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

RoomyMalloc::~RoomyMalloc() {
  if (!active_) return;
  mallopt(M_MMAP_THRESHOLD, environment_threshold("MALLOC_MMAP_THRESHOLD_"));
  mallopt(M_TRIM_THRESHOLD, environment_threshold("MALLOC_TRIM_THRESHOLD_"));
  malloc_trim(0);
}

}  // namespace winnow::python
