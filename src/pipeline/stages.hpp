#pragma once
// Internal: the parts of a run that programme rules add (clir/pipeline/programme.hpp): derived
// and bonus columns, selection in stages with a committee's points, and their output files.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "clir/pipeline/run.hpp"

namespace clir::detail {

/// Whether the scenario selects through run_stages() (it has stages or discretionary points).
bool runs_in_stages(const Scenario& scenario);

/// Adds the derived and bonus columns to the pool's @p table and appends the scenario's bonus
/// criteria to @p criteria.
void prepare_programme_columns(Table& table, const Scenario& scenario, std::vector<Criterion>& criteria);

/// Scores and selects stage after stage (one implicit stage when there are none), with the
/// committee's points; fills result.stages, scores, selection, criteria and discretionary.
/// result.pool, eligibility and criteria (the scenario's, with bonuses) must be set.
void run_stages(RunResult& result, const Scenario& scenario);

/// stages.csv and discretionary.csv, when the run has them.
std::vector<std::pair<std::string, std::string>> programme_files(const RunResult& r);

/// The report.md sections on stages and discretionary points ("" when there are none).
std::string programme_markdown(const RunResult& r);

/// Adds [[derived]], [[bonus]], [[stage]] and [discretionary] to run.json's echo of @p sc, each
/// only when the scenario has it (so that other scenarios' run.json does not change).
void add_programme_scenario_json(const Scenario& sc, nlohmann::json& j);

/// Adds "stages" (name, pool, selected per stage) and "discretionary" (its effect) to run.json.
void add_programme_run_json(const RunResult& r, nlohmann::json& j);

}  // namespace clir::detail
