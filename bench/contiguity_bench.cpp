// Benchmark of clir::contiguity_graph on the 1,469 built-in hromada polygons (about 90,000 border
// vertices). Goal (issue 23): the contiguity graph of all hromadas in at most 0.5 s. The polygons
// are decoded before timing (clir::builtin_hromada_polygons, once per program).
#include <benchmark/benchmark.h>

#include <vector>

#include "clir/data/boundaries.hpp"
#include "clir/data/builtin.hpp"
#include "clir/graph/contiguity.hpp"

namespace {

struct Inputs {
  std::vector<clir::GeoMultiPolygon> areas;
  std::vector<clir::GeoPoint> centres;
};

const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs out;
    for (const auto& area : clir::builtin_hromada_polygons()) out.areas.push_back(area.polygons);
    for (const auto& c : clir::builtin_hromadas().communities) out.centres.push_back(c.location);
    return out;
  }();
  return in;
}

// Args: rule (0 queen, 1 rook), threads (0 = all cores).
void BM_ContiguityAllHromadas(benchmark::State& state) {
  const auto& in = inputs();
  const clir::ContiguityOptions options{
      .rule = state.range(0) == 0 ? clir::ContiguityRule::queen : clir::ContiguityRule::rook,
      .threads = static_cast<unsigned>(state.range(1))};
  std::size_t edges = 0;
  for (auto _ : state) {
    const auto g = clir::contiguity_graph(in.areas, in.centres, options);
    edges = g.edge_count();
    benchmark::DoNotOptimize(edges);
  }
  state.counters["edges"] = static_cast<double>(edges);
}
BENCHMARK(BM_ContiguityAllHromadas)
    ->ArgsProduct({{0, 1}, {1, 0}})
    ->ArgNames({"rook", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
