#include "clir/pipeline/explain.hpp"

#include <map>
#include <sstream>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"
#include "clir/io/format.hpp"
#include "clir/io/json.hpp"
#include "clir/pipeline/html_report.hpp"
#include "clir/scoring/default_criteria.hpp"
#include "json_fields.hpp"
#include "output_files.hpp"

namespace clir {

namespace {

// The reference: the published grouping, or a CSV with a code column (a group column optional).
ReferenceGroups explain_reference(const std::string& spec) {
  if (spec == "clir2024") return load_reference(spec);
  const CsvDocument doc = read_csv(std::filesystem::path(spec));
  if (doc.find_column("group")) return load_reference(spec);
  ReferenceGroups ref;
  ref.name = spec;
  const std::size_t code_col = doc.column("code");
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const std::string& code = doc.row(r)[code_col];
    if (!builtin_hromadas().table.find_row(code)) {
      throw InputError("unknown community code '" + code + "': not a hromada of the built-in data",
                       {.file = doc.source(), .line = doc.line(r), .column = code_col + 1, .key = "code"});
    }
    ref.codes.push_back(code);
  }
  return ref;
}

std::string name_of(const std::string& code) {
  const Community& c = find_hromada(code);
  return c.name_uk + " (" + c.oblast_uk + ")";
}
}  // namespace

std::vector<Criterion> extended_explain_criteria(std::vector<Criterion> base) {
  struct Extra {
    const char* name;
    const char* column;
    std::vector<Transform> transforms;
    MissingValuePolicy missing;
  };
  const std::vector<Extra> extras{
      {"population", "population_2022", {Transform::log1p}, MissingValuePolicy::impute_median},
      {"total revenue", "total_revenue_per_capita_2021_uah", {Transform::winsorize}, MissingValuePolicy::impute_median},
      {"transfer share", "transfer_share_2021", {}, MissingValuePolicy::impute_median},
      {"area", "area_km2", {Transform::log1p}, MissingValuePolicy::impute_median},
      {"EU distance", "distance_to_eu_km", {}, MissingValuePolicy::impute_median},
      {"settlements", "n_settlements", {Transform::log1p}, MissingValuePolicy::impute_median},
  };
  for (const auto& e : extras) {
    for (Direction d : {Direction::benefit, Direction::cost}) {
      base.push_back({.name = std::string(e.name) + (d == Direction::benefit ? " (more)" : " (less)"),
                      .column = e.column,
                      .direction = d,
                      .transforms = e.transforms,
                      .missing = e.missing});
    }
  }
  return base;
}

namespace {
ExplainRun explain_unlocated(const Scenario& scenario, const std::function<void(const ExplainProgress&)>& progress) {
  ExplainRun out;
  out.scenario_name = scenario.name;
  out.reference = explain_reference(scenario.explain.reference);
  // The pool, eligibility and criteria exactly as `clir run` builds them.
  RunResult base = run(scenario, {.last_stage = RunStage::pool});
  const Table& table = base.pool.table;
  out.pool_size = table.rows();
  const EligibilityResult eligibility = check_eligibility(table, scenario.eligibility);
  out.eligible = eligibility.eligible_rows.size();
  out.criteria = scenario.criteria.empty() ? default_clir_criteria() : scenario.criteria;
  out.extended_criteria = scenario.explain.criteria == ExplainCriteria::extended;
  if (out.extended_criteria) out.criteria = extended_explain_criteria(out.criteria);
  std::vector<std::string> members;
  for (const auto& code : out.reference.codes) {
    const auto row = table.find_row(code);
    if (!row) {
      out.not_candidates.emplace_back(code, "not among the scenario's applicants");
    } else if (!eligibility.eligible[*row]) {
      out.not_candidates.emplace_back(code, "fails '" + eligibility.reason(*row) + "'");
    } else {
      members.push_back(code);
    }
  }
  if (members.empty()) {
    throw Infeasible("no member of the reference '" + out.reference.name + "' is an eligible applicant of the scenario",
                     {"explain.reference", "pool", "eligibility"});
  }
  ExplainOptions options = scenario.explain.options;
  options.selection = scenario.selection;
  options.progress = progress;
  if (options.count == 0) options.count = std::max(scenario.selection.count, members.size());
  out.result = explain_selection(table.select_rows(eligibility.eligible_rows), out.criteria, members, options);

  // The grouping side: the reference's groups against the scenario's grouping of its members.
  if (!out.reference.labels.empty()) {
    GroupingSpec spec = scenario.grouping;
    if (spec.needs_columns.empty()) {
      for (const auto& c : out.criteria) spec.needs_columns.push_back(c.column);
    }
    std::vector<Community> communities;
    std::vector<std::size_t> rows;
    for (const auto& code : out.reference.codes) {
      communities.push_back(find_hromada(code));
      rows.push_back(builtin_hromadas().table.row(code));
    }
    try {
      const GroupingResult g = group_communities(communities, with_war_history(builtin_hromadas().table.select_rows(rows)), spec);
      out.grouping = compare(out.reference.labels, g.clustering.labels);
      out.grouping_method = std::string(to_string(spec.method)) + ", k = " + std::to_string(spec.k) + ", alpha = " + format_fixed(spec.alpha, 2) +
                            (spec.max_size > 0 ? ", size " + std::to_string(spec.min_size) + "-" + std::to_string(spec.max_size) : "");
    } catch (const Infeasible&) {
      // A grouping the scenario's constraints do not allow for the reference's members: the
      // selection side still stands; the section says so.
    }
  }
  return out;
}
}  // namespace

ExplainRun explain_scenario(const Scenario& scenario, const std::function<void(const ExplainProgress&)>& progress) {
  try {
    return explain_unlocated(scenario, progress);
  } catch (const ConfigError& e) {
    // A key the file gave ([explain] bounds on an unknown criterion, ...): its file and line.
    throw with_scenario_location(scenario, e);
  }
}

std::string explain_headline(const ExplainRun& run) {
  const ExplainResult& r = run.result;
  const std::size_t members = r.reference_size;
  std::ostringstream s;
  const char* rule = r.objective == ExplainObjective::max_members ? "The best rule"
                     : r.objective == ExplainObjective::max_margin  ? "The rule of largest margin"
                                                                    : "The rule of fewest violations";
  s << rule << " puts " << r.members_in_top << " of the " << members << " reference members among the " << r.count
    << " best";
  if (r.members_selected) s << ", and " << *r.members_selected << " are selected under the scenario's quota rules";
  if (!r.proven_optimal) s << " (GLPK stopped at its time limit: optimality not proven)";
  s << ". ";
  if (r.upper_bound && *r.upper_bound > r.members_in_top) {
    s << "No rule puts more than " << *r.upper_bound << " among them (dominance and margin bounds). ";
  }
  const bool proven_best = r.objective == ExplainObjective::max_members && r.proven_optimal;
  if (r.members_in_top < members && (proven_best || r.upper_bound.value_or(members) < members)) {
    s << "No weighting of these criteria ranks all " << members << " among the " << r.count << " best: the reference is not "
      << "the selection of any such rule.";
  } else if (r.members_in_top < members) {
    s << "No weighting found ranks all " << members << " among the " << r.count << " best; the search could not rule one out.";
  } else {
    s << "A weighting of these criteria reproduces the reference.";
  }
  s << " Margin (worst member's score minus best non-member's): " << format_fixed(r.margin, 4) << "; total violation: "
    << format_fixed(r.violations, 4) << ".";
  return s.str();
}

std::string explain_markdown(const ExplainRun& run) {
  const ExplainResult& r = run.result;
  std::ostringstream s;
  const std::size_t members = r.reference_size;
  s << "# Which criteria explain the selection of " << run.reference.name << "\n\n"
    << "Scenario: " << run.scenario_name << ". " << run.eligible << " eligible of " << run.pool_size << " applicants; "
    << members << " reference members among them";
  if (!run.not_candidates.empty()) s << " (" << run.not_candidates.size() << " are not candidates, listed below)";
  s << ". The rule searched for: " << (r.model == ExplainModel::linear ? "a weighted sum" : "an additive piecewise-linear value function")
    << " of the " << r.criteria.size() << " criteria, min-max normalized over the candidates (objective `"
    << to_string(r.objective) << "`); " << r.count << " are selected.\n\n";
  s << "## Headline\n\n" << explain_headline(run) << "\n\n";
  if (!r.unreachable.empty()) {
    s << "Members no weighting can put among the " << r.count << " best (at least " << r.count
      << " non-members are as good on every criterion): ";
    for (std::size_t i = 0; i < r.unreachable.size(); ++i) s << (i ? ", " : "") << name_of(r.unreachable[i]);
    s << ".\n\n";
  }
  s << "## The rule and its stability\n\n"
    << "Each weight's range over the rules that reach the same optimum" << (r.objective == ExplainObjective::max_members
                                                                                 ? " (with the same members above the threshold and the same non-members below it)"
                                                                                 : "")
    << ".\n\n| criterion | weight | min | max |\n|---|---:|---:|---:|\n";
  for (std::size_t j = 0; j < r.criteria.size(); ++j) {
    s << "| " << r.criteria[j] << " | " << format_fixed(r.weights(static_cast<Eigen::Index>(j)), 3) << " | ";
    if (j < r.stability.size()) {
      s << format_fixed(r.stability[j].min, 3) << " | " << format_fixed(r.stability[j].max, 3) << " |\n";
    } else {
      s << "– | – |\n";
    }
  }
  s << "\n## Where each member ranks under it\n\n| member | rank | score | among the best " << r.count << " |"
    << (r.members_selected ? " selected under quotas |" : "") << " non-members better on every criterion |\n|---|---:|---:|---|"
    << (r.members_selected ? "---|" : "") << "---:|\n";
  for (const auto& m : r.members) {
    s << "| " << name_of(m.id) << " | " << m.rank << " | " << format_fixed(m.score, 4) << " | " << (m.in_top ? "yes" : "no") << " |";
    if (r.members_selected) s << (m.selected.value_or(false) ? " yes" : " no") << " |";
    s << " " << m.dominated_by << " |\n";
  }
  for (const auto& [code, reason] : run.not_candidates) s << "| " << name_of(code) << " | – | – | not a candidate: " << reason << " |\n";
  s << "\n## Who would take their places\n\n";
  if (r.displacers.empty()) {
    s << "Nobody: every place goes to a reference member.\n\n";
  } else {
    s << "The non-members this rule " << (r.members_selected ? "selects (under the quotas)" : "puts among the best " + std::to_string(r.count))
      << ":\n\n| community | rank | score |\n|---|---:|---:|\n";
    for (const auto& d : r.displacers) s << "| " << name_of(d.id) << " | " << d.rank << " | " << format_fixed(d.score, 4) << " |\n";
    s << "\n";
  }
  s << "## And the grouping\n\n";
  if (run.grouping) {
    s << "Grouped as the scenario says (" << run.grouping_method << "), the reference's members agree with the reference's "
      << "groups at ARI " << format_fixed(run.grouping->adjusted_rand_index, 3) << " (1 = identical). Which grouping settings recover the "
      << "published groups exactly is `clir reproduce`'s question (docs/reproduction.md): the selection is explained here, "
      << "the grouping there.\n";
  } else {
    s << "The reference has no groups, or the scenario's grouping constraints do not hold for its members; `clir reproduce` "
      << "searches the grouping settings.\n";
  }
  return s.str();
}

nlohmann::json explain_json(const ExplainRun& run) {
  using nlohmann::json;
  using detail::fields_into_json;
  const ExplainResult& r = run.result;
  auto community = [](const std::string& code) {
    const Community& c = find_hromada(code);
    return json{{"code", c.code}, {"name_uk", c.name_uk}, {"name_en", c.name_en}, {"oblast_uk", c.oblast_uk}};
  };
  // The declared figures (Fields<ExplainRun>, Fields<ExplainResult>); an absent count is null.
  json j = detail::fields_to_json(run, detail::AbsentOptional::null);
  json criteria = json::array();
  for (std::size_t c = 0; c < r.criteria.size(); ++c) {
    json o = {{"name", r.criteria[c]}, {"column", run.criteria[c].column},
              {"direction", to_string(run.criteria[c].direction)}, {"weight", r.weights(static_cast<Eigen::Index>(c))},
              {"value_function", r.value_functions[c]}};
    if (c < r.stability.size()) fields_into_json(r.stability[c], o);
    criteria.push_back(o);
  }
  j["criteria"] = criteria;
  json ms = json::array();
  for (const auto& m : r.members) {
    json o = community(m.id);
    fields_into_json(m, o);
    ms.push_back(o);
  }
  j["members"] = ms;
  json nc = json::array();
  for (const auto& [code, reason] : run.not_candidates) {
    json o = community(code);
    o["reason"] = reason;
    nc.push_back(o);
  }
  j["not_candidates"] = nc;
  json ds = json::array();
  for (const auto& d : r.displacers) {
    json o = community(d.id);
    fields_into_json(d, o);
    ds.push_back(o);
  }
  j["displacers"] = ds;
  if (run.grouping) {
    j["grouping"] = {{"method", run.grouping_method},
                     {"ari", run.grouping->adjusted_rand_index},
                     {"ami", run.grouping->adjusted_mutual_information.arithmetic}};
  }
  return j;
}

std::vector<std::filesystem::path> write_explain_outputs(const ExplainRun& run, const std::filesystem::path& directory,
                                                         bool overwrite) {
  return detail::write_output_files(directory, overwrite, detail::explain_files(run, true));
}

namespace detail {

OutputFiles explain_files(const ExplainRun& run, bool html) {
  OutputFiles files;
  files.emplace_back("explain.json", format_json(explain_json(run)));
  files.emplace_back("explain.md", explain_markdown(run));
  if (html) files.emplace_back("explain.html", explain_html(run));
  return files;
}

}  // namespace detail

}  // namespace clir
