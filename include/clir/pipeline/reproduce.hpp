#pragma once
/// @file
/// @brief Could a published grouping have come from a transparent algorithm? Runs a grid of
/// grouping settings on the reference's own members and scores each result against it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <tuple>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "clir/core/fields.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/pipeline/run.hpp"

namespace clir {

/// A constraint setting of the reproduction grid.
struct ConstraintSetting {
  std::string name;                      ///< e.g. "none", "size 2-4", "within oblast"
  std::size_t min_size = 1;
  std::size_t max_size = 0;
  std::string category_column;           ///< empty = none
  std::vector<std::vector<std::string>> allowed_together;
};

/// The three settings of the CLIR 2024 study: none; group size 2–4 (the published sizes);
/// groups within one oblast, with Donetsk and Kharkiv allowed together as published.
std::vector<ConstraintSetting> clir2024_constraint_settings();

/// The grid.
struct ReproductionOptions {
  std::vector<GroupingMethod> methods = {GroupingMethod::exact, GroupingMethod::pam, GroupingMethod::fasterpam,
                                         GroupingMethod::alternating, GroupingMethod::skater, GroupingMethod::spectral};
  std::vector<double> alphas = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
  std::vector<ConstraintSetting> constraints = clir2024_constraint_settings();
  /// Needs columns of the built-in data (plus war_history_index); empty = those of the built-in
  /// CLIR 2024 scenario (examples/clir2024.toml).
  std::vector<std::string> needs_columns;
  GeoMethod geo_distance = GeoMethod::geodesic;
  std::uint64_t seed = 2024;
  unsigned threads = 0;             ///< runs in parallel; results do not depend on it
  double exact_time_limit_s = 30.0;
  ProgressCallback progress;        ///< ("reproduce", runs done, runs in all)
};

/// One cell of the grid.
struct ReproductionRow {
  std::string members;              ///< which member set, e.g. "all 19" or "ministry 18"
  std::size_t n = 0;
  GroupingMethod method = GroupingMethod::fasterpam;
  double alpha = 0.0;
  std::string constraints;          ///< ConstraintSetting::name
  std::string error;                ///< why the setting could not run (unsupported, infeasible); empty when it ran
  double ari = 0.0, ami = 0.0, nmi = 0.0;
  double loss = 0.0;                ///< blended-distance loss of the grouping
  /// The grouping's loss in km of geography alone (the α = 0 objective): each member's
  /// distance to its group's 1-median (the member nearest in sum to the others), summed.
  double geo_loss_km = 0.0;
  double max_within_km = 0.0;
  bool proven_optimal = false;      ///< exact method only
  Labels labels;                    ///< the grouping, in member order (matched to the reference's labels)
  std::vector<std::string> misplaced;  ///< codes placed differently from the reference
};

/// A row's setting is written for every row; what it found only when it ran (reproduction.json
/// then has `error` instead). The groups (1-based there) and the error are composed by
/// reproduction_json().
template <>
struct Fields<ReproductionRow> {
  using R = ReproductionRow;
  static constexpr auto setting = std::tuple{
      field("members", &R::members, "which member set"),
      field("n", &R::n, "members in the set"),
      field("method", &R::method, "clustering method"),
      field("constraints", &R::constraints, "the constraint setting's name"),
      field("alpha", &R::alpha, "weight of needs in the blended distance"),
  };
  static constexpr auto outcome = std::tuple{
      field("ari", &R::ari, "adjusted Rand index against the reference"),
      field("ami", &R::ami, "adjusted mutual information against the reference"),
      field("nmi", &R::nmi, "normalised mutual information against the reference"),
      field("loss", &R::loss, "blended-distance loss of the grouping"),
      field("geo_loss_km", &R::geo_loss_km, "the grouping's loss in km of geography alone"),
      field("max_within_km", &R::max_within_km, "largest distance between two members of one group, km"),
      field("proven_optimal", &R::proven_optimal, "exact method: optimality proven"),
      field("groups", &R::labels, "the grouping, matched to the reference's labels").not_in(FieldUse::json),
      field("misplaced", &R::misplaced, "codes placed differently from the reference"),
  };
  static constexpr auto list = std::tuple_cat(
      setting, std::tuple{field("error", &R::error, "why the setting could not run").not_in(FieldUse::json)}, outcome);
};

/// The whole grid, row order: member set, method, constraints, alpha.
struct ReproductionResult {
  std::string reference;            ///< name of the reference grouping
  std::vector<std::string> needs_columns;
  std::vector<ReproductionRow> rows;
  /// Per member set (name, km): the published grouping's geographic loss, as geo_loss_km.
  std::vector<std::pair<std::string, double>> reference_geo_loss_km;
};

template <>
struct Fields<ReproductionResult> {
  using R = ReproductionResult;
  static constexpr auto list = std::tuple{
      field("reference", &R::reference, "name of the reference grouping"),
      field("needs_columns", &R::needs_columns, "the columns of the needs distance"),
      field("rows", &R::rows, "the grid").not_in(FieldUse::json),
      field("reference_geo_loss_km", &R::reference_geo_loss_km, "per member set, the published grouping's geographic loss")
          .not_in(FieldUse::json),
  };
};

/// Runs the grid on @p member_sets (name → reference grouping restricted to those members).
ReproductionResult reproduce(const std::vector<std::pair<std::string, ReferenceGroups>>& member_sets,
                             const ReproductionOptions& options = {});

/// The CLIR 2024 member sets: all 19 published, and the 18 named in the ministry's text.
std::vector<std::pair<std::string, ReferenceGroups>> clir2024_member_sets();

/// A Markdown table of the grid (one row per setting) with a headline of exact recoveries.
std::string reproduction_markdown(const ReproductionResult& result);
/// The grid as CSV text (one row per setting; misplaced codes `;`-joined).
std::string reproduction_csv(const ReproductionResult& result);
/// The grid as JSON, with the members' codes and names so that reports can be generated from it.
nlohmann::json reproduction_json(const ReproductionResult& result,
                                 const std::vector<std::pair<std::string, ReferenceGroups>>& member_sets);

/// Writes reproduction.csv, reproduction.json, reproduction.md and reproduction.html (see
/// reproduction_html()) into @p directory (created if missing) and returns the paths written, in
/// that order. As write_run_outputs(): the folder is absent or complete, and a folder that
/// already holds files is replaced only with @p overwrite (and only when it holds clir's outputs).
/// Throws clir::InputError naming the path on any failure.
std::vector<std::filesystem::path> write_reproduction_outputs(
    const ReproductionResult& result, const std::vector<std::pair<std::string, ReferenceGroups>>& member_sets,
    const std::filesystem::path& directory, bool overwrite = false);

}  // namespace clir
