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

#include "clir/core/community.hpp"
#include "clir/core/labels.hpp"
#include "clir/core/table.hpp"

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

/// "exact", "pam", "fastpam1", "fasterpam", "alternating", "skater", "spectral", "fastermsc" or
/// "dynmsc".
std::string_view to_string(GroupingMethod method) noexcept;
/// Parses the names of to_string(GroupingMethod); throws clir::ConfigError (key "method").
GroupingMethod parse_grouping_method(std::string_view text);
/// Every grouping method, in declaration order.
std::span<const GroupingMethod> grouping_methods() noexcept;

/// The graph SKATER cuts.
enum class GroupingGraph {
  delaunay,    ///< the Delaunay graph of the communities' centres (default)
  contiguity,  ///< queen contiguity of the built-in hromada polygons (clir::contiguity_graph),
               ///< islands joined to their nearest component
};

/// "delaunay" or "contiguity".
std::string_view to_string(GroupingGraph graph) noexcept;
/// Parses the names of to_string(GroupingGraph); throws clir::ConfigError (key "graph").
GroupingGraph parse_grouping_graph(std::string_view text);

/// What to group by and under which constraints. Constraints name communities by code.
struct GroupingSpec {
  GroupingMethod method = GroupingMethod::fasterpam;
  GroupingGraph graph = GroupingGraph::delaunay;  ///< the graph SKATER cuts (method skater only)
  std::size_t k = 6;                    ///< number of groups; exactly k are formed or an error says why
  double alpha = 0.3;                   ///< weight of needs in [0, 1]: 0 = geography only, 1 = needs only
  std::string geo_distance = "geodesic";  ///< "geodesic" (WGS84) or "haversine"
  std::string scale = "max";            ///< scale of each distance before blending: "max" or "mean"
  std::vector<std::string> needs_columns;  ///< numeric columns of the table; z-scored Euclidean distance
  std::size_t min_size = 1;             ///< smallest group (communities)
  std::size_t max_size = 0;             ///< largest group; 0 = no bound
  std::vector<std::pair<std::string, std::string>> must_link;    ///< codes that must share a group
  std::vector<std::pair<std::string, std::string>> cannot_link;  ///< codes that must not
  std::string category_column;          ///< categorical column groups must not mix; empty = none
  bool category_soft = false;           ///< mixing allowed at category_penalty per member
  double category_penalty = 0.0;        ///< in blended-distance units (dimensionless)
  std::vector<std::vector<std::string>> allowed_together;  ///< categories that may share a group
  std::uint64_t seed = 1;
  unsigned threads = 0;                 ///< 0 = all cores; the result does not depend on it
  double exact_time_limit_s = 60.0;     ///< wall-clock limit of the exact method, seconds
};

/// A grouping of communities and what it cost.
struct GroupingResult {
  std::vector<std::string> codes;       ///< the communities, in input order
  Labels labels;                        ///< group of each community, 0..k-1, numbered by first member
  std::vector<std::size_t> medoids;     ///< index of each group's medoid (for SKATER and spectral: the
                                        ///< member with the least blended distance to the others)
  double loss = 0.0;                    ///< sum of blended distances of members to their medoid
  std::size_t iterations = 0;           ///< of the method's main loop
  std::size_t swaps = 0;                ///< medoid swaps (k-medoids family)
  bool proven_optimal = false;          ///< exact method only: optimality proven by GLPK
  double max_within_km = 0.0;           ///< largest distance between two members of one group, km
  double mean_to_medoid_km = 0.0;       ///< mean distance of members to their group's medoid, km
  double geo_scale_km = 0.0;            ///< s_geo used in the blend, km
  /// Mean medoid silhouette of the grouping under the blended distance (of the actual
  /// assignment; clir::medoid_silhouette), in [−1, 1]; NaN for one group.
  double medoid_silhouette = std::numeric_limits<double>::quiet_NaN();
};

/// Groups @p communities (with their rows in @p table, same order) as @p spec says. Throws
/// clir::ConfigError for bad options (k, alpha, unknown method or distance, a constraint the
/// method does not support: SKATER takes size bounds and a hard category only), clir::InputError
/// for an unknown column or code, and clir::Infeasible when the constraints cannot hold.
GroupingResult group_communities(std::span<const Community> communities, const Table& table,
                                 const GroupingSpec& spec);

}  // namespace clir
