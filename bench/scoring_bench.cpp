// Scoring benchmarks: TOPSIS on 1,469 applicants × 12 criteria, and 10,000 Monte Carlo weight
// draws of the same with a quota selection per draw. Goal: the 10,000-draw run under 1 s on
// 2 cores (BM_MonteCarloTopsis/threads:2).
//
// Uses the built-in hromada table when the library has it (12 numeric indicators), otherwise
// random data of the same shape.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "clir/core/rng.hpp"
#include "clir/scoring/default_criteria.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/robustness.hpp"

#if __has_include("clir/data/builtin.hpp")
#include "clir/data/builtin.hpp"
#define CLIR_BENCH_REAL_DATA 1
#endif

namespace {

struct Problem {
  clir::Table table;
  std::vector<clir::Criterion> criteria;
};

const Problem& problem() {
  static const Problem p = [] {
    Problem out;
#ifdef CLIR_BENCH_REAL_DATA
    out.table = clir::with_war_history(clir::builtin_hromadas().table);
    out.criteria = clir::default_clir_criteria();
    using clir::Direction;
    using clir::MissingValuePolicy;
    out.criteria.push_back({.name = "EU border", .column = "distance_to_eu_km", .weight = 0.05});
    out.criteria.push_back({.name = "settlements", .column = "n_settlements", .weight = 0.05});
    out.criteria.push_back({.name = "area", .column = "area_km2", .weight = 0.05, .missing = MissingValuePolicy::worst});
    out.criteria.push_back({.name = "total revenue", .column = "total_revenue_per_capita_2021_uah",
                            .direction = Direction::cost, .weight = 0.05, .missing = MissingValuePolicy::impute_median});
    out.criteria.push_back({.name = "transfers", .column = "transfer_share_2021", .weight = 0.05,
                            .missing = MissingValuePolicy::impute_median});
#else
    std::vector<std::string> ids;
    // Names are built by appending: GCC 12 reports a false -Wrestrict on "literal" + string.
    auto name = [](const char* prefix, int i) {
      std::string s = prefix;
      s += std::to_string(i);
      return s;
    };
    for (int i = 0; i < 1469; ++i) ids.push_back(name("UA", 10000 + i));
    out.table = clir::Table(ids);
    clir::Rng rng(1);
    std::vector<std::string> oblast;
    for (int i = 0; i < 1469; ++i) oblast.push_back(name("O", static_cast<int>(rng.below(24))));
    out.table.add_categorical("oblast_en", oblast);
    for (int j = 0; j < 12; ++j) {
      Eigen::VectorXd v(1469);
      for (auto& x : v) x = rng.uniform() * 100.0;
      out.table.add_numeric(name("c", j), v);
      out.criteria.push_back({.column = name("c", j),
                              .direction = j % 3 ? clir::Direction::benefit : clir::Direction::cost,
                              .weight = 1.0 + j % 4});
    }
#endif
    return out;
  }();
  return p;
}

void BM_TopsisScore(benchmark::State& state) {
  const auto& p = problem();
  const auto m = clir::build_decision_matrix(p.table, p.criteria);
  for (auto _ : state) {
    auto r = clir::score(m, {.method = clir::ScoringMethod::topsis});
    benchmark::DoNotOptimize(r.score.data());
  }
  state.counters["alternatives"] = static_cast<double>(m.rows());
  state.counters["criteria"] = static_cast<double>(m.cols());
}
BENCHMARK(BM_TopsisScore)->Unit(benchmark::kMicrosecond);

void BM_TopsisFromTable(benchmark::State& state) {
  const auto& p = problem();
  for (auto _ : state) {
    auto r = clir::score(p.table, p.criteria, {.method = clir::ScoringMethod::topsis});
    benchmark::DoNotOptimize(r.score.data());
  }
}
BENCHMARK(BM_TopsisFromTable)->Unit(benchmark::kMicrosecond);

// 10,000 Dirichlet draws; each draw scores, ranks all 1,469 and selects 50 with at most 4 per
// oblast (greedy, optimal for this quota shape).
void BM_MonteCarloTopsis(benchmark::State& state) {
  const auto& p = problem();
  const auto m = clir::build_decision_matrix(p.table, p.criteria);
  const clir::PreparedScoring prepared(m, {.method = clir::ScoringMethod::topsis});
  const Eigen::VectorXd w = clir::normalize_weights(m.weights);
  std::vector<std::size_t> all(p.table.rows());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const clir::QuotaSelector selector(p.table, all, {.count = 50, .quotas = {{.column = "oblast_en", .max = 4}}});
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    auto r = clir::monte_carlo(prepared, w, {.draws = 10000, .concentration = 50.0, .seed = 1, .threads = threads},
                               &selector);
    benchmark::DoNotOptimize(r.mean_rank.data());
  }
  state.counters["draws"] = 10000;
}
BENCHMARK(BM_MonteCarloTopsis)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
