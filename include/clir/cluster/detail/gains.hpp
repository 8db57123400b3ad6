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
#include "clir/cluster/detail/row_source.hpp"

namespace clir::detail {

/// Adds item j's contributions to the swap gains of a block of B candidates at once, from
/// their distances @p d to it (d[t]: candidate t). An item closer to candidate t than to its
/// nearest medoid adds d − D_j to acc[t] and D_j − E_j to its medoid's entry g[t]; an item that
/// would only switch to the candidate when its medoid leaves adds d − E_j there (D_j, E_j:
/// distances to the nearest and second-nearest medoid, D_j ≤ E_j).
///
/// Written as min(d − D_j, 0) and min(max(d, D_j), E_j) − E_j, which give exactly those values
/// (and +0 where nothing is added), so the B lanes need no masks or branches: min, max, sub and
/// add over contiguous lanes, which any target with vectors runs as plain vector code.
inline void add_contribution(double x, double dn, double ds, double& acc, double& g) noexcept {
  const double closer = x - dn;
  acc += closer < 0.0 ? closer : 0.0;
  const double y = x > dn ? x : dn;
  g += (y < ds ? y : ds) - ds;
}

template <std::size_t B, class V>
inline void accumulate_item(const V* __restrict d, double dn, double ds, double* __restrict acc,
                            double* __restrict g) {
  for (std::size_t t = 0; t < B; ++t) add_contribution(static_cast<double>(d[t]), dn, ds, acc[t], g[t]);
}

/// accumulate_item for items [jlo, jhi) in increasing order, from @p cols item-major:
/// cols[(j − jlo)·B + t] is the distance of candidate t to item j; g of item j is
/// gains[near_j·B ...].
template <std::size_t B, class V>
inline void accumulate_columns(const V* __restrict cols, std::size_t jlo, std::size_t jhi,
                               const double* __restrict dnear, const double* __restrict dsec,
                               const std::uint32_t* __restrict near, double* __restrict acc,
                               double* __restrict gains) {
  for (std::size_t j = jlo; j < jhi; ++j)
    accumulate_item<B>(cols + (j - jlo) * B, dnear[j], dsec[j], acc, gains + std::size_t{near[j]} * B);
}

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

  /// Buffers for @p members threads calling stripe() at the same time.
  BlockGains(const Rows& rows, std::size_t k, unsigned members)
      : rows_(rows),
        k_(k),
        stripes_((rows.size() + kStripe - 1) / kStripe),
        part_(stripes_ * (k + 1) * B),
        total_((k + 1) * B),
        cols_(std::size_t{std::max(1u, members)} * kChunk * B, V(0)) {}

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
      accumulate_columns<B>(cols, j0, j1, dn, ds, near, acc, acc + B);
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
};

/// accumulate_item with the roles turned: item i's contributions to @p len candidates at once,
/// from their distances @p d to it (d[c]: candidate c), into acc[c] and g[c] (the entry of
/// item i's medoid). The same formula, so the same values, vectorised over the candidates.
template <class V>
inline void accumulate_item_over_candidates(const V* __restrict d, std::size_t len, double dn, double ds,
                                            double* __restrict acc, double* __restrict g) {
  for (std::size_t c = 0; c < len; ++c) add_contribution(static_cast<double>(d[c]), dn, ds, acc[c], g[c]);
}

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
/// (accumulate_columns); in place, the same rows add their items to the running sums of all
/// later candidates, vectorised over them (accumulate_item_over_candidates). A candidate's sums
/// still run over the items in increasing order, split at the same stripes of
/// BlockGains::kStripe items whose partial sums are then added in order, so every Δ is
/// bit-identical to BlockGains' and does not depend on the range or the thread. Condensed
/// storage only (rows.segments_in_place()).
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
  auto add_item = [&](std::size_t i, const V* d, std::size_t c0, std::size_t len) {
    const std::size_t off = c0 - lo;
    accumulate_item_over_candidates(d, len, dn[i], ds[i], part.data() + off, part.data() + (near[i] + 1) * m + off);
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
      accumulate_columns<B>(cols.data(), j0, j1, dn, ds, near, lane_part.data(), lane_part.data() + B);
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
