// Degenerate but valid inputs give correct answers: k = 1, k = n, duplicate points, identical
// points, a constant criterion, a pool of a single oblast.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "clir/cluster/kmedoids.hpp"
#include "clir/core/labels.hpp"
#include "clir/core/table.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/scoring/criteria.hpp"
#include "clir/scoring/score.hpp"

namespace {

// Items 0..n-1 on a line, d(i, j) = |i - j|.
clir::DistanceMatrix<double> line_matrix(std::size_t n) {
  clir::DistanceMatrix<double> d(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) d.set(i, j, static_cast<double>(j - i));
  return d;
}

constexpr clir::KMedoidsMethod kMethods[] = {clir::KMedoidsMethod::pam, clir::KMedoidsMethod::fastpam1,
                                             clir::KMedoidsMethod::fasterpam, clir::KMedoidsMethod::alternating};

TEST(Degenerate, OneGroupTakesTheMedian) {
  for (auto method : kMethods) {
    const auto r = clir::kmedoids(line_matrix(5), 1, method);
    ASSERT_EQ(r.medoids.size(), 1u) << to_string(method);
    EXPECT_EQ(r.medoids[0], 2u) << to_string(method);  // the median minimises the sum |i - m|
    EXPECT_DOUBLE_EQ(r.loss, 6.0) << to_string(method);  // 2 + 1 + 0 + 1 + 2
    for (auto l : r.labels) EXPECT_EQ(l, 0) << to_string(method);
  }
}

TEST(Degenerate, AsManyGroupsAsItems) {
  for (auto method : kMethods) {
    const auto r = clir::kmedoids(line_matrix(6), 6, method);
    EXPECT_DOUBLE_EQ(r.loss, 0.0) << to_string(method);
    EXPECT_EQ(std::set<std::size_t>(r.medoids.begin(), r.medoids.end()).size(), 6u) << to_string(method);
    EXPECT_EQ(std::set<int>(r.labels.begin(), r.labels.end()).size(), 6u) << to_string(method);
    for (std::size_t g = 0; g < 6; ++g) EXPECT_EQ(static_cast<std::size_t>(r.labels[r.medoids[g]]), g);
  }
}

TEST(Degenerate, DuplicatePointsShareAGroupAtNoCost) {
  // Two sites, each listed three times: 2 groups of identical points, loss 0.
  clir::DistanceMatrix<double> d(6);
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t j = i + 1; j < 6; ++j) d.set(i, j, (i < 3) == (j < 3) ? 0.0 : 10.0);
  for (auto method : kMethods) {
    const auto r = clir::kmedoids(d, 2, method);
    EXPECT_DOUBLE_EQ(r.loss, 0.0) << to_string(method);
    EXPECT_EQ(r.labels[0], r.labels[1]);
    EXPECT_EQ(r.labels[0], r.labels[2]);
    EXPECT_EQ(r.labels[3], r.labels[5]);
    EXPECT_NE(r.labels[0], r.labels[3]) << to_string(method);
  }
}

TEST(Degenerate, AllIdenticalItemsAreValidForKMedoids) {
  // Every distance 0: any k medoids are optimal; the result must still have k distinct
  // medoids, k non-empty groups and loss 0 (geographic grouping rejects this case instead,
  // since a zero distance scale cannot be blended; see the catalogue).
  const clir::DistanceMatrix<double> d(5);
  for (auto method : kMethods) {
    const auto r = clir::kmedoids(d, 3, method);
    EXPECT_DOUBLE_EQ(r.loss, 0.0) << to_string(method);
    EXPECT_EQ(std::set<std::size_t>(r.medoids.begin(), r.medoids.end()).size(), 3u) << to_string(method);
    EXPECT_EQ(std::set<int>(r.labels.begin(), r.labels.end()).size(), 3u) << to_string(method);
    EXPECT_TRUE(r.converged) << to_string(method);
  }
}

TEST(Degenerate, DuplicateCommunitiesAreGroupedTogether) {
  std::vector<clir::Community> cs(4);
  const clir::GeoPoint sites[] = {{50.45, 30.52}, {50.45, 30.52}, {49.99, 36.23}, {49.99, 36.23}};
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < 4; ++i) {
    cs[i].code = "UA0000000000000000" + std::to_string(i);
    cs[i].location = sites[i];
    ids.push_back(cs[i].code);
  }
  clir::Table t(ids);
  t.add_numeric("need", Eigen::Vector4d(1, 1, 2, 2));
  const auto g = clir::group_communities(cs, t, {.method = clir::GroupingMethod::pam, .k = 2, .alpha = 0.0});
  EXPECT_DOUBLE_EQ(g.clustering.loss, 0.0);
  EXPECT_EQ(g.clustering.labels[0], g.clustering.labels[1]);
  EXPECT_EQ(g.clustering.labels[2], g.clustering.labels[3]);
  EXPECT_NE(g.clustering.labels[0], g.clustering.labels[2]);
  EXPECT_DOUBLE_EQ(g.max_within_km, 0.0);
}

TEST(Degenerate, ConstantCriterionGivesFiniteScores) {
  clir::Table t({"a", "b", "c", "d"});
  t.add_numeric("x", Eigen::Vector4d(1, 4, 2, 3));
  t.add_numeric("flat", Eigen::Vector4d(7, 7, 7, 7));
  const std::vector<clir::Criterion> both{{.column = "x"}, {.column = "flat"}};
  const std::vector<clir::Criterion> flat_only{{.column = "flat"}};
  for (auto method : {clir::ScoringMethod::weighted_sum, clir::ScoringMethod::weighted_product, clir::ScoringMethod::topsis,
                      clir::ScoringMethod::vikor, clir::ScoringMethod::promethee_ii}) {
    for (auto weights : {clir::WeightMethod::given, clir::WeightMethod::equal, clir::WeightMethod::entropy,
                         clir::WeightMethod::critic, clir::WeightMethod::std_dev}) {
      const clir::ScoringOptions options{.method = method, .weights = {.method = weights}};
      const auto label = std::string(to_string(method)) + "/" + std::string(to_string(weights));
      const auto r = clir::score(t, both, options);
      ASSERT_TRUE(r.score.allFinite()) << label;
      ASSERT_TRUE(r.weights.allFinite()) << label;
      EXPECT_NEAR(r.weights.sum(), 1.0, 1e-12) << label;
      // The constant criterion cannot change the order: it follows x (b > d > c > a).
      EXPECT_GT(r.score(1), r.score(3)) << label;
      EXPECT_GT(r.score(3), r.score(2)) << label;
      EXPECT_GT(r.score(2), r.score(0)) << label;
      // Only a constant criterion: every alternative ties, with a finite score.
      const auto f = clir::score(t, flat_only, options);
      ASSERT_TRUE(f.score.allFinite()) << label;
      EXPECT_DOUBLE_EQ(f.score.maxCoeff(), f.score.minCoeff()) << label;
    }
  }
}

TEST(Degenerate, SingleOblastPool) {
  const auto sc = clir::parse_scenario(R"(
[scenario]
seed = 3
threads = 1
[pool]
oblasts = ["Чернігівська"]
[selection]
size = 6
[[selection.quota]]
column = "oblast_uk"
max = 6
[clustering]
method = "fasterpam"
k = 2
min_size = 2
[reference]
grouping = "none"
)",
                                       "single.toml");
  const auto r = clir::run(sc);
  ASSERT_EQ(r.selected.size(), 6u);
  for (const auto& c : r.selected) EXPECT_EQ(c.oblast_uk, "Чернігівська");
  for (const auto& c : r.pool.communities) EXPECT_EQ(c.oblast_uk, "Чернігівська");
  const auto sizes = clir::group_sizes(r.groups.clustering.labels);
  ASSERT_EQ(sizes.size(), 2u);
  for (auto s : sizes) EXPECT_GE(s, 2u);
  EXPECT_TRUE(r.scores.score.allFinite());
  // The selected are the best scored of the eligible (a single oblast cap of 6 never binds).
  const double cutoff = r.selection.cutoff_score;
  for (std::size_t i = 0; i < r.scores.ids.size(); ++i) {
    const bool chosen = std::find(r.selection.selected_ids.begin(), r.selection.selected_ids.end(), r.scores.ids[i]) !=
                        r.selection.selected_ids.end();
    if (!chosen) {
      EXPECT_LE(r.scores.score(static_cast<Eigen::Index>(i)), cutoff) << r.scores.ids[i];
    }
  }
}

}  // namespace
