#pragma once
/// @file
/// @brief SKATER regionalization (Assunção, Neves, Câmara, Freitas 2006): contiguous groups of
/// similar needs by partitioning a minimum spanning tree.
///
/// The spanning tree is built on the proximity graph with edge cost = Euclidean distance between
/// the two items' attribute rows (as spdep::nbcosts does). The tree is then cut k − 1 times; each
/// cut is the tree edge, over all current groups, that most reduces the total within-group sum of
/// squared deviations (SSD) of the attributes, among the cuts that respect the size bounds;
/// while a group exceeds max_size, only oversized groups are cut (see docs/graph.md).
/// Every cut is evaluated in O(p) from subtree sums (count, attribute sums, sum of squares), so
/// scanning one group of m items costs O(m·p), and after a cut only the two new groups are
/// rescanned: the whole run is O(n·p·depth) rather than the O(n²·p) of recomputing each SSD.

#include <Eigen/Core>
#include <cstddef>
#include <vector>

#include "clir/core/labels.hpp"
#include "clir/graph/graph.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// Which cost the SKATER spanning tree minimises.
enum class SkaterEdgeCost {
  attribute_distance,  ///< Euclidean distance between the endpoints' attribute rows (default)
  graph_weight,        ///< the graph's own edge weights (e.g. a blended geo/needs distance)
};

template <>
struct EnumTraits<SkaterEdgeCost> {
  static constexpr std::string_view what = "SKATER edge cost";
  static constexpr std::array<EnumName<SkaterEdgeCost>, 2> names{{
      {SkaterEdgeCost::attribute_distance, "attribute_distance", "Euclidean distance between the endpoints' attribute rows"},
      {SkaterEdgeCost::graph_weight, "graph_weight", "the graph's own edge weights"},
  }};
};

/// Options of clir::skater. Group sizes count items (communities).
struct SkaterOptions {
  std::size_t min_size = 1;  ///< every group has at least this many items (>= 1)
  std::size_t max_size = 0;  ///< every group has at most this many items; 0 = no upper bound
  /// A graph with several components: fail (default) or start with each component as a group.
  Disconnected disconnected = Disconnected::fail;
  SkaterEdgeCost edge_cost = SkaterEdgeCost::attribute_distance;  ///< cost of the spanning tree
};

/// What SKATER did.
struct SkaterResult {
  Labels labels;                        ///< group of each item, 0..k-1, numbered by lowest item
  std::vector<std::size_t> group_sizes; ///< items per group, indexed by label
  std::vector<double> group_ssd;        ///< within-group SSD per group (attribute units squared)
  double ssd = 0.0;                     ///< total within-group SSD, the sum of group_ssd
  double total_ssd = 0.0;               ///< SSD of all items around the overall mean (1 group)
  std::vector<Edge> tree;               ///< the spanning tree (forest) that was cut, by edge_less
  std::vector<Edge> cut_edges;          ///< the tree edges cut, in the order they were cut
  std::vector<double> cut_gains;        ///< SSD reduction of each cut, same order
  std::size_t components = 1;           ///< connected components of the input graph
};

/// Partitions the items (vertices of @p g) into exactly @p k connected groups that are similar
/// in @p attributes (n rows × p columns, any units; standardise beforehand so that no column
/// dominates). Errors: clir::ConfigError for k = 0, k > n, min_size = 0 or max_size < min_size;
/// clir::InputError when @p attributes has the wrong number of rows or a non-finite value;
/// clir::DisconnectedGraphError when @p g is disconnected and the policy is fail;
/// clir::Infeasible when the size bounds cannot hold (k·min_size > n, k·max_size < n, more
/// components than k) or when no tree cut that keeps them exists (the message says which).
/// Deterministic: ties between equal SSD reductions go to the lower (u, v) edge.
SkaterResult skater(const Graph& g, const Eigen::Ref<const Eigen::MatrixXd>& attributes,
                    std::size_t k, const SkaterOptions& options = {});

/// Within-group sum of squared deviations of @p attributes (n × p) for the grouping @p labels:
/// the sum over groups of the squared Euclidean distances of members to the group mean. Items
/// with a negative label are ignored. Throws clir::InputError on a size mismatch.
double within_group_ssd(const Eigen::Ref<const Eigen::MatrixXd>& attributes, const Labels& labels);

}  // namespace clir
