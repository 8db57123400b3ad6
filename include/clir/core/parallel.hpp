#pragma once
/// @file
/// @brief Deterministic parallel loops.
///
/// parallel_for splits [0, n) into contiguous blocks, one per thread. The body must write only
/// to slots owned by its index; reductions happen afterwards, in index order, on the caller's
/// side. That is what makes results identical for any thread count.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <thread>
#include <type_traits>
#include <vector>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace clir {

/// Number of threads to use: @p requested, or the hardware concurrency when it is 0 (at least 1).
inline unsigned resolve_threads(unsigned requested) noexcept {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? hw : 1;
}

/// Calls `body(i)` for every i in [0, n) using up to @p threads threads (0 = all cores).
/// Runs inline when one thread suffices. If bodies throw, the exception of the lowest block is
/// rethrown after all threads have joined.
template <class Body>
void parallel_for(std::size_t n, unsigned threads, Body&& body) {
  const std::size_t t = std::min<std::size_t>(resolve_threads(threads), n);
  if (t <= 1) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::vector<std::exception_ptr> errors(t);
  std::vector<std::thread> pool;
  pool.reserve(t - 1);
  auto run_block = [&](std::size_t b) {
    const std::size_t lo = n * b / t;
    const std::size_t hi = n * (b + 1) / t;
    try {
      for (std::size_t i = lo; i < hi; ++i) body(i);
    } catch (...) {
      errors[b] = std::current_exception();
    }
  };
  for (std::size_t b = 1; b < t; ++b) pool.emplace_back(run_block, b);
  run_block(0);
  for (auto& th : pool) th.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

namespace detail {

/// A fixed team of threads for fork-join phases that follow each other quickly (thousands of
/// phases of a millisecond or less, as in FasterPAM's block-by-block scan). parallel_for starts
/// and joins threads on every call, which costs more than such a phase gains; the team starts
/// its threads once, and between phases they spin briefly, then sleep on an atomic wait.
/// Members write only to their own slots; ordering of results is the caller's job, as with
/// parallel_for. Not reentrant: run() must not be called from inside a job.
class ThreadTeam {
 public:
  /// A team of @p size members (0 = all cores): the caller is member 0, size − 1 threads are
  /// started here.
  explicit ThreadTeam(unsigned size) : size_(resolve_threads(size)), errors_(size_) {
    workers_.reserve(size_ - 1);
    for (unsigned r = 1; r < size_; ++r) workers_.emplace_back([this, r] { work(r); });
  }
  ThreadTeam(const ThreadTeam&) = delete;
  ThreadTeam& operator=(const ThreadTeam&) = delete;
  ~ThreadTeam() {
    stop_ = true;
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_all();
    for (auto& t : workers_) t.join();
  }

  unsigned size() const noexcept { return size_; }

  /// Calls job(rank) on every member, rank 0 on the calling thread, and returns when all have
  /// finished. If jobs throw, the exception of the lowest rank is rethrown.
  template <class Job>
  void run(Job&& job) {
    if (size_ == 1) {
      job(0u);
      return;
    }
    using J = std::remove_reference_t<Job>;
    context_ = const_cast<void*>(static_cast<const volatile void*>(&job));
    call_ = [](void* ctx, unsigned rank) { (*static_cast<J*>(ctx))(rank); };
    pending_.store(size_ - 1, std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_all();
    try {
      job(0u);
    } catch (...) {
      errors_[0] = std::current_exception();
    }
    for (unsigned spins = 0;; ++spins) {
      const std::uint32_t left = pending_.load(std::memory_order_acquire);
      if (left == 0) break;
      if (spins < kSpins) {
        pause();
      } else {
        pending_.wait(left, std::memory_order_acquire);
      }
    }
    for (auto& e : errors_) {
      if (e) {
        const std::exception_ptr first = e;
        for (auto& f : errors_) f = nullptr;
        std::rethrow_exception(first);
      }
    }
  }

 private:
  // About 10-50 µs of spinning: long enough to bridge the short serial steps between phases,
  // short enough not to steal much from other processes when the team idles.
  static constexpr unsigned kSpins = 1u << 12;

  static void pause() noexcept {
#if defined(__SSE2__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
  }

  void work(unsigned rank) {
    std::uint32_t seen = 0;
    for (;;) {
      for (unsigned spins = 0;; ++spins) {
        const std::uint32_t g = generation_.load(std::memory_order_acquire);
        if (g != seen) {
          seen = g;
          break;
        }
        if (spins < kSpins) {
          pause();
        } else {
          generation_.wait(g, std::memory_order_acquire);
        }
      }
      if (stop_) return;
      try {
        call_(context_, rank);
      } catch (...) {
        errors_[rank] = std::current_exception();
      }
      if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) pending_.notify_one();
    }
  }

  unsigned size_;
  std::vector<std::exception_ptr> errors_;
  std::vector<std::thread> workers_;
  void* context_ = nullptr;
  void (*call_)(void*, unsigned) = nullptr;
  std::atomic<std::uint32_t> generation_{0};
  std::atomic<std::uint32_t> pending_{0};
  std::atomic<bool> stop_{false};
};

}  // namespace detail

}  // namespace clir
