#pragma once
/// @file
/// @brief Contiguity graphs: which areas share a border (queen or rook), as spdep's `poly2nb`,
/// GeoDa and PySAL's `libpysal.weights.Queen` / `Rook` build them, with a tolerance for the
/// slivers of gap and overlap that simplified boundaries leave between neighbours.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/community.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/polygon.hpp"
#include "clir/graph/graph.hpp"

namespace clir {

/// When two areas are neighbours.
enum class ContiguityRule {
  queen,  ///< their borders meet in at least one point (a shared corner is enough)
  rook,   ///< their borders run together for at least ContiguityOptions::min_shared_km
};

template <>
struct EnumTraits<ContiguityRule> {
  static constexpr std::string_view what = "contiguity rule";
  static constexpr std::array<EnumName<ContiguityRule>, 2> names{{
      {ContiguityRule::queen, "queen", "borders meet in at least one point (a shared corner is enough)"},
      {ContiguityRule::rook, "rook", "borders run together for at least min_shared_km"},
  }};
};

/// Options of contiguity_graph.
struct ContiguityOptions {
  ContiguityRule rule = ContiguityRule::queen;
  /// A vertex of one area within this distance (km) of another area's border, or inside it,
  /// touches that area. Bridges the slivers of gap between neighbours of the built-in boundaries
  /// (oblasts were simplified one by one in the source); 0 = touching only (up to 1e-9 km of
  /// rounding).
  double tolerance_km = 0.2;
  /// Rook only: the least length (km) of border along which the two areas touch, counted over
  /// the edges whose two ends both touch the other area. Larger than the edges meeting at a
  /// shared corner, so that a corner alone does not make rook neighbours.
  double min_shared_km = 0.5;
  unsigned threads = 0;  ///< 0 = all cores; the result does not depend on it
};

/// The contiguity graph of @p areas: vertex i is area i, and an edge joins two areas that are
/// neighbours under options.rule. Edge weights are great-circle km between @p centres (one per
/// area, e.g. the hromadas' centres), as in the proximity graphs, so every graph method
/// (SKATER, single linkage, minimum spanning trees) takes it as it takes a Delaunay graph.
/// Distances are measured in an equirectangular plane around the areas' centre (accurate to a
/// few per cent across Ukraine, far below what a tolerance of metres to a few hundred metres
/// needs). Areas that touch nothing are islands: isolated vertices, found by
/// connected_components and joined by connect_components like any other component.
///
/// Throws clir::InputError when the sizes differ, for an empty area or a ring with fewer than
/// four vertices (naming the area's index), or an invalid coordinate; clir::ConfigError (key
/// "tolerance_km" / "min_shared_km") unless the options are finite and >= 0.
/// Cost: O(V log V) for V vertices in all (R-trees of the border segments).
Graph contiguity_graph(std::span<const GeoMultiPolygon> areas, std::span<const GeoPoint> centres,
                       const ContiguityOptions& options = {});

/// The contiguity graph of built-in hromadas given by KATOTTG code (clir::builtin_hromada_polygons,
/// weights between the hromadas' centres of the built-in table), vertex i being codes[i]. Throws
/// clir::InputError naming a code that is not a built-in hromada.
Graph builtin_contiguity_graph(std::span<const std::string> codes, const ContiguityOptions& options = {});

}  // namespace clir
