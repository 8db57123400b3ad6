// Criteria over a clir::Table: transforms, missing-value policies, validation messages,
// normalizations and the constant-column rule.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
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
      {.name = "idp_share", .column = "idps", .transform = clir::Transform::per_capita,
       .population_column = "population", .per_capita_scale = 1000, .missing = clir::MissingValuePolicy::impute_median},
      {.name = "log_distance", .column = "distance", .direction = Direction::cost, .transform = clir::Transform::log1p},
      {.name = "w_distance", .column = "distance", .transform = clir::Transform::winsorize, .winsor_lower = 0.0,
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
  k = key_of({{.name = "share", .column = "idps", .transform = clir::Transform::per_capita}});
  EXPECT_TRUE(contains(k, "criteria.share.population_column")) << k;
  k = key_of({{.name = "d", .column = "distance", .transform = clir::Transform::winsorize, .winsor_lower = 0.9,
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
  const std::vector<Criterion> log{{.name = "logx", .column = "x", .transform = clir::Transform::log1p}};
  auto msg = message_of([&] { clir::build_decision_matrix(t, log); });
  EXPECT_TRUE(contains(msg, "criterion 'logx'") && contains(msg, "row 'a'")) << msg;
  const std::vector<Criterion> pc{
      {.name = "pc", .column = "x", .transform = clir::Transform::per_capita, .population_column = "pop"}};
  msg = message_of([&] { clir::build_decision_matrix(t, pc); });
  EXPECT_TRUE(contains(msg, "criterion 'pc'") && contains(msg, "population > 0")) << msg;
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
