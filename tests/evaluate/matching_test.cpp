#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/evaluate/detail/hungarian.hpp"
#include "clir/evaluate/matching.hpp"

namespace {

using clir::Labels;

// Exhaustive minimum over all injections rows → columns, for checking the Hungarian solver.
std::int64_t brute_force_min(const std::vector<std::int64_t>& cost, std::size_t rows, std::size_t cols) {
  std::vector<std::size_t> perm(cols);
  std::iota(perm.begin(), perm.end(), 0);
  std::int64_t best = INT64_MAX;
  do {
    std::int64_t s = 0;
    for (std::size_t r = 0; r < rows; ++r) s += cost[r * cols + perm[r]];
    best = std::min(best, s);
  } while (std::next_permutation(perm.begin(), perm.end()));
  return best;
}

TEST(Hungarian, MatchesExhaustiveSearch) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    clir::Rng rng(seed);
    const std::size_t rows = 1 + rng.below(5);
    const std::size_t cols = rows + rng.below(3);
    std::vector<std::int64_t> cost(rows * cols);
    for (auto& c : cost) c = static_cast<std::int64_t>(rng.below(20)) - 10;
    const auto assigned = clir::detail::min_cost_assignment(cost, rows, cols);
    std::int64_t total = 0;
    std::vector<char> used(cols, 0);
    for (std::size_t r = 0; r < rows; ++r) {
      ASSERT_LT(assigned[r], cols);
      EXPECT_FALSE(used[assigned[r]]) << "column used twice";
      used[assigned[r]] = 1;
      total += cost[r * cols + assigned[r]];
    }
    EXPECT_EQ(total, brute_force_min(cost, rows, cols)) << "seed " << seed;
  }
}

TEST(Hungarian, RejectsMoreRowsThanColumns) {
  EXPECT_THROW(clir::detail::min_cost_assignment(std::vector<int>(6, 0), 3, 2), std::invalid_argument);
}

TEST(MatchLabels, FindsTheBestRenamingAndTheMisplacedItems) {
  // The candidate is the reference with labels rotated (0→1, 1→2, 2→0) and item 5 moved.
  const Labels ref = {0, 0, 0, 1, 1, 1, 2, 2, 2};
  const Labels cand = {1, 1, 1, 2, 2, 1, 0, 0, 0};
  const auto m = clir::match_labels(ref, cand);
  ASSERT_EQ(m.pairs.size(), 3u);
  EXPECT_EQ(m.pairs[0].reference_label, 0);
  EXPECT_EQ(m.pairs[0].candidate_label, 1);
  EXPECT_EQ(m.pairs[0].overlap, 3u);
  EXPECT_EQ(m.pairs[1].candidate_label, 2);
  EXPECT_EQ(m.pairs[1].overlap, 2u);
  EXPECT_EQ(m.pairs[2].candidate_label, 0);
  EXPECT_EQ(m.matched_items, 8u);
  EXPECT_DOUBLE_EQ(m.agreement, 8.0 / 9.0);
  EXPECT_EQ(m.relabeled, (Labels{0, 0, 0, 1, 1, 0, 2, 2, 2}));
  EXPECT_EQ(m.misplaced, (std::vector<std::size_t>{5}));
}

TEST(MatchLabels, MaximisesTotalOverlapNotGreedyPicks) {
  // Greedy would pair reference 0 with candidate 0 (overlap 5) and be left with 0 + 0; the
  // optimum pairs 0↔1 (4) and 1↔0 (4) = 8.
  const Labels ref = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
  const Labels cand = {0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0};
  const auto m = clir::match_labels(ref, cand);
  EXPECT_EQ(m.matched_items, 8u);
  EXPECT_EQ(m.misplaced.size(), ref.size() - 8);
}

TEST(MatchLabels, MoreCandidateGroupsGetFreshLabels) {
  const Labels ref = {0, 0, 1, 1};
  const Labels cand = {5, 6, 7, 7};
  const auto m = clir::match_labels(ref, cand);
  EXPECT_EQ(m.pairs.size(), 2u);
  EXPECT_EQ(m.matched_items, 3u);
  // 5 (or 6) ↔ 0 and 7 ↔ 1; ties go to the fixed order: 5 ↔ 0; 6 becomes fresh label 2.
  EXPECT_EQ(m.relabeled, (Labels{0, 2, 1, 1}));
  EXPECT_EQ(m.misplaced, (std::vector<std::size_t>{1}));
}

TEST(MatchLabels, FewerCandidateGroups) {
  const Labels ref = {0, 0, 1, 1, 2, 2};
  const Labels cand = {3, 3, 3, 3, 4, 4};
  const auto m = clir::match_labels(ref, cand);
  EXPECT_EQ(m.matched_items, 4u);
  EXPECT_EQ(m.misplaced.size(), 2u);
  EXPECT_EQ(m.relabeled[4], 2);
}

TEST(MatchLabels, TiesKeepLabelsUnchanged) {
  // Both renamings give overlap 2; the identity is preferred.
  const Labels ref = {0, 1, 0, 1};
  const Labels cand = {0, 0, 1, 1};
  const auto m = clir::match_labels(ref, cand);
  EXPECT_EQ(m.pairs[0].candidate_label, 0);
  EXPECT_EQ(m.pairs[1].candidate_label, 1);
  EXPECT_EQ(m.relabeled, cand);
}

TEST(MatchLabels, RejectsBadInput) {
  EXPECT_THROW(clir::match_labels(Labels{0, 1}, Labels{0}), clir::InputError);
  const auto t = clir::contingency_table(Labels{0, 1}, Labels{0, 1});
  try {
    clir::match_labels(Labels{0, 1, 1}, Labels{0, 1, 1}, t);
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'table': the contingency table counts 2 items, the groupings have 3");
  }
}

}  // namespace
