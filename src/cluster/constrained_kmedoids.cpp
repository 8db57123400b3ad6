// Constrained k-medoids: initial medoids → optimal constrained assignment (min-cost flow) →
// repeated passes of (1) recentring each group on its best member and (2) trying to replace
// each medoid by other items, every candidate evaluated by re-solving the assignment.

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>

#include "clir/cluster/kmedoids_init.hpp"
#include "clir/evaluate/silhouette.hpp"
#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/core/rng.hpp"
#include "constraints_internal.hpp"

namespace clir::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Candidates evaluated together; fixed (never the thread count) so that the first improving
// candidate of a batch, and hence the result, does not depend on the number of threads.
constexpr std::size_t kSwapBatch = 16;
// Random streams of multi-start runs begin here, clear of the restart streams 1..restarts.
constexpr std::uint64_t kStartStream = 1u << 20;

// Cost of item i served by medoid m including the soft penalty; infinite across hard blocks.
double item_cost(const DenseDistances& D, const PreparedConstraints& pc, std::size_t i, std::size_t m) {
  if (pc.block_of[i] != pc.block_of[m]) return kInf;
  double c = D(i, m);
  if (pc.soft && pc.category_of[i] != pc.category_of[m]) c += pc.penalty;
  return c;
}

struct MedoidSetState {
  std::vector<std::size_t> groups_in_block;  // medoids per block
  std::vector<char> unit_used;               // super-item already holds a medoid
};

MedoidSetState state_of(const PreparedConstraints& pc, const std::vector<std::size_t>& medoids) {
  MedoidSetState s{std::vector<std::size_t>(pc.blocks(), 0), std::vector<char>(pc.units(), 0)};
  for (std::size_t m : medoids) {
    ++s.groups_in_block[static_cast<std::size_t>(pc.block_of[m])];
    s.unit_used[pc.unit_of[m]] = 1;
  }
  return s;
}

// Greedy BUILD (the k-medoids family's skeleton, detail::greedy_build) on the constrained
// costs: the medoid that lowers the summed cost most (ties: lower index), first until every
// block has its minimum number of groups, then up to k within the block maxima.
std::vector<std::size_t> build_init(const DenseDistances& D, const PreparedConstraints& pc, unsigned threads) {
  const std::size_t n = pc.n;
  double max_cost = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double c = item_cost(D, pc, i, j);
      if (c < kInf) max_cost = std::max(max_cost, c);
    }
  }
  MedoidSetState s{std::vector<std::size_t>(pc.blocks(), 0), std::vector<char>(pc.units(), 0)};
  bool filling_minimum = false;
  auto refresh_phase = [&] {
    filling_minimum = false;
    for (std::size_t b = 0; b < pc.blocks(); ++b) filling_minimum |= s.groups_in_block[b] < pc.block_min_groups[b];
  };
  refresh_phase();
  auto eligible = [&](std::size_t x) {
    if (s.unit_used[pc.unit_of[x]]) return false;
    const auto b = static_cast<std::size_t>(pc.block_of[x]);
    return filling_minimum ? s.groups_in_block[b] < pc.block_min_groups[b] : s.groups_in_block[b] < pc.block_max_groups[b];
  };
  auto score = [&](std::size_t lo, std::size_t hi, const std::vector<double>& nearest, std::vector<double>& gain) {
    for (std::size_t x = lo; x < hi; ++x) {
      if (!eligible(x)) continue;
      double g = 0.0;
      for (std::size_t i = 0; i < n; ++i) g += positive_part(nearest[i] - item_cost(D, pc, i, x));
      gain[x] = g;
    }
  };
  auto add = [&](std::size_t x, std::vector<double>& nearest) {
    s.unit_used[pc.unit_of[x]] = 1;
    ++s.groups_in_block[static_cast<std::size_t>(pc.block_of[x])];
    refresh_phase();
    for (std::size_t i = 0; i < n; ++i) nearest[i] = std::min(nearest[i], item_cost(D, pc, i, x));
  };
  // "No medoid yet" costs more than any medoid. Fewer than k medoids cannot happen after
  // prepare_constraints; the caller checks.
  return greedy_build(n, pc.k, std::vector<double>(n, 2.0 * max_cost + 1.0), BuildTies::lower_index,
                      resolve_threads(threads), score, eligible, add);
}

// Random medoids respecting the block minima and maxima: a seeded shuffle, then the same two
// phases as BUILD taking items in shuffled order.
std::vector<std::size_t> random_init(const PreparedConstraints& pc, Rng rng) {
  std::vector<std::size_t> order(pc.n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::size_t i = pc.n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  std::vector<std::size_t> medoids;
  MedoidSetState s{std::vector<std::size_t>(pc.blocks(), 0), std::vector<char>(pc.units(), 0)};
  for (int phase = 0; phase < 2; ++phase) {
    for (std::size_t x : order) {
      if (medoids.size() == pc.k) break;
      const auto b = static_cast<std::size_t>(pc.block_of[x]);
      const std::size_t cap = phase == 0 ? pc.block_min_groups[b] : pc.block_max_groups[b];
      if (s.unit_used[pc.unit_of[x]] || s.groups_in_block[b] >= cap) continue;
      medoids.push_back(x);
      s.unit_used[pc.unit_of[x]] = 1;
      ++s.groups_in_block[b];
    }
  }
  return medoids;
}

// The caller's medoids: k distinct items, one per must-link unit, block counts within bounds.
std::vector<std::size_t> given_init(const PreparedConstraints& pc, const std::vector<std::size_t>& given) {
  const std::string key = "initial_medoids";
  if (given.size() != pc.k) {
    throw ConfigError(key, "has " + std::to_string(given.size()) + " medoids; expected k = " + std::to_string(pc.k));
  }
  std::vector<std::size_t> owner(pc.units(), SIZE_MAX);
  std::vector<std::size_t> per_block(pc.blocks(), 0);
  for (std::size_t g = 0; g < given.size(); ++g) {
    const std::size_t m = given[g];
    if (m >= pc.n) {
      throw ConfigError(key, "medoid " + std::to_string(m) + " is out of range; there are " + std::to_string(pc.n) +
                                 " items");
    }
    const std::size_t u = pc.unit_of[m];
    if (owner[u] != SIZE_MAX) {
      throw ConfigError(key, given[owner[u]] == m ? "medoid " + std::to_string(m) + " is given twice"
                                                  : "medoids " + std::to_string(given[owner[u]]) + " and " +
                                                        std::to_string(m) + " are must-linked into one group");
    }
    owner[u] = g;
    ++per_block[static_cast<std::size_t>(pc.block_of[m])];
  }
  for (std::size_t b = 0; b < pc.blocks(); ++b) {
    if (per_block[b] < pc.block_min_groups[b] || per_block[b] > pc.block_max_groups[b]) {
      throw ConfigError(key, "category '" + pc.block_names[b] + "' gets " + std::to_string(per_block[b]) +
                                 " medoids; its " + std::to_string(pc.block_items[b]) + " items need " +
                                 std::to_string(pc.block_min_groups[b]) + " to " +
                                 std::to_string(pc.block_max_groups[b]) + " groups");
    }
  }
  return given;
}

// The same membership served by other medoids (recentring keeps every hard constraint).
Assignment with_medoids(const DenseDistances& D, const PreparedConstraints& pc, const Assignment& a,
                        const std::vector<std::size_t>& medoids) {
  Assignment out;
  out.group_of_unit = a.group_of_unit;
  for (std::size_t u = 0; u < pc.units(); ++u) {
    const std::size_t m = medoids[static_cast<std::size_t>(a.group_of_unit[u])];
    for (std::size_t i : pc.members[u]) {
      out.loss += D(i, m);
      if (pc.soft && pc.category_of[i] != pc.category_of[m]) out.penalty += pc.penalty;
    }
  }
  return out;
}

}  // namespace

namespace {

// Local search from a feasible start: recentre and swap passes until nothing improves.
ConstrainedResult improve(const DenseDistances& D, const PreparedConstraints& pc, const ConstrainedOptions& opt,
                          std::vector<std::size_t> medoids, Assignment cur) {
  const std::size_t n = pc.n, k = pc.k;
  ConstrainedResult result;
  double objective = cur.objective();
  auto improves = [&](double candidate) { return candidate < objective - 1e-12 * std::max(1.0, objective); };

  // Threads pay off only when a flow is not tiny (threads are started per batch).
  const unsigned work_threads = pc.units() * k < 2048 ? 1u : opt.threads;
  std::vector<std::size_t> group_items;
  std::vector<double> batch_objective(kSwapBatch);
  std::vector<std::optional<Assignment>> batch_assignment(kSwapBatch);
  while (result.iterations < opt.max_iter) {
    ++result.iterations;
    bool improved = false;

    // (1) Recentre: each group's best member as medoid (ties keep the current one, then the
    // lower index); then re-solve the assignment for the new medoids.
    std::vector<std::size_t> recentred = medoids;
    for (std::size_t g = 0; g < k; ++g) {
      group_items.clear();
      for (std::size_t u = 0; u < pc.units(); ++u) {
        if (static_cast<std::size_t>(cur.group_of_unit[u]) == g) {
          group_items.insert(group_items.end(), pc.members[u].begin(), pc.members[u].end());
        }
      }
      std::sort(group_items.begin(), group_items.end());
      auto group_cost = [&](std::size_t x) {
        double s = 0.0;
        for (std::size_t i : group_items) s += item_cost(D, pc, i, x);
        return s;
      };
      double best = group_cost(medoids[g]);
      for (std::size_t x : group_items) {
        const double cx = group_cost(x);
        if (cx < best - 1e-12 * std::max(1.0, best)) {
          best = cx;
          recentred[g] = x;
        }
      }
    }
    if (recentred != medoids) {
      Assignment kept = with_medoids(D, pc, cur, recentred);
      std::optional<Assignment> reflowed = assign_by_flow(D, pc, recentred);
      if (reflowed && reflowed->objective() < kept.objective()) kept = std::move(*reflowed);
      if (improves(kept.objective())) {
        medoids = std::move(recentred);
        cur = std::move(kept);
        objective = cur.objective();
        improved = true;
      }
    }

    // (2) Swaps: for each group, its medoid against the nearest non-medoids (all, or
    // swap_candidates of them), evaluated in fixed batches; the first improving one is taken.
    // A candidate is skipped without a flow when even the relaxation that drops the size
    // bounds and cannot-links (each unit at its cheapest admissible medoid) cannot beat the
    // current objective: it could not be the improving one, so the result is unchanged.
    std::vector<double> best1, best2;
    std::vector<std::size_t> best1_group;
    auto refresh_nearest = [&]() {
      best1.assign(pc.units(), kInf);
      best2.assign(pc.units(), kInf);
      best1_group.assign(pc.units(), SIZE_MAX);
      for (std::size_t u = 0; u < pc.units(); ++u) {
        for (std::size_t h = 0; h < k; ++h) {
          if (!pc.allowed(u, medoids[h])) continue;
          const double cost = unit_cost(D, pc, u, medoids[h]);
          if (cost < best1[u]) {
            best2[u] = best1[u];
            best1[u] = cost;
            best1_group[u] = h;
          } else if (cost < best2[u]) {
            best2[u] = cost;
          }
        }
      }
    };
    refresh_nearest();
    for (std::size_t g = 0; g < k; ++g) {
      const MedoidSetState s = state_of(pc, medoids);
      const std::size_t m = medoids[g];
      const auto bm = static_cast<std::size_t>(pc.block_of[m]);
      std::vector<std::size_t> cand;
      for (std::size_t x = 0; x < n; ++x) {
        if (x == m) continue;
        if (s.unit_used[pc.unit_of[x]] && pc.unit_of[x] != pc.unit_of[m]) continue;
        const auto bx = static_cast<std::size_t>(pc.block_of[x]);
        if (bx != bm && (s.groups_in_block[bm] <= pc.block_min_groups[bm] ||
                         s.groups_in_block[bx] >= pc.block_max_groups[bx])) {
          continue;
        }
        cand.push_back(x);
      }
      if (opt.swap_candidates > 0 && cand.size() > opt.swap_candidates) {
        std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(opt.swap_candidates), cand.end(),
                          [&](std::size_t x, std::size_t y) {
                            return D(m, x) != D(m, y) ? D(m, x) < D(m, y) : x < y;
                          });
        cand.resize(opt.swap_candidates);
        std::sort(cand.begin(), cand.end());
      }
      std::vector<double> bound(cand.size());
      parallel_for(cand.size(), work_threads, [&](std::size_t ci) {
        const std::size_t x = cand[ci];
        double lb = 0.0;
        for (std::size_t u = 0; u < pc.units(); ++u) {
          double best = best1_group[u] == g ? best2[u] : best1[u];
          if (pc.allowed(u, x)) best = std::min(best, unit_cost(D, pc, u, x));
          lb += best;
        }
        bound[ci] = lb;
      });
      std::size_t kept = 0;
      for (std::size_t ci = 0; ci < cand.size(); ++ci) {
        if (improves(bound[ci])) cand[kept++] = cand[ci];
      }
      cand.resize(kept);
      for (std::size_t start = 0; start < cand.size(); start += kSwapBatch) {
        const std::size_t len = std::min(kSwapBatch, cand.size() - start);
        parallel_for(len, work_threads, [&](std::size_t b) {
          std::vector<std::size_t> trial = medoids;
          trial[g] = cand[start + b];
          batch_assignment[b] = assign_by_flow(D, pc, trial);
          batch_objective[b] = batch_assignment[b] ? batch_assignment[b]->objective() : kInf;
        });
        std::size_t taken = SIZE_MAX;
        for (std::size_t b = 0; b < len && taken == SIZE_MAX; ++b) {
          if (improves(batch_objective[b])) taken = b;
        }
        if (taken != SIZE_MAX) {
          medoids[g] = cand[start + taken];
          cur = std::move(*batch_assignment[taken]);
          objective = cur.objective();
          ++result.swaps;
          improved = true;
          refresh_nearest();
          break;
        }
      }
    }
    if (!improved) {
      result.converged = true;
      break;
    }
  }

  ConstrainedResult made = make_result(pc, medoids, cur);
  made.iterations = result.iterations;
  made.swaps = result.swaps;
  made.converged = result.converged;
  return made;
}

}  // namespace

ConstrainedResult constrained_kmedoids_dense(const DenseDistances& D, std::size_t k, const GroupConstraints& c,
                                             const ConstrainedOptions& opt) {
  if (opt.starts == 0) throw ConfigError("starts", "must be at least 1");
  const PreparedConstraints pc = prepare_constraints(D.n, k, c);

  std::vector<std::size_t> medoids;
  switch (opt.init) {
    case ConstrainedInit::build: medoids = build_init(D, pc, opt.threads); break;
    case ConstrainedInit::random: medoids = random_init(pc, Rng::stream(opt.seed, 0)); break;
    case ConstrainedInit::given: medoids = given_init(pc, opt.initial_medoids); break;
  }
  std::optional<Assignment> a;
  if (medoids.size() == k) a = assign_by_flow(D, pc, medoids);
  for (std::size_t r = 0; !a && r < opt.restarts; ++r) {
    medoids = random_init(pc, Rng::stream(opt.seed, r + 1));
    if (medoids.size() == k) a = assign_by_flow(D, pc, medoids);
  }
  if (!a) {
    throw Infeasible("no feasible assignment found for the initial medoids nor " + std::to_string(opt.restarts) +
                         " random restarts; the constraints may be infeasible together",
                     active_constraints(pc, c),
                     "exact_pmedian decides feasibility for small n; otherwise relax cannot_link, must_link or the "
                     "size bounds");
  }
  ConstrainedResult best = improve(D, pc, opt, std::move(medoids), std::move(*a));
  // Further starts from random medoid sets (stream kStartStream + s); the lowest objective
  // wins, ties keep the earlier start. A start whose medoids admit no assignment is skipped.
  for (std::size_t s = 1; s < opt.starts; ++s) {
    std::vector<std::size_t> m = random_init(pc, Rng::stream(opt.seed, kStartStream + s));
    if (m.size() != k) continue;
    std::optional<Assignment> start = assign_by_flow(D, pc, m);
    if (!start) continue;
    ConstrainedResult r = improve(D, pc, opt, std::move(m), std::move(*start));
    if (r.objective < best.objective - 1e-12 * std::max(1.0, best.objective)) best = std::move(r);
  }
  // Under constraints an item need not sit with its nearest medoid: the silhouette of the
  // actual assignment.
  if (k >= 2) best.medoid_silhouette = medoid_silhouette(D, std::span<const std::size_t>(best.medoids), best.labels).mean;
  return best;
}

}  // namespace clir::detail
