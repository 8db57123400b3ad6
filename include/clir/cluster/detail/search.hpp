#pragma once
/// @file
/// @brief The search policies of the k-medoids engine: how swaps are chosen, whatever the
/// objective (detail/objectives.hpp) scores them by.
///
///   BestSwapPerPass  every candidate evaluated against the same medoids, the best swap made
///                    (PAM with TotalDeviationAsR, FastPAM1 with TotalDeviation);
///   EagerSwaps       candidates visited cyclically from just after the last swap, the first
///                    improving one swapped at once (FasterPAM with TotalDeviation, FasterMSC
///                    with MedoidSilhouette);
///   Alternating      Voronoi iteration: assign, re-centre each group on its best member;
///   StartOnly        no search: the initial medoids are the result (PAM after BUILD for k = 1).
///
/// Each has `static SearchOutcome run(Objective&, std::size_t max_iter)`.
///
/// Internal (clir::detail); see clir/cluster/kmedoids.hpp.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "clir/cluster/detail/caches.hpp"
#include "clir/cluster/detail/row_source.hpp"

namespace clir::detail {

/// 1 for the items that are medoids.
inline std::vector<char> medoid_mask(std::size_t n, const std::vector<std::size_t>& medoids) {
  std::vector<char> is_med(n, 0);
  for (auto m : medoids) is_med[m] = 1;
  return is_med;
}

/// The candidate (not a medoid) with the smallest change in @p best, the lowest index on a
/// tie; n when no change is below 1 (the start value R uses: only negative changes matter).
inline std::size_t best_of_pass(const std::vector<char>& is_med, const std::vector<double>& best) {
  const std::size_t n = best.size();
  double lowest = 1.0;
  std::size_t pick = n;
  for (std::size_t h = 0; h < n; ++h) {
    if (!is_med[h] && best[h] < lowest) {
      lowest = best[h];
      pick = h;
    }
  }
  return pick;
}

/// PAM's and FastPAM1's search: per pass, the best of all k·(n−k) swaps, made if it improves
/// the objective by more than its tolerance; max_iter passes at most.
struct BestSwapPerPass {
  template <class Objective>
  static SearchOutcome run(Objective& objective, std::size_t max_iter) {
    const std::size_t n = objective.size();
    std::vector<char> is_med = medoid_mask(n, objective.medoids());
    std::vector<double> best(n);
    std::vector<std::uint32_t> slot(n);
    SearchOutcome out;
    while (out.iterations < max_iter) {
      ++out.iterations;
      objective.evaluate_pass(is_med.data(), best.data(), slot.data());
      const std::size_t h = best_of_pass(is_med, best);
      if (h == n || !(best[h] < -objective.tolerance())) {
        out.converged = true;
        break;
      }
      is_med[objective.medoids()[slot[h]]] = 0;
      is_med[h] = 1;
      objective.swap(slot[h], h, best[h]);
      ++out.swaps;
    }
    return out;
  }
};

/// FasterPAM's and FasterMSC's search: candidates are visited cyclically from just after the
/// last swap, and the first one whose best swap improves the objective is swapped at once,
/// until n candidates in a row do not improve (converged) or max_iter sweeps over the n items.
///
/// Candidates are evaluated Objective::kWidth consecutive ones at a time, all against the same
/// medoids, and the first improving one is swapped; the evaluations after it are discarded and
/// the next block starts just after it. That is exactly the one-at-a-time order: a candidate's
/// evaluation does not depend on the candidates before it unless one of them was swapped.
struct EagerSwaps {
  template <class Objective>
  static SearchOutcome run(Objective& objective, std::size_t max_iter) {
    constexpr std::size_t W = Objective::kWidth;
    const std::size_t n = objective.size();
    std::vector<char> is_med = medoid_mask(n, objective.medoids());
    std::vector<double> best(W);
    std::vector<std::uint32_t> slot(W);
    const std::size_t max_examined = max_iter > std::numeric_limits<std::size_t>::max() / std::max<std::size_t>(n, 1)
                                         ? std::numeric_limits<std::size_t>::max()
                                         : max_iter * n;
    std::size_t pos = 0, remaining = n, examined = 0;
    SearchOutcome out;
    for (;;) {
      if (remaining == 0) {
        out.converged = true;
        break;
      }
      if (examined >= max_examined) break;
      const std::size_t b = std::min({W, n - pos, remaining, max_examined - examined});
      objective.evaluate(pos, b, is_med.data(), best.data(), slot.data());
      const double tol = objective.tolerance();
      std::size_t found = 0;
      while (found < b && (is_med[pos + found] || !(best[found] < -tol))) ++found;
      if (found == b) {
        examined += b;
        remaining -= b;
        pos = (pos + b) % n;
        continue;
      }
      const std::size_t h = pos + found;
      is_med[objective.medoids()[slot[found]]] = 0;
      is_med[h] = 1;
      objective.swap(slot[found], h, best[found]);
      ++out.swaps;
      examined += found + 1;
      remaining = n;
      pos = (h + 1) % n;
    }
    out.iterations = (examined + n - 1) / n;
    return out;
  }
};

/// Alternating (Voronoi iteration, Park & Jun 2009 style): assign every item to its nearest
/// medoid, then move each medoid to the member with the least total distance to its group
/// (keeping the current medoid on a tie, otherwise the lowest index), until nothing moves.
/// Evaluates no swaps: it needs only the objective's rows, threads and medoids.
struct Alternating {
  template <class Objective>
  static SearchOutcome run(Objective& objective, std::size_t max_iter) {
    const auto& rows = objective.rows();
    using V = typename std::remove_cvref_t<decltype(rows)>::value_type;
    const std::size_t n = rows.size();
    std::vector<std::size_t> medoids = objective.medoids();
    const std::size_t k = medoids.size();
    std::vector<V> scratch(rows.dense() ? 0 : n);
    std::vector<double> best(n), cost(n);
    std::vector<std::uint32_t> label(n);
    std::vector<std::vector<std::size_t>> members(k);
    SearchOutcome out;
    while (out.iterations < max_iter) {
      ++out.iterations;
      std::sort(medoids.begin(), medoids.end());
      std::fill(best.begin(), best.end(), std::numeric_limits<double>::infinity());
      for (std::size_t g = 0; g < k; ++g) {
        const V* r = rows.row(medoids[g], scratch.data());
        for (std::size_t j = 0; j < n; ++j) {
          if (static_cast<double>(r[j]) < best[j]) {
            best[j] = static_cast<double>(r[j]);
            label[j] = static_cast<std::uint32_t>(g);
          }
        }
      }
      for (std::size_t g = 0; g < k; ++g) label[medoids[g]] = static_cast<std::uint32_t>(g);
      for (auto& m : members) m.clear();
      for (std::size_t j = 0; j < n; ++j) members[label[j]].push_back(j);
      // Every item's total distance to the members of its own group, rows read block-wise.
      parallel_chunks(n, objective.threads(), [&](std::size_t lo, std::size_t hi) {
        std::vector<V> local(rows.block_buffer_size());
        for_each_row(rows, lo, hi, local.data(), [&](std::size_t h, const V* r) {
          double total = 0.0;
          for (std::size_t j : members[label[h]]) total += static_cast<double>(r[j]);
          cost[h] = total;
        });
      });
      std::vector<std::size_t> next(medoids);
      for (std::size_t g = 0; g < k; ++g) {
        double best_cost = cost[medoids[g]];
        for (std::size_t cand : members[g]) {
          if (cost[cand] < best_cost) {
            best_cost = cost[cand];
            next[g] = cand;
          }
        }
      }
      std::size_t moved = 0;
      for (std::size_t g = 0; g < k; ++g) moved += next[g] != medoids[g];
      if (moved == 0) {
        out.converged = true;
        break;
      }
      out.swaps += moved;
      medoids = std::move(next);
    }
    objective.replace_medoids(std::move(medoids));
    return out;
  }
};

/// No search: the initial medoids are the result, converged (R skips SWAP for k = 1 after
/// BUILD, whose single medoid is already the best one).
struct StartOnly {
  template <class Objective>
  static SearchOutcome run(Objective&, std::size_t) {
    return {.iterations = 0, .swaps = 0, .converged = true};
  }
};

}  // namespace clir::detail
