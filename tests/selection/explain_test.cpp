// Inverse scoring: constructed pools whose true rule is known (the method must find a rule that
// selects the same set, and the true weights must lie in the reported ranges), and cases that
// cannot be explained (with a message saying why).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/explain.hpp"

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

struct Case {
  clir::Table table;
  std::vector<clir::Criterion> criteria;
  Eigen::MatrixXd values;  // rows × criteria, each column spanning exactly [0, 1]
};

// n candidates with m criteria drawn uniformly, each column stretched to [0, 1] so that the
// min-max normalization is the identity; "c1" is a cost criterion (stored as 1 - value).
Case make_case(std::size_t n, std::size_t m, std::uint64_t seed, std::size_t categories = 4) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) ids.push_back("R" + std::to_string(1000 + i));
  Case c{clir::Table(ids), {}, Eigen::MatrixXd(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(m))};
  clir::Rng rng(seed);
  for (std::size_t j = 0; j < m; ++j) {
    Eigen::VectorXd col(static_cast<Eigen::Index>(n));
    for (Eigen::Index i = 0; i < col.size(); ++i) col(i) = rng.uniform();
    col = (col.array() - col.minCoeff()) / (col.maxCoeff() - col.minCoeff());
    c.values.col(static_cast<Eigen::Index>(j)) = col;
    const bool cost = j == 1;
    c.table.add_numeric("c" + std::to_string(j), cost ? Eigen::VectorXd(1.0 - col.array()) : col);
    c.criteria.push_back({.name = "c" + std::to_string(j), .column = "c" + std::to_string(j),
                          .direction = cost ? clir::Direction::cost : clir::Direction::benefit});
  }
  std::vector<std::string> cat;
  for (std::size_t i = 0; i < n; ++i) cat.push_back("K" + std::to_string(i % categories));
  c.table.add_categorical("oblast", cat);
  return c;
}

std::vector<std::string> top_ids(const clir::Table& t, const Eigen::VectorXd& score, std::size_t count) {
  const auto order = clir::order_descending(score);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < count; ++k) out.push_back(t.ids()[order[k]]);
  return out;
}

std::vector<std::string> top_by_result(const Case& c, const clir::ExplainResult& r, std::size_t count) {
  return top_ids(c.table, c.values * r.weights, count);
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(Explain, ParsesObjectivesAndModels) {
  EXPECT_EQ(clir::parse_enum<clir::ExplainObjective>("max_members", "explain.objective"), clir::ExplainObjective::max_members);
  EXPECT_EQ(clir::parse_enum<clir::ExplainObjective>("max_margin", "explain.objective"), clir::ExplainObjective::max_margin);
  EXPECT_EQ(clir::parse_enum<clir::ExplainObjective>("min_violations", "explain.objective"), clir::ExplainObjective::min_violations);
  EXPECT_EQ(clir::parse_enum<clir::ExplainModel>("piecewise", "explain.model"), clir::ExplainModel::piecewise);
  EXPECT_EQ(clir::to_string(clir::ExplainModel::linear), "linear");
  EXPECT_THROW(clir::parse_enum<clir::ExplainObjective>("most", "explain.objective"), clir::ConfigError);
}

// A reference that is the top 10 of a known linear rule: every objective finds a rule that
// selects exactly it, and the true weights lie within every reported range.
TEST(Explain, RecoversAKnownLinearRuleOrItsEquivalenceClass) {
  const Case c = make_case(80, 3, 7);
  const Eigen::Vector3d truth(0.5, 0.3, 0.2);
  const auto reference = top_ids(c.table, c.values * truth, 10);
  for (auto objective : {clir::ExplainObjective::max_members, clir::ExplainObjective::max_margin,
                         clir::ExplainObjective::min_violations}) {
    SCOPED_TRACE(std::string(clir::to_string(objective)));
    const auto r = clir::explain_selection(c.table, c.criteria, reference, {.objective = objective});
    EXPECT_EQ(r.members_in_top, 10u);
    EXPECT_TRUE(r.proven_optimal);
    EXPECT_GT(r.margin, 0.0);
    EXPECT_NEAR(r.violations, 0.0, 1e-9);
    EXPECT_NEAR(r.weights.sum(), 1.0, 1e-9);
    EXPECT_TRUE(r.displacers.empty());
    EXPECT_EQ(sorted(top_by_result(c, r, 10)), sorted(reference));
    ASSERT_EQ(r.stability.size(), 3u);
    for (std::size_t j = 0; j < 3; ++j) {
      EXPECT_LE(r.stability[j].min, r.stability[j].weight + 1e-9);
      EXPECT_GE(r.stability[j].max, r.stability[j].weight - 1e-9);
    }
    if (objective != clir::ExplainObjective::max_margin) {
      // The ranges span the rules that select the reference: the true rule is one of them.
      for (std::size_t j = 0; j < 3; ++j) {
        EXPECT_LE(r.stability[j].min, truth(static_cast<Eigen::Index>(j)) + 1e-6) << j;
        EXPECT_GE(r.stability[j].max, truth(static_cast<Eigen::Index>(j)) - 1e-6) << j;
      }
    }
    for (const auto& m : r.members) {
      EXPECT_TRUE(m.in_top);
      EXPECT_LE(m.rank, 10u);
    }
  }
}

// With two criteria the rules form a segment; a reference on a knife's edge pins the weight down.
TEST(Explain, MarginPinsTheWeightsWhenOneRuleSeparates) {
  // Candidates on a line: a and b trade off; the reference {A, B} beats {C, D} only near w = 0.5.
  clir::Table t({"A", "B", "C", "D"});
  t.add_numeric("x", Eigen::Vector4d(1.0, 0.0, 0.9, 0.1));
  t.add_numeric("y", Eigen::Vector4d(0.0, 1.0, 0.1, 0.9));
  // Scores at weight w on x: A = w, B = 1 - w, C = 0.1 + 0.8w, D = 0.9 - 0.8w. A > D needs
  // w > 0.5, B > C needs w < 0.5: only a rule near the balance ties, none separates.
  std::vector<clir::Criterion> crit{{.column = "x"}, {.column = "y"}};
  const std::vector<std::string> reference{"A", "B"};
  const auto r = clir::explain_selection(t, crit, reference, {.objective = clir::ExplainObjective::max_margin});
  EXPECT_LE(r.margin, 0.0);
  EXPECT_NEAR(r.weights(0), 0.5, 1e-6);
  EXPECT_NEAR(r.stability[0].min, 0.5, 1e-5);
  EXPECT_NEAR(r.stability[0].max, 0.5, 1e-5);
  const auto best = clir::explain_selection(t, crit, reference, {});
  EXPECT_EQ(best.members_in_top, 1u);  // no rule puts both above both others
  EXPECT_EQ(best.upper_bound, std::optional<std::size_t>(1));  // the largest margin is 0: not both
  EXPECT_TRUE(best.proven_optimal);
  ASSERT_EQ(best.displacers.size(), 1u);
}

// A concave value function (diminishing returns on c0) that no linear weighting reproduces
// exactly is recovered by the piecewise model.
TEST(Explain, PiecewiseModelRecoversADiminishingReturnsRule) {
  const Case c = make_case(120, 2, 11);
  Eigen::VectorXd truth(c.values.rows());
  for (Eigen::Index i = 0; i < truth.size(); ++i) {
    truth(i) = 0.5 * std::min(1.0, 3.0 * c.values(i, 0)) + 0.5 * c.values(i, 1);
  }
  const auto reference = top_ids(c.table, truth, 12);
  const auto uta = clir::explain_selection(c.table, c.criteria, reference,
                                           {.model = clir::ExplainModel::piecewise, .segments = 3});
  EXPECT_EQ(uta.members_in_top, 12u);
  ASSERT_EQ(uta.value_functions.size(), 2u);
  ASSERT_EQ(uta.value_functions[0].size(), 4u);  // 0, 1/3, 2/3, 1
  for (const auto& f : uta.value_functions) {
    EXPECT_EQ(f.front(), 0.0);
    EXPECT_TRUE(std::is_sorted(f.begin(), f.end()));
  }
  EXPECT_NEAR(uta.weights.sum(), 1.0, 1e-9);
  const auto linear = clir::explain_selection(c.table, c.criteria, reference, {});
  EXPECT_LE(linear.members_in_top, uta.members_in_top);
}

TEST(Explain, BoundsAreRespectedAndInconsistentBoundsAreInfeasible) {
  const Case c = make_case(60, 3, 3);
  const auto reference = top_ids(c.table, c.values * Eigen::Vector3d(0.6, 0.2, 0.2), 6);
  const auto r = clir::explain_selection(c.table, c.criteria, reference,
                                         {.bounds = {{.criterion = "c0", .max = 0.3}, {.criterion = "c2", .min = 0.4}}});
  EXPECT_LE(r.weights(0), 0.3 + 1e-9);
  EXPECT_GE(r.weights(2), 0.4 - 1e-9);
  EXPECT_LE(r.stability[0].max, 0.3 + 1e-9);
  try {
    clir::explain_selection(c.table, c.criteria, reference,
                            {.bounds = {{.criterion = "c0", .min = 0.6}, {.criterion = "c1", .min = 0.5}}});
    FAIL() << "expected Infeasible";
  } catch (const clir::Infeasible& e) {
    EXPECT_TRUE(contains(e.what(), "minimum weights add up to")) << e.what();
    EXPECT_TRUE(contains(e.what(), "c0")) << e.what();
  }
  EXPECT_THROW(clir::explain_selection(c.table, c.criteria, reference, {.bounds = {{.criterion = "nope", .max = 0.1}}}),
               clir::ConfigError);
  EXPECT_THROW(clir::explain_selection(c.table, c.criteria, reference, {.bounds = {{.criterion = "c0", .max = 1.5}}}),
               clir::ConfigError);
}

TEST(Explain, ReferenceMistakesAreClearErrors) {
  const Case c = make_case(30, 2, 5);
  const std::vector<std::string> unknown{"R1000", "X9"};
  try {
    clir::explain_selection(c.table, c.criteria, unknown);
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_TRUE(contains(e.what(), "'X9' is not among the 30 candidates")) << e.what();
  }
  const std::vector<std::string> twice{"R1000", "R1000"};
  EXPECT_THROW(clir::explain_selection(c.table, c.criteria, twice), clir::InputError);
  const std::vector<std::string> one{"R1000"};
  EXPECT_THROW(clir::explain_selection(c.table, c.criteria, one, {.count = 40}), clir::ConfigError);
}

// A member that N non-members beat on every criterion can never be selected: it is named, and the
// best rule still selects the rest.
TEST(Explain, DominatedMembersAreNamedAsUnreachable) {
  clir::Table t({"A", "B", "C", "D", "E"});
  t.add_numeric("x", (Eigen::VectorXd(5) << 1.0, 0.0, 0.5, 0.6, 0.2).finished());
  t.add_numeric("y", (Eigen::VectorXd(5) << 0.0, 0.1, 0.6, 0.5, 1.0).finished());
  std::vector<clir::Criterion> crit{{.column = "x"}, {.column = "y"}};
  // B (0, 0.1) is beaten on both criteria by C, D and E: with N = 2 it cannot be selected.
  const std::vector<std::string> reference{"A", "B"};
  const auto r = clir::explain_selection(t, crit, reference);
  ASSERT_EQ(r.unreachable, std::vector<std::string>{"B"});
  EXPECT_EQ(r.members[1].dominated_by, 3u);
  EXPECT_EQ(r.members_in_top, 1u);
  EXPECT_TRUE(r.members[0].in_top);
  EXPECT_FALSE(r.members[1].in_top);
  ASSERT_EQ(r.displacers.size(), 1u);
}

// Quotas: the rule's selection under a cap per category is reported beside the plain top N.
TEST(Explain, ReportsTheSelectionUnderQuotas) {
  const Case c = make_case(60, 3, 9, 3);
  const Eigen::Vector3d truth(0.2, 0.3, 0.5);
  const auto reference = top_ids(c.table, c.values * truth, 9);
  clir::ExplainOptions options;
  options.selection.quotas.push_back({.column = "oblast", .max = 3});
  const auto r = clir::explain_selection(c.table, c.criteria, reference, options);
  ASSERT_TRUE(r.members_selected.has_value());
  EXPECT_EQ(r.members_in_top, 9u);
  std::size_t selected = 0;
  for (const auto& m : r.members) {
    ASSERT_TRUE(m.selected.has_value());
    selected += *m.selected ? 1 : 0;
  }
  EXPECT_EQ(selected, *r.members_selected);
  // The displacers are the non-members the quota selection takes instead.
  EXPECT_EQ(r.displacers.size(), 9u - *r.members_selected);
}

// The MIP drops non-members that cannot change its optimum; the answer is the same as without
// the reduction would give: checked against the count of an exhaustive scan of two-criteria rules.
TEST(Explain, MaxMembersMatchesAnExhaustiveScanOnTwoCriteria) {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u}) {
    const Case c = make_case(50, 2, seed);
    // A reference that no single rule selects: the top 5 of one rule and 3 of another's.
    auto a = top_ids(c.table, c.values * Eigen::Vector2d(0.9, 0.1), 5);
    const auto b = top_ids(c.table, c.values * Eigen::Vector2d(0.1, 0.9), 8);
    for (const auto& id : b) {
      if (a.size() < 8 && std::find(a.begin(), a.end(), id) == a.end()) a.push_back(id);
    }
    const auto r = clir::explain_selection(c.table, c.criteria, a);
    std::size_t best = 0;
    for (int step = 0; step <= 20000; ++step) {
      const double w = step / 20000.0;
      const auto top = top_ids(c.table, c.values * Eigen::Vector2d(w, 1.0 - w), 8);
      std::size_t hits = 0;
      for (const auto& id : top) hits += std::find(a.begin(), a.end(), id) != a.end() ? 1 : 0;
      best = std::max(best, hits);
    }

    EXPECT_EQ(r.members_in_top, best) << "seed " << seed;
    EXPECT_TRUE(r.proven_optimal);
  }
}

// The progress callback (issue #26: "--explain should say it takes about 20 s and show progress"):
// told where the search is, in stage order, with an estimate from the measured solver calls that
// counts the MIP's time limit while the MIP is ahead; it never changes the result.
TEST(Explain, ProgressIsToldInStageOrderWithAMeasuredEstimate) {
  const Case c = make_case(80, 4, 3);
  auto reference = top_ids(c.table, c.values * Eigen::Vector4d(0.7, 0.1, 0.1, 0.1), 6);
  for (const auto& id : top_ids(c.table, c.values * Eigen::Vector4d(0.1, 0.1, 0.1, 0.7), 12)) {
    if (reference.size() < 10 && std::find(reference.begin(), reference.end(), id) == reference.end()) reference.push_back(id);
  }
  clir::ExplainOptions options;
  options.time_limit_seconds = 5.0;
  const auto quiet = clir::explain_selection(c.table, c.criteria, reference, options);

  struct Seen {
    std::string stage;
    clir::ExplainProgress p;
  };
  std::vector<Seen> seen;
  options.progress = [&seen](const clir::ExplainProgress& p) { seen.push_back({std::string(p.stage), p}); };
  const auto told = clir::explain_selection(c.table, c.criteria, reference, options);
  EXPECT_EQ(told.weights, quiet.weights);
  EXPECT_EQ(told.members_in_top, quiet.members_in_top);

  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front().stage, "rules");
  EXPECT_FALSE(seen.front().p.estimated);  // nothing measured yet
  const std::vector<std::string> order{"rules", "greedy start", "MIP", "stability"};
  std::size_t last_stage = 0, last_calls = 0;
  double last_elapsed = 0.0;
  std::size_t stability_calls = 0;
  for (const auto& [stage, p] : seen) {
    const auto at = static_cast<std::size_t>(std::find(order.begin(), order.end(), stage) - order.begin());
    ASSERT_LT(at, order.size()) << stage;
    EXPECT_GE(at, last_stage) << stage;
    EXPECT_GE(p.solver_calls, last_calls);
    EXPECT_LE(p.solver_calls, last_calls + 1);
    EXPECT_GE(p.elapsed_seconds, last_elapsed);
    if (p.solver_calls > 0) {
      EXPECT_TRUE(p.estimated);
      EXPECT_GE(p.remaining_seconds, p.mip_seconds);
      EXPECT_GE(p.mip_seconds, 0.0);
      EXPECT_LE(p.mip_seconds, options.time_limit_seconds);
    }
    // The MIP is ahead during the first LPs: its time limit is counted in full.
    if (stage == "rules" && p.solver_calls > 0) {
      EXPECT_DOUBLE_EQ(p.mip_seconds, options.time_limit_seconds);
      // ... plus the measured time of the solver calls still planned (the other LP, the
      // greedy's and the stability LPs).
      EXPECT_GT(p.remaining_seconds, p.mip_seconds);
    }
    if (stage == "stability") {
      EXPECT_EQ(p.mip_seconds, 0.0);
      ++stability_calls;
    }
    last_stage = at;
    last_calls = p.solver_calls;
    last_elapsed = p.elapsed_seconds;
  }
  EXPECT_EQ(seen.back().stage, "stability");
  EXPECT_EQ(stability_calls, 1 + 2 * c.criteria.size());  // entering, then each of the 2m LPs
  EXPECT_EQ(seen.back().p.remaining_seconds, 0.0);
}

TEST(Explain, AProgressCallbackThatThrowsStopsTheSearch) {
  const Case c = make_case(40, 3, 4);
  const auto reference = top_ids(c.table, c.values * Eigen::Vector3d(0.2, 0.3, 0.5), 5);
  clir::ExplainOptions options;
  options.progress = [](const clir::ExplainProgress& p) {
    if (p.solver_calls == 1) throw std::runtime_error("cancelled");
  };
  EXPECT_THROW((void)clir::explain_selection(c.table, c.criteria, reference, options), std::runtime_error);
}

}  // namespace
