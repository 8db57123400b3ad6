// VIKOR, PROMETHEE II, weighted sum and product, and the entropy, CRITIC and standard-deviation
// weights against worked examples published in the literature (VIKOR and PROMETHEE by the
// methods' authors), compared at the precision the figures were printed with (tolerance half a
// unit of the last printed digit: 5e-4 for 3 decimals, 5e-5 for 4, unless stated otherwise).
// TOPSIS and AHP examples are in methods_test.cpp.
//
// Where the figures were read: the search tool of this project could not show the papers'
// tables themselves, only reproductions of them in public test suites, named at each example.
// The inputs were checked by recomputing every printed result from them
// (tests/scoring/reference_values.py, plain Python; largest deviations 0.0005 for VIKOR 2007,
// the PROMETHEE indices and the 3-decimal weights, 0.00006 for the 4-decimal figures, 0.0023 for
// the PROMETHEE flows): a transcription error in an input would show up as a mismatch. The 2004
// VIKOR example is small enough to check by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/scoring/score.hpp"

namespace {

using clir::Direction;
using clir::PreferenceFunction;
using clir::PreferenceType;

void expect_near(const Eigen::VectorXd& got, const std::vector<double>& want, double tol, const std::string& what) {
  ASSERT_EQ(static_cast<std::size_t>(got.size()), want.size()) << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR(got(static_cast<Eigen::Index>(i)), want[i], tol) << what << " at index " << i;
  }
}

constexpr double kThreeDecimals = 5e-4 + 1e-12;
constexpr double kFourDecimals = 5e-5 + 1e-12;

Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) out(i++) = x;
  return out;
}

clir::DecisionMatrix decision_matrix(const Eigen::MatrixXd& values, const std::vector<Direction>& directions,
                                     const Eigen::VectorXd& weights) {
  clir::DecisionMatrix m;
  // Appended rather than "A" + std::to_string(): GCC 12 reports a false -Wrestrict on the latter.
  for (Eigen::Index i = 0; i < values.rows(); ++i) m.ids.push_back(std::string("A").append(std::to_string(i + 1)));
  for (Eigen::Index j = 0; j < values.cols(); ++j) m.criteria.push_back(std::string("C").append(std::to_string(j + 1)));
  m.directions = directions;
  m.weights = weights;
  m.values = values;
  m.imputed.assign(static_cast<std::size_t>(values.cols()), 0);
  return m;
}

// ---- VIKOR ----------------------------------------------------------------------------------

// Opricovic, S. and Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A comparative
// analysis of VIKOR and TOPSIS. European Journal of Operational Research 156(2), 445-455,
// numerical example: three alternatives, risk (minimized) and altitude (maximized), equal
// weights, v = 0.5. S = (0.5, 0.375, 0.5), R = (0.5, 0.25, 0.5), Q = (1, 0, 1): A2 is the
// compromise solution with acceptable advantage and stability. Figures as reproduced in
// scikit-criteria, tests/agg/test_vikor.py (test_VIKOR_opricovic2004compromise).
TEST(VikorPublished, OpricovicTzeng2004) {
  Eigen::MatrixXd x(3, 2);
  x << 1, 3000,  //
      2, 3750,   //
      5, 4500;
  const std::vector<Direction> d{Direction::cost, Direction::benefit};
  const Eigen::Vector2d w(0.5, 0.5);
  const auto r = clir::vikor(x, d, w, 0.5);
  expect_near(r.s, {0.5, 0.375, 0.5}, 1e-12, "S");
  expect_near(r.r, {0.5, 0.25, 0.5}, 1e-12, "R");
  expect_near(r.q, {1.0, 0.0, 1.0}, 1e-12, "Q");
  EXPECT_TRUE(r.acceptable_advantage);  // Q(A1) - Q(A2) = 1 >= DQ = 1/(3 - 1)
  EXPECT_TRUE(r.acceptable_stability);  // A2 is also best by S and by R
  EXPECT_EQ(r.compromise, (std::vector<std::size_t>{1}));
}

// Opricovic, S. and Tzeng, G.-H. (2007). Extended VIKOR method in comparison with outranking
// methods. European Journal of Operational Research 178(2), 514-529, numerical example: six
// reservoir-system alternatives for the Mlava river, eight criteria (profit, cost, energy
// produced, peak energy, homes to be relocated, reservoir area, villages to displace,
// environmental protection grade), v = 0.5, four weightings W1-W4; S, R, Q printed to three
// decimals. Figures as reproduced in scikit-criteria, tests/agg/test_vikor.py
// (test_VIKOR_opricovic2007extended).
struct Vikor2007Case {
  std::vector<double> weights;
  std::vector<double> s, r, q;
  std::vector<std::size_t> compromise;  // rows, best Q first
  bool acceptable_advantage;
};

TEST(VikorPublished, OpricovicTzeng2007FourWeightings) {
  Eigen::MatrixXd x(6, 8);
  x << 4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41,  //
      5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41,   //
      5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42,      //
      5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36,   //
      5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04,      //
      4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36;
  const std::vector<Direction> d{Direction::benefit, Direction::cost, Direction::benefit, Direction::benefit,
                                 Direction::cost,    Direction::cost, Direction::cost,    Direction::benefit};
  const std::vector<Vikor2007Case> cases{
      {{1, 1, 1, 1, 1, 1, 1, 1},
       {0.692, 0.7, 0.29, 0.423, 0.28, 0.346},
       {0.125, 0.125, 0.121, 0.125, 0.067, 0.125},
       {0.991, 1.0, 0.473, 0.670, 0.0, 0.578},
       {4},
       true},
      {{2, 2, 2, 2, 1, 1, 1, 1},
       {0.701, 0.6, 0.386, 0.365, 0.317, 0.459},
       {0.167, 0.114, 0.161, 0.167, 0.089, 0.167},
       {1.0, 0.533, 0.552, 0.563, 0.0, 0.686},
       {4},
       true},
      {{1, 1, 1, 1, 2, 2, 2, 2},
       {0.683, 0.8, 0.193, 0.48, 0.243, 0.232},
       {0.113, 0.167, 0.08, 0.122, 0.044, 0.083},
       {0.684, 1.0, 0.147, 0.554, 0.041, 0.191},
       {4, 2, 5},
       false},
      {{1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2},
       {0.678, 0.857, 0.138, 0.513, 0.222, 0.167},
       {0.129, 0.190, 0.057, 0.139, 0.042, 0.060},
       {0.668, 1.0, 0.051, 0.588, 0.058, 0.078},
       {2, 4, 5},
       false},
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const auto& c = cases[k];
    std::string what = "W";
    what += std::to_string(k + 1);
    Eigen::VectorXd w = Eigen::Map<const Eigen::VectorXd>(c.weights.data(), 8);
    w /= w.sum();
    const auto r = clir::vikor(x, d, w, 0.5);
    expect_near(r.s, c.s, kThreeDecimals, what + " S");
    expect_near(r.r, c.r, kThreeDecimals, what + " R");
    expect_near(r.q, c.q, kThreeDecimals, what + " Q");
    EXPECT_EQ(r.acceptable_advantage, c.acceptable_advantage) << what;
    EXPECT_TRUE(r.acceptable_stability) << what;
    EXPECT_EQ(r.compromise, c.compromise) << what;

    // The one-call pipeline reports 1 - Q as the score and ranks by it.
    clir::DecisionMatrix m;
    m.ids = {"A1", "A2", "A3", "A4", "A5", "A6"};
    m.criteria = {"profit", "cost", "energy", "peak energy", "homes", "area", "villages", "environment"};
    m.directions = d;
    m.weights = w;
    m.values = x;
    m.imputed.assign(8, 0);
    const clir::ScoringOptions options{.method = clir::ScoringMethod::vikor};
    const auto scored = clir::score(m, options);
    for (Eigen::Index i = 0; i < 6; ++i) EXPECT_NEAR(scored.score(i), 1.0 - r.q(i), 1e-12) << what;
    EXPECT_EQ(scored.order.front(), c.compromise.front()) << what;
  }
}

// ---- PROMETHEE ------------------------------------------------------------------------------

// Brans, J.P. and Vincke, Ph. (1985). A preference ranking organisation method (The PROMETHEE
// method for multiple criteria decision-making). Management Science 31(6), 647-656, numerical
// example: six alternatives a1-a6 on six criteria of equal weight, one of each of Brans' six
// generalized criteria. The paper states types IV and V with the width of the intermediate
// zone (level: q = 1 and p = 5 → 1/2 for 1 < d <= 6; linear: s = 5 and r = 45 → linear for
// 5 < d <= 50), i.e. q = 1, p = 6 and q = 5, p = 50 in the q/p convention used here (both
// thresholds positions on the d axis); the printed preference indices are reproduced only
// with that reading.
//
// Printed results: the preference indices pi(a, b) (3 decimals) and the unnormalized flows
// phi+(a) = sum_b pi(a, b), phi-(a) = sum_b pi(b, a), with pi the mean of the six P_j. These
// are (n - 1) = 5 times clir's flows. Figures as reproduced in two independent test suites:
// eabohorquezg/ProjectMCDM, test/test/NewEmptyJUnitTest.java (pi and both flows), and
// danielmitre/Promethee2, rust/src/promethee/vanilla.rs (paper_example, citing the paper:
// phi+ and net flows; its phi- list has a4's and a6's last two digits swapped, 1.786 and
// 1.744, which contradicts its own net flows, so the Java suite's 1.746 and 1.774 are used).
const std::vector<Direction> kBransDirections{Direction::cost, Direction::benefit, Direction::cost,
                                              Direction::cost, Direction::cost,    Direction::benefit};

Eigen::MatrixXd brans_vincke_values() {
  Eigen::MatrixXd x(6, 6);
  x << 80, 90, 60, 5.4, 8, 5,  //
      65, 58, 20, 9.7, 1, 1,   //
      83, 60, 40, 7.2, 4, 7,   //
      40, 80, 100, 7.5, 7, 10, //
      52, 72, 60, 2.0, 3, 8,   //
      94, 96, 70, 3.6, 5, 6;
  return x;
}

std::vector<PreferenceFunction> brans_vincke_functions() {
  return {{.type = PreferenceType::u_shape, .q = 10},            // type II, l = 10
          {.type = PreferenceType::v_shape, .p = 30},            // type III, m = 30
          {.type = PreferenceType::linear, .q = 5, .p = 50},     // type V, s = 5, r = 45
          {.type = PreferenceType::level, .q = 1, .p = 6},       // type IV, q = 1, p = 5
          {.type = PreferenceType::usual},                       // type I
          {.type = PreferenceType::gaussian, .s = 5}};           // type VI, sigma = 5
}

const Eigen::VectorXd kEqualSixths = Eigen::VectorXd::Constant(6, 1.0 / 6.0);

TEST(PrometheePublished, BransVincke1985PreferenceIndices) {
  const auto pi = clir::promethee_preference_indices(brans_vincke_values(), kBransDirections, kEqualSixths,
                                                     brans_vincke_functions());
  const double published[6][6] = {{0.000, 0.296, 0.250, 0.269, 0.100, 0.185},
                                  {0.463, 0.000, 0.389, 0.333, 0.296, 0.500},
                                  {0.235, 0.180, 0.000, 0.333, 0.056, 0.429},
                                  {0.399, 0.506, 0.305, 0.000, 0.224, 0.212},
                                  {0.444, 0.515, 0.487, 0.380, 0.000, 0.448},
                                  {0.287, 0.399, 0.250, 0.431, 0.133, 0.000}};
  for (int a = 0; a < 6; ++a) {
    for (int b = 0; b < 6; ++b) EXPECT_NEAR(pi(a, b), published[a][b], kThreeDecimals) << "pi(a" << a + 1 << ", a" << b + 1 << ")";
  }
}

TEST(PrometheePublished, BransVincke1985Flows) {
  const auto r = clir::promethee_ii(brans_vincke_values(), kBransDirections, kEqualSixths, brans_vincke_functions());
  // The printed flows were summed from rounded intermediate values; they differ from exact
  // arithmetic by up to 0.0023 (a4's phi+: exactly 1.6463, printed 1.644), hence 0.003.
  constexpr double kFlowTolerance = 0.003;
  const Eigen::VectorXd plus = 5.0 * r.phi_plus, minus = 5.0 * r.phi_minus, net = 5.0 * r.phi;
  expect_near(plus, {1.099, 1.980, 1.234, 1.644, 2.274, 1.500}, kFlowTolerance, "phi+");
  expect_near(minus, {1.827, 1.895, 1.681, 1.746, 0.808, 1.774}, kFlowTolerance, "phi-");
  expect_near(net, {-0.728, 0.085, -0.447, -0.102, 1.466, -0.274}, kFlowTolerance, "phi");
  // PROMETHEE II complete ranking of the paper: a5 > a2 > a4 > a6 > a3 > a1.
  EXPECT_EQ(clir::order_descending(r.phi), (std::vector<std::size_t>{4, 1, 3, 5, 2, 0}));

  // Flows are the row and column means of the preference indices.
  const auto pi = clir::promethee_preference_indices(brans_vincke_values(), kBransDirections, kEqualSixths,
                                                     brans_vincke_functions());
  for (Eigen::Index a = 0; a < 6; ++a) {
    EXPECT_NEAR(r.phi_plus(a), pi.row(a).sum() / 5.0, 1e-12);
    EXPECT_NEAR(r.phi_minus(a), pi.col(a).sum() / 5.0, 1e-12);
  }
}

TEST(PrometheePublished, BransVincke1985ThroughScore) {
  clir::DecisionMatrix m;
  m.ids = {"a1", "a2", "a3", "a4", "a5", "a6"};
  m.criteria = {"manpower", "power", "construction cost", "maintenance cost", "villages", "security"};
  m.directions = kBransDirections;
  m.weights = Eigen::VectorXd::Ones(6);
  m.values = brans_vincke_values();
  m.imputed.assign(6, 0);
  clir::ScoringOptions options{.method = clir::ScoringMethod::promethee_ii};
  options.preference = brans_vincke_functions();
  const auto r = clir::score(m, options);
  expect_near(r.weights, std::vector<double>(6, 1.0 / 6.0), 1e-15, "weights");
  expect_near(5.0 * r.score, {-0.728, 0.085, -0.447, -0.102, 1.466, -0.274}, 0.003, "score = phi");
  EXPECT_EQ(r.rank, (std::vector<std::size_t>{6, 2, 5, 3, 1, 4}));
  expect_near(r.score, {r.promethee->phi(0), r.promethee->phi(1), r.promethee->phi(2), r.promethee->phi(3),
                        r.promethee->phi(4), r.promethee->phi(5)},
              1e-12, "prepared vs direct");
}

// ---- weighted sum and weighted product --------------------------------------------------------

// Chakraborty, S., Zavadskas, E.K. and Antucheviciene, J. (2015). Applications of WASPAS method
// as a multi-criteria decision-making tool. Economic Computation and Economic Cybernetics
// Studies and Research 49(1), 5-22, Example 2: ten alternatives, four criteria (the first three
// minimized, the fourth maximized), weights 0.467, 0.160, 0.095, 0.278. WASPAS's joint criterion
// Q = lambda Q1 + (1 - lambda) Q2 is printed (4 decimals) for lambda = 0, 0.1, ..., 1, where Q1
// (lambda = 1) is the weighted sum model and Q2 (lambda = 0) the weighted product model on the
// linearly normalized matrix: x / max for a maximized criterion, min / x for a minimized one.
// In clir that normalization is Normalization::max with CostFlip::reciprocal (1/x divided by
// its maximum 1/min). Figures as reproduced in scikit-criteria, tests/agg/test_simple.py
// (test_WASPAS_chakraborty2015applications); reference_values.py recomputes all eleven rows
// (largest deviation 0.00006: the printed figures were summed from rounded values).
Eigen::MatrixXd chakraborty_values() {
  Eigen::MatrixXd x(10, 4);
  x << 581818, 54.49, 3, 5500,  //
      595454, 49.73, 3, 4500,   //
      586060, 51.24, 3, 5000,   //
      522727, 45.71, 3, 5800,   //
      561818, 52.66, 3, 5200,   //
      543030, 74.46, 4, 5600,   //
      522727, 75.42, 4, 5800,   //
      486970, 62.62, 4, 5600,   //
      509394, 65.87, 4, 6400,   //
      513333, 70.67, 4, 6000;
  return x;
}
const std::vector<Direction> kChakrabortyDirections{Direction::cost, Direction::cost, Direction::cost,
                                                    Direction::benefit};

TEST(WeightedSumProductPublished, ChakrabortyZavadskasAntucheviciene2015) {
  const Eigen::MatrixXd x = chakraborty_values();
  const Eigen::VectorXd w = vec({0.467, 0.160, 0.095, 0.278});
  const Eigen::MatrixXd r =
      clir::normalize_oriented(x, kChakrabortyDirections, clir::Normalization::max, clir::CostFlip::reciprocal);
  const Eigen::VectorXd wpm = clir::weighted_product(r, w);
  const Eigen::VectorXd wsm = clir::weighted_sum(r, w);
  expect_near(wpm, {0.8578, 0.8144, 0.8408, 0.9413, 0.8632, 0.8241, 0.8454, 0.8915, 0.8987, 0.8697}, kFourDecimals,
              "WPM (lambda = 0)");
  // A2's WSM is exactly 0.81945, printed 0.8194: one unit of the last digit.
  expect_near(wsm, {0.8590, 0.8194, 0.8430, 0.9420, 0.8645, 0.8315, 0.8552, 0.8983, 0.9067, 0.8784}, 1e-4,
              "WSM (lambda = 1)");
  // The printed ranking, the same for every lambda: A4 > A9 > A8 > A10 > A5 > A1 > A7 > A3 > A6 > A2.
  const std::vector<std::size_t> ranks{6, 10, 8, 1, 5, 9, 7, 3, 2, 4};
  EXPECT_EQ(clir::rank_descending(wpm), ranks);
  EXPECT_EQ(clir::rank_descending(wsm), ranks);

  // The one-call pipeline with the same options gives the same scores.
  const auto m = decision_matrix(x, kChakrabortyDirections, w);
  for (const auto method : {clir::ScoringMethod::weighted_sum, clir::ScoringMethod::weighted_product}) {
    const auto scored = clir::score(m, {.method = method,
                                        .normalization = clir::Normalization::max,
                                        .cost_flip = clir::CostFlip::reciprocal});
    const Eigen::VectorXd& direct = method == clir::ScoringMethod::weighted_sum ? wsm : wpm;
    for (Eigen::Index i = 0; i < 10; ++i) EXPECT_NEAR(scored.score(i), direct(i), 1e-12) << clir::to_string(method);
    EXPECT_EQ(scored.rank, ranks) << clir::to_string(method);
  }

  // Bridgman's and Triantaphyllou's ratio form of the WPM, R(A_K/A_L) = prod_j (a_Kj / a_Lj)^w_j
  // on the raw values (inverted for a minimized criterion), needs no normalization: dividing a
  // column by a constant cancels in the ratio, so clir's products have exactly the same ratios.
  for (Eigen::Index k = 0; k < 10; ++k) {
    for (Eigen::Index l = 0; l < 10; ++l) {
      double ratio = 1.0;
      for (Eigen::Index j = 0; j < 4; ++j) {
        const double a = x(k, j) / x(l, j);
        ratio *= std::pow(kChakrabortyDirections[static_cast<std::size_t>(j)] == Direction::cost ? 1.0 / a : a, w(j));
      }
      EXPECT_NEAR(wpm(k) / wpm(l), ratio, 1e-12) << "R(A" << k + 1 << "/A" << l + 1 << ")";
    }
  }
}

// ---- entropy weights --------------------------------------------------------------------------

// Entropy weights (Shannon entropy of each column's shares, e_j = -sum_i p_ij ln p_ij / ln n,
// w_j proportional to 1 - e_j) of the values as they are, whatever the criterion's direction,
// as in clir. Four published examples, figures as reproduced in pyrepo-mcda
// (energyinpython/pyrepo-mcda), tests/test_weighting_methods.py, Test_Entropy:
// - Xu, X. (2004). A note on the subjective and objective integrated approach to determine
//   attribute weights. European Journal of Operational Research 156(2), 530-532: four
//   alternatives, four attributes (4 decimals). The fourth attribute barely varies (29, 29,
//   28.9, 29): weight 0.0000, exactly 3.3e-6.
// - Zavadskas, E.K. and Podvezko, V. (2016). Integrated determination of objective criteria
//   weights in MCDM. International Journal of Information Technology & Decision Making 15(2),
//   267-283: four alternatives, four criteria, two of them minimized (4 decimals).
// - Lee, H.C. and Chang, C.T. (2018). Comparative analysis of MCDM methods for ranking renewable
//   energy sources in Taiwan. Renewable and Sustainable Energy Reviews 92, 883-896: five energy
//   sources, ten criteria (3 decimals).
// - Ersoy, Y. (2021). Equipment selection for an e-commerce company using entropy-based TOPSIS,
//   EDAS and CODAS methods during the COVID-19. LogForum 17(3): six alternatives, six criteria
//   (3 decimals).
TEST(EntropyPublished, Xu2004) {
  Eigen::MatrixXd x(4, 4);
  x << 30, 30, 38, 29,  //
      19, 54, 86, 29,   //
      19, 15, 85, 28.9, //
      68, 70, 60, 29;
  expect_near(clir::entropy_weights(x), {0.4630, 0.3992, 0.1378, 0.0000}, kFourDecimals, "w");
}

TEST(EntropyPublished, ZavadskasPodvezko2016) {
  Eigen::MatrixXd x(4, 4);
  x << 3.0, 100, 10, 7,  //
      2.5, 80, 8, 5,     //
      1.8, 50, 20, 11,   //
      2.2, 70, 12, 9;
  const std::vector<double> published{0.1146, 0.1981, 0.4185, 0.2689};
  expect_near(clir::entropy_weights(x), published, kFourDecimals, "w");
  // Through compute_weights() with the paper's directions (criteria 1 and 3 minimized): entropy
  // does not depend on the direction.
  const auto m = decision_matrix(x, {Direction::cost, Direction::benefit, Direction::cost, Direction::benefit},
                                 Eigen::VectorXd::Ones(4));
  expect_near(clir::compute_weights(m, {.method = clir::WeightMethod::entropy}), published, kFourDecimals,
              "compute_weights");
}

TEST(EntropyPublished, LeeChang2018) {
  Eigen::MatrixXd x(5, 10);
  x << 4550, 30, 6.74, 20, 15, 5, 85, 150, 0.87, 4.76,     //
      3005, 60.86, 2.4, 35, 27, 4, 26, 200, 0.17, 4.51,    //
      2040, 14.85, 1.7, 90, 25, 5, 26, 500, 0.27, 4.19,    //
      3370, 99.4, 3.25, 25.3, 54, 3, 45, 222, 0.21, 3.78,  //
      3920, 112.6, 4.93, 11.4, 71.7, 2, 50, 100, 0.25, 4.11;
  expect_near(clir::entropy_weights(x), {0.026, 0.154, 0.089, 0.199, 0.115, 0.040, 0.080, 0.123, 0.172, 0.002},
              kThreeDecimals, "w");
}

TEST(EntropyPublished, Ersoy2021) {
  Eigen::MatrixXd x(6, 6);
  x << 256, 8, 41, 1.6, 1.77, 7347.16,  //
      256, 8, 32, 1.0, 1.8, 6919.99,    //
      256, 8, 53, 1.6, 1.9, 8400,       //
      256, 8, 41, 1.0, 1.75, 6808.9,    //
      512, 8, 35, 1.6, 1.7, 8479.99,    //
      256, 4, 35, 1.6, 1.7, 7499.99;
  expect_near(clir::entropy_weights(x), {0.405, 0.221, 0.134, 0.199, 0.007, 0.034}, kThreeDecimals, "w");
}

// ---- CRITIC -----------------------------------------------------------------------------------

// Tuş, A. and Aytaç Adalı, E. (2019). The new combination with CRITIC and WASPAS methods for the
// time and attendance software selection problem. OPSEARCH 56(2), 528-538: five software
// packages, six criteria, the first (price) minimized; CRITIC weights printed to 3 decimals.
// Figures as reproduced in pyrepo-mcda (energyinpython/pyrepo-mcda),
// tests/test_weighting_methods.py (Test_CRITIC), and in crispyn (energyinpython/crispyn), whose
// WASPAS test reproduces the paper's WASPAS scores 0.5622, 0.6575, 0.6192, 0.6409, 0.722 from
// these weights (reference_values.py: within 0.0008, against 0.017 with the weights below).
//
// Variant: the printed weights are those of the min-max matrix with price NOT turned around,
// (x - min)/(max - min) for every criterion. Diakoulaki, Mavrotas and Papayannakis (1995)
// transform each criterion relative to its ideal (best) and anti-ideal (worst) value, which for
// a minimized criterion is (max - x)/(max - min); clir's compute_weights() does that, so the
// cost criterion's correlations with the others change sign. The standard deviations, the
// Pearson correlations and C_j = sd_j sum_k (1 - r_jk) are the same computation either way:
// critic_weights() of the unflipped matrix reproduces the paper; the oriented weights clir uses
// are checked against reference_values.py.
TEST(CriticPublished, TusAytacAdali2019) {
  Eigen::MatrixXd x(5, 6);
  x << 5000, 3, 3, 4, 3, 2,  //
      680, 5, 3, 2, 2, 1,    //
      2000, 3, 2, 3, 4, 3,   //
      600, 4, 3, 1, 2, 2,    //
      800, 2, 4, 3, 3, 4;
  const std::vector<Direction> all_benefit(6, Direction::benefit);
  const Eigen::MatrixXd unflipped =
      clir::normalize_oriented(x, all_benefit, clir::Normalization::min_max, clir::CostFlip::one_minus);
  expect_near(clir::critic_weights(unflipped), {0.157, 0.249, 0.168, 0.121, 0.154, 0.151}, kThreeDecimals,
              "w (price unflipped)");

  std::vector<Direction> directions = all_benefit;
  directions[0] = Direction::cost;
  const auto m = decision_matrix(x, directions, Eigen::VectorXd::Ones(6));
  expect_near(clir::compute_weights(m, {.method = clir::WeightMethod::critic}),
              {0.1840664073, 0.2130289785, 0.1422141623, 0.1583006412, 0.1683822213, 0.1340075893}, 1e-9,
              "w (price oriented, Diakoulaki et al.)");
}

// ---- standard-deviation weights ---------------------------------------------------------------

// Sałabun, W., Wątróbski, J. and Shekhovtsov, A. (2020). Are MCDA methods benchmarkable? A
// comparative study of TOPSIS, VIKOR, COPRAS, and PROMETHEE II methods. Symmetry 12(9), 1549:
// five alternatives, three criteria with values in [0, 1]; standard-deviation weights 0.217,
// 0.294, 0.488 of the matrix as given. Figures as reproduced in pyrepo-mcda
// (energyinpython/pyrepo-mcda), tests/test_weighting_methods.py (Test_STD).
//
// Variant: std_dev_weights() takes the matrix it is given and reproduces the paper;
// compute_weights() first min-max normalizes every column, because a standard deviation in the
// criterion's own units would make the weights depend on those units. That stretches these
// three columns to the same range and gives different weights (checked against
// reference_values.py).
TEST(StdDevPublished, SalabunWatrobskiShekhovtsov2020) {
  Eigen::MatrixXd x(5, 3);
  x << 0.619, 0.449, 0.447,  //
      0.862, 0.466, 0.006,   //
      0.458, 0.698, 0.771,   //
      0.777, 0.631, 0.491,   //
      0.567, 0.992, 0.968;
  expect_near(clir::std_dev_weights(x), {0.217, 0.294, 0.488}, kThreeDecimals, "w");
  const auto m = decision_matrix(x, std::vector<Direction>(3, Direction::benefit), Eigen::VectorXd::Ones(3));
  expect_near(clir::compute_weights(m, {.method = clir::WeightMethod::std_dev}),
              {0.3388053739, 0.3415800742, 0.3196145520}, 1e-9, "w (min-max first)");
}

// ---- the generalized criteria themselves ----------------------------------------------------

TEST(PreferenceFunctions, LevelIsAStepOfHalfThenOne) {
  const PreferenceFunction f{.type = PreferenceType::level, .q = 1.0, .p = 3.0};
  EXPECT_EQ(clir::preference(f, -2.0), 0.0);
  EXPECT_EQ(clir::preference(f, 0.0), 0.0);
  EXPECT_EQ(clir::preference(f, 1.0), 0.0);  // up to and including q: indifference
  EXPECT_EQ(clir::preference(f, 1.001), 0.5);
  EXPECT_EQ(clir::preference(f, 3.0), 0.5);  // up to and including p: weak preference
  EXPECT_EQ(clir::preference(f, 3.001), 1.0);
  EXPECT_EQ(clir::preference(f, 1e9), 1.0);
}

TEST(PreferenceFunctions, GaussianRisesSmoothlyWithInflectionAtS) {
  const PreferenceFunction f{.type = PreferenceType::gaussian, .s = 2.0};
  EXPECT_EQ(clir::preference(f, 0.0), 0.0);
  EXPECT_EQ(clir::preference(f, -1.0), 0.0);
  EXPECT_NEAR(clir::preference(f, 2.0), 1.0 - std::exp(-0.5), 1e-15);  // 0.3935 at d = s
  EXPECT_NEAR(clir::preference(f, 1e-4), 1.25e-9, 1e-15);              // no cancellation near 0
  double previous = 0.0;
  for (double d = 0.25; d <= 10.0; d += 0.25) {  // strictly increasing until it rounds to 1
    const double p = clir::preference(f, d);
    EXPECT_GT(p, previous) << d;
    EXPECT_LT(p, 1.0) << d;
    previous = p;
  }
  EXPECT_EQ(clir::preference(f, 20.0), 1.0);
  // Slope is largest at d = s (the inflection point): compare symmetric finite differences.
  const auto slope = [&](double d) { return (clir::preference(f, d + 1e-4) - clir::preference(f, d - 1e-4)) / 2e-4; };
  EXPECT_GT(slope(2.0), slope(1.5));
  EXPECT_GT(slope(2.0), slope(2.5));
}

TEST(PreferenceFunctions, EveryTypeIsZeroForNoAdvantageAndNondecreasing) {
  const std::vector<PreferenceFunction> all{{.type = PreferenceType::usual},
                                            {.type = PreferenceType::u_shape, .q = 1},
                                            {.type = PreferenceType::v_shape, .p = 2},
                                            {.type = PreferenceType::level, .q = 1, .p = 2},
                                            {.type = PreferenceType::linear, .q = 1, .p = 2},
                                            {.type = PreferenceType::gaussian, .s = 1}};
  for (const auto& f : all) {
    EXPECT_EQ(clir::preference(f, 0.0), 0.0) << clir::to_string(f.type);
    double previous = 0.0;
    for (double d = -3.0; d <= 5.0; d += 0.125) {
      const double p = clir::preference(f, d);
      EXPECT_GE(p, previous) << clir::to_string(f.type) << " at " << d;
      EXPECT_LE(p, 1.0);
      previous = p;
    }
    EXPECT_EQ(clir::parse_enum<clir::PreferenceType>(clir::to_string(f.type), "preference"), f.type);
  }
}

TEST(PreferenceFunctions, ThresholdsThatDoNotFitTheTypeAreRejected) {
  const auto message_for = [](const PreferenceFunction& f, std::size_t position) -> std::string {
    std::vector<PreferenceFunction> fs(3);
    fs[position] = f;
    try {
      clir::validate_preference_functions(fs, 3);
    } catch (const clir::ConfigError& e) {
      EXPECT_EQ(e.key(), "preference[" + std::to_string(position) + "]");
      return e.message();
    }
    return "(accepted)";
  };
  EXPECT_EQ(message_for({.type = PreferenceType::level, .q = 2, .p = 2}, 1),
            "level preference needs 0 <= q < p, got q = 2.000000, p = 2.000000, s = 0.000000");
  EXPECT_EQ(message_for({.type = PreferenceType::level, .q = -1, .p = 2}, 0),
            "level preference needs 0 <= q < p, got q = -1.000000, p = 2.000000, s = 0.000000");
  EXPECT_EQ(message_for({.type = PreferenceType::gaussian}, 2),
            "gaussian preference needs s > 0, got q = 0.000000, p = 0.000000, s = 0.000000");
  EXPECT_EQ(message_for({.type = PreferenceType::gaussian, .s = -1}, 2),
            "gaussian preference needs s > 0, got q = 0.000000, p = 0.000000, s = -1.000000");
  EXPECT_EQ(message_for({.type = PreferenceType::u_shape, .q = -0.5}, 0),
            "u_shape preference needs q >= 0, got q = -0.500000, p = 0.000000, s = 0.000000");
  EXPECT_EQ(message_for({.type = PreferenceType::v_shape}, 0),
            "v_shape preference needs p > 0, got q = 0.000000, p = 0.000000, s = 0.000000");
  EXPECT_EQ(message_for({.type = PreferenceType::usual, .q = std::nan("")}, 0),
            "usual preference needs finite thresholds, got q = nan, p = 0.000000, s = 0.000000");
  EXPECT_EQ(message_for({.type = PreferenceType::gaussian, .s = 0.5}, 1), "(accepted)");
  try {
    (void)clir::parse_enum<clir::PreferenceType>("gauss", "preference");
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "'preference': unknown preference function 'gauss' (allowed: usual, u_shape, v_shape, level, "
                 "linear, gaussian)");
  }
}

}  // namespace
