// The steps the interactive report.html runs (docs/web.md), natively, on the built-in CLIR 2024
// scenario (681 applicants, 516 eligible, 19 selected, 6 groups): the native side of
// scripts/page-bench, which times the same steps in the WebAssembly module under Node
// (bench/wasm/page_steps.mjs) and in the page in headless Chromium (bench/wasm/page_time.cjs).
//
// - BM_PageRerun/run: the rerun's scenario text read (parse_scenario), run without its weight
//   draws (clir::run: pool, eligibility, scoring, selection, grouping, comparison with the
//   reference), one thread, as the module runs it, and run.json as text: what the module's
//   run() does.
// - BM_PageRerun/full: what one rerun of the page asks of the engine (wasm/clir_wasm.cpp's
//   editScenario twice and runDetailed): the weight change and the removal of the draws applied
//   to the text (edit_scenario_toml), the run, and its answer as JSON text: run.json, the ranking
//   of all applicants and the map's SVG.
// - BM_PageDraws: what the page's Web Worker runs (runRobustness): the scenario with 1,000 weight
//   draws, run up to and including the robustness stage, one thread.
//
// Each iteration starts from the scenario's text, as the page does; the built-in data are parsed
// once per process (as once per module instance in the page), before the first iteration.
#include <benchmark/benchmark.h>

#include <string>

#include <nlohmann/json.hpp>

#include "clir/io/json.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/pipeline/scenario_catalog.hpp"

namespace {

// The name the page gives the built-in scenario's text (src/pipeline/whatif_report.cpp).
constexpr const char* kPath = "clir2024.toml";

// The page's first control moved: the first criterion's weight (bench/wasm/page_time.cjs moves
// the same one), and one thread, as in the single-threaded module.
const nlohmann::json& page_change() {
  static const nlohmann::json change = {{"criteria.0.weight", 0.05}, {"scenario.threads", 1}};
  return change;
}

std::string rerun_text() {
  const std::string toml = clir::edit_scenario_toml(clir::builtin_clir2024_scenario_text(), page_change(), kPath);
  return clir::edit_scenario_toml(toml, {{"robustness", nullptr}}, kPath);
}

void check_shape(benchmark::State& state, const clir::RunResult& r) {
  if (r.selection.selected_ids.size() != 19) state.SkipWithError("the built-in scenario did not select 19");
}

void BM_PageRerun_run(benchmark::State& state) {
  const std::string text = rerun_text();
  check_shape(state, clir::run(clir::parse_scenario(text, kPath)));  // the built-in data parsed once
  for (auto _ : state) {
    const clir::RunResult r = clir::run(clir::parse_scenario(text, kPath));
    std::string answer = clir::format_json(clir::run_json(r));
    benchmark::DoNotOptimize(answer.data());
  }
}
BENCHMARK(BM_PageRerun_run)->Name("BM_PageRerun/run")->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PageRerun_full(benchmark::State& state) {
  (void)clir::run(clir::parse_scenario(rerun_text(), kPath));
  for (auto _ : state) {
    const std::string text = rerun_text();
    const clir::RunResult r = clir::run(clir::parse_scenario(text, kPath));
    std::string answer = clir::rerun_answer_json(r);
    benchmark::DoNotOptimize(answer.data());
  }
}
BENCHMARK(BM_PageRerun_full)->Name("BM_PageRerun/full")->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PageDraws(benchmark::State& state) {
  const auto draws = state.range(0);
  const std::string text = clir::edit_scenario_toml(
      clir::builtin_clir2024_scenario_text(), {{"scenario.threads", 1}, {"robustness.draws", draws}}, kPath);
  clir::RunOptions options;
  options.last_stage = clir::RunStage::robustness;
  (void)clir::run(clir::parse_scenario(text, kPath), options);
  for (auto _ : state) {
    clir::RunResult r = clir::run(clir::parse_scenario(text, kPath), options);
    if (!r.robustness) state.SkipWithError("no robustness analysis was run");
    benchmark::DoNotOptimize(r.robustness);
  }
  state.counters["draws"] = static_cast<double>(draws);
}
BENCHMARK(BM_PageDraws)->Arg(1000)->ArgName("draws")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
