// Where the time of one FasterPAM sweep goes, against the machine's memory bandwidth
// (docs/performance.md, "FasterPAM against the memory-bandwidth floor"). For one condensed
// matrix, each benchmark does one thing a sweep over all n candidates needs, without swaps:
//
//   BM_SweepStream    one streaming read of the condensed matrix (the floor's unit);
//   BM_SweepGather    the reads of a sweep in the pattern FasterPAM uses: every block of 32
//                     candidates fetches its distances to all n items item-major
//                     (RowSource::fill_columns), i.e. each stored distance twice, as short runs
//                     of the earlier rows and as 32 row streams side by side;
//   BM_SweepEvaluate  a whole sweep's evaluations: the same reads plus the gain arithmetic
//                     (BlockGains::evaluate, 1 thread), the part of FasterPAM that dominates;
//   BM_SweepTiles     a sweep's reads if the matrix were stored in tiles of one block by one
//                     block (a storage clir does not have): what such a layout would gain.
//
// The difference Evaluate − Gather is arithmetic that did not overlap with memory; Gather over
// 2 × Stream is the cost of the access pattern itself. Arguments: n, and 4 or 8 bytes per value.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "bench_points.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/distance/matrix.hpp"

namespace {

constexpr std::size_t kMedoids = 10;

void set_counters(benchmark::State& state, std::size_t n, std::size_t bytes_per_value) {
  state.counters["n"] = static_cast<double>(n);
  state.counters["value_bytes"] = static_cast<double>(bytes_per_value);
}

/// Sum of @p count values in four vectors of eight lanes, written out so that any target
/// vectorises it and the adds keep up with memory (the compiler leaves a scalar loop for float
/// when the lanes are written as an array).
template <class V>
double sum_values(const V* v, std::size_t count) {
  typedef double Lanes __attribute__((vector_size(64)));
  typedef V Loaded __attribute__((vector_size(8 * sizeof(V))));
  Lanes acc[4] = {};
  const std::size_t whole = count / 32 * 32;
  for (std::size_t p = 0; p < whole; p += 32) {
    for (std::size_t u = 0; u < 4; ++u) {
      Loaded x;
      std::memcpy(&x, v + p + 8 * u, sizeof x);
      acc[u] += __builtin_convertvector(x, Lanes);
    }
  }
  double total = 0.0;
  for (std::size_t p = whole; p < count; ++p) total += static_cast<double>(v[p]);
  const Lanes sum = (acc[0] + acc[1]) + (acc[2] + acc[3]);
  for (std::size_t t = 0; t < 8; ++t) total += sum[t];
  return total;
}

template <class V>
void stream(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& c = clir_bench::unit_square_matrix<V>(n).condensed();
  for (auto _ : state) benchmark::DoNotOptimize(sum_values(c.data(), c.size()));
  set_counters(state, n, sizeof(V));
}

/// What a sweep's reads would cost with another storage: the upper triangle in T × T tiles
/// (T = the block of candidates), each tile contiguous and its rows item-major for the tile
/// column's candidates. A block aligned to a tile column then reads, for every tile row, one
/// contiguous tile: d(j, block) for j left of it as stored, d(block, j) right of it as rows to
/// turn. clir does not store matrices this way; this measures what it would gain (the tiled
/// copy is made once, outside the timing).
template <class V>
void tiles(benchmark::State& state) {
  constexpr std::size_t T = clir::detail::RowSource<clir::DistanceMatrix<V>>::kBlock;
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& D = clir_bench::unit_square_matrix<V>(n);
  const std::size_t nb = (n + T - 1) / T;
  auto first = [nb](std::size_t a) { return (a * (2 * nb - a + 1) / 2) * T * T; };  // tile (a, a)
  std::vector<V> tiled(nb * (nb + 1) / 2 * T * T, V(0));
  for (std::size_t a = 0; a < nb; ++a)
    for (std::size_t b = a; b < nb; ++b)
      for (std::size_t r = 0; r < T; ++r)
        for (std::size_t c = 0; c < T; ++c) {
          const std::size_t i = a * T + r, j = b * T + c;
          if (i < n && j < n && i != j) tiled[first(a) + (b - a) * T * T + r * T + c] = D(i, j);
        }
  for (auto _ : state) {
    double total = 0.0;
    for (std::size_t b = 0; b < nb; ++b)
      for (std::size_t a = 0; a < nb; ++a) {
        const std::size_t lo = std::min(a, b), hi = std::max(a, b);
        total += sum_values(tiled.data() + first(lo) + (hi - lo) * T * T, T * T);
      }
    benchmark::DoNotOptimize(total);
  }
  set_counters(state, n, sizeof(V));
}

template <class V>
void gather(benchmark::State& state) {
  using Rows = clir::detail::RowSource<clir::DistanceMatrix<V>>;
  constexpr std::size_t B = Rows::kBlock, kChunk = clir::detail::BlockGains<Rows>::kChunk;
  const auto n = static_cast<std::size_t>(state.range(0));
  const Rows rows(clir_bench::unit_square_matrix<V>(n), 0, 1);
  std::vector<V> cols(kChunk * B);
  for (auto _ : state) {
    for (std::size_t h0 = 0; h0 < n; h0 += B) {
      const std::size_t count = std::min(B, n - h0);
      for (std::size_t j0 = 0; j0 < n; j0 += kChunk) {
        rows.fill_columns(h0, count, j0, std::min(n, j0 + kChunk), cols.data());
        benchmark::DoNotOptimize(cols.data());
        benchmark::ClobberMemory();
      }
    }
  }
  set_counters(state, n, sizeof(V));
}

template <class V>
void evaluate(benchmark::State& state) {
  using Rows = clir::detail::RowSource<clir::DistanceMatrix<V>>;
  constexpr std::size_t B = Rows::kBlock;
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& D = clir_bench::unit_square_matrix<V>(n);
  const Rows rows(D, 0, 1);
  clir::detail::NearestCache cache;
  std::vector<std::size_t> medoids(kMedoids);
  for (std::size_t s = 0; s < kMedoids; ++s) medoids[s] = s * (n / kMedoids);
  cache.init(rows, medoids, clir::detail::big_distance(D));
  cache.compute_remove_loss();
  clir::detail::BlockGains<Rows> gains(rows, kMedoids, 1);
  std::vector<double> best(B);
  std::vector<std::uint32_t> slot(B);
  for (auto _ : state) {
    for (std::size_t h0 = 0; h0 < n; h0 += B) {
      gains.evaluate(cache, h0, std::min(B, n - h0), best.data(), slot.data());
      benchmark::DoNotOptimize(best.data());
    }
  }
  set_counters(state, n, sizeof(V));
}

// Registered size by size, so that the three parts of one matrix run one after the other.
const bool registered = [] {
  for (const std::int64_t n : {10000, 20000}) {
    for (const std::int64_t bytes : {8, 4}) {
      const bool single = bytes == 4;
      const auto add = [&](const char* name, void (*f)(benchmark::State&)) {
        benchmark::RegisterBenchmark(name, f)->ArgNames({"n", "bytes"})->Args({n, bytes})->Unit(benchmark::kMillisecond)->UseRealTime();
      };
      add("BM_SweepStream", single ? stream<float> : stream<double>);
      add("BM_SweepGather", single ? gather<float> : gather<double>);
      add("BM_SweepEvaluate", single ? evaluate<float> : evaluate<double>);
      add("BM_SweepTiles", single ? tiles<float> : tiles<double>);
    }
  }
  return true;
}();

}  // namespace
