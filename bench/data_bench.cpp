// The cost of the built-in data: what the first call of clir::builtin_hromadas() pays (joining
// the embedded chunks aside): parsing the 0.5 MB CSV and building the communities and the
// Table; and the lookups by code and by (oblast, name) on the cached dataset.
#include <benchmark/benchmark.h>

#include <string>

#include "clir/core/table.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"

namespace {

void BM_ParseHromadasCsv(benchmark::State& state) {
  const std::string_view text = clir::builtin_data_file("hromadas.csv");
  for (auto _ : state) benchmark::DoNotOptimize(clir::parse_csv(text, "<built-in hromadas.csv>"));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseHromadasCsv)->Unit(benchmark::kMillisecond);

void BM_BuildHromadaTable(benchmark::State& state) {
  const auto doc = clir::parse_csv(clir::builtin_data_file("hromadas.csv"), "<built-in hromadas.csv>");
  clir::TableSpec spec;
  for (const auto& column : clir::builtin_hromada_columns()) {
    if (column.name == "code") continue;
    (column.numeric ? spec.numeric_columns : spec.categorical_columns).emplace_back(column.name);
  }
  for (auto _ : state) benchmark::DoNotOptimize(clir::read_table(doc, spec));
}
BENCHMARK(BM_BuildHromadaTable)->Unit(benchmark::kMillisecond);

void BM_FindByCode(benchmark::State& state) {
  const auto& communities = clir::builtin_hromadas().communities;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(&clir::find_hromada(communities[i].code));
    i = (i + 97) % communities.size();
  }
}
BENCHMARK(BM_FindByCode);

void BM_FindByOblastAndName(benchmark::State& state) {
  const auto& communities = clir::builtin_hromadas().communities;
  (void)clir::find_hromada("Київська", "Баришівська");
  for (auto _ : state) benchmark::DoNotOptimize(&clir::find_hromada("Київська", "Баришівська"));
  state.counters["rows"] = static_cast<double>(communities.size());
}
BENCHMARK(BM_FindByOblastAndName);

}  // namespace
