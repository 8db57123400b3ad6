#pragma once
/// @file
/// @brief What a run writes and prints: the output folder (scores.csv, selection.csv,
/// groups.csv, groups.geojson, reference.csv, report.md, report.html, run.json, map.svg,
/// map.geojson) and a short summary.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "clir/pipeline/map_options.hpp"
#include "clir/pipeline/explain.hpp"
#include "clir/pipeline/html_report.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/report/html.hpp"
#include "clir/report/svg_map.hpp"

namespace clir {

/// Options of write_run_outputs().
struct OutputOptions {
  bool overwrite = false;  ///< replace a folder of clir's outputs (the CLI's --force)
  bool map = true;         ///< write map.svg and map.geojson
  bool html = true;        ///< write report.html (see clir/pipeline/html_report.hpp)
  /// How map.svg and the map in report.html are drawn; empty = the scenario's [output] settings.
  std::optional<RunMapOptions> map_options;
  std::vector<HtmlSection> extra_html_sections;       ///< appended to report.html
  /// Also write explain.json and explain.md of this explanation (see write_explain_outputs()),
  /// and append its explain_section() to report.html after the extra sections.
  const ExplainRun* explain = nullptr;
  /// The engine for an interactive report.html (HtmlReportOptions::engine); empty = static.
  ReportEngine report_engine;
};

/// Writes the outputs of @p result as the folder @p directory and returns the paths written, in
/// the order of the file list above (then explain.json and explain.md with
/// OutputOptions::explain). The folder is absent or complete (clir::write_folder_atomic): the
/// files are written into a temporary sibling folder that is renamed into place at the end, so
/// an interrupted or failed run leaves no folder, or the old one. An existing folder with files
/// is replaced only with OutputOptions::overwrite, and only when it holds nothing but clir's
/// outputs (output_file_names()). Throws clir::InputError naming the path on any failure.
std::vector<std::filesystem::path> write_run_outputs(const RunResult& result, const std::filesystem::path& directory,
                                                     const OutputOptions& options = {});

/// The names of every file that write_run_outputs(), write_explain_outputs() and
/// write_reproduction_outputs() write: what an overwritten output folder may hold. Pass them as
/// OutputFolderOptions::replaceable to check_output_folder() before long work.
std::vector<std::string> output_file_names();

/// A table of text cells under a header, as format_csv() and write_csv() take it.
struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

/// Every applicant of @p result, the eligible by rank and then the excluded in pool order, with
/// the columns rank, code, name_uk, oblast_uk, score, eligible, excluded_by and, with
/// @p with_selection (a run through RunStage::selection), selected, status and explanation.
/// Numbers as in scores.csv. What `clir score` and `clir select` print.
TextTable ranked_applicants(const RunResult& result, bool with_selection);

/// A short, readable summary for a terminal: the selection, the groups with member names, the
/// agreement with the reference grouping and where the reference's members rank.
std::string run_summary(const RunResult& result);

/// The Markdown report (report.md).
std::string run_report_markdown(const RunResult& result);

/// run.json: the scenario as resolved, clir's version, SHA-1 of every input file, the seed,
/// the timings and the headline figures.
nlohmann::json run_json(const RunResult& result);

/// The scenario as JSON (every key as docs/scenario.md names it).
nlohmann::json scenario_to_json(const Scenario& scenario);

/// The layers of the run's map: Ukraine's outline (Natural Earth), the oblast borders (built-in
/// boundaries), oblast names at the mean of their hromada centres, the front line of 8 March
/// 2023, the selection with tooltips (name, Latin transliteration, oblast, score, rank, group,
/// P(selected)) and the boundaries' attribution. MapStyle::points colours the selection by
/// group, score or a column over all hromada centres; MapStyle::choropleth fills every hromada's
/// polygon by group, score, selection status or a column (tooltip: name, oblast, the coloured
/// value) and marks the selection with plain markers. Throws clir::ConfigError (key
/// "map_colour") for a colour that is neither group, score, selection nor a numeric column of
/// the pool, or "selection" with the points style; clir::InputError when a selected community
/// has no value of the column on a points map.
MapLayers run_map_layers(const RunResult& result, const RunMapOptions& options = {});

/// The SVG map of run_map_layers().
std::string run_map_svg(const RunResult& result, const RunMapOptions& options = {});

/// The map as one GeoJSON FeatureCollection (RFC 7946: outer rings counter-clockwise, holes
/// clockwise) for GIS tools; QGIS opens one layer per geometry type. Each feature has a `layer`
/// property: "outline" (Ukraine, MultiPolygon), "oblast" (27 MultiPolygons: code, name_uk,
/// name_latin, source), "hromada" (1,469 MultiPolygons), "frontline" (MultiLineString) and
/// "selected" (Points). Hromada polygons and selected points carry the same properties: the
/// community's (code, names, oblast, raion, type), name_latin, status ("selected", "eligible,
/// not selected", "not eligible", "not an applicant"), score and rank when eligible, group and
/// medoid when selected, selection_probability with a robustness analysis. Polygon coordinates
/// are on the boundaries' 1e-4 degree grid.
nlohmann::json run_map_geojson(const RunResult& result);

/// map.geojson's text: run_map_geojson() with one feature per line (diffable, and a third of
/// the size of indented JSON). Same checks as clir::format_json().
std::string format_map_geojson(const nlohmann::json& collection);

/// SHA-1 (hex) of @p bytes, for provenance (not for security).
std::string sha1_hex(std::string_view bytes);

}  // namespace clir
