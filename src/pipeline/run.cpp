#include "clir/pipeline/run.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>

#include "clir/core/error.hpp"
#include "clir/io/csv.hpp"
#include "clir/scoring/default_criteria.hpp"
#include "stages.hpp"

namespace clir {

namespace {

class StageClock {
 public:
  StageClock(RunResult& result, const RunOptions& options, std::size_t stages)
      : result_(result), options_(options), stages_(stages) {}
  /// Ends the current stage (if any) and starts @p next.
  void next(std::string_view name) {
    stop();
    current_ = std::string(name);
    start_ = std::chrono::steady_clock::now();
    if (options_.progress) options_.progress(name, done_, stages_);
  }
  void stop() {
    if (current_.empty()) return;
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
    result_.timings_s.emplace_back(current_, elapsed.count());
    current_.clear();
    ++done_;
    if (options_.progress) options_.progress("done", done_, stages_);
  }

 private:
  RunResult& result_;
  const RunOptions& options_;
  std::size_t stages_;
  std::size_t done_ = 0;
  std::string current_;
  std::chrono::steady_clock::time_point start_;
};

// The table of the given built-in hromadas (by code), with the derived columns of a run.
Table builtin_rows(const std::vector<std::string>& codes) {
  const HromadaDataset& data = builtin_hromadas();
  std::vector<std::size_t> rows;
  rows.reserve(codes.size());
  for (const auto& code : codes) rows.push_back(data.table.row(code));
  return with_war_history(data.table.select_rows(rows));
}

// A category named by an eligibility rule, a quota or a share that no applicant of the pool
// has is a misspelling ('Донецка'), not a rule that quietly does nothing: it is an error with
// "did you mean", checked before eligibility (a misspelt `in {...}` would exclude everyone).
// The selection library itself accepts such a quota, as a bound on an empty category.
void check_named_categories(const Scenario& sc, const Table& table) {
  for (std::size_t r = 0; r < sc.eligibility.size(); ++r) {
    const EligibilityRule& rule = sc.eligibility[r];
    if ((rule.kind != RuleKind::in_set && rule.kind != RuleKind::not_in_set) || !table.has_categorical(rule.column)) continue;
    for (const auto& value : rule.values) table.require_category(rule.column, value, "eligibility[" + std::to_string(r) + "].values");
  }
  for (std::size_t q = 0; q < sc.selection.quotas.size(); ++q) {
    const auto& quota = sc.selection.quotas[q];
    if (!quota.category.empty() && table.has_categorical(quota.column)) {
      table.require_category(quota.column, quota.category, "selection.quotas[" + std::to_string(q) + "].category");
    }
  }
  for (std::size_t q = 0; q < sc.selection.shares.size(); ++q) {
    const auto& share = sc.selection.shares[q];
    if (!share.category.empty() && table.has_categorical(share.column)) {
      table.require_category(share.column, share.category, "selection.shares[" + std::to_string(q) + "].category");
    }
  }
}

// What the later stages would refuse, checked once eligibility is known and before any of them
// runs: `clir validate` runs to the scoring stage, so it meets every one of these errors that
// `clir run` would meet later, and `clir run` meets them before the long work.
void check_later_stages(const Scenario& sc, const Table& table, const EligibilityResult& eligibility) {
  // Quotas, shares and distinct rules against the pool, and the count against the eligible.
  (void)QuotaSelector(table, eligibility.eligible_rows, sc.selection);
  const GroupingSpec& spec = sc.grouping;
  const std::size_t n = sc.selection.count;
  const std::string groups = std::to_string(spec.k) + " groups";
  const std::string selected = std::to_string(n) + " selected communities";
  if (spec.k > n) {
    throw ConfigError("clustering.k", "k = " + std::to_string(spec.k) + " groups for " + selected + "; expected 1 <= k <= " + std::to_string(n));
  }
  if (spec.k * spec.min_size > n) {
    throw ConfigError("clustering.min_size", groups + " of at least " + std::to_string(spec.min_size) + " need " +
                                                 std::to_string(spec.k * spec.min_size) + " communities, more than the " + selected);
  }
  if (spec.max_size > 0 && spec.k * spec.max_size < n && spec.method != GroupingMethod::dynmsc) {
    throw ConfigError("clustering.max_size", groups + " of at most " + std::to_string(spec.max_size) + " hold " +
                                                 std::to_string(spec.k * spec.max_size) + " communities, fewer than the " + selected);
  }
  for (const auto& column : spec.needs_columns) table.require_numeric(column, "clustering.needs_columns");
  if (!spec.category_column.empty()) {
    (void)table.categorical(spec.category_column);
    for (const auto& together : spec.allowed_together) {
      for (const auto& category : together) table.require_category(spec.category_column, category, "clustering.allowed_together");
    }
  }
  if (sc.output_directory.empty()) throw ConfigError("output.directory", "the output folder is empty; name a folder");
}

}  // namespace

ReferenceGroups load_reference(std::string_view spec) {
  ReferenceGroups ref;
  if (spec == "clir2024") {
    const ReferenceGrouping& published = builtin_clir2024();
    ref.name = "CLIR 2024 (published)";
    ref.codes = published.codes();
    ref.labels = published.labels();
    return ref;
  }
  return read_reference(read_csv(std::filesystem::path(spec)));
}

ReferenceGroups read_reference(const CsvDocument& file) {
  ReferenceGroups ref;
  CsvDocument doc = file;
  if (auto named = resolve_named_rows(doc)) {  // a file that names its members
    doc = std::move(named->document);
    ref.resolutions = std::move(named->resolutions);
  }
  ref.name = file.source();
  const std::size_t code_col = doc.column("code");
  const std::size_t group_col = doc.column("group");
  // Group labels are whole numbers, compared as numbers ("2", "02" are one group; "2.0" is an
  // error), unless no label is a number: then they are names, compared as text.
  bool numbered = false;
  std::size_t first_number_row = 0;
  for (std::size_t r = 0; r < doc.row_count() && !numbered; ++r) {
    const std::string& group = doc.row(r)[group_col];
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(group.data(), group.data() + group.size(), v);
    numbered = ec == std::errc() && end == group.data() + group.size();
    first_number_row = r;
  }
  std::map<std::string, std::int32_t> label_of;
  std::map<std::string, std::size_t> line_of;
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const std::string& code = doc.row(r)[code_col];
    const std::string& group = doc.row(r)[group_col];
    const SourceLocation at_code{.file = doc.source(), .line = doc.line(r), .column = code_col + 1, .key = "code"};
    if (!builtin_hromadas().table.find_row(code)) {
      throw InputError("unknown community code '" + code + "': not a hromada of the built-in data", at_code);
    }
    if (auto [it, fresh] = line_of.emplace(code, doc.line(r)); !fresh) {
      throw InputError("community code '" + code + "' appears on lines " + std::to_string(it->second) + " and " +
                           std::to_string(doc.line(r)),
                       at_code);
    }
    if (group.empty()) {
      throw InputError("empty group", {.file = doc.source(), .line = doc.line(r), .column = group_col + 1, .key = "group"});
    }
    const SourceLocation at_group{.file = doc.source(), .line = doc.line(r), .column = group_col + 1, .key = "group"};
    std::string label = group;
    if (numbered) {
      try {
        label = std::to_string(parse_integer(group, at_group));
      } catch (const InputError& e) {
        throw InputError(e.message() + "; the groups are numbered (line " + std::to_string(doc.line(first_number_row)) +
                             ": '" + doc.row(first_number_row)[group_col] + "')",
                         at_group);
      }
    } else if (std::any_of(group.begin(), group.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      throw InputError("a group name holds a control character", at_group);
    }
    auto [it, fresh] = label_of.emplace(label, static_cast<std::int32_t>(label_of.size()));
    ref.codes.push_back(code);
    ref.labels.push_back(it->second);
  }
  return ref;
}

namespace {

// The stages of run(), whose errors run() completes with the scenario file's line.
RunResult run_unlocated(const Scenario& scenario, const RunOptions& options) {
  RunResult result;
  result.scenario = scenario;
  StageClock clock(result, options, 6);

  clock.next("pool");
  std::optional<CsvDocument> applications;
  ApplicationsSpec applications_spec = scenario.applications_spec;
  if (!scenario.applications.empty()) {
    applications = read_csv(scenario.applications);
    if (auto named = resolve_named_rows(*applications, applications_spec.code_column)) {
      // The names (and their hints) stay as text columns beside the resolved codes.
      for (const char* text : {"name", "oblast", "raion", "hint"}) {
        if (named->document.find_column(text) &&
            std::find(applications_spec.text_columns.begin(), applications_spec.text_columns.end(), text) ==
                applications_spec.text_columns.end()) {
          applications_spec.text_columns.emplace_back(text);
        }
      }
      applications = std::move(named->document);
      result.applications_resolutions = std::move(named->resolutions);
    }
  }
  result.pool = build_pool(builtin_hromadas(), scenario.pool, applications ? &*applications : nullptr,
                           applications_spec);
  result.pool.table = with_war_history(result.pool.table);
  result.criteria = scenario.criteria.empty() ? default_clir_criteria() : scenario.criteria;
  detail::prepare_programme_columns(result.pool.table, scenario, result.criteria);
  const Table& table = result.pool.table;

  if (options.last_stage == RunStage::pool) {
    clock.stop();
    return result;
  }

  clock.next("scoring");
  check_named_categories(scenario, table);
  result.eligibility = check_eligibility(table, scenario.eligibility);
  if (result.eligibility.eligible_rows.empty()) {
    throw InputError("no applicant passes the eligibility rules (" + std::to_string(table.rows()) + " applicants)",
                     {.key = "eligibility"});
  }
  check_later_stages(scenario, table, result.eligibility);
  const Table eligible = table.select_rows(result.eligibility.eligible_rows);
  const bool staged = detail::runs_in_stages(scenario);
  if (staged) {
    if (scenario.robustness) {
      throw ConfigError("robustness", "the Monte Carlo analysis of a selection in stages or with discretionary points is not supported; remove [robustness]");
    }
    detail::run_stages(result, scenario);
  } else {
    try {
      result.scores = score(eligible, result.criteria, scenario.scoring);
    } catch (const ConfigError& e) {
      // The scoring library names its options bare ("normalization"); in the file they are
      // [scoring]'s keys, so that run() can give their line.
      if (e.key().starts_with("criteria") || !e.where().file.empty()) throw;
      throw ConfigError("scoring." + e.key(), e.message(), e.allowed());
    }
  }

  if (options.last_stage == RunStage::scoring) {
    clock.stop();
    return result;
  }

  clock.next("selection");
  if (!staged) result.selection = select(table, result.scores, result.eligibility, scenario.selection);
  for (auto row : result.selection.selected_rows) result.selected.push_back(result.pool.communities[row]);

  if (options.last_stage == RunStage::selection) {
    clock.stop();
    return result;
  }

  clock.next("robustness");
  if (scenario.robustness) {
    const PreparedScoring prepared(build_decision_matrix(eligible, result.criteria), scenario.scoring);
    const QuotaSelector selector(table, result.eligibility.eligible_rows, scenario.selection);
    MonteCarloOptions mc = *scenario.robustness;
    mc.progress = options.robustness_progress;
    result.robustness = monte_carlo(prepared, result.scores.weights, mc, &selector);
    result.criterion_drops = leave_one_criterion_out(prepared, result.scores.weights, scenario.selection.count, &selector);
  }

  if (options.last_stage == RunStage::robustness) {
    clock.stop();
    return result;
  }

  clock.next("grouping");
  GroupingSpec spec = scenario.grouping;
  if (spec.needs_columns.empty()) {
    for (const auto& c : result.criteria) spec.needs_columns.push_back(c.column);
  }
  result.scenario.grouping = spec;
  result.groups = group_communities(result.selected, table.select_rows(result.selection.selected_rows), spec);

  if (options.last_stage == RunStage::grouping) {
    clock.stop();
    return result;
  }

  clock.next("evaluation");
  if (scenario.reference != "none") {
    result.reference = load_reference(scenario.reference);
    const auto& ref = *result.reference;
    std::map<std::string, std::size_t, std::less<>> score_row;
    for (std::size_t i = 0; i < result.scores.ids.size(); ++i) score_row.emplace(result.scores.ids[i], i);
    for (std::size_t m = 0; m < ref.codes.size(); ++m) {
      const Community& c = find_hromada(ref.codes[m]);
      ReferenceStanding s{.code = c.code, .name = c.name_uk, .oblast = c.oblast_uk, .group = ref.labels[m] + 1};
      s.eligible_count = result.scores.ids.size();
      if (const auto row = table.find_row(c.code)) {
        s.in_pool = true;
        s.eligible = result.eligibility.eligible[*row];
        s.excluded_by = result.eligibility.reason(*row);
        s.selected = result.selection.explanations[*row].selected;
        if (const auto it = score_row.find(c.code); it != score_row.end()) {
          s.rank = result.scores.rank[it->second];
          if (result.robustness) s.selection_probability = result.robustness->selection_probability(static_cast<Eigen::Index>(it->second));
        }
      }
      result.reference_standing.push_back(std::move(s));
    }
    if (scenario.cluster_reference) {
      std::vector<Community> members;
      for (const auto& code : ref.codes) members.push_back(find_hromada(code));
      // Pair constraints name selected communities; among the reference's members only the
      // pairs with both codes present apply.
      GroupingSpec reference_spec = spec;
      const auto both_present = [&ref](const std::pair<std::string, std::string>& pair) {
        const auto has = [&ref](const std::string& code) { return std::find(ref.codes.begin(), ref.codes.end(), code) != ref.codes.end(); };
        return has(pair.first) && has(pair.second);
      };
      std::erase_if(reference_spec.must_link, [&](const auto& pair) { return !both_present(pair); });
      std::erase_if(reference_spec.cannot_link, [&](const auto& pair) { return !both_present(pair); });
      const std::string regrouping = "regrouping the " + std::to_string(ref.codes.size()) + " members of the reference grouping '" +
                                     ref.name + "' with the [clustering] settings (reference.cluster_reference): ";
      try {
        result.reference_regrouped = group_communities(members, builtin_rows(ref.codes), reference_spec);
      } catch (const InputError& e) {
        throw InputError(regrouping + e.message(), e.where());
      } catch (const ConfigError& e) {
        throw ConfigError(e.key(), regrouping + e.message(), e.allowed(), e.where());
      }
      result.reference_comparison = compare(ref.labels, result.reference_regrouped->clustering.labels);
    }
  }
  clock.stop();
  return result;
}

}  // namespace

RunResult run(const Scenario& scenario, const RunOptions& options) {
  try {
    return run_unlocated(scenario, options);
  } catch (const ConfigError& e) {
    // A key the file gave: name its file and line, as errors found while parsing do.
    throw with_scenario_location(scenario, e);
  }
}

}  // namespace clir
