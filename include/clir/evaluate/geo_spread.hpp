#pragma once
/// @file
/// @brief Spread of geographic groups straight from coordinates, in km: each group's largest
/// within-group distance, its medoid and the mean distance to it.

#include <span>

#include "clir/core/community.hpp"
#include "clir/core/labels.hpp"
#include "clir/distance/geo.hpp"
#include "clir/evaluate/spread.hpp"

namespace clir {

/// As group_spread(), for communities at @p points (degrees, WGS84), with distances in km by
/// @p method. Only within-group distances are computed (Σ size² of them, not n²), so this is
/// cheaper than building the full matrix when groups are many. Throws clir::InputError (key
/// "points[i]") for an invalid coordinate, and as group_spread() for the labels.
SpreadReport geographic_spread(std::span<const GeoPoint> points, const Labels& labels,
                               GeoMethod method = GeoMethod::geodesic);

}  // namespace clir
