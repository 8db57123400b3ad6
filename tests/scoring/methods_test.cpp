// Published worked examples and properties of the scoring methods.
//
// Fighter-aircraft example: Hwang, C.L. and Yoon, K. (1981), Multiple Attribute Decision Making:
// Methods and Applications, Springer (LNEMS 186), the running example of the book (also Yoon and
// Hwang 1995, Multiple Attribute Decision Making: An Introduction, Sage). The TOPSIS relative
// closeness published there is C* = (0.643, 0.268, 0.614, 0.312), order A1 > A3 > A4 > A2.
// The other methods' numbers on the same data, to 10 digits, were computed independently by
// tests/scoring/reference_values.py (plain Python, no clir code). VIKOR, PROMETHEE II, weighted
// sum and product, and the entropy, CRITIC and standard-deviation weights are checked against
// published examples in published_examples_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/scoring/score.hpp"

namespace {

using clir::Direction;

Eigen::MatrixXd aircraft() {
  Eigen::MatrixXd x(4, 6);
  x << 2.0, 1500, 20000, 5.5, 5, 9,  //
      2.5, 2700, 18000, 6.5, 3, 5,   //
      1.8, 2000, 21000, 4.5, 7, 7,   //
      2.2, 1800, 20000, 5.0, 5, 5;
  return x;
}
const std::vector<Direction> kAircraftDirections{Direction::benefit, Direction::benefit, Direction::benefit,
                                                 Direction::cost,    Direction::benefit, Direction::benefit};
Eigen::VectorXd aircraft_weights() {
  Eigen::VectorXd w(6);
  w << 0.2, 0.1, 0.1, 0.1, 0.2, 0.3;
  return w;
}

clir::DecisionMatrix aircraft_matrix() {
  clir::DecisionMatrix m;
  m.ids = {"A1", "A2", "A3", "A4"};
  m.criteria = {"speed", "range", "payload", "cost", "reliability", "maneuverability"};
  m.directions = kAircraftDirections;
  m.weights = aircraft_weights();
  m.values = aircraft();
  m.imputed.assign(6, 0);
  return m;
}

void expect_near(const Eigen::VectorXd& got, std::initializer_list<double> want, double tol = 1e-9) {
  ASSERT_EQ(static_cast<std::size_t>(got.size()), want.size());
  std::size_t i = 0;
  for (double w : want) {
    EXPECT_NEAR(got(static_cast<Eigen::Index>(i)), w, tol) << "at index " << i;
    ++i;
  }
}

TEST(Topsis, HwangYoonFighterAircraft) {
  const auto r = clir::topsis(aircraft(), kAircraftDirections, aircraft_weights());
  // Published (3 decimals): 0.643, 0.268, 0.614, 0.312.
  expect_near(r.closeness, {0.643, 0.268, 0.614, 0.312}, 6e-4);
  expect_near(r.closeness, {0.6432770006, 0.2683835677, 0.6135422900, 0.3122910656});
  expect_near(r.d_best, {0.0545574483, 0.1196793076, 0.0579767163, 0.1009367106});
  expect_near(r.d_worst, {0.0983832042, 0.0439027312, 0.0920441392, 0.0458357182});
  EXPECT_EQ(clir::order_descending(r.closeness), (std::vector<std::size_t>{0, 2, 3, 1}));
}

TEST(Topsis, MinMaxNormalizationVariant) {
  const auto r = clir::topsis(aircraft(), kAircraftDirections, aircraft_weights(), clir::Normalization::min_max);
  expect_near(r.closeness, {0.6127481842, 0.3660254038, 0.5306419413, 0.3516895338});
  EXPECT_THROW(clir::topsis(aircraft(), kAircraftDirections, aircraft_weights(), clir::Normalization::rank),
               clir::ConfigError);
}

TEST(WeightedSum, MinMaxOneMinusOnAircraft) {
  const auto r = clir::normalize_oriented(aircraft(), kAircraftDirections, clir::Normalization::min_max,
                                          clir::CostFlip::one_minus);
  expect_near(clir::weighted_sum(r, aircraft_weights()), {0.5738095238, 0.3, 0.5916666667, 0.3809523810});
}

TEST(WeightedProduct, MaxReciprocalOnAircraft) {
  const auto r = clir::normalize_oriented(aircraft(), kAircraftDirections, clir::Normalization::max,
                                          clir::CostFlip::reciprocal);
  expect_near(clir::weighted_product(r, aircraft_weights()), {0.8223017079, 0.6716733671, 0.8427325753, 0.7224126977});
}

TEST(Vikor, AircraftSRQAndCompromise) {
  const auto r = clir::vikor(aircraft(), kAircraftDirections, aircraft_weights(), 0.5);
  expect_near(r.s, {0.4261904762, 0.7, 0.4083333333, 0.6190476190});
  expect_near(r.r, {0.1428571429, 0.3, 0.2, 0.3});
  expect_near(r.q, {0.0306122449, 1.0, 0.1818181818, 0.8612244898});
  // Q2 - Q1 = 0.151 < DQ = 1/3: no acceptable advantage, so the compromise set is every
  // alternative with Q - Q1 < 1/3: A1 and A3. A1 is best by R, so C2 holds.
  EXPECT_FALSE(r.acceptable_advantage);
  EXPECT_TRUE(r.acceptable_stability);
  EXPECT_EQ(r.compromise, (std::vector<std::size_t>{0, 2}));
}

TEST(Vikor, OpricovicTzengConditionsOnTwoCriteria) {
  // Hand-computed: two criteria, equal weights; A0 dominates, so Q = (0, 0.5.., 1) and the
  // advantage Q(A1) - Q(A0) >= 1/(n-1) = 0.5 holds.
  Eigen::MatrixXd x(3, 2);
  x << 10, 10, 5, 5, 0, 0;
  Eigen::VectorXd w(2);
  w << 0.5, 0.5;
  const std::vector<Direction> d{Direction::benefit, Direction::benefit};
  const auto r = clir::vikor(x, d, w, 0.5);
  expect_near(r.s, {0.0, 0.5, 1.0});
  expect_near(r.r, {0.0, 0.25, 0.5});
  expect_near(r.q, {0.0, 0.5, 1.0});
  EXPECT_TRUE(r.acceptable_advantage);
  EXPECT_EQ(r.compromise, (std::vector<std::size_t>{0}));
  EXPECT_THROW(clir::vikor(x, d, w, 1.5), clir::ConfigError);
}

TEST(Promethee, UsualCriterionOnAircraft) {
  const auto r = clir::promethee_ii(aircraft(), kAircraftDirections, aircraft_weights());
  expect_near(r.phi, {0.1, -0.3, 0.3333333333, -0.1333333333});
  EXPECT_NEAR(r.phi.sum(), 0.0, 1e-12);  // net flows always sum to zero
}

TEST(Promethee, PreferenceFunctionsByHand) {
  using clir::PreferenceType;
  EXPECT_EQ(clir::preference({PreferenceType::usual}, 0.0), 0.0);
  EXPECT_EQ(clir::preference({PreferenceType::usual}, 1e-9), 1.0);
  EXPECT_EQ(clir::preference({PreferenceType::u_shape, 2.0}, 2.0), 0.0);
  EXPECT_EQ(clir::preference({PreferenceType::u_shape, 2.0}, 2.5), 1.0);
  EXPECT_DOUBLE_EQ(clir::preference({PreferenceType::v_shape, 0.0, 4.0}, 1.0), 0.25);
  EXPECT_EQ(clir::preference({PreferenceType::v_shape, 0.0, 4.0}, 5.0), 1.0);
  EXPECT_EQ(clir::preference({PreferenceType::linear, 1.0, 3.0}, 1.0), 0.0);
  EXPECT_DOUBLE_EQ(clir::preference({PreferenceType::linear, 1.0, 3.0}, 2.0), 0.5);
  EXPECT_EQ(clir::preference({PreferenceType::linear, 1.0, 3.0}, 3.5), 1.0);
  EXPECT_EQ(clir::preference({PreferenceType::linear, 1.0, 3.0}, -2.0), 0.0);
}

TEST(Promethee, LinearFunctionsByHand) {
  // Three alternatives on one benefit criterion, values 0, 1, 3, linear q = 0.5, p = 2.5:
  // P(1-0) = 0.25, P(3-0) = 1, P(3-1) = 0.75. phi(0) = -(0.25 + 1)/2, phi(1) = (0.25 - 0.75)/2,
  // phi(3) = (1 + 0.75)/2.
  Eigen::MatrixXd x(3, 1);
  x << 0, 1, 3;
  Eigen::VectorXd w(1);
  w << 1.0;
  const std::vector<clir::PreferenceFunction> f{{clir::PreferenceType::linear, 0.5, 2.5}};
  const auto r = clir::promethee_ii(x, std::vector<Direction>{Direction::benefit}, w, f);
  expect_near(r.phi, {-0.625, -0.25, 0.875});
  const std::vector<clir::PreferenceFunction> bad{{clir::PreferenceType::linear, 2.0, 1.0}};
  try {
    clir::promethee_ii(x, std::vector<Direction>{Direction::benefit}, w, bad);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "preference[0]");
    EXPECT_NE(std::string(e.what()).find("0 <= q < p"), std::string::npos);
  }
}

TEST(Weights, EntropyOnAircraft) {
  expect_near(clir::entropy_weights(aircraft()),
              {0.0641897346, 0.2060881642, 0.0134445909, 0.0813256286, 0.3586800243, 0.2762718573});
}

TEST(Weights, CriticOnAircraft) {
  const auto r = clir::normalize_oriented(aircraft(), kAircraftDirections, clir::Normalization::min_max,
                                          clir::CostFlip::one_minus);
  expect_near(clir::critic_weights(r),
              {0.2358744383, 0.2088184567, 0.1270002728, 0.1306154747, 0.1209261589, 0.1767651986});
  expect_near(clir::std_dev_weights(r),
              {0.1650316146, 0.1643877120, 0.1622664913, 0.1651761468, 0.1579386049, 0.1851994304});
}

TEST(Weights, CriticConflictingCriteriaWeighMore) {
  // Diakoulaki et al. (1995): for equal contrast, a criterion that conflicts with the others
  // carries more information than two that agree. Columns 0 and 1 are identical; 2 opposes them.
  Eigen::MatrixXd r(4, 3);
  r << 0, 0, 1, 1. / 3, 1. / 3, 2. / 3, 2. / 3, 2. / 3, 1. / 3, 1, 1, 0;
  const auto w = clir::critic_weights(r);
  // C_0 = sd (0 + 2) , C_2 = sd (2 + 2): weights 1/4, 1/4, 1/2.
  expect_near(w, {0.25, 0.25, 0.5});
}

TEST(Weights, DegenerateColumnsFollowTheRule) {
  Eigen::MatrixXd x(3, 2);
  x << 1, 5, 1, 5, 1, 5;  // both constant: no information anywhere → equal weights
  expect_near(clir::entropy_weights(x), {0.5, 0.5});
  expect_near(clir::std_dev_weights(x), {0.5, 0.5});
  expect_near(clir::critic_weights(x), {0.5, 0.5});
  Eigen::MatrixXd y(3, 2);
  y << 1, 5, 2, 5, 3, 5;  // second constant: weight 0
  expect_near(clir::entropy_weights(y).tail(1), {0.0});
  expect_near(clir::critic_weights(y), {1.0, 0.0});
  Eigen::MatrixXd neg(2, 1);
  neg << -1, 2;
  EXPECT_THROW(clir::entropy_weights(neg), clir::InputError);
}

TEST(Weights, GivenWeightsAreNormalizedAndChecked) {
  Eigen::VectorXd w(3);
  w << 2, 1, 1;
  expect_near(clir::normalize_weights(w), {0.5, 0.25, 0.25});
  w << 0, 0, 0;
  EXPECT_THROW(clir::normalize_weights(w), clir::ConfigError);
  w << 1, -1, 0;
  const std::vector<std::string> labels{"a", "idp_share", "c"};
  try {
    clir::normalize_weights(w, labels);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "criteria.idp_share.weight");
  }
}

// Saaty (1977, 1980): relative brightness of four chairs at increasing distance from a light;
// the published eigenvector is about (0.62, 0.24, 0.10, 0.05) with lambda_max = 4.39, i.e.
// CR = 0.13 / 0.90 = 0.14 > 0.1. Digits beyond those from tests/scoring/reference_values.py.
Eigen::MatrixXd saaty_chairs() {
  Eigen::MatrixXd a(4, 4);
  a << 1, 5, 6, 7, 1. / 5, 1, 4, 6, 1. / 6, 1. / 4, 1, 4, 1. / 7, 1. / 6, 1. / 4, 1;
  return a;
}

TEST(Ahp, SaatyChairsEigenvector) {
  const auto r = clir::ahp_weights(saaty_chairs(), {.allow_inconsistent = true});
  expect_near(r.weights, {0.6186687796, 0.2353228216, 0.1009339729, 0.0450744258}, 1e-8);
  EXPECT_NEAR(r.lambda_max, 4.3907302186, 1e-8);
  EXPECT_NEAR(r.consistency_ratio, 0.1447148958, 1e-8);
  EXPECT_DOUBLE_EQ(r.random_index, 0.90);
  EXPECT_FALSE(r.consistent);
}

TEST(Ahp, SaatyChairsGeometricMean) {
  const auto r = clir::ahp_weights(saaty_chairs(), {.method = clir::AhpMethod::geometric_mean, .allow_inconsistent = true});
  expect_near(r.weights, {0.6136338467, 0.2385968974, 0.1029951252, 0.0447741307}, 1e-9);
  EXPECT_NEAR(r.lambda_max, 4.3902640699, 1e-8);
}

TEST(Ahp, InconsistentMatrixIsRejectedUnlessAllowed) {
  try {
    clir::ahp_weights(saaty_chairs());
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "ahp.matrix");
    EXPECT_NE(std::string(e.what()).find("consistency ratio 0.14"), std::string::npos) << e.what();
  }
}

TEST(Ahp, ConsistentMatrixRecoversTheRatios) {
  // a_ij = w_i / w_j exactly: CR = 0 and both methods return w.
  Eigen::Vector3d w(0.5, 0.3, 0.2);
  Eigen::MatrixXd a(3, 3);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) a(i, j) = w(i) / w(j);
  for (auto method : {clir::AhpMethod::eigenvector, clir::AhpMethod::geometric_mean}) {
    const auto r = clir::ahp_weights(a, {.method = method});
    expect_near(r.weights, {0.5, 0.3, 0.2}, 1e-12);
    EXPECT_NEAR(r.consistency_ratio, 0.0, 1e-12);
  }
}

TEST(Ahp, MalformedMatricesNameTheCell) {
  Eigen::MatrixXd a = Eigen::MatrixXd::Ones(3, 3);
  a(0, 2) = 3;  // a(2,0) stays 1: not reciprocal
  try {
    clir::ahp_weights(a);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "ahp.matrix[0][2]");
  }
  a(0, 2) = -1;
  EXPECT_THROW(clir::ahp_weights(a), clir::ConfigError);
  EXPECT_THROW(clir::ahp_weights(Eigen::MatrixXd::Ones(2, 3)), clir::ConfigError);
  EXPECT_THROW(clir::saaty_random_index(16), clir::ConfigError);
}

// ---- the one-call pipeline and the prepared scorer ---------------------------------------

TEST(Score, PreparedMatchesDirectMethods) {
  const auto m = aircraft_matrix();
  for (auto method : {clir::ScoringMethod::weighted_sum, clir::ScoringMethod::weighted_product,
                      clir::ScoringMethod::topsis, clir::ScoringMethod::vikor, clir::ScoringMethod::promethee_ii}) {
    clir::ScoringOptions o{.method = method};
    const auto r = clir::score(m, o);
    Eigen::VectorXd direct;
    switch (method) {
      case clir::ScoringMethod::weighted_sum:
        direct = clir::weighted_sum(clir::normalize_oriented(m, o.normalization, o.cost_flip), r.weights);
        break;
      case clir::ScoringMethod::weighted_product:
        direct = clir::weighted_product(clir::normalize_oriented(m, o.normalization, o.cost_flip), r.weights);
        break;
      case clir::ScoringMethod::topsis:
        direct = r.topsis->closeness;
        break;
      case clir::ScoringMethod::vikor:
        direct = (1.0 - r.vikor->q.array()).matrix();
        break;
      case clir::ScoringMethod::promethee_ii:
        direct = r.promethee->phi;
        break;
    }
    for (Eigen::Index i = 0; i < 4; ++i) EXPECT_NEAR(r.score(i), direct(i), 1e-12) << clir::to_string(method);
  }
}

TEST(Score, RanksBreakTiesByRow) {
  Eigen::VectorXd s(5);
  s << 0.3, 0.7, 0.3, 0.9, 0.7;
  EXPECT_EQ(clir::order_descending(s), (std::vector<std::size_t>{3, 1, 4, 0, 2}));
  EXPECT_EQ(clir::rank_descending(s), (std::vector<std::size_t>{4, 2, 5, 1, 3}));
}

// Property: improving a benefit criterion (or lowering a cost) never lowers an alternative's
// score under weighted sum or TOPSIS. Checked on every alternative and criterion of the example.
TEST(Score, MonotoneInEachCriterion) {
  for (auto method : {clir::ScoringMethod::weighted_sum, clir::ScoringMethod::topsis}) {
    for (auto norm : {clir::Normalization::min_max, clir::Normalization::vector}) {
      clir::ScoringOptions o{.method = method, .normalization = norm, .topsis_normalization = norm};
      const auto base = clir::score(aircraft_matrix(), o);
      for (Eigen::Index i = 0; i < 4; ++i) {
        for (Eigen::Index j = 0; j < 6; ++j) {
          auto m = aircraft_matrix();
          const double step = 0.1 * std::abs(m.values(i, j));
          m.values(i, j) += m.directions[static_cast<std::size_t>(j)] == Direction::cost ? -step : step;
          const auto better = clir::score(m, o);
          EXPECT_GE(better.score(i), base.score(i) - 1e-12)
              << clir::to_string(method) << " " << clir::to_string(norm) << " row " << i << " col " << j;
        }
      }
    }
  }
}

// Property: permuting the criteria (with their directions and weights) changes no score.
TEST(Score, InvariantToCriterionOrder) {
  const std::vector<std::size_t> perm{5, 3, 0, 4, 1, 2};
  auto permuted = aircraft_matrix();
  const auto original = aircraft_matrix();
  for (std::size_t k = 0; k < perm.size(); ++k) {
    permuted.values.col(static_cast<Eigen::Index>(k)) = original.values.col(static_cast<Eigen::Index>(perm[k]));
    permuted.directions[k] = original.directions[perm[k]];
    permuted.weights(static_cast<Eigen::Index>(k)) = original.weights(static_cast<Eigen::Index>(perm[k]));
    permuted.criteria[k] = original.criteria[perm[k]];
  }
  for (auto method : {clir::ScoringMethod::weighted_sum, clir::ScoringMethod::weighted_product,
                      clir::ScoringMethod::topsis, clir::ScoringMethod::vikor, clir::ScoringMethod::promethee_ii}) {
    for (auto wm : {clir::WeightMethod::given, clir::WeightMethod::entropy, clir::WeightMethod::critic}) {
      clir::ScoringOptions o{.method = method, .weights = {.method = wm}};
      const auto a = clir::score(original, o);
      const auto b = clir::score(permuted, o);
      for (Eigen::Index i = 0; i < 4; ++i) EXPECT_NEAR(a.score(i), b.score(i), 1e-12) << clir::to_string(method);
      EXPECT_EQ(a.rank, b.rank);
    }
  }
}

TEST(Score, ConstantColumnNeverLeaksNaN) {
  auto m = aircraft_matrix();
  m.values.col(2).setConstant(20000);
  m.values.col(4).setZero();
  for (auto method : {clir::ScoringMethod::weighted_sum, clir::ScoringMethod::weighted_product,
                      clir::ScoringMethod::topsis, clir::ScoringMethod::vikor, clir::ScoringMethod::promethee_ii}) {
    for (auto norm : {clir::Normalization::min_max, clir::Normalization::vector, clir::Normalization::max,
                      clir::Normalization::sum, clir::Normalization::rank}) {
      for (auto wm : {clir::WeightMethod::given, clir::WeightMethod::entropy, clir::WeightMethod::critic,
                      clir::WeightMethod::std_dev}) {
        const auto r = clir::score(m, {.method = method, .normalization = norm, .weights = {.method = wm}});
        EXPECT_TRUE(r.score.allFinite()) << clir::to_string(method) << " " << clir::to_string(norm);
        EXPECT_TRUE(r.weights.allFinite());
      }
    }
  }
  // Every alternative equal everywhere: all tie (TOPSIS 0.5), ranks by row.
  auto same = aircraft_matrix();
  for (Eigen::Index i = 1; i < 4; ++i) same.values.row(i) = same.values.row(0);
  const auto r = clir::score(same);
  expect_near(r.score, {0.5, 0.5, 0.5, 0.5}, 0.0);
  EXPECT_EQ(r.rank, (std::vector<std::size_t>{1, 2, 3, 4}));
}

TEST(Score, EnumsParseAndPrint) {
  for (auto m : {clir::ScoringMethod::weighted_sum, clir::ScoringMethod::weighted_product,
                 clir::ScoringMethod::topsis, clir::ScoringMethod::vikor, clir::ScoringMethod::promethee_ii}) {
    EXPECT_EQ(clir::parse_enum<clir::ScoringMethod>(clir::to_string(m), "method"), m);
  }
  for (auto n : {clir::Normalization::min_max, clir::Normalization::vector, clir::Normalization::max,
                 clir::Normalization::sum, clir::Normalization::z_score, clir::Normalization::rank}) {
    EXPECT_EQ(clir::parse_enum<clir::Normalization>(clir::to_string(n), "normalization"), n);
  }
  EXPECT_EQ(clir::parse_enum<clir::WeightMethod>("explicit", "weights"), clir::WeightMethod::given);
  EXPECT_EQ(clir::parse_enum<clir::WeightMethod>("critic", "weights"), clir::WeightMethod::critic);
  EXPECT_EQ(clir::parse_enum<clir::WeightMethod>("std", "weights"), clir::WeightMethod::std_dev);
  EXPECT_EQ(clir::parse_enum<clir::ScoringMethod>("promethee", "method"), clir::ScoringMethod::promethee_ii);
  EXPECT_EQ(clir::parse_enum<clir::Normalization>("minmax", "normalization"), clir::Normalization::min_max);
  EXPECT_EQ(clir::parse_enum<clir::Normalization>("zscore", "normalization"), clir::Normalization::z_score);
  EXPECT_EQ(clir::to_string(clir::Normalization::z_score), "z_score");
  EXPECT_EQ(clir::to_string(clir::WeightMethod::std_dev), "std_dev");
  EXPECT_EQ(clir::parse_enum<clir::MissingValuePolicy>("median", "missing"), clir::MissingValuePolicy::impute_median);
  EXPECT_EQ(clir::to_string(clir::MissingValuePolicy::impute_median), "impute_median");
  EXPECT_EQ(clir::parse_enum<clir::AhpMethod>("geometric_mean", "ahp.method"), clir::AhpMethod::geometric_mean);
  EXPECT_EQ(clir::parse_enum<clir::CostFlip>("reciprocal", "cost_flip"), clir::CostFlip::reciprocal);
  EXPECT_EQ(clir::parse_enum<clir::PreferenceType>("v_shape", "preference"), clir::PreferenceType::v_shape);
  EXPECT_EQ(clir::parse_enum<clir::Direction>("cost", "direction"), Direction::cost);
  EXPECT_EQ(clir::parse_enum<clir::Transform>("per_capita", "transform"), clir::Transform::per_capita);
  EXPECT_EQ(clir::parse_enum<clir::MissingValuePolicy>("worst", "missing"), clir::MissingValuePolicy::worst);
  try {
    clir::parse_enum<clir::ScoringMethod>("electre", "method");
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "method");
    EXPECT_STREQ(e.what(),
                 "'method': unknown scoring method 'electre' (allowed: weighted_sum, weighted_product, topsis, "
                 "vikor, promethee_ii, promethee)");
  }
}

}  // namespace
