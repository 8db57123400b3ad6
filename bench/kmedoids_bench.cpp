// Speed of the k-medoids family on n random points in the unit square (Euclidean distances in
// float, condensed), k = 10. Goals (issue "Performance", measured against R by bench/compare):
// FasterPAM at n = 10,000, one thread, at least 5x faster than cluster::pam(variant = "faster")
// with equal loss; PAM at least 3x faster than cluster::pam with identical medoids.
// The matrix is built once per n outside the timing; counters report loss, swaps, passes.
#include <benchmark/benchmark.h>

#include "bench_points.hpp"
#include "clir/cluster/clara.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/cluster/msc.hpp"
#include "clir/distance/matrix.hpp"

namespace {

constexpr std::size_t kGroups = 10;

const clir::DistanceMatrix<float>& points_matrix(std::size_t n) { return clir_bench::unit_square_matrix<float>(n); }

void report(benchmark::State& state, const clir::MedoidResult& r) {
  state.counters["loss"] = r.loss;
  state.counters["swaps"] = static_cast<double>(r.swaps);
  state.counters["passes"] = static_cast<double>(r.iterations);
}

template <class Run>
void run_bench(benchmark::State& state, Run&& run) {
  const auto& D = points_matrix(static_cast<std::size_t>(state.range(0)));
  clir::MedoidResult r;
  for (auto _ : state) {
    r = run(D);
    benchmark::DoNotOptimize(r.loss);
  }
  report(state, r);
}

// FasterPAM from k random medoids (R's variant = "faster" starts from a random sample too).
void BM_FasterPAM(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(1));
  run_bench(state, [&](const auto& D) {
    return clir::fasterpam(D, kGroups, {.init = clir::Init::random, .seed = 7, .threads = threads});
  });
}
BENCHMARK(BM_FasterPAM)->ArgsProduct({{1000, 2000, 5000, 10000, 20000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

// The same call with each kernel level (clir/cluster/detail/kernels.hpp): 0 = portable (what a
// build without -march=native ran before the run-time choice), 1 = AVX2, 2 = AVX-512.
void BM_FasterPAM_KernelLevel(benchmark::State& state) {
  const auto level = static_cast<clir::detail::KernelLevel>(state.range(1));
  if (!clir::detail::kernel_level_available(level)) {
    state.SkipWithError("this kernel level is not available on this CPU");
    return;
  }
  const clir::detail::KernelLevel before = clir::detail::kernels().level;
  clir::detail::use_kernel_level(level);
  run_bench(state, [&](const auto& D) {
    return clir::fasterpam(D, kGroups, {.init = clir::Init::random, .seed = 7, .threads = 1});
  });
  clir::detail::use_kernel_level(before);
  state.SetLabel(clir::detail::kernel_level_name(level));
}
BENCHMARK(BM_FasterPAM_KernelLevel)->ArgsProduct({{10000}, {0, 1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FasterPAM_LAB(benchmark::State& state) {
  run_bench(state, [&](const auto& D) { return clir::fasterpam(D, kGroups, {.init = clir::Init::lab, .threads = 1}); });
}
BENCHMARK(BM_FasterPAM_LAB)->Arg(1000)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond)->UseRealTime();

// FasterPAM with the documented default start (BUILD, R's sums: k steps over the matrix).
void BM_FasterPAM_BUILD(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(1));
  run_bench(state, [&](const auto& D) { return clir::fasterpam(D, kGroups, {.threads = threads}); });
}
BENCHMARK(BM_FasterPAM_BUILD)->ArgsProduct({{1000, 10000, 20000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

// BUILD alone: k steps, each one read of the matrix for all candidates.
void BM_BuildInit(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(1));
  const auto& D = points_matrix(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto medoids = clir::initial_medoids(D, kGroups, {.init = clir::Init::build, .threads = threads, .validate = false});
    benchmark::DoNotOptimize(medoids.data());
  }
}
BENCHMARK(BM_BuildInit)->ArgsProduct({{1000, 10000, 20000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

// FasterMSC (medoid silhouette) from BUILD, and DynMSC over k = 2..10.
void BM_FasterMSC(benchmark::State& state) {
  run_bench(state, [&](const auto& D) { return clir::fastermsc(D, kGroups, {.threads = 1}); });
}
BENCHMARK(BM_FasterMSC)->Arg(1000)->Arg(2000)->Arg(5000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DynMSC(benchmark::State& state) {
  run_bench(state, [&](const auto& D) { return clir::dynmsc(D, 2, kGroups, {.threads = 1}).result; });
}
BENCHMARK(BM_DynMSC)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FastPAM1(benchmark::State& state) {
  run_bench(state, [&](const auto& D) { return clir::fastpam1(D, kGroups, {.threads = 1}); });
}
BENCHMARK(BM_FastPAM1)->Arg(1000)->Arg(2000)->Arg(5000)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// BUILD + SWAP, R's medoids.
void BM_PAM(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(1));
  run_bench(state, [&](const auto& D) { return clir::pam(D, kGroups, {.threads = threads}); });
}
BENCHMARK(BM_PAM)->ArgsProduct({{1000, 2000, 5000, 10000, 20000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

void BM_Alternating(benchmark::State& state) {
  run_bench(state, [&](const auto& D) {
    return clir::alternating(D, kGroups, {.init = clir::Init::kmedoidspp, .seed = 7, .threads = 1});
  });
}
BENCHMARK(BM_Alternating)->Arg(1000)->Arg(2000)->Arg(5000)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CLARA(benchmark::State& state) {
  run_bench(state, [&](const auto& D) { return clir::clara(D, kGroups, {.threads = 1}); });
}
BENCHMARK(BM_CLARA)->Arg(1000)->Arg(2000)->Arg(5000)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FasterCLARA(benchmark::State& state) {
  run_bench(state, [&](const auto& D) { return clir::fasterclara(D, kGroups, {.threads = 1}); });
}
BENCHMARK(BM_FasterCLARA)->Arg(1000)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
