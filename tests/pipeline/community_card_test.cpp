// clir::community_card on the built-in scenario: the figures against the cut-off, and the nearest
// weighting checked end to end (the scenario rerun with it selects the community).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "clir/core/error.hpp"
#include "clir/pipeline/community_card.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"

namespace {

clir::Scenario weighted_sum_scenario() {
  clir::Scenario sc = clir::builtin_clir2024_scenario();
  sc.scoring.method = clir::ScoringMethod::weighted_sum;
  sc.robustness.reset();
  return sc;
}

const clir::RunResult& weighted_sum_run() {
  static const clir::RunResult r = clir::run(weighted_sum_scenario(), {.last_stage = clir::RunStage::selection});
  return r;
}

// The eligible applicant with this rank.
std::string at_rank(const clir::RunResult& r, std::size_t rank) {
  for (std::size_t i = 0; i < r.scores.ids.size(); ++i) {
    if (r.scores.rank[i] == rank) return r.scores.ids[i];
  }
  return {};
}

bool selected(const clir::RunResult& r, const std::string& code) {
  return std::find(r.selection.selected_ids.begin(), r.selection.selected_ids.end(), code) != r.selection.selected_ids.end();
}

// The best-ranked eligible applicant below the cut-off (not kept out by a quota).
std::string first_not_selected(const clir::RunResult& r) {
  for (std::size_t rank = 1; rank <= r.scores.ids.size(); ++rank) {
    const std::string code = at_rank(r, rank);
    if (r.selection.explanations[r.pool.table.row(code)].status == clir::SelectionStatus::below_cutoff) return code;
  }
  return {};
}

TEST(CommunityCard, ContributionsAddUpAndTheGapIsToTheLastSelected) {
  const auto& r = weighted_sum_run();
  const std::string code = first_not_selected(r);
  ASSERT_FALSE(code.empty());
  const auto card = clir::community_card(r, code, {.nearest_weights = false});
  EXPECT_TRUE(card.eligible);
  EXPECT_FALSE(card.selected);
  EXPECT_TRUE(card.additive);
  EXPECT_EQ(card.count, 19U);
  EXPECT_EQ(card.criteria.size(), 7U);
  ASSERT_TRUE(card.score && card.rank);
  double sum = 0.0, cutoff_sum = 0.0, weights = 0.0;
  for (const auto& c : card.criteria) {
    ASSERT_TRUE(c.contribution && c.cutoff_contribution && c.normalized && c.cutoff_normalized) << c.criterion;
    EXPECT_GE(*c.normalized, 0.0);
    EXPECT_LE(*c.normalized, 1.0);
    // weighted_sum with min-max normalization: the contribution is the weight times the
    // normalized value.
    EXPECT_NEAR(*c.contribution, c.weight * *c.normalized, 1e-12) << c.criterion;
    sum += *c.contribution;
    cutoff_sum += *c.cutoff_contribution;
    weights += c.weight;
  }
  EXPECT_NEAR(sum, *card.score, 1e-12);
  EXPECT_NEAR(cutoff_sum, card.cutoff_score, 1e-12);
  EXPECT_NEAR(weights, 1.0, 1e-12);
  // The cut-off is the selected applicant with the lowest rank.
  std::size_t lowest = 0;
  for (std::size_t row : r.selection.selected_rows) lowest = std::max(lowest, *r.selection.explanations[row].rank);
  EXPECT_EQ(card.cutoff_rank, lowest);
  EXPECT_EQ(card.cutoff_code, at_rank(r, lowest));
  ASSERT_TRUE(card.score_gap);
  EXPECT_DOUBLE_EQ(*card.score_gap, card.cutoff_score - *card.score);
  EXPECT_FALSE(card.nearest);
  EXPECT_EQ(card.nearest_note, "not asked for");
  // The column's value as the pool has it.
  EXPECT_EQ(card.criteria[0].value, r.pool.table.get(r.pool.table.row(code), card.criteria[0].column));
}

TEST(CommunityCard, TheNearestWeightingSelectsItWhenTheScenarioIsRerunWithIt) {
  const auto& r = weighted_sum_run();
  const std::string code = first_not_selected(r);
  const auto card = clir::community_card(r, code);
  ASSERT_TRUE(card.nearest);
  const auto& n = *card.nearest;
  ASSERT_EQ(n.status, clir::NearestWeightsStatus::found) << n.reason;
  EXPECT_TRUE(n.found);
  EXPECT_TRUE(n.selected);
  EXPECT_GT(n.distance, 0.0);
  ASSERT_EQ(n.weights.size(), card.criteria.size());
  double total = 0.0;
  for (std::size_t j = 0; j < n.weights.size(); ++j) {
    EXPECT_GE(n.weights[j], 0.0);
    total += n.weights[j];
    EXPECT_DOUBLE_EQ(n.change[j], n.weights[j] - card.criteria[j].weight);
    EXPECT_EQ(card.criteria[j].nearest_weight, n.weights[j]);
  }
  EXPECT_NEAR(total, 1.0, 1e-12);

  // The same scenario with those weights, run as clir run would: the community is selected.
  clir::Scenario sc = weighted_sum_scenario();
  ASSERT_EQ(sc.criteria.size(), n.weights.size());
  for (std::size_t j = 0; j < n.weights.size(); ++j) sc.criteria[j].weight = n.weights[j];
  const auto rerun = clir::run(sc, {.last_stage = clir::RunStage::selection});
  EXPECT_TRUE(selected(rerun, code));

  // Half the change falls short of the target rank: the change found is the smallest that
  // reaches it.
  ASSERT_TRUE(n.proven_optimal);
  clir::Scenario half = weighted_sum_scenario();
  for (std::size_t j = 0; j < n.weights.size(); ++j) half.criteria[j].weight = card.criteria[j].weight + n.change[j] / 2;
  const auto halfway = clir::run(half, {.last_stage = clir::RunStage::scoring});
  const auto it = std::find(halfway.scores.ids.begin(), halfway.scores.ids.end(), code);
  ASSERT_NE(it, halfway.scores.ids.end());
  EXPECT_GT(halfway.scores.rank[static_cast<std::size_t>(it - halfway.scores.ids.begin())], n.target_rank);
}

TEST(CommunityCard, SelectedNotEligibleAndNotLinear) {
  const auto& r = weighted_sum_run();
  const auto chosen = clir::community_card(r, r.selection.selected_ids.front());
  EXPECT_TRUE(chosen.selected);
  ASSERT_TRUE(chosen.nearest);
  EXPECT_EQ(chosen.nearest->status, clir::NearestWeightsStatus::already_selected);
  ASSERT_TRUE(chosen.score_gap);
  EXPECT_LE(*chosen.score_gap, 0.0);

  std::string excluded;
  for (std::size_t i = 0; i < r.pool.table.rows(); ++i) {
    if (!r.eligibility.eligible[i]) excluded = r.pool.table.ids()[i];
  }
  ASSERT_FALSE(excluded.empty());
  const auto out = clir::community_card(r, excluded);
  EXPECT_FALSE(out.eligible);
  EXPECT_FALSE(out.rank);
  EXPECT_FALSE(out.nearest);
  EXPECT_NE(out.nearest_note.find("not eligible"), std::string::npos);
  EXPECT_FALSE(out.criteria[0].contribution);

  const auto topsis = clir::run(clir::builtin_clir2024_scenario(), {.last_stage = clir::RunStage::selection});
  const auto card = clir::community_card(topsis, first_not_selected(topsis));
  EXPECT_FALSE(card.additive);
  EXPECT_FALSE(card.criteria[0].contribution);
  EXPECT_TRUE(card.criteria[0].normalized);
  ASSERT_TRUE(card.nearest);
  EXPECT_EQ(card.nearest->status, clir::NearestWeightsStatus::not_linear);

  const auto json = clir::community_card_json(card);
  EXPECT_TRUE(json.at("criteria").at(0).at("contribution").is_null());
  EXPECT_EQ(json.at("nearest").at("status"), "not_linear");
  const std::string text = clir::community_card_text(card);
  EXPECT_NE(text.find(card.code), std::string::npos);
  EXPECT_NE(text.find("not a sum of per-criterion contributions"), std::string::npos);

  try {
    (void)clir::community_card(r, "UA0000");
    FAIL() << "an unknown code must be an error";
  } catch (const clir::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not an applicant"), std::string::npos) << e.what();
  }
}

}  // namespace
