#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/distance/geo.hpp"
#include "clir/evaluate/geo_spread.hpp"

namespace {

using clir::GeoPoint;
using clir::Labels;

TEST(GeographicSpread, EquatorDegreesInKm) {
  // Three points on the equator at 0°, 1° and 3° E in one group, one point far away alone.
  // WGS84: one degree of longitude on the equator is 2π·6378.137/360 = 111.3195 km.
  const std::vector<GeoPoint> p = {{0.0, 0.0}, {0.0, 1.0}, {0.0, 3.0}, {50.0, 30.0}};
  const auto r = clir::geographic_spread(p, Labels{0, 0, 0, 1});
  const double degree_km = 2.0 * std::numbers::pi * 6378.137 / 360.0;
  ASSERT_EQ(r.groups.size(), 2u);
  EXPECT_NEAR(r.groups[0].diameter, 3.0 * degree_km, 1e-6);
  EXPECT_EQ(r.groups[0].medoid, 1u);  // sums: 4°, 3°, 5°
  EXPECT_NEAR(r.groups[0].mean_to_medoid, 3.0 * degree_km / 3.0, 1e-6);
  EXPECT_DOUBLE_EQ(r.groups[1].diameter, 0.0);
  EXPECT_EQ(r.groups[1].medoid, 3u);
  EXPECT_NEAR(r.max_diameter, 3.0 * degree_km, 1e-6);
  // Haversine on the mean sphere (R = 6371.0088 km) is shorter on the equator.
  const auto h = clir::geographic_spread(p, Labels{0, 0, 0, 1}, clir::GeoMethod::haversine);
  EXPECT_NEAR(h.max_diameter, 3.0 * 2.0 * std::numbers::pi * clir::kMeanEarthRadiusKm / 360.0, 1e-6);
}

TEST(GeographicSpread, PublishedClirGroupsAgreeWithTheFullMatrix) {
  // The 19 communities of the published CLIR 2024 grouping, by their built-in coordinates.
  const auto& reference = clir::builtin_clir2024();
  std::vector<GeoPoint> points;
  for (const auto& code : reference.codes()) points.push_back(clir::find_hromada(code).location);
  const Labels labels = reference.labels();
  const auto direct = clir::geographic_spread(points, labels);
  const auto via_matrix = clir::group_spread(clir::geo_distance_matrix<double>(points), labels);
  ASSERT_EQ(direct.groups.size(), 6u);
  for (std::size_t g = 0; g < 6; ++g) {
    EXPECT_EQ(direct.groups[g].medoid, via_matrix.groups[g].medoid) << g;
    EXPECT_DOUBLE_EQ(direct.groups[g].diameter, via_matrix.groups[g].diameter) << g;
    EXPECT_DOUBLE_EQ(direct.groups[g].mean_to_medoid, via_matrix.groups[g].mean_to_medoid) << g;
  }
  EXPECT_DOUBLE_EQ(direct.max_diameter, via_matrix.max_diameter);
  // Groups lie within Ukraine: no two members of a group are more than ~1,400 km apart.
  EXPECT_GT(direct.max_diameter, 0.0);
  EXPECT_LT(direct.max_diameter, 1400.0);
}

TEST(GeographicSpread, RejectsBadCoordinates) {
  const std::vector<GeoPoint> p = {{50.0, 30.0}, {95.0, 30.0}};
  try {
    clir::geographic_spread(p, Labels{0, 0});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "points[1]");
  }
  EXPECT_THROW(clir::geographic_spread(p, Labels{0}), clir::InputError);
}

}  // namespace
