#pragma once
/// @file
/// @brief report.html: a run (or a reproduction grid) as one self-contained page to read in a
/// browser: the map with tooltips, sortable tables, robustness charts, heat maps.
///
/// The run's page is assembled from sections (run_report_document()), each made by one small
/// function, so that a caller can add, drop or reorder sections before render_html().

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clir/pipeline/explain.hpp"
#include "clir/pipeline/map_options.hpp"
#include "clir/pipeline/reproduce.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/report/html.hpp"
#include "clir/report/svg_map.hpp"

namespace clir {

/// The engine compiled to WebAssembly, as the wasm preset builds it (docs/web.md): what an
/// interactive report.html embeds to rerun the scenario in the page.
struct ReportEngine {
  std::string_view script;  ///< clir_wasm.js: the module's JavaScript (createClirModule)
  std::string_view wasm;    ///< clir_wasm.wasm, gzip-compressed (the page decompresses it)
  bool empty() const noexcept { return script.empty() || wasm.empty(); }
};

/// Options of the HTML report.
struct HtmlReportOptions {
  std::optional<RunMapOptions> map;  ///< points or choropleth and what colours it; empty = the scenario's
  std::vector<HtmlSection> extra_sections;            ///< appended after the run's own (e.g. explain_section())
  /// Given, the page is interactive: a "What if" section reruns the scenario in the page as its
  /// controls change (see interactive_report_problem()). Empty: the static page.
  ReportEngine engine;
};

/// Why @p result's report cannot be interactive, or "" when it can: the page reruns the
/// scenario's own text, so a run whose settings were changed after the file was read (other than
/// its output folder and thread count), or one without a scenario file that is not the
/// built-in scenario, cannot be rerun in the page.
std::string interactive_report_problem(const RunResult& result);

/// The run's report as a document: summary, map, scores, selection reasons, groups, robustness
/// (when run), reference (when given). Section ids: "summary", "map", "scores", "reasons",
/// "groups", "robustness", "reference"; with HtmlReportOptions::engine also "whatif", after
/// the summary (a note saying why when interactive_report_problem() is not empty).
HtmlDocument run_report_document(const RunResult& result, const HtmlReportOptions& options = {});

/// render_html(run_report_document(@p result, @p options)): report.html.
std::string run_report_html(const RunResult& result, const HtmlReportOptions& options = {});

/// The result of explain_scenario() as a report section (id "explain"): the headline, the
/// weights with the range each can take at the optimum (a chart and a sortable table), where
/// each reference member ranks under the rule, and the non-members that would take places.
HtmlSection explain_section(const ExplainRun& run);

/// explain.html: explain_section() as a page of its own (what `clir explain` writes).
std::string explain_html(const ExplainRun& run);

/// The reproduction grid as a page: per member set and constraint setting, a heat map of the
/// ARI over method × alpha, and the whole grid as a sortable table (reproduction.html).
std::string reproduction_html(const ReproductionResult& result);

}  // namespace clir
