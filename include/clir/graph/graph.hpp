#pragma once
/// @file
/// @brief The undirected weighted graph the regionalization methods work on, its connected
/// components, the "disconnected graph" policy and the minimum spanning tree.
///
/// A clir::Graph is a canonical edge list: every edge has u < v, edges are sorted by (u, v) and
/// appear once. Two graphs with the same edges are therefore equal whatever order the edges were
/// given in, which is what makes everything built on top independent of input order.
///
/// Ties are broken by one total order used throughout `clir/graph`: edge e precedes edge f when
/// (e.weight, e.u, e.v) < (f.weight, f.u, f.v). Under that order the minimum spanning tree is
/// unique.

#include <cstddef>
#include <string>
#include <tuple>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/labels.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// An undirected edge between vertices u and v (0-based), with a weight (a distance, usually km,
/// or a dissimilarity; never negative).
struct Edge {
  std::size_t u = 0;    ///< the lower endpoint (in a clir::Graph, u < v)
  std::size_t v = 0;    ///< the higher endpoint
  double weight = 0.0;  ///< length or cost of the edge, >= 0, finite
  friend bool operator==(const Edge&, const Edge&) = default;
};

/// The total order that breaks every tie in clir/graph: by weight, then by (u, v).
inline bool edge_less(const Edge& a, const Edge& b) noexcept {
  return std::tie(a.weight, a.u, a.v) < std::tie(b.weight, b.u, b.v);
}

/// An undirected simple graph with n vertices and non-negative edge weights, stored as a
/// canonical edge list (u < v, sorted by (u, v), no duplicates, no self-loops).
class Graph {
 public:
  Graph() = default;
  /// n vertices, no edges.
  explicit Graph(std::size_t n) : n_(n) {}
  /// n vertices and the given edges in any order and orientation. An edge given twice (as
  /// (u, v) and (v, u), or repeated) is kept once with the smaller weight. Throws
  /// clir::InputError for an endpoint >= n, a self-loop, or a weight that is negative or not
  /// finite (the message names the edge).
  Graph(std::size_t n, std::vector<Edge> edges);

  /// Number of vertices.
  std::size_t size() const noexcept { return n_; }
  /// Number of edges.
  std::size_t edge_count() const noexcept { return edges_.size(); }
  /// The edges, u < v, sorted by (u, v).
  const std::vector<Edge>& edges() const noexcept { return edges_; }
  /// Sum of the edge weights (same unit as the weights).
  double total_weight() const noexcept;
  /// Number of edges at each vertex.
  std::vector<std::size_t> degrees() const;
  /// Neighbours of every vertex in increasing order (an adjacency list built on demand).
  std::vector<std::vector<std::size_t>> adjacency() const;

  friend bool operator==(const Graph&, const Graph&) = default;

 private:
  std::size_t n_ = 0;
  std::vector<Edge> edges_;
};

/// The connected components of a graph.
struct Components {
  /// Component of each vertex, 0..count-1, numbered in order of their lowest vertex (the
  /// component holding vertex 0 is 0).
  Labels component;
  std::size_t count = 0;            ///< number of components (0 only for an empty graph)
  std::vector<std::size_t> sizes;   ///< vertices per component, indexed by component
  /// The vertices of component c, increasing.
  std::vector<std::size_t> members(std::size_t c) const;
};

/// Connected components of @p g (union-find over the edges, Boost disjoint_sets), numbered by
/// lowest vertex. O(m α(n)).
Components connected_components(const Graph& g);

/// What an algorithm that needs one connected graph does when the graph has several
/// components (islands, a river with no crossing, a k-nearest-neighbour graph of two far-apart
/// clusters).
enum class Disconnected {
  fail,                  ///< throw clir::DisconnectedGraphError listing the components (default)
  join_nearest,          ///< join each component to its nearest other component (builders only)
  components_as_groups,  ///< keep components apart: each is a group of its own (counts towards k)
};

template <>
struct EnumTraits<Disconnected> {
  static constexpr std::string_view what = "disconnected-graph policy";
  static constexpr std::array<EnumName<Disconnected>, 3> names{{
      {Disconnected::fail, "fail", "throw clir::DisconnectedGraphError listing the components"},
      {Disconnected::join_nearest, "join_nearest", "join each component to its nearest other component"},
      {Disconnected::components_as_groups, "components_as_groups", "each component is a group of its own (counts towards k)"},
  }};
};


/// The graph is not connected and the policy was Disconnected::fail. Derived from
/// clir::InputError, so `catch (const clir::InputError&)` catches it too. The message lists the
/// components (their sizes and first members) and the policies that would accept the input.
class DisconnectedGraphError : public InputError {
 public:
  DisconnectedGraphError(std::string context, Components components);
  /// The components that were found.
  const Components& components() const noexcept { return components_; }

 private:
  Components components_;
};

/// Throws DisconnectedGraphError (message starting with @p context) unless @p g is connected.
/// Returns the components (one of them) otherwise.
Components require_connected(const Graph& g, const std::string& context);

/// The minimum spanning forest of @p g by Kruskal's algorithm (edges sorted by (weight, u, v),
/// Boost's disjoint_sets union-find), so that among equal weights the edge with the lower index
/// pair wins and the result is unique. It has n − c edges for c components, returned in that
/// order. O(m log m) for m edges.
std::vector<Edge> minimum_spanning_forest(const Graph& g);

/// The minimum spanning tree of @p g as a graph (same weights and units). Throws
/// DisconnectedGraphError when @p g is not connected (use minimum_spanning_forest for forests).
Graph minimum_spanning_tree(const Graph& g);

/// How connect_components joined a disconnected graph.
struct ConnectResult {
  Graph graph;               ///< the input graph plus the joining edges, connected
  std::size_t components_before = 0;  ///< number of components of the input
  std::vector<Edge> added;   ///< the joining edges, in the order they were chosen
};

namespace detail {
/// Joins the components of @p g using @p nearest_cross_edges(components), which must return,
/// for every component c, the shortest edge (by one strict total order) from a vertex in c to a
/// vertex outside it. Borůvka rounds: every component takes its shortest outgoing edge, all of them are
/// added (a strict total order makes that cycle-free), repeat until one component remains.
template <class NearestCrossEdges>
ConnectResult join_components(const Graph& g, NearestCrossEdges&& nearest_cross_edges);
}  // namespace detail

/// Joins each component of @p g to its nearest neighbour component, by the shortest cross
/// edge under the distance @p distance (any DistanceMatrixLike, in its unit, usually km), ties by
/// the lower index pair: the result is @p g plus the edges of the minimum spanning tree of the
/// components. A connected input is returned unchanged (added is empty). With policy
/// Disconnected::fail, throws DisconnectedGraphError instead when there is more than one
/// component. Cost: O(n²) distance look-ups per round, O(log c) rounds.
template <DistanceMatrixLike Distance>
ConnectResult connect_components(const Graph& g, const Distance& distance,
                                 Disconnected policy = Disconnected::join_nearest);

}  // namespace clir

#include "clir/graph/detail/connect_impl.hpp"
