#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "clir/core/rng.hpp"
#include "clir/graph/proximity.hpp"

namespace {

using clir::Edge;
using clir::GeoPoint;
using clir::Graph;
using ::testing::HasSubstr;

clir::DistanceMatrix<double> great_circle_matrix(const std::vector<GeoPoint>& p) {
  clir::DistanceMatrix<double> d(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    for (std::size_t j = i + 1; j < p.size(); ++j) d.set(i, j, clir::haversine_km(p[i], p[j]));
  }
  return d;
}

std::vector<std::pair<std::size_t, std::size_t>> pairs(const Graph& g) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const Edge& e : g.edges()) out.emplace_back(e.u, e.v);
  return out;
}

using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;

std::vector<GeoPoint> random_points(std::size_t n, std::uint64_t seed) {
  std::vector<GeoPoint> p(n);
  auto rng = clir::Rng::stream(seed, 0);
  for (auto& q : p) q = {48.0 + 3.0 * rng.uniform(), 24.0 + 10.0 * rng.uniform()};
  return p;
}

TEST(GreatCircle, KnownDistance) {
  // One degree of latitude on the mean sphere: R·π/180.
  EXPECT_NEAR(clir::haversine_km({50, 30}, {51, 30}), 6371.0088 * 3.14159265358979 / 180, 1e-6);
  // Kyiv to Lviv, about 469 km.
  EXPECT_NEAR(clir::haversine_km({50.4501, 30.5234}, {49.8397, 24.0297}), 469.0, 2.0);
}

// Points along the equator at longitudes 0, 1, 3, 7 degrees.
const std::vector<GeoPoint> line{{0, 0}, {0, 1}, {0, 3}, {0, 7}};

TEST(KnnGraph, UnionAndMutualOnAHandCheckedLine) {
  const Graph either = clir::knn_graph(line, 1);
  EXPECT_EQ(pairs(either), (Pairs{{0, 1}, {1, 2}, {2, 3}}));
  EXPECT_NEAR(either.edges()[0].weight, 111.195, 0.01);  // one degree of arc, km
  const Graph mutual = clir::knn_graph(line, 1, {.symmetry = clir::KnnSymmetry::mutual});
  EXPECT_EQ(pairs(mutual), (Pairs{{0, 1}}));
  EXPECT_EQ(clir::connected_components(mutual).count, 3u);
}

TEST(KnnGraph, PointAndMatrixVersionsAgreeAndThreadsDoNotMatter) {
  const auto p = random_points(200, 1);
  const auto d = great_circle_matrix(p);
  for (std::size_t k : {1u, 4u, 9u}) {
    const Graph a = clir::knn_graph(p, k, {.threads = 1});
    EXPECT_EQ(a, clir::knn_graph(p, k, {.threads = 2}));
    EXPECT_EQ(pairs(a), pairs(clir::knn_graph(d, k)));
    for (std::size_t deg : a.degrees()) EXPECT_GE(deg, k);
  }
}

TEST(KnnGraph, TiesGoToTheLowerIndex) {
  // 1 is equidistant from 0 and 2: its single neighbour is 0.
  const std::vector<GeoPoint> p{{0, 0}, {0, 1}, {0, 2}, {0, 10}};
  const Graph mutual = clir::knn_graph(p, 1, {.symmetry = clir::KnnSymmetry::mutual});
  EXPECT_EQ(pairs(mutual), (Pairs{{0, 1}}));
  // Many coincident points: the k nearest of each are the lowest-index copies.
  const std::vector<GeoPoint> same(6, GeoPoint{50, 30});
  const Graph g = clir::knn_graph(same, 2, {.symmetry = clir::KnnSymmetry::mutual});
  EXPECT_EQ(pairs(g), (Pairs{{0, 1}, {0, 2}, {1, 2}}));
}

TEST(KnnGraph, BadKAndBadPoints) {
  try {
    clir::knn_graph(line, 0);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "k");
  }
  try {
    clir::knn_graph(line, 4);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("k = 4 must be below the number of points n = 4"));
  }
  try {
    clir::knn_graph(std::vector<GeoPoint>{{0, 0}, {95, 0}}, 1);
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("point 1"));
  }
}

TEST(ThresholdGraph, HandCheckedAndMatchesMatrixVersion) {
  const double km_per_degree = 6371.0088 * 3.14159265358979323846 / 180.0;
  const Graph g = clir::threshold_graph(line, 2.5 * km_per_degree);
  EXPECT_EQ(pairs(g), (Pairs{{0, 1}, {1, 2}}));
  EXPECT_EQ(clir::threshold_graph(line, 0.0).edge_count(), 0u);
  const auto p = random_points(150, 2);
  const auto d = great_circle_matrix(p);
  const Graph a = clir::threshold_graph(p, 60.0, {.threads = 2});
  EXPECT_EQ(pairs(a), pairs(clir::threshold_graph(d, 60.0)));
  EXPECT_EQ(a, clir::threshold_graph(p, 60.0, {.threads = 1}));
  EXPECT_THROW(clir::threshold_graph(p, -1.0), clir::ConfigError);
  EXPECT_THROW(clir::threshold_graph(d, std::nan("")), clir::ConfigError);
}

TEST(DelaunayGraph, SquareWithCentre) {
  const std::vector<GeoPoint> p{{50.0, 30.0}, {50.0, 31.0}, {51.0, 30.0}, {51.0, 31.0}, {50.5, 30.5}};
  const Graph g = clir::delaunay_graph(p);
  EXPECT_EQ(pairs(g), (Pairs{{0, 1}, {0, 2}, {0, 4}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3, 4}}));
  EXPECT_NEAR(g.edges()[2].weight, clir::haversine_km(p[0], p[4]), 1e-9);
}

TEST(DelaunayGraph, CollinearAndDuplicatePoints) {
  const std::vector<GeoPoint> p{{50.0, 30.0}, {50.0, 31.0}, {50.0, 32.0}, {50.0, 30.0}};
  const Graph g = clir::delaunay_graph(p);
  // 3 is a copy of 0: linked to 0 only, at distance 0.
  EXPECT_EQ(pairs(g), (Pairs{{0, 1}, {0, 3}, {1, 2}}));
  EXPECT_DOUBLE_EQ(g.edges()[1].weight, 0.0);
}

TEST(DelaunayGraph, PlanarConnectedAndHoldsEveryNearestNeighbour) {
  const auto p = random_points(300, 3);
  const Graph g = clir::delaunay_graph(p);
  EXPECT_LE(g.edge_count(), 3 * p.size() - 6);
  EXPECT_GE(g.edge_count(), 2 * p.size() - 3 - 20);  // near-triangulated: few hull-only faces
  EXPECT_EQ(clir::connected_components(g).count, 1u);
  // The nearest neighbour of each point is a Delaunay neighbour (the local projection is
  // close to conformal over 3 degrees, and this seed has no near-ties).
  const Graph nearest = clir::knn_graph(p, 1);
  const auto all = pairs(g);
  for (const auto& pr : pairs(nearest)) {
    EXPECT_TRUE(std::binary_search(all.begin(), all.end(), pr)) << pr.first << "-" << pr.second;
  }
}

TEST(DelaunayGraph, CoCircularGridGetsNoInventedDiagonals) {
  // A 3 × 3 grid (rectangles in the local plane): every cell is co-circular, and the dual of
  // the Voronoi diagram keeps its 4 sides without choosing a diagonal.
  std::vector<GeoPoint> p;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) p.push_back({50.0 + 0.1 * r, 30.0 + 0.1 * c});
  }
  const Graph g = clir::delaunay_graph(p);
  EXPECT_EQ(pairs(g), (Pairs{{0, 1}, {0, 3}, {1, 2}, {1, 4}, {2, 5}, {3, 4}, {3, 6}, {4, 5}, {4, 7}, {5, 8}, {6, 7}, {7, 8}}));
}

TEST(DelaunayGraph, BadInput) {
  EXPECT_THROW(clir::delaunay_graph(std::vector<GeoPoint>{{50, 30}}), clir::InputError);
  try {
    clir::delaunay_graph(std::vector<GeoPoint>{{0, -100}, {0, 100}});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("degrees of longitude"));
  }
}

TEST(ConnectComponentsByPoints, JoinsTwoClustersByTheirClosestPair) {
  std::vector<GeoPoint> p = random_points(40, 4);
  for (std::size_t i = 20; i < 40; ++i) p[i].lat += 10.0;  // a far second cluster
  const Graph g = clir::knn_graph(p, 3);
  ASSERT_GT(clir::connected_components(g).count, 1u);
  EXPECT_THROW(clir::connect_components(g, p, clir::Disconnected::fail), clir::DisconnectedGraphError);
  const auto joined = clir::connect_components(g, p);
  EXPECT_EQ(clir::connected_components(joined.graph).count, 1u);
  // Same edges as the distance-matrix version (same rule).
  const auto by_matrix = clir::connect_components(g, great_circle_matrix(p));
  ASSERT_EQ(joined.added.size(), by_matrix.added.size());
  for (std::size_t i = 0; i < joined.added.size(); ++i) {
    EXPECT_EQ(joined.added[i].u, by_matrix.added[i].u);
    EXPECT_EQ(joined.added[i].v, by_matrix.added[i].v);
    EXPECT_NEAR(joined.added[i].weight, by_matrix.added[i].weight, 1e-6);
  }
}

}  // namespace
