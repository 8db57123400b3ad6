// Speed of the CSV path the built-in data takes at start-up: parse ~1 MB of text, then build
// a Table from it. Goal: parse_csv well under 10 ms per MB on one core, so that embedding the
// data as text costs nothing noticeable.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "clir/core/table.hpp"
#include "clir/io/csv.hpp"
#include "clir/io/json.hpp"

namespace {

// A hromada-like table: code, quoted Ukrainian name, oblast, 2 coordinates, 30 indicators,
// with some empty cells. Deterministic (no RNG needed: values come from the row index).
std::string synthetic_csv(std::size_t rows) {
  std::string text = "code,name_uk,oblast_uk,lat,lon";
  for (int c = 0; c < 30; ++c) text += ",x" + std::to_string(c);
  text += '\n';
  for (std::size_t r = 0; r < rows; ++r) {
    std::string code = std::to_string(10000000000000000ULL + r * 7919);
    text += "UA" + code + ",\"Громада, " + std::to_string(r) + "\",Київська," + std::to_string(44.0 + (r % 900) / 100.0) +
            "," + std::to_string(22.0 + (r % 1900) / 100.0);
    for (int c = 0; c < 30; ++c) {
      text += ',';
      if ((r + static_cast<std::size_t>(c)) % 17 != 0) text += std::to_string(static_cast<double>(r * 31 + static_cast<std::size_t>(c)) / 7.0);
    }
    text += '\n';
  }
  return text;
}

const std::string& one_megabyte() {
  static const std::string text = synthetic_csv(3000);  // about 1 MB
  return text;
}

void BM_ParseCsv(benchmark::State& state) {
  const std::string& text = one_megabyte();
  for (auto _ : state) {
    auto doc = clir::parse_csv(text, "<bench>");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseCsv)->Unit(benchmark::kMillisecond);

void BM_ReadTable(benchmark::State& state) {
  const auto doc = clir::parse_csv(one_megabyte(), "<bench>");
  for (auto _ : state) {
    auto table = clir::read_table(doc, {.categorical_columns = {"name_uk", "oblast_uk"}, .other_columns_numeric = true});
    benchmark::DoNotOptimize(table);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * doc.row_count() * doc.column_count()));
}
BENCHMARK(BM_ReadTable)->Unit(benchmark::kMillisecond);

void BM_ParseNumber(benchmark::State& state) {
  const std::vector<std::string> cells{"50.4501", "30.5234", "2950000", "-1.25e-3", "0", "123456.789"};
  const clir::SourceLocation where{.file = "<bench>"};
  for (auto _ : state) {
    double sum = 0;
    for (const auto& c : cells) sum += clir::parse_number(c, where);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cells.size()));
}
BENCHMARK(BM_ParseNumber);

void BM_GeoJson(benchmark::State& state) {
  std::vector<clir::PointFeature> features;
  for (int i = 0; i < 1500; ++i) {
    features.push_back({.location = {.lat = 44.0 + i % 900 / 100.0, .lon = 22.0 + i % 1900 / 100.0},
                        .properties = {{"group", i % 6}, {"score", i / 7.0}},
                        .id = "UA" + std::to_string(10000000000000000LL + i)});
  }
  for (auto _ : state) {
    auto text = clir::format_json(clir::geojson_points(features));
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_GeoJson)->Unit(benchmark::kMillisecond);

}  // namespace
