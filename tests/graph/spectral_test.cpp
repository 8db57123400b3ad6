#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "clir/core/rng.hpp"
#include "clir/graph/spectral.hpp"

namespace {

using ::testing::HasSubstr;

clir::DistanceMatrix<double> planar(const std::vector<std::array<double, 2>>& p) {
  clir::DistanceMatrix<double> d(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      d.set(i, j, std::hypot(p[i][0] - p[j][0], p[i][1] - p[j][1]));
    }
  }
  return d;
}

std::vector<std::array<double, 2>> blobs(std::size_t per_blob, const std::vector<std::array<double, 2>>& centres,
                                         std::uint64_t seed) {
  std::vector<std::array<double, 2>> p;
  auto rng = clir::Rng::stream(seed, 0);
  for (const auto& c : centres) {
    for (std::size_t i = 0; i < per_blob; ++i) p.push_back({c[0] + 0.3 * rng.normal(), c[1] + 0.3 * rng.normal()});
  }
  return p;
}

TEST(SpectralEmbedding, SeparatedBlobsMapToSeparatedPoints) {
  const auto p = blobs(15, {{0, 0}, {10, 0}, {0, 10}}, 1);
  const auto e = clir::spectral_embedding(planar(p), 3);
  ASSERT_EQ(e.rows.rows(), 45);
  ASSERT_EQ(e.rows.cols(), 3);
  // L's smallest eigenvalue is 0 (eigenvector D^{1/2}·1); three nearly disconnected blobs give
  // three near-zero eigenvalues and a clear gap.
  EXPECT_NEAR(e.eigenvalues(0), 0.0, 1e-9);
  EXPECT_LT(e.eigenvalues(2), 0.05);
  EXPECT_GT(e.eigengap, 0.2);
  for (Eigen::Index i = 0; i < 45; ++i) EXPECT_NEAR(e.rows.row(i).norm(), 1.0, 1e-12);
  // Rows within a blob nearly coincide; rows of different blobs are nearly orthogonal.
  for (Eigen::Index i = 0; i < 45; ++i) {
    for (Eigen::Index j = 0; j < 45; ++j) {
      const double cosine = e.rows.row(i).dot(e.rows.row(j));
      if (i / 15 == j / 15) EXPECT_GT(cosine, 0.99);
      else EXPECT_LT(std::abs(cosine), 0.1);
    }
  }
}

TEST(SpectralEmbedding, SignRuleAndBandwidths) {
  const auto p = blobs(10, {{0, 0}, {6, 0}}, 2);
  const auto d = planar(p);
  for (auto bandwidth : {clir::Bandwidth::self_tuning, clir::Bandwidth::median, clir::Bandwidth::fixed}) {
    const auto e = clir::spectral_embedding(d, 2, {.bandwidth = bandwidth, .sigma = 2.0});
    // Same input, same output, any thread count.
    const auto again = clir::spectral_embedding(d, 2, {.bandwidth = bandwidth, .sigma = 2.0, .threads = 1});
    EXPECT_EQ(e.rows, again.rows);
    // Whatever basis the eigensolver picks within a (near-)degenerate eigenspace, distances
    // between rows are the same: the blobs sit about sqrt(2) apart, members together.
    EXPECT_GT((e.rows.row(0) - e.rows.row(10)).norm(), 1.0);
    EXPECT_LT((e.rows.row(0) - e.rows.row(9)).norm(), 0.3);
  }
  const auto median = clir::spectral_embedding(d, 2, {.bandwidth = clir::Bandwidth::median});
  EXPECT_EQ(median.sigma.front(), median.sigma.back());
  const auto tuned = clir::spectral_embedding(d, 2, {.neighbour = 3});
  // σ_0 is the distance from 0 to its 3rd nearest neighbour.
  std::vector<double> row;
  for (std::size_t j = 1; j < p.size(); ++j) row.push_back(d(0, j));
  std::sort(row.begin(), row.end());
  EXPECT_DOUBLE_EQ(tuned.sigma[0], row[2]);
}

TEST(SpectralEmbedding, FixSignsMakesTheLargestEntryPositive) {
  Eigen::MatrixXd v(3, 2);
  v << 0.1, 0.5, -0.9, -0.5, 0.2, 0.1;
  clir::detail::fix_signs(v);
  EXPECT_GT(v(1, 0), 0.0);   // -0.9 was the largest magnitude: column flipped
  EXPECT_DOUBLE_EQ(v(0, 1), 0.5);  // tie 0.5 / -0.5: the lower index decides, already positive
}

TEST(SpectralEmbedding, BadArguments) {
  const auto d = planar({{0, 0}, {1, 0}, {2, 0}, {50, 0}});
  auto expect_config = [&](std::size_t k, clir::SpectralOptions o, const char* key) {
    try {
      clir::spectral_embedding(d, k, o);
      ADD_FAILURE() << key;
    } catch (const clir::ConfigError& e) {
      EXPECT_EQ(e.key(), key);
    }
  };
  expect_config(0, {}, "k");
  expect_config(5, {}, "k");
  expect_config(2, {.neighbour = 4}, "neighbour");
  expect_config(2, {.neighbour = 0}, "neighbour");
  expect_config(2, {.bandwidth = clir::Bandwidth::fixed}, "sigma");
  expect_config(2, {.neighbour = 1, .max_items = 3}, "max_items");
  // A far item with a tiny fixed bandwidth has no similarity left.
  try {
    clir::spectral_embedding(d, 2, {.bandwidth = clir::Bandwidth::fixed, .sigma = 0.5});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("item 3 has zero similarity"));
  }
}

TEST(SpectralClustering, RecoversBlobs) {
  const auto p = blobs(12, {{0, 0}, {8, 0}, {0, 8}, {8, 8}}, 5);
  const auto result = clir::spectral_clustering(planar(p), 4);
  clir::Labels planted(48);
  for (std::size_t i = 0; i < 48; ++i) planted[i] = static_cast<std::int32_t>(i / 12);
  EXPECT_EQ(clir::canonical_labels(result.clustering.labels), planted);
  EXPECT_EQ(result.clustering.medoids.size(), 4u);
  EXPECT_EQ(result.embedding.rows.cols(), 4);
}

TEST(SpectralClustering, SeparatesConcentricRingsWhereMedoidsCannot) {
  // Two rings around the same centre: no medoid split of the raw distances finds them, the
  // self-tuned similarity graph does.
  std::vector<std::array<double, 2>> p;
  clir::Labels ring;
  for (int i = 0; i < 30; ++i) {
    const double a = 2 * 3.14159265358979 * i / 30;
    p.push_back({std::cos(a), std::sin(a)});
    ring.push_back(0);
  }
  for (int i = 0; i < 60; ++i) {
    const double a = 2 * 3.14159265358979 * i / 60;
    p.push_back({5 * std::cos(a), 5 * std::sin(a)});
    ring.push_back(1);
  }
  const auto d = planar(p);
  const auto result = clir::spectral_clustering(d, 2, {.spectral = {.neighbour = 3}});
  EXPECT_EQ(clir::canonical_labels(result.clustering.labels), ring);
  EXPECT_NE(clir::canonical_labels(clir::fasterpam(d, 2).labels), ring);
  // Identical for any thread count.
  const auto one = clir::spectral_clustering(d, 2, {.spectral = {.neighbour = 3, .threads = 1},
                                                    .kmedoids = {.threads = 1}});
  EXPECT_EQ(one.clustering.labels, result.clustering.labels);
  EXPECT_EQ(one.clustering.medoids, result.clustering.medoids);
}

TEST(SpectralClustering, PassesOnErrors) {
  const auto d = planar({{0, 0}, {1, 0}, {2, 0}});
  EXPECT_THROW(clir::spectral_clustering(d, 0), clir::ConfigError);
  EXPECT_THROW(clir::spectral_clustering(d, 4), clir::ConfigError);
}

}  // namespace
