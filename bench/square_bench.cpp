// Square input against condensed, step by step (issue #27: every k-medoids step on a square
// C- or Fortran-order matrix within 1.1x of the condensed time for the same distances). The
// distances of n random points in the unit square (float), once condensed (DistanceMatrix) and
// once as the n x n row-major matrix a NumPy caller passes (DenseDistanceView; a symmetric
// Fortran-order matrix is the same memory). Second argument: 0 = condensed, 1 = square.
// One thread, k = 10. Steps: the input check (validation and R's "big"), BUILD, the caches
// for 10 medoids, FasterPAM's swaps from given medoids, and the whole default call.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <vector>

#include "bench_points.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/distance/matrix.hpp"

namespace {

constexpr std::size_t kGroups = 10;

const std::vector<float>& square_copy(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<std::vector<float>>> cache;
  auto& slot = cache[n];
  if (!slot) {
    const auto& D = clir_bench::unit_square_matrix<float>(n);
    slot = std::make_unique<std::vector<float>>(n * n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) (*slot)[i * n + j] = D(i, j);
  }
  return *slot;
}

// Calls f(D) with the condensed matrix or the square view of the same distances.
template <class F>
void with_storage(benchmark::State& state, F&& f) {
  const auto n = static_cast<std::size_t>(state.range(0));
  if (state.range(1) == 0) {
    f(clir_bench::unit_square_matrix<float>(n));
  } else {
    f(clir::DenseDistanceView<float>(square_copy(n).data(), n));
  }
  state.SetLabel(state.range(1) == 0 ? "condensed" : "square");
}

std::vector<std::size_t> spread_medoids(std::size_t n) {
  std::vector<std::size_t> m;
  for (std::size_t g = 0; g < kGroups; ++g) m.push_back(g * n / kGroups + 3);
  return m;
}

void BM_Check(benchmark::State& state) {
  with_storage(state, [&](const auto& D) {
    for (auto _ : state) benchmark::DoNotOptimize(clir::detail::scan_distances(D, true, 1));
  });
}

void BM_Build(benchmark::State& state) {
  with_storage(state, [&](const auto& D) {
    for (auto _ : state) {
      auto m = clir::initial_medoids(D, kGroups, {.init = clir::Init::build, .threads = 1, .validate = false});
      benchmark::DoNotOptimize(m.data());
    }
  });
}

void BM_Caches(benchmark::State& state) {
  with_storage(state, [&](const auto& D) {
    using M = std::remove_cvref_t<decltype(D)>;
    const clir::detail::RowSource<M> rows(D, 0, 1);
    for (auto _ : state) {
      clir::detail::TotalDeviation<clir::detail::RowSource<M>> objective(rows, spread_medoids(D.size()), 1e9, 1);
      benchmark::DoNotOptimize(objective.tolerance());
    }
  });
}

void BM_Swaps(benchmark::State& state) {
  with_storage(state, [&](const auto& D) {
    for (auto _ : state) {
      auto r = clir::fasterpam(D, kGroups,
                               {.init = clir::Init::given, .initial_medoids = spread_medoids(D.size()), .threads = 1,
                                .validate = false});
      benchmark::DoNotOptimize(r.loss);
    }
  });
}

void BM_FasterPAM_Default(benchmark::State& state) {
  with_storage(state, [&](const auto& D) {
    for (auto _ : state) {
      auto r = clir::fasterpam(D, kGroups, {.threads = 1});
      benchmark::DoNotOptimize(r.loss);
    }
  });
}

#define CLIR_SQUARE_BENCH(name) \
  BENCHMARK(name)->ArgsProduct({{2000, 10000}, {0, 1}})->Unit(benchmark::kMillisecond)->UseRealTime()
CLIR_SQUARE_BENCH(BM_Check);
CLIR_SQUARE_BENCH(BM_Build);
CLIR_SQUARE_BENCH(BM_Caches);
CLIR_SQUARE_BENCH(BM_Swaps);
CLIR_SQUARE_BENCH(BM_FasterPAM_Default);

}  // namespace
