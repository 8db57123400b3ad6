#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "clir/cluster/choose.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

namespace {

clir::DistanceMatrix<double> plane(const std::vector<std::pair<double, double>>& p) {
  clir::DistanceMatrix<double> D(p.size());
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j)
      D.set(i, j, std::hypot(p[i].first - p[j].first, p[i].second - p[j].second));
  return D;
}

// Three tight clusters of 5 points around (0,0), (50,0), (0,50).
clir::DistanceMatrix<double> three_blobs() {
  clir::Rng rng(3);
  std::vector<std::pair<double, double>> p;
  for (auto [cx, cy] : {std::pair{0.0, 0.0}, std::pair{50.0, 0.0}, std::pair{0.0, 50.0}})
    for (int i = 0; i < 5; ++i) p.emplace_back(cx + rng.uniform() * 4.0, cy + rng.uniform() * 4.0);
  return plane(p);
}

TEST(Inertia, HandComputedOnALine) {
  // Points 0, 1, 10, 11 with equal weights 1/4: total inertia = mean squared deviation from
  // 5.5 = (30.25 + 20.25 + 20.25 + 30.25) / 4 = 25.25; within {0,1}{10,11}: 4 · 0.25 / 4 = 0.25.
  const auto D = plane({{0, 0}, {1, 0}, {10, 0}, {11, 0}});
  EXPECT_DOUBLE_EQ(clir::total_inertia(D), 25.25);
  EXPECT_DOUBLE_EQ(clir::within_inertia(D, {0, 0, 1, 1}), 0.25);
  EXPECT_DOUBLE_EQ(clir::explained_inertia(D, {0, 0, 1, 1}), 1.0 - 0.25 / 25.25);
  EXPECT_DOUBLE_EQ(clir::explained_inertia(D, {0, 1, 2, 3}), 1.0);
  EXPECT_DOUBLE_EQ(clir::explained_inertia(D, {0, 0, 0, 0}), 0.0);
  EXPECT_THROW(clir::within_inertia(D, {0, 1}), clir::InputError);
}

TEST(ScanK, FindsThreeBlobs) {
  const auto D = three_blobs();
  const auto scan = clir::scan_k(D, 2, 6);
  ASSERT_EQ(scan.size(), 5u);
  for (std::size_t i = 0; i < scan.size(); ++i) {
    EXPECT_EQ(scan[i].k, 2 + i);
    EXPECT_TRUE(scan[i].feasible);
    EXPECT_EQ(clir::count_groups(scan[i].result.labels), scan[i].k);
  }
  EXPECT_EQ(clir::best_k(scan), 3u);
  EXPECT_EQ(clir::best_k(scan, clir::KCriterion::medoid_silhouette), 3u);
  EXPECT_GT(scan[1].silhouette, 0.8);
}

TEST(ScanK, KeepsInfeasibleKWithItsReason) {
  const auto D = three_blobs();  // 15 items
  const auto scan = clir::scan_k(D, 2, 5, {.min_size = 3, .max_size = 5});
  ASSERT_EQ(scan.size(), 4u);
  EXPECT_FALSE(scan[0].feasible);  // 2 groups of at most 5 hold 10 < 15
  EXPECT_NE(scan[0].infeasible.find("2 groups of at most 5 items hold 10 items"), std::string::npos);
  EXPECT_TRUE(std::isnan(scan[0].silhouette));
  EXPECT_TRUE(scan[1].feasible);
  for (const auto& s : scan) {
    if (s.feasible) {
      EXPECT_TRUE(clir::constraint_violations(s.result.labels, {.min_size = 3, .max_size = 5}).empty());
    }
  }
  EXPECT_EQ(clir::best_k(scan), 3u);
  // Any clustering callable works, e.g. plain FasterPAM.
  const auto fp = clir::scan_k(D, 2, 4, [](const auto& d, std::size_t k) { return clir::fasterpam(d, k); });
  EXPECT_EQ(clir::best_k(fp), 3u);
}

TEST(ScanK, ErrorsNameTheProblem) {
  const auto D = three_blobs();
  EXPECT_THROW(clir::scan_k(D, 1, 3), clir::ConfigError);
  EXPECT_THROW(clir::scan_k(D, 4, 3), clir::ConfigError);
  EXPECT_THROW(clir::scan_k(D, 2, 15), clir::ConfigError);
  const auto none = clir::scan_k(D, 2, 2, {.max_size = 4});
  try {
    clir::best_k(none);
    FAIL();
  } catch (const clir::Infeasible& e) {
    ASSERT_EQ(e.conflicting().size(), 1u);
    EXPECT_EQ(e.conflicting()[0].substr(0, 7), "k = 2: ");
  }
}

// Geography says {0..3} {4..7}; needs say {even} {odd}.
struct Conflict {
  clir::DistanceMatrix<double> geo, needs;
};
Conflict conflicting_views() {
  std::vector<std::pair<double, double>> g, q;
  for (int i = 0; i < 8; ++i) {
    g.emplace_back((i < 4 ? 0.0 : 100.0) + i, 0.0);
    q.emplace_back((i % 2 == 0 ? 0.0 : 10.0) + 0.1 * i, 0.0);
  }
  return {plane(g), plane(q)};
}

TEST(SweepAlpha, TradesGeographyAgainstNeeds) {
  const auto [geo, needs] = conflicting_views();
  const auto sweep = clir::sweep_alpha(geo, needs, 2);
  ASSERT_EQ(sweep.size(), 11u);
  const auto& first = sweep.front();
  const auto& last = sweep.back();
  EXPECT_EQ(first.alpha, 0.0);
  EXPECT_EQ(last.alpha, 1.0);
  EXPECT_EQ(clir::canonical_labels(first.result.labels), (clir::Labels{0, 0, 0, 0, 1, 1, 1, 1}));
  EXPECT_EQ(clir::canonical_labels(last.result.labels), (clir::Labels{0, 1, 0, 1, 0, 1, 0, 1}));
  EXPECT_DOUBLE_EQ(first.q_geo_norm, 1.0);
  EXPECT_DOUBLE_EQ(last.q_needs_norm, 1.0);
  EXPECT_GT(first.q_geo, last.q_geo);
  EXPECT_GT(last.q_needs, first.q_needs);
  for (const auto& s : sweep) {
    EXPECT_DOUBLE_EQ(s.q_geo, clir::explained_inertia(geo, s.result.labels));
    EXPECT_DOUBLE_EQ(s.q_needs, clir::explained_inertia(needs, s.result.labels));
    EXPECT_GE(s.q_geo, 0.0);
    EXPECT_LE(s.q_geo, 1.0);
  }
}

TEST(SweepAlpha, NormalisesEvenWithoutTheEnds) {
  const auto [geo, needs] = conflicting_views();
  const auto full = clir::sweep_alpha(geo, needs, 2);
  const auto mid = clir::sweep_alpha(geo, needs, 2, clir::GroupConstraints{}, {.alphas = {0.5}});
  ASSERT_EQ(mid.size(), 1u);
  EXPECT_DOUBLE_EQ(mid[0].q_geo_norm, mid[0].q_geo / full.front().q_geo);
  EXPECT_DOUBLE_EQ(mid[0].q_needs_norm, mid[0].q_needs / full.back().q_needs);
}

TEST(SweepAlpha, ChecksTheGrid) {
  const Conflict views = conflicting_views();  // no structured binding: Clang 14 cannot capture one
  const auto& geo = views.geo;
  const auto& needs = views.needs;
  auto message = [&](std::vector<double> alphas) -> std::string {
    try {
      clir::sweep_alpha(geo, needs, 2, clir::GroupConstraints{}, {.alphas = std::move(alphas)});
    } catch (const clir::ConfigError& e) {
      EXPECT_EQ(e.key(), "alphas");
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(message({}), "'alphas': the grid of alpha values is empty");
  EXPECT_EQ(message({0.0, 1.5}), "'alphas': alphas[1] = 1.500000 is outside [0, 1] (0 = geography only, 1 = needs only)");
  EXPECT_EQ(message({0.5, 0.2}), "'alphas': the grid must be strictly ascending; alphas[1] = 0.200000 follows 0.500000");
}

}  // namespace
