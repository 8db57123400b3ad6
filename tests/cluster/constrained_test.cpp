#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "clir/cluster/constrained.hpp"
#include "clir/cluster/kmedoids.hpp"
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

// The message of the Infeasible that @p f throws (fails the test when it does not throw one).
template <class F>
std::string infeasible_message(F&& f) {
  return clir_test::error_message<clir::Infeasible>(f);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ConstrainedKMedoids, UnconstrainedSplitsTwoClusters) {
  const auto D = line({0, 1, 2, 10, 11, 12});
  const auto r = clir::constrained_kmedoids(D, 2);
  EXPECT_EQ(r.medoids, (std::vector<std::size_t>{1, 4}));
  EXPECT_EQ(r.labels, (clir::Labels{0, 0, 0, 1, 1, 1}));
  EXPECT_DOUBLE_EQ(r.loss, 4.0);
  EXPECT_DOUBLE_EQ(r.objective, 4.0);
  EXPECT_TRUE(r.converged);
}

TEST(ConstrainedKMedoids, SizeBoundsMoveTheOutlierGroup) {
  // Unconstrained: {0,1,2,4} and {20}. With 2..3 members: {0,1,2} (loss 2) and {4,20} (16) = 18
  // beats {0,1} + {2,4,20} = 1 + 18 = 19.
  const auto D = line({0, 1, 2, 4, 20});
  const auto r = clir::constrained_kmedoids(D, 2, {.min_size = 2, .max_size = 3});
  EXPECT_EQ(r.labels, (clir::Labels{0, 0, 0, 1, 1}));
  EXPECT_DOUBLE_EQ(r.loss, 18.0);
  EXPECT_EQ(r.medoids[0], 1u);
}

TEST(ConstrainedKMedoids, MustLinkKeepsPairTogether) {
  const auto D = line({0, 1, 2, 10, 11, 12});
  GroupConstraints c{.must_link = {{0, 5}}};
  const auto r = clir::constrained_kmedoids(D, 2, c);
  EXPECT_EQ(r.labels[0], r.labels[5]);
  EXPECT_TRUE(clir::constraint_violations(r.labels, c).empty());
  EXPECT_EQ(clir::count_groups(r.labels), 2u);
}

TEST(ConstrainedKMedoids, CannotLinkSeparatesPair) {
  const auto D = line({0, 1, 2, 10, 11, 12});
  GroupConstraints c{.cannot_link = {{0, 1}, {3, 4}}};
  const auto r = clir::constrained_kmedoids(D, 2, c);
  EXPECT_NE(r.labels[0], r.labels[1]);
  EXPECT_NE(r.labels[3], r.labels[4]);
  EXPECT_TRUE(clir::constraint_violations(r.labels, c).empty());
}

TEST(ConstrainedKMedoids, HardCategoryNeverMixes) {
  // Geometry says {0,1,2} {10,11,12}; categories say {0,1,10} and {2,11,12}.
  const auto D = line({0, 1, 2, 10, 11, 12});
  GroupConstraints c{.category = {.of_item = {"A", "A", "B", "A", "B", "B"}}};
  const auto r = clir::constrained_kmedoids(D, 2, c);
  EXPECT_EQ(r.labels[0], r.labels[1]);
  EXPECT_EQ(r.labels[0], r.labels[3]);
  EXPECT_EQ(r.labels[2], r.labels[4]);
  EXPECT_NE(r.labels[0], r.labels[2]);
  EXPECT_TRUE(clir::constraint_violations(r.labels, c).empty());
}

TEST(ConstrainedKMedoids, MayMixJoinsCategoriesTransitively) {
  // A, B, C may mix (through {A,B} and {B,C}); D may not mix with anything.
  const auto D = line({0, 1, 2, 3, 50, 51});
  GroupConstraints c{.category = {.of_item = {"A", "B", "C", "A", "D", "D"}, .may_mix = {{"A", "B"}, {"B", "C"}}}};
  const auto r = clir::constrained_kmedoids(D, 2, c);
  EXPECT_EQ(r.labels, (clir::Labels{0, 0, 0, 0, 1, 1}));
  // Without may_mix, 3 categories cannot form 2 groups.
  c.category.may_mix.clear();
  const auto msg = infeasible_message([&] { clir::constrained_kmedoids(D, 2, c); });
  EXPECT_TRUE(contains(msg, "needs at least 4 groups")) << msg;
}

TEST(ConstrainedKMedoids, SoftCategoryPenaltyTradesDistance) {
  // Item 2 (category B) sits next to A items; with a small penalty it stays with them, with a
  // large one it joins the B group.
  const auto D = line({0, 1, 2, 10, 11});
  GroupConstraints c{.category = {.of_item = {"A", "A", "B", "B", "B"}, .mode = CategoryMode::soft, .penalty = 0.5}};
  auto r = clir::constrained_kmedoids(D, 2, c);
  EXPECT_EQ(r.labels, (clir::Labels{0, 0, 0, 1, 1}));
  EXPECT_DOUBLE_EQ(r.penalty, 0.5);
  EXPECT_DOUBLE_EQ(r.objective, r.loss + 0.5);
  EXPECT_DOUBLE_EQ(clir::category_penalty(r.labels, r.medoids, c), 0.5);
  c.category.penalty = 20.0;
  r = clir::constrained_kmedoids(D, 2, c);
  EXPECT_EQ(r.labels, (clir::Labels{0, 0, 1, 1, 1}));
  EXPECT_DOUBLE_EQ(r.penalty, 0.0);
}

TEST(ConstrainedKMedoids, BoundsHoldAndExactlyKGroupsOnRandomInstances) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const std::size_t n = 13 + seed * 3;
    const auto D = random_plane(n, seed);
    const std::size_t k = n / 3;
    GroupConstraints c{.min_size = 2, .max_size = 4, .must_link = {{0, 1}}, .cannot_link = {{2, 3}, {4, 5}}};
    const auto r = clir::constrained_kmedoids(D, k, c);
    EXPECT_EQ(clir::count_groups(r.labels), k) << "seed " << seed;
    EXPECT_EQ(r.medoids.size(), k);
    EXPECT_TRUE(std::is_sorted(r.medoids.begin(), r.medoids.end()));
    for (std::size_t g = 0; g < k; ++g) EXPECT_EQ(r.labels[r.medoids[g]], static_cast<std::int32_t>(g));
    const auto v = clir::constraint_violations(r.labels, c);
    EXPECT_TRUE(v.empty()) << "seed " << seed << ": " << (v.empty() ? "" : v.front());
    double loss = 0.0;
    for (std::size_t i = 0; i < n; ++i) loss += D(i, r.medoids[static_cast<std::size_t>(r.labels[i])]);
    EXPECT_NEAR(r.loss, loss, 1e-9);
  }
}

TEST(ConstrainedKMedoids, DeterministicForAnyThreadCount) {
  const auto D = random_plane(24, 7);
  GroupConstraints c{.min_size = 3, .max_size = 5};
  const auto a = clir::constrained_kmedoids(D, 6, c, {.threads = 1});
  const auto b = clir::constrained_kmedoids(D, 6, c, {.threads = 3});
  const auto r1 = clir::constrained_kmedoids(D, 6, c, {.init = clir::ConstrainedInit::random, .seed = 5, .threads = 1});
  const auto r2 = clir::constrained_kmedoids(D, 6, c, {.init = clir::ConstrainedInit::random, .seed = 5, .threads = 4});
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.medoids, b.medoids);
  EXPECT_EQ(a.loss, b.loss);
  EXPECT_EQ(r1.labels, r2.labels);
  EXPECT_EQ(r1.swaps, r2.swaps);
}

TEST(ConstrainedKMedoids, MoreStartsNeverWorse) {
  const auto D = random_plane(21, 9);
  GroupConstraints c{.min_size = 2, .max_size = 4};
  const auto one = clir::constrained_kmedoids(D, 7, c);
  const auto four = clir::constrained_kmedoids(D, 7, c, {.starts = 4, .threads = 1});
  const auto four_again = clir::constrained_kmedoids(D, 7, c, {.starts = 4, .threads = 2});
  EXPECT_LE(four.objective, one.objective);
  EXPECT_EQ(four.labels, four_again.labels);
  EXPECT_TRUE(clir::constraint_violations(four.labels, c).empty());
  EXPECT_THROW(clir::constrained_kmedoids(D, 7, c, {.starts = 0}), clir::ConfigError);
}

TEST(ConstrainedKMedoids, EveryMedoidIsTheBestCentreOfItsGroup) {
  const auto D = random_plane(30, 3);
  GroupConstraints c{.min_size = 2, .max_size = 4};
  const auto r = clir::constrained_kmedoids(D, 9, c);
  ASSERT_TRUE(r.converged);
  for (std::size_t g = 0; g < 9; ++g) {
    auto cost = [&](std::size_t m) {
      double s = 0.0;
      for (std::size_t i = 0; i < 30; ++i)
        if (r.labels[i] == static_cast<std::int32_t>(g)) s += D(i, m);
      return s;
    };
    for (std::size_t x = 0; x < 30; ++x) {
      if (r.labels[x] == static_cast<std::int32_t>(g)) {
        EXPECT_LE(cost(r.medoids[g]), cost(x) + 1e-9);
      }
    }
  }
}

TEST(ConstrainedKMedoids, WithoutConstraintsMatchesFasterPAM) {
  // Unconstrained, the flow assigns every item to its nearest medoid, so starting from a
  // FasterPAM local optimum nothing improves: same medoids, same loss.
  const auto D = random_plane(40, 11);
  const auto fp = clir::fasterpam(D, 5);
  const auto r = clir::constrained_kmedoids(D, 5, {}, {.init = clir::ConstrainedInit::given, .initial_medoids = fp.medoids});
  EXPECT_EQ(r.medoids, fp.medoids);
  EXPECT_NEAR(r.loss, fp.loss, 1e-9);
  EXPECT_EQ(r.swaps, 0u);
  EXPECT_TRUE(r.converged);
  // From BUILD it reaches a loss at least as good as a plain assignment to its medoids.
  const auto b = clir::constrained_kmedoids(D, 5);
  EXPECT_NEAR(b.loss, clir::assign_to_medoids(D, b.medoids).loss, 1e-9);
}

TEST(ConstrainedKMedoids, GivenMedoidsAreChecked) {
  const auto D = line({0, 1, 2, 10, 11, 12});
  auto given = [&](std::vector<std::size_t> m, const GroupConstraints& c = {}) -> std::string {
    try {
      clir::constrained_kmedoids(D, 2, c, {.init = clir::ConstrainedInit::given, .initial_medoids = std::move(m)});
    } catch (const clir::ConfigError& e) {
      EXPECT_EQ(e.key(), "initial_medoids");
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(given({1}), "'initial_medoids': has 1 medoids; expected k = 2");
  EXPECT_EQ(given({1, 1}), "'initial_medoids': medoid 1 is given twice");
  EXPECT_EQ(given({1, 9}), "'initial_medoids': medoid 9 is out of range; there are 6 items");
  EXPECT_EQ(given({1, 4}, {.must_link = {{1, 4}}}), "'initial_medoids': medoids 1 and 4 are must-linked into one group");
  EXPECT_EQ(given({0, 1}, {.category = {.of_item = {"A", "A", "A", "B", "B", "B"}}}),
            "'initial_medoids': category 'B' gets 0 medoids; its 3 items need 1 to 3 groups");
  EXPECT_EQ(given({0, 5}), "no error");
}

TEST(ConstrainedAssignment, OptimalForFixedMedoidsUnderBounds) {
  // max_iter = 0 returns the min-cost-flow assignment to the given medoids; compare it with
  // every assignment of the 7 non-medoids to the 3 medoids that respects the bounds.
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const auto D = random_plane(10, 40 + seed);
    const std::vector<std::size_t> medoids{0, 1, 2};  // arbitrary, often far from optimal
    const std::size_t lo = 1 + seed % 3, hi = lo + 1 + seed % 2;
    GroupConstraints c{.min_size = lo, .max_size = hi};
    if (3 * hi < 10 || 3 * lo > 10) continue;
    const auto r = clir::constrained_kmedoids(D, 3, c, {.init = clir::ConstrainedInit::given, .initial_medoids = medoids, .max_iter = 0});
    double best = 1e300;
    for (std::size_t code = 0; code < 2187; ++code) {  // 3^7
      std::size_t x = code, sizes[3] = {1, 1, 1};
      double loss = 0.0;
      for (std::size_t i = 0; i < 7; ++i, x /= 3) {
        ++sizes[x % 3];
        loss += D(3 + i, medoids[x % 3]);
      }
      bool ok = true;
      for (std::size_t s : sizes) ok &= s >= lo && s <= hi;
      if (ok) best = std::min(best, loss);
    }
    EXPECT_NEAR(r.loss, best, 1e-6 * best) << "seed " << seed;
    EXPECT_TRUE(clir::constraint_violations(r.labels, c).empty());
  }
}

// ---- infeasibility -------------------------------------------------------------------------

TEST(ConstrainedInfeasible, TooFewSlots) {
  const auto msg = infeasible_message([] { clir::check_constraints(19, 4, {.max_size = 4}); });
  EXPECT_TRUE(contains(msg, "4 groups of at most 4 items hold 16 items, fewer than the 19 items")) << msg;
  EXPECT_TRUE(contains(msg, "raise max_size to at least 5 or k to at least 5")) << msg;
}

TEST(ConstrainedInfeasible, TooManyRequired) {
  const auto msg = infeasible_message([] { clir::check_constraints(19, 7, {.min_size = 3}); });
  EXPECT_TRUE(contains(msg, "need 21 items")) << msg;
  EXPECT_TRUE(contains(msg, "lower min_size to at most 2 or k to at most 6")) << msg;
}

TEST(ConstrainedInfeasible, MoreGroupsThanItems) {
  const auto msg = infeasible_message([] { clir::check_constraints(3, 5, {}); });
  EXPECT_TRUE(contains(msg, "cannot form 5 non-empty groups from 3 items")) << msg;
}

TEST(ConstrainedInfeasible, MustLinkComponentTooLarge) {
  GroupConstraints c{.max_size = 3, .must_link = {{0, 1}, {1, 2}, {2, 3}}};
  const auto msg = infeasible_message([&] { clir::check_constraints(10, 4, c); });
  EXPECT_TRUE(contains(msg, "must-link pairs join 4 items (item 0, item 1, item 2, item 3)")) << msg;
  EXPECT_TRUE(contains(msg, "raise max_size to 4")) << msg;
}

TEST(ConstrainedInfeasible, MustLinkChainAgainstCannotLink) {
  GroupConstraints c{.must_link = {{0, 1}, {1, 2}}, .cannot_link = {{2, 0}}, .item_names = {"a", "b", "c", "d", "e"}};
  clir::Infeasible caught("", {});
  try {
    clir::check_constraints(5, 2, c);
    FAIL() << "expected clir::Infeasible";
  } catch (const clir::Infeasible& e) {
    caught = e;
  }
  EXPECT_TRUE(contains(caught.what(), "c and a are cannot-linked but a chain of must-link pairs")) << caught.what();
  EXPECT_EQ(caught.conflicting(),
            (std::vector<std::string>{"cannot_link (c, a)", "must_link (b, c)", "must_link (a, b)"}));
  EXPECT_FALSE(caught.suggestion().empty());
}

TEST(ConstrainedInfeasible, CategoryTooSmallForMinSize) {
  GroupConstraints c{.min_size = 2, .category = {.of_item = {"A", "A", "A", "B", "A"}}};
  const auto msg = infeasible_message([&] { clir::check_constraints(5, 2, c); });
  EXPECT_TRUE(contains(msg, "the 1 items of category 'B' cannot be split into groups of 2 to 5 items")) << msg;
  EXPECT_TRUE(contains(msg, "lower min_size to 1")) << msg;
  c.category.may_mix = {{"A", "B"}};
  EXPECT_NO_THROW(clir::check_constraints(5, 2, c));
  c.category.mode = CategoryMode::soft;
  c.category.may_mix.clear();
  EXPECT_NO_THROW(clir::check_constraints(5, 2, c));
}

TEST(ConstrainedInfeasible, MustLinkAcrossHardCategories) {
  GroupConstraints c{.must_link = {{0, 3}}, .category = {.of_item = {"A", "A", "B", "B"}}};
  const auto msg = infeasible_message([&] { clir::check_constraints(4, 2, c); });
  EXPECT_TRUE(contains(msg, "joins item 0 (A) and item 3 (B)")) << msg;
  EXPECT_TRUE(contains(msg, "may_mix")) << msg;
}

TEST(ConstrainedInfeasible, TooFewUnitsAfterMustLink) {
  GroupConstraints c{.must_link = {{0, 1}, {2, 3}}};
  const auto msg = infeasible_message([&] { clir::check_constraints(4, 3, c); });
  EXPECT_TRUE(contains(msg, "into 2 inseparable units, fewer than k = 3 groups")) << msg;
}

TEST(ConstrainedInfeasible, CannotLinkCliqueFoundBySearch) {
  // Four items pairwise cannot-linked cannot fit in 3 groups; no counting check sees it.
  GroupConstraints c{.cannot_link = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}};
  const auto D = line({0, 1, 2, 3, 4, 5});
  const auto msg = infeasible_message([&] { clir::constrained_kmedoids(D, 3, c, {.restarts = 2}); });
  EXPECT_TRUE(contains(msg, "no feasible assignment found")) << msg;
  EXPECT_TRUE(contains(msg, "6 cannot_link pairs")) << msg;
}

TEST(ConstrainedErrors, BadInputNamesKey) {
  try {
    clir::check_constraints(5, 2, {.cannot_link = {{1, 7}}});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'cannot_link[0]': item 7 is out of range; there are 5 items (0..4)");
  }
  try {
    clir::check_constraints(5, 2, {.category = {.of_item = {"A"}}});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'category': has 1 values; expected one per item (5)");
  }
  try {
    clir::check_constraints(3, 2, {.category = {.of_item = {"A", "B", "B"}, .may_mix = {{"A", "C"}}}});
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_STREQ(e.what(), "'category.may_mix[0]': unknown category 'C' (allowed: A, B)");
  }
  EXPECT_THROW(clir::check_constraints(5, 0, {}), clir::ConfigError);
  EXPECT_THROW(clir::check_constraints(5, 2, {.min_size = 3, .max_size = 2}), clir::ConfigError);
  clir::DistanceMatrix<double> D(3);
  D.set(0, 1, std::nan(""));
  EXPECT_THROW(clir::constrained_kmedoids(D, 2), clir::InputError);
}

TEST(ConstraintViolations, ReportsEveryKind) {
  GroupConstraints c{.min_size = 2,
                     .max_size = 3,
                     .must_link = {{0, 4}},
                     .cannot_link = {{1, 2}},
                     .category = {.of_item = {"A", "A", "A", "A", "B"}}};
  const auto v = clir::constraint_violations({0, 0, 0, 0, 1}, c);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[0], "group 0 has 4 members, more than max_size = 3");
  EXPECT_EQ(v[1], "group 1 has 1 members, fewer than min_size = 2");
  EXPECT_EQ(v[2], "must_link (item 0, item 4) is split between groups 0 and 1");
  EXPECT_EQ(v[3], "cannot_link (item 1, item 2) share group 0");
  const auto mixed = clir::constraint_violations({0, 0, 1, 1, 0}, c);
  ASSERT_EQ(mixed.size(), 1u);
  EXPECT_EQ(mixed[0], "group 0 mixes categories 'A' (item 0) and 'B' (item 4)");
}

}  // namespace
