#pragma once
/// @file
/// @brief The swap gains of the total-deviation objective: shared accumulators (Schubert &
/// Rousseeuw) for a block of candidates at a time (BlockGains, FasterPAM's sweep) and for a
/// whole pass reading each distance once (pass_gains_in_place, FastPAM1).
///
/// Internal (clir::detail); see clir/cluster/kmedoids.hpp.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "clir/cluster/detail/caches.hpp"
#include "clir/cluster/detail/kernels.hpp"
#include "clir/cluster/detail/row_source.hpp"

namespace clir::detail {

/// The terms of the shared accumulators, per item j and candidate t (the kernels
/// accumulate_columns and accumulate_over_candidates, detail/kernels.hpp, add them): an item
/// closer to candidate t than to its nearest medoid adds d − D_j to acc[t] and D_j − E_j to its
/// medoid's entry g[t]; an item that would only switch to the candidate when its medoid leaves
/// adds d − E_j there (D_j, E_j: distances to the nearest and second-nearest medoid, D_j ≤ E_j).
/// Written as min(d − D_j, 0) and min(max(d, D_j), E_j) − E_j, which give exactly those values
/// (and +0 where nothing is added), so the lanes need no masks or branches.

/// From the summed gains of a block of B candidates (acc in totals[0, B), the entry of slot s
/// in totals[(s + 1)·B, (s + 2)·B)): the smallest Δ(s, h) = (gain_s(h) + acc(h)) +
/// remove_loss_s of each candidate t < @p count in best[t] and its slot in slot[t] (the lowest
/// slot on a tie).
template <std::size_t B>
inline void best_swaps(const double* totals, const std::vector<double>& remove_loss, std::size_t count, double* best,
                       std::uint32_t* slot) {
  for (std::size_t t = 0; t < count; ++t) {
    const double acc = totals[t];
    double b = std::numeric_limits<double>::infinity();
    std::uint32_t s_best = 0;
    for (std::size_t s = 0; s < remove_loss.size(); ++s) {
      const double loss = totals[(s + 1) * B + t] + acc + remove_loss[s];
      if (loss < b) {
        b = loss;
        s_best = static_cast<std::uint32_t>(s);
      }
    }
    best[t] = b;
    slot[t] = s_best;
  }
}

/// The change of loss of every swap "slot s → candidate h" for a block of consecutive
/// candidates h0 .. h0+count−1 (Schubert & Rousseeuw's shared accumulators):
/// Δ(s, h) = (gain_s(h) + acc(h)) + remove_loss_s.
///
/// The items are split into stripes of kStripe items; a stripe's partial sums are computed
/// in one piece (by whichever thread claims it, see stripe()) and the stripes are added in
/// their fixed order by finish(), so every Δ is the same for any thread count. Within a
/// stripe the candidates' distances are fetched kChunk items at a time into a small
/// item-major buffer (RowSource::fill_columns) and consumed while still in cache.
template <class Rows>
class BlockGains {
 public:
  using V = typename Rows::value_type;
  static constexpr std::size_t B = Rows::kBlock;
  static constexpr std::size_t kStripe = 1024;
  static constexpr std::size_t kChunk = 128;
  static_assert(KernelSet<V>::B == B, "the kernels take blocks of RowSource::kBlock rows");

  /// Buffers for @p members threads calling stripe() at the same time.
  BlockGains(const Rows& rows, std::size_t k, unsigned members)
      : rows_(rows),
        k_(k),
        stripes_((rows.size() + kStripe - 1) / kStripe),
        part_(stripes_ * (k + 1) * B),
        total_((k + 1) * B),
        cols_(std::size_t{std::max(1u, members)} * kChunk * B, V(0)),
        kernels_(kernel_set<V>()) {}

  std::size_t stripes() const noexcept { return stripes_; }

  /// Partial sums of stripe @p q for candidates h0 .. h0+count−1; @p member picks the buffer.
  void stripe(const NearestCache& c, std::size_t h0, std::size_t count, std::size_t q, unsigned member) {
    double* acc = part_.data() + q * (k_ + 1) * B;
    std::fill(acc, acc + (k_ + 1) * B, 0.0);
    V* cols = cols_.data() + std::size_t{member} * kChunk * B;
    const std::size_t lo = q * kStripe, hi = std::min(c.n, lo + kStripe);
    const double* dn = c.dnear.data();
    const double* ds = c.dsec.data();
    const std::uint32_t* near = c.near.data();
    for (std::size_t j0 = lo; j0 < hi; j0 += kChunk) {
      const std::size_t j1 = std::min(hi, j0 + kChunk);
      rows_.fill_columns(h0, count, j0, j1, cols);
      kernels_.accumulate_columns(cols, j0, j1, dn, ds, near, acc, acc + B);
    }
  }

  /// After every stripe is done: the smallest Δ of each candidate t < @p count in best[t] and
  /// its slot in slot[t] (the lowest slot on a tie).
  void finish(const NearestCache& c, std::size_t count, double* best, std::uint32_t* slot) {
    const std::size_t width = (k_ + 1) * B;
    std::copy(part_.begin(), part_.begin() + static_cast<std::ptrdiff_t>(width), total_.begin());
    for (std::size_t q = 1; q < stripes_; ++q) {
      const double* p = part_.data() + q * width;
      for (std::size_t i = 0; i < width; ++i) total_[i] += p[i];
    }
    best_swaps<B>(total_.data(), c.remove_loss, count, best, slot);
  }

  /// stripe() for every stripe on the calling thread, then finish().
  void evaluate(const NearestCache& c, std::size_t h0, std::size_t count, double* best, std::uint32_t* slot) {
    for (std::size_t q = 0; q < stripes_; ++q) stripe(c, h0, count, q, 0);
    finish(c, count, best, slot);
  }

 private:
  const Rows& rows_;
  std::size_t k_, stripes_;
  std::vector<double> part_, total_;
  std::vector<V> cols_;
  const KernelSet<V>& kernels_;
};

/// total += part, part = 0, over @p count values: a stripe of items is complete.
inline void close_stripe(double* __restrict total, double* __restrict part, std::size_t count) noexcept {
  for (std::size_t i = 0; i < count; ++i) {
    total[i] += part[i];
    part[i] = 0.0;
  }
}

/// FastPAM1's pass: the smallest Δ of every candidate h in [lo, hi) (lo a multiple of
/// Rows::kBlock) in best[h] and its slot in slot[h], the same values BlockGains::evaluate gives
/// block by block, but reading each stored distance the range needs once instead of twice.
///
/// All candidates of a pass are scored against the same medoids, so d(i, h), i < h, can add
/// its terms to candidate i (item h) and candidate h (item i) at one reading. A block of B rows
/// is read from its diagonal on: turned item-major, its B candidates add their items in B lanes
/// (the kernel accumulate_columns); in place, the same rows add their items to the running sums of all
/// later candidates, vectorised over them (accumulate_over_candidates). A candidate's sums
/// still run over the items in increasing order, split at the same stripes of
/// BlockGains::kStripe items whose partial sums are then added in order, so every Δ is
/// bit-identical to BlockGains' and does not depend on the range or the thread. Condensed or
/// square storage (rows.segments_in_place()).
template <class Rows>
void pass_gains_in_place(const Rows& rows, const NearestCache& c, std::size_t lo, std::size_t hi, double* best,
                         std::uint32_t* slot) {
  using V = typename Rows::value_type;
  constexpr std::size_t B = Rows::kBlock, kStripe = BlockGains<Rows>::kStripe, kChunk = BlockGains<Rows>::kChunk;
  static_assert(kStripe % B == 0 && kStripe % kChunk == 0, "stripes must be whole blocks and chunks");
  const std::size_t n = rows.size(), k = c.k, m = hi - lo, width = (k + 1) * m;
  const double* dn = c.dnear.data();
  const double* ds = c.dsec.data();
  const std::uint32_t* near = c.near.data();
  // Running sums of the candidates in [lo, hi) over the items read so far: acc in [0, m), the
  // entry of slot s in [(s + 1)·m, (s + 2)·m); `part` for the current stripe, `total` for the
  // stripes before it.
  std::vector<double> part(width, 0.0), total(width, 0.0);
  const KernelSet<V>& kernels = kernel_set<V>();
  auto add_item = [&](std::size_t i, const V* d, std::size_t c0, std::size_t len) {
    const std::size_t off = c0 - lo;
    kernels.accumulate_over_candidates(d, len, dn[i], ds[i], part.data() + off, part.data() + (near[i] + 1) * m + off);
  };
  for (std::size_t i = 0; i < lo; ++i) {
    if (i > 0 && i % kStripe == 0) close_stripe(total.data(), part.data(), width);
    add_item(i, rows.segment(i, lo), lo, m);
  }
  const std::size_t lanes = (k + 1) * B;
  std::vector<double> lane_part(lanes), lane_total(lanes);
  std::vector<V> cols(kChunk * B, V(0));
  for (std::size_t h0 = lo; h0 < hi; h0 += B) {
    const std::size_t count = std::min(B, hi - h0), h1 = h0 + count;
    // The block's candidates take over their running sums as lanes.
    std::fill(lane_part.begin(), lane_part.end(), 0.0);
    std::fill(lane_total.begin(), lane_total.end(), 0.0);
    for (std::size_t a = 0; a <= k; ++a) {
      for (std::size_t t = 0; t < count; ++t) {
        lane_part[a * B + t] = part[a * m + (h0 - lo) + t];
        lane_total[a * B + t] = total[a * m + (h0 - lo) + t];
      }
    }
    if (h0 > 0 && h0 % kStripe == 0) close_stripe(total.data(), part.data(), width);
    for (std::size_t j0 = h0; j0 < n;) {
      if (j0 > 0 && j0 % kStripe == 0) close_stripe(lane_total.data(), lane_part.data(), lanes);
      const std::size_t j1 = std::min({n, j0 + kChunk, (j0 / kStripe + 1) * kStripe});
      rows.fill_columns(h0, count, j0, j1, cols.data());
      kernels.accumulate_columns(cols.data(), j0, j1, dn, ds, near, lane_part.data(), lane_part.data() + B);
      // The same rows, in place, for the later candidates of the range among these items.
      const std::size_t c0 = std::max(j0, h1), c1 = std::min(j1, hi);
      for (std::size_t t = 0; t < count && c0 < c1; ++t) add_item(h0 + t, rows.segment(h0 + t, c0), c0, c1 - c0);
      j0 = j1;
    }
    close_stripe(lane_total.data(), lane_part.data(), lanes);
    best_swaps<B>(lane_total.data(), c.remove_loss, count, best + h0, slot + h0);
  }
}

}  // namespace clir::detail
