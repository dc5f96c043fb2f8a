// An ordered parallel loop: items are worked on by a few threads but handed back one by one, in order.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace winnow::cli {

// The largest -j / --jobs value accepted.
inline constexpr int kMaxJobs = 256;

// The number of worker threads for a --jobs value: `requested` itself, or for
// 0 the number of cores (at least 1). `requested` must be in [0, kMaxJobs].
inline unsigned worker_count(int requested) {
  if (requested > 0) return static_cast<unsigned>(requested);
  return std::max(1u, std::thread::hardware_concurrency());
}

namespace parallel_detail {

// What `produce` made for one index, or what it threw.
template <class T>
struct Slot {
  std::optional<T> value;
  std::exception_ptr error;
  bool filled() const { return value.has_value() || error != nullptr; }
};

// The state the workers and the consuming thread share; every member is guarded by `mutex`.
template <class T>
struct Shared {
  explicit Shared(std::size_t window) : slots(window) {}
  std::mutex mutex;
  std::condition_variable filled;  // a slot got its result
  std::condition_variable room;    // the window moved on, or the loop is stopping
  std::vector<Slot<T>> slots;      // index i lives in slots[i % slots.size()]
  std::size_t next = 0;            // the next index to hand to a worker
  std::size_t consumed = 0;        // indices below this were consumed
  bool stop = false;
};

// Stops and joins the workers on every way out of for_each_ordered, exceptions included.
template <class T>
class Workers {
 public:
  explicit Workers(Shared<T>& shared) : shared_(shared) {}
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;
  ~Workers() {
    {
      std::lock_guard lock(shared_.mutex);
      shared_.stop = true;
    }
    shared_.room.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }
  std::vector<std::thread>& threads() { return threads_; }

 private:
  Shared<T>& shared_;
  std::vector<std::thread> threads_;
};

template <class T, class Produce>
void work(Shared<T>& shared, std::size_t count, Produce& produce) {
  const std::size_t window = shared.slots.size();
  for (;;) {
    std::size_t index = 0;
    {
      std::unique_lock lock(shared.mutex);
      shared.room.wait(lock, [&] {
        return shared.stop || shared.next >= count || shared.next < shared.consumed + window;
      });
      if (shared.stop || shared.next >= count) return;
      index = shared.next++;
    }
    Slot<T> slot;
    try {
      slot.value.emplace(produce(index));
    } catch (...) {
      slot.error = std::current_exception();
    }
    {
      std::lock_guard lock(shared.mutex);
      shared.slots[index % window] = std::move(slot);
    }
    shared.filled.notify_one();
  }
}

}  // namespace parallel_detail

// Calls `produce(i)` for every i in [0, count) on up to `jobs` threads, and
// `consume(i, T&&)` with each result on the calling thread, in order 0, 1, 2...
// as soon as the next result in order is ready. At most 2 × jobs results are
// waiting or being made at any time: a worker that gets that far ahead blocks.
// With jobs <= 1 (or when no thread can be started) everything runs on the
// calling thread, produce and consume alternating. `produce` must be safe to
// call from several threads at once. If `produce(i)` throws, the exception is
// rethrown from this function when i's turn comes (earlier results are
// consumed first); if `consume` throws, the workers finish the item they hold
// and stop, and the exception propagates.
template <class T, class Produce, class Consume>
void for_each_ordered(std::size_t count, unsigned jobs, Produce produce, Consume consume) {
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, count));
  using parallel_detail::Shared;
  Shared<T> shared(2 * std::max(1u, jobs));
  parallel_detail::Workers<T> workers(shared);
  if (jobs > 1) {
    try {
      for (unsigned n = 0; n < jobs; ++n) {
        workers.threads().emplace_back([&] { parallel_detail::work(shared, count, produce); });
      }
    } catch (const std::system_error&) {
      // Fewer threads than asked still finish the loop; none at all falls back to this thread.
    }
  }
  if (workers.threads().empty()) {
    for (std::size_t i = 0; i < count; ++i) consume(i, produce(i));
    return;
  }
  const std::size_t window = shared.slots.size();
  for (std::size_t i = 0; i < count; ++i) {
    parallel_detail::Slot<T> slot;
    {
      std::unique_lock lock(shared.mutex);
      shared.filled.wait(lock, [&] { return shared.slots[i % window].filled(); });
      slot = std::move(shared.slots[i % window]);
      shared.slots[i % window] = {};
    }
    if (slot.error) std::rethrow_exception(slot.error);
    consume(i, std::move(*slot.value));
    // Only now, so the result being consumed still counts towards the 2 × jobs bound.
    {
      std::lock_guard lock(shared.mutex);
      shared.consumed = i + 1;
    }
    shared.room.notify_all();
  }
}

}  // namespace winnow::cli
