#include "clir/report/svg_map.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string_view>

#include "clir/core/error.hpp"

namespace clir {

namespace {

// Okabe & Ito (2008) colour-blind-safe palette, without black (used for outlines) and yellow
// (unreadable on white), plus two darker tones for groups 7 and 8.
constexpr std::array<std::string_view, 8> kPalette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                      "#E69F00", "#56B4E9", "#7A5195", "#8C6D31"};

constexpr double kKmPerDegree = 6371.0088 * std::numbers::pi / 180.0;

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

struct Projection {
  double lon0, lat0, coslat, scale, x0, y0;
  Projection(const SvgMapOptions& o) {
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

void check_options(const SvgMapOptions& o) {
  if (!(o.width_px > 2.0 * o.margin_px)) {
    throw ConfigError("width_px", "map width must exceed twice the margin");
  }
  const auto& e = o.extent;
  if (!(e.min_lat < e.max_lat) || !(e.min_lon < e.max_lon) || e.min_lat < -90 || e.max_lat > 90 || e.min_lon < -180 || e.max_lon > 180) {
    throw ConfigError("extent", "map extent must have south < north and west < east within [-90, 90] × [-180, 180]");
  }
}

// A round length (1, 2 or 5 × 10^k km) close to a fifth of the map width.
double nice_scale_length(double map_km) {
  const double target = map_km / 5.0;
  const double p = std::pow(10.0, std::floor(std::log10(target)));
  for (double m : {5.0, 2.0, 1.0}) {
    if (m * p <= target) return m * p;
  }
  return p;
}

}  // namespace

std::string group_colour(int group) {
  if (group < 0) return "#777777";
  return std::string(kPalette[static_cast<std::size_t>(group) % kPalette.size()]);
}

double svg_map_height(const SvgMapOptions& options) {
  check_options(options);
  const Projection p(options);
  return std::round(2.0 * options.margin_px + (options.extent.max_lat - options.extent.min_lat) * p.scale);
}

std::string render_svg_map(const MapLayers& layers, const SvgMapOptions& o) {
  check_options(o);
  const Projection p(o);
  const double width = o.width_px;
  const double height = svg_map_height(o);
  for (const auto& pt : layers.background) validate_geopoint(pt, "background");
  for (const auto& line : layers.lines) {
    for (const auto& pt : line) validate_geopoint(pt, "lines");
  }
  for (const auto& pt : layers.points) validate_geopoint(pt.location, pt.label.empty() ? "points" : pt.label);

  std::string s;
  s.reserve(64 * (layers.background.size() + layers.points.size()) + 4096);
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" + num(height) +
       "\" viewBox=\"0 0 " + num(width) + ' ' + num(height) + "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  s += "<clipPath id=\"map\"><rect x=\"" + num(o.margin_px) + "\" y=\"" + num(o.margin_px) + "\" width=\"" +
       num(width - 2 * o.margin_px) + "\" height=\"" + num(height - 2 * o.margin_px) + "\"/></clipPath>\n";
  s += "<g clip-path=\"url(#map)\">\n";

  s += "<g id=\"background\" fill=\"#9a9a9a\" fill-opacity=\"0.45\">\n";
  for (const auto& pt : layers.background) {
    s += "<circle cx=\"" + num(p.x(o, pt.lon)) + "\" cy=\"" + num(p.y(o, pt.lat)) + "\" r=\"1.6\"/>\n";
  }
  s += "</g>\n";

  s += "<g id=\"lines\" fill=\"none\" stroke=\"#C0392B\" stroke-width=\"2\" stroke-dasharray=\"6 3\">\n";
  for (const auto& line : layers.lines) {
    if (line.size() < 2) continue;
    s += "<polyline points=\"";
    for (const auto& pt : line) s += num(p.x(o, pt.lon)) + ',' + num(p.y(o, pt.lat)) + ' ';
    s += "\"/>\n";
  }
  s += "</g>\n";

  s += "<g id=\"points\" stroke=\"#222222\">\n";
  for (const auto& pt : layers.points) {
    const double r = pt.medoid ? 7.5 : 5.5;
    s += "<circle cx=\"" + num(p.x(o, pt.location.lon)) + "\" cy=\"" + num(p.y(o, pt.location.lat)) + "\" r=\"" +
         num(r) + "\" fill=\"" + group_colour(pt.group) + "\" stroke-width=\"" + (pt.medoid ? "2.5" : "1") + "\"/>\n";
  }
  s += "</g>\n";
  if (o.labels) {
    // White halo under the text (paint-order) keeps labels readable over points and lines.
    s += "<g id=\"labels\" font-size=\"12\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"3\" "
         "paint-order=\"stroke\" stroke-linejoin=\"round\">\n";
    for (const auto& pt : layers.points) {
      if (pt.label.empty()) continue;
      s += "<text x=\"" + num(p.x(o, pt.location.lon) + 9) + "\" y=\"" + num(p.y(o, pt.location.lat) + 4) + "\">" +
           escape_xml(pt.label) + "</text>\n";
    }
    s += "</g>\n";
  }
  s += "</g>\n";

  // Frame, title, legend and scale bar.
  s += "<rect x=\"" + num(o.margin_px) + "\" y=\"" + num(o.margin_px) + "\" width=\"" + num(width - 2 * o.margin_px) +
       "\" height=\"" + num(height - 2 * o.margin_px) + "\" fill=\"none\" stroke=\"#444444\"/>\n";
  if (!layers.title.empty()) {
    s += "<text x=\"" + num(o.margin_px + 10) + "\" y=\"" + num(o.margin_px + 24) +
         "\" font-size=\"18\" font-weight=\"bold\" fill=\"#111111\">" + escape_xml(layers.title) + "</text>\n";
  }
  const double row = 18.0;
  std::size_t rows = layers.group_names.size() + (layers.lines.empty() ? 0 : 1) + (layers.background.empty() ? 0 : 1);
  double ly = height - o.margin_px - 10 - row * static_cast<double>(rows);
  const double lx = o.margin_px + 10;
  s += "<g id=\"legend\" font-size=\"12\" fill=\"#111111\">\n";
  s += "<rect x=\"" + num(lx - 6) + "\" y=\"" + num(ly - 6) + "\" width=\"260\" height=\"" +
       num(row * static_cast<double>(rows) + 8) + "\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#bbbbbb\"/>\n";
  for (std::size_t g = 0; g < layers.group_names.size(); ++g, ly += row) {
    s += "<circle cx=\"" + num(lx + 6) + "\" cy=\"" + num(ly + 6) + "\" r=\"5.5\" stroke=\"#222222\" fill=\"" +
         group_colour(static_cast<int>(g)) + "\"/><text x=\"" + num(lx + 18) + "\" y=\"" + num(ly + 10) + "\">" +
         escape_xml(layers.group_names[g]) + "</text>\n";
  }
  if (!layers.lines.empty()) {
    s += "<line x1=\"" + num(lx) + "\" y1=\"" + num(ly + 6) + "\" x2=\"" + num(lx + 12) + "\" y2=\"" + num(ly + 6) +
         "\" stroke=\"#C0392B\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/><text x=\"" + num(lx + 18) + "\" y=\"" +
         num(ly + 10) + "\">" + escape_xml(layers.lines_label) + "</text>\n";
    ly += row;
  }
  if (!layers.background.empty()) {
    s += "<circle cx=\"" + num(lx + 6) + "\" cy=\"" + num(ly + 6) + "\" r=\"1.6\" fill=\"#9a9a9a\"/><text x=\"" +
         num(lx + 18) + "\" y=\"" + num(ly + 10) + "\">Other hromada centres</text>\n";
  }
  s += "</g>\n";

  const double map_km = (o.extent.max_lon - o.extent.min_lon) * p.coslat * kKmPerDegree;
  const double bar_km = nice_scale_length(map_km);
  const double bar_px = bar_km / kKmPerDegree * p.scale;
  const double bx = width - o.margin_px - 20 - bar_px;
  const double by = height - o.margin_px - 20;
  s += "<g id=\"scale\" font-size=\"12\" fill=\"#111111\">\n";
  s += "<rect x=\"" + num(bx) + "\" y=\"" + num(by) + "\" width=\"" + num(bar_px / 2) + "\" height=\"5\" fill=\"#222222\"/>";
  s += "<rect x=\"" + num(bx + bar_px / 2) + "\" y=\"" + num(by) + "\" width=\"" + num(bar_px / 2) +
       "\" height=\"5\" fill=\"#ffffff\" stroke=\"#222222\"/>\n";
  s += "<text x=\"" + num(bx) + "\" y=\"" + num(by - 4) + "\">0</text><text x=\"" + num(bx + bar_px) + "\" y=\"" +
       num(by - 4) + "\" text-anchor=\"end\">" + num(bar_km).substr(0, num(bar_km).size() - 2) + " km</text>\n";
  s += "</g>\n</svg>\n";
  return s;
}

}  // namespace clir
