#pragma once
/// @file
/// @brief The k-medoids family on a distance matrix: PAM (BUILD + SWAP, as R's cluster::pam),
/// FastPAM1, FasterPAM (eager swaps) and alternating (Voronoi iteration); assignment of items
/// and of new points to medoids. See docs/clustering.md.
///
/// Every algorithm takes any DistanceMatrixLike (distances in any unit, usually km or a
/// dimensionless blended distance) and returns a MedoidResult whose loss is in that unit.
/// Results are identical for any thread count.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "clir/cluster/kmedoids_detail.hpp"
#include "clir/cluster/kmedoids_init.hpp"
#include "clir/cluster/result.hpp"
#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/distance/matrix.hpp"

namespace clir {

/// The swap strategy of a k-medoids run.
enum class KMedoidsMethod {
  pam,          ///< original SWAP: the best of all k·(n−k) swaps per pass (R's cluster::pam default)
  fastpam1,     ///< same search, O(n²) per pass (Schubert & Rousseeuw 2019; R's pamonce = 3)
  fasterpam,    ///< eager: take the first improving swap (Schubert & Rousseeuw 2021; R's variant = "faster")
  alternating,  ///< Voronoi iteration: assign, then re-centre each group on its best member
  fastermsc,    ///< FasterMSC: eager swaps maximising the medoid silhouette (Lenssen & Schubert 2022; clir/cluster/msc.hpp)
};

template <>
struct EnumTraits<KMedoidsMethod> {
  static constexpr std::string_view what = "k-medoids method";
  static constexpr std::array<EnumName<KMedoidsMethod>, 5> names{{
      {KMedoidsMethod::pam, "pam", "BUILD + SWAP: the best of all k·(n−k) swaps per pass (R's cluster::pam)"},
      {KMedoidsMethod::fastpam1, "fastpam1", "the same search in O(n²) per pass (R's pamonce = 3)"},
      {KMedoidsMethod::fasterpam, "fasterpam", "eager: the first improving swap (R's variant = \"faster\")"},
      {KMedoidsMethod::alternating, "alternating", "Voronoi iteration: assign, then re-centre each group"},
      {KMedoidsMethod::fastermsc, "fastermsc", "eager swaps maximising the medoid silhouette"},
  }};
};

/// Options shared by the k-medoids algorithms.
struct KMedoidsOptions {
  Init init = Init::build;                   ///< how the starting medoids are chosen
  std::vector<std::size_t> initial_medoids;  ///< Init::given only: k distinct item indices
  /// Limit on passes: swap-search passes for pam and fastpam1, sweeps over the n items for
  /// fasterpam, assign/update rounds for alternating. Reaching it leaves converged = false.
  std::size_t max_iter = 1000;
  /// Multi-start: runs from `starts` initialisations (start s draws from Rng::stream(seed, s))
  /// and keeps the lowest loss (the earliest start on a tie). Needs a random init.
  std::size_t starts = 1;
  std::uint64_t seed = 1;  ///< seed of the random initialisations
  unsigned threads = 0;    ///< 0 = all cores; the result does not depend on it
  /// For a caller's matrix type (not DistanceMatrix), a dense n × n copy in double is made
  /// when it fits in this many bytes (2 GiB: n = 16,384), so that each entry is computed once;
  /// 0 never copies. DistanceMatrix rows are always gathered in blocks from the condensed
  /// storage, which is as fast as a dense copy and needs no extra memory.
  std::size_t dense_limit_bytes = std::size_t{2} << 30;
  bool validate = true;  ///< check for NaN, ∞ and negative distances first (O(n²))
};

namespace detail {

/// PAM's SWAP exactly as R's cluster::pam (pamonce = 0) decides it, but O(n²) per pass
/// instead of O(k·n²). R sums, for every pair (medoid i, candidate h), the change
/// C_jih over all j in item order, adding nothing for the many j that neither belong to i
/// nor come closer to h. Here the j that belong to i (d(i, j) = D_j, ties included, as R
/// tests it) are listed once per pass, the j with d(h, j) < D_j once per candidate, and the
/// two sorted lists are merged: the same non-zero terms are added in the same order, so the
/// totals, the chosen swap and the medoids are R's bit for bit.
template <class Rows>
MedoidResult pam_swap(const Rows& rows, std::vector<std::size_t> medoids, double big, bool skip_swap,
                      std::size_t max_iter, unsigned threads) {
  using V = typename Rows::value_type;
  const std::size_t n = rows.size(), k = medoids.size();
  std::vector<double> dysma(n), dysmb(n), dm(k * n);
  std::vector<std::vector<std::uint32_t>> owned(k);
  std::vector<char> is_med(n, 0);
  for (auto m : medoids) is_med[m] = 1;
  std::vector<V> scratch(rows.dense() ? 0 : n);
  std::vector<double> best_dz(n);
  std::vector<std::uint32_t> best_slot(n);
  Thresholds<V> thresholds;
  double sky = 0.0;
  std::size_t iterations = 0, swaps = 0;
  bool converged = skip_swap;
  bool first = true;
  while (!skip_swap) {
    // Nearest (D_j) and second-nearest (E_j) medoid distances, medoids in item order.
    std::sort(medoids.begin(), medoids.end());
    for (std::size_t s = 0; s < k; ++s) {
      const V* r = rows.row(medoids[s], scratch.data());
      for (std::size_t j = 0; j < n; ++j) dm[s * n + j] = static_cast<double>(r[j]);
    }
    for (std::size_t j = 0; j < n; ++j) {
      double a = big, b = big;
      for (std::size_t s = 0; s < k; ++s) {
        const double d = dm[s * n + j];
        if (a > d) {
          b = a;
          a = d;
        } else if (b > d) {
          b = d;
        }
      }
      dysma[j] = a;
      dysmb[j] = b;
    }
    if (first) {
      for (std::size_t j = 0; j < n; ++j) sky += dysma[j];
      first = false;
    }
    if (iterations >= max_iter) break;
    ++iterations;
    const V* check = thresholds.refresh(dysma);
    for (std::size_t s = 0; s < k; ++s) {
      owned[s].clear();
      for (std::size_t j = 0; j < n; ++j)
        if (dm[s * n + j] == dysma[j]) owned[s].push_back(static_cast<std::uint32_t>(j));
    }
    parallel_chunks(n, threads, [&](std::size_t lo, std::size_t hi) {
      std::vector<V> local(rows.block_buffer_size());
      std::vector<std::uint32_t> closer;
      for (std::size_t h0 = lo; h0 < hi; h0 += Rows::kBlock) {
        const std::size_t count = std::min(Rows::kBlock, hi - h0);
        const V* block = rows.rows_left(h0, count, local.data());
        for (std::size_t h = h0; h < h0 + count; ++h) {
          best_dz[h] = 1.0;  // R's start value: only negative totals matter
          if (is_med[h]) continue;
          // Row h: left[j] for j < h, 0 at h, right[j − h − 1] for j > h (read in place).
          const V* left = block + (h - h0) * n;
          const V* right = rows.right_of(h, left);
          auto dist = [&](std::uint32_t j) -> double {
            return j < h ? static_cast<double>(left[j]) : j == h ? 0.0 : static_cast<double>(right[j - h - 1]);
          };
          closer.clear();
          auto scan = [&](const V* r, std::size_t from, std::size_t to) {  // r[j − from] = d(h, j)
            std::size_t j = from;
            for (; j + 8 <= to; j += 8) {
              if (!any_less8(r + (j - from), check + j)) continue;
              for (std::size_t t = j; t < j + 8; ++t)
                if (static_cast<double>(r[t - from]) < dysma[t]) closer.push_back(static_cast<std::uint32_t>(t));
            }
            for (; j < to; ++j)
              if (static_cast<double>(r[j - from]) < dysma[j]) closer.push_back(static_cast<std::uint32_t>(j));
          };
          scan(left, 0, h);
          if (0.0 < dysma[h]) closer.push_back(static_cast<std::uint32_t>(h));
          scan(right, h + 1, n);
          for (std::size_t s = 0; s < k; ++s) {
            const auto& own = owned[s];
            double dz = 0.0;
            std::size_t ia = 0, ib = 0;
            const std::size_t na = own.size(), nb = closer.size();
            while (ia < na || ib < nb) {
              const std::uint32_t ja = ia < na ? own[ia] : std::numeric_limits<std::uint32_t>::max();
              const std::uint32_t jb = ib < nb ? closer[ib] : std::numeric_limits<std::uint32_t>::max();
              if (ja <= jb) {
                const double dh = dist(ja);
                const double small = dysmb[ja] > dh ? dh : dysmb[ja];
                dz += (-dysma[ja] + small);
                ++ia;
                if (jb == ja) ++ib;
              } else {
                dz += (-dysma[jb] + dist(jb));
                ++ib;
              }
            }
            if (best_dz[h] > dz) {
              best_dz[h] = dz;
              best_slot[h] = static_cast<std::uint32_t>(s);
            }
          }
        }
      }
    });
    double dzsky = 1.0;
    std::size_t hbest = n, sbest = 0;
    for (std::size_t h = 0; h < n; ++h) {
      if (!is_med[h] && dzsky > best_dz[h]) {
        dzsky = best_dz[h];
        hbest = h;
        sbest = best_slot[h];
      }
    }
    if (hbest == n || !(dzsky < -swap_tolerance(sky))) {
      converged = true;
      break;
    }
    is_med[medoids[sbest]] = 0;
    is_med[hbest] = 1;
    medoids[sbest] = hbest;
    sky += dzsky;
    ++swaps;
  }
  return finish_result(rows, std::move(medoids), iterations, swaps, converged);
}

/// FastPAM1: PAM's best-swap search with shared accumulators (R's pamonce = 3). From condensed
/// storage a pass reads each distance once (pass_gains_in_place); the gains are those of
/// BlockGains either way.
template <class Rows>
MedoidResult fastpam1_swap(const Rows& rows, std::vector<std::size_t> medoids, double big, std::size_t max_iter,
                           unsigned threads) {
  using V = typename Rows::value_type;
  const std::size_t n = rows.size(), k = medoids.size();
  NearestCache c;
  c.init(rows, std::move(medoids), big);
  double sky = c.loss();
  std::vector<char> is_med(n, 0);
  for (auto m : c.medoids) is_med[m] = 1;
  std::vector<V> scratch(rows.dense() ? 0 : n);
  std::vector<double> best(n);
  std::vector<std::uint32_t> slot(n);
  constexpr std::size_t B = Rows::kBlock;
  const std::size_t blocks = (n + B - 1) / B;
  std::size_t iterations = 0, swaps = 0;
  bool converged = false;
  while (iterations < max_iter) {
    ++iterations;
    c.compute_remove_loss();
    parallel_chunks(blocks, threads, [&](std::size_t lo, std::size_t hi) {
      if constexpr (Rows::segments_in_place()) {
        pass_gains_in_place(rows, c, lo * B, std::min(n, hi * B), best.data(), slot.data());
      } else {
        BlockGains<Rows> gains(rows, k, 1);
        for (std::size_t q = lo; q < hi; ++q) {
          const std::size_t h0 = q * B;
          gains.evaluate(c, h0, std::min(B, n - h0), best.data() + h0, slot.data() + h0);
        }
      }
    });
    double dzsky = 1.0;
    std::size_t hbest = n;
    for (std::size_t h = 0; h < n; ++h) {
      if (!is_med[h] && best[h] < dzsky) {
        dzsky = best[h];
        hbest = h;
      }
    }
    if (hbest == n || !(dzsky < -swap_tolerance(sky))) {
      converged = true;
      break;
    }
    is_med[c.medoids[slot[hbest]]] = 0;
    is_med[hbest] = 1;
    sky = c.swap(rows, slot[hbest], hbest, scratch.data());
    ++swaps;
  }
  return finish_result(rows, std::move(c.medoids), iterations, swaps, converged);
}

/// FasterPAM: candidates are visited cyclically from just after the last swap, and the first
/// one whose best swap improves the loss is swapped at once (R's variant = "faster").
///
/// Candidates are evaluated a block of up to Rows::kBlock consecutive ones at a time, all
/// against the same medoids (BlockGains), and the first improving one in the block is
/// swapped; the evaluations after it are discarded and the next block starts just after it.
/// That is exactly the one-at-a-time order: a candidate's evaluation does not depend on the
/// candidates before it unless one of them was swapped. With t threads a team of up to t
/// shares each block's stripes of items, whose partial sums are added in a fixed order, so
/// the swaps, and the result, are the same for any thread count.
template <class Rows>
MedoidResult fasterpam_swap(const Rows& rows, std::vector<std::size_t> medoids, double big, std::size_t max_iter,
                            unsigned threads) {
  using V = typename Rows::value_type;
  const std::size_t n = rows.size(), k = medoids.size();
  NearestCache c;
  c.init(rows, std::move(medoids), big);
  c.compute_remove_loss();
  double sky = c.loss();
  std::vector<char> is_med(n, 0);
  for (auto m : c.medoids) is_med[m] = 1;
  constexpr std::size_t B = Rows::kBlock;
  // Members spin between phases, so more members than cores would only take time from those
  // doing the work; the result does not depend on the count.
  ThreadTeam team(std::clamp(threads, 1u, resolve_threads(0)));
  BlockGains<Rows> gains(rows, k, team.size());
  const std::size_t stripes = gains.stripes();
  std::vector<V> scratch(rows.dense() ? 0 : n);
  std::vector<double> best(B);
  std::vector<std::uint32_t> slot(B);
  const std::size_t max_examined =
      max_iter > std::numeric_limits<std::size_t>::max() / std::max<std::size_t>(n, 1) ? std::numeric_limits<std::size_t>::max() : max_iter * n;
  std::size_t pos = 0, remaining = n, examined = 0, swaps = 0;
  bool converged = false;
  std::atomic<std::size_t> next_claim{0};
  for (;;) {
    if (remaining == 0) {
      converged = true;
      break;
    }
    if (examined >= max_examined) break;
    const std::size_t b = std::min({B, n - pos, remaining, max_examined - examined});
    next_claim.store(0, std::memory_order_relaxed);
    team.run([&](unsigned member) {
      for (std::size_t q; (q = next_claim.fetch_add(1, std::memory_order_relaxed)) < stripes;)
        gains.stripe(c, pos, b, q, member);
    });
    gains.finish(c, b, best.data(), slot.data());
    const double tol = swap_tolerance(sky);
    std::size_t found = 0;
    while (found < b && (is_med[pos + found] || !(best[found] < -tol))) ++found;
    if (found == b) {
      examined += b;
      remaining -= b;
      pos = (pos + b) % n;
      continue;
    }
    const std::size_t h = pos + found;
    is_med[c.medoids[slot[found]]] = 0;
    is_med[h] = 1;
    sky = c.swap(rows, slot[found], h, scratch.data());
    c.compute_remove_loss();
    ++swaps;
    examined += found + 1;
    remaining = n;
    pos = (h + 1) % n;
  }
  return finish_result(rows, std::move(c.medoids), (examined + n - 1) / n, swaps, converged);
}

/// Alternating (Voronoi iteration, Park & Jun 2009 style): assign every item to its nearest
/// medoid, then move each medoid to the member with the least total distance to its group
/// (keeping the current medoid on a tie, otherwise the lowest index), until nothing moves.
template <class Rows>
MedoidResult alternating_swap(const Rows& rows, std::vector<std::size_t> medoids, std::size_t max_iter,
                              unsigned threads) {
  using V = typename Rows::value_type;
  const std::size_t n = rows.size(), k = medoids.size();
  std::vector<V> scratch(rows.dense() ? 0 : n);
  std::vector<double> best(n), cost(n);
  std::vector<std::uint32_t> label(n);
  std::vector<std::vector<std::size_t>> members(k);
  std::size_t iterations = 0, swaps = 0;
  bool converged = false;
  while (iterations < max_iter) {
    ++iterations;
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
    parallel_chunks(n, threads, [&](std::size_t lo, std::size_t hi) {
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
      converged = true;
      break;
    }
    swaps += moved;
    medoids = std::move(next);
  }
  return finish_result(rows, std::move(medoids), iterations, swaps, converged);
}

/// Which of several starts' results run_kmedoids keeps.
enum class Better { loss, medoid_silhouette };

/// Validation, the row source, multi-start; @p run(rows, init_medoids, big, threads, is_build).
/// Of several starts, the lowest loss is kept (or the highest medoid silhouette), the earliest
/// start on a tie.
template <DistanceMatrixLike M, class Run>
MedoidResult run_kmedoids(const M& D, std::size_t k, const KMedoidsOptions& options, Run&& run,
                          Better better = Better::loss) {
  check_k(D.size(), k);
  if (options.starts == 0) throw ConfigError("starts", "the number of starts must be at least 1");
  if (options.starts > 1 && (options.init == Init::build || options.init == Init::given))
    throw ConfigError("starts", "several starts need a random initialisation; with init = " +
                                    std::string(to_string(options.init)) + " every start is the same",
                      {"random", "kmedoids++", "lab"});
  if (!options.initial_medoids.empty() && options.init != Init::given)
    throw ConfigError("initial_medoids", "initial medoids are used only with init = given");
  const unsigned threads = effective_threads(options.threads, D.size());
  const double big = scan_distances(D, options.validate, threads);
  RowSource<M> rows(D, options.dense_limit_bytes, threads);
  MedoidResult best;
  for (std::size_t s = 0; s < options.starts; ++s) {
    auto init = make_init(rows, k, options.init, options.initial_medoids, options.seed, s, big, threads);
    MedoidResult r = run(rows, std::move(init), big, threads, options.init == Init::build);
    const bool improves = better == Better::loss ? r.loss < best.loss : r.medoid_silhouette > best.medoid_silhouette;
    if (s == 0 || improves) best = std::move(r);
  }
  return best;
}

}  // namespace detail

/// PAM: BUILD (by default) then the original SWAP, which applies the best of all k·(n−k)
/// swaps per pass until none lowers the loss by more than 16 ε · loss. Gives the same medoids
/// as R's `cluster::pam(d, k)` (same sums in the same order; swap ties go to the lower
/// candidate index, then the lower medoid index, as in R). O(n²) per pass after an O(k·n)
/// bookkeeping step (R's implementation is O(k·n²)). Distances in any unit; loss in that unit.
/// Throws clir::ConfigError (key "k", "starts", "initial_medoids") or clir::InputError (key
/// "distance") on bad input.
template <DistanceMatrixLike M>
MedoidResult pam(const M& D, std::size_t k, const KMedoidsOptions& options = {}) {
  return detail::run_kmedoids(D, k, options, [&](const auto& rows, std::vector<std::size_t> init, double big,
                                                 unsigned threads, bool is_build) {
    // R skips SWAP for k = 1 after BUILD, whose single medoid is already the best one.
    return detail::pam_swap(rows, std::move(init), big, is_build && k == 1, options.max_iter, threads);
  });
}

/// FastPAM1 (Schubert & Rousseeuw 2019): the same best-swap search as PAM in O(n²) per pass,
/// summing in a different order (as R's `pam(pamonce = 3)`), so medoids can differ from PAM's
/// only when two swaps tie to the last bits. Same units, errors and tie rules as pam().
template <DistanceMatrixLike M>
MedoidResult fastpam1(const M& D, std::size_t k, const KMedoidsOptions& options = {}) {
  return detail::run_kmedoids(D, k, options, [&](const auto& rows, std::vector<std::size_t> init, double big,
                                                 unsigned threads, bool) {
    return detail::fastpam1_swap(rows, std::move(init), big, options.max_iter, threads);
  });
}

/// FasterPAM (Schubert & Rousseeuw 2021): eager swaps, visiting candidates cyclically from the
/// last swap and swapping as soon as one improves the loss; O(n²) per sweep, usually a few
/// sweeps. Its loss is never above that of its starting medoids. Matches R's
/// `pam(variant = "faster")` from the same starting medoids. Identical result for any number of
/// threads (a team scans each block of candidates, see the implementation). Same units and
/// errors as pam().
template <DistanceMatrixLike M>
MedoidResult fasterpam(const M& D, std::size_t k, const KMedoidsOptions& options = {}) {
  return detail::run_kmedoids(D, k, options, [&](const auto& rows, std::vector<std::size_t> init, double big,
                                                 unsigned threads, bool) {
    return detail::fasterpam_swap(rows, std::move(init), big, options.max_iter, threads);
  });
}

/// Alternating k-medoids (Voronoi iteration): assign each item to its nearest medoid, move each
/// medoid to its group's member with the least total distance, repeat until stable. Fast but
/// usually a worse local optimum than the swap methods. Same units and errors as pam().
template <DistanceMatrixLike M>
MedoidResult alternating(const M& D, std::size_t k, const KMedoidsOptions& options = {}) {
  return detail::run_kmedoids(D, k, options, [&](const auto& rows, std::vector<std::size_t> init, double,
                                                 unsigned threads, bool) {
    return detail::alternating_swap(rows, std::move(init), options.max_iter, threads);
  });
}

/// FasterMSC, k medoids maximising the medoid silhouette: defined and documented in clir/cluster/msc.hpp.
template <DistanceMatrixLike M>
MedoidResult fastermsc(const M& D, std::size_t k, const KMedoidsOptions& options = {});

/// Runs the k-medoids algorithm named by @p method (for callers that choose it at run time).
template <DistanceMatrixLike M>
MedoidResult kmedoids(const M& D, std::size_t k, KMedoidsMethod method, const KMedoidsOptions& options = {}) {
  switch (method) {
    case KMedoidsMethod::pam: return pam(D, k, options);
    case KMedoidsMethod::fastpam1: return fastpam1(D, k, options);
    case KMedoidsMethod::fasterpam: return fasterpam(D, k, options);
    case KMedoidsMethod::alternating: return alternating(D, k, options);
    case KMedoidsMethod::fastermsc: return fastermsc(D, k, options);
  }
  return fasterpam(D, k, options);
}

/// Assigns every item to its nearest medoid among @p medoids (group g has medoid medoids[g],
/// in the order given; ties go to the lower g; a medoid is always in its own group). Returns
/// labels and the loss (sum of distances to the assigned medoid, unit of D); iterations = 0.
/// Throws clir::ConfigError (key "medoids") unless the medoids are distinct indices below n,
/// and clir::InputError for an empty matrix.
template <DistanceMatrixLike M>
MedoidResult assign_to_medoids(const M& D, const std::vector<std::size_t>& medoids) {
  const std::size_t n = D.size();
  if (n == 0) throw InputError("the distance matrix is empty; there is nothing to assign", {.key = "distance"});
  if (medoids.empty()) throw ConfigError("medoids", "at least one medoid is needed");
  detail::check_medoids(medoids, n, medoids.size(), "medoids");
  MedoidResult result;
  result.medoids = medoids;
  result.labels.assign(n, 0);
  std::vector<std::int32_t> own(n, -1);
  for (std::size_t g = 0; g < medoids.size(); ++g) own[medoids[g]] = static_cast<std::int32_t>(g);
  double loss = 0.0;
  std::vector<double> d1(n, 0.0), d2(n, std::numeric_limits<double>::infinity());
  for (std::size_t j = 0; j < n; ++j) {
    double best = std::numeric_limits<double>::infinity(), second = best;
    for (std::size_t g = 0; g < medoids.size(); ++g) {
      const double d = own[j] == static_cast<std::int32_t>(g) ? 0.0 : static_cast<double>(D(j, medoids[g]));
      if (d < best) {
        second = best;
        best = d;
        result.labels[j] = static_cast<std::int32_t>(g);
      } else if (d < second) {
        second = d;
      }
    }
    if (own[j] >= 0) result.labels[j] = own[j];
    d1[j] = own[j] >= 0 ? 0.0 : best;
    d2[j] = second;
    if (own[j] < 0) loss += best;
  }
  result.loss = loss;
  result.medoid_silhouette = detail::mean_medoid_silhouette(d1, d2);
  result.converged = true;
  return result;
}

/// Where new points go: the group of each and its distance to that group's medoid.
struct PointAssignment {
  Labels labels;                  ///< group 0..k−1 of each new point
  std::vector<double> distances;  ///< distance to the assigned medoid, unit of the callable
};

/// Assigns @p count new points to @p k existing medoids without a full distance matrix:
/// `distance(p, g)` returns the distance of new point p to the medoid of group g (for example
/// a lambda over a count × k matrix, or haversine_km to the medoid's location). Ties go to the
/// lower g. Throws clir::ConfigError (key "k") for k = 0 and clir::InputError (key
/// "distance") for a NaN or negative distance.
template <class DistanceToMedoid>
  requires std::invocable<const DistanceToMedoid&, std::size_t, std::size_t>
PointAssignment assign_new_points(std::size_t count, std::size_t k, const DistanceToMedoid& distance) {
  if (k == 0) throw ConfigError("k", "at least one medoid is needed");
  PointAssignment out;
  out.labels.assign(count, 0);
  out.distances.assign(count, 0.0);
  for (std::size_t p = 0; p < count; ++p) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t g = 0; g < k; ++g) {
      const double d = static_cast<double>(distance(p, g));
      if (!detail::good_distance(d))
        throw InputError("distance of new point " + std::to_string(p) + " to medoid " + std::to_string(g) + " is " +
                             std::to_string(d) + "; expected a finite value >= 0",
                         {.key = "distance"});
      if (d < best) {
        best = d;
        out.labels[p] = static_cast<std::int32_t>(g);
      }
    }
    out.distances[p] = best;
  }
  return out;
}

}  // namespace clir

#include "clir/cluster/msc.hpp"  // fastermsc(), which kmedoids() dispatches to
