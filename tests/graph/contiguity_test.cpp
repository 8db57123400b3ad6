// Contiguity graphs: queen and rook on hand-made squares, the sliver tolerance, islands, errors,
// the graph of the 1,469 built-in hromadas and SKATER on it.
#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/data/boundaries.hpp"
#include "clir/data/builtin.hpp"
#include "clir/graph/contiguity.hpp"
#include "clir/graph/proximity.hpp"
#include "clir/evaluate/compare.hpp"
#include "clir/graph/skater.hpp"

namespace {

using clir::ContiguityOptions;
using clir::ContiguityRule;
using clir::GeoMultiPolygon;
using clir::GeoPoint;

// An axis-parallel rectangle (degrees), counter-clockwise and closed.
GeoMultiPolygon rectangle(double lon0, double lat0, double lon1, double lat1) {
  return {{.outer = {{.lat = lat0, .lon = lon0}, {.lat = lat0, .lon = lon1}, {.lat = lat1, .lon = lon1},
                     {.lat = lat1, .lon = lon0}, {.lat = lat0, .lon = lon0}},
           .holes = {}}};
}

GeoPoint centre(const GeoMultiPolygon& area) {
  const auto& r = area.front().outer;
  return {.lat = 0.5 * (r[0].lat + r[2].lat), .lon = 0.5 * (r[0].lon + r[2].lon)};
}

std::vector<GeoPoint> centres(const std::vector<GeoMultiPolygon>& areas) {
  std::vector<GeoPoint> out;
  for (const auto& a : areas) out.push_back(centre(a));
  return out;
}

// A 3 x 3 grid of squares of 0.01 degree (about 1.1 km north-south, 0.74 km east-west at 48°N),
// numbered row by row from the south-west.
std::vector<GeoMultiPolygon> grid3() {
  std::vector<GeoMultiPolygon> cells;
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 3; ++col) {
      cells.push_back(rectangle(30 + 0.01 * col, 48 + 0.01 * row, 30 + 0.01 * (col + 1), 48 + 0.01 * (row + 1)));
    }
  }
  return cells;
}

std::vector<std::pair<std::size_t, std::size_t>> pairs(const clir::Graph& g) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& e : g.edges()) out.emplace_back(e.u, e.v);
  return out;
}

TEST(ContiguityGraph, QueenLinksCornersRookOnlySharedSides) {
  const auto cells = grid3();
  const auto queen = clir::contiguity_graph(cells, centres(cells), {.rule = ContiguityRule::queen});
  const auto rook = clir::contiguity_graph(cells, centres(cells), {.rule = ContiguityRule::rook});
  EXPECT_EQ(queen.edge_count(), 20u);  // 12 sides + 8 corners
  EXPECT_EQ(rook.edge_count(), 12u);
  EXPECT_EQ(queen.degrees()[4], 8u);
  EXPECT_EQ(rook.degrees()[4], 4u);
  EXPECT_EQ(rook.degrees()[0], 2u);
  using P = std::pair<std::size_t, std::size_t>;
  const auto q = pairs(queen), r = pairs(rook);
  EXPECT_NE(std::find(q.begin(), q.end(), P{0, 4}), q.end());  // diagonal
  EXPECT_EQ(std::find(r.begin(), r.end(), P{0, 4}), r.end());
  EXPECT_NE(std::find(r.begin(), r.end(), P{0, 1}), r.end());
  // Weights are great-circle km between the centres.
  for (const auto& e : queen.edges()) {
    EXPECT_NEAR(e.weight, clir::haversine_km(centre(cells[e.u]), centre(cells[e.v])), 1e-12);
  }
  // Exact touching (no tolerance) gives the same graphs on exact data.
  EXPECT_EQ(clir::contiguity_graph(cells, centres(cells), {.rule = ContiguityRule::queen, .tolerance_km = 0}), queen);
  EXPECT_EQ(clir::contiguity_graph(cells, centres(cells), {.rule = ContiguityRule::rook, .tolerance_km = 0}), rook);
}

TEST(ContiguityGraph, ToleranceBridgesSliversOfGapAndOverlapIsContact) {
  // Two squares 0.0005 degree (about 37 m) apart east-west, and a third overlapping the second
  // by the same amount.
  const std::vector<GeoMultiPolygon> areas{rectangle(30.00, 48.00, 30.01, 48.01), rectangle(30.0105, 48.00, 30.0205, 48.01),
                                           rectangle(30.0200, 48.00, 30.0300, 48.01)};
  const auto exact = clir::contiguity_graph(areas, centres(areas), {.rule = ContiguityRule::rook, .tolerance_km = 0});
  ASSERT_EQ(exact.edge_count(), 1u);  // only the overlap
  EXPECT_EQ(exact.edges()[0].u, 1u);
  EXPECT_EQ(exact.edges()[0].v, 2u);
  for (const auto rule : {ContiguityRule::queen, ContiguityRule::rook}) {
    EXPECT_EQ(clir::contiguity_graph(areas, centres(areas), {.rule = rule, .tolerance_km = 0.03}).edge_count(), 1u);
    EXPECT_EQ(clir::contiguity_graph(areas, centres(areas), {.rule = rule, .tolerance_km = 0.05}).edge_count(), 2u);
  }
  // A rook link needs the shared run to reach min_shared_km (the sides are 1.1 km long).
  EXPECT_EQ(clir::contiguity_graph(areas, centres(areas), {.rule = ContiguityRule::rook, .tolerance_km = 0.05,
                                                             .min_shared_km = 1.5})
                .edge_count(),
            0u);
}

TEST(ContiguityGraph, AnIslandIsAComponentOfItsOwn) {
  auto cells = grid3();
  cells.push_back(rectangle(31, 49, 31.01, 49.01));
  const auto g = clir::contiguity_graph(cells, centres(cells));
  const auto components = clir::connected_components(g);
  EXPECT_EQ(components.count, 2u);
  EXPECT_EQ(components.sizes, (std::vector<std::size_t>{9, 1}));
  EXPECT_THROW((void)clir::require_connected(g, "contiguity"), clir::DisconnectedGraphError);
  const auto joined = clir::connect_components(g, centres(cells), clir::Disconnected::join_nearest);
  EXPECT_EQ(joined.added.size(), 1u);
  EXPECT_EQ(joined.added[0].v, 9u);
}

TEST(ContiguityGraph, HolesAndMultiPartAreas) {
  // A frame with a hole holding a smaller square: the square touches the frame only via the hole.
  GeoMultiPolygon frame = rectangle(30.00, 48.00, 30.03, 48.03);
  frame.front().holes.push_back({{.lat = 48.01, .lon = 30.01}, {.lat = 48.02, .lon = 30.01}, {.lat = 48.02, .lon = 30.02},
                                 {.lat = 48.01, .lon = 30.02}, {.lat = 48.01, .lon = 30.01}});
  GeoMultiPolygon two_parts = rectangle(30.05, 48.00, 30.06, 48.01);
  two_parts.push_back(rectangle(30.03, 48.00, 30.04, 48.01).front());  // touches the frame's east side
  const std::vector<GeoMultiPolygon> areas{frame, rectangle(30.01, 48.01, 30.02, 48.02), two_parts};
  const std::vector<GeoPoint> points{{.lat = 48.005, .lon = 30.005}, {.lat = 48.015, .lon = 30.015}, {.lat = 48.005, .lon = 30.055}};
  const auto g = clir::contiguity_graph(areas, points, {.rule = ContiguityRule::rook, .tolerance_km = 0});
  EXPECT_EQ(pairs(g), (std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {0, 2}}));
}

TEST(ContiguityGraph, BadInputIsAClearError) {
  const auto cells = grid3();
  auto points = centres(cells);
  points.pop_back();
  EXPECT_THROW((void)clir::contiguity_graph(cells, points), clir::InputError);
  EXPECT_THROW((void)clir::contiguity_graph(cells, centres(cells), {.tolerance_km = -1}), clir::ConfigError);
  EXPECT_THROW((void)clir::contiguity_graph(cells, centres(cells), {.min_shared_km = std::nan("")}), clir::ConfigError);
  auto broken = cells;
  broken[3].front().outer.resize(3);
  try {
    (void)clir::contiguity_graph(broken, centres(cells));
    ADD_FAILURE() << "expected an InputError";
  } catch (const clir::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("area 3"), std::string::npos) << e.what();
  }
  EXPECT_EQ(clir::parse_enum<ContiguityRule>("rook", "rule"), ContiguityRule::rook);
  EXPECT_THROW((void)clir::parse_enum<ContiguityRule>("bishop", "rule"), clir::ConfigError);
  EXPECT_THROW((void)clir::builtin_contiguity_graph(std::vector<std::string>{"UA00000000000000000"}), clir::InputError);
}

// The 1,469 built-in hromadas. Pinned figures; docs/graph.md compares them with a k-nearest-
// neighbour graph (bench/contiguity_compare.cpp).
TEST(ContiguityGraph, BuiltinHromadas) {
  const auto& communities = clir::builtin_hromadas().communities;
  std::vector<std::string> codes;
  for (const auto& c : communities) codes.push_back(c.code);
  const auto queen = clir::builtin_contiguity_graph(codes);
  const auto rook = clir::builtin_contiguity_graph(codes, {.rule = ContiguityRule::rook});
  const auto exact = clir::builtin_contiguity_graph(codes, {.tolerance_km = 0});
  EXPECT_EQ(queen.size(), 1469u);
  EXPECT_EQ(queen.edge_count(), 4184u);
  EXPECT_EQ(rook.edge_count(), 4112u);
  EXPECT_EQ(exact.edge_count(), 4156u);  // without the tolerance, 28 links across slivers are lost
  // One island: Коцюбинська, an enclave in Kyiv city (which is not a hromada of the table).
  for (const auto* g : {&queen, &rook}) {
    const auto components = clir::connected_components(*g);
    ASSERT_EQ(components.count, 2u);
    EXPECT_EQ(components.sizes[1], 1u);
    EXPECT_EQ(communities[components.members(1).front()].name_uk, "Коцюбинська");
  }
  // Every rook link is a queen link; the tolerance only adds links.
  for (const auto& e : rook.edges()) {
    EXPECT_TRUE(std::binary_search(queen.edges().begin(), queen.edges().end(), e,
                                   [](const auto& a, const auto& b) { return std::tie(a.u, a.v) < std::tie(b.u, b.v); }));
  }
  // The same graph whatever the thread count.
  EXPECT_EQ(clir::builtin_contiguity_graph(codes, {.threads = 1}), clir::builtin_contiguity_graph(codes, {.threads = 3}));
}

// SKATER on the contiguity graph of one oblast: every group is connected in that graph, which is
// what regionalisation asks for (a Delaunay graph could join hromadas that do not touch).
TEST(ContiguityGraph, SkaterGroupsAreContiguous) {
  const auto& data = clir::builtin_hromadas();
  std::vector<std::string> codes;
  std::vector<double> population;
  const auto& pop = data.table.numeric("population_2022");
  for (std::size_t i = 0; i < data.communities.size(); ++i) {
    if (data.communities[i].oblast_uk == "Київська") {
      codes.push_back(data.communities[i].code);
      population.push_back(std::log(pop[i]));
    }
  }
  ASSERT_EQ(codes.size(), 69u);
  const auto g = clir::builtin_contiguity_graph(codes, {.rule = ContiguityRule::rook});
  // Islands within the oblast: Коцюбинська lies inside Kyiv city, Славутицька is an exclave in
  // Chernihiv oblast. Each is a group of its own; SKATER forms the other 4 from the mainland.
  const auto components = clir::connected_components(g);
  ASSERT_EQ(components.count, 3u);
  EXPECT_EQ(components.sizes, (std::vector<std::size_t>{67, 1, 1}));
  Eigen::MatrixXd attributes(static_cast<Eigen::Index>(codes.size()), 1);
  for (std::size_t i = 0; i < codes.size(); ++i) attributes(static_cast<Eigen::Index>(i), 0) = population[i];
  const auto result = clir::skater(g, attributes, 6, {.disconnected = clir::Disconnected::components_as_groups});
  for (std::int32_t group = 0; group < 6; ++group) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      if (result.labels[i] == group) members.push_back(i);
    }
    ASSERT_FALSE(members.empty());
    std::vector<clir::Edge> inside;
    for (const auto& e : g.edges()) {
      const auto u = std::lower_bound(members.begin(), members.end(), e.u);
      const auto v = std::lower_bound(members.begin(), members.end(), e.v);
      if (u != members.end() && *u == e.u && v != members.end() && *v == e.v) {
        inside.push_back({static_cast<std::size_t>(u - members.begin()), static_cast<std::size_t>(v - members.begin()), e.weight});
      }
    }
    EXPECT_EQ(clir::connected_components(clir::Graph(members.size(), inside)).count, 1u) << "group " << group;
  }
}

// The comparison of docs/graph.md: on the 1,469 built-in hromadas, the queen contiguity graph
// against the k-nearest-neighbour graphs of the centres (k = 4, 6) and the Delaunay graph, and
// SKATER's 24 regions (one per oblast, on z-scored front-line distance and log population) on
// contiguity against knn 6. The figures are printed (the doc quotes them) and pinned.
bool connected_within(const clir::Graph& g, const clir::Labels& labels, std::int32_t group) {
  std::vector<std::size_t> members;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == group) members.push_back(i);
  }
  std::vector<clir::Edge> inside;
  for (const auto& e : g.edges()) {
    const auto u = std::lower_bound(members.begin(), members.end(), e.u);
    const auto v = std::lower_bound(members.begin(), members.end(), e.v);
    if (u != members.end() && *u == e.u && v != members.end() && *v == e.v) {
      inside.push_back({static_cast<std::size_t>(u - members.begin()), static_cast<std::size_t>(v - members.begin()), e.weight});
    }
  }
  return clir::connected_components(clir::Graph(members.size(), inside)).count == 1;
}

TEST(ContiguityGraph, ComparedWithNearestNeighbourGraphs) {
  const auto& data = clir::builtin_hromadas();
  std::vector<std::string> codes;
  std::vector<GeoPoint> points;
  for (const auto& c : data.communities) codes.push_back(c.code), points.push_back(c.location);
  const auto queen = clir::builtin_contiguity_graph(codes);
  const auto knn4 = clir::knn_graph(points, 4);
  const auto knn6 = clir::knn_graph(points, 6);
  const auto delaunay = clir::delaunay_graph(points);
  auto shared = [](const clir::Graph& a, const clir::Graph& b) {
    std::set<std::pair<std::size_t, std::size_t>> in_b;
    for (const auto& e : b.edges()) in_b.emplace(e.u, e.v);
    return static_cast<std::size_t>(std::count_if(a.edges().begin(), a.edges().end(),
                                                  [&](const auto& e) { return in_b.contains({e.u, e.v}); }));
  };
  auto longest = [](const clir::Graph& g) {
    double km = 0;
    for (const auto& e : g.edges()) km = std::max(km, e.weight);
    return km;
  };
  std::printf("graph      links  components  shared-with-queen  longest-link-km\n");
  for (const auto& [name, g] : {std::pair<const char*, const clir::Graph*>{"queen", &queen}, {"knn4", &knn4}, {"knn6", &knn6},
                                {"delaunay", &delaunay}}) {
    std::printf("%-9s %6zu %11zu %18zu %16.1f\n", name, g->edge_count(), clir::connected_components(*g).count,
                shared(*g, queen), longest(*g));
  }
  EXPECT_EQ(knn4.edge_count(), 3588u);
  EXPECT_EQ(knn6.edge_count(), 5242u);
  EXPECT_EQ(delaunay.edge_count(), 4388u);
  EXPECT_EQ(clir::connected_components(knn4).count, 1u);
  EXPECT_EQ(clir::connected_components(knn6).count, 1u);
  EXPECT_EQ(shared(knn6, queen), 3379u);  // 1,863 knn links join hromadas that do not touch
  EXPECT_EQ(shared(delaunay, queen), 3325u);

  // SKATER, 24 regions; the island joins its nearest component so that both graphs are connected.
  const auto& frontline = data.table.numeric("frontline_distance_km");
  const auto& population = data.table.numeric("population_2022");
  Eigen::MatrixXd attributes(static_cast<Eigen::Index>(codes.size()), 2);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    attributes(static_cast<Eigen::Index>(i), 0) = frontline[i];
    attributes(static_cast<Eigen::Index>(i), 1) = std::log(population[i]);
  }
  for (Eigen::Index j = 0; j < attributes.cols(); ++j) {
    auto column = attributes.col(j);
    const double mean = column.mean();
    const double sd = std::sqrt((column.array() - mean).square().sum() / static_cast<double>(column.size() - 1));
    column = (column.array() - mean) / sd;
  }
  const auto queen_connected = clir::connect_components(queen, points, clir::Disconnected::join_nearest).graph;
  const auto on_queen = clir::skater(queen_connected, attributes, 24);
  const auto on_knn6 = clir::skater(knn6, attributes, 24);
  std::size_t knn_regions_not_contiguous = 0, queen_regions_not_contiguous = 0;
  for (std::int32_t r = 0; r < 24; ++r) {
    knn_regions_not_contiguous += connected_within(queen, on_knn6.labels, r) ? 0 : 1;
    queen_regions_not_contiguous += connected_within(queen, on_queen.labels, r) ? 0 : 1;
  }
  const double ari = clir::adjusted_rand_index(on_queen.labels, on_knn6.labels);
  std::printf("SKATER 24 regions: SSD queen %.1f, knn6 %.1f (of %.1f); ARI %.3f; regions not contiguous: queen %zu, knn6 %zu\n",
              on_queen.ssd, on_knn6.ssd, on_queen.total_ssd, ari, queen_regions_not_contiguous, knn_regions_not_contiguous);
  EXPECT_EQ(queen_regions_not_contiguous, 1u);  // the region holding the island (joined across Kyiv city)
  EXPECT_EQ(knn_regions_not_contiguous, 15u);  // regions that jump over a hromada
  EXPECT_NEAR(ari, 0.388, 0.001);
  EXPECT_NEAR(on_queen.ssd, 1102.2, 0.1);
  EXPECT_NEAR(on_knn6.ssd, 1092.2, 0.1);
}

}  // namespace
