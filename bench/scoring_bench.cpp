// Scoring benchmarks: TOPSIS on 1,469 applicants × 12 criteria, and 10,000 Monte Carlo weight
// draws of the same with a quota selection per draw. Goal: the 10,000-draw run under 1 s on
// 2 cores (BM_MonteCarloTopsis/threads:2).
//
// The problem (built-in table, 12 criteria) is shared with selection_bench.cpp: bench_problem.hpp.
#include <benchmark/benchmark.h>

#include <vector>

#include "clir/scoring/score.hpp"
#include "clir/selection/robustness.hpp"

#include "bench_problem.hpp"

namespace {

const clir_bench::Problem& problem() { return clir_bench::twelve_criteria_problem(); }

void BM_TopsisScore(benchmark::State& state) {
  const auto& p = problem();
  const auto m = clir::build_decision_matrix(p.table, p.criteria);
  for (auto _ : state) {
    auto r = clir::score(m, {.method = clir::ScoringMethod::topsis});
    benchmark::DoNotOptimize(r.score.data());
  }
  state.counters["alternatives"] = static_cast<double>(m.rows());
  state.counters["criteria"] = static_cast<double>(m.cols());
}
BENCHMARK(BM_TopsisScore)->Unit(benchmark::kMicrosecond);

void BM_TopsisFromTable(benchmark::State& state) {
  const auto& p = problem();
  for (auto _ : state) {
    auto r = clir::score(p.table, p.criteria, {.method = clir::ScoringMethod::topsis});
    benchmark::DoNotOptimize(r.score.data());
  }
}
BENCHMARK(BM_TopsisFromTable)->Unit(benchmark::kMicrosecond);

// 10,000 Dirichlet draws; each draw scores, ranks all 1,469 and selects 50 with at most 4 per
// oblast (greedy, optimal for this quota shape).
void BM_MonteCarloTopsis(benchmark::State& state) {
  const auto& p = problem();
  const auto m = clir::build_decision_matrix(p.table, p.criteria);
  const clir::PreparedScoring prepared(m, {.method = clir::ScoringMethod::topsis});
  const Eigen::VectorXd w = clir::normalize_weights(m.weights);
  std::vector<std::size_t> all(p.table.rows());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const clir::QuotaSelector selector(p.table, all, {.count = 50, .quotas = {{.column = "oblast_en", .max = 4}}});
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    auto r = clir::monte_carlo(prepared, w, {.draws = 10000, .concentration = 50.0, .seed = 1, .threads = threads},
                               &selector);
    benchmark::DoNotOptimize(r.mean_rank.data());
  }
  state.counters["draws"] = 10000;
}
BENCHMARK(BM_MonteCarloTopsis)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
