#include "clir/graph/single_linkage.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace clir {

namespace detail {

void check_group_count(std::size_t k, std::size_t n, const char* context) {
  if (k == 0) {
    throw ConfigError("k", std::string(context) + ": the number of groups must be at least 1, got 0");
  }
  if (k > n) {
    throw ConfigError("k", std::string(context) + ": the number of groups k = " + std::to_string(k) +
                               " exceeds the number of items n = " + std::to_string(n));
  }
}

TreeCutResult cut_heaviest(std::size_t n, std::vector<Edge> tree, std::size_t components,
                           std::size_t k) {
  TreeCutResult result;
  result.components = components;
  std::sort(tree.begin(), tree.end(), edge_less);
  const std::size_t cuts = k - components;  // callers guarantee components <= k
  std::vector<Edge> kept(tree.begin(), tree.end() - static_cast<std::ptrdiff_t>(cuts));
  result.cut_edges.assign(tree.rbegin(), tree.rbegin() + static_cast<std::ptrdiff_t>(cuts));
  result.tree = std::move(tree);
  Components groups = connected_components(Graph(n, std::move(kept)));
  result.labels = std::move(groups.component);
  result.group_sizes = std::move(groups.sizes);
  return result;
}

}  // namespace detail

TreeCutResult single_linkage(const Graph& g, std::size_t k, const SingleLinkageOptions& options) {
  detail::check_group_count(k, g.size(), "single_linkage");
  if (options.disconnected == Disconnected::join_nearest) {
    throw ConfigError("disconnected",
                      "single_linkage on a graph cannot join components; join them when building "
                      "the graph (clir::connect_components) or keep them as groups",
                      {"fail", "components_as_groups"});
  }
  const Components components = connected_components(g);
  if (components.count > 1) {
    if (options.disconnected == Disconnected::fail) {
      throw DisconnectedGraphError("single_linkage", components);
    }
    if (components.count > k) {
      throw Infeasible("single_linkage: the graph has " + std::to_string(components.count) +
                           " components, more than the k = " + std::to_string(k) + " groups asked for",
                       {"k = " + std::to_string(k), "disconnected = components_as_groups"},
                       "raise k to at least " + std::to_string(components.count) +
                           " or join the components");
    }
  }
  return detail::cut_heaviest(g.size(), minimum_spanning_forest(g), components.count, k);
}

}  // namespace clir
