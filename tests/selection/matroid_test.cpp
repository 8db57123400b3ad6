// The matroid greedy (every quota and distinct-category rule on one column) against GLPK on
// seeded random instances with ties, against exhaustive search for the tie rule itself, on the
// built-in CLIR 2024 scenario, and inside the Monte Carlo loop.
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
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/selection/robustness.hpp"
#include "clir/selection/select.hpp"

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

struct Instance {
  clir::Table table;
  clir::ScoreResult scores;
  clir::SelectionOptions options;
};

// n applicants in k categories of "oblast" (sizes uneven: category c is drawn with weight
// c + 1), integer scores in [0, levels) so that ties are frequent and sums are exact, and a
// random quota shape on that one column: a cap for all, a few per-category minimums and caps,
// maybe a share, maybe one or two distinct-category rules. Some instances are infeasible.
Instance random_instance(std::uint64_t seed, std::size_t max_n = 36) {
  clir::Rng rng(seed);
  const std::size_t n = 4 + rng.below(max_n - 3);
  const std::size_t k = 1 + rng.below(6);
  const std::size_t levels = 2 + rng.below(6);
  std::vector<std::string> ids, oblast;
  Eigen::VectorXd s(static_cast<Eigen::Index>(n));
  const std::size_t weight_total = k * (k + 1) / 2;
  for (std::size_t i = 0; i < n; ++i) {
    std::string id = "A";
    id += std::to_string(100 + i);
    ids.push_back(std::move(id));
    std::size_t pick = rng.below(weight_total), c = 0;
    while (pick >= c + 1) pick -= ++c;
    std::string name = "O";
    name += std::to_string(c);
    oblast.push_back(std::move(name));
    s(static_cast<Eigen::Index>(i)) = static_cast<double>(rng.below(levels));
  }
  Instance out{clir::Table(ids), {}, {}};
  out.table.add_categorical("oblast", oblast);
  out.scores.ids = ids;
  out.scores.score = s;
  auto& o = out.options;
  o.count = 1 + rng.below(std::min<std::size_t>(n, 12));
  if (rng.below(3) > 0) o.quotas.push_back({.column = "oblast", .max = 1 + rng.below(4)});
  for (std::size_t c = 0; c < k; ++c) {
    std::string cat = "O";
    cat += std::to_string(c);
    switch (rng.below(5)) {
      case 0:
        o.quotas.push_back({.column = "oblast", .category = cat, .min = rng.below(3)});
        break;
      case 1:
        o.quotas.push_back({.column = "oblast", .category = cat, .max = rng.below(3)});
        break;
      case 2:
        o.quotas.push_back({.column = "oblast", .category = cat, .min = rng.below(2), .max = 1 + rng.below(3)});
        break;
      default:
        break;
    }
  }
  if (rng.below(4) == 0) o.shares.push_back({.column = "oblast", .category = "O0", .max_share = 0.5});
  const std::size_t rules = rng.below(3);
  for (std::size_t r = 0; r < rules; ++r) o.distinct.push_back({.column = "oblast", .at_least = rng.below(k + 2)});
  return out;
}

// The outcome of one solve: the selection and its explanations, or the error's class and text.
struct Outcome {
  std::string error;  // "Infeasible: ..." / "ConfigError: ..." / "" when solved
  clir::SelectionResult result;
};

Outcome solve(const Instance& inst, clir::SelectionSolver solver) {
  auto o = inst.options;
  o.solver = solver;
  Outcome out;
  try {
    out.result = clir::select(inst.table, inst.scores, o);
  } catch (const clir::Infeasible& e) {
    out.error = std::string("Infeasible: ") + e.what();
  } catch (const clir::ConfigError& e) {
    out.error = std::string("ConfigError: ") + e.what();
  }
  return out;
}

void expect_same(const Outcome& a, const Outcome& b, const std::string& what) {
  ASSERT_EQ(a.error, b.error) << what;
  if (!a.error.empty()) return;
  EXPECT_EQ(a.result.selected_ids, b.result.selected_ids) << what;
  EXPECT_EQ(a.result.objective, b.result.objective) << what;  // integer scores: exact sums
  EXPECT_EQ(a.result.cutoff_rank, b.result.cutoff_rank) << what;
  ASSERT_EQ(a.result.explanations.size(), b.result.explanations.size()) << what;
  for (std::size_t i = 0; i < a.result.explanations.size(); ++i) {
    const auto& x = a.result.explanations[i];
    const auto& y = b.result.explanations[i];
    EXPECT_EQ(x.status, y.status) << what << " row " << i;
    EXPECT_EQ(x.constraint, y.constraint) << what << " row " << i;
    EXPECT_EQ(x.displaced_by, y.displaced_by) << what << " row " << i;
    EXPECT_EQ(x.text, y.text) << what << " row " << i;
  }
}

// GLPK and the matroid greedy return the same selection, the same explanations and the same
// errors, ties included, on 300 random one-column quota shapes.
TEST(MatroidSelection, AgreesWithGlpkOnRandomInstances) {
  std::size_t solved = 0, infeasible = 0, with_distinct = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const auto inst = random_instance(seed);
    const auto matroid = solve(inst, clir::SelectionSolver::matroid);
    const auto mip = solve(inst, clir::SelectionSolver::mip);
    const auto automatic = solve(inst, clir::SelectionSolver::automatic);
    const std::string what = "seed " + std::to_string(seed);
    expect_same(matroid, mip, what);
    expect_same(automatic, mip, what);
    if (matroid.error.empty()) {
      ++solved;
      EXPECT_EQ(matroid.result.solver_used, clir::SelectionSolver::matroid) << what;
      EXPECT_EQ(mip.result.solver_used, clir::SelectionSolver::mip) << what;
      EXPECT_EQ(automatic.result.solver_used, inst.options.distinct.empty() || std::all_of(
                                                  inst.options.distinct.begin(), inst.options.distinct.end(),
                                                  [](const clir::DistinctQuota& d) { return d.at_least == 0; })
                                                  ? clir::SelectionSolver::greedy
                                                  : clir::SelectionSolver::matroid)
          << what;
      if (std::any_of(inst.options.distinct.begin(), inst.options.distinct.end(),
                      [](const clir::DistinctQuota& d) { return d.at_least > 1; })) {
        ++with_distinct;
      }
    } else {
      ++infeasible;
      EXPECT_TRUE(contains(matroid.error, "Infeasible")) << what << ": " << matroid.error;
    }
  }
  // The generator covers both outcomes and the distinct rule in earnest.
  EXPECT_GT(solved, 100u);
  EXPECT_GT(infeasible, 20u);
  EXPECT_GT(with_distinct, 30u);
}

// The tie rule checked without any solver: among all feasible selections of maximum total,
// the one whose sorted ranks are lexicographically smallest (1st before 2nd before ...).
TEST(MatroidSelection, MatchesExhaustiveSearchAndTheTieRule) {
  std::size_t checked = 0;
  std::size_t infeasible = 0;
  for (std::uint64_t seed = 1000; seed < 1400; ++seed) {
    const auto inst = random_instance(seed, 14);
    const std::size_t n = inst.table.rows();
    const auto got = solve(inst, clir::SelectionSolver::matroid);
    const auto order = clir::order_descending(inst.scores.score);
    std::vector<std::size_t> pos(n);
    for (std::size_t r = 0; r < n; ++r) pos[order[r]] = r;
    // Per-category bounds as the selector merges them: the tightest of all that apply.
    const auto& oblast = inst.table.categorical("oblast");
    const std::size_t count = inst.options.count;
    auto feasible = [&](std::uint32_t mask) {
      std::map<std::string, std::size_t> per;
      for (std::size_t i = 0; i < n; ++i) {
        if (mask >> i & 1U) ++per[oblast[i]];
      }
      std::map<std::string, std::size_t> all_categories;
      for (const auto& c : oblast) all_categories[c] = per.count(c) ? per[c] : 0;
      for (const auto& q : inst.options.quotas) {
        for (const auto& [cat, k] : all_categories) {
          if (!q.category.empty() && q.category != cat) continue;
          if (q.min && k < *q.min) return false;
          if (q.max && k > *q.max) return false;
        }
        if (!q.category.empty() && !all_categories.count(q.category) && q.min && *q.min > 0) return false;
      }
      for (const auto& sh : inst.options.shares) {
        const std::size_t k = all_categories.count(sh.category) ? all_categories[sh.category] : 0;
        if (sh.max_share && static_cast<double>(k) > *sh.max_share * static_cast<double>(count) + 1e-9) return false;
      }
      for (const auto& d : inst.options.distinct) {
        if (per.size() < d.at_least) return false;
      }
      return true;
    };
    std::optional<std::uint32_t> best;
    double best_total = 0.0;
    std::vector<std::size_t> best_ranks;
    for (std::uint32_t mask = 0; mask < (1U << n); ++mask) {
      if (static_cast<std::size_t>(__builtin_popcount(mask)) != count || !feasible(mask)) continue;
      double total = 0.0;
      std::vector<std::size_t> ranks;
      for (std::size_t i = 0; i < n; ++i) {
        if (mask >> i & 1U) {
          total += inst.scores.score(static_cast<Eigen::Index>(i));
          ranks.push_back(pos[i]);
        }
      }
      std::sort(ranks.begin(), ranks.end());
      if (!best || total > best_total || (total == best_total && ranks < best_ranks)) {
        best = mask;
        best_total = total;
        best_ranks = ranks;
      }
    }
    const std::string what = "seed " + std::to_string(seed);
    if (!best) {
      EXPECT_TRUE(contains(got.error, "Infeasible")) << what << ": " << got.error;
      ++infeasible;
      continue;
    }
    ASSERT_TRUE(got.error.empty()) << what << ": " << got.error;
    std::vector<std::string> want;
    for (auto r : best_ranks) want.push_back(inst.table.ids()[order[r]]);
    EXPECT_EQ(got.result.selected_ids, want) << what;  // best rank first, as selected_ids are
    EXPECT_EQ(got.result.objective, best_total) << what;
    ++checked;
  }
  EXPECT_GE(checked, 80u);
  EXPECT_GE(infeasible, 10u);
}

// Properties that hold whatever the instance: N selected, every bound and distinct rule met,
// each category's selected members are its best-ranked ones, and raising a selected
// applicant's score never drops it (monotonicity of the greedy).
TEST(MatroidSelection, PropertiesHold) {
  for (std::uint64_t seed = 2000; seed < 2200; ++seed) {
    auto inst = random_instance(seed);
    const auto got = solve(inst, clir::SelectionSolver::matroid);
    if (!got.error.empty()) continue;
    const auto& r = got.result;
    const auto& oblast = inst.table.categorical("oblast");
    const std::string what = "seed " + std::to_string(seed);
    ASSERT_EQ(r.selected_ids.size(), inst.options.count) << what;
    std::map<std::string, std::size_t> per;
    for (auto row : r.selected_rows) ++per[oblast[row]];
    for (const auto& d : inst.options.distinct) EXPECT_GE(per.size(), d.at_least) << what;
    for (const auto& q : inst.options.quotas) {
      for (const auto& [cat, k] : per) {
        if (!q.category.empty() && q.category != cat) continue;
        if (q.max) {
          EXPECT_LE(k, *q.max) << what;
        }
      }
    }
    // Within a category, no unselected applicant outranks a selected one.
    for (std::size_t i = 0; i < inst.table.rows(); ++i) {
      const auto& e = r.explanations[i];
      if (e.selected) continue;
      for (auto row : r.selected_rows) {
        if (oblast[row] == oblast[i]) {
          EXPECT_GT(*e.rank, *r.explanations[row].rank) << what;
        }
      }
    }
    // Monotone: the last selected applicant, given a higher score, stays selected.
    auto raised = inst;
    const auto last = r.selected_rows.back();
    raised.scores.score(static_cast<Eigen::Index>(last)) += 100.0;
    const auto again = solve(raised, clir::SelectionSolver::matroid);
    ASSERT_TRUE(again.error.empty()) << what;
    EXPECT_NE(std::find(again.result.selected_rows.begin(), again.result.selected_rows.end(), last),
              again.result.selected_rows.end())
        << what;
  }
}

// Two quota columns go to GLPK, which solves over each cell's best applicants only (cells =
// combinations of categories). Against exhaustive search: the same maximum total, and the
// tie rule holds (no feasible exchange of a selected applicant for a better-ranked one).
TEST(MatroidSelection, MipOverCellsMatchesExhaustiveSearchOnTwoColumns) {
  std::size_t checked = 0;
  for (std::uint64_t seed = 3000; seed < 3080; ++seed) {
    clir::Rng rng(seed);
    const std::size_t n = 6 + rng.below(7);
    std::vector<std::string> ids, oblast, type;
    Eigen::VectorXd sc(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) {
      std::string id = "B";
      id += std::to_string(100 + i);
      ids.push_back(std::move(id));
      std::string o = "O";
      o += std::to_string(rng.below(3));
      oblast.push_back(std::move(o));
      type.push_back(rng.below(2) ? "city" : "village");
      sc(static_cast<Eigen::Index>(i)) = static_cast<double>(rng.below(4));
    }
    clir::Table t(ids);
    t.add_categorical("oblast", oblast);
    t.add_categorical("type", type);
    clir::ScoreResult s;
    s.ids = ids;
    s.score = sc;
    const std::size_t count = 2 + rng.below(3);
    const std::size_t per_oblast = 1 + rng.below(2), cities_min = rng.below(2), cities_max = 1 + rng.below(2);
    const clir::SelectionOptions o{.count = count,
                                   .quotas = {{.column = "oblast", .max = per_oblast},
                                              {.column = "type", .category = "city", .min = cities_min, .max = cities_max}}};
    auto feasible = [&](std::uint32_t mask) {
      std::map<std::string, std::size_t> per;
      std::size_t cities = 0, k = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (!(mask >> i & 1U)) continue;
        ++k;
        ++per[oblast[i]];
        cities += type[i] == "city" ? 1 : 0;
      }
      bool ok = k == count && cities >= cities_min && cities <= cities_max;
      for (const auto& [c, m] : per) ok = ok && m <= per_oblast;
      return ok;
    };
    std::optional<double> best;
    for (std::uint32_t mask = 0; mask < (1U << n); ++mask) {
      if (!feasible(mask)) continue;
      double total = 0.0;
      for (std::size_t i = 0; i < n; ++i) total += (mask >> i & 1U) ? sc(static_cast<Eigen::Index>(i)) : 0.0;
      best = std::max(best.value_or(total), total);
    }
    const std::string what = "seed " + std::to_string(seed);
    clir::SelectionResult r;
    try {
      r = clir::select(t, s, o);
    } catch (const clir::Infeasible&) {
      EXPECT_FALSE(best.has_value()) << what;
      continue;
    }
    ASSERT_TRUE(best.has_value()) << what;
    EXPECT_EQ(r.solver_used, clir::SelectionSolver::mip) << what;
    EXPECT_EQ(r.objective, *best) << what;
    std::uint32_t chosen = 0;
    for (auto row : r.selected_rows) chosen |= 1U << row;
    ASSERT_TRUE(feasible(chosen)) << what;
    for (std::size_t out = 0; out < n; ++out) {
      if (chosen >> out & 1U) continue;
      for (auto in : r.selected_rows) {
        if (*r.explanations[out].rank < *r.explanations[in].rank) {
          EXPECT_FALSE(feasible((chosen & ~(1U << in)) | (1U << out))) << what << ": " << out << " for " << in;
        }
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 30u);
}

TEST(MatroidSelection, SolverChoiceAndErrors) {
  clir::Table t({"a", "b", "c", "d"});
  t.add_categorical("oblast", {"X", "X", "Y", "Z"});
  t.add_categorical("type", {"city", "village", "city", "village"});
  clir::ScoreResult s;
  s.ids = t.ids();
  s.score = Eigen::VectorXd::LinSpaced(4, 1.0, 0.1);
  const std::vector<std::size_t> all{0, 1, 2, 3};
  // automatic: greedy without a distinct rule, matroid with one on the quota column, MIP with two columns.
  EXPECT_EQ(clir::QuotaSelector(t, all, {.count = 2, .quotas = {{.column = "oblast", .max = 1}}}).solver(),
            clir::SelectionSolver::greedy);
  EXPECT_EQ(clir::QuotaSelector(t, all, {.count = 2, .distinct = {{.column = "oblast", .at_least = 2}}}).solver(),
            clir::SelectionSolver::matroid);
  EXPECT_EQ(clir::QuotaSelector(t, all,
                                {.count = 2,
                                 .quotas = {{.column = "oblast", .max = 1}},
                                 .distinct = {{.column = "type", .at_least = 2}}})
                .solver(),
            clir::SelectionSolver::mip);
  // Forcing the matroid where a second column is involved names the allowed solvers.
  try {
    clir::QuotaSelector(t, all,
                        {.count = 2,
                         .quotas = {{.column = "oblast", .max = 1}, {.column = "type", .max = 1}},
                         .solver = clir::SelectionSolver::matroid});
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "selection.solver");
    EXPECT_TRUE(contains(e.what(), "matroid greedy is exact only") && contains(e.what(), "on 2 columns")) << e.what();
    EXPECT_EQ(e.allowed(), (std::vector<std::string>{"automatic", "mip"}));
  }
  // Forcing the plain greedy with a distinct rule points to the matroid greedy.
  try {
    clir::QuotaSelector(t, all,
                        {.count = 2, .distinct = {{.column = "oblast", .at_least = 2}}, .solver = clir::SelectionSolver::greedy});
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.allowed(), (std::vector<std::string>{"automatic", "matroid", "mip"}));
  }
  // The matroid greedy is also exact (and allowed) where the plain greedy is.
  EXPECT_EQ(clir::QuotaSelector(t, all, {.count = 2, .solver = clir::SelectionSolver::matroid}).solver(),
            clir::SelectionSolver::matroid);
  EXPECT_EQ(clir::parse_enum<clir::SelectionSolver>("matroid", "selection.solver"), clir::SelectionSolver::matroid);
  EXPECT_EQ(clir::to_string(clir::SelectionSolver::matroid), "matroid");
  try {
    clir::parse_enum<clir::SelectionSolver>("dp", "selection.solver");
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "selection.solver");
    EXPECT_TRUE(contains(e.what(), "matroid")) << e.what();
  }
}

// The built-in scenario (19 selected, at most 4 per oblast, at least 7 oblasts) now runs the
// matroid greedy; the MIP gives the same 19 and the same explanations.
TEST(MatroidSelection, BuiltinScenarioSelectsTheSameNineteen) {
  auto scenario = clir::builtin_clir2024_scenario();
  const auto fast = clir::run(scenario, {.last_stage = clir::RunStage::selection});
  scenario.selection.solver = clir::SelectionSolver::mip;
  const auto mip = clir::run(scenario, {.last_stage = clir::RunStage::selection});
  EXPECT_EQ(fast.selection.solver_used, clir::SelectionSolver::matroid);
  EXPECT_EQ(mip.selection.solver_used, clir::SelectionSolver::mip);
  ASSERT_EQ(fast.selection.selected_ids.size(), 19u);
  EXPECT_EQ(fast.selection.selected_ids, mip.selection.selected_ids);
  EXPECT_EQ(fast.selection.objective, mip.selection.objective);
  ASSERT_EQ(fast.selection.explanations.size(), mip.selection.explanations.size());
  for (std::size_t i = 0; i < fast.selection.explanations.size(); ++i) {
    EXPECT_EQ(fast.selection.explanations[i].text, mip.selection.explanations[i].text) << i;
  }
  std::map<std::string, int> per;
  for (const auto& c : fast.selected) ++per[c.oblast_uk];
  EXPECT_GE(per.size(), 7u);
  for (const auto& [oblast, k] : per) EXPECT_LE(k, 4) << oblast;
}

// In the Monte Carlo loop the matroid selector gives the MIP's selections draw for draw; the
// MIP selector itself runs on several threads (GLPK with thread-local storage) and gives the
// same result for 1 and 2 threads.
TEST(MatroidSelection, MonteCarloEqualsTheMipDrawForDraw) {
  const std::size_t n = 40;
  std::vector<std::string> ids, oblast;
  clir::Rng rng(5);
  clir::Table t;
  for (std::size_t i = 0; i < n; ++i) {
    std::string id = "U";
    id += std::to_string(100 + i);
    ids.push_back(std::move(id));
    std::string o = "O";
    o += std::to_string(rng.below(6));
    oblast.push_back(std::move(o));
  }
  t = clir::Table(ids);
  t.add_categorical("oblast", oblast);
  std::vector<clir::Criterion> criteria;
  for (int j = 0; j < 3; ++j) {
    Eigen::VectorXd v(static_cast<Eigen::Index>(n));
    for (auto& x : v) x = std::round(rng.uniform() * 5.0);  // coarse: ties in the scores too
    std::string name = "c";
    name += std::to_string(j);
    t.add_numeric(name, v);
    criteria.push_back({.column = name, .weight = 1.0 + j});
  }
  const auto m = clir::build_decision_matrix(t, criteria);
  const clir::PreparedScoring prepared(m, {.method = clir::ScoringMethod::weighted_sum});
  const Eigen::VectorXd w = clir::normalize_weights(m.weights);
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  clir::SelectionOptions o{.count = 8,
                           .quotas = {{.column = "oblast", .max = 2}, {.column = "oblast", .category = "O1", .min = 1}},
                           .distinct = {{.column = "oblast", .at_least = 5}}};
  const clir::QuotaSelector fast(t, all, o);
  o.solver = clir::SelectionSolver::mip;
  const clir::QuotaSelector mip(t, all, o);
  ASSERT_EQ(fast.solver(), clir::SelectionSolver::matroid);
  const clir::MonteCarloOptions mc{.draws = 40, .sampling = clir::WeightSampling::uniform_simplex, .seed = 9};
  auto one = mc, two = mc;
  one.threads = 1;
  two.threads = 2;
  const auto a = clir::monte_carlo(prepared, w, two, &fast);
  const auto b = clir::monte_carlo(prepared, w, one, &mip);
  const auto c = clir::monte_carlo(prepared, w, two, &mip);
  EXPECT_EQ(a.selection_probability, b.selection_probability);
  EXPECT_EQ(a.central_weights, b.central_weights);
  EXPECT_EQ(b.selection_probability, c.selection_probability);
  EXPECT_EQ(b.central_weights, c.central_weights);
  EXPECT_NEAR(a.selection_probability.sum(), 8.0, 1e-12);
}

}  // namespace
