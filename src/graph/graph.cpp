#include "clir/graph/graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/kruskal_min_spanning_tree.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <cmath>
#include <iterator>
#include <numeric>
#include <utility>

namespace clir {

namespace {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                         boost::no_property,
                                         boost::property<boost::edge_index_t, std::size_t>>;

BoostGraph to_boost(const Graph& g) {
  BoostGraph bg(g.size());
  std::size_t index = 0;
  for (const Edge& e : g.edges()) boost::add_edge(e.u, e.v, index++, bg);
  return bg;
}

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
  const BoostGraph bg = to_boost(g);
  std::vector<std::size_t> raw(n);
  result.count = static_cast<std::size_t>(boost::connected_components(bg, raw.data()));
  // Boost numbers components in discovery order; renumber by lowest vertex explicitly so the
  // rule does not rest on an implementation detail.
  Labels labels(n);
  for (std::size_t i = 0; i < n; ++i) labels[i] = static_cast<std::int32_t>(raw[i]);
  result.component = canonical_labels(labels);
  result.sizes = group_sizes(result.component);
  return result;
}

std::string to_string(Disconnected policy) {
  switch (policy) {
    case Disconnected::fail: return "fail";
    case Disconnected::join_nearest: return "join_nearest";
    case Disconnected::components_as_groups: return "components_as_groups";
  }
  return "unknown";
}

DisconnectedGraphError::DisconnectedGraphError(std::string context, Components components)
    : InputError(components_message(context, components)), components_(std::move(components)) {}

Components require_connected(const Graph& g, const std::string& context) {
  Components c = connected_components(g);
  if (c.count > 1) throw DisconnectedGraphError(context, std::move(c));
  return c;
}

std::vector<Edge> minimum_spanning_forest(const Graph& g) {
  const BoostGraph bg = to_boost(g);
  const auto& edges = g.edges();
  // Kruskal compares weights with std::greater on the weight map's value type; a lexicographic
  // (weight, u, v) key makes that a strict total order, so equal weights never leave the choice
  // to the priority queue.
  auto key = boost::make_function_property_map<BoostGraph::edge_descriptor>(
      [&](const BoostGraph::edge_descriptor& ed) {
        const Edge& e = edges[boost::get(boost::edge_index, bg, ed)];
        return std::make_tuple(e.weight, e.u, e.v);
      });
  std::vector<BoostGraph::edge_descriptor> tree;
  tree.reserve(g.size());
  boost::kruskal_minimum_spanning_tree(bg, std::back_inserter(tree), boost::weight_map(key));
  std::vector<Edge> out;
  out.reserve(tree.size());
  for (const auto& ed : tree) out.push_back(edges[boost::get(boost::edge_index, bg, ed)]);
  // Kruskal emits edges in increasing key order already; sorting states the contract.
  std::sort(out.begin(), out.end(), edge_less);
  return out;
}

Graph minimum_spanning_tree(const Graph& g) {
  require_connected(g, "minimum_spanning_tree");
  return Graph(g.size(), minimum_spanning_forest(g));
}

}  // namespace clir
