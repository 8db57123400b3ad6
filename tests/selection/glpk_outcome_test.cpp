// GLPK's return codes mapped to clir's errors in one place (src/core/glpk_outcome.hpp), and the
// time limits that reach it: a time-out reads "time limit reached" and names the option that sets
// the limit, never "conflicting constraints" (issue #26).
#include <glpk.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "../../src/core/glpk_outcome.hpp"
#include "../../src/selection/glpk_mip.hpp"
#include "clir/cluster/pmedian.hpp"
#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/selection/select.hpp"

namespace {

using clir::detail::SolverStop;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(GlpkOutcome, EveryReturnCodeHasItsMeaning) {
  const std::vector<std::pair<int, SolverStop>> codes{
      {0, SolverStop::finished},
      {GLP_EBADB, SolverStop::invalid_program},
      {GLP_ESING, SolverStop::numerical},
      {GLP_ECOND, SolverStop::numerical},
      {GLP_EBOUND, SolverStop::invalid_program},
      {GLP_EFAIL, SolverStop::failed},
      {GLP_EOBJLL, SolverStop::failed},
      {GLP_EOBJUL, SolverStop::failed},
      {GLP_EITLIM, SolverStop::iteration_limit},
      {GLP_ETMLIM, SolverStop::time_limit},
      {GLP_ENOPFS, SolverStop::infeasible},
      {GLP_ENODFS, SolverStop::unbounded},
      {GLP_EROOT, SolverStop::invalid_program},
      {GLP_ESTOP, SolverStop::stopped},
      {GLP_EMIPGAP, SolverStop::gap_reached},
      {GLP_ENOFEAS, SolverStop::infeasible},
      {GLP_ENOCVG, SolverStop::numerical},
      {GLP_EINSTAB, SolverStop::numerical},
      {GLP_EDATA, SolverStop::invalid_program},
      {GLP_ERANGE, SolverStop::invalid_program},
      {0x14, SolverStop::failed},  // not defined by GLPK 5.0
      {-1, SolverStop::failed},
  };
  // GLPK 5.0 defines the codes 0x01..0x13: each is listed above.
  for (int code = 0x01; code <= 0x13; ++code) {
    EXPECT_NE(std::find_if(codes.begin(), codes.end(), [code](const auto& c) { return c.first == code; }), codes.end()) << code;
    EXPECT_TRUE(contains(clir::detail::glpk_code_name(code), "GLP_E")) << code;
  }
  for (const auto& [code, stop] : codes) EXPECT_EQ(clir::detail::solver_stop(code), stop) << "code " << code;
  EXPECT_EQ(clir::detail::glpk_code_name(GLP_ETMLIM), "GLP_ETMLIM (time limit exceeded)");
  EXPECT_EQ(clir::detail::glpk_code_name(0x99), "code 153");
}

const clir::detail::SolverTask kTask{.what = "selection that meets the quotas",
                                     .limit_key = "selection.time_limit_s",
                                     .time_limit_seconds = 60.0,
                                     .advice = "make the quotas fewer or looser"};

template <class E>
std::string message_of(SolverStop stop, int code) {
  try {
    clir::detail::throw_solver_failure(stop, code, kTask);
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong type for stop " << static_cast<int>(stop) << ": " << e.what();
  }
  return {};
}

TEST(GlpkOutcome, EachStopGivesItsOwnError) {
  // A time-out: LimitReached keyed by the option, saying what to raise; no conflict named.
  try {
    clir::detail::throw_solver_failure(SolverStop::time_limit, GLP_ETMLIM, kTask);
    FAIL();
  } catch (const clir::LimitReached& e) {
    EXPECT_EQ(e.key(), "selection.time_limit_s");
    EXPECT_STREQ(e.what(),
                 "'selection.time_limit_s': time limit reached: GLPK found no selection that meets the quotas within the "
                 "time limit of 60 s; raise selection.time_limit_s (seconds), or make the quotas fewer or looser");
  }
  EXPECT_TRUE(contains(message_of<clir::LimitReached>(SolverStop::iteration_limit, GLP_EITLIM), "iteration limit reached"));
  EXPECT_TRUE(contains(message_of<clir::Infeasible>(SolverStop::infeasible, GLP_ENOPFS), "it proved that none exists"));
  EXPECT_TRUE(contains(message_of<clir::Error>(SolverStop::unbounded, GLP_ENODFS), "the program is unbounded (GLP_ENODFS"));
  EXPECT_TRUE(contains(message_of<clir::Error>(SolverStop::stopped, GLP_ESTOP), "was stopped"));
  EXPECT_TRUE(contains(message_of<clir::Error>(SolverStop::numerical, GLP_ESING), "numerical trouble"));
  EXPECT_TRUE(contains(message_of<clir::Error>(SolverStop::numerical, GLP_ESING), "GLP_ESING (singular matrix)"));
  EXPECT_TRUE(contains(message_of<clir::Error>(SolverStop::invalid_program, GLP_EBOUND), "refused the program"));
  EXPECT_TRUE(contains(message_of<clir::Error>(SolverStop::failed, GLP_EFAIL), "GLPK found no selection that meets the quotas: it failed (GLP_EFAIL"));
  // Every code through the mapping: a time or iteration limit is LimitReached, nothing is a
  // conflict of constraints except a proven infeasibility.
  for (int code = 0; code <= 0x14; ++code) {
    const SolverStop stop = clir::detail::solver_stop(code);
    try {
      clir::detail::throw_solver_failure(stop, code, kTask);
      FAIL();
    } catch (const clir::LimitReached& e) {
      EXPECT_TRUE(stop == SolverStop::time_limit || stop == SolverStop::iteration_limit) << code;
      EXPECT_TRUE(contains(e.what(), "limit reached")) << e.what();
    } catch (const clir::Infeasible& e) {
      EXPECT_EQ(stop, SolverStop::infeasible) << code;
      EXPECT_FALSE(contains(e.what(), "select 19")) << e.what();
    } catch (const clir::Error& e) {
      EXPECT_FALSE(contains(e.what(), "conflicting")) << e.what();
      EXPECT_FALSE(contains(e.what(), "time limit")) << e.what();
    }
  }
  // The task without a key (no option sets the limit): "raise the time limit".
  try {
    clir::detail::throw_solver_failure(SolverStop::time_limit, GLP_ETMLIM, {.what = "rule"});
  } catch (const clir::LimitReached& e) {
    EXPECT_STREQ(e.what(), "time limit reached: GLPK found no rule; raise the time limit");
  }
}

// A small knapsack with two constraints: its LP relaxation is fractional, so GLPK must branch.
clir::detail::MixedProgram knapsack(double time_limit_seconds) {
  clir::detail::MixedProgram p;
  p.time_limit_seconds = time_limit_seconds;
  const std::vector<double> value{10, 13, 7, 8, 9, 11, 6, 12, 5, 14}, w1{5, 7, 4, 5, 6, 6, 3, 7, 2, 8},
      w2{3, 2, 6, 4, 3, 5, 4, 2, 5, 6};
  clir::detail::BinaryProgram::Row r1, r2;
  for (std::size_t j = 0; j < value.size(); ++j) {
    p.columns.push_back({.binary = true, .objective = value[j]});
    r1.index.push_back(static_cast<int>(j));
    r1.coefficient.push_back(w1[j]);
    r2.index.push_back(static_cast<int>(j));
    r2.coefficient.push_back(w2[j]);
  }
  r1.has_upper = r2.has_upper = true;
  r1.upper = 23.5;
  r2.upper = 17.5;
  p.rows = {r1, r2};
  return p;
}

TEST(GlpkOutcome, MipAtTheShortestTimeLimitStopsAtTheRoot) {
  // GLPK's branch and bound checks `tm_lim - 1 <= elapsed ms` before each node: at 1 ms (the
  // wrapper's floor) it stops before the root, whatever the machine's speed.
  for (double limit : {1e-9, 1e-6, 0.001}) {
    const auto s = clir::detail::solve_mixed_program(knapsack(limit));
    EXPECT_EQ(s.status, clir::detail::MixedSolution::Status::failed) << limit;
    EXPECT_EQ(s.stop, SolverStop::time_limit) << limit;
    EXPECT_EQ(s.code, GLP_ETMLIM) << limit;
  }
  const auto solved = clir::detail::solve_mixed_program(knapsack(60.0));
  EXPECT_EQ(solved.status, clir::detail::MixedSolution::Status::optimal);
  EXPECT_EQ(solved.stop, SolverStop::finished);
}

// n applicants in `oblasts` oblasts and three types, scores from a seeded generator.
std::pair<clir::Table, clir::ScoreResult> applicants(std::size_t n, std::size_t oblasts) {
  std::vector<std::string> ids, oblast, type;
  clir::Rng rng(5);
  Eigen::VectorXd s(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    // Appended, not "A" + ...: GCC 12 warns falsely (-Wrestrict) on that.
    std::string id = "A", o = "O";
    id += std::to_string(1000 + i);
    o += std::to_string(rng.below(oblasts));
    ids.push_back(std::move(id));
    oblast.push_back(std::move(o));
    type.push_back(std::array<const char*, 3>{"city", "settlement", "village"}[rng.below(3)]);
    s(static_cast<Eigen::Index>(i)) = rng.uniform();
  }
  clir::Table t(ids);
  t.add_categorical("oblast", oblast);
  t.add_categorical("type", type);
  clir::ScoreResult scores;
  scores.ids = ids;
  scores.score = s;
  return {std::move(t), std::move(scores)};
}

TEST(GlpkOutcome, SelectionTimeOutIsATimeLimitNotAConflict) {
  // Quotas on two columns need the MIP; a time limit of 1 µs stops GLPK before any answer (here
  // the check that the quotas can hold together, which the MIP solver runs first). Before #26
  // this read "GLPK could not decide whether the quotas can hold (time limit?); conflicting
  // constraints: select 19", and the selection's own time-out "GLPK found no selection within
  // 1e-06 s; conflicting constraints: select 19".
  const auto [table, scores] = applicants(200, 8);
  const clir::SelectionOptions o{.count = 19,
                                 .quotas = {{.column = "oblast", .max = 4}, {.column = "type", .category = "city", .min = 3}},
                                 .time_limit_seconds = 1e-6};
  try {
    (void)clir::select(table, scores, o);
    FAIL() << "expected clir::LimitReached";
  } catch (const clir::LimitReached& e) {
    EXPECT_EQ(e.key(), "selection.time_limit_s");
    EXPECT_TRUE(contains(e.what(), "'selection.time_limit_s': time limit reached: GLPK found no answer to whether the quotas "
                                   "can hold together"))
        << e.what();
    EXPECT_TRUE(contains(e.what(), "within the time limit of 1e-06 s; raise selection.time_limit_s")) << e.what();
    EXPECT_FALSE(contains(e.what(), "conflicting")) << e.what();
  }
  // With time, the same quotas hold.
  auto with_time = o;
  with_time.time_limit_seconds = 60.0;
  EXPECT_EQ(clir::select(table, scores, with_time).selected_ids.size(), 19u);
}

}  // namespace
