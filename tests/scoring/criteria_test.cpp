// Criteria over a clir::Table: transforms, missing-value policies, validation messages,
// normalizations and the constant-column rule.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/scoring/score.hpp"

namespace {

using clir::Criterion;
using clir::Direction;

clir::Table sample() {
  clir::Table t({"UA01", "UA02", "UA03", "UA04", "UA05"});
  t.add_numeric("idps", std::vector<std::optional<double>>{100, 200, std::nullopt, 50, 0}, "persons");
  t.add_numeric("population", std::vector<std::optional<double>>{1000, 4000, 2000, 500, std::nullopt}, "persons");
  t.add_numeric("distance", std::vector<std::optional<double>>{10, 20, 30, 40, 1000}, "km");
  t.add_numeric("revenue", std::vector<std::optional<double>>{5, std::nullopt, 7, 1, 3}, "UAH per person");
  t.add_categorical("oblast", {"A", "A", "B", "B", "C"});
  return t;
}

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const clir::Error& e) {
    return e.what();
  }
  return "(no error)";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(Criteria, PerCapitaLog1pAndWinsorize) {
  const auto t = sample();
  const std::vector<Criterion> c{
      {.name = "idp_share", .column = "idps", .transforms = {clir::Transform::per_capita},
       .population_column = "population", .per_capita_scale = 1000, .missing = clir::MissingValuePolicy::impute_median},
      {.name = "log_distance", .column = "distance", .direction = Direction::cost, .transforms = {clir::Transform::log1p}},
      {.name = "w_distance", .column = "distance", .transforms = {clir::Transform::winsorize}, .winsor_lower = 0.0,
       .winsor_upper = 0.75},
  };
  const auto m = clir::build_decision_matrix(t, c);
  // idps per 1000 persons: 100, 50, (missing idps), 100, (missing population); median of
  // {100, 50, 100} = 100 fills the two missing cells.
  EXPECT_DOUBLE_EQ(m.values(0, 0), 100.0);
  EXPECT_DOUBLE_EQ(m.values(1, 0), 50.0);
  EXPECT_DOUBLE_EQ(m.values(2, 0), 100.0);
  EXPECT_DOUBLE_EQ(m.values(4, 0), 100.0);
  EXPECT_EQ(m.imputed[0], 2u);
  EXPECT_DOUBLE_EQ(m.values(4, 1), std::log1p(1000.0));
  // 0.75 quantile of {10, 20, 30, 40, 1000} (type 7) = 40: the outlier is clipped to it.
  EXPECT_DOUBLE_EQ(m.values(4, 2), 40.0);
  EXPECT_DOUBLE_EQ(m.values(0, 2), 10.0);
  EXPECT_EQ(m.criteria, (std::vector<std::string>{"idp_share", "log_distance", "w_distance"}));
}

TEST(Criteria, WorstValueDependsOnDirection) {
  const auto t = sample();
  const std::vector<Criterion> cost{{.column = "revenue", .direction = Direction::cost, .missing = clir::MissingValuePolicy::worst}};
  EXPECT_DOUBLE_EQ(clir::build_decision_matrix(t, cost).values(1, 0), 7.0);  // worst cost = max
  const std::vector<Criterion> benefit{{.column = "revenue", .missing = clir::MissingValuePolicy::worst}};
  EXPECT_DOUBLE_EQ(clir::build_decision_matrix(t, benefit).values(1, 0), 1.0);  // worst benefit = min
}

TEST(Criteria, MissingValueWithErrorPolicyNamesCriterionAndRow) {
  const auto t = sample();
  const std::vector<Criterion> c{{.name = "need", .column = "revenue"}};
  const auto msg = message_of([&] { clir::build_decision_matrix(t, c); });
  EXPECT_TRUE(contains(msg, "criterion 'need'")) << msg;
  EXPECT_TRUE(contains(msg, "UA02")) << msg;
  EXPECT_TRUE(contains(msg, "impute_median")) << msg;
}

TEST(Criteria, BadSpecificationsNameTheCriterion) {
  const auto t = sample();
  auto key_of = [&](std::vector<Criterion> c) -> std::string {
    try {
      clir::build_decision_matrix(t, c);
    } catch (const clir::ConfigError& e) {
      return e.key() + " | " + e.what();
    }
    return "(no error)";
  };
  auto k = key_of({{.name = "impact", .column = "nope"}});
  EXPECT_TRUE(contains(k, "criteria.impact.column")) << k;
  EXPECT_TRUE(contains(k, "numeric columns: idps, population, distance, revenue")) << k;
  k = key_of({{.name = "impact", .column = "distance", .weight = -1}});
  EXPECT_TRUE(contains(k, "criteria.impact.weight")) << k;
  k = key_of({{.column = "distance", .weight = 0}, {.column = "idps", .weight = 0, .missing = clir::MissingValuePolicy::worst}});
  EXPECT_TRUE(contains(k, "every criterion has weight 0")) << k;
  k = key_of({{.name = "share", .column = "idps", .transforms = {clir::Transform::per_capita}}});
  EXPECT_TRUE(contains(k, "criteria.share.population_column")) << k;
  k = key_of({{.name = "d", .column = "distance", .transforms = {clir::Transform::winsorize}, .winsor_lower = 0.9,
               .winsor_upper = 0.1}});
  EXPECT_TRUE(contains(k, "criteria.d.winsor")) << k;
  k = key_of({{.name = "d", .column = "distance"}, {.name = "d", .column = "idps"}});
  EXPECT_TRUE(contains(k, "given twice")) << k;
  EXPECT_EQ(key_of({}), std::string("criteria | 'criteria': at least one criterion is needed"));
}

TEST(Criteria, TransformsThatProduceNaNAreRejected) {
  clir::Table t({"a", "b"});
  t.add_numeric("x", Eigen::Vector2d(-1.0, 3.0));
  t.add_numeric("pop", Eigen::Vector2d(0.0, 3.0));
  const std::vector<Criterion> log{{.name = "logx", .column = "x", .transforms = {clir::Transform::log1p}}};
  auto msg = message_of([&] { clir::build_decision_matrix(t, log); });
  EXPECT_TRUE(contains(msg, "criterion 'logx'") && contains(msg, "row 'a'")) << msg;
  const std::vector<Criterion> pc{
      {.name = "pc", .column = "x", .transforms = {clir::Transform::per_capita}, .population_column = "pop"}};
  msg = message_of([&] { clir::build_decision_matrix(t, pc); });
  EXPECT_TRUE(contains(msg, "criterion 'pc'") && contains(msg, "population > 0")) << msg;
}

// ---- transform chains ------------------------------------------------------------------------

using clir::Transform;

clir::Table counts_and_population() {
  clir::Table t({"r1", "r2", "r3", "r4", "r5"});
  t.add_numeric("x", std::vector<std::optional<double>>{1, 2, 3, 4, 100}, "persons");
  t.add_numeric("pop", std::vector<std::optional<double>>{1, 1, 1, 1, 100}, "persons");
  return t;
}

Eigen::VectorXd column_of(const clir::Table& t, std::vector<Transform> chain, double lower = 0.0, double upper = 0.75) {
  const std::vector<Criterion> c{{.name = "c", .column = "x", .transforms = std::move(chain), .population_column = "pop",
                                  .winsor_lower = lower, .winsor_upper = upper}};
  return clir::build_decision_matrix(t, c).values.col(0);
}

void expect_column(const Eigen::VectorXd& got, const std::vector<double>& want) {
  ASSERT_EQ(static_cast<std::size_t>(got.size()), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_DOUBLE_EQ(got(static_cast<Eigen::Index>(i)), want[i]) << i;
}

TEST(TransformChain, EmptyChainIsTheColumnAsIs) {
  expect_column(column_of(counts_and_population(), {}), {1, 2, 3, 4, 100});
  EXPECT_EQ(clir::to_string(std::vector<Transform>{}), "none");
  EXPECT_EQ(clir::to_string(std::vector<Transform>{Transform::per_capita, Transform::log1p}), "per_capita, then log1p");
}

TEST(TransformChain, PerCapitaThenLog1pDiffersFromLog1pThenPerCapita) {
  const auto t = counts_and_population();
  // log(1 + x / pop): the last row has 1 person per person.
  expect_column(column_of(t, {Transform::per_capita, Transform::log1p}),
                {std::log1p(1.0), std::log1p(2.0), std::log1p(3.0), std::log1p(4.0), std::log1p(1.0)});
  // log(1 + x) / pop: the population divides the logarithm.
  expect_column(column_of(t, {Transform::log1p, Transform::per_capita}),
                {std::log1p(1.0), std::log1p(2.0), std::log1p(3.0), std::log1p(4.0), std::log1p(100.0) / 100.0});
}

TEST(TransformChain, WinsorizeUsesTheQuantilesOfItsStep) {
  const auto t = counts_and_population();
  // Per capita first: {1, 2, 3, 4, 1}; its 0.75 quantile (type 7) is 3, so 4 is clipped to 3.
  expect_column(column_of(t, {Transform::per_capita, Transform::winsorize}), {1, 2, 3, 3, 1});
  // Winsorized first: the raw 0.75 quantile is 4, so 100 becomes 4 before division by 100.
  expect_column(column_of(t, {Transform::winsorize, Transform::per_capita}), {1, 2, 3, 4, 0.04});
  // One-element chains behave as the single transforms did.
  expect_column(column_of(t, {Transform::winsorize}), {1, 2, 3, 4, 4});
  expect_column(column_of(t, {Transform::per_capita}), {1, 2, 3, 4, 1});
}

TEST(TransformChain, MissingPopulationMakesTheValueMissingAtItsStep) {
  clir::Table t({"a", "b", "c", "d"});
  t.add_numeric("x", std::vector<std::optional<double>>{10, 20, 30, 40});
  t.add_numeric("pop", std::vector<std::optional<double>>{10, 10, std::nullopt, 10});
  const std::vector<Criterion> c{{.name = "c", .column = "x", .transforms = {Transform::log1p, Transform::per_capita},
                                  .population_column = "pop", .missing = clir::MissingValuePolicy::impute_median}};
  const auto m = clir::build_decision_matrix(t, c);
  EXPECT_EQ(m.imputed[0], 1u);
  EXPECT_DOUBLE_EQ(m.values(2, 0), std::log1p(20.0) / 10.0);  // median of the three present values
  const std::vector<Criterion> strict{{.name = "c", .column = "x", .transforms = {Transform::per_capita, Transform::log1p},
                                       .population_column = "pop"}};
  EXPECT_EQ(message_of([&] { clir::build_decision_matrix(t, strict); }),
            "'c': criterion 'c': row 'c' has no value in column 'pop' (set missing = \"impute_median\" or \"worst\" to fill it)");
}

TEST(TransformChain, RepeatedTransformsAreRejectedWithTheCriterionAndKey) {
  const auto t = counts_and_population();
  const auto error_of = [&](std::vector<Transform> chain) -> std::string {
    const std::vector<Criterion> c{{.name = "idp share", .column = "x", .transforms = std::move(chain),
                                    .population_column = "pop"}};
    try {
      clir::build_decision_matrix(t, c);
    } catch (const clir::ConfigError& e) {
      return e.key() + " | " + e.message();
    }
    return "(accepted)";
  };
  EXPECT_EQ(error_of({Transform::per_capita, Transform::log1p, Transform::per_capita}),
            "criteria.idp share.transform | criterion 'idp share': per_capita appears twice in the transform chain "
            "(per_capita, then log1p, then per_capita); each transform may be applied once");
  EXPECT_EQ(error_of({Transform::winsorize, Transform::winsorize}),
            "criteria.idp share.transform | criterion 'idp share': winsorize appears twice in the transform chain "
            "(winsorize, then winsorize); each transform may be applied once");
  EXPECT_EQ(error_of({Transform::log1p, Transform::log1p}),
            "criteria.idp share.transform | criterion 'idp share': log1p appears twice in the transform chain "
            "(log1p, then log1p); each transform may be applied once");
  EXPECT_EQ(error_of({Transform::winsorize, Transform::per_capita, Transform::log1p}), "(accepted)");
  // A per_capita anywhere in the chain needs the population column.
  const std::vector<Criterion> no_pop{{.name = "s", .column = "x", .transforms = {Transform::log1p, Transform::per_capita}}};
  EXPECT_TRUE(contains(message_of([&] { clir::build_decision_matrix(t, no_pop); }), "per_capita needs a numeric population column"));
}

TEST(TransformChain, NonFiniteValuesNameTheStep) {
  clir::Table t({"a", "b"});
  t.add_numeric("x", Eigen::Vector2d(-3.0, 3.0));
  t.add_numeric("pop", Eigen::Vector2d(1.0, 3.0));
  const std::vector<Criterion> c{{.name = "net", .column = "x", .transforms = {Transform::per_capita, Transform::log1p},
                                  .population_column = "pop"}};
  EXPECT_EQ(message_of([&] { clir::build_decision_matrix(t, c); }),
            "'net': criterion 'net': log1p needs values > -1; row 'a' has -3.000000 (after per_capita)");
}

// Properties over random columns: log1p and winsorize are nondecreasing maps, so any chain of
// them keeps the order of the raw values (ties may appear, inversions never); winsorizing at
// the [0, 1] quantiles is the identity wherever it stands; every output is finite.
TEST(TransformChain, PropertiesOnRandomColumns) {
  for (std::uint64_t trial = 0; trial < 50; ++trial) {
    auto rng = clir::Rng::stream(2024, trial);
    const std::size_t n = 3 + static_cast<std::size_t>(rng.uniform() * 20);
    std::vector<std::string> ids;
    std::vector<std::optional<double>> x, pop;
    for (std::size_t i = 0; i < n; ++i) {
      ids.emplace_back(1, 'r');
      ids.back() += std::to_string(i);
      x.emplace_back(std::exp(8.0 * rng.uniform()) - 1.0);  // skewed, >= 0
      pop.emplace_back(1.0 + 1000.0 * rng.uniform());
    }
    clir::Table t(ids);
    t.add_numeric("x", x);
    t.add_numeric("pop", pop);
    const double lower = 0.2 * rng.uniform(), upper = 1.0 - 0.2 * rng.uniform();
    for (const auto& chain : {std::vector<Transform>{Transform::log1p, Transform::winsorize},
                              std::vector<Transform>{Transform::winsorize, Transform::log1p}}) {
      const auto v = column_of(t, chain, lower, upper);
      ASSERT_TRUE(v.allFinite());
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
          if (*x[i] < *x[j]) {
            EXPECT_LE(v(static_cast<Eigen::Index>(i)), v(static_cast<Eigen::Index>(j))) << trial;
          }
        }
      }
    }
    // winsorize over [0, 1] changes nothing, before or after per_capita.
    const auto per_capita = column_of(t, {Transform::per_capita});
    EXPECT_TRUE(column_of(t, {Transform::per_capita, Transform::winsorize}, 0.0, 1.0).isApprox(per_capita, 0.0));
    EXPECT_TRUE(column_of(t, {Transform::winsorize, Transform::per_capita}, 0.0, 1.0).isApprox(per_capita, 0.0));
    // Values after per_capita then winsorize lie within the per-capita column's range.
    const auto clipped = column_of(t, {Transform::per_capita, Transform::winsorize}, lower, upper);
    EXPECT_GE(clipped.minCoeff(), per_capita.minCoeff());
    EXPECT_LE(clipped.maxCoeff(), per_capita.maxCoeff());
  }
}

TEST(Normalize, EachMethodByHand) {
  Eigen::VectorXd x(4);
  x << 1, 2, 2, 5;
  using N = clir::Normalization;
  const auto mm = clir::normalize_column(x, N::min_max);
  EXPECT_DOUBLE_EQ(mm(1), 0.25);
  EXPECT_DOUBLE_EQ(clir::normalize_column(x, N::vector)(3), 5.0 / std::sqrt(34.0));
  EXPECT_DOUBLE_EQ(clir::normalize_column(x, N::max)(0), 0.2);
  EXPECT_DOUBLE_EQ(clir::normalize_column(x, N::sum)(3), 0.5);
  const auto z = clir::normalize_column(x, N::z_score);
  EXPECT_NEAR(z.mean(), 0.0, 1e-15);
  EXPECT_NEAR(std::sqrt(z.array().square().mean()), 1.0, 1e-15);
  const auto r = clir::normalize_column(x, N::rank);  // average ranks 1, 2.5, 2.5, 4
  EXPECT_DOUBLE_EQ(r(0), 0.0);
  EXPECT_DOUBLE_EQ(r(1), 0.5);
  EXPECT_DOUBLE_EQ(r(3), 1.0);
}

TEST(Normalize, ConstantColumnRule) {
  const Eigen::VectorXd c = Eigen::VectorXd::Constant(4, 7.0);
  using N = clir::Normalization;
  EXPECT_EQ(clir::normalize_column(c, N::min_max), Eigen::VectorXd::Constant(4, 1.0));
  EXPECT_EQ(clir::normalize_column(c, N::max), Eigen::VectorXd::Constant(4, 1.0));
  EXPECT_EQ(clir::normalize_column(c, N::sum), Eigen::VectorXd::Constant(4, 0.25));
  EXPECT_EQ(clir::normalize_column(c, N::vector), Eigen::VectorXd::Constant(4, 0.5));
  EXPECT_EQ(clir::normalize_column(c, N::z_score), Eigen::VectorXd::Constant(4, 0.0));
  EXPECT_EQ(clir::normalize_column(c, N::rank), Eigen::VectorXd::Constant(4, 0.5));
  EXPECT_EQ(clir::normalize_column(Eigen::VectorXd::Zero(4), N::sum), Eigen::VectorXd::Constant(4, 0.25));
  // Not flipped for a cost criterion: a constant criterion shifts every score equally.
  Eigen::MatrixXd m = Eigen::MatrixXd::Constant(3, 1, 2.0);
  const std::vector<Direction> cost{Direction::cost};
  EXPECT_EQ(clir::normalize_oriented(m, cost, N::min_max, clir::CostFlip::one_minus), Eigen::MatrixXd::Constant(3, 1, 1.0));
}

TEST(Normalize, CostFlips) {
  Eigen::MatrixXd x(3, 1);
  x << 2, 4, 8;
  const std::vector<Direction> cost{Direction::cost};
  using N = clir::Normalization;
  const auto om = clir::normalize_oriented(x, cost, N::min_max, clir::CostFlip::one_minus);
  EXPECT_DOUBLE_EQ(om(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(om(1, 0), 4.0 / 6.0);
  const auto rc = clir::normalize_oriented(x, cost, N::max, clir::CostFlip::reciprocal);  // min / x
  EXPECT_DOUBLE_EQ(rc(1, 0), 0.5);
  EXPECT_DOUBLE_EQ(rc(2, 0), 0.25);
  const auto z = clir::normalize_oriented(x, cost, N::z_score, clir::CostFlip::one_minus);
  EXPECT_LT(z(2, 0), 0.0);  // the largest cost is the worst
  Eigen::MatrixXd zero(2, 1);
  zero << 0, 1;
  const std::vector<std::string> labels{"revenue"};
  const auto msg = message_of([&] { clir::normalize_oriented(zero, cost, N::max, clir::CostFlip::reciprocal, labels); });
  EXPECT_TRUE(contains(msg, "criterion 'revenue'")) << msg;
  Eigen::MatrixXd neg(2, 1);
  neg << -1, 1;
  EXPECT_THROW(clir::normalize_oriented(neg, std::vector<Direction>{Direction::benefit}, N::sum, clir::CostFlip::one_minus),
               clir::InputError);
}

TEST(Score, FromTableUsesIdsAndNormalizedWeights) {
  const auto t = sample();
  const std::vector<Criterion> c{
      {.column = "distance", .direction = Direction::cost, .weight = 3},
      {.column = "revenue", .direction = Direction::cost, .weight = 1, .missing = clir::MissingValuePolicy::impute_median},
  };
  const auto r = clir::score(t, c, {.method = clir::ScoringMethod::weighted_sum});
  EXPECT_EQ(r.ids, t.ids());
  EXPECT_DOUBLE_EQ(r.weights(0), 0.75);
  EXPECT_EQ(r.imputed, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(r.rank.size(), 5u);
  EXPECT_EQ(r.order.front(), 3u);  // UA04: close and poorest
  // Zero given weights are fine when another method supplies the weights.
  const std::vector<Criterion> zero{{.column = "distance", .weight = 0}, {.column = "idps", .weight = 0,
                                                                           .missing = clir::MissingValuePolicy::worst}};
  EXPECT_NO_THROW(clir::score(t, zero, {.weights = {.method = clir::WeightMethod::equal}}));
  EXPECT_THROW(clir::score(t, zero), clir::ConfigError);
}

}  // namespace

namespace {
TEST(Weights, EntropyShiftsNegativeColumnsInThePipeline) {
  clir::DecisionMatrix m;
  m.ids = {"a", "b", "c"};
  m.criteria = {"net idps", "x"};
  m.directions = {clir::Direction::benefit, clir::Direction::benefit};
  m.weights = Eigen::Vector2d(1, 1);
  m.values.resize(3, 2);
  m.values << -2, 1, 0, 2, 2, 4;
  m.imputed = {0, 0};
  Eigen::MatrixXd shifted = m.values;
  shifted.col(0).array() += 2.0;
  const auto w = clir::compute_weights(m, {.method = clir::WeightMethod::entropy});
  EXPECT_TRUE(w.isApprox(clir::entropy_weights(shifted)));
  EXPECT_THROW(clir::entropy_weights(m.values), clir::InputError);
}
}  // namespace
