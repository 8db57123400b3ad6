#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "clir/core/rng.hpp"
#include "clir/graph/graph.hpp"

namespace {

using clir::Edge;
using clir::Graph;
using ::testing::HasSubstr;

TEST(Graph, CanonicalisesOrientationOrderAndDuplicates) {
  const Graph g(4, {{2, 1, 3.0}, {0, 1, 1.0}, {1, 2, 2.0}, {3, 0, 5.0}});
  const std::vector<Edge> expected{{0, 1, 1.0}, {0, 3, 5.0}, {1, 2, 2.0}};
  EXPECT_EQ(g.edges(), expected);  // (1,2) kept once, with the smaller weight
  EXPECT_EQ(g.edge_count(), 3u);
  EXPECT_DOUBLE_EQ(g.total_weight(), 8.0);
  EXPECT_EQ(g.degrees(), (std::vector<std::size_t>{2, 2, 1, 1}));
  EXPECT_EQ(g.adjacency()[0], (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(g, Graph(4, {{0, 3, 5.0}, {1, 0, 1.0}, {1, 2, 2.0}}));
}

TEST(Graph, RejectsBadEdgesWithTheEdgeNamed) {
  try {
    Graph(3, {{0, 3, 1.0}});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("(0, 3)"));
    EXPECT_THAT(e.what(), HasSubstr("outside 0..2"));
  }
  EXPECT_THROW(Graph(3, {{1, 1, 1.0}}), clir::InputError);
  try {
    Graph(3, {{0, 1, -1.0}});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("finite number >= 0"));
  }
  EXPECT_THROW(Graph(3, {{0, 1, std::nan("")}}), clir::InputError);
}

TEST(Components, NumberedByLowestVertex) {
  const Graph g(7, {{5, 6, 1.0}, {0, 3, 1.0}, {2, 4, 1.0}, {3, 4, 1.0}});
  const auto c = clir::connected_components(g);
  EXPECT_EQ(c.count, 3u);
  EXPECT_EQ(c.component, (clir::Labels{0, 1, 0, 0, 0, 2, 2}));
  EXPECT_EQ(c.sizes, (std::vector<std::size_t>{4, 1, 2}));
  EXPECT_EQ(c.members(0), (std::vector<std::size_t>{0, 2, 3, 4}));
  EXPECT_EQ(clir::connected_components(Graph(0)).count, 0u);
}

TEST(Components, DisconnectedErrorListsComponentsAndPolicies) {
  const Graph g(5, {{0, 1, 1.0}, {3, 4, 1.0}});
  try {
    clir::require_connected(g, "test");
    FAIL();
  } catch (const clir::DisconnectedGraphError& e) {
    EXPECT_EQ(e.components().count, 3u);
    EXPECT_THAT(e.what(), HasSubstr("test: the graph is not connected: it has 3 components"));
    EXPECT_THAT(e.what(), HasSubstr("component 0 (2 vertices): {0, 1}"));
    EXPECT_THAT(e.what(), HasSubstr("component 1 (1 vertex): {2}"));
    EXPECT_THAT(e.what(), HasSubstr("join_nearest"));
    EXPECT_THAT(e.what(), HasSubstr("components_as_groups"));
  }
  // It is an InputError too.
  EXPECT_THROW(clir::require_connected(g, "test"), clir::InputError);
  EXPECT_EQ(clir::require_connected(Graph(3, {{0, 1, 1}, {1, 2, 1}}), "x").count, 1u);
}

// --- minimum spanning tree ------------------------------------------------------------------

double brute_force_mst_weight(const Graph& g) {
  const auto& edges = g.edges();
  const std::size_t m = edges.size(), n = g.size();
  double best = std::numeric_limits<double>::infinity();
  for (std::uint32_t mask = 0; mask < (1u << m); ++mask) {
    if (static_cast<std::size_t>(__builtin_popcount(mask)) != n - 1) continue;
    std::vector<Edge> chosen;
    double w = 0;
    for (std::size_t e = 0; e < m; ++e) {
      if (mask & (1u << e)) {
        chosen.push_back(edges[e]);
        w += edges[e].weight;
      }
    }
    if (clir::connected_components(Graph(n, chosen)).count == 1) best = std::min(best, w);
  }
  return best;
}

TEST(MinimumSpanningTree, EqualsBruteForceOnSmallRandomGraphs) {
  for (std::uint64_t trial = 0; trial < 25; ++trial) {
    auto rng = clir::Rng::stream(7, trial);
    const std::size_t n = 4 + rng.below(3);
    std::vector<Edge> edges;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        // Few distinct weights, so that ties are common.
        if (rng.below(10) < 7) edges.push_back({i, j, static_cast<double>(rng.below(4))});
      }
    }
    for (std::size_t i = 0; i + 1 < n; ++i) edges.push_back({i, i + 1, 3.0 + static_cast<double>(rng.below(2))});
    const Graph g(n, edges);
    const Graph tree = clir::minimum_spanning_tree(g);
    EXPECT_EQ(tree.edge_count(), n - 1);
    EXPECT_EQ(clir::connected_components(tree).count, 1u);
    EXPECT_DOUBLE_EQ(tree.total_weight(), brute_force_mst_weight(g)) << "trial " << trial;
  }
}

TEST(MinimumSpanningTree, TiesGoToTheLowerIndexPair) {
  // A 4-cycle of equal weights: the tree drops the highest pair, (2, 3).
  const Graph square(4, {{0, 1, 1.0}, {1, 2, 1.0}, {2, 3, 1.0}, {0, 3, 1.0}});
  const std::vector<Edge> expected{{0, 1, 1.0}, {0, 3, 1.0}, {1, 2, 1.0}};
  EXPECT_EQ(clir::minimum_spanning_forest(square), expected);
  // Same for any input order.
  const Graph shuffled(4, {{3, 2, 1.0}, {3, 0, 1.0}, {2, 1, 1.0}, {1, 0, 1.0}});
  EXPECT_EQ(clir::minimum_spanning_forest(shuffled), expected);
}

TEST(MinimumSpanningTree, ForestOfDisconnectedGraphAndTreeRefusesIt) {
  const Graph g(5, {{0, 1, 2.0}, {1, 2, 1.0}, {0, 2, 3.0}, {3, 4, 1.0}});
  const std::vector<Edge> expected{{1, 2, 1.0}, {3, 4, 1.0}, {0, 1, 2.0}};
  EXPECT_EQ(clir::minimum_spanning_forest(g), expected);
  EXPECT_THROW(clir::minimum_spanning_tree(g), clir::DisconnectedGraphError);
}

// --- joining components ---------------------------------------------------------------------

clir::DistanceMatrix<double> line_distances(const std::vector<double>& x) {
  clir::DistanceMatrix<double> d(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = i + 1; j < x.size(); ++j) d.set(i, j, std::abs(x[i] - x[j]));
  }
  return d;
}

TEST(ConnectComponents, JoinsEachComponentToItsNearestByShortestCrossEdge) {
  // Three clusters on a line: {0,1} at 0..1, {2,3} at 10..11, {4} at 30.
  const auto d = line_distances({0, 1, 10, 11, 30});
  const Graph g(5, {{0, 1, 1.0}, {2, 3, 1.0}});
  const auto joined = clir::connect_components(g, d);
  EXPECT_EQ(joined.components_before, 3u);
  const std::vector<Edge> expected{{1, 2, 9.0}, {3, 4, 19.0}};
  EXPECT_EQ(joined.added, expected);
  EXPECT_EQ(clir::connected_components(joined.graph).count, 1u);
  EXPECT_EQ(joined.graph.edge_count(), 4u);
}

TEST(ConnectComponents, TiesGoToTheLowerPairAndConnectedInputIsUnchanged) {
  // Vertex 2 is 5 from both 0 and 1's component members 0 and 1: (0,2) wins over (1,2).
  const auto d = line_distances({0, 0, 5});
  const auto joined = clir::connect_components(Graph(3, {{0, 1, 0.0}}), d);
  EXPECT_EQ(joined.added, (std::vector<Edge>{{0, 2, 5.0}}));
  const Graph connected(3, {{0, 1, 0.0}, {1, 2, 5.0}});
  const auto same = clir::connect_components(connected, d);
  EXPECT_TRUE(same.added.empty());
  EXPECT_EQ(same.components_before, 1u);
  EXPECT_EQ(same.graph, connected);
}

TEST(ConnectComponents, FailPolicyAndBadArguments) {
  const auto d = line_distances({0, 1, 10});
  const Graph g(3, {{0, 1, 1.0}});
  EXPECT_THROW(clir::connect_components(g, d, clir::Disconnected::fail), clir::DisconnectedGraphError);
  try {
    clir::connect_components(g, d, clir::Disconnected::components_as_groups);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "disconnected");
    EXPECT_THAT(e.what(), HasSubstr("join_nearest"));
  }
  try {
    clir::connect_components(Graph(4), d);
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("3 rows but the graph has 4 vertices"));
  }
}

}  // namespace
