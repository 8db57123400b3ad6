// Name resolution (clir::resolve_communities): 1,000 names as a programme publishes them,
// drawn from the built-in data in four forms (the hromada's name, its centre's name, the
// English name, the English name with two letters swapped), with and without the oblast.
// Goal (issue 23): 1,000 names in at most 50 ms.
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include "clir/data/builtin.hpp"
#include "clir/data/resolve.hpp"

namespace {

std::vector<clir::NameQuery> published_names(bool with_oblast) {
  const auto& data = clir::builtin_hromadas();
  const auto& centres = data.table.categorical("admin_centre");
  std::vector<clir::NameQuery> queries;
  for (std::size_t i = 0; i < 1000; ++i) {
    const std::size_t h = (i * 7919) % data.communities.size();
    const clir::Community& c = data.communities[h];
    std::string name;
    switch (i % 4) {
      case 0: name = c.name_uk; break;
      case 1: name = centres[h]; break;
      case 2: name = c.name_en; break;
      default:
        name = c.name_en;
        if (name.size() > 4) std::swap(name[name.size() / 2], name[name.size() / 2 + 1]);
        break;
    }
    queries.push_back({.name = name, .hint = with_oblast ? c.oblast_uk : std::string()});
  }
  return queries;
}

// The first call parses the embedded settlements and builds the index; later calls reuse it.
void BM_FirstCallBuildsTheIndex(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(clir::resolve_community("Баришівка"));
}
BENCHMARK(BM_FirstCallBuildsTheIndex)->Iterations(1)->Repetitions(1)->Unit(benchmark::kMillisecond);

void resolve_names(benchmark::State& state, bool with_oblast) {
  const auto queries = published_names(with_oblast);
  (void)clir::resolve_community("Баришівка");  // the index, built once
  std::size_t resolved = 0;
  for (auto _ : state) {
    const auto results = clir::resolve_communities(queries);
    resolved = 0;
    for (const auto& r : results) resolved += r.resolved() ? 1 : 0;
    benchmark::DoNotOptimize(results.data());
  }
  state.counters["names"] = static_cast<double>(queries.size());
  state.counters["resolved"] = static_cast<double>(resolved);
}

void BM_Resolve1000NamesWithOblast(benchmark::State& state) { resolve_names(state, true); }
BENCHMARK(BM_Resolve1000NamesWithOblast)->Unit(benchmark::kMillisecond);

void BM_Resolve1000NamesWithoutHint(benchmark::State& state) { resolve_names(state, false); }
BENCHMARK(BM_Resolve1000NamesWithoutHint)->Unit(benchmark::kMillisecond);

}  // namespace
