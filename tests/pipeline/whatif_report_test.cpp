// report.html's "What if" section (docs/report.md): what the page embeds, and when it cannot be
// interactive. The page's behaviour in a browser is tests/browser/whatif_test.cjs.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "clir/pipeline/html_report.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"

namespace {

using clir::ReportEngine;

// Stand-ins for clir_wasm.js and the gzip-compressed .wasm: the page embeds them as they are.
const ReportEngine kEngine{.script = "var createClirModule = function () {}; /*engine*/", .wasm = std::string_view("\x1f\x8b\x08\x00", 4)};

const clir::RunResult& builtin_run() {
  // The whole scenario as the file says (draws included): the page must match it exactly.
  static const clir::RunResult r = clir::run(clir::builtin_clir2024_scenario());
  return r;
}

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  const auto start = text.find(open);
  if (start == std::string::npos) return {};
  const auto end = text.find(close, start + open.size());
  return text.substr(start + open.size(), end - start - open.size());
}

TEST(WhatIfReport, EmbedsTheScenarioTheRankingAndTheEngine) {
  const clir::RunResult& r = builtin_run();
  EXPECT_EQ(clir::interactive_report_problem(r), "");
  const std::string html = clir::run_report_html(r, {.engine = kEngine});
  EXPECT_NE(html.find("script-src 'unsafe-inline' 'wasm-unsafe-eval'; worker-src blob:"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("/*engine*/"), std::string::npos);
  EXPECT_NE(html.find(">H4sIAA==</script>"), std::string::npos);  // the binary as base64
  // The section comes right after the summary.
  EXPECT_LT(html.find("<section id=\"summary\">"), html.find("<section id=\"whatif\">"));
  EXPECT_LT(html.find("<section id=\"whatif\">"), html.find("<section id=\"map\">"));

  const std::string data_text = between(html, "<script type=\"application/json\" id=\"clir-whatif-data\">", "</script>");
  ASSERT_FALSE(data_text.empty());
  EXPECT_EQ(data_text.find("</"), std::string::npos) << "the JSON could end its element early";
  const nlohmann::json data = nlohmann::json::parse(data_text);
  EXPECT_EQ(data["scenario_text"], std::string(clir::builtin_clir2024_scenario_text()));
  EXPECT_EQ(data["scenario_path"], "clir2024.toml");
  EXPECT_EQ(data["inputs"], nlohmann::json::object());
  EXPECT_EQ(data["baseline"]["selected"], nlohmann::json(r.selection.selected_ids));
  EXPECT_EQ(data["baseline"]["applicants"].size(), r.pool.table.rows());
  EXPECT_TRUE(data["baseline"]["applicants"][0].contains("explanation"));
  // The rows of the Scores and Selection reasons tables carry their community's code, by which
  // the page opens its card.
  EXPECT_NE(between(html, "id=\"scores-table\"", "</table>").find("<tr data-id=\"" + r.selection.selected_ids[0] + "\">"),
            std::string::npos);
  EXPECT_NE(between(html, "id=\"reasons-table\"", "</table>").find("<tr data-id=\"" + r.pool.table.ids()[0] + "\">"),
            std::string::npos);
}

TEST(WhatIfReport, StaticWithoutTheEngine) {
  const std::string html = clir::run_report_html(builtin_run());
  EXPECT_EQ(html.find("id=\"whatif\""), std::string::npos);
  EXPECT_EQ(html.find("wasm-unsafe-eval"), std::string::npos);
}

TEST(WhatIfReport, ARunChangedAfterItsFileWasReadSaysWhyItIsStatic) {
  clir::RunResult r = builtin_run();
  r.scenario.seed += 1;  // as `clir run --seed` would
  EXPECT_NE(clir::interactive_report_problem(r).find("not the built-in scenario"), std::string::npos);
  const std::string html = clir::run_report_html(r, {.engine = kEngine});
  EXPECT_NE(html.find("This page cannot rerun the scenario"), std::string::npos);
  EXPECT_EQ(html.find("/*engine*/"), std::string::npos) << "no engine in a page that cannot use it";
  EXPECT_EQ(html.find("wasm-unsafe-eval"), std::string::npos);

  r.scenario.seed -= 1;
  r.scenario.output_directory = "elsewhere";  // -o changes no result
  r.scenario.threads = 7;
  EXPECT_EQ(clir::interactive_report_problem(r), "");
}

}  // namespace
