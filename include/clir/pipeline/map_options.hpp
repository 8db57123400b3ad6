#pragma once
/// @file
/// @brief How a run's map (map.svg, map.geojson's styling, the map in report.html) is drawn:
/// points or a choropleth of the hromada polygons, and what colours them.

#include <array>
#include <string>
#include <string_view>

#include "clir/core/enum_names.hpp"

namespace clir {

/// What the run's map draws the communities as.
enum class MapStyle {
  points,      ///< the selected communities as coloured points over all hromada centres
  choropleth,  ///< every hromada's polygon filled by RunMapOptions::colour_by, the selected as markers
};

/// The names `map_colour` takes besides a numeric column of the pool, in the order messages and
/// help list them ("selection" needs the choropleth style).
inline constexpr std::array<std::string_view, 3> map_colour_keywords{"group", "score", "selection"};

/// The run's map. Oblast borders are drawn in both styles.
struct RunMapOptions {
  MapStyle style = MapStyle::points;
  /// "group" (the selected by group), "score" (the eligible by score), "selection" (selected,
  /// eligible, not eligible, not an applicant; choropleth only) or the name of a numeric column
  /// of the applicant pool (e.g. "population"). Checked when the map is drawn (clir::ConfigError
  /// naming the key "map_colour" and the choices).
  std::string colour_by = "group";
  friend bool operator==(const RunMapOptions&, const RunMapOptions&) = default;
};

template <>
struct EnumTraits<MapStyle> {
  static constexpr std::string_view what = "map style";
  static constexpr std::array<EnumName<MapStyle>, 2> names{{
      {MapStyle::points, "points", "the selected communities as coloured points over all hromada centres"},
      {MapStyle::choropleth, "choropleth", "every hromada's polygon filled by map_colour, the selected as markers"},
  }};
};

}  // namespace clir
