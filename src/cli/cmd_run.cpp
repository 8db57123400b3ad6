// `clir run [SCENARIO]`: the whole pipeline, a summary on stdout and the output folder.
#include <iostream>
#include <memory>
#include <optional>

#include "clir/core/detail/text.hpp"
#include "clir/io/atomic_file.hpp"
#include "clir/pipeline/explain.hpp"
#include "clir/pipeline/html_report.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/run.hpp"
#include "commands.hpp"
#include "progress.hpp"
#include "report_engine.hpp"
#include "scenario_options.hpp"

namespace clir::cli {

void add_run_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "Run a scenario end to end: pool, eligibility, scoring, selection, robustness, "
                                        "grouping, comparison with the reference; write the output folder");
  struct Args {
    ScenarioArgs scenario;
    std::string output;
    bool force = false;
    bool no_map = false;
    std::string map_style;   // empty = the scenario's [output] map_style
    std::string map_colour;  // empty = the scenario's [output] map_colour
    bool quiet = false;
    bool explain = false;
    bool static_report = false;
  };
  auto args = std::make_shared<Args>();
  args->scenario.add_to(cmd);
  auto* output = cmd->add_option("-o,--output", args->output, "Output folder (default: the scenario's output.directory)");
  cmd->add_flag("--force", args->force, "Replace an output folder of clir's outputs as a whole (one holding other files is refused)");
  cmd->add_flag("--no-map", args->no_map, "Do not write map.svg and map.geojson");
  // The names come from EnumTraits<MapStyle>; parse_enum in the callback rejects others with a
  // "did you mean" that CLI11's IsMember would not give.
  cmd->add_option("--map-style", args->map_style,
                  "Draw the map's communities as points, or every hromada's polygon filled: " +
                      clir::detail::join_text(enum_names<MapStyle>(), ", ") +
                      "; default: the scenario's [output] map_style, else points");
  cmd->add_option("--map-colour", args->map_colour,
                  "What colours the map: " +
                      clir::detail::join_text({map_colour_keywords.begin(), map_colour_keywords.end()}, ", ") +
                      " (selection: choropleth only) or a numeric column of the pool, e.g. population; default: the "
                      "scenario's [output] map_colour, else group");
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing (errors still go to stderr)");
  cmd->add_flag("--explain", args->explain,
                "Also explain the scenario's [explain] reference (as `clir explain` does): explain.md, explain.json and "
                "a section of report.html; on a terminal it says about how long that takes (from its first solver calls) and shows "
                "its progress");
  cmd->add_flag("--static-report", args->static_report,
                "Write report.html without the what-if engine (a smaller page that cannot rerun the scenario)");
  cmd->footer(
      "Examples:\n"
      "  clir run                                  # the built-in CLIR 2024 scenario\n"
      "  clir run examples/needs_first.toml -o out --force\n"
      "  clir run my.toml --threads 2 --seed 7\n"
      "  clir run --explain -o out --force        # and which weighting of the criteria explains the published 19\n"
      "  clir run --map-style choropleth --map-colour score -o out --force   # every hromada filled by its score\n"
      "Writes scores.csv, selection.csv, groups.csv, groups.geojson, reference.csv, report.md, report.html\n"
      "(one self-contained page: map with tooltips, sortable tables, charts, and, when clir has the engine, what-if\n"
      "controls that rerun the scenario in the page), run.json, map.svg and map.geojson\n"
      "into the output folder; each file is written atomically.");
  cmd->callback([args, output] {
    Scenario sc = args->scenario.load();
    // Given, even as "": an empty folder name is an error, not the scenario's folder.
    if (output->count() > 0) sc.output_directory = args->output;
    if (!args->map_style.empty()) sc.map.style = parse_enum<MapStyle>(args->map_style, "map_style");
    if (!args->map_colour.empty()) sc.map.colour_by = args->map_colour;
    // Refuse an occupied folder before the work, not after it.
    check_output_folder(sc.output_directory, {.overwrite = args->force, .replaceable = output_file_names()});
    ProgressBar bar(!args->quiet && ::isatty(STDERR_FILENO) == 1);
    RunOptions options;
    options.progress = [&bar](std::string_view stage, std::size_t done, std::size_t total) {
      bar.update(std::string(stage), done, total);
    };
    const RunResult result = run(sc, options);
    std::optional<ExplainRun> explained;
    if (args->explain) {
      bar.finish();
      explained = explain_scenario(sc, ExplainProgressDisplay(bar));
    }
    bar.finish();
    // The interactive page when this clir has the engine and the page can rerun the run.
    ReportEngine engine;
    std::string static_reason;
    if (!args->static_report) {
      engine = report_engine();
      if (engine.empty()) {
        static_reason = "this clir was built without the WebAssembly engine (CLIR_WASM_MODULE, docs/web.md)";
      } else {
        static_reason = interactive_report_problem(result);
      }
    }
    const OutputOptions out{.overwrite = args->force,
                            .map = !args->no_map,
                            .html = true,
                            .map_options = std::nullopt,  // the scenario's, with the flags above applied
                            .extra_html_sections = {},
                            .explain = explained ? &*explained : nullptr,
                            .report_engine = engine};
    const auto written = write_run_outputs(result, sc.output_directory, out);
    if (args->quiet) return;
    std::cout << run_summary(result) << '\n';
    std::cout << "Wrote " << written.size() << " files to " << sc.output_directory.string() << '\n';
    if (!static_reason.empty()) std::cout << "report.html is the static page: " << static_reason << '\n';
    // The report is what a first-time user wants to see; say where it is and how to open it.
    std::cout << "Open " << (sc.output_directory / "report.html").string()
              << " in a web browser (e.g. xdg-open or open on the command line) for the map, the tables and the charts\n";
  });
}

}  // namespace clir::cli
