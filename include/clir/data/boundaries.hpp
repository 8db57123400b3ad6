#pragma once
/// @file
/// @brief The built-in boundaries: polygons of the 1,469 hromadas and of the 27 oblast-level
/// units (24 oblasts, the Autonomous Republic of Crimea, Kyiv and Sevastopol).
///
/// Built by scripts/build-boundaries from ukrainian_geodata (hromada polygons of the 2020
/// reform), simplified once per shared border so that neighbours keep sharing it exactly, and
/// joined to the hromada table by KATOTTG code. Compiled into the library and decoded at first
/// use. Sources, licences, the join and the measured defects: data/README.md and docs/data.md.
///
/// Attribution: "Boundaries: ukrainian_geodata (F. Gontsa / OPORA), CC BY 4.0, simplified".

#include <string>
#include <string_view>
#include <vector>

#include "clir/core/polygon.hpp"

namespace clir {

/// The boundary of one administrative unit.
struct AreaBoundary {
  std::string code;          ///< KATOTTG code of the hromada or oblast-level unit
  std::string name_uk;       ///< its short Ukrainian name, e.g. "Баришівська" or "Київська"
  GeoMultiPolygon polygons;  ///< its parts (at least one); vertices on a 1e-4 degree grid
};

/// The 1,469 hromada boundaries, in the order of builtin_hromadas().communities (sorted by
/// code): element i is the boundary of hromada i. Decoded on first use (thread-safe) and kept for
/// the life of the program. Neighbours within an oblast share their border vertex for vertex;
/// across oblast borders the source leaves slivers of overlap and gap (see docs/data.md).
const std::vector<AreaBoundary>& builtin_hromada_polygons();

/// The 27 oblast-level units sorted by code: the 24 oblasts, Crimea (UA01...), Kyiv (UA80...) and
/// Sevastopol (UA85...). Each oblast is the union of its hromadas (so its border coincides with
/// theirs), without the sliver pieces under 1 km² that the union of the source leaves; Kyiv
/// oblast has Kyiv city as a hole. Decoded on first use (thread-safe).
const std::vector<AreaBoundary>& builtin_oblast_polygons();

/// The boundary of the hromada with KATOTTG code @p code. Throws clir::InputError (key = the
/// code) when it is not a hromada of the built-in data.
const AreaBoundary& find_hromada_boundary(std::string_view code);

}  // namespace clir
