// Benchmarks of clir/graph: proximity graphs, the minimum spanning tree and SKATER at
// n = 1,000 to 100,000 random points in Ukraine's bounding box (k-nearest-neighbour graphs,
// k = 6, union). The SKATER goal (issue "Performance"): n = 2,000 at least 500× faster than
// R's spdep::skater on the same graph, with an equal or lower within-group SSD.
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <vector>

#include "clir/core/rng.hpp"
#include "clir/graph/proximity.hpp"
#include "clir/graph/single_linkage.hpp"
#include "clir/graph/skater.hpp"

namespace {

std::vector<clir::GeoPoint> random_points(std::size_t n, std::uint64_t seed = 1) {
  std::vector<clir::GeoPoint> points(n);
  auto rng = clir::Rng::stream(seed, 0);
  for (auto& p : points) p = {44.4 + 8.0 * rng.uniform(), 22.1 + 18.1 * rng.uniform()};
  return points;
}

/// p needs indicators with a smooth spatial trend plus noise (so that regions exist).
Eigen::MatrixXd attributes(const std::vector<clir::GeoPoint>& points, Eigen::Index p, std::uint64_t seed = 2) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(points.size()), p);
  auto rng = clir::Rng::stream(seed, 0);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const auto& q = points[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < p; ++j) {
      x(i, j) = std::sin(0.3 * static_cast<double>(j + 1) * q.lon) + std::cos(0.5 * q.lat * static_cast<double>(j % 3 + 1)) +
                0.5 * rng.normal();
    }
  }
  return x;
}

void sizes(benchmark::internal::Benchmark* b) {
  for (long n : {1000L, 2000L, 5000L, 10000L, 20000L, 50000L, 100000L}) b->Arg(n);
  b->Unit(benchmark::kMillisecond);
}

void BM_KnnGraph(benchmark::State& state) {
  const auto points = random_points(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(clir::knn_graph(points, 6, {.threads = 1}));
}
BENCHMARK(BM_KnnGraph)->Apply(sizes);

void BM_DelaunayGraph(benchmark::State& state) {
  const auto points = random_points(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(clir::delaunay_graph(points));
}
BENCHMARK(BM_DelaunayGraph)->Apply(sizes);

void BM_MinimumSpanningTree(benchmark::State& state) {
  const auto points = random_points(static_cast<std::size_t>(state.range(0)));
  const auto g = clir::connect_components(clir::knn_graph(points, 6), points).graph;
  for (auto _ : state) benchmark::DoNotOptimize(clir::minimum_spanning_forest(g));
  state.counters["edges"] = static_cast<double>(g.edge_count());
}
BENCHMARK(BM_MinimumSpanningTree)->Apply(sizes);

/// SKATER on a 6-NN graph, p = 8 attributes, k = 10 groups (args: n, k).
void BM_Skater(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::size_t>(state.range(1));
  const auto points = random_points(n);
  const auto g = clir::connect_components(clir::knn_graph(points, 6), points).graph;
  const Eigen::MatrixXd x = attributes(points, 8);
  double ssd = 0.0;
  for (auto _ : state) {
    const auto result = clir::skater(g, x, k);
    ssd = result.ssd;
    benchmark::DoNotOptimize(result.labels.data());
  }
  state.counters["ssd"] = ssd;
}
BENCHMARK(BM_Skater)
    ->ArgsProduct({{1000, 2000, 5000, 10000, 20000, 50000, 100000}, {10}})
    ->Args({2000, 50})
    ->Args({100000, 100})
    ->Unit(benchmark::kMillisecond);

/// SKATER with both size bounds active: n/30 groups of 10 to 60 items.
void BM_SkaterBounded(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto points = random_points(n);
  const auto g = clir::connect_components(clir::knn_graph(points, 6), points).graph;
  const Eigen::MatrixXd x = attributes(points, 8);
  for (auto _ : state) {
    benchmark::DoNotOptimize(clir::skater(g, x, n / 30, {.min_size = 10, .max_size = 60}).ssd);
  }
}
BENCHMARK(BM_SkaterBounded)->Arg(1000)->Arg(2000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_SingleLinkageGraph(benchmark::State& state) {
  const auto points = random_points(static_cast<std::size_t>(state.range(0)));
  const auto g = clir::connect_components(clir::knn_graph(points, 6), points).graph;
  for (auto _ : state) benchmark::DoNotOptimize(clir::single_linkage(g, 10).labels.data());
}
BENCHMARK(BM_SingleLinkageGraph)->Apply(sizes);

}  // namespace
