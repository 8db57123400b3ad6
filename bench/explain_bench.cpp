// Inverse scoring on the built-in CLIR 2024 scenario: the 19 published communities among its
// 516 eligible applicants, with the twelve criteria of bench_problem.hpp and the scenario's
// quotas (19 selected, at most 4 per oblast, at least 7 oblasts).
//
// - BM_ExplainLinearProgram/objective: max_margin (0) and min_violations (1), each an LP plus
//   the 24 LPs of the stability ranges. The goal: under 5 s.
// - BM_ExplainMaxMembers/time_limit_s: max_members, whose MIP runs until it proves the optimum or
//   reaches its time limit; the label says what it reached (members among the 19 best, the
//   dominance bound, whether optimality was proven).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "clir/pipeline/run.hpp"
#include "clir/selection/explain.hpp"

#include "bench_problem.hpp"

namespace {

struct ExplainProblem {
  clir::Table pool;  // the eligible applicants of the built-in scenario
  std::vector<std::string> reference;
  clir::SelectionOptions quotas;
};

const ExplainProblem& problem() {
  static const ExplainProblem p = [] {
    ExplainProblem out;
    const clir::Scenario sc = clir::builtin_clir2024_scenario();
    const clir::RunResult r = clir::run(sc, {.last_stage = clir::RunStage::scoring});
    out.pool = r.pool.table.select_rows(r.eligibility.eligible_rows);
    out.reference = clir::builtin_clir2024().codes();
    out.quotas = sc.selection;
    return out;
  }();
  return p;
}

void BM_ExplainLinearProgram(benchmark::State& state) {
  const auto& p = problem();
  const auto& criteria = clir_bench::twelve_criteria_problem().criteria;
  const clir::ExplainOptions options{
      .objective = state.range(0) == 0 ? clir::ExplainObjective::max_margin : clir::ExplainObjective::min_violations,
      .selection = p.quotas};
  clir::ExplainResult r;
  for (auto _ : state) {
    r = clir::explain_selection(p.pool, criteria, p.reference, options);
    benchmark::DoNotOptimize(r.weights.data());
  }
  state.SetLabel(std::to_string(p.pool.rows()) + " candidates, " + std::to_string(criteria.size()) + " criteria; " +
                 std::to_string(r.members_in_top) + " of 19 among the best 19");
}
BENCHMARK(BM_ExplainLinearProgram)->Arg(0)->Arg(1)->ArgName("objective")->Unit(benchmark::kMillisecond);

void BM_ExplainMaxMembers(benchmark::State& state) {
  const auto& p = problem();
  const auto& criteria = clir_bench::twelve_criteria_problem().criteria;
  const clir::ExplainOptions options{.selection = p.quotas, .time_limit_seconds = static_cast<double>(state.range(0))};
  clir::ExplainResult r;
  for (auto _ : state) {
    r = clir::explain_selection(p.pool, criteria, p.reference, options);
    benchmark::DoNotOptimize(r.weights.data());
  }
  state.SetLabel(std::to_string(r.members_in_top) + " of 19 among the best 19, bound " +
                 std::to_string(r.upper_bound.value_or(0)) + (r.proven_optimal ? ", proven" : ", not proven"));
}
BENCHMARK(BM_ExplainMaxMembers)->Arg(1)->Arg(4)->ArgName("time_limit_s")->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
