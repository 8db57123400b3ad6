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
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  // The WebAssembly build has no threads (docs/web.md); results do not depend on the count.
  (void)requested;
  return 1;
#else
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? hw : 1;
#endif
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

/// A team of threads for fork-join phases that follow each other quickly (thousands of phases
/// of a millisecond or less, as in FasterPAM's block-by-block scan). parallel_for starts and
/// joins threads on every call, which costs more than such a phase gains; the team starts its
/// threads once, and between phases they spin briefly, then sleep on an atomic wait.
///
/// A phase never waits for a member that is not there: run(job) calls job on the caller and
/// on every member that becomes ready before the caller's own call returns; members that come
/// later skip the phase. So a job must hand out its work dynamically (each part claimed once,
/// e.g. through an atomic counter) such that the caller alone would finish it. Then a member
/// descheduled by the operating system delays nothing, which matters on a shared machine.
/// Which member does which part varies from run to run; results must not depend on it.
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
    stop_.store(true, std::memory_order_relaxed);
    // A new phase, closed at once: members wake up, see stop_ and return without entering.
    state_.store(((state_.load(std::memory_order_relaxed) & kPhaseMask) + kPhaseOne) | kClosed,
                 std::memory_order_release);
    state_.notify_all();
    for (auto& t : workers_) t.join();
  }

  unsigned size() const noexcept { return size_; }

  /// Calls job(rank) on the calling thread (rank 0) and on the members (ranks 1 .. size − 1)
  /// that join in time, and returns when all of those calls have returned. If calls throw,
  /// the exception of the lowest rank is rethrown.
  template <class Job>
  void run(Job&& job) {
    if (size_ == 1) {
      job(0u);
      return;
    }
    using J = std::remove_reference_t<Job>;
    context_ = const_cast<void*>(static_cast<const volatile void*>(&job));
    call_ = [](void* ctx, unsigned rank) { (*static_cast<J*>(ctx))(rank); };
    // Open the next phase: new phase number, no members inside, not closed.
    const std::uint64_t phase = (state_.load(std::memory_order_relaxed) & kPhaseMask) + kPhaseOne;
    state_.store(phase, std::memory_order_release);
    state_.notify_all();
    try {
      job(0u);
    } catch (...) {
      errors_[0] = std::current_exception();
    }
    // Close it, then wait for the members inside to leave.
    std::uint64_t s = state_.fetch_or(kClosed, std::memory_order_acq_rel) | kClosed;
    for (unsigned spins = 0; (s & kInsideMask) != 0; ++spins) {
      if (spins < kSpins) {
        pause();
      } else {
        state_.wait(s, std::memory_order_acquire);
      }
      s = state_.load(std::memory_order_acquire);
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
  // state_: phase number (bits 32..63), closed flag (bit 31), members inside (bits 0..30).
  static constexpr std::uint64_t kPhaseOne = std::uint64_t{1} << 32;
  static constexpr std::uint64_t kPhaseMask = ~((std::uint64_t{1} << 32) - 1);
  static constexpr std::uint64_t kClosed = std::uint64_t{1} << 31;
  static constexpr std::uint64_t kInsideMask = kClosed - 1;
  // About 40 µs of spinning: long enough to bridge the short serial steps between phases,
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
    std::uint64_t seen = 0;  // phase bits of the last phase this member saw
    for (;;) {
      std::uint64_t s = state_.load(std::memory_order_acquire);
      for (unsigned spins = 0; (s & kPhaseMask) == seen; ++spins) {
        if (spins < kSpins) {
          pause();
        } else {
          state_.wait(s, std::memory_order_acquire);
        }
        s = state_.load(std::memory_order_acquire);
      }
      seen = s & kPhaseMask;
      if (stop_.load(std::memory_order_relaxed)) return;
      // Enter unless the caller has closed the phase (or opened a later one) meanwhile.
      bool inside = false;
      while ((s & kPhaseMask) == seen && !(s & kClosed)) {
        if (state_.compare_exchange_weak(s, s + 1, std::memory_order_acq_rel, std::memory_order_acquire)) {
          inside = true;
          break;
        }
      }
      if (!inside) continue;
      try {
        call_(context_, rank);
      } catch (...) {
        errors_[rank] = std::current_exception();
      }
      const std::uint64_t left = state_.fetch_sub(1, std::memory_order_acq_rel) - 1;
      if ((left & kInsideMask) == 0 && (left & kClosed)) state_.notify_all();
    }
  }

  unsigned size_;
  std::vector<std::exception_ptr> errors_;
  std::vector<std::thread> workers_;
  void* context_ = nullptr;
  void (*call_)(void*, unsigned) = nullptr;
  std::atomic<std::uint64_t> state_{0};
  std::atomic<bool> stop_{false};
};

}  // namespace detail

}  // namespace clir
