// Constrained k-medoids (min-cost-flow assignment) and the exact p-median at growing n.
// Points are uniform in a 500 km square (about the size of an oblast cluster), Euclidean km.
//
//   BM_Constrained/n/k         size bounds around n/k, all swap candidates (n <= 200)
//   BM_ConstrainedNearest/n/k  same, swap candidates limited to the 16 nearest non-medoids
//   BM_ConstrainedStarts/n/k   8 starts, best kept (compare its objective with the exact one)
//   BM_Assignment/n/k          one min-cost-flow assignment for fixed medoids
//   BM_ExactPMedian/n/k        GLPK branch-and-cut to proven optimality

#include <benchmark/benchmark.h>

#include <cmath>
#include <numeric>

#include "clir/cluster/constrained.hpp"
#include "clir/cluster/pmedian.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

namespace {

clir::DistanceMatrix<double> square(std::size_t n, std::uint64_t seed = 42) {
  clir::Rng rng(seed);
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = rng.uniform() * 500.0;
    y[i] = rng.uniform() * 500.0;
  }
  clir::DistanceMatrix<double> D(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) D.set(i, j, std::hypot(x[i] - x[j], y[i] - y[j]));
  return D;
}

// Bounds of roughly ±50 % around the mean group size n/k, at least 1.
clir::GroupConstraints bounds(std::size_t n, std::size_t k) {
  const std::size_t mean = n / k;
  return {.min_size = std::max<std::size_t>(1, mean / 2), .max_size = (3 * mean + 1) / 2 + 1};
}

void report(benchmark::State& state, const clir::ConstrainedResult& r) {
  state.counters["objective"] = r.objective;
  state.counters["swaps"] = static_cast<double>(r.swaps);
  state.counters["passes"] = static_cast<double>(r.iterations);
}

// One constrained k-medoids run per iteration on square(n) with bounds(n, k), n and k from
// the benchmark's arguments.
void run_constrained(benchmark::State& state, const clir::ConstrainedOptions& options) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::size_t>(state.range(1));
  const auto D = square(n);
  const auto c = bounds(n, k);
  clir::ConstrainedResult r;
  for (auto _ : state) {
    r = clir::constrained_kmedoids(D, k, c, options);
    benchmark::DoNotOptimize(r.loss);
  }
  report(state, r);
}

void BM_Constrained(benchmark::State& state) { run_constrained(state, {}); }
// The published CLIR grouping: 19 communities, 6 groups of 2 to 4.
BENCHMARK(BM_Constrained)->Args({19, 6})->Args({50, 10})->Args({100, 10})->Args({200, 20})->Unit(benchmark::kMillisecond);

void BM_ConstrainedNearest(benchmark::State& state) { run_constrained(state, {.swap_candidates = 16}); }
BENCHMARK(BM_ConstrainedNearest)
    ->Args({19, 6})
    ->Args({200, 20})
    ->Args({500, 10})
    ->Args({1000, 10})
    ->Args({2000, 10})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// Multi-start: 8 runs (BUILD, then 7 random starts), best objective kept.
void BM_ConstrainedStarts(benchmark::State& state) { run_constrained(state, {.starts = 8}); }
BENCHMARK(BM_ConstrainedStarts)->Args({19, 6})->Args({50, 10})->Args({100, 20})->Unit(benchmark::kMillisecond);

void BM_Assignment(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::size_t>(state.range(1));
  const auto D = square(n);
  const auto c = bounds(n, k);
  // Fixed medoids: every (n/k)-th item; max_iter = 0 runs only the initial assignment.
  std::vector<std::size_t> medoids(k);
  for (std::size_t g = 0; g < k; ++g) medoids[g] = g * (n / k);
  for (auto _ : state) {
    auto r = clir::constrained_kmedoids(D, k, c, {.init = clir::ConstrainedInit::given, .initial_medoids = medoids, .max_iter = 0});
    benchmark::DoNotOptimize(r.loss);
  }
}
BENCHMARK(BM_Assignment)->Args({19, 6})->Args({200, 20})->Args({2000, 10})->Args({2000, 100})->Unit(benchmark::kMillisecond);

void BM_ExactPMedian(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::size_t>(state.range(1));
  const auto D = square(n);
  const auto c = bounds(n, k);
  clir::PMedianResult r;
  for (auto _ : state) {
    r = clir::exact_pmedian(D, k, c, {.time_limit_s = 120});
    benchmark::DoNotOptimize(r.loss);
  }
  state.counters["objective"] = r.objective;
  state.counters["optimal"] = r.status == clir::PMedianStatus::optimal ? 1.0 : 0.0;
  state.counters["nodes"] = static_cast<double>(r.nodes);
}
BENCHMARK(BM_ExactPMedian)->Args({19, 6})->Args({50, 10})->Args({100, 20})->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
