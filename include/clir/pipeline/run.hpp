#pragma once
/// @file
/// @brief The end-to-end pipeline: applicant pool → eligibility → scoring → selection →
/// robustness → grouping of the selected → evaluation against a reference grouping.
/// Each stage is also usable on its own (clir/scoring, clir/selection, clir/pipeline/grouping.hpp,
/// clir/evaluate); clir::run() wires them from a Scenario and says what happened at each step.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clir/data/builtin.hpp"
#include "clir/data/resolve.hpp"
#include "clir/evaluate/compare.hpp"
#include "clir/io/csv.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/pipeline/pool.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// Called as stages progress: (stage name, steps done, steps in the stage). May be empty.
using ProgressCallback = std::function<void(std::string_view stage, std::size_t done, std::size_t total)>;

/// The stages of a run, in order.
enum class RunStage { pool, scoring, selection, robustness, grouping, evaluation };

template <>
struct EnumTraits<RunStage> {
  static constexpr std::string_view what = "run stage";
  static constexpr std::array<EnumName<RunStage>, 6> names{{
      {RunStage::pool, "pool", "the pool of communities"},
      {RunStage::scoring, "scoring", "scores and ranks"},
      {RunStage::selection, "selection", "the quota selection"},
      {RunStage::robustness, "robustness", "the Monte Carlo weight analysis"},
      {RunStage::grouping, "grouping", "the grouping of the selected communities"},
      {RunStage::evaluation, "evaluation", "the comparison with the reference"},
  }};
};

/// Options of a run that are not part of the scenario.
struct RunOptions {
  ProgressCallback progress;                   ///< told about each stage; does not change the result
  /// Told the robustness draws done and their total now and then (MonteCarloOptions::progress).
  std::function<void(std::size_t done, std::size_t total)> robustness_progress;
  RunStage last_stage = RunStage::evaluation;  ///< stop after this stage (e.g. scoring only)
};

/// Where one member of the reference grouping stands in this run.
struct ReferenceStanding {
  std::string code;
  std::string name;              ///< official short name (uk)
  std::string oblast;            ///< oblast (uk)
  int group = 0;                 ///< its group in the reference, 1-based
  bool in_pool = false;          ///< among the applicants of the scenario
  bool eligible = false;
  std::string excluded_by;       ///< the eligibility rules it failed
  std::optional<std::size_t> rank;  ///< among the eligible, 1 = best
  std::size_t eligible_count = 0;   ///< how many were ranked
  bool selected = false;
  std::optional<double> selection_probability;  ///< from the Monte Carlo analysis, when run
};

template <>
struct Fields<ReferenceStanding> {
  using S = ReferenceStanding;
  static constexpr auto list = std::tuple{
      field("code", &S::code, "KATOTTG code"),
      field("name", &S::name, "official short name (uk)"),
      field("oblast", &S::oblast, "oblast (uk)"),
      field("group", &S::group, "its group in the reference, 1-based"),
      field("in_pool", &S::in_pool, "among the applicants of the scenario"),
      field("eligible", &S::eligible, "passed every eligibility rule"),
      field("excluded_by", &S::excluded_by, "the eligibility rules it failed"),
      field("rank", &S::rank, "among the eligible, 1 = best"),
      field("eligible_count", &S::eligible_count, "how many were ranked"),
      field("selected", &S::selected, "selected by the scenario"),
      field("selection_probability", &S::selection_probability, "share of weight draws that select it, when run"),
  };
};

/// A reference grouping: codes and 0-based labels.
struct ReferenceGroups {
  std::string name;                  ///< "CLIR 2024 (published)" or the file name
  std::vector<std::string> codes;
  Labels labels;
  /// How each member was resolved when the file names communities (a `name` column) instead
  /// of coding them; empty for codes.
  std::vector<NameResolution> resolutions;
};

/// Everything a run produced.
struct RunResult {
  Scenario scenario;                 ///< as resolved (defaults filled in)
  ApplicantPool pool;                ///< applicants, with the derived war_history_index column
  std::vector<Criterion> criteria;   ///< the criteria used
  EligibilityResult eligibility;     ///< over the pool's rows
  ScoreResult scores;                ///< over the eligible rows (scores.ids)
  SelectionResult selection;         ///< explanations over the pool's rows
  std::optional<MonteCarloResult> robustness;         ///< over the eligible rows
  std::vector<CriterionDrop> criterion_drops;         ///< leave-one-criterion-out
  std::vector<Community> selected;   ///< the selected communities, best rank first
  GroupingResult groups;             ///< grouping of the selected (codes in `selected` order)
  std::optional<ReferenceGroups> reference;
  std::vector<ReferenceStanding> reference_standing;  ///< one per reference member
  std::optional<GroupingResult> reference_regrouped;  ///< the reference's members grouped as the scenario says
  std::optional<Comparison> reference_comparison;     ///< reference_regrouped against the reference
  std::vector<StageResult> stages;   ///< with [[stage]] or [discretionary]: each stage's scores and selection
  std::optional<DiscretionaryEffect> discretionary;  ///< the committee's points and their effect
  std::vector<std::pair<std::string, double>> timings_s;  ///< wall time per stage, seconds
  /// How each applicant was resolved when the applications file names communities (a `name`
  /// column) instead of coding them; empty for codes.
  std::vector<NameResolution> applications_resolutions;
};

/// Runs @p scenario on the built-in data (and its applications file, if any). Reads input files
/// named by the scenario but writes nothing (see write_run_outputs()). Throws what the stages
/// throw: clir::InputError, clir::ConfigError, clir::Infeasible.
RunResult run(const Scenario& scenario, const RunOptions& options = {});

/// The reference grouping named by a scenario: "clir2024" (the 19 published), or a CSV file
/// with `code` and `group` columns (groups are any labels; codes must be built-in hromadas), or
/// with `name` (and optionally `oblast`) instead of `code`: see resolve_named_rows().
ReferenceGroups load_reference(std::string_view spec);

/// The reference grouping held by @p doc (a CSV already read, e.g. by parse_csv(); named by its
/// source): what load_reference() makes of a file. Group labels are whole numbers compared as
/// numbers ("2" and "02" are one group, "2.0" an error) unless none is a number (then names,
/// without control bytes). Throws clir::InputError naming the file, line and column.
ReferenceGroups read_reference(const CsvDocument& doc);

}  // namespace clir
