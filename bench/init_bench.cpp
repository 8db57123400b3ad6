// Which start should FasterPAM take by default (issue #27)? BUILD, LAB, k-medoids++ and random,
// each with one start and (the random ones) with 5 starts, for time and final loss, on n random
// points in the unit square (float, condensed; n = 1,000 .. 20,000) and on the geodesic
// distances of the 1,469 built-in hromada centres (n = 0 below). One thread, k = 10, seed 7.
// Counters: loss = the final loss (of the best start), init_ms = one start's initialisation alone (CPU).
// bench/init_table.py turns a JSON run into the table of docs/clustering.md.
#include <benchmark/benchmark.h>

#include <ctime>
#include <vector>

#include "bench_points.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/data/builtin.hpp"
#include "clir/distance/geo.hpp"
#include "clir/distance/matrix.hpp"

namespace {

constexpr std::size_t kGroups = 10;

const clir::DistanceMatrix<float>& hromada_matrix() {
  static const clir::DistanceMatrix<float> D = [] {
    std::vector<clir::GeoPoint> centres;
    for (const auto& c : clir::builtin_hromadas().communities) centres.push_back(c.location);
    return clir::geo_distance_matrix<float>(centres);
  }();
  return D;
}

constexpr clir::Init kInits[] = {clir::Init::build, clir::Init::lab, clir::Init::kmedoidspp, clir::Init::random};

void BM_Start(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& D = n == 0 ? hromada_matrix() : clir_bench::unit_square_matrix<float>(n);
  const clir::Init init = kInits[state.range(1)];
  const auto starts = static_cast<std::size_t>(state.range(2));
  const clir::KMedoidsOptions options{.init = init, .starts = starts, .seed = 7, .threads = 1};
  clir::MedoidResult r;
  for (auto _ : state) {
    r = clir::fasterpam(D, kGroups, options);
    benchmark::DoNotOptimize(r.loss);
  }
  // One start's initialisation alone, once, outside the timed loop, in CPU time (one thread;
  // steadier than wall time on a loaded machine). It includes R's "big" (one read of the
  // matrix), which every start computes.
  const std::clock_t c0 = std::clock();
  auto m = clir::initial_medoids(D, kGroups, {.init = init, .seed = 7, .threads = 1, .validate = false});
  benchmark::DoNotOptimize(m.data());
  state.counters["init_ms"] = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  state.counters["loss"] = r.loss;
  state.counters["swaps"] = static_cast<double>(r.swaps);
  state.SetLabel(std::string(clir::to_string(init)) + (n == 0 ? " hromadas" : ""));
}

void start_args(benchmark::internal::Benchmark* b) {
  for (long n : {0L, 1000L, 2000L, 5000L, 10000L, 20000L}) {
    b->Args({n, 0, 1});  // BUILD: one start is all it has
    for (long init : {1L, 2L, 3L})
      for (long starts : {1L, 5L}) b->Args({n, init, starts});
  }
}
BENCHMARK(BM_Start)->Apply(start_args)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
