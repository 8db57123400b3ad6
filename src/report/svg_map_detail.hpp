#pragma once
// Internal to the SVG map (svg_map.cpp renders, svg_map_legend.cpp builds the legend and colours
// the choropleth, svg_map_labels.cpp places the labels): what these files share.
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "clir/report/svg_map.hpp"

namespace clir::detail {

inline constexpr double kLegendFont = 12.0;
inline constexpr double kLegendRow = 18.0;

struct Projection {
  double lon0, lat0, coslat, scale, x0, y0;
  explicit Projection(const SvgMapOptions& o) {
    lat0 = (o.extent.min_lat + o.extent.max_lat) / 2.0;
    lon0 = (o.extent.min_lon + o.extent.max_lon) / 2.0;
    coslat = std::cos(lat0 * std::numbers::pi / 180.0);
    const double span_x = (o.extent.max_lon - o.extent.min_lon) * coslat;
    scale = (o.width_px - 2.0 * o.margin_px) / span_x;  // pixels per projected degree
    x0 = o.margin_px;
    y0 = o.margin_px;
  }
  double x(const SvgMapOptions& o, double lon) const { return x0 + (lon - o.extent.min_lon) * coslat * scale; }
  double y(const SvgMapOptions& o, double lat) const { return y0 + (o.extent.max_lat - lat) * scale; }
};

void check_options(const SvgMapOptions& o);

double point_radius(const MapLayers& layers, const MapPoint& p);

// The legend's rows, top to bottom: what each draws and its text.
enum class LegendSymbol { heading, swatch, group, plain, medoid, ramp, border, outline, line, background, note };
struct LegendRow {
  LegendSymbol symbol;
  std::string text;
  int group = -1;
  std::string colour;  // of a swatch
};

struct ValueRange {
  double lo = 0, hi = 0;
};

ValueRange value_range(const MapLayers& layers);
std::string class_colour(int k, int classes);
int value_class(const std::vector<double>& edges, double v);
bool has_value(const MapArea& a);

// The fixed furniture of the map (title, legend, scale bar), which labels must not cover.
struct Furniture {
  std::vector<LegendRow> legend;
  LabelBox legend_box, title_box, scale_box;
  double bar_km = 0, bar_px = 0;
};

Furniture furniture(const MapLayers& layers, const SvgMapOptions& o, const Projection& p, double height);

}  // namespace clir::detail
