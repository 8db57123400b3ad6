#pragma once
/// @file
/// @brief Grouping communities by geographic proximity and similarity of needs: one call that
/// builds the blended distance and runs any of clir's clustering methods under the same
/// constraints. Used by clir::run(), `clir cluster` and `clir reproduce`.

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/cluster/constrained.hpp"
#include "clir/core/community.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"
#include "clir/core/labels.hpp"
#include "clir/core/table.hpp"
#include "clir/distance/blend.hpp"
#include "clir/distance/geo.hpp"

namespace clir {

/// The clustering method of a grouping.
enum class GroupingMethod {
  exact,        ///< exact (capacitated) p-median, integer program solved by GLPK; small n only
  pam,          ///< PAM: BUILD + SWAP
  fastpam1,     ///< FastPAM1
  fasterpam,    ///< FasterPAM (eager swaps)
  alternating,  ///< alternating (Voronoi iteration)
  skater,       ///< SKATER on the Delaunay graph of the centres (contiguous groups)
  spectral,     ///< spectral embedding of the blended distance, then FasterPAM (or, under
                ///< constraints, constrained k-medoids) in it
  fastermsc,    ///< FasterMSC: k medoids maximising the medoid silhouette
  dynmsc,       ///< DynMSC: the k in 2..k with the highest medoid silhouette (k is the largest tried)
};

template <>
struct EnumTraits<GroupingMethod> {
  static constexpr std::string_view what = "clustering method";
  static constexpr std::array<EnumName<GroupingMethod>, 9> names{{
      {GroupingMethod::exact, "exact", "exact (capacitated) p-median, integer program solved by GLPK; small n only"},
      {GroupingMethod::pam, "pam", "PAM: BUILD + SWAP"},
      {GroupingMethod::fastpam1, "fastpam1", "FastPAM1"},
      {GroupingMethod::fasterpam, "fasterpam", "FasterPAM (eager swaps)"},
      {GroupingMethod::alternating, "alternating", "alternating (Voronoi iteration)"},
      {GroupingMethod::skater, "skater", "SKATER on the Delaunay graph of the centres (contiguous groups)"},
      {GroupingMethod::spectral, "spectral", "spectral embedding of the blended distance, then k-medoids in it"},
      {GroupingMethod::fastermsc, "fastermsc", "FasterMSC: k medoids maximising the medoid silhouette"},
      {GroupingMethod::dynmsc, "dynmsc", "DynMSC: the k in 2..k with the highest medoid silhouette"},
  }};
};

/// The graph SKATER cuts.
enum class GroupingGraph {
  delaunay,    ///< the Delaunay graph of the communities' centres (default)
  contiguity,  ///< queen contiguity of the built-in hromada polygons (clir::contiguity_graph),
               ///< islands joined to their nearest component
};

template <>
struct EnumTraits<GroupingGraph> {
  static constexpr std::string_view what = "grouping graph";
  static constexpr std::array<EnumName<GroupingGraph>, 2> names{{
      {GroupingGraph::delaunay, "delaunay", "the Delaunay graph of the communities' centres"},
      {GroupingGraph::contiguity, "contiguity", "queen contiguity of the built-in hromada polygons"},
  }};
};

/// What to group by and under which constraints. Constraints name communities by code.
/// The fields are declared in Fields<GroupingSpec> below: the [clustering] keys of a scenario,
/// the JSON echo in run.json, `clir cluster`'s flags and Python's keywords.
struct GroupingSpec {
  GroupingMethod method = GroupingMethod::fasterpam;
  GroupingGraph graph = GroupingGraph::delaunay;  ///< the graph SKATER cuts (method skater only)
  std::size_t k = 6;                    ///< number of groups; exactly k are formed or an error says why
  double alpha = 0.3;                   ///< weight of needs in [0, 1]: 0 = geography only, 1 = needs only
  GeoMethod geo_distance = GeoMethod::geodesic;  ///< geodesic (WGS84) or haversine
  BlendScale scale = BlendScale::max;   ///< scale of each distance before blending
  std::vector<std::string> needs_columns;  ///< numeric columns of the table; z-scored Euclidean distance
  std::size_t min_size = 1;             ///< smallest group (communities)
  std::size_t max_size = 0;             ///< largest group; 0 = no bound
  std::vector<std::pair<std::string, std::string>> must_link;    ///< codes that must share a group
  std::vector<std::pair<std::string, std::string>> cannot_link;  ///< codes that must not
  std::string category_column;          ///< categorical column groups must not mix; empty = none
  CategoryMode category_mode = CategoryMode::hard;  ///< soft: mixing allowed at category_penalty per member
  double category_penalty = 0.0;        ///< in blended-distance units (dimensionless)
  std::vector<std::vector<std::string>> allowed_together;  ///< categories that may share a group
  std::uint64_t seed = 1;
  unsigned threads = 0;                 ///< 0 = all cores; the result does not depend on it
  double exact_time_limit_s = 60.0;     ///< wall-clock limit of the exact method, seconds
};

template <>
struct Fields<GroupingSpec> {
  using S = GroupingSpec;
  static constexpr auto list = std::tuple{
      field("method", &S::method, "clustering method"),
      field("graph", &S::graph, "the graph SKATER cuts (method skater only)"),
      field("k", &S::k, "number of groups, exactly (dynmsc: the largest k tried)").at_least(1),
      field("alpha", &S::alpha, "weight of needs in the blended distance: 0 = geography only, 1 = needs only").in(0, 1),
      field("geo_distance", &S::geo_distance, "geographic distance"),
      field("scale", &S::scale, "how each distance is scaled before blending"),
      field("needs_columns", &S::needs_columns, "numeric columns describing needs (z-scored Euclidean distance)").shown_default("the criteria's columns"),
      field("min_size", &S::min_size, "smallest group (communities)").at_least(1),
      field("max_size", &S::max_size, "largest group").at_least(1).shown_default("none"),
      field("must_link", &S::must_link, "pairs of codes that must share a group"),
      field("cannot_link", &S::cannot_link, "pairs of codes that must not share a group"),
      field("category", &S::category_column, "categorical column whose categories groups must not mix (hard) or pay to mix (soft)").shown_default("none"),
      field("category_mode", &S::category_mode, "whether the category constraint is hard or soft"),
      field("category_penalty", &S::category_penalty, "soft: cost per member outside its medoid's category, in blended-distance units").at_least(0),
      field("allowed_together", &S::allowed_together, "categories allowed in one group, e.g. [[\"Донецька\", \"Харківська\"]]"),
      field("exact_time_limit_s", &S::exact_time_limit_s, "time limit of the exact method, seconds")
          .greater_than(0)
          .named_as("a number of seconds")
          .not_in(FieldUse::json),
      field("seed", &S::seed, "seed of random initialisations").not_in(FieldUse::scenario | FieldUse::json),
      field("threads", &S::threads, "threads; 0 = all cores (the result does not depend on it)")
          .not_in(FieldUse::scenario | FieldUse::json),
  };
  /// min_size <= max_size when max_size bounds the groups (max_size 0 = no bound).
  static void validate(const GroupingSpec& spec);
};

/// A grouping of communities: the clustering method's own result (medoids, labels, loss,
/// iterations, swaps, converged, the medoid silhouette, and under constraints the soft-category
/// penalty and objective) with what the pipeline adds to it. The labels are numbered by first
/// member and the medoids reordered to match; for SKATER and spectral the medoid is the member
/// with the least blended distance to the others, loss is the sum of blended distances of
/// members to their medoid, and the medoid silhouette is that of the actual assignment (NaN for
/// one group).
struct GroupingResult : ConstrainedResult {
  std::vector<std::string> codes;       ///< the communities, in input order
  bool proven_optimal = false;          ///< exact method only: optimality proven by GLPK
  double max_within_km = 0.0;           ///< largest distance between two members of one group, km
  double mean_to_medoid_km = 0.0;       ///< mean distance of members to their group's medoid, km
  double geo_scale_km = 0.0;            ///< s_geo used in the blend, km

  /// The clustering method's own result.
  ConstrainedResult& method_result() noexcept { return *this; }
  const ConstrainedResult& method_result() const noexcept { return *this; }
};

template <>
struct Fields<GroupingResult> {
  using R = GroupingResult;
  static constexpr auto list = std::tuple{
      field("labels", &R::labels, "group of each community, 0..k-1, numbered by first member"),
      field("codes", &R::codes, "the communities, in input order"),
      field("medoids", &R::medoids, "index of each group's medoid"),
      field("loss", &R::loss, "sum of blended distances of members to their medoid"),
      field("iterations", &R::iterations, "iterations of the method's main loop"),
      field("swaps", &R::swaps, "medoid swaps (k-medoids family)"),
      field("converged", &R::converged, "k-medoids family: stopped at a local optimum").not_in(FieldUse::json),
      field("penalty", &R::penalty, "soft category: the penalty of the result").not_in(FieldUse::json),
      field("objective", &R::objective, "constrained methods: loss + penalty as minimised").not_in(FieldUse::json),
      field("proven_optimal", &R::proven_optimal, "exact method: optimality proven by GLPK").not_in(FieldUse::json),
      field("max_within_km", &R::max_within_km, "largest distance between two members of one group, km"),
      field("mean_to_medoid_km", &R::mean_to_medoid_km, "mean distance of members to their group's medoid, km"),
      field("geo_scale_km", &R::geo_scale_km, "s_geo used in the blend, km").not_in(FieldUse::json),
      field("medoid_silhouette", &R::medoid_silhouette, "mean medoid silhouette under the blended distance")
          .not_in(FieldUse::json),
  };
};

/// Groups @p communities (with their rows in @p table, same order) as @p spec says. Throws
/// clir::ConfigError for bad options (k, alpha, unknown method or distance, a constraint the
/// method does not support: SKATER takes size bounds and a hard category only), clir::InputError
/// for an unknown column or code, and clir::Infeasible when the constraints cannot hold.
GroupingResult group_communities(std::span<const Community> communities, const Table& table,
                                 const GroupingSpec& spec);

}  // namespace clir
