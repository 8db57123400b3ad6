#pragma once
/// @file
/// @brief `clir explain`: which weighting of the criteria, if any, makes a reference set (the 19
/// communities CLIR published) the scenario's selection, and how the reference's grouping
/// compares (the grouping side, searched in full by `clir reproduce`).

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "clir/evaluate/compare.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/selection/explain.hpp"

namespace clir {

/// What explain_scenario() found.
struct ExplainRun {
  std::string scenario_name;
  ReferenceGroups reference;                  ///< the reference as loaded (codes; groups when it has them)
  std::vector<Criterion> criteria;            ///< the criteria the rule was searched on
  bool extended_criteria = false;
  std::size_t pool_size = 0;                  ///< applicants of the scenario
  std::size_t eligible = 0;                   ///< candidates (the eligible applicants)
  /// Reference members that are not candidates (outside the pool or ineligible), with the
  /// reason; they are left out of the search, which no weighting could change.
  std::vector<std::pair<std::string, std::string>> not_candidates;
  ExplainResult result;                       ///< over the candidates, ids = KATOTTG codes
  /// The grouping side: the reference's members grouped as the scenario says, against the
  /// reference's groups (when the reference has groups and the scenario clusters).
  std::optional<Comparison> grouping;
  std::string grouping_method;                ///< e.g. "fasterpam, k = 6, alpha = 0.3, size 2-4"
};

/// explain.json's top level: these fields and the result's (flattened); the criteria, members,
/// non-candidates, displacers and the grouping side are composed by explain_json().
template <>
struct Fields<ExplainRun> {
  using R = ExplainRun;
  static constexpr auto list = std::tuple{
      field("scenario", &R::scenario_name, "the scenario's name"),
      field("reference", nested(&R::reference, &ReferenceGroups::name), "the reference's name"),
      field("extended_criteria", &R::extended_criteria, "the criteria were extended by the KSE indicators"),
      field("applicants", &R::pool_size, "applicants of the scenario"),
      field("eligible", &R::eligible, "candidates (the eligible applicants)").not_in(FieldUse::json),
      flatten(&R::result),
      field("grouping_method", &R::grouping_method, "the scenario's grouping, in words").not_in(FieldUse::json),
  };
};

/// The scenario's criteria (or the default ones) followed by the other indicators of the KSE
/// data — population, total revenue per person, transfer share, area, distance to the EU, number
/// of settlements — each twice, once as a benefit and once as a cost, since the direction the
/// programme gave them is unknown (a non-negative weight on each orientation is a signed weight).
std::vector<Criterion> extended_explain_criteria(std::vector<Criterion> base);

/// Explains the reference of @p scenario.explain among the scenario's eligible applicants
/// under its quota rules. Throws what load_reference(), build_pool(), check_eligibility() and
/// explain_selection() throw (a ConfigError with the file, line and column of its key when
/// the scenario was read from a file); clir::Infeasible when no reference member is a
/// candidate. @p progress, when set, is told where the search is (ExplainOptions::progress).
ExplainRun explain_scenario(const Scenario& scenario, const std::function<void(const ExplainProgress&)>& progress = {});

/// The headline of explain.md and of the HTML section, as plain text: how many reference
/// members the rule puts among the best, the proven ceiling, and what that says.
std::string explain_headline(const ExplainRun& run);

/// explain.md: the rule, its stability, where each member ranks, who displaces whom, and the
/// grouping side.
std::string explain_markdown(const ExplainRun& run);

/// explain.json: every figure of explain_markdown(), with codes and names.
nlohmann::json explain_json(const ExplainRun& run);

/// Writes explain.json, explain.md and explain.html (see explain_html()) of @p run into
/// @p directory (created if missing) and returns the paths written, in that order. As
/// write_run_outputs(): the folder is absent or complete, and a folder that already holds files
/// is replaced only with @p overwrite (and only when it holds clir's outputs alone). Throws
/// clir::InputError naming the path on any failure.
std::vector<std::filesystem::path> write_explain_outputs(const ExplainRun& run, const std::filesystem::path& directory,
                                                         bool overwrite = false);

}  // namespace clir
