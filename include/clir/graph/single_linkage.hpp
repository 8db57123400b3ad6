#pragma once
/// @file
/// @brief Single-linkage clustering by cutting the minimum spanning tree.
///
/// Single linkage into k groups is the minimum spanning tree without its k − 1 heaviest edges
/// (Gower and Ross 1969). "Heaviest" uses the tie order of clir/graph: the edges removed are the
/// last k − 1 of the tree in (weight, u, v) order, which is exactly what agglomerative single
/// linkage does when it merges pairs in that order and stops at k groups.

#include <cstddef>
#include <vector>

#include "clir/core/labels.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/graph/graph.hpp"

namespace clir {

/// Options of clir::single_linkage.
struct SingleLinkageOptions {
  /// A graph with several components: fail (default) or count each component as a group
  /// (then at most k components are allowed).
  Disconnected disconnected = Disconnected::fail;
};

/// A grouping obtained by cutting a spanning tree.
struct TreeCutResult {
  Labels labels;                         ///< group of each item, 0..k-1, numbered by lowest item
  std::vector<std::size_t> group_sizes;  ///< items per group
  std::vector<Edge> tree;                ///< the minimum spanning tree (forest), by edge_less
  std::vector<Edge> cut_edges;           ///< the removed tree edges, heaviest first
  std::size_t components = 1;            ///< connected components of the input
};

/// Single linkage of the vertices of @p g into exactly @p k groups, each connected in @p g.
/// Edge weights are the linkage distance (km, or the unit of the graph). Errors:
/// clir::ConfigError for k = 0 or k > n; clir::DisconnectedGraphError for a disconnected graph
/// with policy fail; clir::Infeasible when there are more components than k.
TreeCutResult single_linkage(const Graph& g, std::size_t k, const SingleLinkageOptions& options = {});

namespace detail {
/// Cuts the k − 1 heaviest edges of the spanning forest @p tree (n vertices, @p components
/// components) and labels the groups.
TreeCutResult cut_heaviest(std::size_t n, std::vector<Edge> tree, std::size_t components,
                           std::size_t k);
/// Throws ConfigError unless 1 <= k <= n.
void check_group_count(std::size_t k, std::size_t n, const char* context);
}  // namespace detail

/// Single linkage of the n items of the distance matrix @p distance (any DistanceMatrixLike, its
/// unit) into exactly @p k groups: the minimum spanning tree of the complete graph by Prim's
/// algorithm in O(n²) time and O(n) memory, then the k − 1 heaviest tree edges are cut.
/// Throws clir::ConfigError for k = 0 or k > n, clir::InputError for a negative or non-finite
/// distance.
template <DistanceMatrixLike Distance>
TreeCutResult single_linkage(const Distance& distance, std::size_t k);

/// Minimum spanning tree of the complete graph on the items of @p distance (Prim, O(n²), no
/// edge list), ties broken by (weight, u, v) like every MST in clir/graph, so that it equals
/// minimum_spanning_tree of the complete graph. Returns n − 1 edges by edge_less.
template <DistanceMatrixLike Distance>
std::vector<Edge> dense_minimum_spanning_tree(const Distance& distance);

}  // namespace clir

#include "clir/graph/detail/single_linkage_impl.hpp"
