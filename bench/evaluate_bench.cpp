// Evaluation metrics at scale: comparison scores at n = 10^4..10^6 (the contingency table is
// O(n), E[MI] depends on the group sizes only), label matching, and the O(n²) silhouette.
#include <benchmark/benchmark.h>

#include <cmath>

#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/evaluate/evaluate.hpp"

namespace {

// Two related groupings: the candidate keeps the reference's group for 70 % of the items.
std::pair<clir::Labels, clir::Labels> groupings(std::size_t n, std::uint64_t k_ref, std::uint64_t k_cand) {
  clir::Rng rng(42);
  clir::Labels a(n), b(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = static_cast<std::int32_t>(rng.below(k_ref));
    b[i] = rng.uniform() < 0.7 ? static_cast<std::int32_t>(static_cast<std::uint64_t>(a[i]) % k_cand)
                               : static_cast<std::int32_t>(rng.below(k_cand));
  }
  return {a, b};
}

void BM_Compare(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::uint64_t>(state.range(1));
  const auto [a, b] = groupings(n, k, k + 2);
  for (auto _ : state) benchmark::DoNotOptimize(clir::compare(a, b));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_Compare)->ArgsProduct({{10'000, 100'000, 1'000'000}, {6, 100}})->Unit(benchmark::kMillisecond);

void BM_AdjustedRand(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto [a, b] = groupings(n, 6, 8);
  for (auto _ : state) benchmark::DoNotOptimize(clir::adjusted_rand_index(a, b));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_AdjustedRand)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// E[MI] alone, on a precomputed table: its cost depends on the group sizes, not on n directly.
void BM_ExpectedMutualInformation(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::uint64_t>(state.range(1));
  const auto [a, b] = groupings(n, k, k);
  const auto table = clir::contingency_table(a, b);
  for (auto _ : state) benchmark::DoNotOptimize(clir::expected_mutual_information(table));
}
BENCHMARK(BM_ExpectedMutualInformation)
    ->ArgsProduct({{10'000, 100'000, 1'000'000}, {6, 100, 1000}})
    ->Unit(benchmark::kMillisecond);

void BM_MatchLabels(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::uint64_t>(state.range(1));
  const auto [a, b] = groupings(n, k, k);
  for (auto _ : state) benchmark::DoNotOptimize(clir::match_labels(a, b));
}
BENCHMARK(BM_MatchLabels)->ArgsProduct({{1'000'000}, {6, 100, 500}})->Unit(benchmark::kMillisecond);

clir::DistanceMatrix<float> random_points_matrix(std::size_t n) {
  clir::Rng rng(3);
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = rng.uniform() * 1000.0;
    y[i] = rng.uniform() * 600.0;
  }
  clir::DistanceMatrix<float> d(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) d.set(i, j, static_cast<float>(std::hypot(x[i] - x[j], y[i] - y[j])));
  }
  return d;
}

void BM_Silhouette(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  const auto d = random_points_matrix(n);
  const auto [a, b] = groupings(n, 8, 8);
  for (auto _ : state) benchmark::DoNotOptimize(clir::silhouette(d, a, {.threads = threads}));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n * n));
}
BENCHMARK(BM_Silhouette)->ArgsProduct({{1'000, 5'000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_GroupSpread(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto d = random_points_matrix(n);
  const auto [a, b] = groupings(n, 8, 8);
  for (auto _ : state) benchmark::DoNotOptimize(clir::group_spread(d, a));
}
BENCHMARK(BM_GroupSpread)->Arg(1'000)->Arg(5'000)->Unit(benchmark::kMillisecond);

}  // namespace
