#pragma once
/// @file
/// @brief The objective policies of the k-medoids engine: what a swap "slot s → candidate h"
/// changes, and how the state is updated when it is made.
///
/// An objective owns the current medoids and whatever it caches about them, and offers to the
/// search policies (detail/search.hpp):
///
///   size(), medoids()                         the n items and the medoids by slot;
///   tolerance()                               a change counts only below −tolerance();
///   better(a, b)                              of two starts' results, is a better than b;
///   kWidth, evaluate(h0, count, is_med, ...)  the best swap of each of count ≤ kWidth
///                                             consecutive candidates (eager search);
///   evaluate_pass(is_med, best, slot)         the best swap of every candidate (best-swap search);
///   swap(slot, h, delta)                      make the swap the evaluation found;
///   replace_medoids(m)                        start again from other medoids (alternating).
///
/// An objective offers only what its searches use; a member that is never called is never
/// instantiated. TotalDeviation (the loss, shared accumulators), TotalDeviationAsR (the loss,
/// summed as R's cluster::pam sums it) and MedoidSilhouette are the three.
///
/// Internal (clir::detail); see clir/cluster/kmedoids.hpp.

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "clir/cluster/detail/caches.hpp"
#include "clir/cluster/detail/checks.hpp"
#include "clir/cluster/detail/gains.hpp"
#include "clir/cluster/detail/row_source.hpp"
#include "clir/cluster/detail/simd.hpp"
#include "clir/cluster/result.hpp"
#include "clir/core/parallel.hpp"

namespace clir::detail {

/// The loss (sum of distances to the nearest medoid), minimised; swap gains by Schubert &
/// Rousseeuw's shared accumulators over the NearestCache. FastPAM1's passes, FasterPAM's
/// sweeps and the alternating search use it.
template <class Rows>
class TotalDeviation {
 public:
  using V = typename Rows::value_type;
  /// Candidates an eager sweep evaluates together: a block of rows (see BlockGains).
  static constexpr std::size_t kWidth = Rows::kBlock;

  TotalDeviation(const Rows& rows, std::vector<std::size_t> medoids, double big, unsigned threads)
      : rows_(rows), big_(big), threads_(threads), scratch_(rows.dense() ? 0 : rows.size()) {
    reset(std::move(medoids));
  }

  std::size_t size() const noexcept { return rows_.size(); }
  const Rows& rows() const noexcept { return rows_; }
  unsigned threads() const noexcept { return threads_; }
  const std::vector<std::size_t>& medoids() const noexcept { return cache_.medoids; }
  double tolerance() const noexcept { return swap_tolerance(loss_); }
  static bool better(const MedoidResult& a, const MedoidResult& b) noexcept { return a.loss < b.loss; }

  /// The best swap of the @p count candidates h0 .. h0+count−1 in best[t], slot[t]. With t
  /// threads a team of up to t shares each block's stripes of items, whose partial sums are
  /// added in a fixed order, so the result is the same for any thread count.
  void evaluate(std::size_t h0, std::size_t count, const char*, double* best, std::uint32_t* slot) {
    if (!team_) {
      // Members spin between phases, so more members than cores would only take time from
      // those doing the work; the result does not depend on the count.
      team_ = std::make_unique<ThreadTeam>(std::clamp(threads_, 1u, resolve_threads(0)));
      gains_ = std::make_unique<BlockGains<Rows>>(rows_, cache_.k, team_->size());
    }
    const std::size_t stripes = gains_->stripes();
    std::atomic<std::size_t> next_claim{0};
    team_->run([&](unsigned member) {
      for (std::size_t q; (q = next_claim.fetch_add(1, std::memory_order_relaxed)) < stripes;)
        gains_->stripe(cache_, h0, count, q, member);
    });
    gains_->finish(cache_, count, best, slot);
  }

  /// The best swap of every candidate. From condensed storage a pass reads each distance once
  /// (pass_gains_in_place); the gains are those of BlockGains either way.
  void evaluate_pass(const char*, double* best, std::uint32_t* slot) {
    constexpr std::size_t B = Rows::kBlock;
    const std::size_t n = size(), k = cache_.k, blocks = (n + B - 1) / B;
    parallel_chunks(blocks, threads_, [&](std::size_t lo, std::size_t hi) {
      if constexpr (Rows::segments_in_place()) {
        pass_gains_in_place(rows_, cache_, lo * B, std::min(n, hi * B), best, slot);
      } else {
        BlockGains<Rows> gains(rows_, k, 1);
        for (std::size_t q = lo; q < hi; ++q) {
          const std::size_t h0 = q * B;
          gains.evaluate(cache_, h0, std::min(B, n - h0), best + h0, slot + h0);
        }
      }
    });
  }

  /// The loss is summed afresh after the swap (more accurate than adding the change).
  void swap(std::size_t s, std::size_t h, double) {
    loss_ = cache_.swap(rows_, s, h, scratch_.data());
    cache_.compute_remove_loss();
  }

  void replace_medoids(std::vector<std::size_t> medoids) { reset(std::move(medoids)); }

 private:
  const Rows& rows_;
  double big_;
  unsigned threads_;
  std::vector<V> scratch_;
  NearestCache cache_;
  double loss_ = 0.0;
  std::unique_ptr<ThreadTeam> team_;
  std::unique_ptr<BlockGains<Rows>> gains_;

  void reset(std::vector<std::size_t> medoids) {
    cache_.init(rows_, std::move(medoids), big_);
    cache_.compute_remove_loss();
    loss_ = cache_.loss();
  }
};

/// The loss, with every swap's change summed exactly as R's cluster::pam (pamonce = 0) sums
/// it, so that PAM's medoids are R's bit for bit; O(n²) per pass instead of R's O(k·n²). R
/// sums, for every pair (medoid i, candidate h), the change C_jih over all j in item order,
/// adding nothing for the many j that neither belong to i nor come closer to h. Here the j that
/// belong to i (d(i, j) = D_j, ties included, as R tests it) are listed once per pass, the j
/// with d(h, j) < D_j once per candidate, and the two sorted lists are merged: the same non-zero
/// terms are added in the same order. The loss is carried from swap to swap as R carries it.
template <class Rows>
class TotalDeviationAsR {
 public:
  using V = typename Rows::value_type;

  TotalDeviationAsR(const Rows& rows, std::vector<std::size_t> medoids, double big, unsigned threads)
      : rows_(rows),
        big_(big),
        threads_(threads),
        medoids_(std::move(medoids)),
        dysma_(rows.size()),
        dysmb_(rows.size()),
        dm_(medoids_.size() * rows.size()),
        owned_(medoids_.size()),
        scratch_(rows.dense() ? 0 : rows.size()) {}

  std::size_t size() const noexcept { return rows_.size(); }
  const std::vector<std::size_t>& medoids() const noexcept { return medoids_; }
  double tolerance() const noexcept { return swap_tolerance(sky_); }
  static bool better(const MedoidResult& a, const MedoidResult& b) noexcept { return a.loss < b.loss; }

  void evaluate_pass(const char* is_med, double* best_dz, std::uint32_t* best_slot) {
    prepare_pass();
    const std::size_t n = size(), k = medoids_.size();
    const V* check = thresholds_.refresh(dysma_);
    for (std::size_t s = 0; s < k; ++s) {
      owned_[s].clear();
      for (std::size_t j = 0; j < n; ++j)
        if (dm_[s * n + j] == dysma_[j]) owned_[s].push_back(static_cast<std::uint32_t>(j));
    }
    parallel_chunks(n, threads_, [&](std::size_t lo, std::size_t hi) {
      std::vector<V> local(rows_.block_buffer_size());
      std::vector<std::uint32_t> closer;
      for (std::size_t h0 = lo; h0 < hi; h0 += Rows::kBlock) {
        const std::size_t count = std::min(Rows::kBlock, hi - h0);
        const V* block = rows_.rows_left(h0, count, local.data());
        for (std::size_t h = h0; h < h0 + count; ++h) {
          best_dz[h] = 1.0;  // R's start value: only negative totals matter
          if (is_med[h]) continue;
          // Row h: left[j] for j < h, 0 at h, right[j − h − 1] for j > h (read in place).
          const V* left = block + (h - h0) * n;
          evaluate_candidate(h, left, rows_.right_of(h, left), check, closer, best_dz[h], best_slot[h]);
        }
      }
    });
  }

  /// R adds the change to the loss it carries (it does not sum the loss afresh).
  void swap(std::size_t s, std::size_t h, double delta) {
    medoids_[s] = h;
    sky_ += delta;
  }

 private:
  const Rows& rows_;
  double big_;
  unsigned threads_;
  std::vector<std::size_t> medoids_;
  std::vector<double> dysma_, dysmb_, dm_;  // D_j, E_j (nearest, second nearest), d(medoid s, j)
  std::vector<std::vector<std::uint32_t>> owned_;
  std::vector<V> scratch_;
  Thresholds<V> thresholds_;
  double sky_ = 0.0;
  bool first_ = true;

  // Nearest (D_j) and second-nearest (E_j) medoid distances, medoids in item order, as R
  // recomputes them before every pass.
  void prepare_pass() {
    const std::size_t n = size(), k = medoids_.size();
    std::sort(medoids_.begin(), medoids_.end());
    for (std::size_t s = 0; s < k; ++s) {
      const V* r = rows_.row(medoids_[s], scratch_.data());
      for (std::size_t j = 0; j < n; ++j) dm_[s * n + j] = static_cast<double>(r[j]);
    }
    for (std::size_t j = 0; j < n; ++j) {
      NearestTwo t{big_, big_};
      for (std::size_t s = 0; s < k; ++s) t.offer(dm_[s * n + j], static_cast<std::uint32_t>(s));
      dysma_[j] = t.d1;
      dysmb_[j] = t.d2;
    }
    if (first_) {
      for (std::size_t j = 0; j < n; ++j) sky_ += dysma_[j];
      first_ = false;
    }
  }

  void evaluate_candidate(std::size_t h, const V* left, const V* right, const V* check,
                          std::vector<std::uint32_t>& closer, double& best_dz, std::uint32_t& best_slot) const {
    const std::size_t n = size(), k = medoids_.size();
    auto dist = [&](std::uint32_t j) -> double {
      return j < h ? static_cast<double>(left[j]) : j == h ? 0.0 : static_cast<double>(right[j - h - 1]);
    };
    closer.clear();
    auto scan = [&](const V* r, std::size_t from, std::size_t to) {  // r[j − from] = d(h, j)
      std::size_t j = from;
      for (; j + 8 <= to; j += 8) {
        if (!any_less8(r + (j - from), check + j)) continue;
        for (std::size_t t = j; t < j + 8; ++t)
          if (static_cast<double>(r[t - from]) < dysma_[t]) closer.push_back(static_cast<std::uint32_t>(t));
      }
      for (; j < to; ++j)
        if (static_cast<double>(r[j - from]) < dysma_[j]) closer.push_back(static_cast<std::uint32_t>(j));
    };
    scan(left, 0, h);
    if (0.0 < dysma_[h]) closer.push_back(static_cast<std::uint32_t>(h));
    scan(right, h + 1, n);
    for (std::size_t s = 0; s < k; ++s) {
      const auto& own = owned_[s];
      double dz = 0.0;
      std::size_t ia = 0, ib = 0;
      const std::size_t na = own.size(), nb = closer.size();
      while (ia < na || ib < nb) {
        const std::uint32_t ja = ia < na ? own[ia] : std::numeric_limits<std::uint32_t>::max();
        const std::uint32_t jb = ib < nb ? closer[ib] : std::numeric_limits<std::uint32_t>::max();
        if (ja <= jb) {
          const double dh = dist(ja);
          const double small = dysmb_[ja] > dh ? dh : dysmb_[ja];
          dz += (-dysma_[ja] + small);
          ++ia;
          if (jb == ja) ++ib;
        } else {
          dz += (-dysma_[jb] + dist(jb));
          ++ib;
        }
      }
      if (best_dz > dz) {
        best_dz = dz;
        best_slot = static_cast<std::uint32_t>(s);
      }
    }
  }
};

/// The medoid silhouette (Lenssen & Schubert 2022), maximised: a swap is scored by its change
/// of Σ_i d1(i)/d2(i) over the Nearest3Cache. Removing slot s changes an item's pair (d1, d2)
/// only if s is its nearest or second nearest, so each item adds one term shared by every
/// slot and a correction to at most two slots: O(n + k) per candidate (the FastMSC idea).
/// Candidates are evaluated one at a time, their rows fetched a block at a time.
template <class Rows>
class MedoidSilhouette {
 public:
  using V = typename Rows::value_type;
  static constexpr std::size_t kWidth = 1;

  MedoidSilhouette(const Rows& rows, std::vector<std::size_t> medoids, double big, unsigned)
      : rows_(rows), buffer_(Rows::kBlock * rows.size()), tolerance_(tolerance_for(rows.size())) {
    cache_.init(rows, std::move(medoids), big);
  }

  std::size_t size() const noexcept { return rows_.size(); }
  const std::vector<std::size_t>& medoids() const noexcept { return cache_.medoids; }
  double tolerance() const noexcept { return tolerance_; }
  /// Of several starts the highest medoid silhouette wins.
  static bool better(const MedoidResult& a, const MedoidResult& b) noexcept {
    return a.medoid_silhouette > b.medoid_silhouette;
  }

  void evaluate(std::size_t h, std::size_t, const char* is_med, double* best, std::uint32_t* slot) {
    constexpr std::size_t B = Rows::kBlock;
    const std::size_t n = size(), b0 = h / B * B;
    if (b0 != block_start_) {
      block_ = rows_.rows(b0, std::min(B, n - b0), buffer_.data());
      block_start_ = b0;
    }
    if (is_med[h]) {
      best[0] = std::numeric_limits<double>::infinity();
      return;
    }
    evaluate_row(row_of(h), best[0], slot[0]);
  }

  void swap(std::size_t s, std::size_t h, double) {
    cache_.medoids[s] = h;
    cache_.set_column(s, row_of(h));  // h was just evaluated: its row is in the block
    cache_.rescan_all();
  }

  /// The medoids without the one whose removal raises Σ d1/d2 least (the lowest item index on a
  /// tie), in slot order: its items move to their second nearest (their third becomes second),
  /// those it was second nearest to keep d1 and take d3. DynMSC's step from k to k − 1.
  std::vector<std::size_t> without_cheapest_medoid() const {
    const std::size_t k = cache_.k;
    std::vector<double> raise(k, 0.0);
    for (std::size_t j = 0; j < cache_.n; ++j) {
      const NearestThree& t = cache_.nearest[j];
      const double base = msc_ratio(t.d1, t.d2);
      raise[t.s1] += msc_ratio(t.d2, t.d3) - base;
      raise[t.s2] += msc_ratio(t.d1, t.d3) - base;
    }
    std::size_t drop = 0;
    for (std::size_t s = 1; s < k; ++s) {
      if (raise[s] < raise[drop] || (raise[s] == raise[drop] && cache_.medoids[s] < cache_.medoids[drop])) drop = s;
    }
    std::vector<std::size_t> kept;
    for (std::size_t s = 0; s < k; ++s)
      if (s != drop) kept.push_back(cache_.medoids[s]);
    return kept;
  }

 private:
  const Rows& rows_;
  Nearest3Cache cache_;
  std::vector<V> buffer_;
  std::vector<double> corr_;
  std::size_t block_start_ = std::numeric_limits<std::size_t>::max();
  const V* block_ = nullptr;
  double tolerance_;

  /// A change of Σ d1/d2 counts as an improvement only below −16 ε · n: each of the n terms is
  /// a ratio of at most 1, so rounding can never make two equal configurations swap back and forth.
  static double tolerance_for(std::size_t n) noexcept { return 16.0 * DBL_EPSILON * static_cast<double>(n); }

  const V* row_of(std::size_t h) const noexcept { return block_ + (h - block_start_) * rows_.size(); }

  // The change of Σ d1/d2 of the best swap "slot s → the candidate with distance row r".
  void evaluate_row(const V* r, double& best, std::uint32_t& slot) {
    const Nearest3Cache& c = cache_;
    corr_.assign(c.k, 0.0);
    double shared = 0.0;
    for (std::size_t j = 0; j < c.n; ++j) {
      const NearestThree& t = c.nearest[j];
      const double d = static_cast<double>(r[j]), a = t.d1, b = t.d2, e = t.d3;
      const double base = msc_ratio(a, b);
      // Any other slot removed: the new pair is the nearest two of {a, b, d}.
      const double kept = d < a ? msc_ratio(d, a) : d < b ? msc_ratio(a, d) : base;
      // Nearest removed: the nearest two of {b, e, d}; second nearest removed: of {a, e, d}.
      const double no1 = d < b ? msc_ratio(d, b) : d < e ? msc_ratio(b, d) : msc_ratio(b, e);
      const double no2 = d < a ? msc_ratio(d, a) : d < e ? msc_ratio(a, d) : msc_ratio(a, e);
      shared += kept - base;
      corr_[t.s1] += no1 - kept;
      corr_[t.s2] += no2 - kept;
    }
    best = std::numeric_limits<double>::infinity();
    slot = 0;
    for (std::size_t s = 0; s < c.k; ++s) {
      const double delta = shared + corr_[s];
      if (delta < best) {
        best = delta;
        slot = static_cast<std::uint32_t>(s);
      }
    }
  }
};

}  // namespace clir::detail
