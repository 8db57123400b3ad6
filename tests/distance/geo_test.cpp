#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/distance/geo.hpp"

namespace {

using clir::GeoPoint;

TEST(Haversine, OneDegreeOfTheEquatorOnTheMeanSphere) {
  const double expected = 6371.0088 * std::numbers::pi / 180.0;
  EXPECT_NEAR(clir::haversine_km({0.0, 0.0}, {0.0, 1.0}), expected, 1e-9);
  EXPECT_NEAR(clir::haversine_km({0.0, 0.0}, {1.0, 0.0}), expected, 1e-9);
  EXPECT_EQ(clir::haversine_km({50.0, 30.0}, {50.0, 30.0}), 0.0);
}

TEST(Haversine, KyivToLviv) {
  // Reference from an independent implementation of the same formula (Python, math module).
  EXPECT_NEAR(clir::haversine_km({50.4501, 30.5234}, {49.8397, 24.0297}), 467.53103744766804, 1e-9);
}

TEST(Haversine, AntipodesDoNotLeaveTheDomainOfAsin) {
  EXPECT_NEAR(clir::haversine_km({0.0, 0.0}, {0.0, 180.0}), 6371.0088 * std::numbers::pi, 1e-9);
}

TEST(Geodesic, KnownWgs84Distances) {
  // WGS84: one degree of longitude on the equator is a·π/180; one degree of latitude from the
  // equator is the meridian arc 110.574 km; JFK to LHR is 5551.759 km (GeographicLib's example).
  EXPECT_NEAR(clir::geodesic_km({0.0, 0.0}, {0.0, 1.0}), 6378.137 * std::numbers::pi / 180.0, 1e-6);
  EXPECT_NEAR(clir::geodesic_km({0.0, 0.0}, {1.0, 0.0}), 110.574, 5e-4);
  EXPECT_NEAR(clir::geodesic_km({40.6, -73.8}, {51.6, -0.5}), 5551.759, 1e-3);
}

TEST(Geodesic, WithinHalfAPercentOfHaversine) {
  const GeoPoint a{50.4501, 30.5234}, b{46.4825, 30.7233};
  const double h = clir::haversine_km(a, b), g = clir::geodesic_km(a, b);
  EXPECT_NEAR(g / h, 1.0, 0.005);
  EXPECT_NE(g, h);
}

std::vector<GeoPoint> ukraine_like(std::size_t n) {
  std::vector<GeoPoint> p(n);
  for (std::size_t i = 0; i < n; ++i)
    p[i] = {44.5 + static_cast<double>((i * 37) % 101) * 0.065, 22.5 + static_cast<double>((i * 59) % 97) * 0.17};
  return p;
}

TEST(GeoDistanceMatrix, EntriesMatchThePairFunctions) {
  const auto pts = ukraine_like(25);
  for (auto method : {clir::GeoMethod::haversine, clir::GeoMethod::geodesic}) {
    const auto D = clir::geo_distance_matrix(pts, {.method = method, .threads = 1});
    ASSERT_EQ(D.size(), pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i)
      for (std::size_t j = 0; j < pts.size(); ++j)
        EXPECT_EQ(D(i, j), i == j ? 0.0 : clir::geo_distance_km(pts[i], pts[j], method));
  }
}

TEST(GeoDistanceMatrix, IdenticalForAnyThreadCountAndFloatStorage) {
  const auto pts = ukraine_like(101);  // odd: the middle row pairs with itself
  const auto one = clir::geo_distance_matrix(pts, {.method = clir::GeoMethod::geodesic, .threads = 1});
  for (unsigned t : {2u, 3u, 7u}) {
    const auto many = clir::geo_distance_matrix(pts, {.method = clir::GeoMethod::geodesic, .threads = t});
    EXPECT_EQ(many.condensed(), one.condensed());
  }
  const auto f = clir::geo_distance_matrix<float>(pts, {.method = clir::GeoMethod::geodesic, .threads = 2});
  EXPECT_EQ(f.bytes() * 2, one.bytes());
  for (std::size_t i = 0; i < one.condensed().size(); ++i)
    EXPECT_EQ(f.condensed()[i], static_cast<float>(one.condensed()[i]));
}

TEST(GeoDistanceMatrix, MemoryFigureForTwentyThousandFloats) {
  EXPECT_EQ(clir::DistanceMatrix<float>::bytes_for(20000), 799'960'000u);
  EXPECT_LT(clir::DistanceMatrix<float>::bytes_for(20000), std::size_t{1} << 30);
}

TEST(GeoDistanceMatrix, RejectsBadCoordinatesNamingThePoint) {
  auto pts = ukraine_like(4);
  pts[2].lat = 91.0;
  try {
    (void)clir::geo_distance_matrix(pts);
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "points[2]");
    EXPECT_NE(e.message().find("latitude"), std::string::npos);
  }
  EXPECT_EQ(clir::parse_enum<clir::GeoMethod>("haversine", "method"), clir::GeoMethod::haversine);
  try {
    clir::parse_enum<clir::GeoMethod>("vincenty", "method");
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "method");
    EXPECT_EQ(e.allowed(), (std::vector<std::string>{"haversine", "geodesic"}));
  }
}

TEST(GeoDistanceMatrix, EmptyAndSingle) {
  EXPECT_EQ(clir::geo_distance_matrix({}).size(), 0u);
  const std::vector<GeoPoint> one{{50.0, 30.0}};
  EXPECT_EQ(clir::geo_distance_matrix(one).size(), 1u);
}

}  // namespace
