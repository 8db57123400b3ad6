#pragma once
/// @file
/// @brief Clustering by direct optimisation of the medoid silhouette (Lenssen & Schubert 2022):
/// FasterMSC (eager swaps, like FasterPAM) and DynMSC (FasterMSC for a range of k, from the
/// largest down, keeping the k with the highest medoid silhouette). See docs/clustering.md.
///
/// The medoid silhouette of item i is s̃(i) = 1 − d1(i)/d2(i), with d1 and d2 the distances to
/// its nearest and second-nearest medoid (1 when d1 = 0), and of a clustering the mean over all
/// items (clir::medoid_silhouette). Maximising it is minimising Σ_i d1(i)/d2(i).

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "clir/cluster/kmedoids.hpp"

namespace clir {

namespace detail {

/// d1/d2 for an item's nearest and second-nearest medoid distances (d1 ≤ d2): 1 − s̃(i).
inline double msc_ratio(double d1, double d2) noexcept { return d1 > 0.0 ? d1 / d2 : 0.0; }

/// Nearest, second- and third-nearest medoid of every item (slots; ties to the lower slot).
struct Nearest3Cache : MedoidDistances {
  std::vector<double> d1, d2, d3;     // per item
  std::vector<std::uint32_t> n1, n2;  // per item, slots

  template <class Rows>
  void init(const Rows& rows, std::vector<std::size_t> initial, double big_value) {
    load(rows, std::move(initial), big_value);
    d1.assign(n, big);
    d2.assign(n, big);
    d3.assign(n, big);
    n1.assign(n, 0);
    n2.assign(n, 0);
    rescan_all();
  }

  void rescan_all() {
    for (std::size_t j = 0; j < n; ++j) {
      double a = big, b = big, c = big;
      std::uint32_t na = 0, nb = 0;
      const double* d = dmed.data() + j * k;
      for (std::size_t s = 0; s < k; ++s) {
        if (d[s] < a) {
          c = b;
          b = a;
          nb = na;
          a = d[s];
          na = static_cast<std::uint32_t>(s);
        } else if (d[s] < b) {
          c = b;
          b = d[s];
          nb = static_cast<std::uint32_t>(s);
        } else if (d[s] < c) {
          c = d[s];
        }
      }
      d1[j] = a;
      d2[j] = b;
      d3[j] = c;
      n1[j] = na;
      n2[j] = nb;
    }
  }

  /// Σ_i d1(i)/d2(i): n × (1 − medoid silhouette).
  double ratio_sum() const {
    double total = 0.0;
    for (std::size_t j = 0; j < n; ++j) total += msc_ratio(d1[j], d2[j]);
    return total;
  }
};

/// The change of Σ d1/d2 of the best swap "slot s → candidate h" (and that slot; the lowest on
/// a tie), from h's distance row @p r. Removing slot s changes an item's pair (d1, d2) only if
/// s is its nearest or second nearest, so each item adds one term shared by every slot and a
/// correction to at most two slots: O(n + k) per candidate (Lenssen & Schubert's FastMSC idea).
template <class V>
std::pair<double, std::uint32_t> msc_evaluate(const Nearest3Cache& c, const V* r, std::vector<double>& corr) {
  corr.assign(c.k, 0.0);
  double shared = 0.0;
  for (std::size_t j = 0; j < c.n; ++j) {
    const double d = static_cast<double>(r[j]), a = c.d1[j], b = c.d2[j], e = c.d3[j];
    const double base = msc_ratio(a, b);
    // Any other slot removed: the new pair is the nearest two of {a, b, d}.
    const double kept = d < a ? msc_ratio(d, a) : d < b ? msc_ratio(a, d) : base;
    // Nearest removed: the nearest two of {b, e, d}; second nearest removed: of {a, e, d}.
    const double no1 = d < b ? msc_ratio(d, b) : d < e ? msc_ratio(b, d) : msc_ratio(b, e);
    const double no2 = d < a ? msc_ratio(d, a) : d < e ? msc_ratio(a, d) : msc_ratio(a, e);
    shared += kept - base;
    corr[c.n1[j]] += no1 - kept;
    corr[c.n2[j]] += no2 - kept;
  }
  double best = std::numeric_limits<double>::infinity();
  std::uint32_t slot = 0;
  for (std::size_t s = 0; s < c.k; ++s) {
    const double delta = shared + corr[s];
    if (delta < best) {
      best = delta;
      slot = static_cast<std::uint32_t>(s);
    }
  }
  return {best, slot};
}

/// A change of Σ d1/d2 counts as an improvement only below −16 ε · n: each of the n terms is a
/// ratio of at most 1, so rounding can never make two equal configurations swap back and forth.
inline double msc_tolerance(std::size_t n) noexcept { return 16.0 * DBL_EPSILON * static_cast<double>(n); }

/// FasterMSC's eager swap loop on the cache: candidates visited cyclically from just after the
/// last swap, the first one whose best swap lowers Σ d1/d2 swapped at once, until n candidates
/// in a row do not improve (or max_iter sweeps). Returns (sweeps, swaps, converged).
template <class Rows>
void fastermsc_loop(const Rows& rows, Nearest3Cache& c, std::size_t max_iter, std::size_t& sweeps, std::size_t& swaps,
                    bool& converged) {
  using V = typename Rows::value_type;
  const std::size_t n = c.n;
  constexpr std::size_t B = Rows::kBlock;
  std::vector<char> is_med(n, 0);
  for (auto m : c.medoids) is_med[m] = 1;
  std::vector<V> buffer(B * n), scratch(rows.dense() ? 0 : n);
  std::vector<double> corr;
  const double tol = msc_tolerance(n);
  const std::size_t max_examined =
      max_iter > std::numeric_limits<std::size_t>::max() / std::max<std::size_t>(n, 1) ? std::numeric_limits<std::size_t>::max() : max_iter * n;
  std::size_t pos = 0, remaining = n, examined = 0, block_start = std::numeric_limits<std::size_t>::max();
  const V* block = nullptr;
  converged = false;
  while (examined < max_examined) {
    if (remaining == 0) {
      converged = true;
      break;
    }
    const std::size_t b0 = pos / B * B;
    if (b0 != block_start) {
      block = rows.rows(b0, std::min(B, n - b0), buffer.data());
      block_start = b0;
    }
    const std::size_t h = pos;
    ++examined;
    --remaining;
    pos = (pos + 1) % n;
    if (is_med[h]) continue;
    const V* r = block + (h - b0) * n;
    const auto [delta, slot] = msc_evaluate(c, r, corr);
    if (!(delta < -tol)) continue;
    is_med[c.medoids[slot]] = 0;
    is_med[h] = 1;
    c.medoids[slot] = h;
    c.set_column(slot, r);
    c.rescan_all();
    ++swaps;
    remaining = n;
  }
  if (remaining == 0) converged = true;
  sweeps += (examined + n - 1) / n;
}

/// Validation and a k ≥ 2 check shared by FasterMSC and DynMSC.
inline void check_msc_k(std::size_t n, std::size_t k) {
  check_k(n, k);
  if (k < 2) throw ConfigError("k", "the medoid silhouette needs at least 2 groups, got k = " + std::to_string(k));
}

}  // namespace detail

/// FasterMSC (Lenssen & Schubert 2022): k medoids that maximise the medoid silhouette by eager
/// swaps (the first swap that raises it is made, candidates visited cyclically, as FasterPAM
/// does for the loss), from the initialisation of @p options (BUILD by default; with several
/// starts the highest medoid silhouette wins, the earliest start on a tie). The result's
/// medoid_silhouette is what was maximised; its loss (sum of distances to the nearest medoid,
/// unit of D) is usually a little above FasterPAM's. O(n²) per sweep. Identical result for any
/// thread count. Throws clir::ConfigError (key "k") for k < 2 and what fasterpam() throws.
template <DistanceMatrixLike M>
MedoidResult fastermsc(const M& D, std::size_t k, const KMedoidsOptions& options) {
  detail::check_msc_k(D.size(), k);
  return detail::run_kmedoids(
      D, k, options,
      [&](const auto& rows, std::vector<std::size_t> init, double big, unsigned, bool) {
        detail::Nearest3Cache c;
        c.init(rows, std::move(init), big);
        std::size_t sweeps = 0, swaps = 0;
        bool converged = false;
        detail::fastermsc_loop(rows, c, options.max_iter, sweeps, swaps, converged);
        return detail::finish_result(rows, std::move(c.medoids), sweeps, swaps, converged);
      },
      detail::Better::medoid_silhouette);
}

/// What DynMSC found: the clustering with the highest medoid silhouette over the k tried.
struct DynMscResult {
  MedoidResult result;                     ///< the chosen clustering (result.medoids.size() = k)
  std::size_t k = 0;                       ///< the chosen number of groups
  std::vector<std::size_t> ks;             ///< every k tried, from the largest down
  std::vector<double> medoid_silhouettes;  ///< FasterMSC's medoid silhouette for each of ks
};

/// DynMSC (Lenssen & Schubert 2023): chooses k in [k_min, k_max] by the medoid silhouette,
/// faster than a FasterMSC run per k. It runs FasterMSC with k_max medoids (initialised as
/// @p options says), then repeatedly removes the medoid whose removal lowers the medoid
/// silhouette least (the lowest item index on a tie) and runs FasterMSC again from the k − 1
/// that remain, down to k_min. The k with the highest medoid silhouette is chosen, the smaller
/// k on a tie. options.starts must be 1. Identical result for any thread count. Throws
/// clir::ConfigError (key "k") unless 2 ≤ k_min ≤ k_max ≤ n, and what fastermsc() throws.
template <DistanceMatrixLike M>
DynMscResult dynmsc(const M& D, std::size_t k_min, std::size_t k_max, const KMedoidsOptions& options = {}) {
  detail::check_msc_k(D.size(), k_max);
  if (k_min < 2 || k_min > k_max)
    throw ConfigError("k", "the range " + std::to_string(k_min) + ".." + std::to_string(k_max) +
                               " must satisfy 2 <= k_min <= k_max");
  if (options.starts != 1) throw ConfigError("starts", "DynMSC runs from one initialisation; starts must be 1");
  DynMscResult out;
  detail::run_kmedoids(D, k_max, options, [&](const auto& rows, std::vector<std::size_t> init, double big, unsigned,
                                              bool) {
    detail::Nearest3Cache c;
    c.init(rows, std::move(init), big);
    for (std::size_t k = k_max;; --k) {
      std::size_t sweeps = 0, swaps = 0;
      bool converged = false;
      detail::fastermsc_loop(rows, c, options.max_iter, sweeps, swaps, converged);
      MedoidResult r = detail::finish_result(rows, c.medoids, sweeps, swaps, converged);
      out.ks.push_back(k);
      out.medoid_silhouettes.push_back(r.medoid_silhouette);
      if (out.ks.size() == 1 || r.medoid_silhouette >= out.result.medoid_silhouette) {
        out.result = std::move(r);
        out.k = k;
      }
      if (k == k_min) break;
      // Remove the medoid whose loss raises Σ d1/d2 least: its items move to their second
      // nearest (their third becomes second), those it was second nearest to keep d1 and take d3.
      std::vector<double> raise(k, 0.0);
      for (std::size_t j = 0; j < c.n; ++j) {
        const double base = detail::msc_ratio(c.d1[j], c.d2[j]);
        raise[c.n1[j]] += detail::msc_ratio(c.d2[j], c.d3[j]) - base;
        raise[c.n2[j]] += detail::msc_ratio(c.d1[j], c.d3[j]) - base;
      }
      std::size_t drop = 0;
      for (std::size_t s = 1; s < k; ++s) {
        if (raise[s] < raise[drop] || (raise[s] == raise[drop] && c.medoids[s] < c.medoids[drop])) drop = s;
      }
      std::vector<std::size_t> kept;
      for (std::size_t s = 0; s < k; ++s)
        if (s != drop) kept.push_back(c.medoids[s]);
      c.init(rows, std::move(kept), big);
    }
    return MedoidResult{};
  });
  return out;
}

}  // namespace clir
