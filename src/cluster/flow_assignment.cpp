// The constrained assignment step: a min-cost flow solved with Boost.Graph's successive shortest
// paths (Dijkstra with potentials, so all arc costs must be >= 0).
//
// Start from the relaxed optimum: every super-item u (a must-link component of w_u items) at its
// cheapest admissible group a(u) (a medoid's own super-item at its group). When that already
// respects the size bounds [L, U] it is optimal and no flow is needed. Otherwise the optimal
// assignment differs from it by moves: u from a(u) to b costs c(u, b) − c(u, a(u)) >= 0, and
// group g, holding s_g items, must shed at least (s_g − U)⁺ and receive at least (L − s_g)⁺.
// That is a min-cost circulation with lower bounds, on the network
//     S → g          capacity (s_g − L)⁺ − (s_g − U)⁺, lower bound (s_g − U)⁺    (items g may shed)
//     g → u          capacity w_u, for u currently in g and not pinned
//     u → b          capacity w_u, cost per item (c(u, b) − c(u, a(u))) / w_u
//     g → T          capacity (U − s_g)⁺ − (L − s_g)⁺, lower bound (L − s_g)⁺    (items g may take)
//     T → S          unbounded
// with the lower bounds removed in the textbook way (an arc u→v with lower bound ℓ becomes a
// super-source arc S*→v and a super-sink arc u→T* of capacity ℓ). A maximum flow S*→T* of
// minimum cost saturating every super arc is an optimal feasible assignment; a smaller maximum
// flow proves the bounds cannot be met with these medoids. Every cost is >= 0, so Boost's
// successive_shortest_path_nonnegative_weights applies, and it needs one shortest-path search
// per unit of forced movement instead of one per item.
//
// Costs are scaled to integers (about 1e6 for the largest cost per item, exact in a double) so
// that reduced costs are exactly >= 0 and Boost's negative-edge check never fires on rounding.
//
// Two things a flow cannot express are repaired by re-solving:
//  - a must-link super-item split over several groups is pinned to the group carrying most of it;
//  - a cannot-link pair landing in one group forbids that group to the member with the smaller
//    regret (the extra cost of its next-best group).
// Each repair removes arcs for good, so the loop ends; it may miss the optimum (the exact
// p-median does not), and it may report no assignment where one exists.

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <cmath>
#include <limits>

#include "constraints_internal.hpp"

namespace clir::detail {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
struct FlowEdge {
  long capacity = 0;
  long residual = 0;
  double cost = 0.0;
  Traits::edge_descriptor reverse;
};
using FlowGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, FlowEdge>;
using Edge = Traits::edge_descriptor;

Edge add_arc(FlowGraph& g, std::size_t from, std::size_t to, long capacity, double cost) {
  const Edge e = boost::add_edge(from, to, FlowEdge{capacity, 0, cost, {}}, g).first;
  const Edge r = boost::add_edge(to, from, FlowEdge{0, 0, -cost, {}}, g).first;
  g[e].reverse = r;
  g[r].reverse = e;
  return e;
}

constexpr std::int32_t kFree = -1;

long positive(long x) { return x > 0 ? x : 0; }

}  // namespace

std::optional<Assignment> assign_by_flow(const DenseDistances& D, const PreparedConstraints& pc,
                                         const std::vector<std::size_t>& medoids) {
  const std::size_t nu = pc.units();
  const std::size_t k = medoids.size();
  const long L = static_cast<long>(pc.min_size);
  const long U = static_cast<long>(pc.max_size);
  constexpr double inf = std::numeric_limits<double>::infinity();

  // Exact costs, and the arcs that exist at all (hard blocks).
  std::vector<double> cost(nu * k, inf);
  std::vector<std::int32_t> pinned(nu, kFree);
  for (std::size_t g = 0; g < k; ++g) {
    const std::size_t mu = pc.unit_of[medoids[g]];
    if (pinned[mu] != kFree) return std::nullopt;  // two medoids in one must-link unit
    pinned[mu] = static_cast<std::int32_t>(g);
  }
  double max_per_item = 0.0;
  for (std::size_t u = 0; u < nu; ++u) {
    for (std::size_t g = 0; g < k; ++g) {
      if (!pc.allowed(u, medoids[g])) continue;
      cost[u * k + g] = unit_cost(D, pc, u, medoids[g]);
      max_per_item = std::max(max_per_item, cost[u * k + g] / static_cast<double>(pc.weight(u)));
    }
  }
  const double scale = max_per_item > 0.0 ? 1e6 / max_per_item : 1.0;
  std::vector<char> forbidden(nu * k, 0);
  for (std::size_t i = 0; i < nu * k; ++i) forbidden[i] = std::isinf(cost[i]) ? 1 : 0;
  auto admissible = [&](std::size_t u, std::size_t g) {
    return !forbidden[u * k + g] && (pinned[u] == kFree || pinned[u] == static_cast<std::int32_t>(g));
  };

  // Regret of moving unit u away from group g: its cheapest other admissible group minus g.
  auto regret = [&](std::size_t u, std::size_t g) {
    double best = inf;
    for (std::size_t h = 0; h < k; ++h) {
      if (h != g && !forbidden[u * k + h]) best = std::min(best, cost[u * k + h]);
    }
    return best - cost[u * k + g];
  };

  std::vector<std::int32_t> group_of(nu, kFree);
  for (;;) {
    // The relaxed optimum: each unit at its cheapest admissible group (ties: lower group).
    std::vector<long> size(k, 0);
    for (std::size_t u = 0; u < nu; ++u) {
      std::int32_t best = kFree;
      for (std::size_t g = 0; g < k; ++g) {
        if (!admissible(u, g)) continue;
        if (best == kFree || cost[u * k + g] < cost[u * k + static_cast<std::size_t>(best)]) {
          best = static_cast<std::int32_t>(g);
        }
      }
      if (best == kFree) return std::nullopt;
      group_of[u] = best;
      size[static_cast<std::size_t>(best)] += static_cast<long>(pc.weight(u));
    }

    bool within_bounds = true;
    for (std::size_t g = 0; g < k; ++g) within_bounds &= size[g] >= L && size[g] <= U;
    std::size_t split_unit = SIZE_MAX, split_group = 0;
    if (!within_bounds) {
      // Vertices: S, T, S*, T*, groups, units.
      const std::size_t S = 0, T = 1, SS = 2, TT = 3, first_group = 4, first_unit = 4 + k;
      FlowGraph graph(4 + k + nu);
      std::vector<Edge> super_arcs;
      long required = 0;
      for (std::size_t g = 0; g < k; ++g) {
        const long shed_min = positive(size[g] - U), shed_max = positive(size[g] - L);
        const long take_min = positive(L - size[g]), take_max = positive(U - size[g]);
        if (shed_max > shed_min) add_arc(graph, S, first_group + g, shed_max - shed_min, 0.0);
        if (shed_min > 0) {
          super_arcs.push_back(add_arc(graph, SS, first_group + g, shed_min, 0.0));
          super_arcs.push_back(add_arc(graph, S, TT, shed_min, 0.0));
          required += shed_min;
        }
        if (take_max > take_min) add_arc(graph, first_group + g, T, take_max - take_min, 0.0);
        if (take_min > 0) {
          super_arcs.push_back(add_arc(graph, first_group + g, TT, take_min, 0.0));
          super_arcs.push_back(add_arc(graph, SS, T, take_min, 0.0));
          required += take_min;
        }
      }
      add_arc(graph, T, S, static_cast<long>(pc.n), 0.0);
      std::vector<std::vector<std::pair<std::size_t, Edge>>> moves(nu);
      for (std::size_t u = 0; u < nu; ++u) {
        if (pinned[u] != kFree) continue;
        const auto a = static_cast<std::size_t>(group_of[u]);
        const long w = static_cast<long>(pc.weight(u));
        add_arc(graph, first_group + a, first_unit + u, w, 0.0);
        for (std::size_t b = 0; b < k; ++b) {
          if (b == a || !admissible(u, b)) continue;
          const double c = std::round((cost[u * k + b] - cost[u * k + a]) / static_cast<double>(w) * scale);
          moves[u].push_back({b, add_arc(graph, first_unit + u, first_group + b, w, c)});
        }
      }

      const std::size_t nv = boost::num_vertices(graph);
      std::vector<Edge> pred(nv);
      std::vector<double> dist(nv, 0.0), dist_prev(nv, 0.0);
      const auto index = boost::get(boost::vertex_index, graph);
      boost::successive_shortest_path_nonnegative_weights(
          graph, SS, TT, boost::get(&FlowEdge::capacity, graph), boost::get(&FlowEdge::residual, graph),
          boost::get(&FlowEdge::cost, graph), boost::get(&FlowEdge::reverse, graph), index,
          boost::make_iterator_property_map(pred.begin(), index),
          boost::make_iterator_property_map(dist.begin(), index),
          boost::make_iterator_property_map(dist_prev.begin(), index));
      (void)required;
      for (const Edge& e : super_arcs) {
        if (graph[e].residual != 0) return std::nullopt;  // the bounds cannot be met with these medoids
      }
      // Where each unit went; a unit that moved only in part is split.
      for (std::size_t u = 0; u < nu && split_unit == SIZE_MAX; ++u) {
        long moved = 0, most = 0;
        std::size_t most_group = static_cast<std::size_t>(group_of[u]);
        for (const auto& [b, e] : moves[u]) {
          const long f = graph[e].capacity - graph[e].residual;
          if (f <= 0) continue;
          moved += f;
          if (f > most) {  // ties keep the lower group (arcs are in group order)
            most = f;
            most_group = b;
          }
        }
        const long w = static_cast<long>(pc.weight(u));
        if (moved == 0) continue;
        if (moved < w || most < w) {
          split_unit = u;
          // Pin to the group holding most of it: where it stayed, or where most of it went.
          split_group = (w - moved >= most) ? static_cast<std::size_t>(group_of[u]) : most_group;
        } else {
          group_of[u] = static_cast<std::int32_t>(most_group);
        }
      }
    }
    if (split_unit != SIZE_MAX) {
      pinned[split_unit] = static_cast<std::int32_t>(split_group);
      continue;
    }
    // Cannot-link: the first violated pair (in sorted order) gets one arc forbidden.
    bool repaired = false;
    for (const auto& [a, b] : pc.cannot_units) {
      if (group_of[a] != group_of[b]) continue;
      const auto g = static_cast<std::size_t>(group_of[a]);
      const bool a_fixed = pinned[a] == group_of[a];
      const bool b_fixed = pinned[b] == group_of[b];
      const bool a_medoid = pc.unit_of[medoids[g]] == a;
      const bool b_medoid = pc.unit_of[medoids[g]] == b;
      std::size_t victim;
      if (a_medoid) {
        victim = b;
      } else if (b_medoid) {
        victim = a;
      } else if (a_fixed != b_fixed) {
        victim = a_fixed ? b : a;
      } else {
        victim = regret(a, g) < regret(b, g) ? a : b;  // ties: b, the higher index
      }
      if (pc.unit_of[medoids[g]] == victim) return std::nullopt;
      forbidden[victim * k + g] = 1;
      if (pinned[victim] == static_cast<std::int32_t>(g)) pinned[victim] = kFree;
      repaired = true;
      break;
    }
    if (repaired) continue;

    Assignment out;
    out.group_of_unit = std::move(group_of);
    for (std::size_t u = 0; u < nu; ++u) {
      const std::size_t m = medoids[static_cast<std::size_t>(out.group_of_unit[u])];
      for (std::size_t i : pc.members[u]) {
        out.loss += D(i, m);
        if (pc.soft && pc.category_of[i] != pc.category_of[m]) out.penalty += pc.penalty;
      }
    }
    return out;
  }
}

}  // namespace clir::detail
