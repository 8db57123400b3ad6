#include "clir/graph/graph.hpp"

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>
#include <cmath>
#include <iterator>
#include <numeric>
#include <utility>

namespace clir {

namespace {

std::string edge_text(const Edge& e) {
  return "(" + std::to_string(e.u) + ", " + std::to_string(e.v) + ")";
}

std::string components_message(const std::string& context, const Components& c) {
  constexpr std::size_t max_components_listed = 10;
  constexpr std::size_t max_members_listed = 8;
  std::string out = context + ": the graph is not connected: it has " + std::to_string(c.count) +
                    " components; ";
  std::vector<std::vector<std::size_t>> members(c.count);
  for (std::size_t i = 0; i < c.component.size(); ++i) {
    auto& m = members[static_cast<std::size_t>(c.component[i])];
    if (m.size() <= max_members_listed) m.push_back(i);
  }
  for (std::size_t k = 0; k < c.count && k < max_components_listed; ++k) {
    if (k) out += "; ";
    out += "component " + std::to_string(k) + " (" + std::to_string(c.sizes[k]) +
           (c.sizes[k] == 1 ? " vertex" : " vertices") + "): {";
    for (std::size_t j = 0; j < members[k].size() && j < max_members_listed; ++j) {
      if (j) out += ", ";
      out += std::to_string(members[k][j]);
    }
    if (c.sizes[k] > max_members_listed) out += ", ...";
    out += "}";
  }
  if (c.count > max_components_listed) {
    out += "; and " + std::to_string(c.count - max_components_listed) + " more";
  }
  out += ". Join them (clir::connect_components, or a builder's disconnected = join_nearest), "
         "add edges, or choose disconnected = components_as_groups";
  return out;
}

}  // namespace

Graph::Graph(std::size_t n, std::vector<Edge> edges) : n_(n) {
  for (Edge& e : edges) {
    if (e.u >= n || e.v >= n) {
      throw InputError("graph edge " + edge_text(e) + " has an endpoint outside 0.." +
                       (n == 0 ? std::string("(no vertices)") : std::to_string(n - 1)));
    }
    if (e.u == e.v) throw InputError("graph edge " + edge_text(e) + " is a self-loop");
    if (!std::isfinite(e.weight) || e.weight < 0.0) {
      throw InputError("graph edge " + edge_text(e) + " has weight " + std::to_string(e.weight) +
                       "; expected a finite number >= 0");
    }
    if (e.u > e.v) std::swap(e.u, e.v);
  }
  // Sort by (u, v, weight) so that of a repeated pair the lightest copy comes first and is kept.
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
    return std::tie(a.u, a.v, a.weight) < std::tie(b.u, b.v, b.weight);
  });
  edges.erase(std::unique(edges.begin(), edges.end(),
                          [](const Edge& a, const Edge& b) { return a.u == b.u && a.v == b.v; }),
              edges.end());
  edges_ = std::move(edges);
}

double Graph::total_weight() const noexcept {
  double total = 0.0;
  for (const Edge& e : edges_) total += e.weight;
  return total;
}

std::vector<std::size_t> Graph::degrees() const {
  std::vector<std::size_t> degree(n_, 0);
  for (const Edge& e : edges_) {
    ++degree[e.u];
    ++degree[e.v];
  }
  return degree;
}

std::vector<std::vector<std::size_t>> Graph::adjacency() const {
  std::vector<std::vector<std::size_t>> adjacent(n_);
  const auto degree = degrees();
  for (std::size_t i = 0; i < n_; ++i) adjacent[i].reserve(degree[i]);
  for (const Edge& e : edges_) {
    adjacent[e.u].push_back(e.v);
    adjacent[e.v].push_back(e.u);
  }
  for (auto& list : adjacent) std::sort(list.begin(), list.end());
  return adjacent;
}

std::vector<std::size_t> Components::members(std::size_t c) const {
  std::vector<std::size_t> out;
  if (c < sizes.size()) out.reserve(sizes[c]);
  for (std::size_t i = 0; i < component.size(); ++i) {
    if (static_cast<std::size_t>(component[i]) == c) out.push_back(i);
  }
  return out;
}

Components connected_components(const Graph& g) {
  Components result;
  const std::size_t n = g.size();
  if (n == 0) return result;
  // Union-find over the edge list (Boost's disjoint_sets): O(m α(n)), no adjacency structure.
  std::vector<std::size_t> rank(n, 0), parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  boost::disjoint_sets<std::size_t*, std::size_t*> sets(rank.data(), parent.data());
  for (const Edge& e : g.edges()) sets.union_set(e.u, e.v);
  Labels representative(n);
  for (std::size_t i = 0; i < n; ++i) representative[i] = static_cast<std::int32_t>(sets.find_set(i));
  // Components numbered in order of their lowest vertex.
  result.component = canonical_labels(representative);
  result.sizes = group_sizes(result.component);
  result.count = result.sizes.size();
  return result;
}

DisconnectedGraphError::DisconnectedGraphError(std::string context, Components components)
    : InputError(components_message(context, components)), components_(std::move(components)) {}

Components require_connected(const Graph& g, const std::string& context) {
  Components c = connected_components(g);
  if (c.count > 1) throw DisconnectedGraphError(context, std::move(c));
  return c;
}

std::vector<Edge> minimum_spanning_forest(const Graph& g) {
  // Kruskal: edges in the tie order (weight, u, v), each kept when it joins two trees of Boost's
  // union-find (disjoint_sets, union by rank with path compression). The strict total order
  // makes the forest unique. (boost::kruskal_minimum_spanning_tree does the same through a
  // priority queue over an adjacency_list; sorting a flat edge vector is several times faster
  // at n = 100,000 and leaves no tie to the queue.)
  std::vector<Edge> sorted = g.edges();
  std::sort(sorted.begin(), sorted.end(), edge_less);
  const std::size_t n = g.size();
  std::vector<std::size_t> rank(n, 0), parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  boost::disjoint_sets<std::size_t*, std::size_t*> sets(rank.data(), parent.data());
  std::vector<Edge> out;
  out.reserve(n > 0 ? n - 1 : 0);
  for (const Edge& e : sorted) {
    const std::size_t a = sets.find_set(e.u), b = sets.find_set(e.v);
    if (a == b) continue;
    sets.link(a, b);
    out.push_back(e);
    if (out.size() + 1 == n) break;
  }
  return out;
}

Graph minimum_spanning_tree(const Graph& g) {
  require_connected(g, "minimum_spanning_tree");
  return Graph(g.size(), minimum_spanning_forest(g));
}

}  // namespace clir
