#include "whatif_report.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "clir/io/csv.hpp"
#include "clir/pipeline/html_report.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/scenario.hpp"
#include "scenario_toml_text.hpp"

namespace clir {
namespace {

using nlohmann::json;

struct ScenarioSource {
  std::string text;  // the scenario file's text, as the page reruns it
  std::string name;  // its file name, as the page names it (relative inputs are next to it)
  std::filesystem::path folder;
};

ScenarioSource source_of(const Scenario& sc) {
  if (sc.source.empty()) return {std::string(builtin_clir2024_scenario_text()), "clir2024.toml", {}};
  return {read_text_file(sc.source), sc.source.filename().string(), sc.source.parent_path()};
}

// The echo of a scenario without what the page may differ in: where outputs go and how many
// threads compute them (neither changes a result).
json comparable(const Scenario& sc) {
  json j = scenario_to_json(sc);
  j.erase("output");
  j["scenario"].erase("threads");
  return j;
}

// The input files the scenario text names (as it names them) with their text: the applications
// file and a reference grouping given as a file.
json inputs_of(const ScenarioSource& source) {
  json inputs = json::object();
  const toml::table root = detail::parse_toml(source.text, source.name);
  for (const char* key : {"data.applications", "reference.grouping"}) {
    const auto name = root.at_path(key).value<std::string>();
    if (!name || name->empty() || *name == "clir2024" || *name == "none") continue;
    const std::filesystem::path path(*name);
    inputs[*name] = read_text_file(path.is_absolute() ? path : source.folder / path);
  }
  return inputs;
}

json applicants_json(const RunResult& r) {
  const TextTable table = ranked_applicants(r, true);
  json rows = json::array();
  for (const auto& row : table.rows) {
    json item = json::object();
    for (std::size_t c = 0; c < table.header.size() && c < row.size(); ++c) item[table.header[c]] = row[c];
    rows.push_back(std::move(item));
  }
  return rows;
}

// JSON inside <script type="application/json">: "</" would end the element early; "<\/" is
// the same JSON string.
std::string script_safe(std::string text) {
  for (auto at = text.find("</"); at != std::string::npos; at = text.find("</", at + 3)) text.replace(at, 2, "<\\/");
  return text;
}

std::string base64(std::string_view bytes) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 3; ++k) v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0U);
    for (std::size_t k = 0; k < 4; ++k) out += k <= n ? kDigits[(v >> (18 - 6 * k)) & 63U] : '=';
  }
  return out;
}

constexpr std::string_view kWhatIfStyle = R"css(<style>
#whatif fieldset{border:1px solid #ccc;margin:.6em 0;padding:.4em .8em}
#whatif legend{font-weight:bold}
#whatif .controls{display:grid;grid-template-columns:repeat(auto-fit,minmax(18em,1fr));gap:.4em 1.2em}
#whatif label{display:inline-block;margin:.15em .6em .15em 0}
#whatif input[type=number]{width:6em}
#whatif .status{padding:.4em;background:#f3f3f3;border-left:4px solid #1b9e77}
#whatif .status.error{border-left-color:#d95f02;background:#fff3ea}
#whatif .entered{color:#0b6e4f}
#whatif .left{color:#a33}
#whatif .buttons button{margin:.3em .6em .3em 0;padding:.3em .8em}
#whatif pre{max-height:20em;overflow:auto;background:#f7f7f7;padding:.5em}
#whatif .hint{font-size:13px;color:#333}
#whatif input[type=text]{width:16em;max-width:100%}
#whatif progress{max-width:100%}
tr.card-row,.map .card-point{cursor:pointer}
tr.card-row:hover td{background:#eef5fb}
tr.card-row:focus-visible{outline:2px solid #0072B2;outline-offset:-2px}
#whatif-card{width:calc(100vw - 2em);max-width:60em;max-height:calc(100vh - 2em);overflow:auto;box-sizing:border-box;
padding:.8em 1em;border:1px solid #555;border-radius:6px}
#whatif-card::backdrop{background:rgba(0,0,0,.35)}
#whatif-card h3{margin:.2em 2.5em .4em 0}
#whatif-card .close{float:right;font-size:1.4em;line-height:1;padding:.1em .5em;cursor:pointer}
#whatif-card td.ahead{color:#0b6e4f}
#whatif-card td.behind{color:#a33}
#whatif-card th[scope=row]{font-weight:normal;text-align:left}
@media (max-width:600px){#whatif fieldset{padding:.3em .4em;margin:.4em 0}#whatif .controls{grid-template-columns:1fr}
#whatif-card{width:calc(100vw - 1em);max-height:calc(100vh - 1em);padding:.5em}}
</style>
)css";

}  // namespace

std::string interactive_report_problem(const RunResult& result) {
  const Scenario& sc = result.scenario;
  try {
    const ScenarioSource source = source_of(sc);
    Scenario reread = parse_scenario(source.text, source.name, source.folder);
    // As run() resolves it: no needs columns = the columns of the criteria used.
    if (reread.grouping.needs_columns.empty()) {
      for (const auto& c : result.criteria) reread.grouping.needs_columns.push_back(c.column);
    }
    if (comparable(reread) != comparable(sc)) {
      return sc.source.empty() ? "the run is not the built-in scenario and has no scenario file to rerun"
                               : "the run's settings differ from its scenario file " + sc.source.string() +
                                     " (changed on the command line?), so the page could not rerun it";
    }
    (void)inputs_of(source);
  } catch (const std::exception& e) {
    return std::string("the scenario could not be read again: ") + e.what();
  }
  return {};
}

namespace detail {

void add_whatif(HtmlDocument& document, const RunResult& result, const ReportEngine& engine) {
  HtmlSection section{.id = "whatif", .title = "What if", .body = std::string(kWhatIfStyle)};
  const std::string problem = interactive_report_problem(result);
  if (!problem.empty()) {
    section.body += "<p class=\"status error\">This page cannot rerun the scenario: " + escape_html(problem) +
                    ". The report below is the run the file was made from.</p>\n";
  } else {
    const ScenarioSource source = source_of(result.scenario);
    json data;
    data["scenario_text"] = source.text;
    data["scenario_path"] = source.name;
    data["inputs"] = inputs_of(source);
    data["baseline"] = {{"selected", result.selection.selected_ids}, {"applicants", applicants_json(result)}};
    section.body +=
        "<p>Change a setting: the page reruns eligibility, scoring, selection, grouping and the comparison with the "
        "reference with the same engine as <code>clir run</code>, compiled to WebAssembly, and shows who entered and "
        "who left the selection compared with the run this file was made from. Nothing leaves this page.</p>\n"
        "<p id=\"whatif-status\" class=\"status\" role=\"status\" aria-live=\"polite\">Starting the engine…</p>\n"
        "<noscript><p class=\"status error\">The what-if controls need JavaScript; the report below is the run the "
        "file was made from.</p></noscript>\n"
        "<form id=\"whatif-controls\" hidden></form>\n<div id=\"whatif-results\"></div>\n"
        "<script type=\"application/json\" id=\"clir-whatif-data\">" + script_safe(data.dump()) + "</script>\n"
        // The gzip-compressed binary as base64 text, decompressed by the page and handed to the
        // module (wasmBinary) so that it never fetches.
        "<script type=\"application/octet-stream\" id=\"clir-engine-wasm\">" + base64(engine.wasm) + "</script>\n";
    document.scripts.emplace_back(engine.script);
    document.scripts.emplace_back(kWhatIfScript);
    document.allow_wasm = true;
  }
  const auto at = document.sections.empty() ? document.sections.end() : document.sections.begin() + 1;
  document.sections.insert(at, std::move(section));
}

}  // namespace detail
}  // namespace clir
