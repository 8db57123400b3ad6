#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "clir/core/rng.hpp"
#include "clir/graph/skater.hpp"

namespace {

using clir::Edge;
using clir::Graph;
using ::testing::HasSubstr;

Graph path(std::size_t n) {
  std::vector<Edge> edges;
  for (std::size_t i = 0; i + 1 < n; ++i) edges.push_back({i, i + 1, 1.0});
  return Graph(n, edges);
}

Eigen::MatrixXd column(const std::vector<double>& values) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(values.size()), 1);
  for (std::size_t i = 0; i < values.size(); ++i) x(static_cast<Eigen::Index>(i), 0) = values[i];
  return x;
}

/// Grid graph (rows × cols, 4-neighbour), vertex r * cols + c.
Graph grid(std::size_t rows, std::size_t cols) {
  std::vector<Edge> edges;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      const std::size_t v = r * cols + c;
      if (c + 1 < cols) edges.push_back({v, v + 1, 1.0});
      if (r + 1 < rows) edges.push_back({v, v + cols, 1.0});
    }
  }
  return Graph(rows * cols, edges);
}

bool groups_are_connected(const Graph& g, const clir::Labels& labels) {
  std::vector<Edge> inside;
  for (const Edge& e : g.edges()) {
    if (labels[e.u] == labels[e.v]) inside.push_back(e);
  }
  return clir::connected_components(Graph(g.size(), inside)).count == clir::count_groups(labels);
}

TEST(Skater, CutsThePathWhereTheValuesJump) {
  const auto result = clir::skater(path(6), column({0, 0, 0, 10, 10, 10}), 2);
  EXPECT_EQ(result.labels, (clir::Labels{0, 0, 0, 1, 1, 1}));
  EXPECT_EQ(result.cut_edges, (std::vector<Edge>{{2, 3, 10.0}}));
  EXPECT_DOUBLE_EQ(result.ssd, 0.0);
  EXPECT_DOUBLE_EQ(result.total_ssd, 150.0);  // 6 values at ±5 around 5
  ASSERT_EQ(result.cut_gains.size(), 1u);
  EXPECT_DOUBLE_EQ(result.cut_gains[0], 150.0);
  EXPECT_EQ(result.group_sizes, (std::vector<std::size_t>{3, 3}));
  EXPECT_EQ(result.tree.size(), 5u);
}

TEST(Skater, HandCheckedThreeGroupsWithSsd) {
  // 0 1 2 | 8 9 | 20 on a path: within-group SSD = 2 + 0.5 + 0 = 2.5.
  const auto result = clir::skater(path(6), column({0, 1, 2, 8, 9, 20}), 3);
  EXPECT_EQ(result.labels, (clir::Labels{0, 0, 0, 1, 1, 2}));
  EXPECT_NEAR(result.ssd, 2.5, 1e-12);
  EXPECT_NEAR(result.group_ssd[0], 2.0, 1e-12);
  EXPECT_NEAR(result.group_ssd[1], 0.5, 1e-12);
  EXPECT_NEAR(clir::within_group_ssd(column({0, 1, 2, 8, 9, 20}), result.labels), 2.5, 1e-12);
}

TEST(Skater, TwoGroupsIsTheBestSingleTreeCut) {
  // For k = 2 greedy is exact over the tree: compare with every cut of the tree.
  for (std::uint64_t trial = 0; trial < 10; ++trial) {
    auto rng = clir::Rng::stream(11, trial);
    const std::size_t n = 30;
    Eigen::MatrixXd x(n, 2);
    for (std::size_t i = 0; i < n; ++i) {
      x(static_cast<Eigen::Index>(i), 0) = rng.normal();
      x(static_cast<Eigen::Index>(i), 1) = rng.normal();
    }
    const Graph g = grid(5, 6);
    const auto result = clir::skater(g, x, 2, {.min_size = 3});
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t cut = 0; cut < result.tree.size(); ++cut) {
      std::vector<Edge> kept = result.tree;
      kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(cut));
      const auto parts = clir::connected_components(Graph(n, kept));
      if (parts.sizes[0] < 3 || parts.sizes[1] < 3) continue;
      best = std::min(best, clir::within_group_ssd(x, parts.component));
    }
    EXPECT_NEAR(result.ssd, best, 1e-9) << "trial " << trial;
  }
}

TEST(Skater, RecoversPlantedQuadrants) {
  const std::size_t side = 12;
  const Graph g = grid(side, side);
  Eigen::MatrixXd x(side * side, 3);
  auto rng = clir::Rng::stream(3, 0);
  clir::Labels planted(side * side);
  for (std::size_t r = 0; r < side; ++r) {
    for (std::size_t c = 0; c < side; ++c) {
      const int q = (r < side / 2 ? 0 : 2) + (c < side / 2 ? 0 : 1);
      const auto v = static_cast<Eigen::Index>(r * side + c);
      planted[static_cast<std::size_t>(v)] = q;
      for (Eigen::Index j = 0; j < 3; ++j) x(v, j) = 4.0 * ((q >> (j % 2)) & 1) + (j == 2 ? q : 0) + 0.3 * rng.normal();
    }
  }
  const auto result = clir::skater(g, x, 4, {.min_size = 10});
  EXPECT_EQ(clir::canonical_labels(result.labels), clir::canonical_labels(planted));
  EXPECT_TRUE(groups_are_connected(g, result.labels));
}

TEST(Skater, SizeBoundsHoldAndGroupsAreConnected) {
  for (std::uint64_t trial = 0; trial < 6; ++trial) {
    auto rng = clir::Rng::stream(5, trial);
    const Graph g = grid(8, 10);
    Eigen::MatrixXd x(80, 2);
    for (Eigen::Index i = 0; i < 80; ++i) {
      x(i, 0) = rng.normal() + (i % 10 < 3 ? 5.0 : 0.0);
      x(i, 1) = rng.normal();
    }
    const std::size_t k = 5 + trial;
    const clir::SkaterOptions options{.min_size = 4, .max_size = 24};
    const auto result = clir::skater(g, x, k, options);
    EXPECT_EQ(clir::count_groups(result.labels), k);
    for (std::size_t s : result.group_sizes) {
      EXPECT_GE(s, 4u);
      EXPECT_LE(s, 24u);
    }
    EXPECT_TRUE(groups_are_connected(g, result.labels));
    EXPECT_NEAR(result.ssd, clir::within_group_ssd(x, result.labels), 1e-9);
  }
}

TEST(Skater, ManyGroupsUnderTightBounds) {
  // 900 items, 30 groups of 10 to 45 (mean 30): oversized groups are split first.
  auto rng = clir::Rng::stream(9, 0);
  const Graph g = grid(30, 30);
  Eigen::MatrixXd x(900, 3);
  for (Eigen::Index i = 0; i < 900; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) x(i, j) = std::sin(0.2 * static_cast<double>(i % 30) * static_cast<double>(j + 1)) + 0.3 * rng.normal();
  }
  const auto result = clir::skater(g, x, 30, {.min_size = 10, .max_size = 45});
  ASSERT_EQ(result.group_sizes.size(), 30u);
  for (std::size_t s : result.group_sizes) {
    EXPECT_GE(s, 10u);
    EXPECT_LE(s, 45u);
  }
  EXPECT_TRUE(groups_are_connected(g, result.labels));
  EXPECT_LT(result.ssd, result.total_ssd);
}

TEST(Skater, MaxSizeForcesTheCutsItNeeds) {
  // Values favour a cut at the start, but max_size = 3 on 6 items with k = 2 forces 3 + 3.
  const auto result = clir::skater(path(6), column({100, 0, 0, 0, 0, 0}), 2, {.max_size = 3});
  EXPECT_EQ(result.labels, (clir::Labels{0, 0, 0, 1, 1, 1}));
}

TEST(Skater, TiesGoToTheLowerEdgeAndInputOrderDoesNotMatter) {
  // Equal values: every cut gains 0; the lowest edge (0, 1) is cut.
  const auto result = clir::skater(path(4), column({1, 1, 1, 1}), 2);
  EXPECT_EQ(result.labels, (clir::Labels{0, 1, 1, 1}));
  const Graph g = grid(6, 6);
  std::vector<Edge> reversed(g.edges().rbegin(), g.edges().rend());
  for (Edge& e : reversed) std::swap(e.u, e.v);
  Eigen::MatrixXd x(36, 1);
  for (Eigen::Index i = 0; i < 36; ++i) x(i, 0) = static_cast<double>((i * 7) % 5);  // many ties
  const auto a = clir::skater(g, x, 5, {.min_size = 2});
  const auto b = clir::skater(Graph(36, reversed), x, 5, {.min_size = 2});
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.cut_edges, b.cut_edges);
}

TEST(Skater, GraphWeightCost) {
  // With the graph's weights as the tree cost, the tree follows them, not the attributes.
  const Graph triangle(3, {{0, 1, 1.0}, {1, 2, 1.0}, {0, 2, 5.0}});
  const auto result = clir::skater(triangle, column({0, 10, 0}), 2,
                                   {.edge_cost = clir::SkaterEdgeCost::graph_weight});
  EXPECT_EQ(result.tree, (std::vector<Edge>{{0, 1, 1.0}, {1, 2, 1.0}}));
  EXPECT_EQ(clir::count_groups(result.labels), 2u);
}

TEST(Skater, DisconnectedGraphBothPolicies) {
  const Graph g(6, {{0, 1, 1}, {1, 2, 1}, {3, 4, 1}, {4, 5, 1}});
  const auto x = column({0, 0, 5, 9, 9, 9});
  try {
    clir::skater(g, x, 2);
    FAIL();
  } catch (const clir::DisconnectedGraphError& e) {
    EXPECT_THAT(e.what(), HasSubstr("skater: the graph is not connected: it has 2 components"));
  }
  const auto as_groups = clir::skater(g, x, 3, {.disconnected = clir::Disconnected::components_as_groups});
  EXPECT_EQ(as_groups.labels, (clir::Labels{0, 0, 1, 2, 2, 2}));
  EXPECT_EQ(as_groups.components, 2u);
  try {
    clir::skater(Graph(3), column({1, 2, 3}), 2, {.disconnected = clir::Disconnected::components_as_groups});
    FAIL();
  } catch (const clir::Infeasible& e) {
    EXPECT_THAT(e.what(), HasSubstr("3 components, more than the k = 2"));
  }
  EXPECT_THROW(clir::skater(g, x, 2, {.disconnected = clir::Disconnected::join_nearest}), clir::ConfigError);
}

TEST(Skater, BadArgumentsGiveClearErrors) {
  const Graph g = path(5);
  const auto x = column({1, 2, 3, 4, 5});
  auto config_error = [&](std::size_t k, clir::SkaterOptions options, const char* key, const char* text) {
    try {
      clir::skater(g, x, k, options);
      ADD_FAILURE() << "no error for " << key;
    } catch (const clir::ConfigError& e) {
      EXPECT_EQ(e.key(), key);
      EXPECT_THAT(e.what(), HasSubstr(text));
    }
  };
  config_error(0, {}, "k", "at least 1, got 0");
  config_error(6, {}, "k", "k = 6 exceeds the number of items n = 5");
  config_error(2, {.min_size = 0}, "min_size", "at least 1");
  config_error(2, {.min_size = 3, .max_size = 2}, "max_size", "below min_size = 3");
  try {
    clir::skater(g, column({1, 2, 3}), 2);
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("3 rows but the graph has 5 vertices"));
  }
  try {
    clir::skater(g, column({1, 2, std::nan(""), 4, 5}), 2);
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("row 2, column 0"));
  }
  try {
    clir::skater(g, x, 3, {.min_size = 2});
    FAIL();
  } catch (const clir::Infeasible& e) {
    EXPECT_THAT(e.what(), HasSubstr("need 6 items, but there are 5"));
    EXPECT_THAT(e.conflicting(), ::testing::ElementsAre("k = 3", "min_size = 2"));
  }
  try {
    clir::skater(g, x, 2, {.max_size = 2});
    FAIL();
  } catch (const clir::Infeasible& e) {
    EXPECT_THAT(e.what(), HasSubstr("hold only 4 of the 5"));
  }
}

TEST(Skater, TreeShapeThatCannotBeCutIsInfeasibleWithReason) {
  // A star: every cut leaves a single leaf, so min_size = 2 admits no cut.
  const Graph star(6, {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}, {0, 5, 1}});
  try {
    clir::skater(star, column({0, 1, 2, 3, 4, 5}), 2, {.min_size = 2});
    FAIL();
  } catch (const clir::Infeasible& e) {
    EXPECT_THAT(e.what(), HasSubstr("formed 1 of the k = 2 groups"));
    EXPECT_THAT(e.what(), HasSubstr("min_size = 2"));
    EXPECT_THAT(e.what(), HasSubstr("largest group: 6 items"));
  }
}

}  // namespace
