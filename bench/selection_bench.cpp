// Selection benchmarks on the 1,469 built-in hromadas × 12 criteria, with the built-in CLIR
// 2024 scenario's quota shape: 19 selected, at most 4 per oblast, at least 7 distinct oblasts.
//
// - BM_SelectOnce/solver: one selection (sort + solve) by the matroid greedy and by GLPK.
// - BM_SelectOnceTwoColumns: one selection with a second quota column (at most 6 cities): GLPK.
// - BM_MonteCarloClirQuotas/threads: the goal, 10,000 TOPSIS Monte Carlo draws with a
//   selection per draw, under 1 s on 2 cores (matroid greedy, picked by `automatic`).
// - BM_MonteCarloClirQuotasMip/threads: the same with the MIP forced, 1,000 draws (per-draw
//   times compare directly).
// - BM_MonteCarloTwoColumns/threads: 1,000 draws with the second quota column (GLPK per draw).
#include <benchmark/benchmark.h>

#include <numeric>
#include <vector>

#include "clir/data/builtin.hpp"
#include "clir/scoring/default_criteria.hpp"
#include "clir/selection/robustness.hpp"

#include "bench_problem.hpp"

namespace {

// The twelve criteria of bench/scoring_bench.cpp (bench_problem.hpp).
const clir_bench::Problem& problem() { return clir_bench::twelve_criteria_problem(); }

clir::SelectionOptions clir_quotas(clir::SelectionSolver solver) {
  return {.count = 19,
          .quotas = {{.column = "oblast_uk", .max = 4}},
          .distinct = {{.column = "oblast_uk", .at_least = 7}},
          .solver = solver};
}

// Arg 0: matroid greedy, 1: GLPK.
void BM_SelectOnce(benchmark::State& state) {
  const auto& p = problem();
  const auto solver = state.range(0) == 0 ? clir::SelectionSolver::matroid : clir::SelectionSolver::mip;
  const auto m = clir::build_decision_matrix(p.table, p.criteria);
  const Eigen::VectorXd scores = clir::score(m, {.method = clir::ScoringMethod::topsis}).score;
  const clir::QuotaSelector selector(p.table, p.all, clir_quotas(solver));
  for (auto _ : state) {
    auto chosen = selector.select(scores);
    benchmark::DoNotOptimize(chosen.data());
  }
  state.SetLabel(std::string(clir::to_string(selector.solver())));
}
BENCHMARK(BM_SelectOnce)->Arg(0)->Arg(1)->ArgName("solver")->Unit(benchmark::kMicrosecond);

// A shape that needs the MIP: the built-in one plus at most 6 cities (a second quota column).
void BM_SelectOnceTwoColumns(benchmark::State& state) {
  const auto& p = problem();
  const auto m = clir::build_decision_matrix(p.table, p.criteria);
  const Eigen::VectorXd scores = clir::score(m, {.method = clir::ScoringMethod::topsis}).score;
  auto options = clir_quotas(clir::SelectionSolver::automatic);
  options.quotas.push_back({.column = "type", .category = "city", .max = 6});
  const clir::QuotaSelector selector(p.table, p.all, options);
  for (auto _ : state) {
    auto chosen = selector.select(scores);
    benchmark::DoNotOptimize(chosen.data());
  }
  state.SetLabel(std::string(clir::to_string(selector.solver())));
}
BENCHMARK(BM_SelectOnceTwoColumns)->Unit(benchmark::kMicrosecond);

void monte_carlo(benchmark::State& state, const clir::SelectionOptions& options, std::size_t draws) {
  const auto& p = problem();
  const auto m = clir::build_decision_matrix(p.table, p.criteria);
  const clir::PreparedScoring prepared(m, {.method = clir::ScoringMethod::topsis});
  const Eigen::VectorXd w = clir::normalize_weights(m.weights);
  const clir::QuotaSelector selector(p.table, p.all, options);
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    auto r = clir::monte_carlo(prepared, w, {.draws = draws, .concentration = 50.0, .seed = 1, .threads = threads},
                               &selector);
    benchmark::DoNotOptimize(r.selection_probability.data());
  }
  state.counters["draws"] = static_cast<double>(draws);
  state.SetLabel(std::string(clir::to_string(selector.solver())));
}

void BM_MonteCarloClirQuotas(benchmark::State& state) {
  monte_carlo(state, clir_quotas(clir::SelectionSolver::automatic), 10000);
}
BENCHMARK(BM_MonteCarloClirQuotas)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MonteCarloClirQuotasMip(benchmark::State& state) {
  monte_carlo(state, clir_quotas(clir::SelectionSolver::mip), 1000);
}
BENCHMARK(BM_MonteCarloClirQuotasMip)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MonteCarloTwoColumns(benchmark::State& state) {
  auto options = clir_quotas(clir::SelectionSolver::automatic);
  options.quotas.push_back({.column = "type", .category = "city", .max = 6});
  monte_carlo(state, options, 1000);
}
BENCHMARK(BM_MonteCarloTwoColumns)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
