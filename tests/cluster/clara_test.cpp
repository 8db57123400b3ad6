#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "clir/cluster/clara.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/geo.hpp"
#include "clir/distance/lazy.hpp"

namespace {

std::vector<clir::GeoPoint> scattered(std::size_t n, std::uint64_t seed) {
  clir::Rng rng = clir::Rng::stream(seed, 0);
  std::vector<clir::GeoPoint> p(n);
  // Eight blobs over Ukraine-sized extents, so that the clustering has a clear answer.
  for (std::size_t i = 0; i < n; ++i) {
    const double blob = static_cast<double>(i % 8);
    p[i] = {45.0 + blob * 0.7 + 0.1 * rng.normal(), 23.0 + blob * 2.0 + 0.1 * rng.normal()};
  }
  return p;
}

TEST(Clara, WholeDataSampleIsPam) {
  const auto pts = scattered(60, 1);
  const auto D = clir::geo_distance_matrix(pts, {.method = clir::GeoMethod::haversine});
  const auto c = clir::clara(D, 4, {.sample_size = 60});
  const auto p = clir::pam(D, 4);
  EXPECT_EQ(c.medoids, p.medoids);
  EXPECT_EQ(c.labels, p.labels);
  EXPECT_DOUBLE_EQ(c.loss, p.loss);
  EXPECT_EQ(c.iterations, 1u);
}

TEST(Clara, MoreSamplesNeverWorseAndThreadCountFree) {
  const auto pts = scattered(900, 2);
  const auto D = clir::geo_distance_matrix<float>(pts, {.method = clir::GeoMethod::haversine});
  const auto one = clir::clara(D, 8, {.samples = 1, .threads = 1});
  const auto five = clir::clara(D, 8, {.samples = 5, .threads = 1});
  EXPECT_LE(five.loss, one.loss);
  const auto five_mt = clir::clara(D, 8, {.samples = 5, .threads = 3});
  EXPECT_EQ(five_mt.medoids, five.medoids);
  EXPECT_EQ(five_mt.loss, five.loss);
  EXPECT_EQ(five.iterations, 5u);
  // The result is consistent: loss = sum of distances to the assigned medoid.
  double total = 0;
  for (std::size_t j = 0; j < D.size(); ++j) total += D(j, five.medoids[static_cast<std::size_t>(five.labels[j])]);
  EXPECT_NEAR(total, five.loss, 1e-6 * total);
}

TEST(FasterClara, WorksOnALazyDistanceWithoutAMatrix) {
  const auto pts = scattered(900, 3);
  const auto lazy = clir::lazy_distance(pts.size(), [&](std::size_t i, std::size_t j) { return clir::haversine_km(pts[i], pts[j]); });
  const auto D = clir::geo_distance_matrix(pts, {.method = clir::GeoMethod::haversine});
  const auto a = clir::fasterclara(lazy, 8, {.seed = 5});
  const auto b = clir::fasterclara(D, 8, {.seed = 5});
  EXPECT_EQ(a.medoids, b.medoids);
  EXPECT_EQ(a.loss, b.loss);
  // Close to the full FasterPAM optimum on clearly separated blobs.
  const auto full = clir::fasterpam(D, 8);
  EXPECT_LE(a.loss, full.loss * 1.05);
}

TEST(Clara, RejectsBadOptionsAndDistances) {
  const auto pts = scattered(50, 4);
  const auto D = clir::geo_distance_matrix(pts, {.method = clir::GeoMethod::haversine});
  try {
    clir::clara(D, 5, {.sample_size = 3});
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "sample_size");
  }
  EXPECT_THROW(clir::clara(D, 5, {.samples = 0}), clir::ConfigError);
  EXPECT_THROW(clir::clara(D, 0), clir::ConfigError);
  EXPECT_THROW(clir::clara(D, 2, {.init = clir::Init::given}), clir::ConfigError);
  const auto bad = clir::lazy_distance(50, [](std::size_t i, std::size_t j) { return i + j == 7 ? -1.0 : 1.0; });
  try {
    clir::clara(bad, 2, {.sample_size = 50});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "distance");
    EXPECT_NE(e.message().find("is negative"), std::string::npos);
  }
}

}  // namespace
