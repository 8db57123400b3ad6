// Comparison metrics against hand-computed cases, scikit-learn's published values and the
// independent reference script tests/evaluate/reference_values.py (standard-library Python,
// exact fractions for pair counts and for the hypergeometric terms of E[MI]).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/evaluate/compare.hpp"

namespace {

using clir::Labels;

// scikit-learn's test_adjusted_mutual_info_score inputs
// (sklearn/metrics/cluster/tests/test_supervised.py).
const Labels sk_a = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
const Labels sk_b = {1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2};

Labels repeat(const Labels& l, int times) {
  Labels out;
  for (int t = 0; t < times; ++t) out.insert(out.end(), l.begin(), l.end());
  return out;
}

TEST(Contingency, CountsCellsAndMargins) {
  const auto t = clir::contingency_table({0, 0, 1, 2}, {5, 5, 5, 7});
  EXPECT_EQ(t.items, 4u);
  EXPECT_EQ(t.row_labels, (std::vector<std::int32_t>{0, 1, 2}));
  EXPECT_EQ(t.column_labels, (std::vector<std::int32_t>{5, 7}));
  EXPECT_EQ(t.dense(), (std::vector<std::uint64_t>{2, 0, 1, 0, 0, 1}));
  EXPECT_EQ(t.row_sums, (std::vector<std::uint64_t>{2, 1, 1}));
  EXPECT_EQ(t.column_sums, (std::vector<std::uint64_t>{3, 1}));
  EXPECT_EQ(t.count(0, 0), 2u);
  EXPECT_EQ(t.count(0, 1), 0u);
  const auto p = clir::pair_counts(t);
  EXPECT_EQ(p.total, 6u);
  EXPECT_EQ(p.together_in_both, 1u);
  EXPECT_EQ(p.together_in_reference, 1u);
  EXPECT_EQ(p.together_in_candidate, 3u);
  EXPECT_EQ(p.apart_in_both(), 3u);
}

TEST(Contingency, SparseLabelsUseTheSortedPath) {
  // Labels up to 10^9 and more groups than fit a dense table: same counts either way.
  Labels a(3000), b(3000);
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i] = static_cast<std::int32_t>((i % 1500) * 600000);
    b[i] = static_cast<std::int32_t>(i % 1499);
  }
  const auto t = clir::contingency_table(a, b);
  EXPECT_EQ(t.rows(), 1500u);
  EXPECT_EQ(t.columns(), 1499u);
  std::uint64_t total = 0;
  for (const auto& c : t.cells) total += c.count;
  EXPECT_EQ(total, 3000u);
  EXPECT_TRUE(std::is_sorted(t.cells.begin(), t.cells.end(), [](const auto& x, const auto& y) {
    return x.row != y.row ? x.row < y.row : x.column < y.column;
  }));
  EXPECT_EQ(t.row_labels.back(), 1499 * 600000);
}

TEST(Compare, HandComputedSmallCase) {
  // reference {0,1 | 2 | 3}, candidate {0,1 | 2,3}: 6 pairs; together in both: (0,1);
  // together in the reference only (0,1); in the candidate (0,1),(2,3).
  const Labels ref = {0, 0, 1, 2}, cand = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(clir::rand_index(ref, cand), 5.0 / 6.0);  // sklearn docstring: 0.83...
  EXPECT_DOUBLE_EQ(clir::adjusted_rand_index(ref, cand), 4.0 / 7.0);  // sklearn docstring: 0.57...
  EXPECT_DOUBLE_EQ(clir::adjusted_rand_index(cand, ref), 4.0 / 7.0);
  EXPECT_DOUBLE_EQ(clir::fowlkes_mallows(ref, cand), 1.0 / std::sqrt(1.0 * 2.0));
  // H(ref) = −(½ln½ + 2·¼ln¼) = 1.5 ln 2; H(cand) = ln 2; MI = ln 2 (candidate is a merge).
  EXPECT_NEAR(clir::entropy(ref), 1.5 * std::log(2.0), 1e-15);
  EXPECT_NEAR(clir::mutual_information(ref, cand), std::log(2.0), 1e-15);
  EXPECT_NEAR(clir::variation_of_information(ref, cand), 0.5 * std::log(2.0), 1e-15);
  EXPECT_NEAR(clir::homogeneity(ref, cand), 2.0 / 3.0, 1e-15);
  EXPECT_DOUBLE_EQ(clir::completeness(ref, cand), 1.0);
  EXPECT_NEAR(clir::v_measure(ref, cand), 0.8, 1e-15);  // sklearn docstring: 0.8...
  EXPECT_DOUBLE_EQ(clir::purity(ref, cand), 0.75);
  EXPECT_DOUBLE_EQ(clir::purity(cand, ref), 1.0);
}

TEST(Compare, ScikitLearnPublishedAmiExample) {
  // Published in scikit-learn's test suite: MI 0.41022, EMI 0.15042, AMI 0.27821 (5 decimals).
  const auto t = clir::contingency_table(sk_a, sk_b);
  EXPECT_NEAR(clir::mutual_information(t), 0.41022, 5e-6);
  EXPECT_NEAR(clir::expected_mutual_information(t), 0.15042, 5e-6);
  EXPECT_NEAR(clir::adjusted_mutual_information(t), 0.27821, 5e-6);
  // The independent reference (exact hypergeometric fractions), to rounding.
  EXPECT_NEAR(clir::mutual_information(t), 0.4102186227404535, 1e-14);
  EXPECT_NEAR(clir::expected_mutual_information(t), 0.15042480258217136, 1e-14);
  EXPECT_NEAR(clir::adjusted_mutual_information(t), 0.2782096465726977, 1e-13);
  EXPECT_NEAR(clir::adjusted_mutual_information(t, clir::EntropyMean::geometric), 0.2782258135528583, 1e-13);
  EXPECT_NEAR(clir::adjusted_mutual_information(t, clir::EntropyMean::max), 0.2750150624455168, 1e-13);
  EXPECT_NEAR(clir::adjusted_mutual_information(t, clir::EntropyMean::min), 0.28147931972781925, 1e-13);
  EXPECT_NEAR(clir::normalized_mutual_information(t), 0.3783499278720409, 1e-14);
  EXPECT_NEAR(clir::normalized_mutual_information(t, clir::EntropyMean::geometric), 0.3783688635905904, 1e-14);
  EXPECT_NEAR(clir::normalized_mutual_information(t, clir::EntropyMean::max), 0.37460224238859985, 1e-14);
  EXPECT_NEAR(clir::normalized_mutual_information(t, clir::EntropyMean::min), 0.3821733581250758, 1e-14);
  EXPECT_DOUBLE_EQ(clir::rand_index(t), 47.0 / 68.0);
  EXPECT_NEAR(clir::adjusted_rand_index(t), 130.0 / 487.0, 1e-15);
  EXPECT_NEAR(clir::fowlkes_mallows(t), 0.48795003647426666, 1e-15);
  EXPECT_NEAR(clir::variation_of_information(t), 1.3480242369760986, 1e-14);
  EXPECT_NEAR(clir::purity(t), 12.0 / 17.0, 1e-15);
}

TEST(Compare, ScikitLearnPublishedLargeAmiExample) {
  // The same inputs repeated 110 times (n = 1870): scikit-learn publishes AMI 0.38 (2 decimals).
  const auto a = repeat(sk_a, 110), b = repeat(sk_b, 110);
  const auto t = clir::contingency_table(a, b);
  EXPECT_NEAR(clir::adjusted_mutual_information(t), 0.38, 0.005);
  EXPECT_NEAR(clir::expected_mutual_information(t), 0.0010711603436869294, 1e-15);
  EXPECT_NEAR(clir::adjusted_mutual_information(t), 0.37773516443674954, 1e-13);
  EXPECT_NEAR(clir::adjusted_rand_index(t), 40658.0 / 114795.0, 1e-15);
  EXPECT_DOUBLE_EQ(clir::rand_index(t), 1073.0 / 1513.0);
}

TEST(Compare, ScikitLearnPublishedHomogeneityCompleteness) {
  // scikit-learn's tests, 2 decimals: homogeneous but not complete, complete but not
  // homogeneous, neither; then the exact values from the reference script.
  auto hcv = clir::homogeneity_completeness(Labels{0, 0, 0, 1, 1, 1}, Labels{0, 0, 0, 1, 2, 2});
  EXPECT_NEAR(hcv.homogeneity, 1.00, 0.005);
  EXPECT_NEAR(hcv.completeness, 0.69, 0.005);
  EXPECT_NEAR(hcv.v_measure, 0.81, 0.005);
  hcv = clir::homogeneity_completeness(Labels{0, 0, 1, 1, 2, 2}, Labels{0, 0, 1, 1, 1, 1});
  EXPECT_NEAR(hcv.homogeneity, 0.58, 0.005);
  EXPECT_NEAR(hcv.completeness, 1.00, 0.005);
  EXPECT_NEAR(hcv.v_measure, 0.73, 0.005);
  const Labels ref = {0, 0, 0, 1, 1, 1}, cand = {0, 1, 0, 1, 2, 2};
  hcv = clir::homogeneity_completeness(ref, cand);
  EXPECT_NEAR(hcv.homogeneity, 0.67, 0.005);
  EXPECT_NEAR(hcv.completeness, 0.42, 0.005);
  EXPECT_NEAR(hcv.v_measure, 0.52, 0.005);
  EXPECT_NEAR(hcv.homogeneity, 0.6666666666666666, 1e-15);
  EXPECT_NEAR(hcv.completeness, 0.420619835714305, 1e-15);
  EXPECT_NEAR(hcv.v_measure, 0.5158037429793888, 1e-15);
  // beta = 0.2 (scikit-learn's test_beta_parameter).
  const auto weighted = clir::homogeneity_completeness(ref, cand, 0.2);
  EXPECT_NEAR(weighted.v_measure, 1.2 * hcv.homogeneity * hcv.completeness / (0.2 * hcv.homogeneity + hcv.completeness),
              1e-15);
  // Non-consecutive labels change nothing (scikit-learn's test_non_consecutive_labels).
  const auto gaps = clir::homogeneity_completeness(Labels{0, 0, 0, 2, 2, 2}, Labels{0, 4, 0, 4, 2, 2});
  EXPECT_DOUBLE_EQ(gaps.v_measure, hcv.v_measure);
  EXPECT_NEAR(clir::adjusted_rand_index(ref, cand), 8.0 / 33.0, 1e-15);  // published: 0.24
  EXPECT_NEAR(clir::adjusted_mutual_information(ref, cand), 0.29879245817089006, 1e-14);
  EXPECT_NEAR(clir::expected_mutual_information(clir::contingency_table(ref, cand)), 0.2772588722239781, 1e-15);
}

TEST(Compare, ScikitLearnDocstringExtremes) {
  // Docstrings of homogeneity_score, completeness_score, v_measure_score, fowlkes_mallows_score,
  // adjusted_mutual_info_score and normalized_mutual_info_score.
  EXPECT_DOUBLE_EQ(clir::homogeneity(Labels{0, 0, 1, 1}, Labels{0, 1, 2, 3}), 1.0);
  EXPECT_DOUBLE_EQ(clir::homogeneity(Labels{0, 0, 1, 1}, Labels{0, 1, 0, 1}), 0.0);
  EXPECT_DOUBLE_EQ(clir::homogeneity(Labels{0, 0, 1, 1}, Labels{0, 0, 0, 0}), 0.0);
  EXPECT_DOUBLE_EQ(clir::completeness(Labels{0, 0, 1, 1}, Labels{0, 0, 0, 0}), 1.0);
  EXPECT_DOUBLE_EQ(clir::completeness(Labels{0, 0, 0, 0}, Labels{0, 1, 2, 3}), 0.0);
  EXPECT_NEAR(clir::v_measure(Labels{0, 1, 2, 3}, Labels{0, 0, 1, 1}), 0.66, 0.01);
  EXPECT_DOUBLE_EQ(clir::v_measure(Labels{0, 0, 0, 0}, Labels{0, 1, 2, 3}), 0.0);
  EXPECT_DOUBLE_EQ(clir::fowlkes_mallows(Labels{0, 0, 0, 0}, Labels{0, 1, 2, 3}), 0.0);
  EXPECT_DOUBLE_EQ(clir::adjusted_mutual_information(Labels{0, 0, 0, 0}, Labels{0, 1, 2, 3}), 0.0);
  EXPECT_DOUBLE_EQ(clir::normalized_mutual_information(Labels{0, 0, 0, 0}, Labels{0, 1, 2, 3}), 0.0);
  // scikit-learn's test_fowlkes_mallows_score: 4 / sqrt(12 · 6) and a hand-crafted 1/sqrt(4·3).
  EXPECT_NEAR(clir::fowlkes_mallows(Labels{0, 0, 0, 1, 1, 1}, Labels{0, 0, 1, 1, 2, 2}), 4.0 / std::sqrt(72.0), 1e-15);
  EXPECT_NEAR(clir::fowlkes_mallows(Labels{0, 0, 0, 1, 1, 2}, Labels{1, 1, 2, 2, 0, 0}), 1.0 / std::sqrt(12.0), 1e-15);
}

TEST(Compare, PerfectMatchesScoreOne) {
  // scikit-learn's test_perfect_matches (the empty case is an error in clir).
  const std::vector<std::pair<Labels, Labels>> cases = {
      {{0}, {1}}, {{0, 0, 0}, {0, 0, 0}}, {{0, 1, 0}, {42, 7, 42}}, {{0, 1, 2}, {42, 7, 2}}};
  for (const auto& [a, b] : cases) {
    const auto c = clir::compare(a, b);
    EXPECT_DOUBLE_EQ(c.adjusted_rand_index, 1.0);
    EXPECT_DOUBLE_EQ(c.rand_index, 1.0);
    EXPECT_DOUBLE_EQ(c.homogeneity_completeness.homogeneity, 1.0);
    EXPECT_DOUBLE_EQ(c.homogeneity_completeness.completeness, 1.0);
    EXPECT_DOUBLE_EQ(c.homogeneity_completeness.v_measure, 1.0);
    for (auto m : {clir::EntropyMean::arithmetic, clir::EntropyMean::geometric, clir::EntropyMean::max,
                   clir::EntropyMean::min}) {
      EXPECT_DOUBLE_EQ(c.adjusted_mutual_information[m], 1.0);
      EXPECT_DOUBLE_EQ(c.normalized_mutual_information[m], 1.0);
    }
    EXPECT_DOUBLE_EQ(c.variation_of_information, 0.0);
    EXPECT_DOUBLE_EQ(c.purity, 1.0);
    EXPECT_DOUBLE_EQ(c.matching.agreement, 1.0);
    EXPECT_TRUE(c.matching.misplaced.empty());
  }
}

TEST(Compare, ExactlyZeroInformation) {
  // scikit-learn's test_exactly_zero_info_score: one group against all singletons.
  for (std::size_t n : {10u, 100u, 1000u}) {
    Labels ones(n, 1), all(n);
    std::iota(all.begin(), all.end(), 0);
    const auto c = clir::compare(ones, all);
    for (auto m : {clir::EntropyMean::arithmetic, clir::EntropyMean::geometric, clir::EntropyMean::max,
                   clir::EntropyMean::min}) {
      EXPECT_DOUBLE_EQ(c.normalized_mutual_information[m], 0.0);
      EXPECT_DOUBLE_EQ(c.adjusted_mutual_information[m], 0.0);
    }
    EXPECT_DOUBLE_EQ(c.homogeneity_completeness.v_measure, 0.0);
    EXPECT_DOUBLE_EQ(c.adjusted_rand_index, 0.0);
  }
}

TEST(Compare, FormulaInputAgainstReferenceScript) {
  // tests/evaluate/reference_values.py "formula n=200".
  Labels u(200), v(200);
  for (int i = 0; i < 200; ++i) {
    u[static_cast<std::size_t>(i)] = (7 * i + 3) % 5;
    v[static_cast<std::size_t>(i)] = (i * i + 1) % 4 + (i % 9 == 0 ? 1 : 0);
  }
  const auto c = clir::compare(u, v);
  EXPECT_DOUBLE_EQ(c.rand_index, 2097.0 / 3980.0);
  EXPECT_NEAR(c.adjusted_rand_index, -16592.0 / 1856993.0, 1e-16);
  EXPECT_NEAR(c.fowlkes_mallows, 0.28954168149744225, 1e-15);
  EXPECT_NEAR(c.mutual_information, 0.0013591973824126516, 1e-15);
  EXPECT_NEAR(c.expected_mutual_information, 0.02171322742232929, 1e-15);
  EXPECT_NEAR(c.adjusted_mutual_information.arithmetic, -0.01674002224517321, 1e-13);
  EXPECT_NEAR(c.adjusted_mutual_information.geometric, -0.017566095882655803, 1e-13);
  EXPECT_NEAR(c.adjusted_mutual_information.max, -0.012819621834981886, 1e-13);
  EXPECT_NEAR(c.adjusted_mutual_information.min, -0.024114553897320905, 1e-13);
  EXPECT_NEAR(c.normalized_mutual_information.arithmetic, 0.0010982494745798309, 1e-15);
  EXPECT_NEAR(c.variation_of_information, 2.4724885848381546, 1e-14);
  EXPECT_NEAR(c.homogeneity_completeness.homogeneity, 0.0008445168166549605, 1e-15);
  EXPECT_NEAR(c.homogeneity_completeness.completeness, 0.0015699306361883713, 1e-15);
  EXPECT_NEAR(c.purity, 0.21, 1e-15);
}

TEST(Compare, MillionItemsDoNotOverflow) {
  // tests/evaluate/reference_values.py "formula n=1e6": 5·10^11 pairs, ARI as an exact fraction.
  const std::size_t n = 1'000'000;
  Labels u(n), v(n);
  for (std::size_t i = 0; i < n; ++i) {
    u[i] = static_cast<std::int32_t>(i % 6);
    v[i] = static_cast<std::int32_t>(i % 3 != 0 ? (i / 7) % 5 : i % 6);
  }
  const auto c = clir::compare(u, v, {.match = false});
  EXPECT_EQ(c.pairs.total, 499'999'500'000u);
  EXPECT_NEAR(c.rand_index, 125925762961.0 / 166666500000.0, 1e-15);
  EXPECT_NEAR(c.adjusted_rand_index, 0.24137689417201147, 1e-13);
  EXPECT_NEAR(c.fowlkes_mallows, 0.3944028961056779, 1e-13);
  EXPECT_NEAR(c.mutual_information, 0.45538654459604305, 1e-12);
  EXPECT_NEAR(c.expected_mutual_information, 1.0000082144567033e-05, 1e-13);
  EXPECT_NEAR(c.adjusted_mutual_information.arithmetic, 0.27431631632845715, 1e-11);
  EXPECT_NEAR(c.normalized_mutual_information.arithmetic, 0.27432068781647884, 1e-11);
  EXPECT_NEAR(c.variation_of_information, 2.4093304598388037, 1e-11);
  EXPECT_NEAR(c.purity, 0.433334, 1e-15);
}

TEST(Compare, InvariantUnderLabelPermutationAndSymmetric) {
  clir::Rng rng(7);
  Labels a(300), b(300);
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i] = static_cast<std::int32_t>(rng.below(6));
    b[i] = i % 4 == 0 ? static_cast<std::int32_t>(rng.below(5)) : a[i] % 5;
  }
  // Rename the candidate's labels by a permutation with gaps.
  const std::int32_t rename[] = {40, 3, 17, 0, 9};
  Labels b2(b.size());
  for (std::size_t i = 0; i < b.size(); ++i) b2[i] = rename[b[i]];
  const auto c1 = clir::compare(a, b), c2 = clir::compare(a, b2), swapped = clir::compare(b, a);
  EXPECT_NEAR(c1.adjusted_rand_index, c2.adjusted_rand_index, 1e-15);
  EXPECT_NEAR(c1.adjusted_mutual_information.arithmetic, c2.adjusted_mutual_information.arithmetic, 1e-14);
  EXPECT_NEAR(c1.normalized_mutual_information.geometric, c2.normalized_mutual_information.geometric, 1e-14);
  EXPECT_NEAR(c1.variation_of_information, c2.variation_of_information, 1e-14);
  EXPECT_EQ(c1.matching.misplaced, c2.matching.misplaced);
  // Symmetric scores are symmetric; homogeneity and completeness trade places.
  EXPECT_NEAR(c1.adjusted_rand_index, swapped.adjusted_rand_index, 1e-15);
  EXPECT_NEAR(c1.adjusted_mutual_information.arithmetic, swapped.adjusted_mutual_information.arithmetic, 1e-14);
  EXPECT_NEAR(c1.fowlkes_mallows, swapped.fowlkes_mallows, 1e-15);
  EXPECT_NEAR(c1.homogeneity_completeness.homogeneity, swapped.homogeneity_completeness.completeness, 1e-14);
  EXPECT_NEAR(c1.purity, swapped.inverse_purity, 1e-15);
}

TEST(Compare, ScoresStayInTheirBounds) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    clir::Rng rng(seed);
    const std::size_t n = 2 + rng.below(60);
    Labels a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = static_cast<std::int32_t>(rng.below(1 + seed % 7));
      b[i] = static_cast<std::int32_t>(rng.below(1 + seed % 5));
    }
    const auto c = clir::compare(a, b);
    EXPECT_GE(c.rand_index, 0.0);
    EXPECT_LE(c.rand_index, 1.0);
    EXPECT_GE(c.adjusted_rand_index, -0.5);
    EXPECT_LE(c.adjusted_rand_index, 1.0);
    EXPECT_LE(c.adjusted_mutual_information.arithmetic, 1.0 + 1e-12);
    EXPECT_GE(c.expected_mutual_information, 0.0);
    EXPECT_LE(c.expected_mutual_information,
              std::min(c.reference_entropy, c.candidate_entropy) + 1e-12);
    for (double s : {c.fowlkes_mallows, c.normalized_mutual_information.arithmetic, c.normalized_mutual_information.min,
                     c.homogeneity_completeness.homogeneity, c.homogeneity_completeness.completeness,
                     c.homogeneity_completeness.v_measure, c.purity, c.matching.agreement}) {
      EXPECT_GE(s, 0.0);
      EXPECT_LE(s, 1.0 + 1e-12);
    }
    EXPECT_GE(c.variation_of_information, 0.0);
    EXPECT_LE(c.variation_of_information, std::log(static_cast<double>(n)) + 1e-12);
    // VI is a metric: identity and the triangle inequality through a third grouping.
    Labels mid(n);
    for (std::size_t i = 0; i < n; ++i) mid[i] = static_cast<std::int32_t>(rng.below(3));
    EXPECT_LE(c.variation_of_information,
              clir::variation_of_information(a, mid) + clir::variation_of_information(mid, b) + 1e-12);
    // V-measure (β = 1) equals NMI with the arithmetic mean.
    EXPECT_NEAR(c.homogeneity_completeness.v_measure, c.normalized_mutual_information.arithmetic, 1e-12);
  }
}

TEST(Compare, EveryScoreOfOneCallMatchesTheSingleFunctions) {
  const auto c = clir::compare(sk_a, sk_b);
  EXPECT_EQ(c.items, 17u);
  EXPECT_EQ(c.reference_groups, 3u);
  EXPECT_EQ(c.candidate_groups, 3u);
  EXPECT_DOUBLE_EQ(c.adjusted_rand_index, clir::adjusted_rand_index(sk_a, sk_b));
  EXPECT_DOUBLE_EQ(c.adjusted_mutual_information.arithmetic, clir::adjusted_mutual_information(sk_a, sk_b));
  EXPECT_DOUBLE_EQ(c.normalized_mutual_information.max,
                   clir::normalized_mutual_information(sk_a, sk_b, clir::EntropyMean::max));
  EXPECT_DOUBLE_EQ(c.reference_entropy, clir::entropy(sk_a));
  EXPECT_DOUBLE_EQ(c.homogeneity_completeness.v_measure, clir::v_measure(sk_a, sk_b));
}

TEST(Compare, RejectsBadInputWithClearMessages) {
  try {
    clir::adjusted_rand_index(Labels{0, 1}, Labels{1, 1, 1});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'labels': size mismatch: reference has 2 items, candidate has 3");
  }
  try {
    clir::compare(Labels{}, Labels{});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'reference': no items: the grouping is empty");
  }
  try {
    clir::adjusted_mutual_information(Labels{0, 1, 1}, Labels{0, -1, 1});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'candidate': item 1 has label -1; every item needs a group (labels >= 0)");
    EXPECT_EQ(e.where().key, "candidate");
  }
  try {
    clir::v_measure(Labels{0, 1}, Labels{0, 1}, 0.0);
    FAIL() << "expected ConfigError";
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "beta");
  }
  try {
    (void)clir::parse_enum<clir::EntropyMean>("harmonic", "entropy_mean");
    FAIL() << "expected ConfigError";
  } catch (const clir::ConfigError& e) {
    EXPECT_STREQ(e.what(), "'entropy_mean': unknown mean 'harmonic' (allowed: arithmetic, geometric, max, min)");
  }
  EXPECT_EQ(clir::parse_enum<clir::EntropyMean>("geometric", "entropy_mean"), clir::EntropyMean::geometric);
}

}  // namespace
