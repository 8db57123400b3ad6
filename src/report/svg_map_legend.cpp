// The SVG map's legend and colours: palettes, value classes of the choropleth, the legend's rows
// and the furniture (title, legend, scale bar) that labels keep clear of.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <string_view>

#include "clir/io/format.hpp"
#include "clir/core/error.hpp"
#include "clir/distance/geo.hpp"
#include "clir/report/svg_map.hpp"
#include "svg_map_detail.hpp"

namespace clir {

using detail::class_colour;
using detail::has_value;
using detail::kLegendFont;
using detail::kLegendRow;
using detail::LegendRow;
using detail::LegendSymbol;
using detail::value_range;
using detail::ValueRange;

namespace {

// Okabe & Ito (2008) colour-blind-safe palette, without black (used for outlines) and yellow
// (unreadable on white), plus two darker tones for groups 7 and 8.
constexpr std::array<std::string_view, 8> kPalette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                      "#E69F00", "#56B4E9", "#7A5195", "#8C6D31"};

// Viridis at 0, 0.25, 0.5, 0.75, 1 (sRGB): monotone in lightness, so it reads in grey too.
constexpr std::array<std::array<int, 3>, 5> kRamp = {{{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};

constexpr double kKmPerDegree = kMeanEarthRadiusKm * std::numbers::pi / 180.0;

// A round length (1, 2 or 5 × 10^k km) close to a fifth of the map width.
double nice_scale_length(double map_km) {
  const double target = map_km / 5.0;
  const double p = std::pow(10.0, std::floor(std::log10(target)));
  for (double m : {5.0, 2.0, 1.0}) {
    if (m * p <= target) return m * p;
  }
  return p;
}

// Three significant digits, without an exponent for the counts (population, area) maps show.
std::string short_number(double v) { return std::fabs(v) >= 1000 ? format_fixed(v, 0) : format_significant(v, 3); }

std::vector<LegendRow> legend_rows(const MapLayers& layers) {
  std::vector<LegendRow> rows;
  if (!layers.areas.empty()) {
    bool no_data = false;
    if (layers.area_colouring == AreaColouring::category) {
      for (const auto& c : layers.area_categories) rows.push_back({LegendSymbol::swatch, c.name, -1, c.colour});
      no_data = std::any_of(layers.areas.begin(), layers.areas.end(), [](const MapArea& a) { return a.category < 0; });
    } else {
      const std::vector<double> edges = area_class_breaks(layers.areas, layers.area_classes, layers.area_breaks);
      const auto classes = static_cast<int>(edges.size()) - 1;
      const bool constant = !edges.empty() && !(edges.back() > edges.front());
      const std::string kind = layers.area_breaks == ClassBreaks::quantile ? " quantile classes)" : " equal classes)";
      rows.push_back({LegendSymbol::heading, layers.area_value_label + (constant || edges.empty() ? "" : " (" + std::to_string(classes) + kind), -1, {}});
      if (constant) {
        rows.push_back({LegendSymbol::swatch, "all " + short_number(edges.front()), -1, class_colour(0, classes)});
      } else {
        // Highest class first, as a vertical ramp reads: high at the top.
        for (int k = classes - 1; k >= 0; --k) {
          const auto i = static_cast<std::size_t>(k);
          rows.push_back({LegendSymbol::swatch, short_number(edges[i]) + " – " + short_number(edges[i + 1]) +
                                                    (k == classes - 1 ? " (max)" : k == 0 ? " (min)" : ""),
                          -1, class_colour(k, classes)});
        }
      }
      no_data = std::any_of(layers.areas.begin(), layers.areas.end(), [](const MapArea& a) { return !has_value(a); });
    }
    if (no_data) rows.push_back({LegendSymbol::swatch, layers.area_no_data_label, -1, kNoDataColour});
  }
  if (layers.colouring == MapColouring::plain) {
    if (!layers.points.empty()) rows.push_back({LegendSymbol::plain, layers.points_label, -1, {}});
  } else if (layers.colouring == MapColouring::group) {
    for (std::size_t g = 0; g < layers.group_names.size(); ++g) {
      rows.push_back({LegendSymbol::group, layers.group_names[g], static_cast<int>(g)});
    }
  } else if (!layers.points.empty()) {
    const ValueRange r = value_range(layers);
    rows.push_back({LegendSymbol::ramp, layers.value_label + ": " + short_number(r.lo) + " – " + short_number(r.hi)});
  }
  const bool any_medoid = std::any_of(layers.points.begin(), layers.points.end(), [](const MapPoint& p) { return p.medoid; });
  if (any_medoid) rows.push_back({LegendSymbol::medoid, "Medoid (centre of its group)"});
  if (!layers.borders.empty()) rows.push_back({LegendSymbol::border, layers.borders_label});
  if (!layers.outline.empty()) rows.push_back({LegendSymbol::outline, layers.outline_label});
  if (!layers.lines.empty()) rows.push_back({LegendSymbol::line, layers.lines_label});
  if (!layers.background.empty()) rows.push_back({LegendSymbol::background, layers.background_label});
  if (!layers.region_labels.empty() && !layers.region_label_note.empty()) {
    // Long notes wrap at about 48 characters (on spaces) to keep the legend narrow.
    std::string_view note = layers.region_label_note;
    std::string line;
    std::size_t chars = 0;
    while (!note.empty()) {
      const std::size_t space = note.find(' ');
      const std::string_view word = note.substr(0, space);
      std::size_t word_chars = 0;
      for (unsigned char c : word) word_chars += (c & 0xC0) != 0x80 ? 1 : 0;
      if (!line.empty() && chars + 1 + word_chars > 48) {
        rows.push_back({LegendSymbol::note, line});
        line.clear();
        chars = 0;
      }
      if (!line.empty()) line += ' ';
      line.append(word);
      chars += word_chars + (chars ? 1 : 0);
      note = space == std::string_view::npos ? std::string_view() : note.substr(space + 1);
    }
    if (!line.empty()) rows.push_back({LegendSymbol::note, line});
  }
  return rows;
}

}  // namespace

namespace detail {


ValueRange value_range(const MapLayers& layers) {
  ValueRange r{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (const auto& p : layers.points) {
    if (p.value) r.lo = std::min(r.lo, *p.value), r.hi = std::max(r.hi, *p.value);
  }
  if (r.lo > r.hi) r = {0, 0};
  return r;
}

std::string class_colour(int k, int classes) { return value_colour(classes > 1 ? k / static_cast<double>(classes - 1) : 0.5); }

// The class (0-based) of @p v among the breaks (edges.size() - 1 classes): the last edge at or
// below it, the top edge belonging to the top class.
int value_class(const std::vector<double>& edges, double v) {
  const auto above = std::upper_bound(edges.begin() + 1, edges.end() - 1, v);
  return static_cast<int>(above - (edges.begin() + 1));
}

bool has_value(const MapArea& a) { return a.value && std::isfinite(*a.value); }

Furniture furniture(const MapLayers& layers, const SvgMapOptions& o, const Projection& p, double height) {
  Furniture f;
  f.legend = legend_rows(layers);
  double text_width = 0;
  for (const auto& row : f.legend) text_width = std::max(text_width, estimate_text_width(row.text, kLegendFont));
  const double rows = static_cast<double>(f.legend.size());
  if (!f.legend.empty()) {
    f.legend_box = {o.margin_px + 4, height - o.margin_px - 16 - kLegendRow * rows, text_width + 34, kLegendRow * rows + 8};
  }
  if (!layers.title.empty()) {
    f.title_box = {o.margin_px + 6, o.margin_px + 4, estimate_text_width(layers.title, 18) * 1.1 + 8, 28};
  }
  const double map_km = (o.extent.max_lon - o.extent.min_lon) * p.coslat * kKmPerDegree;
  f.bar_km = nice_scale_length(map_km);
  f.bar_px = f.bar_km / kKmPerDegree * p.scale;
  f.scale_box = {o.width_px - o.margin_px - 26 - f.bar_px, height - o.margin_px - 40, f.bar_px + 20, 32};
  return f;
}

}  // namespace detail

std::vector<double> area_class_breaks(const std::vector<MapArea>& areas, int classes, ClassBreaks breaks) {
  if (classes < 2 || classes > 9) throw ConfigError("area_classes", "expected 2 to 9 value classes, got " + std::to_string(classes));
  std::vector<double> values;
  for (const auto& a : areas) {
    if (has_value(a)) values.push_back(*a.value);
  }
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  const double lo = values.front(), hi = values.back();
  if (!(hi > lo)) return {lo, hi};
  std::vector<double> edges;
  for (int k = 0; k <= classes; ++k) {
    double edge = hi;
    if (k < classes && breaks == ClassBreaks::equal_interval) edge = lo + (hi - lo) * k / classes;
    if (k < classes && breaks == ClassBreaks::quantile) {
      edge = values[static_cast<std::size_t>(std::lround(static_cast<double>(k) * static_cast<double>(values.size() - 1) / classes))];
    }
    if (edges.empty() || edge > edges.back()) edges.push_back(edge);
  }
  if (edges.size() == 1) edges.push_back(hi);
  return edges;
}

std::string group_colour(int group) {
  if (group < 0) return "#777777";
  return std::string(kPalette[static_cast<std::size_t>(group) % kPalette.size()]);
}

std::string value_colour(double t) {
  t = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
  const double at = t * static_cast<double>(kRamp.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(at), kRamp.size() - 2);
  const double f = at - static_cast<double>(i);
  char buf[8];
  const auto mix = [&](int c) {
    return static_cast<int>(std::lround(kRamp[i][static_cast<std::size_t>(c)] * (1 - f) + kRamp[i + 1][static_cast<std::size_t>(c)] * f));
  };
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", mix(0), mix(1), mix(2));
  return buf;
}

}  // namespace clir
