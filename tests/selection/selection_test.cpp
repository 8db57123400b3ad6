// Eligibility rules, exact quota selection (greedy vs GLPK vs brute force), infeasibility
// analysis and explanations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/selection/eligibility.hpp"
#include "clir/selection/select.hpp"

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// n applicants with a score column, an oblast (k categories) and a type (3 categories).
// Scores are rounded to one decimal so that ties occur.
struct Pool {
  clir::Table table;
  clir::ScoreResult scores;
};

Pool make_pool(std::size_t n, std::size_t oblasts, std::uint64_t seed, double rounding = 10.0) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) {
    std::string id = "UA";
    id += std::to_string(1000 + i);
    ids.push_back(std::move(id));
  }
  Pool p{clir::Table(ids), {}};
  clir::Rng rng(seed);
  std::vector<std::string> oblast, type;
  Eigen::VectorXd s(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    std::string name = "O";  // appended, not "O" + ...: GCC 12 warns falsely (-Wrestrict) on that
    name += std::to_string(rng.below(oblasts));
    oblast.push_back(std::move(name));
    type.push_back(std::array<const char*, 3>{"city", "settlement", "village"}[rng.below(3)]);
    s(static_cast<Eigen::Index>(i)) = std::round(rng.uniform() * rounding) / rounding;
  }
  p.table.add_categorical("oblast", oblast);
  p.table.add_categorical("type", type);
  p.table.add_numeric("occupied", Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n)));
  p.scores.ids = ids;
  p.scores.score = s;
  return p;
}


// ---- eligibility ---------------------------------------------------------------------------

TEST(Eligibility, RulesParseAndDescribe) {
  auto r = clir::parse_eligibility_rule("occupation_ongoing == 0", "not under ongoing occupation");
  EXPECT_EQ(r.kind, clir::RuleKind::compare);
  EXPECT_EQ(r.op, clir::CompareOp::eq);
  EXPECT_EQ(r.describe(), "occupation_ongoing == 0");
  EXPECT_EQ(r.label(), "not under ongoing occupation");
  r = clir::parse_eligibility_rule("oblast_en in {Kyivska, \"Chernihivska\", Sumska}");
  EXPECT_EQ(r.kind, clir::RuleKind::in_set);
  EXPECT_EQ(r.values, (std::vector<std::string>{"Kyivska", "Chernihivska", "Sumska"}));
  EXPECT_EQ(r.label(), "oblast_en in {Kyivska, Chernihivska, Sumska}");
  EXPECT_EQ(clir::parse_eligibility_rule("oblast_uk not in {Київська}").kind, clir::RuleKind::not_in_set);
  EXPECT_EQ(clir::parse_eligibility_rule("population_2022 >= 2.5e3").value, 2500.0);
  EXPECT_EQ(clir::parse_eligibility_rule("area_km2 is not missing").kind, clir::RuleKind::present);
  EXPECT_EQ(clir::parse_eligibility_rule("area_km2 is missing").kind, clir::RuleKind::absent);
  for (const char* bad : {"== 3", "x ~ 3", "x >= abc", "x in {}", "x in Kyivska"}) {
    try {
      clir::parse_eligibility_rule(bad);
      ADD_FAILURE() << bad;
    } catch (const clir::ConfigError& e) {
      EXPECT_EQ(e.key(), "eligibility");
      EXPECT_TRUE(contains(e.what(), bad)) << e.what();
    }
  }
}

TEST(Eligibility, EachExcludedApplicantCarriesItsRules) {
  clir::Table t({"a", "b", "c", "d"});
  t.add_numeric("occupied", std::vector<std::optional<double>>{0, 1, 0, std::nullopt});
  t.add_categorical("oblast", {"Kyivska", "Kyivska", "Zhytomyrska", "Sumska"});
  const std::vector<clir::EligibilityRule> rules{
      clir::parse_eligibility_rule("occupied == 0", "not under ongoing occupation"),
      clir::parse_eligibility_rule("oblast not in {Zhytomyrska}"),
  };
  const auto e = clir::check_eligibility(t, rules);
  EXPECT_EQ(e.eligible, (std::vector<bool>{true, false, false, false}));
  EXPECT_EQ(e.eligible_rows, (std::vector<std::size_t>{0}));
  EXPECT_EQ(e.excluded_by(1), std::optional<std::size_t>(0));
  EXPECT_EQ(e.excluded_by(2), std::optional<std::size_t>(1));
  EXPECT_EQ(e.reason(2), "oblast not in {Zhytomyrska}");
  EXPECT_EQ(e.reason(3), "not under ongoing occupation");  // missing fails unless missing_passes
  EXPECT_EQ(e.excluded_count, (std::vector<std::size_t>{2, 1}));
  auto lenient = rules;
  lenient[0].missing_passes = true;
  EXPECT_TRUE(clir::check_eligibility(t, lenient).eligible[3]);

  auto unknown = rules;
  unknown.push_back(clir::parse_eligibility_rule("nope > 1", "size"));
  try {
    clir::check_eligibility(t, unknown);
    FAIL();
  } catch (const clir::ConfigError& err) {
    EXPECT_EQ(err.key(), "eligibility[2].column");
    EXPECT_TRUE(contains(err.what(), "rule 'size'")) << err.what();
  }
  const std::vector<clir::EligibilityRule> text_compare{clir::parse_eligibility_rule("oblast > 3")};
  EXPECT_THROW(clir::check_eligibility(t, text_compare), clir::ConfigError);
}

// ---- exactness -----------------------------------------------------------------------------

// With one cap per category the greedy is optimal; GLPK must return the same set (ties included).
TEST(Selection, GreedyAndMipAgreeUnderCapsPerCategory) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const auto p = make_pool(120, 8, seed);
    clir::SelectionOptions o{.count = 20, .quotas = {{.column = "oblast", .max = 3}}};
    const auto greedy = clir::select(p.table, p.scores, o);
    o.solver = clir::SelectionSolver::mip;
    const auto mip = clir::select(p.table, p.scores, o);
    EXPECT_EQ(greedy.solver_used, clir::SelectionSolver::greedy);
    EXPECT_EQ(mip.solver_used, clir::SelectionSolver::mip);
    EXPECT_TRUE(mip.proven_optimal);
    EXPECT_NEAR(greedy.objective, mip.objective, 1e-9) << "seed " << seed;
    EXPECT_EQ(greedy.selected_ids, mip.selected_ids) << "seed " << seed;
  }
}

TEST(Selection, GreedyAndMipAgreeWithMinimumsAndShares) {
  for (std::uint64_t seed = 11; seed <= 14; ++seed) {
    const auto p = make_pool(80, 5, seed);
    clir::SelectionOptions o{.count = 12,
                             .quotas = {{.column = "oblast", .min = 1, .max = 4}},
                             .shares = {{.column = "oblast", .category = "O0", .max_share = 0.2}}};
    const auto greedy = clir::select(p.table, p.scores, o);
    o.solver = clir::SelectionSolver::mip;
    const auto mip = clir::select(p.table, p.scores, o);
    EXPECT_NEAR(greedy.objective, mip.objective, 1e-9);
    EXPECT_EQ(greedy.selected_ids, mip.selected_ids);
    std::map<std::string, int> per;
    for (auto r : greedy.selected_rows) ++per[p.table.categorical("oblast")[r]];
    EXPECT_LE(per["O0"], 2);  // 0.2 × 12 = 2.4 → at most 2
    for (const auto& [cat, k] : per) EXPECT_GE(k, 1);
    EXPECT_EQ(per.size(), 5u);
  }
}

// Two quota columns and a distinct-category rule: compare GLPK with exhaustive search.
TEST(Selection, MipMatchesBruteForceOnTwoColumns) {
  for (std::uint64_t seed = 21; seed <= 25; ++seed) {
    const auto p = make_pool(14, 4, seed, 100.0);
    const clir::SelectionOptions o{.count = 5,
                                   .quotas = {{.column = "oblast", .max = 2}, {.column = "type", .category = "city", .min = 1}},
                                   .distinct = {{.column = "oblast", .at_least = 3}}};
    double best = -1.0;
    const auto& ob = p.table.categorical("oblast");
    const auto& ty = p.table.categorical("type");
    std::vector<int> pick(14, 0);
    std::fill(pick.end() - 5, pick.end(), 1);
    bool any = false;
    do {
      std::map<std::string, int> per;
      int cities = 0;
      double total = 0.0;
      for (int i = 0; i < 14; ++i) {
        if (!pick[static_cast<std::size_t>(i)]) continue;
        ++per[ob[static_cast<std::size_t>(i)]];
        cities += ty[static_cast<std::size_t>(i)] == "city";
        total += p.scores.score(i);
      }
      bool ok = cities >= 1 && per.size() >= 3;
      for (const auto& [c, k] : per) ok = ok && k <= 2;
      if (ok) {
        any = true;
        best = std::max(best, total);
      }
    } while (std::next_permutation(pick.begin(), pick.end()));
    if (!any) {
      EXPECT_THROW(clir::select(p.table, p.scores, o), clir::Infeasible);
      continue;
    }
    const auto r = clir::select(p.table, p.scores, o);
    EXPECT_EQ(r.solver_used, clir::SelectionSolver::mip);
    EXPECT_NEAR(r.objective, best, 1e-9) << "seed " << seed;
    EXPECT_EQ(r.selected_ids.size(), 5u);
  }
}

TEST(Selection, TiesBreakByRowOrder) {
  clir::Table t({"a", "b", "c", "d", "e"});
  t.add_categorical("oblast", {"X", "X", "Y", "Y", "Y"});
  clir::ScoreResult s;
  s.ids = t.ids();
  s.score = Eigen::VectorXd::Constant(5, 0.5);
  for (auto solver : {clir::SelectionSolver::greedy, clir::SelectionSolver::mip}) {
    const auto r = clir::select(t, s, {.count = 3, .quotas = {{.column = "oblast", .max = 2}}, .solver = solver});
    EXPECT_EQ(r.selected_ids, (std::vector<std::string>{"a", "b", "c"})) << clir::to_string(solver);
  }
  // With a minimum on Y the MIP must still prefer the lowest rows among equals.
  const auto r = clir::select(t, s,
                              {.count = 3,
                               .quotas = {{.column = "oblast", .category = "Y", .min = 2}},
                               .distinct = {{.column = "oblast", .at_least = 2}}});
  EXPECT_EQ(r.selected_ids, (std::vector<std::string>{"a", "c", "d"}));
}

// ---- infeasibility -------------------------------------------------------------------------

std::string infeasible_message(const clir::Table& t, const clir::ScoreResult& s, const clir::SelectionOptions& o) {
  try {
    clir::select(t, s, o);
  } catch (const clir::Infeasible& e) {
    return e.what();
  }
  return "(feasible)";
}

TEST(Selection, InfeasibleQuotasNameTheConflict) {
  const auto p = make_pool(30, 3, 5);
  auto msg = infeasible_message(p.table, p.scores, {.count = 40});
  EXPECT_TRUE(contains(msg, "select 40") && contains(msg, "only 30 eligible")) << msg;
  msg = infeasible_message(p.table, p.scores, {.count = 4, .quotas = {{.column = "oblast", .min = 2}}});
  EXPECT_TRUE(contains(msg, "minimums on oblast add up to 6 > 4") && contains(msg, "at least 2 per oblast (O0)")) << msg;
  msg = infeasible_message(p.table, p.scores, {.count = 10, .quotas = {{.column = "oblast", .max = 3}}});
  EXPECT_TRUE(contains(msg, "allow at most 9 < 10") && contains(msg, "at most 3 per oblast (O1)")) << msg;
  msg = infeasible_message(p.table, p.scores, {.count = 5, .quotas = {{.column = "oblast", .category = "O9", .min = 1}}});
  EXPECT_TRUE(contains(msg, "no eligible applicant has oblast = O9")) << msg;
  msg = infeasible_message(p.table, p.scores, {.count = 5, .distinct = {{.column = "oblast", .at_least = 4}}});
  EXPECT_TRUE(contains(msg, "at least 4 distinct oblast") && contains(msg, "only 3 categories")) << msg;
  msg = infeasible_message(p.table, p.scores,
                           {.count = 5, .quotas = {{.column = "oblast", .category = "O1", .min = 3, .max = 2}}});
  EXPECT_TRUE(contains(msg, "at least 3 with oblast = O1") && contains(msg, "at most 2 with oblast = O1")) << msg;
}

TEST(Selection, CrossColumnConflictFoundByTheSolver) {
  // Every city is in oblast A: "at least 3 cities" and "at most 1 from A" cannot both hold,
  // though each is fine alone and no single-column count shows it.
  clir::Table t({"1", "2", "3", "4", "5", "6"});
  t.add_categorical("oblast", {"A", "A", "A", "B", "B", "C"});
  t.add_categorical("type", {"city", "city", "city", "village", "village", "village"});
  clir::ScoreResult s;
  s.ids = t.ids();
  s.score = Eigen::VectorXd::LinSpaced(6, 1.0, 0.5);
  const clir::SelectionOptions o{.count = 3,
                                 .quotas = {{.column = "type", .category = "city", .min = 3},
                                            {.column = "oblast", .category = "A", .max = 1},
                                            {.column = "oblast", .category = "C", .max = 1}}};
  try {
    clir::select(t, s, o);
    FAIL();
  } catch (const clir::Infeasible& e) {
    const std::vector<std::string> want{"select 3", "at least 3 with type = city", "at most 1 with oblast = A"};
    EXPECT_EQ(e.conflicting(), want) << e.what();  // the irrelevant cap on C is not named
    EXPECT_FALSE(e.suggestion().empty());
  }
}

TEST(Selection, GreedyRequestedWhereNotOptimalIsRejected) {
  const auto p = make_pool(30, 3, 5);
  EXPECT_THROW(clir::select(p.table, p.scores,
                            {.count = 5,
                             .quotas = {{.column = "oblast", .max = 2}, {.column = "type", .max = 2}},
                             .solver = clir::SelectionSolver::greedy}),
               clir::ConfigError);
  EXPECT_THROW(clir::select(p.table, p.scores, {.count = 0}), clir::ConfigError);
  EXPECT_THROW(clir::select(p.table, p.scores, {.count = 3, .quotas = {{.column = "nope", .max = 1}}}),
               clir::ConfigError);
  EXPECT_EQ(clir::parse_enum<clir::SelectionSolver>("mip", "selection.solver"), clir::SelectionSolver::mip);
  for (auto st : {clir::SelectionStatus::selected, clir::SelectionStatus::excluded, clir::SelectionStatus::below_cutoff,
                  clir::SelectionStatus::quota_full, clir::SelectionStatus::displaced}) {
    EXPECT_EQ(clir::parse_enum<clir::SelectionStatus>(clir::to_string(st), "status"), st);
  }
  EXPECT_EQ(clir::parse_enum<clir::RuleKind>("not_in_set", "eligibility.kind"), clir::RuleKind::not_in_set);
  EXPECT_EQ(clir::parse_enum<clir::CompareOp>(">=", "eligibility.op"), clir::CompareOp::ge);
  EXPECT_EQ(clir::parse_enum<clir::CompareOp>("ne", "eligibility.op"), clir::CompareOp::ne);
  const auto made = clir::make_eligibility_rule("small", "population_2022", "<", {"10000"});
  EXPECT_EQ(made.describe(), "population_2022 < 10000");
  EXPECT_EQ(clir::make_eligibility_rule("", "oblast_en", "not_in", {"Zhytomyrska"}).kind, clir::RuleKind::not_in_set);
  EXPECT_EQ(clir::make_eligibility_rule("", "area_km2", "missing").kind, clir::RuleKind::absent);
  EXPECT_THROW(clir::make_eligibility_rule("r", "x", "<", {"a"}), clir::ConfigError);
  EXPECT_THROW(clir::make_eligibility_rule("r", "x", "like", {"a"}), clir::ConfigError);
  EXPECT_THROW(clir::make_eligibility_rule("r", "x", "in"), clir::ConfigError);
  EXPECT_THROW(clir::parse_enum<clir::SelectionSolver>("cplex", "selection.solver"), clir::ConfigError);
}

// ---- explanations --------------------------------------------------------------------------

TEST(Selection, ExplanationsSayWhy) {
  clir::Table t({"k1", "k2", "k3", "s1", "s2", "z1", "x1"});
  t.add_categorical("oblast", {"Kyivska", "Kyivska", "Kyivska", "Sumska", "Sumska", "Zhytomyrska", "Sumska"});
  Eigen::VectorXd sc(7);
  sc << 0.9, 0.8, 0.7, 0.6, 0.2, 0.99, 0.05;
  clir::ScoreResult s;
  s.ids = t.ids();
  s.score = sc;
  const auto e = clir::check_eligibility(
      t, std::vector<clir::EligibilityRule>{clir::parse_eligibility_rule("oblast not in {Zhytomyrska}", "outside Zhytomyr oblast")});
  const auto r = clir::select(t, s, e,
                              {.count = 3,
                               .quotas = {{.column = "oblast", .max = 2},
                                          {.column = "oblast", .category = "Sumska", .min = 1}}});
  // Eligible ranks: k1 .9, k2 .8, k3 .7, s1 .6, s2 .2, x1 .05. Sumska's minimum takes s1, the
  // cap of 2 per oblast stops k3.
  EXPECT_EQ(r.selected_ids, (std::vector<std::string>{"k1", "k2", "s1"}));
  EXPECT_EQ(r.cutoff_rank, 4u);
  const auto& k3 = r.explanations[2];
  EXPECT_EQ(k3.status, clir::SelectionStatus::quota_full);
  EXPECT_EQ(k3.constraint, "at most 2 per oblast (Kyivska)");
  EXPECT_EQ(k3.displaced_by, "k2");
  EXPECT_EQ(k3.rank, std::optional<std::size_t>(3));
  EXPECT_TRUE(contains(k3.text, "its last place went to k2")) << k3.text;
  EXPECT_EQ(r.explanations[4].status, clir::SelectionStatus::below_cutoff);
  EXPECT_TRUE(contains(r.explanations[4].text, "below the cut-off: the last selected ranked 4th")) << r.explanations[4].text;
  EXPECT_EQ(r.explanations[5].status, clir::SelectionStatus::excluded);
  EXPECT_EQ(r.explanations[5].excluded_by, "outside Zhytomyr oblast");
  EXPECT_FALSE(r.explanations[5].score.has_value());
  EXPECT_EQ(r.explanations[3].status, clir::SelectionStatus::selected);
  EXPECT_TRUE(r.explanations[3].selected);

  // Without the cap, the minimum alone pulls s1 in: k3, ranked above it, is "displaced".
  const auto d = clir::select(t, s, e, {.count = 3, .quotas = {{.column = "oblast", .category = "Sumska", .min = 1}}});
  EXPECT_EQ(d.selected_ids, (std::vector<std::string>{"k1", "k2", "s1"}));
  const auto& k3b = d.explanations[2];
  EXPECT_EQ(k3b.status, clir::SelectionStatus::displaced);
  EXPECT_EQ(k3b.displaced_by, "s1");
  EXPECT_EQ(k3b.constraint, "at least 1 with oblast = Sumska");
  EXPECT_TRUE(contains(k3b.text, "s1 (ranked 4th) was selected instead")) << k3b.text;
}

TEST(Selection, ScoresAreMatchedById) {
  const auto p = make_pool(10, 2, 3);
  clir::ScoreResult partial = p.scores;
  partial.ids.pop_back();
  partial.score.conservativeResize(9);
  clir::EligibilityResult all = clir::check_eligibility(p.table, std::vector<clir::EligibilityRule>{});
  try {
    clir::select(p.table, partial, all, {.count = 3});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_TRUE(contains(e.what(), "'UA1009' has no score")) << e.what();
  }
  // Reordered scores give the same selection.
  clir::ScoreResult reversed;
  reversed.ids.assign(p.scores.ids.rbegin(), p.scores.ids.rend());
  reversed.score = p.scores.score.reverse();
  EXPECT_EQ(clir::select(p.table, reversed, {.count = 4}).selected_ids,
            clir::select(p.table, p.scores, {.count = 4}).selected_ids);
}

}  // namespace
