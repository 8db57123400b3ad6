#pragma once
/// @file
/// @brief The initialisation policies of the k-medoids engine: BUILD (R's sums, and the greedy
/// skeleton the constrained start shares), random, k-medoids++, LAB, given medoids.
///
/// Internal (clir::detail); the public side is clir/cluster/kmedoids_init.hpp.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "clir/cluster/detail/checks.hpp"
#include "clir/cluster/detail/gains.hpp"
#include "clir/cluster/detail/row_source.hpp"
#include "clir/core/rng.hpp"

namespace clir::detail {

/// max(0, v) written so that it adds exactly what `if (v > 0) g += v` adds.
inline double positive_part(double v) noexcept { return v > 0.0 ? v : 0.0; }

/// BUILD's gain of every candidate c in [lo, hi) into gain[c], for the distances D_j = dysma[j]
/// to the nearest chosen medoid: Σ_{j<c} max(0, D_j − d(j, c)) + max(0, D_c) + Σ_{j>c}
/// max(0, D_j − d(c, j)), each sum taken over j in increasing order, as R takes it.
///
/// Each stored distance d(i, c), i < c, serves two candidates, c (item i) and i (item c), and
/// both use it in the same step, so one read of the part of the matrix this range needs serves
/// both. Rows are taken a block of B at a time: right of the block, the B rows are turned
/// item-major (RowSource::fill_columns) so that B candidates add their items in B vector lanes,
/// one lane per candidate and in item order; the same rows, read in place, add item i's terms
/// to the running sums col[c] of the later candidates c, vectorised over c. Candidate c's sum is
/// therefore col[c] (items j < c, in order) continued over j ≥ c: exactly R's order, whatever
/// the range or the thread. @p col (n values) and @p buffer (Rows::kBlock · BlockGains::kChunk
/// values, zero initialised) are scratch; only [lo, hi) of col is used. Condensed storage only
/// (rows.segments_in_place()).
template <class Rows>
void build_gains_in_place(const Rows& rows, const double* dysma, std::size_t lo, std::size_t hi, double* gain,
                          double* col, typename Rows::value_type* buffer) {
  using V = typename Rows::value_type;
  constexpr std::size_t B = Rows::kBlock, kChunk = BlockGains<Rows>::kChunk;
  const std::size_t n = rows.size();
  std::fill(col + lo, col + hi, 0.0);
  // Items before the range: their rows, restricted to the range's columns, in item order.
  for (std::size_t j = 0; j < lo; ++j) {
    const V* r = rows.segment(j, lo);
    const double dj = dysma[j];
    for (std::size_t c = lo; c < hi; ++c) col[c] += positive_part(dj - static_cast<double>(r[c - lo]));
  }
  for (std::size_t h0 = lo; h0 < hi; h0 += B) {
    const std::size_t count = std::min(B, hi - h0), h1 = h0 + count;
    double g[B];
    // Within the block, one candidate at a time (B² terms).
    for (std::size_t t = 0; t < B; ++t) {
      if (t >= count) {
        g[t] = 0.0;
        continue;
      }
      const std::size_t c = h0 + t;
      double sum = col[c];
      for (std::size_t j = h0; j < c; ++j) sum += positive_part(dysma[j] - static_cast<double>(rows.segment(j, c)[0]));
      sum += positive_part(dysma[c]);
      for (std::size_t j = c + 1; j < h1; ++j) sum += positive_part(dysma[j] - static_cast<double>(rows.segment(c, j)[0]));
      g[t] = sum;
    }
    for (std::size_t j0 = h1; j0 < n; j0 += kChunk) {
      const std::size_t j1 = std::min(n, j0 + kChunk);
      rows.fill_columns(h0, count, j0, j1, buffer);
      for (std::size_t j = j0; j < j1; ++j) {
        const double dj = dysma[j];
        const V* x = buffer + (j - j0) * B;
        for (std::size_t t = 0; t < B; ++t) g[t] += positive_part(dj - static_cast<double>(x[t]));
      }
      const std::size_t c_end = std::min(j1, hi);
      for (std::size_t t = 0; t < count && j0 < c_end; ++t) {
        const V* r = rows.segment(h0 + t, j0);
        const double di = dysma[h0 + t];
        for (std::size_t c = j0; c < c_end; ++c) col[c] += positive_part(di - static_cast<double>(r[c - j0]));
      }
    }
    for (std::size_t t = 0; t < count; ++t) gain[h0 + t] = g[t];
  }
}

/// Which of several equally good candidates a greedy BUILD takes.
enum class BuildTies {
  higher_index,  ///< as R's cluster::pam, which compares with `<=`
  lower_index,
};

/// Greedy BUILD (Kaufman & Rousseeuw 1990), the skeleton the k-medoids family's start and the
/// constrained start share. Up to k times: every candidate x is scored by the total decrease
/// Σ_j max(0, D_j − c(j, x)) of the items' costs D_j = nearest[j] to their nearest chosen
/// medoid (@p score(lo, hi, nearest, gain) fills gain[x] for the eligible x in [lo, hi), called
/// on contiguous ranges on up to @p threads threads, so a gain must not depend on the range),
/// the eligible candidate with the largest gain is chosen (@p ties), and @p add(x, nearest)
/// lowers nearest to x's costs. Stops early when no candidate is eligible. Medoids in the order
/// chosen.
template <class Score, class Eligible, class Add>
std::vector<std::size_t> greedy_build(std::size_t n, std::size_t k, std::vector<double> nearest, BuildTies ties,
                                      unsigned threads, Score&& score, Eligible&& eligible, Add&& add) {
  std::vector<double> gain(n, 0.0);
  std::vector<std::size_t> medoids;
  medoids.reserve(k);
  while (medoids.size() < k) {
    parallel_chunks(n, threads, [&](std::size_t lo, std::size_t hi) { score(lo, hi, nearest, gain); });
    double best = -std::numeric_limits<double>::infinity();
    std::size_t pick = n;
    for (std::size_t x = 0; x < n; ++x) {
      if (!eligible(x)) continue;
      if (ties == BuildTies::higher_index ? best <= gain[x] : best < gain[x]) {
        best = gain[x];
        pick = x;
      }
    }
    if (pick == n) break;
    medoids.push_back(pick);
    add(pick, nearest);
  }
  return medoids;
}

/// BUILD exactly as R's cluster::pam computes it (same sums in the same order, so the same
/// medoids bit for bit): the first medoid maximises Σ_j (big − d(i, j)), each next one the
/// total decrease Σ_j max(0, D_j − d(i, j)) of the distances D_j to the nearest chosen medoid.
/// Ties go to the HIGHER item index, because R compares with `<=`. Each thread scores a
/// contiguous range of candidates, each into its own slot, and the maximum is taken in item
/// order afterwards. From condensed storage every step reads each distance the range needs
/// once (build_gains_in_place); otherwise one row per candidate, as given.
template <class Rows>
std::vector<std::size_t> build_init(const Rows& rows, std::size_t k, double big, unsigned threads) {
  using V = typename Rows::value_type;
  const std::size_t n = rows.size();
  std::vector<double> col(n, 0.0);
  std::vector<char> chosen(n, 0);
  std::vector<V> scratch(rows.dense() ? 0 : n);
  auto score = [&](std::size_t lo, std::size_t hi, const std::vector<double>& dysma, std::vector<double>& gain) {
    if constexpr (Rows::segments_in_place()) {
      std::vector<V> buffer(Rows::kBlock * BlockGains<Rows>::kChunk, V(0));
      build_gains_in_place(rows, dysma.data(), lo, hi, gain.data(), col.data(), buffer.data());
    } else {
      std::vector<V> local(rows.block_buffer_size());
      for (std::size_t h0 = lo; h0 < hi; h0 += Rows::kBlock) {
        const std::size_t count = std::min(Rows::kBlock, hi - h0);
        const V* block = rows.rows_left(h0, count, local.data());
        for (std::size_t i = h0; i < h0 + count; ++i) {
          if (chosen[i]) continue;
          const V* left = block + (i - h0) * n;     // d(i, j) for j < i
          const V* right = rows.right_of(i, left);  // d(i, j) for j > i, from right[0]
          double g = 0.0;
          for (std::size_t j = 0; j < i; ++j) g += positive_part(dysma[j] - static_cast<double>(left[j]));
          g += positive_part(dysma[i]);
          for (std::size_t j = i + 1; j < n; ++j) g += positive_part(dysma[j] - static_cast<double>(right[j - i - 1]));
          gain[i] = g;
        }
      }
    }
  };
  auto add = [&](std::size_t pick, std::vector<double>& dysma) {
    chosen[pick] = 1;
    const V* r = rows.row(pick, scratch.data());
    for (std::size_t j = 0; j < n; ++j) dysma[j] = std::min(dysma[j], static_cast<double>(r[j]));
  };
  std::vector<std::size_t> medoids = greedy_build(
      n, k, std::vector<double>(n, big), BuildTies::higher_index, threads, score,
      [&](std::size_t i) { return !chosen[i]; }, add);
  std::sort(medoids.begin(), medoids.end());
  return medoids;
}

/// k distinct items, uniformly (partial Fisher–Yates).
inline std::vector<std::size_t> random_init(std::size_t n, std::size_t k, Rng rng) {
  std::vector<std::size_t> idx(n);
  for (std::size_t i = 0; i < n; ++i) idx[i] = i;
  for (std::size_t t = 0; t < k; ++t) std::swap(idx[t], idx[t + rng.below(n - t)]);
  idx.resize(k);
  std::sort(idx.begin(), idx.end());
  return idx;
}

/// k-medoids++ (the k-means++ seeding of Arthur & Vassilvitskii 2007 on a distance matrix).
/// When every remaining item coincides with a chosen medoid, the lowest unchosen index is taken.
template <class Rows>
std::vector<std::size_t> kmedoidspp_init(const Rows& rows, std::size_t k, Rng rng) {
  using V = typename Rows::value_type;
  const std::size_t n = rows.size();
  std::vector<V> scratch(rows.dense() ? 0 : n);
  std::vector<double> dist(n, std::numeric_limits<double>::infinity());
  std::vector<char> chosen(n, 0);
  std::vector<std::size_t> medoids;
  std::size_t pick = static_cast<std::size_t>(rng.below(n));
  for (std::size_t t = 0;; ++t) {
    chosen[pick] = 1;
    medoids.push_back(pick);
    if (t + 1 == k) break;
    const V* r = rows.row(pick, scratch.data());
    double total = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
      dist[j] = std::min(dist[j], static_cast<double>(r[j]));
      if (!chosen[j]) total += dist[j] * dist[j];
    }
    pick = n;
    if (total > 0.0) {
      const double u = rng.uniform() * total;
      double cum = 0.0;
      std::size_t last_positive = n;
      for (std::size_t j = 0; j < n; ++j) {
        if (chosen[j] || dist[j] <= 0.0) continue;
        last_positive = j;
        cum += dist[j] * dist[j];
        if (cum > u) {
          pick = j;
          break;
        }
      }
      if (pick == n) pick = last_positive;  // u landed past the rounded total
    }
    if (pick == n) pick = static_cast<std::size_t>(std::find(chosen.begin(), chosen.end(), 0) - chosen.begin());
  }
  std::sort(medoids.begin(), medoids.end());
  return medoids;
}

/// LAB: each medoid is the best BUILD candidate of a fresh sample of 10 + ⌈√n⌉ unchosen items,
/// scored on that sample only. Ties go to the lower item index.
template <class Rows>
std::vector<std::size_t> lab_init(const Rows& rows, std::size_t k, double big, Rng rng) {
  using V = typename Rows::value_type;
  const std::size_t n = rows.size();
  const std::size_t m = 10 + static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(n))));
  std::vector<double> dnear(n, big);
  std::vector<char> chosen(n, 0);
  std::vector<std::size_t> medoids, pool;
  std::vector<V> scratch(rows.dense() ? 0 : n);
  for (std::size_t t = 0; t < k; ++t) {
    pool.clear();
    for (std::size_t i = 0; i < n; ++i)
      if (!chosen[i]) pool.push_back(i);
    const std::size_t s = std::min(m, pool.size());
    for (std::size_t a = 0; a < s; ++a) std::swap(pool[a], pool[a + rng.below(pool.size() - a)]);
    pool.resize(s);
    std::sort(pool.begin(), pool.end());
    double best = -1.0;
    std::size_t pick = pool.front();
    for (std::size_t c : pool) {
      const V* r = rows.row(c, scratch.data());
      double g = 0.0;
      for (std::size_t j : pool) g += std::max(0.0, dnear[j] - static_cast<double>(r[j]));
      if (g > best) {
        best = g;
        pick = c;
      }
    }
    chosen[pick] = 1;
    medoids.push_back(pick);
    const V* r = rows.row(pick, scratch.data());
    for (std::size_t j = 0; j < n; ++j) dnear[j] = std::min(dnear[j], static_cast<double>(r[j]));
  }
  std::sort(medoids.begin(), medoids.end());
  return medoids;
}

}  // namespace clir::detail
