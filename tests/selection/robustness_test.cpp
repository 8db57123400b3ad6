// Monte Carlo weight robustness (determinism across thread counts, invariants), leave one
// criterion out, and rank agreement measures.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/selection/robustness.hpp"

namespace {

// 60 alternatives × 4 criteria of random data, two oblasts of categories for quotas.
struct Case {
  clir::Table table;
  std::vector<clir::Criterion> criteria;
};

Case make_case(std::size_t n = 60) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) {
    std::string id = "UA";
    id += std::to_string(100 + i);
    ids.push_back(std::move(id));
  }
  Case c{clir::Table(ids), {}};
  clir::Rng rng(7);
  std::vector<std::string> oblast;
  for (int j = 0; j < 4; ++j) {
    Eigen::VectorXd v(static_cast<Eigen::Index>(n));
    for (auto& x : v) x = 1.0 + 100.0 * rng.uniform();
    c.table.add_numeric("c" + std::to_string(j), v);
  }
  for (std::size_t i = 0; i < n; ++i) oblast.push_back(i % 3 == 0 ? "A" : (i % 3 == 1 ? "B" : "C"));
  c.table.add_categorical("oblast", oblast);
  c.criteria = {{.column = "c0", .weight = 0.4},
                {.column = "c1", .direction = clir::Direction::cost, .weight = 0.3},
                {.column = "c2", .weight = 0.2},
                {.column = "c3", .weight = 0.1}};
  return c;
}

void expect_identical(const clir::MonteCarloResult& a, const clir::MonteCarloResult& b) {
  EXPECT_EQ(a.rank_acceptability, b.rank_acceptability);
  EXPECT_EQ(a.mean_rank, b.mean_rank);
  EXPECT_EQ(a.selection_probability, b.selection_probability);
  EXPECT_EQ(a.central_weights, b.central_weights);
  EXPECT_EQ(a.best_rank, b.best_rank);
  EXPECT_EQ(a.worst_rank, b.worst_rank);
}

TEST(MonteCarlo, IdenticalForOneTwoAndEightThreads) {
  const auto c = make_case();
  const auto m = clir::build_decision_matrix(c.table, c.criteria);
  const clir::PreparedScoring prepared(m, {.method = clir::ScoringMethod::topsis});
  const Eigen::VectorXd w = clir::normalize_weights(m.weights);
  std::vector<std::size_t> all(c.table.rows());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const clir::QuotaSelector selector(c.table, all, {.count = 9, .quotas = {{.column = "oblast", .max = 4}}});
  for (auto sampling : {clir::WeightSampling::dirichlet, clir::WeightSampling::uniform_simplex}) {
    const auto one = clir::monte_carlo(prepared, w, {.draws = 500, .sampling = sampling, .seed = 42, .threads = 1}, &selector);
    const auto two = clir::monte_carlo(prepared, w, {.draws = 500, .sampling = sampling, .seed = 42, .threads = 2}, &selector);
    const auto eight = clir::monte_carlo(prepared, w, {.draws = 500, .sampling = sampling, .seed = 42, .threads = 8}, &selector);
    expect_identical(one, two);
    expect_identical(one, eight);
    const auto other = clir::monte_carlo(prepared, w, {.draws = 500, .sampling = sampling, .seed = 43, .threads = 2}, &selector);
    EXPECT_NE(one.mean_rank, other.mean_rank);  // the seed matters
  }
}

// With the MIP forced every draw's selection is a GLPK integer program (solved concurrently
// when GLPK is re-entrant); the results must still not depend on the thread count.
TEST(MonteCarlo, MipSelectionPerDrawIsThreadCountFree) {
  const auto c = make_case(24);
  const auto m = clir::build_decision_matrix(c.table, c.criteria);
  const clir::PreparedScoring prepared(m, {.method = clir::ScoringMethod::vikor});
  std::vector<std::size_t> all(c.table.rows());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const clir::QuotaSelector selector(
      c.table, all,
      {.count = 4,
       .quotas = {{.column = "oblast", .max = 2}},
       .distinct = {{.column = "oblast", .at_least = 3}},
       .solver = clir::SelectionSolver::mip});
  ASSERT_EQ(selector.solver(), clir::SelectionSolver::mip);
  const Eigen::VectorXd w = clir::normalize_weights(m.weights);
  const auto one = clir::monte_carlo(prepared, w, {.draws = 24, .seed = 3, .threads = 1}, &selector);
  const auto two = clir::monte_carlo(prepared, w, {.draws = 24, .seed = 3, .threads = 2}, &selector);
  expect_identical(one, two);
  EXPECT_NEAR(one.selection_probability.sum(), 4.0, 1e-12);
}

TEST(MonteCarlo, RadixOrderEqualsTheComparisonOrder) {
  clir::Rng rng(11);
  for (int trial = 0; trial < 20; ++trial) {
    Eigen::VectorXd s(300);
    for (auto& x : s) {
      // Ties, signs, zeros of both signs, tiny and huge magnitudes.
      const auto pick = rng.below(6);
      x = pick == 0 ? 0.0 : pick == 1 ? -0.0 : pick == 2 ? std::round(rng.uniform() * 4.0) / 4.0
          : pick == 3 ? -rng.uniform() * 1e-300 : pick == 4 ? (rng.uniform() - 0.5) * 1e300 : rng.normal();
    }
    EXPECT_EQ(clir::detail::radix_order_descending(s), clir::order_descending(s)) << "trial " << trial;
  }
  EXPECT_TRUE(clir::detail::radix_order_descending(Eigen::VectorXd()).empty());
}

TEST(MonteCarlo, SharesAddUp) {
  const auto c = make_case();
  const auto m = clir::build_decision_matrix(c.table, c.criteria);
  for (auto method : {clir::ScoringMethod::weighted_sum, clir::ScoringMethod::topsis, clir::ScoringMethod::vikor,
                      clir::ScoringMethod::promethee_ii}) {
    const clir::PreparedScoring prepared(m, {.method = method});
    std::vector<std::size_t> all(c.table.rows());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    const clir::QuotaSelector selector(c.table, all, {.count = 9, .quotas = {{.column = "oblast", .max = 4}}});
    const auto r = clir::monte_carlo(prepared, clir::normalize_weights(m.weights),
                                     {.draws = 300, .rank_bands = {1, 9, 30}}, &selector);
    EXPECT_EQ(r.band_edges, (std::vector<std::size_t>{1, 9, 30, 60}));
    // Each draw selects 9 and puts every alternative in one band.
    EXPECT_NEAR(r.selection_probability.sum(), 9.0, 1e-12);
    for (Eigen::Index i = 0; i < r.rank_acceptability.rows(); ++i) {
      EXPECT_NEAR(r.rank_acceptability.row(i).sum(), 1.0, 1e-12);
      if (r.selection_probability(i) > 0) {
        EXPECT_NEAR(r.central_weights.row(i).sum(), 1.0, 1e-8);
      }
      EXPECT_LE(r.best_rank[static_cast<std::size_t>(i)], r.worst_rank[static_cast<std::size_t>(i)]);
    }
    EXPECT_NEAR(r.rank_acceptability.col(0).sum(), 1.0, 1e-12);       // one first place per draw
    EXPECT_NEAR(r.mean_rank.sum(), 60.0 * 61.0 / 2.0, 1e-9);           // ranks 1..n each draw
  }
}

TEST(MonteCarlo, HighConcentrationReproducesTheBaseRanking) {
  const auto c = make_case();
  const auto m = clir::build_decision_matrix(c.table, c.criteria);
  const clir::PreparedScoring prepared(m, {.method = clir::ScoringMethod::weighted_sum});
  const Eigen::VectorXd w = clir::normalize_weights(m.weights);
  const auto base_rank = clir::rank_descending(prepared.evaluate(w));
  const auto r = clir::monte_carlo(prepared, w, {.draws = 200, .concentration = 1e7});
  int stable = 0;
  for (std::size_t i = 0; i < base_rank.size(); ++i) {
    stable += std::abs(r.mean_rank(static_cast<Eigen::Index>(i)) - static_cast<double>(base_rank[i])) < 0.5;
  }
  EXPECT_GE(stable, 55);  // near-identical weights: (almost) every rank as in the base scoring
  // A low concentration spreads the ranks.
  const auto loose = clir::monte_carlo(prepared, w, {.draws = 200, .concentration = 2.0});
  std::size_t spread = 0;
  for (std::size_t i = 0; i < base_rank.size(); ++i) spread += loose.worst_rank[i] - loose.best_rank[i];
  EXPECT_GT(spread, 60u * 5u);
}

TEST(MonteCarlo, DirichletIsCentredOnTheWeightsAndKeepsZeros) {
  Eigen::VectorXd base(3);
  base << 0.5, 0.5, 0.0;
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(3);
  for (std::uint64_t d = 0; d < 4000; ++d) {
    clir::Rng rng = clir::Rng::stream(5, d);
    const auto w = clir::draw_weights(rng, base, clir::WeightSampling::dirichlet, 20.0);
    EXPECT_NEAR(w.sum(), 1.0, 1e-12);
    EXPECT_EQ(w(2), 0.0);
    mean += w;
  }
  mean /= 4000.0;
  EXPECT_NEAR(mean(0), 0.5, 0.01);
  // Uniform on the simplex: each component has mean 1/3.
  Eigen::VectorXd u = Eigen::VectorXd::Zero(3);
  for (std::uint64_t d = 0; d < 6000; ++d) {
    clir::Rng rng = clir::Rng::stream(6, d);
    u += clir::draw_weights(rng, base, clir::WeightSampling::uniform_simplex, 1.0);
  }
  u /= 6000.0;
  for (int j = 0; j < 3; ++j) EXPECT_NEAR(u(j), 1.0 / 3.0, 0.015);
}

TEST(MonteCarlo, BadOptionsAreRejected) {
  const auto c = make_case(10);
  const auto m = clir::build_decision_matrix(c.table, c.criteria);
  const clir::PreparedScoring prepared(m, {});
  const Eigen::VectorXd w = clir::normalize_weights(m.weights);
  EXPECT_THROW(clir::monte_carlo(prepared, w, {.draws = 0}), clir::ConfigError);
  EXPECT_THROW(clir::monte_carlo(prepared, w, {.concentration = -1}), clir::ConfigError);
  EXPECT_THROW(clir::monte_carlo(prepared, w, {.rank_bands = {5, 3}}), clir::ConfigError);
  EXPECT_THROW(clir::monte_carlo(prepared, Eigen::VectorXd::Ones(2), {}), clir::ConfigError);
  EXPECT_EQ(clir::parse_enum<clir::WeightSampling>("uniform_simplex", "robustness.sampling"), clir::WeightSampling::uniform_simplex);
  EXPECT_EQ(clir::parse_enum<clir::WeightSampling>("uniform", "robustness.sampling"), clir::WeightSampling::uniform_simplex);
  EXPECT_EQ(clir::to_string(clir::WeightSampling::uniform_simplex), "uniform_simplex");
  EXPECT_THROW(clir::parse_enum<clir::WeightSampling>("normal", "robustness.sampling"), clir::ConfigError);
}

TEST(RankAgreement, HandComputedValues) {
  Eigen::VectorXd a(4), b(4);
  a << 4, 3, 2, 1;
  b << 4, 2, 3, 1;
  // One swapped pair: Spearman 1 - 6·2/(4·15) = 0.8; Kendall (5 - 1)/6.
  EXPECT_NEAR(clir::spearman_rho(a, b), 0.8, 1e-12);
  EXPECT_NEAR(clir::kendall_tau_b(a, b), 4.0 / 6.0, 1e-12);
  EXPECT_NEAR(clir::top_overlap(a, b, 2), 0.5, 1e-12);
  EXPECT_NEAR(clir::top_overlap(a, b, 3), 1.0, 1e-12);
  // With a tie in a: 5 concordant, 0 discordant, 1 tie → 5 / sqrt(5 · 6).
  Eigen::VectorXd t(4), u(4);
  t << 1, 2, 2, 3;
  u << 1, 2, 3, 4;
  EXPECT_NEAR(clir::kendall_tau_b(t, u), 5.0 / std::sqrt(30.0), 1e-12);
  EXPECT_NEAR(clir::kendall_tau_b(a, -a), -1.0, 1e-12);
  EXPECT_NEAR(clir::spearman_rho(a, -a), -1.0, 1e-12);
  EXPECT_EQ(clir::kendall_tau_b(a, Eigen::VectorXd::Ones(4)), 0.0);
  EXPECT_THROW(clir::rank_agreement(a, Eigen::VectorXd::Ones(3), 2), clir::ConfigError);
}

TEST(LeaveOneOut, DroppingACriterionIsReported) {
  const auto c = make_case();
  const auto m = clir::build_decision_matrix(c.table, c.criteria);
  const clir::PreparedScoring prepared(m, {.method = clir::ScoringMethod::weighted_sum});
  const Eigen::VectorXd w = clir::normalize_weights(m.weights);
  const auto drops = clir::leave_one_criterion_out(prepared, w, 10);
  ASSERT_EQ(drops.size(), 4u);
  for (const auto& d : drops) {
    EXPECT_EQ(d.entered.size(), d.left.size());
    EXPECT_NEAR(d.weights.sum(), 1.0, 1e-12);
    EXPECT_LT(d.agreement.spearman, 1.0);
    EXPECT_NEAR(d.agreement.top_overlap, 1.0 - static_cast<double>(d.left.size()) / 10.0, 1e-12);
  }
  EXPECT_EQ(drops[0].criterion, "c0");
  EXPECT_EQ(drops[0].weights(0), 0.0);
  // The heaviest criterion moves the ranking most.
  EXPECT_LT(drops[0].agreement.spearman, drops[3].agreement.spearman);
}

}  // namespace
