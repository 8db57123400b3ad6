#include "clir/pipeline/reproduce.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <sstream>

#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/data/builtin.hpp"
#include "clir/distance/geo.hpp"
#include "clir/evaluate/compare.hpp"
#include "clir/io/csv.hpp"
#include "clir/io/format.hpp"
#include "clir/io/json.hpp"
#include "clir/pipeline/html_report.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/scoring/default_criteria.hpp"
#include "json_fields.hpp"
#include "output_files.hpp"

namespace clir {

namespace {
// Sum over groups of the least total distance (km) from one member to the others: the
// geographic p-median cost of the grouping.
double geo_loss_km(const std::vector<std::vector<double>>& km, const Labels& labels) {
  double total = 0.0;
  const auto k = static_cast<std::size_t>(count_groups(labels));
  for (std::size_t g = 0; g < k; ++g) {
    double best = -1.0;
    for (std::size_t c = 0; c < labels.size(); ++c) {
      if (static_cast<std::size_t>(labels[c]) != g) continue;
      double sum = 0.0;
      for (std::size_t i = 0; i < labels.size(); ++i) {
        if (static_cast<std::size_t>(labels[i]) == g) sum += km[c][i];
      }
      if (best < 0.0 || sum < best) best = sum;
    }
    total += std::max(best, 0.0);
  }
  return total;
}
}  // namespace

std::vector<ConstraintSetting> clir2024_constraint_settings() {
  return {
      {.name = "none"},
      {.name = "size 2-4", .min_size = 2, .max_size = 4},
      {.name = "within oblast", .category_column = "oblast_uk", .allowed_together = {{"Донецька", "Харківська"}}},
  };
}

std::vector<std::pair<std::string, ReferenceGroups>> clir2024_member_sets() {
  ReferenceGroups all = load_reference("clir2024");
  ReferenceGroups ministry;
  const ReferenceGrouping eighteen = builtin_clir2024().ministry_only();
  ministry.name = all.name + ", the 18 of the ministry's text";
  ministry.codes = eighteen.codes();
  ministry.labels = eighteen.labels();
  return {{"all 19", all}, {"ministry 18", ministry}};
}

ReproductionResult reproduce(const std::vector<std::pair<std::string, ReferenceGroups>>& member_sets,
                             const ReproductionOptions& options) {
  ReproductionResult result;
  result.reference = member_sets.empty() ? std::string() : member_sets.front().second.name;
  result.needs_columns = options.needs_columns;
  // Default: the needs of the built-in CLIR 2024 scenario, so `clir run` and `clir reproduce`
  // group the published communities alike.
  if (result.needs_columns.empty()) result.needs_columns = builtin_clir2024_scenario().grouping.needs_columns;
  struct Set {
    std::vector<Community> members;
    Table table;
    const ReferenceGroups* ref;
    std::string name;
    std::vector<std::vector<double>> km;  // geographic distances between the members
  };
  std::vector<Set> sets;
  for (const auto& [name, ref] : member_sets) {
    Set s{.ref = &ref, .name = name};
    std::vector<std::size_t> rows;
    for (const auto& code : ref.codes) {
      s.members.push_back(find_hromada(code));
      rows.push_back(builtin_hromadas().table.row(code));
    }
    s.table = with_war_history(builtin_hromadas().table.select_rows(rows));
    const GeoMethod geo = options.geo_distance;
    s.km.assign(s.members.size(), std::vector<double>(s.members.size(), 0.0));
    for (std::size_t a = 0; a < s.members.size(); ++a) {
      for (std::size_t b = 0; b < s.members.size(); ++b) s.km[a][b] = geo_distance_km(s.members[a].location, s.members[b].location, geo);
    }
    result.reference_geo_loss_km.emplace_back(name, geo_loss_km(s.km, ref.labels));
    sets.push_back(std::move(s));
  }
  // Settings that would fail in every cell are errors here, not a grid of failed rows.
  for (const double alpha : options.alphas) {
    if (!(alpha >= 0.0 && alpha <= 1.0)) {
      const std::string shown = std::isnan(alpha) ? "nan" : std::isinf(alpha) ? (alpha > 0 ? "inf" : "-inf") : format_number(alpha);
      throw ConfigError("alphas", "alpha " + shown + " is outside [0, 1]");
    }
  }
  if (!sets.empty()) {
    for (const auto& column : result.needs_columns) sets.front().table.require_numeric(column, "needs_columns");
  }
  for (const auto& set : sets) {
    for (auto method : options.methods) {
      for (const auto& cs : options.constraints) {
        for (double alpha : options.alphas) {
          ReproductionRow row{.members = set.name, .n = set.members.size(), .method = method, .alpha = alpha, .constraints = cs.name};
          result.rows.push_back(std::move(row));
        }
      }
    }
  }
  std::map<std::string, const Set*> set_of;
  for (const auto& s : sets) set_of.emplace(s.name, &s);
  std::map<std::string, const ConstraintSetting*> setting_of;
  for (const auto& cs : options.constraints) setting_of.emplace(cs.name, &cs);

  // Each cell writes only its own row; the grid's order and the seed per cell are fixed, so the
  // result does not depend on the thread count. Inner algorithms run single-threaded.
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  parallel_for(result.rows.size(), options.threads, [&](std::size_t i) {
    ReproductionRow& row = result.rows[i];
    const Set& set = *set_of.at(row.members);
    const ConstraintSetting& cs = *setting_of.at(row.constraints);
    // Categories allowed together that a member set lacks (Donetsk in the ministry's 18) have
    // nothing to join: keep only the present ones, and drop a set left with fewer than two.
    std::vector<std::vector<std::string>> together;
    if (!cs.category_column.empty()) {
      const auto& present = set.table.categorical(cs.category_column);
      for (const auto& group : cs.allowed_together) {
        std::vector<std::string> kept;
        for (const auto& c : group) {
          if (std::find(present.begin(), present.end(), c) != present.end()) kept.push_back(c);
        }
        if (kept.size() >= 2) together.push_back(std::move(kept));
      }
    }
    GroupingSpec spec{.method = row.method,
                      .k = count_groups(set.ref->labels),
                      .alpha = row.alpha,
                      .geo_distance = options.geo_distance,
                      .needs_columns = result.needs_columns,
                      .min_size = cs.min_size,
                      .max_size = cs.max_size,
                      .category_column = cs.category_column,
                      .allowed_together = together,
                      .seed = options.seed,
                      .threads = 1,
                      .exact_time_limit_s = options.exact_time_limit_s};
    try {
      const GroupingResult g = group_communities(set.members, set.table, spec);
      const Comparison c = compare(set.ref->labels, g.clustering.labels);
      row.ari = c.adjusted_rand_index;
      row.ami = c.adjusted_mutual_information.arithmetic;
      row.nmi = c.normalized_mutual_information.arithmetic;
      row.loss = g.clustering.loss;
      row.geo_loss_km = geo_loss_km(set.km, g.clustering.labels);
      row.max_within_km = g.max_within_km;
      row.proven_optimal = g.proven_optimal;
      row.labels = c.matching.relabeled;
      for (std::size_t m : c.matching.misplaced) row.misplaced.push_back(set.ref->codes[m]);
    } catch (const Error& e) {
      row.error = e.what();
    }
    const std::size_t finished = ++done;
    if (options.progress) {
      std::lock_guard lock(progress_mutex);
      options.progress("reproduce", finished, result.rows.size());
    }
  });
  return result;
}

std::string reproduction_markdown(const ReproductionResult& r) {
  std::ostringstream s;
  std::size_t ran = 0, exact = 0;
  for (const auto& row : r.rows) {
    if (!row.error.empty()) continue;
    ++ran;
    if (row.misplaced.empty()) ++exact;
  }
  s << "Reference: " << r.reference << ". Needs columns: ";
  for (std::size_t i = 0; i < r.needs_columns.size(); ++i) s << (i ? ", " : "") << '`' << r.needs_columns[i] << '`';
  s << ".\n" << r.rows.size() << " settings, " << ran << " ran, " << exact << " recover the reference exactly (ARI = 1).\n";
  for (const auto& [name, km] : r.reference_geo_loss_km) {
    s << "Loss in km (geography alone: each member's distance to its group's 1-median, summed) of the reference, " << name
      << ": " << format_fixed(km, 0) << " km.\n";
  }
  s << "\n| members | method | constraints | alpha | ARI | AMI | NMI | loss | loss km | max km | placed differently |\n"
    << "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for (const auto& row : r.rows) {
    s << "| " << row.members << " | " << to_string(row.method) << " | " << row.constraints << " | " << format_fixed(row.alpha, 1) << " | ";
    if (!row.error.empty()) {
      s << "– | – | – | – | – | – | " << row.error << " |\n";
      continue;
    }
    s << format_fixed(row.ari, 3) << " | " << format_fixed(row.ami, 3) << " | " << format_fixed(row.nmi, 3) << " | " << format_fixed(row.loss, 3) << " | "
      << format_fixed(row.geo_loss_km, 0) << " | " << format_fixed(row.max_within_km, 0) << " | ";
    if (row.misplaced.empty()) s << "none";
    for (std::size_t i = 0; i < row.misplaced.size(); ++i) s << (i ? ", " : "") << find_hromada(row.misplaced[i]).name_uk;
    s << " |\n";
  }
  return s.str();
}

std::string reproduction_csv(const ReproductionResult& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : r.rows) {
    std::string misplaced;
    for (const auto& code : row.misplaced) misplaced += (misplaced.empty() ? "" : ";") + code;
    const bool ok = row.error.empty();
    rows.push_back({row.members, std::to_string(row.n), std::string(to_string(row.method)), row.constraints, format_number(row.alpha),
                    ok ? format_number(row.ari) : "", ok ? format_number(row.ami) : "", ok ? format_number(row.nmi) : "",
                    ok ? format_number(row.loss) : "", ok ? format_number(row.geo_loss_km) : "",
                    ok ? format_number(row.max_within_km) : "",
                    ok ? std::to_string(row.misplaced.size()) : "", misplaced, row.error});
  }
  return format_csv({"members", "n", "method", "constraints", "alpha", "ari", "ami", "nmi", "loss", "geo_loss_km",
                     "max_within_km", "misplaced_count", "misplaced", "error"},
                    rows);
}

nlohmann::json reproduction_json(const ReproductionResult& r,
                                 const std::vector<std::pair<std::string, ReferenceGroups>>& member_sets) {
  using nlohmann::json;
  json j = detail::fields_to_json(r);
  json sets = json::array();
  for (const auto& [name, ref] : member_sets) {
    json members = json::array();
    for (std::size_t i = 0; i < ref.codes.size(); ++i) {
      const Community& c = find_hromada(ref.codes[i]);
      members.push_back({{"code", c.code}, {"name_uk", c.name_uk}, {"name_en", c.name_en}, {"oblast_uk", c.oblast_uk},
                         {"group", ref.labels[i] + 1}, {"latitude", c.location.lat}, {"longitude", c.location.lon}});
    }
    sets.push_back({{"name", name}, {"members", members}});
  }
  j["member_sets"] = sets;
  json geo = json::object();
  for (const auto& [name, km] : r.reference_geo_loss_km) geo[name] = km;
  j["reference_geo_loss_km"] = geo;
  json rows = json::array();
  for (const auto& row : r.rows) {
    json o = json::object();
    detail::declared_fields_into_json(row, Fields<ReproductionRow>::setting, o);
    if (!row.error.empty()) {
      o["error"] = row.error;
    } else {
      json labels = json::array();
      for (auto l : row.labels) labels.push_back(l + 1);
      detail::declared_fields_into_json(row, Fields<ReproductionRow>::outcome, o);
      o["groups"] = labels;
    }
    rows.push_back(o);
  }
  j["rows"] = rows;
  return j;
}

std::vector<std::filesystem::path> write_reproduction_outputs(
    const ReproductionResult& result, const std::vector<std::pair<std::string, ReferenceGroups>>& member_sets,
    const std::filesystem::path& directory, bool overwrite) {
  detail::OutputFiles files;
  files.emplace_back("reproduction.csv", reproduction_csv(result));
  files.emplace_back("reproduction.json", format_json(reproduction_json(result, member_sets)));
  files.emplace_back("reproduction.md", reproduction_markdown(result));
  files.emplace_back("reproduction.html", reproduction_html(result));
  return detail::write_output_files(directory, overwrite, files);
}

}  // namespace clir
