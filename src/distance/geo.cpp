#include "clir/distance/geo.hpp"

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"

namespace clir {

namespace {

constexpr double kDegree = std::numbers::pi / 180.0;

// Haversine from precomputed radians and cosines; the clamp keeps asin in its domain when
// rounding pushes the argument a hair above 1 for antipodal points.
inline double haversine_rad(double lat1, double lon1, double cos1, double lat2, double lon2,
                            double cos2) noexcept {
  const double s_lat = std::sin(0.5 * (lat2 - lat1));
  const double s_lon = std::sin(0.5 * (lon2 - lon1));
  const double h = std::min(1.0, s_lat * s_lat + cos1 * cos2 * s_lon * s_lon);
  return 2.0 * kMeanEarthRadiusKm * std::asin(std::sqrt(h));
}

}  // namespace

double haversine_km(const GeoPoint& a, const GeoPoint& b) noexcept {
  const double lat1 = a.lat * kDegree, lat2 = b.lat * kDegree;
  return haversine_rad(lat1, a.lon * kDegree, std::cos(lat1), lat2, b.lon * kDegree, std::cos(lat2));
}

double geodesic_km(const GeoPoint& a, const GeoPoint& b) noexcept {
  double metres = 0.0;
  GeographicLib::Geodesic::WGS84().Inverse(a.lat, a.lon, b.lat, b.lon, metres);
  return metres / 1000.0;
}

double geo_distance_km(const GeoPoint& a, const GeoPoint& b, GeoMethod method) noexcept {
  return method == GeoMethod::haversine ? haversine_km(a, b) : geodesic_km(a, b);
}

template <std::floating_point T>
DistanceMatrix<T> geo_distance_matrix(std::span<const GeoPoint> points,
                                      const GeoDistanceOptions& options) {
  const std::size_t n = points.size();
  for (std::size_t i = 0; i < n; ++i) validate_geopoint(points[i], "points[" + std::to_string(i) + "]");
  DistanceMatrix<T> D(n);
  if (n < 2) return D;
  std::vector<double> lat(n), lon(n), cos_lat(n);
  for (std::size_t i = 0; i < n; ++i) {
    lat[i] = points[i].lat * kDegree;
    lon[i] = points[i].lon * kDegree;
    cos_lat[i] = std::cos(lat[i]);
  }
  T* out = D.condensed().data();
  auto fill_row = [&](std::size_t i) {
    T* row = out + (i + 1 < n ? D.index(i, i + 1) : 0);
    if (options.method == GeoMethod::haversine) {
      for (std::size_t j = i + 1; j < n; ++j)
        row[j - i - 1] = static_cast<T>(haversine_rad(lat[i], lon[i], cos_lat[i], lat[j], lon[j], cos_lat[j]));
    } else {
      const GeographicLib::Geodesic& wgs84 = GeographicLib::Geodesic::WGS84();
      for (std::size_t j = i + 1; j < n; ++j) {
        double metres = 0.0;
        wgs84.Inverse(points[i].lat, points[i].lon, points[j].lat, points[j].lon, metres);
        row[j - i - 1] = static_cast<T>(metres / 1000.0);
      }
    }
  };
  // Row i holds n-1-i entries; pairing row p with row n-1-p gives every task the same work,
  // so contiguous blocks of tasks balance across threads.
  const std::size_t tasks = (n + 1) / 2;
  parallel_for(tasks, options.threads, [&](std::size_t p) {
    fill_row(p);
    if (n - 1 - p != p) fill_row(n - 1 - p);
  });
  return D;
}

template DistanceMatrix<float> geo_distance_matrix<float>(std::span<const GeoPoint>, const GeoDistanceOptions&);
template DistanceMatrix<double> geo_distance_matrix<double>(std::span<const GeoPoint>, const GeoDistanceOptions&);

}  // namespace clir
