#include "clir/pipeline/outputs.hpp"

#include <algorithm>
#include <boost/uuid/detail/sha1.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "clir/core/error.hpp"
#include "clir/data/resolve_json.hpp"
#include "clir/io/atomic_file.hpp"
#include "clir/io/csv.hpp"
#include "clir/io/format.hpp"
#include "clir/core/transliterate.hpp"
#include "clir/data/boundaries.hpp"
#include "clir/io/json.hpp"
#include "clir/pipeline/html_report.hpp"
#include "clir/report/svg_map.hpp"
#include "json_fields.hpp"
#include "output_files.hpp"
#include "stages.hpp"

namespace clir {

namespace {

// The index of each scored applicant's row in @p scores, by code.
std::map<std::string, std::size_t, std::less<>> score_rows(const ScoreResult& scores) {
  std::map<std::string, std::size_t, std::less<>> row;
  for (std::size_t i = 0; i < scores.ids.size(); ++i) row.emplace(scores.ids[i], i);
  return row;
}

// Member lists per group, in member order.
std::vector<std::vector<std::size_t>> members_by_group(const Labels& labels) {
  std::vector<std::vector<std::size_t>> groups(count_groups(labels));
  for (std::size_t i = 0; i < labels.size(); ++i) groups[static_cast<std::size_t>(labels[i])].push_back(i);
  return groups;
}

std::string read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

std::string sha1_hex(std::string_view bytes) {
  boost::uuids::detail::sha1 h;
  h.process_bytes(bytes.data(), bytes.size());
  boost::uuids::detail::sha1::digest_type digest;
  h.get_digest(digest);
  std::string out;
  char buf[9];
  for (unsigned word : digest) {
    std::snprintf(buf, sizeof buf, "%08x", word);
    out += buf;
  }
  return out;
}

nlohmann::json scenario_to_json(const Scenario& sc) {
  using nlohmann::json;
  using detail::fields_to_json;
  json j;
  detail::dotted_fields_into_json(sc, j);
  j["pool"] = fields_to_json(sc.pool);
  json rules = json::array();
  for (const auto& r : sc.eligibility) rules.push_back(fields_to_json(eligibility_entry(r)));
  j["eligibility"] = rules;
  json criteria = json::array();
  for (std::size_t k = 0; k < sc.criteria.size(); ++k) {
    json c = fields_to_json(sc.criteria[k]);
    c["name"] = sc.criteria[k].label();
    if (k < sc.scoring.preference.size()) {
      // In the file the function is the criterion's `preference` key; here it is an object.
      json f = fields_to_json(sc.scoring.preference[k]);
      f["type"] = f["preference"];
      f.erase("preference");
      c["preference"] = f;
    }
    criteria.push_back(c);
  }
  j["criteria"] = criteria;
  j["scoring"] = fields_to_json(sc.scoring);
  j["selection"] = fields_to_json(sc.selection);
  j["robustness"] = sc.robustness ? fields_to_json(*sc.robustness) : json{{"draws", 0}};
  j["clustering"] = fields_to_json(sc.grouping);
  detail::add_programme_scenario_json(sc, j);
  return j;
}

nlohmann::json run_json(const RunResult& r) {
  using nlohmann::json;
  json j;
  j["clir_version"] = CLIR_VERSION_STRING;
  j["scenario"] = scenario_to_json(r.scenario);
  j["scenario_file"] = r.scenario.source.string();
  j["seed"] = r.scenario.seed;
  json inputs = json::object();
  for (const auto& name : builtin_data_file_names()) inputs["built-in/" + name] = sha1_hex(builtin_data_file(name));
  if (!r.scenario.applications.empty()) inputs[r.scenario.applications.string()] = sha1_hex(read_file_bytes(r.scenario.applications));
  if (!r.scenario.source.empty()) inputs[r.scenario.source.string()] = sha1_hex(read_file_bytes(r.scenario.source));
  j["input_sha1"] = inputs;
  json timings = json::object();
  for (const auto& [stage, seconds] : r.timings_s) timings[stage] = seconds;
  j["timings_s"] = timings;
  j["applicants"] = r.pool.table.rows();
  j["eligible"] = r.eligibility.eligible_rows.size();
  j["selected"] = r.selection.selected_ids;
  j["selection_objective"] = r.selection.objective;
  j["selection_proven_optimal"] = r.selection.proven_optimal;
  j["selection_solver_used"] = to_string(r.selection.solver_used);
  json weights = json::object();
  for (std::size_t c = 0; c < r.scores.criteria.size(); ++c) weights[r.scores.criteria[c]] = r.scores.weights(static_cast<Eigen::Index>(c));
  j["weights"] = weights;
  detail::add_programme_run_json(r, j);
  j["groups"] = detail::fields_to_json(r.groups);
  if (r.reference_comparison) {
    // The declared summary of the comparison (Fields<Comparison>), with whose reference it is,
    // how many members it placed differently and the regrouping's own figures.
    json c = detail::fields_to_json(*r.reference_comparison);
    c["reference"] = r.reference->name;
    c["misplaced"] = r.reference_comparison->matching.misplaced.size();
    c["loss"] = r.reference_regrouped->clustering.loss;
    c["max_within_km"] = r.reference_regrouped->max_within_km;
    j["reference_comparison"] = std::move(c);
  }
  // Files that named their communities: how every name was resolved.
  if (!r.applications_resolutions.empty() || (r.reference && !r.reference->resolutions.empty())) {
    json resolved = json::object();
    if (!r.applications_resolutions.empty()) resolved["applications"] = resolutions_json(r.applications_resolutions);
    if (r.reference && !r.reference->resolutions.empty()) resolved["reference"] = resolutions_json(r.reference->resolutions);
    j["name_resolution"] = std::move(resolved);
  }
  return j;
}

std::string run_summary(const RunResult& r) {
  std::ostringstream s;
  s << r.scenario.name << '\n';
  s << "  applicants " << r.pool.table.rows() << ", eligible " << r.eligibility.eligible_rows.size() << ", selected "
    << r.selection.selected_ids.size() << " (" << to_string(r.scores.method) << ", "
    << (r.selection.proven_optimal ? "optimal under the quotas" : "best found within the time limit") << ", "
    << to_string(r.selection.solver_used) << " solver)\n\n";
  const auto groups = members_by_group(r.groups.clustering.labels);
  s << "Groups (" << to_string(r.scenario.grouping.method) << ", k = " << groups.size() << ", alpha = "
    << format_fixed(r.scenario.grouping.alpha, 2) << "; largest within-group distance " << format_fixed(r.groups.max_within_km, 0)
    << " km):\n";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    s << "  " << g + 1 << ": ";
    for (std::size_t m = 0; m < groups[g].size(); ++m) {
      const Community& c = r.selected[groups[g][m]];
      s << (m ? ", " : "") << c.name_uk << " (" << c.oblast_uk << ")";
      if (r.groups.clustering.medoids[g] == groups[g][m]) s << '*';
    }
    s << '\n';
  }
  s << "  (* medoid)\n";
  if (r.reference) {
    s << "\nReference: " << r.reference->name << " (" << r.reference->codes.size() << " communities)\n";
    std::size_t in_selection = 0;
    for (const auto& st : r.reference_standing) in_selection += st.selected ? 1 : 0;
    s << "  selected by this scenario too: " << in_selection << " of " << r.reference_standing.size() << '\n';
    if (r.reference_comparison) {
      s << "  the reference's members grouped the same way: ARI " << format_fixed(r.reference_comparison->adjusted_rand_index, 3)
        << ", AMI " << format_fixed(r.reference_comparison->adjusted_mutual_information.arithmetic, 3) << ", "
        << r.reference_comparison->matching.misplaced.size() << " placed differently\n";
    }
    s << "  rank of each reference member among the eligible:\n";
    for (const auto& st : r.reference_standing) {
      s << "    group " << st.group << "  " << st.name << " (" << st.oblast << "): ";
      if (!st.in_pool) {
        s << "not in the applicant pool";
      } else if (!st.eligible) {
        s << "not eligible (" << st.excluded_by << ")";
      } else {
        s << st.rank.value_or(0) << " of " << st.eligible_count << (st.selected ? ", selected" : "");
        if (st.selection_probability) s << ", selected in " << format_fixed(100.0 * *st.selection_probability, 0) << "% of weight draws";
      }
      s << '\n';
    }
  }
  return s.str();
}

std::string run_report_markdown(const RunResult& r) {
  std::ostringstream s;
  s << "# " << r.scenario.name << "\n\n";
  if (!r.scenario.description.empty()) s << r.scenario.description << "\n\n";
  s << "Generated by clir " << CLIR_VERSION_STRING << " (seed " << r.scenario.seed << "). Built-in data: see the data "
    << "README for sources and licences (KSE Loc Data Hub, MIT; coordinates © OpenStreetMap contributors, ODbL 1.0; "
    << "OCHA COD-AB, CC BY-IGO 3.0; Order 376 of 28.02.2025, state of 07.05.2025).\n\n";
  s << "## Pool and eligibility\n\n" << r.pool.table.rows() << " applicants, " << r.eligibility.eligible_rows.size()
    << " eligible.\n\n| rule | excluded |\n|---|---:|\n";
  for (std::size_t i = 0; i < r.eligibility.rule_names.size(); ++i) {
    s << "| " << r.eligibility.rule_names[i] << " | " << r.eligibility.excluded_count[i] << " |\n";
  }
  s << "\n## Scoring\n\nMethod: " << to_string(r.scores.method) << ".\n\n| criterion | column | direction | weight |\n|---|---|---|---:|\n";
  for (std::size_t c = 0; c < r.criteria.size(); ++c) {
    s << "| " << r.criteria[c].label() << " | `" << r.criteria[c].column << "` | " << to_string(r.criteria[c].direction) << " | "
      << format_fixed(r.scores.weights(static_cast<Eigen::Index>(c)), 3) << " |\n";
  }
  s << "\n## Selection\n\n" << r.selection.selected_ids.size() << " selected; total score "
    << format_fixed(r.selection.objective, 4)
    << (r.selection.proven_optimal ? " (proven optimal under the quotas" : " (time limit reached")
    << ", solver: " << to_string(r.selection.solver_used) << ")"
    << "; cut-off rank " << r.selection.cutoff_rank << ".\n\n| rank | community | oblast | score | group |";
  if (r.robustness) s << " P(selected) |";
  s << "\n|---:|---|---|---:|---:|" << (r.robustness ? "---:|" : "") << '\n';
  const auto score_row = score_rows(r.scores);
  for (std::size_t i = 0; i < r.selected.size(); ++i) {
    const Community& c = r.selected[i];
    const std::size_t sr = score_row.at(c.code);
    s << "| " << r.scores.rank[sr] << " | " << c.name_uk << " (" << c.name_en << ") | " << c.oblast_uk << " | "
      << format_fixed(r.scores.score(static_cast<Eigen::Index>(sr)), 4) << " | " << r.groups.clustering.labels[i] + 1 << " |";
    if (r.robustness) s << ' ' << format_fixed(r.robustness->selection_probability(static_cast<Eigen::Index>(sr)), 2) << " |";
    s << '\n';
  }
  if (!r.criterion_drops.empty()) {
    s << "\n### Leaving one criterion out\n\n| criterion dropped | Spearman | Kendall tau-b | top-" << r.scenario.selection.count
      << " overlap | entered | left |\n|---|---:|---:|---:|---|---|\n";
    for (const auto& d : r.criterion_drops) {
      auto names = [&](const std::vector<std::string>& ids) {
        std::string out;
        for (const auto& id : ids) out += (out.empty() ? "" : ", ") + find_hromada(id).name_uk;
        return out.empty() ? std::string("–") : out;
      };
      s << "| " << d.criterion << " | " << format_fixed(d.agreement.spearman, 3) << " | " << format_fixed(d.agreement.kendall_tau_b, 3) << " | "
        << format_fixed(d.agreement.top_overlap, 2) << " | " << names(d.entered) << " | " << names(d.left) << " |\n";
    }
  }
  const auto groups = members_by_group(r.groups.clustering.labels);
  s << "\n## Groups\n\n" << to_string(r.scenario.grouping.method) << ", k = " << groups.size() << ", alpha = "
    << format_fixed(r.scenario.grouping.alpha, 2) << ", loss " << format_fixed(r.groups.clustering.loss, 4) << ", largest within-group distance "
    << format_fixed(r.groups.max_within_km, 1) << " km, mean distance to the medoid " << format_fixed(r.groups.mean_to_medoid_km, 1)
    << " km.\n\n| group | members (medoid first) |\n|---:|---|\n";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<std::size_t> order = groups[g];
    std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return i == r.groups.clustering.medoids[g]; });
    s << "| " << g + 1 << " | ";
    for (std::size_t m = 0; m < order.size(); ++m) s << (m ? ", " : "") << r.selected[order[m]].name_uk << " (" << r.selected[order[m]].oblast_uk << ")";
    s << " |\n";
  }
  s << "\n![map](map.svg)\n";
  if (r.reference) {
    s << "\n## Reference: " << r.reference->name << "\n\n";
    if (r.reference_comparison) {
      const Comparison& c = *r.reference_comparison;
      s << "The reference's " << r.reference->codes.size() << " members grouped by this scenario's clustering settings, "
        << "compared with the reference groups: ARI " << format_fixed(c.adjusted_rand_index, 3) << ", AMI "
        << format_fixed(c.adjusted_mutual_information.arithmetic, 3) << ", NMI " << format_fixed(c.normalized_mutual_information.arithmetic, 3)
        << ", " << c.matching.misplaced.size() << " placed differently.\n\n";
    }
    s << "| group | community | oblast | eligible | rank | selected |" << (r.robustness ? " P(selected) |" : "")
      << "\n|---:|---|---|---|---:|---|" << (r.robustness ? "---:|" : "") << '\n';
    for (const auto& st : r.reference_standing) {
      s << "| " << st.group << " | " << st.name << " | " << st.oblast << " | "
        << (!st.in_pool ? "not in pool" : st.eligible ? "yes" : "no: " + st.excluded_by) << " | "
        << (st.rank ? std::to_string(*st.rank) + " of " + std::to_string(st.eligible_count) : "–") << " | "
        << (st.selected ? "yes" : "no") << " |";
      if (r.robustness) s << ' ' << (st.selection_probability ? format_fixed(*st.selection_probability, 2) : "–") << " |";
      s << '\n';
    }
  }
  // Files that named their communities: how every name was resolved.
  auto resolved_table = [&s](const std::string& what, const std::vector<NameResolution>& resolutions) {
    s << "\n## Names resolved: " << what << "\n\n"
      << "| name | hint | code | hromada | oblast | matched | score |\n|---|---|---|---|---|---|---:|\n";
    for (const auto& n : resolutions) {
      s << "| " << n.query.name << " | " << n.query.hint << " | " << n.match.code << " | " << n.match.hromada_name
        << " | " << n.match.oblast << " | " << to_string(n.match.kind) << " " << n.match.matched_name << " | "
        << format_fixed(n.match.score, 2) << " |\n";
    }
  };
  s << detail::programme_markdown(r);
  if (!r.applications_resolutions.empty()) resolved_table("applications", r.applications_resolutions);
  if (r.reference && !r.reference->resolutions.empty()) resolved_table("reference", r.reference->resolutions);
  return s.str();
}

TextTable ranked_applicants(const RunResult& r, bool with_selection) {
  const auto& communities = r.pool.communities;
  std::vector<std::size_t> order;  // eligible by rank, then the excluded
  std::vector<std::size_t> rank_of(communities.size(), SIZE_MAX);
  for (std::size_t i = 0; i < r.scores.ids.size(); ++i) rank_of[r.pool.table.row(r.scores.ids[i])] = r.scores.rank[i];
  for (std::size_t i = 0; i < communities.size(); ++i) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return rank_of[x] < rank_of[y]; });
  TextTable table;
  table.header = {"rank", "code", "name_uk", "oblast_uk", "score", "eligible", "excluded_by"};
  if (with_selection) table.header.insert(table.header.end(), {"selected", "status", "explanation"});
  const auto score_row = score_rows(r.scores);
  for (std::size_t i : order) {
    const Community& c = communities[i];
    const auto it = score_row.find(c.code);
    std::vector<std::string> row = {rank_of[i] == SIZE_MAX ? "" : std::to_string(rank_of[i]), c.code, c.name_uk, c.oblast_uk,
                                    it == score_row.end() ? "" : format_number(r.scores.score(static_cast<Eigen::Index>(it->second))),
                                    r.eligibility.eligible[i] ? "1" : "0", r.eligibility.reason(i)};
    if (with_selection) {
      const Explanation& e = r.selection.explanations[i];
      row.insert(row.end(), {e.selected ? "1" : "0", std::string(to_string(e.status)), e.text});
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::vector<std::filesystem::path> write_run_outputs(const RunResult& r, const std::filesystem::path& directory,
                                                     const OutputOptions& options) {
  // Build every file's content first: a failure there writes nothing at all.
  detail::OutputFiles files;
  files.reserve(16);  // every output file; also keeps GCC 12 from a false -Warray-bounds on regrowth

  const auto score_row = score_rows(r.scores);

  {
    std::vector<std::string> header = {"code", "name_uk", "name_en", "oblast_uk", "type", "eligible", "excluded_by", "score",
                                       "rank", "selected", "status", "constraint", "displaced_by", "explanation"};
    if (r.robustness) {
      header.push_back("selection_probability");
      header.push_back("mean_rank");
    }
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < r.pool.communities.size(); ++i) {
      const Community& c = r.pool.communities[i];
      const Explanation& e = r.selection.explanations[i];
      std::vector<std::string> row = {c.code, c.name_uk, c.name_en, c.oblast_uk, std::string(to_string(c.type)),
                                      e.eligible ? "1" : "0", e.excluded_by, e.score ? format_number(*e.score) : "",
                                      e.rank ? std::to_string(*e.rank) : "", e.selected ? "1" : "0",
                                      std::string(to_string(e.status)), e.constraint, e.displaced_by, e.text};
      if (r.robustness) {
        const auto it = score_row.find(c.code);
        row.push_back(it == score_row.end() ? "" : format_number(r.robustness->selection_probability(static_cast<Eigen::Index>(it->second))));
        row.push_back(it == score_row.end() ? "" : format_number(r.robustness->mean_rank(static_cast<Eigen::Index>(it->second))));
      }
      rows.push_back(std::move(row));
    }
    files.emplace_back("scores.csv", format_csv(header, rows));
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < r.selected.size(); ++i) {
      const Community& c = r.selected[i];
      const std::size_t sr = score_row.at(c.code);
      const int g = r.groups.clustering.labels[i];
      rows.push_back({std::to_string(r.scores.rank[sr]), c.code, c.name_uk, c.name_en, c.oblast_uk, std::string(to_string(c.type)),
                      format_number(r.scores.score(static_cast<Eigen::Index>(sr))), std::to_string(g + 1),
                      r.groups.clustering.medoids[static_cast<std::size_t>(g)] == i ? "1" : "0"});
    }
    files.emplace_back("selection.csv", format_csv({"rank", "code", "name_uk", "name_en", "oblast_uk", "type", "score", "group", "medoid"}, rows));
  }
  {
    std::vector<std::vector<std::string>> rows;
    const auto groups = members_by_group(r.groups.clustering.labels);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      for (std::size_t i : groups[g]) {
        const Community& c = r.selected[i];
        rows.push_back({std::to_string(g + 1), c.code, c.name_uk, c.oblast_uk, r.groups.clustering.medoids[g] == i ? "1" : "0",
                        format_number(c.location.lat), format_number(c.location.lon)});
      }
    }
    files.emplace_back("groups.csv", format_csv({"group", "code", "name_uk", "oblast_uk", "medoid", "latitude", "longitude"}, rows));
  }
  {
    std::vector<PointFeature> features;
    for (std::size_t i = 0; i < r.selected.size(); ++i) {
      PointFeature f = community_feature(r.selected[i]);
      const std::size_t sr = score_row.at(r.selected[i].code);
      const int g = r.groups.clustering.labels[i];
      f.properties["group"] = g + 1;
      f.properties["medoid"] = r.groups.clustering.medoids[static_cast<std::size_t>(g)] == i;
      f.properties["score"] = r.scores.score(static_cast<Eigen::Index>(sr));
      f.properties["rank"] = r.scores.rank[sr];
      features.push_back(std::move(f));
    }
    files.emplace_back("groups.geojson", format_json(geojson_points(features, {.coordinate_decimals = 6})));
  }
  if (r.reference) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t m = 0; m < r.reference_standing.size(); ++m) {
      const auto& st = r.reference_standing[m];
      std::vector<std::string> row = {st.code, st.name, st.oblast, std::to_string(st.group), st.in_pool ? "1" : "0",
                                      st.eligible ? "1" : "0", st.rank ? std::to_string(*st.rank) : "", st.selected ? "1" : "0",
                                      st.selection_probability ? format_number(*st.selection_probability) : ""};
      if (r.reference_comparison) {
        row.push_back(std::to_string(r.reference_regrouped->clustering.labels[m] + 1));
        row.push_back(std::to_string(r.reference_comparison->matching.relabeled[m] + 1));
        const auto& mis = r.reference_comparison->matching.misplaced;
        row.push_back(std::find(mis.begin(), mis.end(), m) != mis.end() ? "1" : "0");
      } else {
        row.insert(row.end(), {"", "", ""});
      }
      rows.push_back(std::move(row));
    }
    files.emplace_back("reference.csv",
                       format_csv({"code", "name_uk", "oblast_uk", "reference_group", "in_pool", "eligible", "rank", "selected",
                                   "selection_probability", "regrouped_group", "regrouped_matched_group", "placed_differently"},
                                  rows));
  }
  for (auto& file : detail::programme_files(r)) files.push_back(std::move(file));
  files.emplace_back("report.md", run_report_markdown(r));
  files.emplace_back("run.json", format_json(run_json(r)));
  const RunMapOptions map_options = options.map_options.value_or(r.scenario.map);
  if (options.html) {
    std::vector<HtmlSection> sections = options.extra_html_sections;
    if (options.explain) sections.push_back(explain_section(*options.explain));
    files.emplace_back("report.html", run_report_html(r, {.map = map_options, .extra_sections = sections,
                                                         .engine = options.report_engine}));
  }
  if (options.map) {
    files.emplace_back("map.svg", run_map_svg(r, map_options));
    files.emplace_back("map.geojson", format_map_geojson(run_map_geojson(r)));
  }

  if (options.explain) {
    for (auto& file : detail::explain_files(*options.explain, false)) files.push_back(std::move(file));
  }
  return detail::write_output_files(directory, options.overwrite, files);
}

namespace detail {

std::vector<std::filesystem::path> write_output_files(const std::filesystem::path& directory, bool overwrite,
                                                      const OutputFiles& files) {
  // --force replaces only folders of clir's own outputs, so every file clir writes must be named
  // there; a writer that forgets to add its file would make its folders unreplaceable.
  const std::vector<std::string> own = output_file_names();
  for (const auto& file : files) {
    if (std::find(own.begin(), own.end(), file.first) == own.end()) {
      throw Error("internal error: output file '" + file.first + "' is missing from output_file_names()");
    }
  }
  return write_folder_atomic(directory, files, {.overwrite = overwrite, .replaceable = own});
}

}  // namespace detail

std::vector<std::string> output_file_names() {
  return {"scores.csv",       "selection.csv",     "groups.csv",      "groups.geojson",   "reference.csv",
          "report.md",        "report.html",       "run.json",        "map.svg",          "map.geojson",
          "explain.json",     "explain.md",        "explain.html",    "reproduction.csv", "reproduction.json",
          "reproduction.md",  "reproduction.html", "stages.csv",      "discretionary.csv"};
}

}  // namespace clir
