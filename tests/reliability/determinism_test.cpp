// Determinism on real data: FasterPAM (with threads, single and multi-start, float and double
// storage) and the Monte Carlo robustness run give identical results for 1, 2 and 8 threads and
// across repeated runs. (tests/pipeline/run_test.cpp checks the `clir run` output files.)
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <numeric>
#include <vector>

#include "clir/cluster/kmedoids.hpp"
#include "clir/data/builtin.hpp"
#include "clir/distance/geo.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/scoring/criteria.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/robustness.hpp"
#include "clir/selection/select.hpp"

namespace {

// The first 600 built-in hromadas: more candidates than FasterPAM's 8-thread window (512), so
// the speculative parallel path really runs, several times per sweep.
template <class T>
const clir::DistanceMatrix<T>& builtin_distances() {
  static const clir::DistanceMatrix<T> d = [] {
    const auto& all = clir::builtin_hromadas().communities;
    std::vector<clir::GeoPoint> points;
    for (std::size_t i = 0; i < 600 && i < all.size(); ++i) points.push_back(all[i].location);
    return clir::geo_distance_matrix<T>(points, {.method = clir::GeoMethod::haversine, .threads = 2});
  }();
  return d;
}

void expect_same(const clir::MedoidResult& a, const clir::MedoidResult& b, const std::string& what) {
  EXPECT_EQ(a.medoids, b.medoids) << what;
  EXPECT_EQ(a.labels, b.labels) << what;
  EXPECT_EQ(a.loss, b.loss) << what;  // bit-identical, not merely close
  EXPECT_EQ(a.swaps, b.swaps) << what;
  EXPECT_EQ(a.iterations, b.iterations) << what;
}

template <class T>
void check_fasterpam(const clir::KMedoidsOptions& base, const std::string& label) {
  const auto& d = builtin_distances<T>();
  auto with = [&](unsigned threads) {
    auto o = base;
    o.threads = threads;
    return clir::fasterpam(d, 12, o);
  };
  const auto one = with(1);
  EXPECT_GT(one.swaps, 0u) << label;  // the swap phase did work
  expect_same(one, with(2), label + ", 2 threads");
  expect_same(one, with(8), label + ", 8 threads");
  expect_same(one, with(8), label + ", 8 threads again");
  expect_same(one, with(1), label + ", 1 thread again");
}

TEST(Determinism, FasterPamFromBuildOnBuiltInHromadas) { check_fasterpam<double>({}, "build/double"); }

TEST(Determinism, FasterPamFloatStorage) { check_fasterpam<float>({}, "build/float"); }

TEST(Determinism, FasterPamRandomMultiStart) {
  check_fasterpam<double>({.init = clir::Init::random, .starts = 3, .seed = 11}, "random x3");
}

// The robustness analysis of a real pool: scores of the eligible hromadas of one oblast under
// the default criteria, quotas by type, Dirichlet and uniform draws.
TEST(Determinism, MonteCarloOnBuiltInPool) {
  const auto sc = clir::parse_scenario(R"(
[scenario]
threads = 1
[pool]
oblasts = ["Харківська"]
[selection]
size = 10
[clustering]
k = 2
[reference]
grouping = "none"
)",
                                       "mc.toml");
  const auto r = clir::run(sc, {.last_stage = clir::RunStage::scoring});
  const clir::Table eligible = r.pool.table.select_rows(r.eligibility.eligible_rows);
  const auto matrix = clir::build_decision_matrix(eligible, r.criteria);
  const clir::PreparedScoring prepared(matrix, r.scenario.scoring);
  std::vector<std::size_t> all(eligible.rows());
  std::iota(all.begin(), all.end(), std::size_t{0});
  const clir::QuotaSelector selector(eligible, all, {.count = 10, .quotas = {{.column = "type", .max = 6}}});
  for (auto sampling : {clir::WeightSampling::dirichlet, clir::WeightSampling::uniform_simplex}) {
    auto with = [&](unsigned threads) {
      return clir::monte_carlo(prepared, r.scores.weights,
                               {.draws = 300, .sampling = sampling, .seed = 2024, .threads = threads}, &selector);
    };
    const auto one = with(1);
    EXPECT_NEAR(one.selection_probability.sum(), 10.0, 1e-9);
    for (const auto& other : {with(2), with(8), with(8), with(1)}) {
      EXPECT_EQ(one.ids, other.ids);
      EXPECT_EQ(one.rank_acceptability, other.rank_acceptability);
      EXPECT_EQ(one.mean_rank, other.mean_rank);
      EXPECT_EQ(one.best_rank, other.best_rank);
      EXPECT_EQ(one.worst_rank, other.worst_rank);
      EXPECT_EQ(one.selection_probability, other.selection_probability);
      EXPECT_EQ(one.central_weights, other.central_weights);
    }
  }
}

}  // namespace
