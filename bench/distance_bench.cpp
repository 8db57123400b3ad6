// Speed of the geographic distance matrices: n points scattered over Ukraine's extent,
// haversine and WGS84 geodesic (GeographicLib), float storage, 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <vector>

#include "clir/core/rng.hpp"
#include "clir/distance/geo.hpp"

namespace {

std::vector<clir::GeoPoint> ukraine_points(std::size_t n) {
  clir::Rng rng = clir::Rng::stream(1991, n);
  std::vector<clir::GeoPoint> p(n);
  for (auto& q : p) q = {44.4 + 8.0 * rng.uniform(), 22.1 + 18.1 * rng.uniform()};
  return p;
}

void BM_GeoMatrix(benchmark::State& state, clir::GeoMethod method) {
  const auto pts = ukraine_points(static_cast<std::size_t>(state.range(0)));
  const auto threads = static_cast<unsigned>(state.range(1));
  for (auto _ : state) {
    auto D = clir::geo_distance_matrix<float>(pts, {.method = method, .threads = threads});
    benchmark::DoNotOptimize(D.condensed().data());
  }
  const double pairs = static_cast<double>(pts.size()) * static_cast<double>(pts.size() - 1) / 2.0;
  state.counters["pairs/s"] = benchmark::Counter(pairs, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MiB"] = static_cast<double>(clir::DistanceMatrix<float>::bytes_for(pts.size())) / (1 << 20);
}
BENCHMARK_CAPTURE(BM_GeoMatrix, haversine, clir::GeoMethod::haversine)
    ->ArgsProduct({{1000, 5000, 10000, 20000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();
// GeographicLib's exact geodesics cost about a microsecond per pair: n = 20,000 is two minutes
// on one thread, so each size runs once.
BENCHMARK_CAPTURE(BM_GeoMatrix, geodesic, clir::GeoMethod::geodesic)
    ->ArgsProduct({{1000, 5000, 10000, 20000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
