#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "clir/graph/single_linkage.hpp"

namespace {

using clir::Edge;
using clir::Graph;
using ::testing::HasSubstr;

clir::DistanceMatrix<double> line_distances(const std::vector<double>& x) {
  clir::DistanceMatrix<double> d(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = i + 1; j < x.size(); ++j) d.set(i, j, std::abs(x[i] - x[j]));
  }
  return d;
}

Graph complete(const clir::DistanceMatrix<double>& d) {
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < d.size(); ++i) {
    for (std::size_t j = i + 1; j < d.size(); ++j) edges.push_back({i, j, d(i, j)});
  }
  return Graph(d.size(), edges);
}

TEST(SingleLinkage, CutsTheHeaviestTreeEdges) {
  const auto d = line_distances({0, 1, 2, 10, 11, 20});
  const auto result = clir::single_linkage(d, 3);
  EXPECT_EQ(result.labels, (clir::Labels{0, 0, 0, 1, 1, 2}));
  EXPECT_EQ(result.cut_edges, (std::vector<Edge>{{4, 5, 9.0}, {2, 3, 8.0}}));
  EXPECT_EQ(result.group_sizes, (std::vector<std::size_t>{3, 2, 1}));
  const auto on_graph = clir::single_linkage(complete(d), 3);
  EXPECT_EQ(on_graph.labels, result.labels);
  EXPECT_EQ(on_graph.tree, result.tree);
}

TEST(SingleLinkage, DenseMstEqualsGraphMstWithTies) {
  // Equal gaps everywhere: the tie rule decides; dense Prim and Kruskal must agree.
  const auto d = line_distances({0, 1, 2, 3, 4, 0, 2});
  EXPECT_EQ(clir::dense_minimum_spanning_tree(d), clir::minimum_spanning_forest(complete(d)));
  // The last edge in (weight, u, v) order is cut first: 4 equal gaps, cut (3, 4).
  const auto result = clir::single_linkage(line_distances({0, 1, 2, 3, 4}), 2);
  EXPECT_EQ(result.labels, (clir::Labels{0, 0, 0, 0, 1}));
  EXPECT_EQ(result.cut_edges, (std::vector<Edge>{{3, 4, 1.0}}));
}

TEST(SingleLinkage, OneGroupAndNGroups) {
  const auto d = line_distances({0, 3, 7});
  EXPECT_EQ(clir::single_linkage(d, 1).labels, (clir::Labels{0, 0, 0}));
  EXPECT_EQ(clir::single_linkage(d, 3).labels, (clir::Labels{0, 1, 2}));
}

TEST(SingleLinkage, DisconnectedAndBadK) {
  const Graph g(4, {{0, 1, 1.0}, {2, 3, 5.0}});
  EXPECT_THROW(clir::single_linkage(g, 2), clir::DisconnectedGraphError);
  const auto kept = clir::single_linkage(g, 3, {.disconnected = clir::Disconnected::components_as_groups});
  EXPECT_EQ(kept.labels, (clir::Labels{0, 0, 1, 2}));
  EXPECT_EQ(kept.components, 2u);
  EXPECT_THROW(clir::single_linkage(Graph(3), 2, {.disconnected = clir::Disconnected::components_as_groups}),
               clir::Infeasible);
  try {
    clir::single_linkage(g, 0);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "k");
  }
  try {
    clir::single_linkage(line_distances({0, 1}), 3);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("k = 3 exceeds the number of items n = 2"));
  }
}

}  // namespace
