// The constrained assignment step: a min-cost flow solved with Boost.Graph's successive shortest
// paths (Dijkstra with potentials, so all arc costs must be >= 0).
//
// Network: source → super-item u (capacity w_u = items in u) → group g (capacity w_u, cost per
// item = cost(u, medoid g) / w_u) → sink. The size bounds [L, U] on group g are two parallel arcs
// g → sink: the first with capacity L and cost 0, the second with capacity U − L and a cost B
// larger than any assignment cost. Since every item must flow, each unit through a second-tier
// arc costs B, so a min-cost maximum flow fills the first tiers (the minimum sizes) whenever that
// is possible at all; when it is, the B terms add the same constant to every feasible flow and
// the assignment part is optimal. This keeps all costs non-negative, which the Dijkstra-based
// solver needs (the textbook lower-bound transformation would work too, with a second network).
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

}  // namespace

std::optional<Assignment> assign_by_flow(const DenseDistances& D, const PreparedConstraints& pc,
                                         const std::vector<std::size_t>& medoids) {
  const std::size_t nu = pc.units();
  const std::size_t k = medoids.size();
  const std::size_t L = pc.min_size;
  const std::size_t U = pc.max_size;
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

  // Regret of moving unit u away from group g: its cheapest other admissible group minus g.
  auto regret = [&](std::size_t u, std::size_t g) {
    double best = inf;
    for (std::size_t h = 0; h < k; ++h) {
      if (h != g && !forbidden[u * k + h]) best = std::min(best, cost[u * k + h]);
    }
    return best - cost[u * k + g];
  };

  const std::size_t S = 0, T = 1, first_unit = 2, first_group = 2 + nu;
  for (;;) {
    FlowGraph graph(2 + nu + k);
    std::vector<std::vector<std::pair<std::size_t, Edge>>> unit_arcs(nu);
    double big = 1.0;
    for (std::size_t u = 0; u < nu; ++u) {
      const long w = static_cast<long>(pc.weight(u));
      add_arc(graph, S, first_unit + u, w, 0.0);
      double worst = 0.0;
      for (std::size_t g = 0; g < k; ++g) {
        if (forbidden[u * k + g]) continue;
        if (pinned[u] != kFree && pinned[u] != static_cast<std::int32_t>(g)) continue;
        const double c = std::round(cost[u * k + g] / static_cast<double>(w) * scale);
        worst = std::max(worst, c);
        unit_arcs[u].push_back({g, add_arc(graph, first_unit + u, first_group + g, w, c)});
      }
      if (unit_arcs[u].empty()) return std::nullopt;
      big += worst * static_cast<double>(w);
    }
    std::vector<Edge> tier1(k);
    for (std::size_t g = 0; g < k; ++g) {
      tier1[g] = add_arc(graph, first_group + g, T, static_cast<long>(L), 0.0);
      if (U > L) add_arc(graph, first_group + g, T, static_cast<long>(U - L), big);
    }

    const std::size_t nv = boost::num_vertices(graph);
    std::vector<Edge> pred(nv);
    std::vector<double> dist(nv, 0.0), dist_prev(nv, 0.0);
    const auto index = boost::get(boost::vertex_index, graph);
    boost::successive_shortest_path_nonnegative_weights(
        graph, S, T, boost::get(&FlowEdge::capacity, graph), boost::get(&FlowEdge::residual, graph),
        boost::get(&FlowEdge::cost, graph), boost::get(&FlowEdge::reverse, graph), index,
        boost::make_iterator_property_map(pred.begin(), index), boost::make_iterator_property_map(dist.begin(), index),
        boost::make_iterator_property_map(dist_prev.begin(), index));

    for (std::size_t g = 0; g < k; ++g) {
      if (graph[tier1[g]].residual != 0) return std::nullopt;  // a minimum size cannot be met
    }
    // Flow per (unit, group); every unit must ship all its items.
    std::vector<std::int32_t> group_of(nu, kFree);
    std::size_t split_unit = SIZE_MAX, split_group = 0;
    for (std::size_t u = 0; u < nu && split_unit == SIZE_MAX; ++u) {
      long shipped = 0, most = 0;
      std::size_t most_group = 0, used = 0;
      for (const auto& [g, e] : unit_arcs[u]) {
        const long f = graph[e].capacity - graph[e].residual;
        if (f <= 0) continue;
        shipped += f;
        ++used;
        if (f > most) {  // ties keep the lower group (arcs are in group order)
          most = f;
          most_group = g;
        }
      }
      if (shipped != static_cast<long>(pc.weight(u))) return std::nullopt;
      if (used > 1) {
        split_unit = u;
        split_group = most_group;
      }
      group_of[u] = static_cast<std::int32_t>(most_group);
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

    Assignment a;
    a.group_of_unit = std::move(group_of);
    for (std::size_t u = 0; u < nu; ++u) {
      const std::size_t m = medoids[static_cast<std::size_t>(a.group_of_unit[u])];
      for (std::size_t i : pc.members[u]) {
        a.loss += D(i, m);
        if (pc.soft && pc.category_of[i] != pc.category_of[m]) a.penalty += pc.penalty;
      }
    }
    return a;
  }
}

}  // namespace clir::detail
