#pragma once
/// @file
/// @brief Deterministic parallel loops.
///
/// parallel_for splits [0, n) into contiguous blocks, one per thread. The body must write only
/// to slots owned by its index; reductions happen afterwards, in index order, on the caller's
/// side. That is what makes results identical for any thread count.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

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

}  // namespace clir
