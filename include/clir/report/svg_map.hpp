#pragma once
/// @file
/// @brief A self-contained SVG map of communities coloured by group or by score, or of areas
/// (hromada polygons) coloured by a category or a value (a choropleth), for reports.
///
/// Equirectangular projection centred on the map's extent (x = (lon − lon0)·cos(lat0), y = lat),
/// which keeps distances near the centre true to within a few per cent across Ukraine. The SVG
/// has no external references, so it opens in any browser and renders with librsvg. Labels are
/// placed by place_map_labels() so that no two overlap (moved away from their point with a
/// leader line when the spot next to it is taken).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/community.hpp"
#include "clir/core/polygon.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// A labelled point on the map. group < 0 draws it uncoloured (not in any group).
struct MapPoint {
  GeoPoint location;
  std::string label;    ///< drawn next to the point; empty for none
  int group = -1;       ///< 0-based group index into MapLayers::group_names
  bool medoid = false;  ///< drawn larger, with a dark outline
  std::optional<double> value;  ///< e.g. the score; colours the point with MapColouring::value
  std::string tooltip;  ///< hover text (SVG <title>, lines separated by '\n'); empty for none
  std::string id;       ///< written as the circle's data-id attribute (e.g. the KATOTTG code)
};

/// A text placed at a location without a marker, e.g. an oblast's name.
struct MapRegionLabel {
  GeoPoint location;  ///< where the text is centred (moved when the spot is taken)
  std::string text;
};

/// How the labelled points are filled.
enum class MapColouring {
  group,  ///< one colour per group (group_colour())
  value,  ///< a colour-blind-safe sequential ramp over MapPoint::value (value_colour())
  plain,  ///< small white markers with a dark outline, e.g. over a choropleth that carries the colour
};

template <>
struct EnumTraits<MapColouring> {
  static constexpr std::string_view what = "map colouring";
  static constexpr std::array<EnumName<MapColouring>, 3> names{{
      {MapColouring::group, "group", "one colour per group"},
      {MapColouring::value, "value", "a colour-blind-safe sequential ramp over the value"},
      {MapColouring::plain, "plain", "small white markers with a dark outline"},
  }};
};

/// A filled area of a choropleth, e.g. one hromada, coloured by a category or by a value.
struct MapArea {
  GeoMultiPolygon shape;        ///< degrees WGS84
  int category = -1;            ///< index into MapLayers::area_categories; -1 = no data
  std::optional<double> value;  ///< with AreaColouring::value; empty or not finite = no data
  std::string tooltip;          ///< hover text (SVG <title>); empty for none
  std::string id;               ///< written as the path's data-id attribute (e.g. the KATOTTG code)
};

/// A category of a choropleth: its legend text and fill colour ("#rrggbb").
struct MapCategory {
  std::string name;
  std::string colour;
};

/// How the areas are filled.
enum class AreaColouring {
  category,  ///< MapArea::category: the colour of MapLayers::area_categories[category]
  value,     ///< MapArea::value in MapLayers::area_classes classes, coloured along the viridis ramp
};

/// Where the value classes of a choropleth break.
enum class ClassBreaks {
  equal_interval,  ///< equally spaced from the smallest to the largest value
  quantile,        ///< about as many areas in each class (for skewed values such as population)
};

/// The fill of an area without data (light grey), and of its legend swatch.
inline constexpr const char* kNoDataColour = "#E4E4E4";

/// What to draw, back to front: the outline, the areas (choropleth), the borders, faint
/// background points, lines, region labels, then the labelled points.
struct MapLayers {
  std::vector<std::vector<GeoPoint>> outline;    ///< closed rings, filled, e.g. the country
  std::string outline_label = "Ukraine";         ///< legend text of the outline
  std::vector<MapArea> areas;                    ///< e.g. the hromadas of a choropleth; empty for none
  AreaColouring area_colouring = AreaColouring::category;  ///< fill of the areas
  std::vector<MapCategory> area_categories;      ///< with AreaColouring::category, in legend order
  std::string area_value_label = "Value";        ///< legend heading of the value classes
  int area_classes = 5;                          ///< number of value classes, 2 to 9
  ClassBreaks area_breaks = ClassBreaks::equal_interval;  ///< where the value classes break
  std::string area_no_data_label = "No data";    ///< legend text of an area without data
  std::vector<GeoMultiPolygon> borders;          ///< outlines drawn over the areas, e.g. the oblasts
  std::string borders_label = "Oblast border";   ///< legend text of the borders
  std::vector<GeoPoint> background;              ///< e.g. all 1,469 hromada centres
  std::string background_label = "Other hromada centres";  ///< legend text of the background
  std::vector<std::vector<GeoPoint>> lines;      ///< polylines, e.g. the front line parts
  std::string lines_label = "Front line";        ///< legend text of the lines layer
  std::vector<MapRegionLabel> region_labels;     ///< e.g. oblast names
  std::string region_label_note;                 ///< legend text explaining the region labels
  std::vector<MapPoint> points;                  ///< the communities of interest
  std::string points_label = "Selected community";  ///< legend text of a point with MapColouring::plain
  std::vector<std::string> group_names;          ///< legend text per group
  MapColouring colouring = MapColouring::group;  ///< fill of the points
  std::string value_label = "Score";             ///< legend text of the value ramp
  std::string title;                             ///< drawn at the top; empty for none
  std::string attribution;                       ///< small text under the frame (sources, licences)
};

/// The class breaks of a value choropleth: the edges from the smallest to the largest finite
/// value of @p areas, @p classes + 1 of them equally spaced, or for ClassBreaks::quantile the
/// values at ranks k·(n−1)/classes (rounded; repeated edges merged, so heavy ties give fewer
/// classes). Two equal edges when every value is the same; empty when no area has a finite
/// value. Class k holds the values in [edges[k], edges[k+1]) (the last one closed). Throws
/// clir::ConfigError for @p classes outside [2, 9].
std::vector<double> area_class_breaks(const std::vector<MapArea>& areas, int classes,
                                      ClassBreaks breaks = ClassBreaks::equal_interval);

/// Rendering options (sizes in SVG pixels).
struct SvgMapOptions {
  double width_px = 1100.0;   ///< width of the whole image; the height follows the extent
  double margin_px = 24.0;    ///< blank border around the map
  /// Area shown, degrees; Ukraine by default.
  GeoBox extent{.min_lat = 44.0, .max_lat = 52.5, .min_lon = 22.0, .max_lon = 40.5};
  bool labels = true;         ///< draw point and region labels
  /// Areas and borders are drawn simplified to within this many pixels (each border shared by
  /// two areas simplified once, so it stays shared); 0 keeps every vertex (rounded to 0.1 px).
  double simplify_px = 0.5;
};

/// An axis-aligned box in SVG pixels (x to the right, y down; x, y = top-left corner).
struct LabelBox {
  double x = 0, y = 0, width = 0, height = 0;
  /// True when the boxes share interior area (touching edges do not overlap).
  bool overlaps(const LabelBox& other) const noexcept {
    return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
  }
};

/// Where one label went.
struct PlacedLabel {
  std::string text;
  bool region = false;     ///< a MapRegionLabel (else a MapPoint's label)
  std::size_t index = 0;   ///< into MapLayers::points or MapLayers::region_labels
  double font_px = 12.0;
  LabelBox box;            ///< the text's estimated extent
  double text_x = 0, text_y = 0;     ///< start of the text's baseline
  bool leader = false;     ///< moved away from its point: a leader line joins them
  double anchor_x = 0, anchor_y = 0; ///< the point's position (the leader line's start)
};

/// What place_map_labels() did.
struct LabelPlacement {
  std::vector<PlacedLabel> labels;     ///< no two boxes overlap; none covers a point marker
  std::vector<std::string> dropped;    ///< labels that found no free spot (not drawn)
};

/// Places the labels of @p layers greedily (medoids first, then points in order, then region
/// labels): each takes the first free spot next to its point (right, left, above, below, then
/// the diagonals), else the nearest free spot on rings of growing distance (with a leader line).
/// A spot is free when it overlaps no label placed before, no point marker, neither the title,
/// the legend nor the scale bar, lies inside the frame, and (for a moved label) its leader line
/// passes over no other point; inside a cluster so dense that every leader would, that last
/// condition is dropped. Deterministic. Text extents are
/// estimated from the characters (DejaVu Sans advance widths, rounded up).
LabelPlacement place_map_labels(const MapLayers& layers, const SvgMapOptions& options = {});

/// Estimated width in pixels of @p utf8 set in DejaVu Sans at @p font_px (an upper bound for
/// Latin and Cyrillic text, the widest common letters counted wide).
double estimate_text_width(std::string_view utf8, double font_px);

/// Renders the layers as an SVG document (UTF-8). Areas and borders are projected to path
/// coordinates rounded to 0.1 px and simplified to within SvgMapOptions::simplify_px, each
/// chain of vertices between two junctions once (Douglas-Peucker), so borders shared by
/// neighbours stay shared and the borders layer stays on the areas' edges. Throws clir::ConfigError for an empty or inverted extent,
/// a non-positive width or area_classes outside [2, 9], and clir::InputError for a point outside
/// [-90, 90] × [-180, 180], with MapColouring::value a point without a value, or an area whose
/// category is not in area_categories.
std::string render_svg_map(const MapLayers& layers, const SvgMapOptions& options = {});

/// Height in pixels of the image render_svg_map() produces for @p options.
double svg_map_height(const SvgMapOptions& options);

/// The fill colour of group @p group (a colour-blind-safe palette, cycled), as "#rrggbb".
std::string group_colour(int group);

/// The colour of @p t in [0, 1] (clamped) on a sequential ramp that stays readable for
/// colour-blind readers (viridis stops, dark = low, light = high), as "#rrggbb".
std::string value_colour(double t);

}  // namespace clir
