#pragma once
/// @file
/// @brief A self-contained SVG map of communities coloured by group, for reports.
///
/// Equirectangular projection centred on the map's extent (x = (lon − lon0)·cos(lat0), y = lat),
/// which keeps distances near the centre true to within a few per cent across Ukraine. The SVG
/// has no external references, so it opens in any browser and renders with librsvg.

#include <string>
#include <vector>

#include "clir/core/community.hpp"

namespace clir {

/// A labelled point on the map. group < 0 draws it uncoloured (not in any group).
struct MapPoint {
  GeoPoint location;
  std::string label;   ///< drawn next to the point; empty for none
  int group = -1;      ///< 0-based group index into MapLayers::group_names
  bool medoid = false; ///< drawn larger, with a dark outline
};

/// What to draw, back to front: faint background points, lines, then the labelled points.
struct MapLayers {
  std::vector<GeoPoint> background;              ///< e.g. all 1,469 hromada centres
  std::vector<std::vector<GeoPoint>> lines;      ///< polylines, e.g. the front line parts
  std::string lines_label = "Front line";        ///< legend text of the lines layer
  std::vector<MapPoint> points;                  ///< the communities of interest
  std::vector<std::string> group_names;          ///< legend text per group
  std::string title;                             ///< drawn at the top; empty for none
};

/// Rendering options (sizes in SVG pixels).
struct SvgMapOptions {
  double width_px = 1100.0;   ///< width of the whole image; the height follows the extent
  double margin_px = 24.0;    ///< blank border around the map
  /// Area shown, degrees; Ukraine by default.
  GeoBox extent{.min_lat = 44.0, .max_lat = 52.5, .min_lon = 22.0, .max_lon = 40.5};
  bool labels = true;         ///< draw point labels
};

/// Renders the layers as an SVG document (UTF-8). Throws clir::ConfigError for an empty or
/// inverted extent or a non-positive width, and clir::InputError for a point outside
/// [-90, 90] × [-180, 180].
std::string render_svg_map(const MapLayers& layers, const SvgMapOptions& options = {});

/// Height in pixels of the image render_svg_map() produces for @p options.
double svg_map_height(const SvgMapOptions& options);

/// The fill colour of group @p group (a colour-blind-safe palette, cycled), as "#rrggbb".
std::string group_colour(int group);

}  // namespace clir
