// clir::nearest_selecting_weights on cases small enough to check by hand: two criteria whose
// values already span [0, 1], so that min-max normalization leaves them as they are and a score
// is w1 x1 + (1 − w1) x2.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/table.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/nearest_weights.hpp"
#include "clir/selection/select.hpp"

namespace {

using clir::NearestWeightsStatus;

clir::DecisionMatrix matrix(const std::vector<std::pair<double, double>>& rows) {
  clir::DecisionMatrix d;
  d.criteria = {"x1", "x2"};
  d.directions = {clir::Direction::benefit, clir::Direction::benefit};
  d.weights = Eigen::Vector2d(0.8, 0.2);
  d.values.resize(static_cast<Eigen::Index>(rows.size()), 2);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    // Appended, not "R" + std::to_string(i): GCC 12 reports a false -Wrestrict on that form.
    std::string id = "R";
    id += std::to_string(i);
    d.ids.push_back(id);
    d.values(static_cast<Eigen::Index>(i), 0) = rows[i].first;
    d.values(static_cast<Eigen::Index>(i), 1) = rows[i].second;
  }
  d.imputed = {0, 0};
  return d;
}

clir::PreparedScoring weighted_sum(const std::vector<std::pair<double, double>>& rows) {
  return clir::PreparedScoring(matrix(rows), {.method = clir::ScoringMethod::weighted_sum});
}

const Eigen::Vector2d kWeights(0.8, 0.2);
constexpr double kGap = 1e-6;

// A (1, 0), B (0, 1), C (0.6, 0.6), D (0.5, 0.2). Under (0.8, 0.2): A 0.8, C 0.6, D 0.44, B 0.2.
const std::vector<std::pair<double, double>> kFour = {{1.0, 0.0}, {0.0, 1.0}, {0.6, 0.6}, {0.5, 0.2}};

TEST(NearestWeights, MovesJustEnoughWeightToPutTheCandidateFirst) {
  // C first needs 0.6 > w1 (ahead of A) and 0.6 > 1 − w1 (ahead of B): w1 in (0.4, 0.6). The
  // nearest to 0.8 with the margin g is w1 = 0.6 − g, an L1 change of 2 (0.2 + g).
  const auto prepared = weighted_sum(kFour);
  const auto r = clir::nearest_selecting_weights(prepared, kWeights, 2, 1, nullptr, {.min_gap = kGap});
  EXPECT_EQ(r.status, NearestWeightsStatus::found) << r.reason;
  EXPECT_TRUE(r.found);
  EXPECT_TRUE(r.selected);
  EXPECT_TRUE(r.proven_optimal);
  ASSERT_EQ(r.weights.size(), 2U);
  EXPECT_NEAR(r.weights[0], 0.6 - kGap, 1e-9);
  EXPECT_NEAR(r.weights[1], 0.4 + kGap, 1e-9);
  EXPECT_NEAR(r.change[0], -0.2 - kGap, 1e-9);
  EXPECT_NEAR(r.change[1], 0.2 + kGap, 1e-9);
  EXPECT_NEAR(r.distance, 0.4 + 2 * kGap, 1e-9);
  EXPECT_EQ(r.rank, 1U);
  EXPECT_EQ(r.target_rank, 1U);
  EXPECT_EQ(r.programs, 1U);
  EXPECT_EQ(r.always_ahead, 0U);
  EXPECT_NEAR(r.score, 0.6, 1e-12);
  EXPECT_NEAR(r.cutoff_score, 0.6, 1e-12);
}

TEST(NearestWeights, NothingToChangeWhenAlreadySelected) {
  // Two selected: A 0.8 and C 0.6 are the two best already.
  const auto prepared = weighted_sum(kFour);
  const auto r = clir::nearest_selecting_weights(prepared, kWeights, 2, 2, nullptr, {.min_gap = kGap});
  EXPECT_EQ(r.status, NearestWeightsStatus::already_selected);
  EXPECT_TRUE(r.found);
  EXPECT_DOUBLE_EQ(r.distance, 0.0);
  EXPECT_EQ(r.rank, 2U);
  EXPECT_EQ(r.programs, 0U);
}

TEST(NearestWeights, NoWeightingSelectsADominatedCandidate) {
  // C is at least as good as D on both criteria: with one selected, D can never be it.
  const auto prepared = weighted_sum(kFour);
  const auto r = clir::nearest_selecting_weights(prepared, kWeights, 3, 1, nullptr, {.min_gap = kGap});
  EXPECT_EQ(r.status, NearestWeightsStatus::unreachable);
  EXPECT_FALSE(r.found);
  EXPECT_TRUE(r.weights.empty());
  EXPECT_EQ(r.always_ahead, 1U);
  EXPECT_EQ(r.programs, 0U);
  EXPECT_NE(r.reason.find("at least as good on every criterion"), std::string::npos) << r.reason;
}

TEST(NearestWeights, NoWeightingSelectsACandidateNobodyDominates) {
  // E (0.45, 0.45) against A (1, 0) and B (0, 1), one selected: ahead of A needs w1 < 0.45,
  // ahead of B needs w1 > 0.55. Nobody dominates E; GLPK proves the program infeasible.
  const auto prepared = weighted_sum({{1.0, 0.0}, {0.0, 1.0}, {0.45, 0.45}});
  const auto r = clir::nearest_selecting_weights(prepared, kWeights, 2, 1, nullptr, {.min_gap = kGap});
  EXPECT_EQ(r.status, NearestWeightsStatus::unreachable) << r.reason;
  EXPECT_FALSE(r.found);
  EXPECT_EQ(r.always_ahead, 0U);
  EXPECT_EQ(r.programs, 1U);
  EXPECT_TRUE(r.proven_optimal);
  // With two selected it is second already (A 0.8, E 0.45, B 0.2).
  const auto two = clir::nearest_selecting_weights(prepared, kWeights, 2, 2, nullptr, {.min_gap = kGap});
  EXPECT_EQ(two.status, NearestWeightsStatus::already_selected);
}

TEST(NearestWeights, UnderQuotasTheRerunDecidesAndATighterRankIsTried) {
  // A (1, 0) X, B (0, 1) Y, C (0.6, 0.6) X, F (0.9, 0.3) X; two selected, at most one per
  // category. Under (0.8, 0.2): A 0.8, F 0.78, C 0.6, B 0.2; selected A and B.
  // Rank 2 for C: w1 = 0.6 − g (C passes A; F 0.66 stays ahead), but then F takes X's place.
  // Rank 1: C must also pass F (0.3 + 0.6 w1 < 0.6 − g): w1 = 0.5 − g/0.6, change 0.6 + 10g/3;
  // the rerun selects C and B.
  const std::vector<std::pair<double, double>> rows = {{1.0, 0.0}, {0.0, 1.0}, {0.6, 0.6}, {0.9, 0.3}};
  const auto prepared = weighted_sum(rows);
  clir::Table table(std::vector<std::string>{"R0", "R1", "R2", "R3"});
  table.add_categorical("kind", {"X", "Y", "X", "X"});
  clir::SelectionOptions quota{.count = 2};
  quota.quotas.push_back({.column = "kind", .max = 1});
  const clir::QuotaSelector selector(table, {0, 1, 2, 3}, quota);

  const auto rank_only = clir::nearest_selecting_weights(prepared, kWeights, 2, 2, nullptr, {.min_gap = kGap});
  EXPECT_EQ(rank_only.status, NearestWeightsStatus::found) << rank_only.reason;
  EXPECT_NEAR(rank_only.distance, 0.4 + 2 * kGap, 1e-9);

  const auto r = clir::nearest_selecting_weights(prepared, kWeights, 2, 2, &selector, {.min_gap = kGap});
  EXPECT_EQ(r.status, NearestWeightsStatus::found) << r.reason;
  EXPECT_TRUE(r.selected);
  EXPECT_EQ(r.programs, 2U);
  EXPECT_EQ(r.target_rank, 1U);
  EXPECT_EQ(r.rank, 1U);
  EXPECT_NEAR(r.weights[0], 0.5 - kGap / 0.6, 1e-9);
  EXPECT_NEAR(r.distance, 0.6 + 2 * kGap / 0.6, 1e-9);

  // One program only: the rank-2 weighting is found but the rerun does not take C.
  const auto once = clir::nearest_selecting_weights(prepared, kWeights, 2, 2, &selector,
                                                    {.min_gap = kGap, .max_programs = 1});
  EXPECT_EQ(once.status, NearestWeightsStatus::not_selected) << once.reason;
  EXPECT_FALSE(once.found);
  EXPECT_FALSE(once.selected);
  EXPECT_EQ(once.rank, 2U);
  EXPECT_NEAR(once.distance, 0.4 + 2 * kGap, 1e-9);
}

TEST(NearestWeights, SaysSoForAScoreThatIsNotLinear) {
  const clir::PreparedScoring prepared(matrix(kFour), {.method = clir::ScoringMethod::topsis});
  EXPECT_FALSE(prepared.is_linear());
  EXPECT_THROW((void)prepared.linear_terms(), clir::ConfigError);
  const auto r = clir::nearest_selecting_weights(prepared, kWeights, 2, 1);
  EXPECT_EQ(r.status, NearestWeightsStatus::not_linear);
  EXPECT_FALSE(r.found);
  EXPECT_NE(r.reason.find("topsis"), std::string::npos) << r.reason;
}

TEST(NearestWeights, LinearTermsGiveTheScores) {
  for (auto method : {clir::ScoringMethod::weighted_sum, clir::ScoringMethod::promethee_ii, clir::ScoringMethod::points}) {
    const clir::PreparedScoring prepared(matrix(kFour), {.method = method});
    ASSERT_TRUE(prepared.is_linear());
    const Eigen::VectorXd direct = prepared.evaluate(kWeights);
    const Eigen::VectorXd linear = prepared.linear_terms() * kWeights;
    for (Eigen::Index i = 0; i < direct.size(); ++i) EXPECT_DOUBLE_EQ(direct(i), linear(i));
  }
}

TEST(NearestWeights, RejectsBadInput) {
  const auto prepared = weighted_sum(kFour);
  EXPECT_THROW((void)clir::nearest_selecting_weights(prepared, kWeights, 4, 1), clir::ConfigError);
  EXPECT_THROW((void)clir::nearest_selecting_weights(prepared, kWeights, 2, 0), clir::ConfigError);
  EXPECT_THROW((void)clir::nearest_selecting_weights(prepared, Eigen::Vector2d(0.5, 0.6), 2, 1), clir::ConfigError);
  EXPECT_THROW((void)clir::nearest_selecting_weights(prepared, Eigen::Vector3d(0.5, 0.5, 0.0), 2, 1), clir::ConfigError);
  EXPECT_THROW((void)clir::nearest_selecting_weights(prepared, kWeights, 2, 1, nullptr, {.min_gap = 1.5}), clir::ConfigError);
}

}  // namespace
