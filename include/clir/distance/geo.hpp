#pragma once
/// @file
/// @brief Geographic distances between communities: great-circle (haversine) and ellipsoidal
/// WGS84 geodesic (GeographicLib), in km, and the matrix of them built in parallel.

#include <cstddef>
#include <span>
#include <string_view>

#include "clir/core/community.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// Mean Earth radius R1 = (2a + b) / 3 of WGS84, km (IUGG): the radius of the haversine sphere.
inline constexpr double kMeanEarthRadiusKm = 6371.0088;

/// How geographic distances are measured.
enum class GeoMethod {
  haversine,  ///< great circle on a sphere of radius kMeanEarthRadiusKm; error up to ~0.5 %
  geodesic,   ///< shortest path on the WGS84 ellipsoid (Karney 2013, GeographicLib); ~15 nm accuracy
};

template <>
struct EnumTraits<GeoMethod> {
  static constexpr std::string_view what = "geographic distance";
  static constexpr std::array<EnumName<GeoMethod>, 2> names{{
      {GeoMethod::haversine, "haversine", "great circle on a sphere; error up to ~0.5 %"},
      {GeoMethod::geodesic, "geodesic", "shortest path on the WGS84 ellipsoid (Karney 2013, GeographicLib)"},
  }};
};


/// Great-circle distance between two points given in degrees, km (haversine formula on a
/// sphere of radius kMeanEarthRadiusKm). Inputs are not validated.
double haversine_km(const GeoPoint& a, const GeoPoint& b) noexcept;

/// Ellipsoidal (WGS84) geodesic distance between two points given in degrees, km, computed by
/// GeographicLib's Geodesic::WGS84().Inverse. Inputs are not validated.
double geodesic_km(const GeoPoint& a, const GeoPoint& b) noexcept;

/// Distance between two points in degrees by @p method, km.
double geo_distance_km(const GeoPoint& a, const GeoPoint& b, GeoMethod method) noexcept;

/// Options of geo_distance_matrix().
struct GeoDistanceOptions {
  GeoMethod method = GeoMethod::geodesic;  ///< haversine or WGS84 geodesic
  unsigned threads = 0;                    ///< 0 = all cores; the result does not depend on it
};

/// The n × n matrix of distances between @p points (degrees, WGS84), km, computed in parallel.
/// Every entry is computed independently, so the matrix is bit-identical for any thread count.
/// Throws clir::InputError (key "points[i]") for a latitude outside [-90, 90] or a longitude
/// outside [-180, 180] or a non-finite coordinate.
/// @tparam T storage type, float or double (instantiated for both).
template <std::floating_point T = double>
DistanceMatrix<T> geo_distance_matrix(std::span<const GeoPoint> points,
                                      const GeoDistanceOptions& options = {});

extern template DistanceMatrix<float> geo_distance_matrix<float>(std::span<const GeoPoint>,
                                                                 const GeoDistanceOptions&);
extern template DistanceMatrix<double> geo_distance_matrix<double>(std::span<const GeoPoint>,
                                                                   const GeoDistanceOptions&);

}  // namespace clir
