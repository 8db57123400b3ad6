// The pipeline: run(scenario) returning what `clir run` computes, and the grouping step alone.
#include <memory>
#include <optional>

#include "clir/pipeline/community_card.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/run.hpp"
#include "common.hpp"

namespace clir::python {

namespace {

/// "\"a\", \"b\", \"c\"": names as Python string literals, for docstrings.
std::string quoted_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
  return out;
}

py::object json_to_python(const nlohmann::json& j) { return py::module_::import("json").attr("loads")(j.dump()); }

Scenario load(const std::string& text_or_path, bool is_path) {
  if (is_path) return load_scenario(text_or_path);
  return parse_scenario(text_or_path, "<scenario>", std::filesystem::current_path());
}

/// GroupingSpec's declared fields (kGroupingKeywords: k is the function's own argument, the
/// category mode is the bool category_soft).
OptionParser<GroupingSpec> grouping_options() {
  OptionParser<GroupingSpec> p;
  p.fields(kGroupingKeywords)
      .custom("category_soft", [](GroupingSpec& s, py::handle v) {
        s.category_mode = py::cast<bool>(v) ? CategoryMode::soft : CategoryMode::hard;
      });
  return p;
}

}  // namespace

void init_run(py::module_& m) {
  py::class_<GroupingResult> grouping_result(m, "GroupingResult", "A grouping of communities (the pipeline's grouping step).");
  def_fields(grouping_result, kGroupingResultAttributes);

  const auto grouping_parser = std::make_shared<OptionParser<GroupingSpec>>(grouping_options());
  m.def(
      "group_communities",
      [grouping_parser](const std::vector<std::string>& codes, py::handle k, py::handle data, py::kwargs kwargs) {
        GroupingSpec spec = grouping_parser->parse("group_communities", kwargs);
        spec.k = whole_number<std::size_t>("k", k);
        const Table all = to_table(data);
        std::vector<std::size_t> rows;
        std::vector<Community> communities;
        for (const auto& code : codes) {
          communities.push_back(find_hromada(code));
          rows.push_back(all.row(code));
        }
        const Table table = all.select_rows(rows);
        py::gil_scoped_release unlocked;
        return group_communities(communities, table, spec);
      },
      py::arg("codes"), py::arg("k") = GroupingSpec{}.k, py::arg("data") = py::none(),
      "Groups built-in communities (by code) as a scenario's [clustering] section says.");

  const auto card_parser = std::make_shared<OptionParser<CommunityCardOptions>>();
  card_parser->fields();
  py::class_<RunResult>(m, "RunResult", "Everything a run of a scenario produced (as `clir run`).")
      .def_property_readonly("selected", [](const RunResult& r) { return r.selection.selected_ids; },
                             "codes of the selected communities, best rank first")
      .def_readonly("selected_communities", &RunResult::selected)
      .def_property_readonly("scenario", [](const RunResult& r) { return json_to_python(scenario_to_json(r.scenario)); },
                             "the scenario as resolved, as a dict (docs/scenario.md's keys)")
      .def_property_readonly("criteria", [](const RunResult& r) {
        std::vector<std::string> out;
        for (const auto& c : r.criteria) out.push_back(c.label());
        return out;
      })
      .def_readonly("eligibility", &RunResult::eligibility)
      .def_readonly("scores", &RunResult::scores)
      .def_readonly("selection", &RunResult::selection)
      .def_readonly("robustness", &RunResult::robustness)
      .def_readonly("criterion_drops", &RunResult::criterion_drops)
      .def_readonly("groups", &RunResult::groups)
      .def_readonly("reference_regrouped", &RunResult::reference_regrouped)
      .def_readonly("reference_comparison", &RunResult::reference_comparison)
      .def_property_readonly("reference_standing", [](const RunResult& r) {
        py::list out;
        for (const auto& s : r.reference_standing) out.append(field_dict(s));
        return out;
      })
      .def_property_readonly("stages", [](const RunResult& r) {
        // [[stage]]: each stage's name, pool size, scores and selected codes, in order.
        py::list out;
        for (const auto& s : r.stages) {
          py::dict d;
          d["name"] = s.name;
          d["pool_size"] = s.pool_size;
          d["scores"] = s.scores;
          d["selected"] = s.selection.selected_ids;
          out.append(d);
        }
        return out;
      }, "Each stage of a selection in stages (also the single stage of one with discretionary points).")
      .def_property_readonly("discretionary", [](const RunResult& r) -> py::object {
        if (!r.discretionary) return py::none();
        const auto& e = *r.discretionary;
        py::dict d;
        d["stage"] = e.stage;
        d["codes"] = e.ids;
        d["points"] = e.points;
        d["points_without"] = e.points_without;
        d["selected_without"] = e.selected_without;
        d["entered"] = e.entered;
        d["displaced"] = e.displaced;
        return d;
      }, "The committee's points ([discretionary]) and who was selected with and without them, or None.")
      .def_property_readonly("timings_s", [](const RunResult& r) {
        py::dict d;
        for (const auto& [stage, seconds] : r.timings_s) d[stage.c_str()] = seconds;
        return d;
      })
      .def(
          "community_card",
          [card_parser](const RunResult& r, const std::string& code, py::kwargs kwargs) {
            const CommunityCardOptions options = card_parser->parse("community_card", kwargs);
            CommunityCard card;
            {
              py::gil_scoped_release unlocked;
              card = community_card(r, code, options);
            }
            return json_to_python(community_card_json(card));
          },
          py::arg("code"),
          "One applicant's card as a dict (as `clir explain --code CODE --json`): its criterion values and rank, each "
          "criterion's contribution against the last selected community's, the score gap, and the nearest weighting "
          "that selects it (key 'nearest': status, found, weights, change, distance, rank, selected, reason). Keywords: "
          "nearest_weights, min_gap, time_limit_s, max_programs.")
      .def("summary", &run_summary, "The summary `clir run` prints.")
      .def("report_markdown", &run_report_markdown, "report.md as text.")
      .def("to_json", [](const RunResult& r) { return json_to_python(run_json(r)); }, "run.json as a dict.")
      .def(
          "write",
          [](const RunResult& r, const std::string& directory, bool overwrite, bool map, std::optional<std::string> map_style,
             std::optional<std::string> map_colour) {
            RunMapOptions map_options = r.scenario.map;
            if (map_style) map_options.style = parse_enum<MapStyle>(*map_style, "map_style");
            if (map_colour) map_options.colour_by = *map_colour;
            std::vector<std::string> out;
            for (const auto& p : write_run_outputs(r, directory, {.overwrite = overwrite, .map = map, .map_options = map_options})) {
              out.push_back(p.string());
            }
            return out;
          },
          py::arg("directory"), py::arg("overwrite") = false, py::arg("map") = true, py::kw_only(),
          py::arg("map_style") = py::none(), py::arg("map_colour") = py::none(),
          ("Writes the output folder of `clir run` (atomically); returns the paths written. map_style: one of " +
           quoted_names(enum_names<MapStyle>()) + "; map_colour: \"group\", \"score\", \"selection\" or a numeric column of the pool (default: the "
          "scenario's [output] settings).").c_str());

  m.def(
      "_run",
      [](const std::string& text_or_path, bool is_path, const std::string& last_stage) {
        Scenario scenario = text_or_path.empty() ? builtin_clir2024_scenario() : load(text_or_path, is_path);
        RunOptions options;
        options.last_stage = parse_choice<RunStage>("last_stage", last_stage);
        py::gil_scoped_release unlocked;
        return std::make_unique<RunResult>(run(scenario, options));
      },
      py::arg("text_or_path"), py::arg("is_path"), py::arg("last_stage"));
  m.def(
      "_validate",
      [](const std::string& text_or_path, bool is_path) {
        return json_to_python(scenario_to_json(load(text_or_path, is_path)));
      },
      py::arg("text_or_path"), py::arg("is_path"));
  m.attr("_run_stages") = enum_names<RunStage>();
  m.def("scenario_text", [] { return std::string(builtin_clir2024_scenario_text()); },
        "The TOML text of the built-in CLIR 2024 scenario (examples/clir2024.toml).");
}

}  // namespace clir::python
