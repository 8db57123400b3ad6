#pragma once
/// @file
/// @brief Implementation of clir::connect_components (included by clir/graph/graph.hpp).

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "clir/core/parallel.hpp"

namespace clir {
namespace detail {

/// The sentinel "no edge found": a weight of +infinity loses every comparison by edge_less.
inline Edge no_edge() noexcept {
  return Edge{0, 0, std::numeric_limits<double>::infinity()};
}

template <class NearestCrossEdges>
ConnectResult join_components(const Graph& g, NearestCrossEdges&& nearest_cross_edges) {
  ConnectResult result;
  Components comp = connected_components(g);
  result.components_before = comp.count;
  if (comp.count <= 1) {
    result.graph = g;
    return result;
  }
  std::vector<Edge> edges = g.edges();
  while (comp.count > 1) {
    std::vector<Edge> best = nearest_cross_edges(comp);
    // Two components often pick the same edge; keep it once. Sorting by the tie order keeps the
    // record of added edges independent of the component numbering.
    std::sort(best.begin(), best.end(), edge_less);
    best.erase(std::unique(best.begin(), best.end(),
                           [](const Edge& a, const Edge& b) { return a.u == b.u && a.v == b.v; }),
               best.end());
    for (const Edge& e : best) {
      if (!(e.weight < std::numeric_limits<double>::infinity())) {
        throw InputError("connect_components: a component has no finite distance to any other "
                         "component, so it cannot be joined");
      }
      edges.push_back(e);
      result.added.push_back(e);
    }
    comp = connected_components(Graph(g.size(), edges));
  }
  result.graph = Graph(g.size(), std::move(edges));
  return result;
}

}  // namespace detail

template <DistanceMatrixLike Distance>
ConnectResult connect_components(const Graph& g, const Distance& distance, Disconnected policy) {
  const std::size_t n = g.size();
  if (static_cast<std::size_t>(distance.size()) != n) {
    throw InputError("connect_components: the distance matrix has " +
                     std::to_string(static_cast<std::size_t>(distance.size())) +
                     " rows but the graph has " + std::to_string(n) + " vertices");
  }
  if (policy == Disconnected::components_as_groups) {
    throw ConfigError("disconnected",
                      "connect_components joins components or fails; it cannot keep them as groups",
                      {"fail", "join_nearest"});
  }
  if (policy == Disconnected::fail) {
    require_connected(g, "connect_components");
    return ConnectResult{g, 1, {}};
  }
  return detail::join_components(g, [&](const Components& comp) {
    // Each component is searched independently and writes its own slot: thread-count free.
    std::vector<Edge> best(comp.count, detail::no_edge());
    parallel_for(comp.count, 0, [&](std::size_t c) {
      const auto label = static_cast<std::int32_t>(c);
      for (std::size_t i = 0; i < n; ++i) {
        if (comp.component[i] != label) continue;
        for (std::size_t j = 0; j < n; ++j) {
          if (comp.component[j] == label) continue;
          const Edge e{std::min(i, j), std::max(i, j), static_cast<double>(distance(i, j))};
          if (edge_less(e, best[c])) best[c] = e;
        }
      }
    });
    return best;
  });
}

}  // namespace clir
