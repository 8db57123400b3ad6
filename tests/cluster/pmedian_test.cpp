#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "clir/cluster/constrained.hpp"
#include "clir/cluster/pmedian.hpp"
#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"
#include "support/matrices.hpp"
#include "support/support.hpp"

namespace {

using clir::CategoryMode;
using clir::GroupConstraints;

using clir_test::line;
using clir_test::random_plane;

// Brute force: every labelling of n items into exactly k groups (restricted growth strings),
// each group served by its best member (plus soft penalties), infeasible ones skipped.
double brute_force_optimum(const clir::DistanceMatrix<double>& D, std::size_t k, const GroupConstraints& c) {
  const std::size_t n = D.size();
  clir::Labels labels(n, 0);
  double best = std::numeric_limits<double>::infinity();
  std::vector<std::int32_t> max_prefix(n, 0);
  for (;;) {
    if (clir::count_groups(labels) == k && clir::constraint_violations(labels, c).empty()) {
      double total = 0.0;
      for (std::size_t g = 0; g < k; ++g) {
        double group_best = std::numeric_limits<double>::infinity();
        for (std::size_t m = 0; m < n; ++m) {
          if (labels[m] != static_cast<std::int32_t>(g)) continue;
          double s = 0.0;
          for (std::size_t i = 0; i < n; ++i) {
            if (labels[i] != static_cast<std::int32_t>(g)) continue;
            s += D(i, m);
            if (c.category.mode == CategoryMode::soft && !c.category.of_item.empty() &&
                c.category.of_item[i] != c.category.of_item[m]) {
              s += c.category.penalty;
            }
          }
          group_best = std::min(group_best, s);
        }
        total += group_best;
      }
      best = std::min(best, total);
    }
    // Next restricted growth string with labels < k.
    std::size_t i = n;
    while (i-- > 1) {
      const std::int32_t limit = std::min<std::int32_t>(static_cast<std::int32_t>(k) - 1, max_prefix[i - 1] + 1);
      if (labels[i] < limit) {
        ++labels[i];
        for (std::size_t j = i + 1; j < n; ++j) labels[j] = 0;
        for (std::size_t j = i; j < n; ++j) max_prefix[j] = std::max(max_prefix[j - 1], labels[j]);
        break;
      }
    }
    if (i == 0) break;
  }
  return best;
}

TEST(ExactPMedian, HandCheckedLine) {
  const auto D = line({0, 1, 2, 4, 20});
  const auto r = clir::exact_pmedian(D, 2, {.min_size = 2, .max_size = 3});
  EXPECT_EQ(r.status, clir::PMedianStatus::optimal);
  EXPECT_TRUE(r.converged);
  EXPECT_DOUBLE_EQ(r.loss, 18.0);
  EXPECT_DOUBLE_EQ(r.bound, 18.0);
  EXPECT_EQ(r.labels, (clir::Labels{0, 0, 0, 1, 1}));
  EXPECT_EQ(r.medoids[0], 1u);
}

TEST(ExactPMedian, MatchesBruteForceUnderEveryKindOfConstraint) {
  const std::vector<GroupConstraints> cases = {
      {.min_size = 2, .max_size = 3},
      {.min_size = 1, .max_size = 4, .must_link = {{0, 7}, {3, 4}}},
      {.min_size = 2, .max_size = 4, .cannot_link = {{0, 1}, {1, 2}, {2, 3}, {5, 6}}},
      {.min_size = 2, .category = {.of_item = {"A", "A", "B", "B", "A", "C", "C", "B"}, .may_mix = {{"B", "C"}}}},
      {.max_size = 4, .category = {.of_item = {"A", "A", "B", "B", "A", "C", "C", "B"}, .mode = CategoryMode::soft, .penalty = 15.0}},
  };
  for (std::size_t t = 0; t < cases.size(); ++t) {
    const auto D = random_plane(8, 100 + t);
    const auto r = clir::exact_pmedian(D, 3, cases[t]);
    EXPECT_NEAR(r.objective, brute_force_optimum(D, 3, cases[t]), 1e-9) << "case " << t;
    EXPECT_TRUE(clir::constraint_violations(r.labels, cases[t]).empty()) << "case " << t;
    EXPECT_EQ(clir::count_groups(r.labels), 3u);
    EXPECT_NEAR(r.penalty, clir::category_penalty(r.labels, r.medoids, cases[t]), 1e-12);
  }
}

TEST(ExactPMedian, CertifiesTheHeuristic) {
  // The heuristic is feasible, so never below the optimum; on these small instances it is
  // usually equal (counted, not required).
  std::size_t equal = 0, total = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const std::size_t n = 14 + seed;
    const auto D = random_plane(n, seed);
    std::vector<std::string> cat(n);
    for (std::size_t i = 0; i < n; ++i) cat[i].assign(1, i % 3 == 0 ? 'X' : 'Y');
    const std::vector<GroupConstraints> cases = {
        {.min_size = 2, .max_size = 4},
        {.min_size = 2, .max_size = 4, .must_link = {{0, 1}}, .cannot_link = {{2, 3}, {3, 4}}},
        {.min_size = 2, .max_size = 5, .category = {.of_item = cat}},
    };
    for (const auto& c : cases) {
      const std::size_t k = n / 3;
      const auto exact = clir::exact_pmedian(D, k, c, {.heuristic_start = seed % 2 == 0});
      const auto heur = clir::constrained_kmedoids(D, k, c);
      ASSERT_EQ(exact.status, clir::PMedianStatus::optimal);
      EXPECT_GE(heur.objective, exact.objective - 1e-9) << "seed " << seed;
      EXPECT_TRUE(clir::constraint_violations(exact.labels, c).empty());
      equal += std::abs(heur.objective - exact.objective) < 1e-9;
      ++total;
    }
  }
  RecordProperty("heuristic_optimal", std::to_string(equal) + "/" + std::to_string(total));
  EXPECT_GE(equal * 2, total) << equal << " of " << total << " heuristic runs reached the optimum";
}

TEST(ExactPMedian, ProvesInfeasibility) {
  // Four mutually cannot-linked items cannot fit in three groups.
  GroupConstraints c{.cannot_link = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}};
  const auto D = line({0, 1, 2, 3, 4, 5});
  try {
    clir::exact_pmedian(D, 3, c);
    FAIL() << "expected clir::Infeasible";
  } catch (const clir::Infeasible& e) {
    EXPECT_NE(std::string(e.what()).find("no grouping satisfies all constraints together"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("6 cannot_link pairs"), std::string::npos) << e.what();
  }
  // Counting checks come first, with their specific message.
  EXPECT_THROW(clir::exact_pmedian(D, 2, {.max_size = 2}), clir::Infeasible);
}

TEST(ExactPMedian, OptionsAreChecked) {
  const auto D = random_plane(10, 1);
  try {
    clir::exact_pmedian(D, 2, {}, {.max_items = 5});
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "max_items");
    EXPECT_NE(std::string(e.what()).find("limited to 5 items (n = 10)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(clir::exact_pmedian(D, 2, {}, {.time_limit_s = -1.0}), clir::ConfigError);
  EXPECT_THROW(clir::exact_pmedian(D, 2, {}, {.mip_gap = 1.5}), clir::ConfigError);
}

TEST(ExactPMedian, TimeLimitWithoutSolutionIsAnError) {
  // 1 ms cannot even solve the root relaxation of a 90-item model (about 8,000 columns).
  const auto D = random_plane(90, 2);
  try {
    clir::exact_pmedian(D, 30, {.min_size = 2, .max_size = 4}, {.time_limit_s = 1e-6, .heuristic_start = false});
    FAIL() << "expected clir::LimitReached";
  } catch (const clir::LimitReached& e) {
    // The one mapping of GLPK's codes (src/core/glpk_outcome.hpp): the option to raise, never
    // a conflict of constraints.
    EXPECT_EQ(e.key(), "time_limit_s");
    EXPECT_NE(std::string(e.what()).find("time limit reached: GLPK found no feasible grouping within the time limit of 1e-06 s; "
                                         "raise time_limit_s (seconds), or use constrained_kmedoids"),
              std::string::npos)
        << e.what();
  }
}

TEST(ExactPMedian, TimeLimitWithHeuristicReturnsItFlagged) {
  const auto D = random_plane(90, 2);
  GroupConstraints c{.min_size = 2, .max_size = 4};
  const auto r = clir::exact_pmedian(D, 30, c, {.time_limit_s = 1e-6});
  EXPECT_EQ(r.status, clir::PMedianStatus::time_limit);
  EXPECT_FALSE(r.converged);
  EXPECT_LE(r.bound, r.objective);
  EXPECT_EQ(clir::count_groups(r.labels), 30u);
  EXPECT_TRUE(clir::constraint_violations(r.labels, c).empty());
}

}  // namespace
