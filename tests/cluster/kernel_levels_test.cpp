// The k-medoids kernels chosen at run time (clir/cluster/detail/kernels.hpp): every level this
// CPU runs must give the same bits as the portable one, kernel by kernel on awkward inputs
// (ties, zeros, equal nearest and second-nearest distances) and for whole runs on condensed and
// square float and double storage.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "clir/cluster/kmedoids.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

namespace {

using clir::detail::KernelLevel;

std::vector<KernelLevel> available_levels() {
  std::vector<KernelLevel> out;
  for (KernelLevel level : {KernelLevel::portable, KernelLevel::avx2, KernelLevel::avx512})
    if (clir::detail::kernel_level_available(level)) out.push_back(level);
  return out;
}

// Restores the level in use when a test ends, so that later tests run as they would alone.
struct LevelGuard {
  KernelLevel before = clir::detail::kernels().level;
  ~LevelGuard() { clir::detail::use_kernel_level(before); }
};

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// Values on a coarse grid, so that many distances tie with each other and with dn, ds.
template <class T>
std::vector<T> grid_values(std::size_t count, clir::Rng& rng) {
  std::vector<T> v(count);
  for (auto& x : v) x = static_cast<T>(static_cast<double>(rng.below(16)) * 0.25);
  return v;
}

// Each kernel's output at every level, against the portable level's, bit for bit.
template <class T>
void expect_kernels_agree() {
  constexpr std::size_t B = clir::detail::KernelSet<T>::B, items = 203, k = 3;
  clir::Rng rng(7);
  const std::vector<T> cols = grid_values<T>(items * B, rng);
  std::vector<double> dn(items), ds(items);
  std::vector<std::uint32_t> near(items);
  for (std::size_t j = 0; j < items; ++j) {
    dn[j] = static_cast<double>(rng.below(8)) * 0.25;
    ds[j] = dn[j] + static_cast<double>(rng.below(3)) * 0.25;  // ds == dn for a third of the items
    near[j] = static_cast<std::uint32_t>(rng.below(k));
  }
  auto run_all = [&] {
    const auto& ks = clir::detail::kernel_set<T>();
    std::vector<double> out((k + 1) * B, 0.5);
    ks.accumulate_columns(cols.data(), 0, items, dn.data(), ds.data(), near.data(), out.data(), out.data() + B);
    std::vector<double> over(2 * items, -0.25);
    ks.accumulate_over_candidates(cols.data(), items, dn[5], ds[5], over.data(), over.data() + items);
    std::vector<double> lanes(B, 0.0);
    ks.build_lanes(cols.data(), items, dn.data(), lanes.data());
    std::vector<double> col(items - 3, 1.0);
    ks.build_over_candidates(cols.data() + 3, items - 3, dn[9], col.data());
    out.insert(out.end(), over.begin(), over.end());
    out.insert(out.end(), lanes.begin(), lanes.end());
    out.insert(out.end(), col.begin(), col.end());
    return out;
  };
  LevelGuard guard;
  clir::detail::use_kernel_level(KernelLevel::portable);
  const std::vector<double> reference = run_all();
  for (KernelLevel level : available_levels()) {
    clir::detail::use_kernel_level(level);
    EXPECT_TRUE(same_bits(run_all(), reference)) << kernel_level_name(level);
  }
}

TEST(KernelLevels, EachKernelGivesThePortableBits) {
  expect_kernels_agree<float>();
  expect_kernels_agree<double>();
}

struct RunOutput {
  std::vector<std::size_t> medoids;
  clir::Labels labels;
  std::vector<double> losses;
  std::size_t swaps = 0;
};

template <class M>
RunOutput run_methods(const M& D, std::size_t k) {
  RunOutput out;
  auto take = [&](const clir::MedoidResult& r) {
    out.medoids.insert(out.medoids.end(), r.medoids.begin(), r.medoids.end());
    out.labels.insert(out.labels.end(), r.labels.begin(), r.labels.end());
    out.losses.push_back(r.loss);
    out.swaps += r.swaps;
  };
  for (clir::Init init : {clir::Init::build, clir::Init::random, clir::Init::lab}) {
    take(clir::fasterpam(D, k, {.init = init, .seed = 3, .threads = 2}));
    take(clir::fastpam1(D, k, {.init = init, .seed = 3, .threads = 2}));
  }
  return out;
}

// Whole runs (BUILD, LAB, FasterPAM's sweeps, FastPAM1's passes) at every level on the same
// distances, condensed and square, float and double: the same medoids, labels and loss bits.
template <class T>
void expect_runs_agree(std::size_t n, std::size_t k) {
  clir::Rng rng(11);
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = std::round(rng.uniform() * 40.0);  // integer grid: many equal distances
    y[i] = std::round(rng.uniform() * 40.0);
  }
  clir::DistanceMatrix<T> D(n);
  std::vector<T> square(n * n, T(0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const T d = static_cast<T>(std::hypot(x[i] - x[j], y[i] - y[j]));
      D.set(i, j, d);
      square[i * n + j] = square[j * n + i] = d;
    }
  const clir::DenseDistanceView<T> dense(square.data(), n);
  LevelGuard guard;
  clir::detail::use_kernel_level(KernelLevel::portable);
  const RunOutput reference = run_methods(D, k);
  // Square rows hold the same distances: the same results as condensed.
  const RunOutput from_square = run_methods(dense, k);
  EXPECT_EQ(from_square.medoids, reference.medoids);
  EXPECT_TRUE(same_bits(from_square.losses, reference.losses));
  for (KernelLevel level : available_levels()) {
    clir::detail::use_kernel_level(level);
    for (const RunOutput& r : {run_methods(D, k), run_methods(dense, k)}) {
      EXPECT_EQ(r.medoids, reference.medoids) << kernel_level_name(level);
      EXPECT_EQ(r.labels, reference.labels) << kernel_level_name(level);
      EXPECT_TRUE(same_bits(r.losses, reference.losses)) << kernel_level_name(level);
      EXPECT_EQ(r.swaps, reference.swaps) << kernel_level_name(level);
    }
  }
}

TEST(KernelLevels, WholeRunsGiveThePortableResults) {
  expect_runs_agree<float>(1100, 7);
  expect_runs_agree<double>(700, 5);
}

}  // namespace
