#pragma once
/// @file
/// @brief Polygons on the Earth in degrees: rings of clir::GeoPoint, holes and multi-part areas.
///
/// Edges are straight lines in the longitude/latitude plane (the GeoJSON and shapefile
/// convention), so "inside", "touching" and "valid" are decided in that plane; lengths and areas
/// on the Earth are computed from it by the functions that need them.

#include <vector>

#include "clir/core/community.hpp"

namespace clir {

/// A closed ring of vertices (degrees WGS84): the last vertex repeats the first, and at least
/// three distinct vertices make it up.
using GeoRing = std::vector<GeoPoint>;

/// A polygon with holes. The outer ring runs counter-clockwise (east = +x, north = +y), the holes
/// clockwise, as in RFC 7946 (GeoJSON).
struct GeoPolygon {
  GeoRing outer;               ///< the outer boundary, counter-clockwise
  std::vector<GeoRing> holes;  ///< holes inside it, each clockwise
  friend bool operator==(const GeoPolygon&, const GeoPolygon&) = default;
};

/// An area made of one or more polygons (an oblast with islands, a hromada with an exclave).
using GeoMultiPolygon = std::vector<GeoPolygon>;

}  // namespace clir
