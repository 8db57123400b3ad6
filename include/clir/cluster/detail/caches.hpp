#pragma once
/// @file
/// @brief What the k-medoids engine knows about the current medoids: every item's distance to
/// each of them (MedoidDistances), its nearest two (NearestCache, the total-deviation
/// objective) or three (Nearest3Cache, the medoid silhouette), and the final result built from
/// the medoids. The one "nearest so far" step every scan uses is NearestTwo / NearestThree.
///
/// Internal (clir::detail); see clir/cluster/kmedoids.hpp.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "clir/cluster/result.hpp"

namespace clir::detail {

/// The nearest two of the distances offered one by one, with their slots. Strict comparisons:
/// of equal distances the one offered first stays ahead (the lower slot or group, as R scans).
struct NearestTwo {
  double d1, d2;
  std::uint32_t s1 = 0, s2 = 0;

  void offer(double d, std::uint32_t s) noexcept {
    if (d < d1) {
      d2 = d1;
      s2 = s1;
      d1 = d;
      s1 = s;
    } else if (d < d2) {
      d2 = d;
      s2 = s;
    }
  }
};

/// As NearestTwo, also keeping the third-nearest distance (the medoid silhouette needs it to
/// know what an item's pair becomes when one of its two medoids leaves).
struct NearestThree : NearestTwo {
  double d3;

  void offer(double d, std::uint32_t s) noexcept {
    if (d < d2) {
      d3 = d2;
    } else if (d < d3) {
      d3 = d;
    }
    NearestTwo::offer(d, s);
  }
};

/// The distances of every item to every medoid, by medoid slot, kept item-major
/// (dmed[j·k + s]) so that a rescan of one item reads k adjacent values.
struct MedoidDistances {
  std::size_t n = 0, k = 0;
  double big = 0.0;                  // "no such medoid" distance
  std::vector<std::size_t> medoids;  // slot -> item
  std::vector<double> dmed;          // n × k

  template <class Rows>
  void load(const Rows& rows, std::vector<std::size_t> initial, double big_value) {
    n = rows.size();
    k = initial.size();
    big = big_value;
    medoids = std::move(initial);
    dmed.assign(n * k, 0.0);
    std::vector<typename Rows::value_type> scratch(rows.dense() ? 0 : n);
    for (std::size_t s = 0; s < k; ++s) set_column(s, rows.row(medoids[s], scratch.data()));
  }

  /// Column @p s from the distance row @p r of its medoid.
  template <class V>
  void set_column(std::size_t s, const V* r) {
    for (std::size_t j = 0; j < n; ++j) dmed[j * k + s] = static_cast<double>(r[j]);
  }
};

/// Nearest and second-nearest medoid of every item, by medoid slot.
/// Ties go to the lower slot (the scan is in slot order with strict comparisons), as in R.
struct NearestCache : MedoidDistances {
  std::vector<double> dnear, dsec;      // per item
  std::vector<std::uint32_t> near, sec; // per item, slots
  std::vector<double> remove_loss;      // per slot: loss increase if it were removed alone

  template <class Rows>
  void init(const Rows& rows, std::vector<std::size_t> initial, double big_value) {
    load(rows, std::move(initial), big_value);
    dnear.assign(n, big);
    dsec.assign(n, big);
    near.assign(n, 0);
    sec.assign(n, 0);
    for (std::size_t j = 0; j < n; ++j) rescan(j);
  }

  void rescan(std::size_t j) {
    NearestTwo t{big, big};
    const double* d = dmed.data() + j * k;
    for (std::size_t s = 0; s < k; ++s) t.offer(d[s], static_cast<std::uint32_t>(s));
    dnear[j] = t.d1;
    dsec[j] = t.d2;
    near[j] = t.s1;
    sec[j] = t.s2;
  }

  void compute_remove_loss() {
    remove_loss.assign(k, 0.0);
    for (std::size_t j = 0; j < n; ++j) remove_loss[near[j]] += dsec[j] - dnear[j];
  }

  double loss() const {
    double total = 0.0;
    for (std::size_t j = 0; j < n; ++j) total += dnear[j];
    return total;
  }

  /// Replaces the medoid in slot @p s by item @p h and updates the caches incrementally: only
  /// items whose nearest or second nearest was slot s need a rescan of all k medoids.
  /// Returns the new loss, summed afresh (more accurate than accumulating the changes).
  template <class Rows>
  double swap(const Rows& rows, std::size_t s, std::size_t h, typename Rows::value_type* scratch) {
    return swap_row(s, h, rows.row(h, scratch));
  }

  /// As swap(), given the distance row @p r of item h.
  template <class V>
  double swap_row(std::size_t s, std::size_t h, const V* r) {
    medoids[s] = h;
    set_column(s, r);
    double total = 0.0;
    const auto slot = static_cast<std::uint32_t>(s);
    for (std::size_t j = 0; j < n; ++j) {
      const double dnew = dmed[j * k + s];
      if (near[j] == slot) {
        if (dnew < dsec[j]) {
          dnear[j] = dnew;
        } else {
          rescan(j);
        }
      } else if (dnew < dnear[j]) {
        sec[j] = near[j];
        dsec[j] = dnear[j];
        near[j] = slot;
        dnear[j] = dnew;
      } else if (sec[j] == slot) {
        rescan(j);
      } else if (dnew < dsec[j]) {
        sec[j] = slot;
        dsec[j] = dnew;
      }
      total += dnear[j];
    }
    return total;
  }
};

/// d1/d2 for an item's nearest and second-nearest medoid distances (d1 ≤ d2): 1 − s̃(i).
inline double msc_ratio(double d1, double d2) noexcept { return d1 > 0.0 ? d1 / d2 : 0.0; }

/// Nearest, second- and third-nearest medoid of every item (slots; ties to the lower slot).
struct Nearest3Cache : MedoidDistances {
  std::vector<NearestThree> nearest;  // per item

  template <class Rows>
  void init(const Rows& rows, std::vector<std::size_t> initial, double big_value) {
    load(rows, std::move(initial), big_value);
    nearest.assign(n, NearestThree{{big, big}, big});
    rescan_all();
  }

  void rescan_all() {
    for (std::size_t j = 0; j < n; ++j) {
      NearestThree t{{big, big}, big};
      const double* d = dmed.data() + j * k;
      for (std::size_t s = 0; s < k; ++s) t.offer(d[s], static_cast<std::uint32_t>(s));
      nearest[j] = t;
    }
  }
};

/// Mean medoid silhouette (Lenssen & Schubert 2022) from each item's nearest (@p d1) and
/// second-nearest (@p d2) medoid distance: the mean of 1 − d1/d2, an item with d1 = 0 counting
/// 1 (as clir::medoid_silhouette). NaN with fewer than 2 medoids (d2 infinite), where it is
/// undefined.
inline double mean_medoid_silhouette(const std::vector<double>& d1, const std::vector<double>& d2) {
  if (d1.empty() || !std::isfinite(d2[0])) return std::numeric_limits<double>::quiet_NaN();
  double total = 0.0;
  for (std::size_t j = 0; j < d1.size(); ++j) total += d1[j] > 0.0 ? 1.0 - d1[j] / d2[j] : 1.0;
  return total / static_cast<double>(d1.size());
}

/// The final result: medoids sorted by item index, each item labelled with its nearest medoid
/// (ties to the lower item index, i.e. the lower label), and the loss summed in item order.
/// How a search ended: its passes (or sweeps), the swaps it made and whether it stopped at a
/// local optimum rather than at max_iter.
struct SearchOutcome {
  std::size_t iterations = 0;
  std::size_t swaps = 0;
  bool converged = false;
};

/// The final result: medoids sorted by item index, each item labelled with its nearest medoid
/// (ties to the lower item index, i.e. the lower label), and the loss summed in item order.
template <class Rows>
MedoidResult finish_result(const Rows& rows, std::vector<std::size_t> medoids, SearchOutcome outcome) {
  std::sort(medoids.begin(), medoids.end());
  const std::size_t n = rows.size(), k = medoids.size();
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<NearestTwo> nearest(n, NearestTwo{inf, inf});
  std::vector<typename Rows::value_type> scratch(rows.dense() ? 0 : n);
  for (std::size_t g = 0; g < k; ++g) {
    const auto* r = rows.row(medoids[g], scratch.data());
    for (std::size_t j = 0; j < n; ++j) nearest[j].offer(static_cast<double>(r[j]), static_cast<std::uint32_t>(g));
  }
  MedoidResult result;
  result.labels.resize(n);
  std::vector<double> best(n), second(n);
  for (std::size_t j = 0; j < n; ++j) {
    best[j] = nearest[j].d1;
    second[j] = nearest[j].d2;
    result.labels[j] = static_cast<std::int32_t>(nearest[j].s1);
  }
  result.medoid_silhouette = mean_medoid_silhouette(best, second);
  // A medoid always belongs to its own group, even when it coincides with another medoid.
  for (std::size_t g = 0; g < k; ++g) result.labels[medoids[g]] = static_cast<std::int32_t>(g);
  double loss = 0.0;
  for (std::size_t j = 0; j < n; ++j) loss += best[j];
  result.medoids = std::move(medoids);
  result.loss = loss;
  result.iterations = outcome.iterations;
  result.swaps = outcome.swaps;
  result.converged = outcome.converged;
  return result;
}

}  // namespace clir::detail
