#include "stages.hpp"

#include <algorithm>
#include <sstream>

#include "clir/core/error.hpp"
#include "clir/io/csv.hpp"
#include "clir/io/format.hpp"
#include "json_fields.hpp"

namespace clir::detail {

namespace {

// An error of a stage's scoring or selection, said to be that stage's.
// Keys are the entry's ([[stage]] k), so that the scenario's errors name its line.
template <class F>
auto in_stage(const std::string& stage, std::size_t k, F&& body) {
  if (stage.empty()) return body();
  const std::string prefix = "stage '" + stage + "': ";
  try {
    return body();
  } catch (const ConfigError& e) {
    throw ConfigError("stage[" + std::to_string(k) + "]." + e.key(), prefix + e.message(), e.allowed(), e.where());
  } catch (const Infeasible& e) {
    // what() already lists the conflicting constraints and the suggestion, which the
    // constructor adds again: keep only the message before them.
    std::string message = e.what();
    message = message.substr(0, message.find(e.conflicting().empty() ? "; " + e.suggestion() : "; conflicting constraints:"));
    throw Infeasible(prefix + message, e.conflicting(), e.suggestion());
  } catch (const InputError& e) {
    throw InputError(prefix + e.message(), e.where());
  }
}

void rerank(ScoreResult& s) {
  s.order = order_descending(s.score);
  s.rank = rank_descending(s.score);
}

// The eligibility of a stage: the scenario's rules, then "in the stage's pool", then its own rules.
EligibilityResult stage_eligibility(const Table& table, const EligibilityResult& base, const std::vector<bool>& in_pool,
                                    const Stage& stage, std::size_t index, const std::string& previous) {
  EligibilityResult e = base;
  const std::size_t pool_rule = e.rule_names.size();
  e.rule_names.push_back("not selected at stage '" + previous + "'");
  std::vector<EligibilityRule> rules;
  for (const auto& text : stage.rules) rules.push_back(parse_eligibility_rule(text));
  EligibilityResult own;
  if (!rules.empty()) {
    try {
      own = check_eligibility(table, rules);
    } catch (const ConfigError& err) {
      throw ConfigError("stage[" + std::to_string(index) + "].rules", "stage '" + stage.name + "': " + err.message(), err.allowed());
    }
    for (const auto& name : own.rule_names) e.rule_names.push_back(name);
  }
  e.excluded_count.resize(e.rule_names.size(), 0);
  e.eligible_rows.clear();
  for (std::size_t r = 0; r < table.rows(); ++r) {
    if (!base.eligible[r]) continue;
    auto& failed = e.failed_rules[r];
    if (!in_pool[r]) {
      failed.push_back(pool_rule);
    } else if (!rules.empty()) {
      for (std::size_t k : own.failed_rules[r]) failed.push_back(pool_rule + 1 + k);
    }
    for (std::size_t k : failed) ++e.excluded_count[k];
    e.eligible[r] = failed.empty();
    if (failed.empty()) e.eligible_rows.push_back(r);
  }
  return e;
}

std::size_t committee_stage_index(const RunResult& r) {
  for (std::size_t k = 0; k < r.stages.size(); ++k) {
    if (r.stages[k].name == r.discretionary->stage) return k;
  }
  return r.stages.size() - 1;
}

}  // namespace

bool runs_in_stages(const Scenario& scenario) {
  return !scenario.stages.empty() || !scenario.discretionary.file.empty();
}

void prepare_programme_columns(Table& table, const Scenario& scenario, std::vector<Criterion>& criteria) {
  add_derived_columns(table, scenario.derived);
  const auto bonus = add_bonus_columns(table, scenario.bonuses);
  criteria.insert(criteria.end(), bonus.begin(), bonus.end());
  for (const auto& stage : scenario.stages) (void)add_bonus_columns(table, stage.bonuses);
}

void run_stages(RunResult& result, const Scenario& scenario) {
  const Table& table = result.pool.table;
  std::vector<Stage> stages = scenario.stages;
  const bool named = !stages.empty();
  if (!named) stages.push_back({.scoring = scenario.scoring, .selection = scenario.selection});
  std::size_t committee_stage = stages.size() - 1;
  for (std::size_t k = 0; k < stages.size(); ++k) {
    if (!scenario.discretionary.stage.empty() && stages[k].name == scenario.discretionary.stage) committee_stage = k;
  }
  std::vector<double> committee;
  if (!scenario.discretionary.file.empty()) committee = read_discretionary_points(scenario.discretionary, table);

  const std::size_t rows = table.rows();
  std::vector<bool> in_pool(rows, false);
  for (std::size_t r : result.eligibility.eligible_rows) in_pool[r] = true;
  std::vector<std::size_t> dropped_at(rows, stages.size());
  result.stages.clear();
  const std::vector<Criterion> base = result.criteria;
  for (std::size_t k = 0; k < stages.size(); ++k) {
    Stage& stage = stages[k];
    std::vector<Criterion> criteria = base;
    if (!stage.criteria.empty()) {
      criteria = stage.criteria;
      Table scratch = table;  // the columns exist already; this only builds the criteria
      const auto bonus = add_bonus_columns(scratch, stage.bonuses);
      criteria.insert(criteria.end(), bonus.begin(), bonus.end());
    }
    StageResult sr;
    sr.name = stage.name;
    sr.pool_size = static_cast<std::size_t>(std::count(in_pool.begin(), in_pool.end(), true));
    const EligibilityResult eligibility =
        k == 0 ? (stage.rules.empty() ? result.eligibility : stage_eligibility(table, result.eligibility, in_pool, stage, k, ""))
               : stage_eligibility(table, result.eligibility, in_pool, stage, k, stages[k - 1].name);
    if (eligibility.eligible_rows.empty()) {
      throw InputError("stage '" + stage.name + "': none of the " + std::to_string(sr.pool_size) +
                           " applicants in its pool passes its rules",
                       {.key = "stage.rules"});
    }
    sr.scores = in_stage(stage.name, k, [&] { return score(table.select_rows(eligibility.eligible_rows), criteria, stage.scoring); });
    if (!committee.empty() && k == committee_stage) {
      DiscretionaryEffect effect;
      effect.stage = stage.name;
      effect.ids = sr.scores.ids;
      const SelectionResult without =
          in_stage(stage.name, k, [&] { return select(table, sr.scores, eligibility, stage.selection); });
      effect.selected_without = without.selected_ids;
      for (std::size_t i = 0; i < sr.scores.ids.size(); ++i) {
        const auto e = static_cast<Eigen::Index>(i);
        effect.points_without.push_back(sr.scores.score(e));
        effect.points.push_back(committee[table.row(sr.scores.ids[i])]);
        sr.scores.score(e) += effect.points.back();
      }
      rerank(sr.scores);
      result.discretionary = std::move(effect);
    }
    sr.selection = in_stage(stage.name, k, [&] { return select(table, sr.scores, eligibility, stage.selection); });
    if (result.discretionary && k == committee_stage) {
      auto& effect = *result.discretionary;
      const auto& with = sr.selection.selected_ids;
      for (const auto& id : with) {
        if (std::find(effect.selected_without.begin(), effect.selected_without.end(), id) == effect.selected_without.end()) {
          effect.entered.push_back(id);
        }
      }
      for (const auto& id : effect.selected_without) {
        if (std::find(with.begin(), with.end(), id) == with.end()) effect.displaced.push_back(id);
      }
    }
    for (std::size_t r : eligibility.eligible_rows) {
      if (!sr.selection.explanations[r].selected) dropped_at[r] = k;
    }
    std::fill(in_pool.begin(), in_pool.end(), false);
    for (std::size_t r : sr.selection.selected_rows) in_pool[r] = true;
    result.criteria = criteria;
    result.stages.push_back(std::move(sr));
  }
  const StageResult& last = result.stages.back();
  result.scores = last.scores;
  result.selection = last.selection;
  if (!named) return;
  // Every applicant that entered the stages is explained by the stage where it dropped out (or
  // the last one), and the explanation says which stage that was.
  for (std::size_t r = 0; r < rows; ++r) {
    if (!result.eligibility.eligible[r]) continue;
    const std::size_t k = std::min(dropped_at[r], stages.size() - 1);
    Explanation e = result.stages[k].selection.explanations[r];
    e.text = "stage " + std::to_string(k + 1) + " of " + std::to_string(stages.size()) + " '" + stages[k].name + "': " + e.text;
    result.selection.explanations[r] = std::move(e);
  }
}

std::vector<std::pair<std::string, std::string>> programme_files(const RunResult& r) {
  std::vector<std::pair<std::string, std::string>> files;
  if (!r.stages.empty() && !r.scenario.stages.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < r.stages.size(); ++k) {
      const StageResult& s = r.stages[k];
      for (std::size_t i = 0; i < s.scores.ids.size(); ++i) {
        const std::size_t row = r.pool.table.row(s.scores.ids[i]);
        const Explanation& e = s.selection.explanations[row];
        rows.push_back({std::to_string(k + 1), s.name, e.id, format_number(s.scores.score(static_cast<Eigen::Index>(i))),
                        std::to_string(s.scores.rank[i]), e.selected ? "1" : "0", std::string(to_string(e.status)), e.text});
      }
    }
    files.emplace_back("stages.csv",
                       format_csv({"stage", "stage_name", "code", "score", "rank", "selected", "status", "explanation"}, rows));
  }
  if (r.discretionary) {
    const auto& d = *r.discretionary;
    auto has = [](const std::vector<std::string>& v, const std::string& id) { return std::find(v.begin(), v.end(), id) != v.end(); };
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < d.ids.size(); ++i) {
      // The stage's own selection: with stages after it, r.selection is the last stage's.
      const auto& stage = r.stages[committee_stage_index(r)];
      const bool with = has(stage.selection.selected_ids, d.ids[i]);
      const bool without = has(d.selected_without, d.ids[i]);
      rows.push_back({d.ids[i], format_number(d.points_without[i]), format_number(d.points[i]),
                      format_number(d.points_without[i] + d.points[i]), with ? "1" : "0", without ? "1" : "0"});
    }
    files.emplace_back("discretionary.csv", format_csv({"code", "points_without", "discretionary_points", "points_with",
                                                        "selected_with", "selected_without"},
                                                       rows));
  }
  return files;
}

std::string programme_markdown(const RunResult& r) {
  std::ostringstream s;
  if (!r.scenario.stages.empty()) {
    s << "\n## Stages\n\n| stage | name | pool | selected |\n|---:|---|---:|---:|\n";
    for (std::size_t k = 0; k < r.stages.size(); ++k) {
      s << "| " << k + 1 << " | " << r.stages[k].name << " | " << r.stages[k].pool_size << " | "
        << r.stages[k].selection.selected_ids.size() << " |\n";
    }
  }
  if (r.discretionary) {
    const auto& d = *r.discretionary;
    s << "\n## Discretionary points\n\n" << "Committee points from `" << r.scenario.discretionary.file.string() << "`"
      << (d.stage.empty() ? "" : " in stage '" + d.stage + "'") << ". Without them, " << d.displaced.size()
      << " other applicant(s) would have been selected.\n\n";
    auto named = [&](const std::string& id) {
      const Community& c = r.pool.communities[r.pool.table.row(id)];
      return id + " " + c.name_uk + " (" + c.oblast_uk + ")";
    };
    s << "- selected only with the committee's points: " << (d.entered.empty() ? "none" : "") << "\n";
    for (const auto& id : d.entered) s << "  - " << named(id) << "\n";
    s << "- selected without them, not with them: " << (d.displaced.empty() ? "none" : "") << "\n";
    for (const auto& id : d.displaced) s << "  - " << named(id) << "\n";
  }
  return s.str();
}

void add_programme_scenario_json(const Scenario& sc, nlohmann::json& j) {
  if (!sc.derived.empty()) j["derived"] = value_to_json(sc.derived);
  if (!sc.bonuses.empty()) j["bonus"] = value_to_json(sc.bonuses);
  if (!sc.stages.empty()) j["stage"] = value_to_json(sc.stages);
  if (!sc.discretionary.file.empty()) j["discretionary"] = fields_to_json(sc.discretionary);
}

void add_programme_run_json(const RunResult& r, nlohmann::json& j) {
  if (!r.scenario.stages.empty()) {
    nlohmann::json stages = nlohmann::json::array();
    for (const auto& s : r.stages) {
      stages.push_back({{"name", s.name}, {"pool", s.pool_size}, {"selected", s.selection.selected_ids}});
    }
    j["stages"] = stages;
  }
  if (r.discretionary) {
    const auto& d = *r.discretionary;
    j["discretionary"] = {{"stage", d.stage}, {"selected_without", d.selected_without}, {"entered", d.entered},
                          {"displaced", d.displaced}};
  }
}

}  // namespace clir::detail
