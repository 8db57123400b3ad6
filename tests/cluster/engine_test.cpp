// The k-medoids engine's policies on their own: the greedy BUILD skeleton's tie rules and
// eligibility, and the eager search's claim that evaluating a block of candidates at once
// makes exactly the swaps of one-at-a-time evaluation.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "clir/cluster/kmedoids.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

namespace {

clir::DistanceMatrix<double> random_points(std::size_t n, std::uint64_t seed) {
  clir::Rng rng(seed);
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = rng.uniform();
    y[i] = rng.uniform();
  }
  clir::DistanceMatrix<double> D(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) D.set(i, j, std::hypot(x[i] - x[j], y[i] - y[j]));
  return D;
}

// Every candidate gains the same: the tie rule alone decides, and ineligible items never win.
TEST(GreedyBuild, TieRuleAndEligibility) {
  const std::size_t n = 6;
  auto run = [&](clir::detail::BuildTies ties, std::vector<char> allowed, std::size_t k) {
    std::vector<char> taken(n, 0);
    return clir::detail::greedy_build(
        n, k, std::vector<double>(n, 1.0), ties, 2,
        [](std::size_t lo, std::size_t hi, const std::vector<double>&, std::vector<double>& gain) {
          for (std::size_t x = lo; x < hi; ++x) gain[x] = 5.0;
        },
        [&](std::size_t x) { return allowed[x] && !taken[x]; }, [&](std::size_t x, std::vector<double>&) { taken[x] = 1; });
  };
  const std::vector<char> all(n, 1), some{0, 1, 0, 1, 1, 0};
  EXPECT_EQ(run(clir::detail::BuildTies::higher_index, all, 3), (std::vector<std::size_t>{5, 4, 3}));
  EXPECT_EQ(run(clir::detail::BuildTies::lower_index, all, 3), (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(run(clir::detail::BuildTies::lower_index, some, 2), (std::vector<std::size_t>{1, 3}));
  // Fewer eligible items than k: it stops with what it could choose.
  EXPECT_EQ(run(clir::detail::BuildTies::higher_index, some, 5), (std::vector<std::size_t>{4, 3, 1}));
}

// TotalDeviation evaluated one candidate at a time (kWidth = 1) instead of a block of rows.
template <class Rows>
struct OneAtATime : clir::detail::TotalDeviation<Rows> {
  using clir::detail::TotalDeviation<Rows>::TotalDeviation;
  static constexpr std::size_t kWidth = 1;
};

TEST(EagerSwaps, BlockEvaluationMakesTheOneAtATimeSwaps) {
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto D = random_points(300, seed);
    for (std::size_t k : {2, 7}) {
      for (std::size_t max_iter : {1, 1000}) {
        const clir::KMedoidsOptions options{.init = clir::Init::random, .max_iter = max_iter, .seed = seed, .threads = 2};
        const auto block = clir::detail::run_kmedoids<clir::detail::TotalDeviation, clir::detail::EagerSwaps>(D, k, options);
        const auto single = clir::detail::run_kmedoids<OneAtATime, clir::detail::EagerSwaps>(D, k, options);
        EXPECT_EQ(block.medoids, single.medoids) << seed << " " << k;
        EXPECT_EQ(block.loss, single.loss);
        EXPECT_EQ(block.swaps, single.swaps);
        EXPECT_EQ(block.iterations, single.iterations);
        EXPECT_EQ(block.converged, single.converged);
        EXPECT_GT(block.swaps, 0u);
        // And the engine's FasterPAM is this composition.
        const auto public_result = clir::fasterpam(D, k, options);
        EXPECT_EQ(public_result.medoids, block.medoids);
        EXPECT_EQ(public_result.loss, block.loss);
      }
    }
  }
}

}  // namespace
