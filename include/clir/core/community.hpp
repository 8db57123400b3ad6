#pragma once
/// @file
/// @brief A territorial community (hromada) and its location.

#include <string>
#include <string_view>
#include "clir/core/enum_names.hpp"

namespace clir {

/// A point on the WGS84 ellipsoid, in degrees. Latitude in [-90, 90], longitude in [-180, 180].
struct GeoPoint {
  double lat = 0.0;  ///< latitude, degrees north
  double lon = 0.0;  ///< longitude, degrees east
  friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

/// A latitude/longitude rectangle, degrees. Used for map extents and to recognise swapped
/// coordinates.
struct GeoBox {
  double min_lat = -90.0;   ///< degrees north
  double max_lat = 90.0;    ///< degrees north
  double min_lon = -180.0;  ///< degrees east
  double max_lon = 180.0;   ///< degrees east
  /// True when @p p lies inside the rectangle (bounds included).
  bool contains(const GeoPoint& p) const noexcept {
    return p.lat >= min_lat && p.lat <= max_lat && p.lon >= min_lon && p.lon <= max_lon;
  }
};

/// Ukraine with a margin: 44–53 °N, 22–41 °E.
inline constexpr GeoBox ukraine_area{.min_lat = 44.0, .max_lat = 53.0, .min_lon = 22.0, .max_lon = 41.0};

/// Throws clir::InputError (with @p key as the key) unless @p p has a finite latitude in
/// [-90, 90] and a finite longitude in [-180, 180].
void validate_geopoint(const GeoPoint& p, std::string_view key = "location");

/// The kind of a hromada, after the official name: міська, селищна, сільська.
enum class CommunityType { city, settlement, village };

template <>
struct EnumTraits<CommunityType> {
  static constexpr std::string_view what = "community type";
  static constexpr std::array<EnumName<CommunityType>, 3> names{{
      {CommunityType::city, "city", "міська: a city community"},
      {CommunityType::settlement, "settlement", "селищна: a settlement community"},
      {CommunityType::village, "village", "сільська: a village community"},
  }};
  static constexpr std::array<EnumName<CommunityType>, 3> aliases{{
      {CommunityType::city, "міська", ""},
      {CommunityType::settlement, "селищна", ""},
      {CommunityType::village, "сільська", ""},
  }};
};


/// One hromada. Identity is its KATOTTG code (for example "UA32060010000086043"), never a row.
struct Community {
  std::string code;        ///< KATOTTG code of the hromada
  std::string name_uk;     ///< short name in Ukrainian, e.g. "Баришівська"
  std::string name_en;     ///< English name (OCHA COD-AB transliteration)
  std::string oblast_code; ///< KATOTTG code of the oblast
  std::string oblast_uk;   ///< oblast name in Ukrainian, e.g. "Київська"
  std::string oblast_en;   ///< oblast name in English, e.g. "Kyivska"
  std::string raion;       ///< raion name in Ukrainian
  CommunityType type = CommunityType::village;
  GeoPoint location;       ///< the admin centre, degrees WGS84
};

/// True when @p code has the shape of a KATOTTG code: "UA" followed by 17 digits.
bool is_katottg_code(std::string_view code) noexcept;

}  // namespace clir
