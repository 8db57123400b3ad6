// The SVG map (docs/report.md): projection, shared-border simplification and rendering. The
// legend and colours are in svg_map_legend.cpp, the label placement in svg_map_labels.cpp.
#include "clir/report/svg_map.hpp"
#include "clir/io/format.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numbers>
#include <string_view>

#include "clir/core/error.hpp"
#include "clir/distance/geo.hpp"
#include "clir/report/html.hpp"
#include "../core/utf8.hpp"
#include "svg_map_detail.hpp"

namespace clir {

using detail::check_options;
using detail::class_colour;
using detail::Furniture;
using detail::furniture;
using detail::has_value;
using detail::kLegendFont;
using detail::kLegendRow;
using detail::LegendSymbol;
using detail::point_radius;
using detail::Projection;
using detail::value_class;
using detail::value_range;
using detail::ValueRange;

namespace {

// escape_html(), with line breaks kept as character references (multi-line tooltips).
std::string escape_xml(std::string_view text) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    out += escape_html(text.substr(start, end - start));
    if (end == std::string_view::npos) return out;
    out += "&#10;";
    start = end + 1;
  }
}

std::string num(double v) { return format_fixed(v, 1); }

// A vertex in tenths of a pixel.
using PixelPoint = std::pair<long, long>;
using PixelRing = std::vector<PixelPoint>;  // open: the first vertex is not repeated

// Projects shapes for display: each vertex rounded to 0.1 px (consecutive ones that round alike
// merged), then every chain of vertices between two junctions simplified once with
// Douglas-Peucker to within @p tolerance_px, whichever shape it belongs to. A border two shapes
// share is one chain, so it comes out the same in both: no gaps, no overlaps, and oblast borders
// stay on the hromada edges. A junction is a vertex whose neighbours are not exactly two (where
// three areas meet, or a ring touches another at a point); a ring without one (an island, an
// enclave) is one chain from its smallest vertex. A ring left with fewer than three vertices
// (smaller than a pixel) is dropped.
class DisplayTopology {
 public:
  explicit DisplayTopology(double tolerance_px) : tolerance_tenths_(tolerance_px * 10.0) {}

  // Adds a shape's rings; returns its index for rings().
  std::size_t add(const GeoMultiPolygon& shape, const Projection& p, const SvgMapOptions& o) {
    std::vector<PixelRing> rings;
    const auto add_ring = [&](const GeoRing& ring) {
      PixelRing q;
      for (const auto& v : ring) {
        const PixelPoint at{std::lround(p.x(o, v.lon) * 10.0), std::lround(p.y(o, v.lat) * 10.0)};
        if (q.empty() || q.back() != at) q.push_back(at);
      }
      while (q.size() > 1 && q.back() == q.front()) q.pop_back();
      if (q.size() >= 3) rings.push_back(std::move(q));
    };
    for (const auto& polygon : shape) {
      add_ring(polygon.outer);
      for (const auto& hole : polygon.holes) add_ring(hole);
    }
    for (const auto& ring : rings) {
      for (std::size_t i = 0; i < ring.size(); ++i) {
        auto& n = neighbours_[ring[i]];
        for (const PixelPoint& m : {ring[(i + ring.size() - 1) % ring.size()], ring[(i + 1) % ring.size()]}) {
          if (std::find(n.begin(), n.end(), m) == n.end()) n.push_back(m);
        }
      }
    }
    shapes_.push_back(std::move(rings));
    return shapes_.size() - 1;
  }

  // The simplified rings of shape @p index (after every shape is added).
  std::vector<PixelRing> rings(std::size_t index) {
    std::vector<PixelRing> out;
    for (const PixelRing& ring : shapes_[index]) {
      std::vector<std::size_t> junctions;
      for (std::size_t i = 0; i < ring.size(); ++i) {
        if (neighbours_.at(ring[i]).size() != 2) junctions.push_back(i);
      }
      if (junctions.empty()) {
        junctions.push_back(static_cast<std::size_t>(std::min_element(ring.begin(), ring.end()) - ring.begin()));
      }
      PixelRing simplified;
      for (std::size_t j = 0; j < junctions.size(); ++j) {
        const std::size_t from = junctions[j];
        const std::size_t to = j + 1 < junctions.size() ? junctions[j + 1] : junctions[0] + ring.size();
        PixelRing chain;
        for (std::size_t i = from; i <= to; ++i) chain.push_back(ring[i % ring.size()]);
        const PixelRing& kept = simplified_chain(chain);
        simplified.insert(simplified.end(), kept.begin(), kept.end() - 1);  // the end starts the next chain
      }
      if (simplified.size() >= 3) out.push_back(std::move(simplified));
    }
    return out;
  }

 private:
  // The chain simplified, in its own direction; computed once per chain in one canonical
  // direction (the lexicographically smaller), so both sides of a border agree.
  const PixelRing& simplified_chain(const PixelRing& chain) {
    PixelRing reversed(chain.rbegin(), chain.rend());
    const bool flip = reversed < chain;
    const PixelRing& canonical = flip ? reversed : chain;
    auto [it, inserted] = cache_.try_emplace(canonical);
    if (inserted) {
      std::vector<bool> keep(canonical.size(), false);
      keep.front() = keep.back() = true;
      douglas_peucker(canonical, 0, canonical.size() - 1, keep);
      for (std::size_t i = 0; i < canonical.size(); ++i) {
        if (keep[i]) it->second.first.push_back(canonical[i]);
      }
      it->second.second.assign(it->second.first.rbegin(), it->second.first.rend());
    }
    return flip ? it->second.second : it->second.first;
  }

  void douglas_peucker(const PixelRing& c, std::size_t a, std::size_t b, std::vector<bool>& keep) const {
    if (b <= a + 1) return;
    const double ax = static_cast<double>(c[a].first), ay = static_cast<double>(c[a].second);
    const double dx = static_cast<double>(c[b].first) - ax, dy = static_cast<double>(c[b].second) - ay;
    const double len2 = dx * dx + dy * dy;
    double worst = -1;
    std::size_t at = a;
    for (std::size_t i = a + 1; i < b; ++i) {
      const double px = static_cast<double>(c[i].first) - ax, py = static_cast<double>(c[i].second) - ay;
      // Distance to the segment (to the endpoint when the chain closes on itself).
      const double t = len2 > 0 ? std::clamp((px * dx + py * dy) / len2, 0.0, 1.0) : 0.0;
      const double d = std::hypot(px - t * dx, py - t * dy);
      if (d > worst) worst = d, at = i;
    }
    if (worst <= tolerance_tenths_) return;
    keep[at] = true;
    douglas_peucker(c, a, at, keep);
    douglas_peucker(c, at, b, keep);
  }

  double tolerance_tenths_;
  std::vector<std::vector<PixelRing>> shapes_;
  std::map<PixelPoint, std::vector<PixelPoint>> neighbours_;
  std::map<PixelRing, std::pair<PixelRing, PixelRing>> cache_;  // canonical chain -> kept, kept reversed
};

// Appends @p rings as SVG path data: the first vertex of each absolute, the rest relative, in
// tenths (exact: no rounding drift), in the shortest form SVG reads: no leading zero (".5"), no
// separator before a minus sign.
void append_path_data(std::string& s, const std::vector<PixelRing>& rings) {
  const auto number = [&s](long v) {
    const long a = v < 0 ? -v : v;
    const char last = s.empty() ? 'M' : s.back();
    // A separator only where the number would otherwise run into the previous one: a digit
    // follows a digit, or a ".5" follows a number that already has its decimal point.
    const bool digit_before = last >= '0' && last <= '9';
    if (v >= 0 && digit_before) {
      const std::size_t start = s.find_last_not_of("0123456789");
      const bool has_point = start != std::string::npos && s[start] == '.';
      if (a >= 10 || !has_point || a % 10 == 0) s += ' ';
    } else if (v < 0) {
      s += '-';
    }
    char buf[32];
    if (a >= 10 || a % 10 == 0) {
      std::snprintf(buf, sizeof buf, a % 10 ? "%ld.%ld" : "%ld", a / 10, a % 10);
    } else {
      std::snprintf(buf, sizeof buf, ".%ld", a % 10);
    }
    s += buf;
  };
  for (const PixelRing& q : rings) {
    s += 'M';
    number(q[0].first);
    number(q[0].second);
    s += 'l';
    for (std::size_t i = 1; i < q.size(); ++i) {
      number(q[i].first - q[i - 1].first);
      number(q[i].second - q[i - 1].second);
    }
    s += 'z';
  }
}

}  // namespace

namespace detail {

void check_options(const SvgMapOptions& o) {
  if (!(o.width_px > 2.0 * o.margin_px)) {
    throw ConfigError("width_px", "map width must exceed twice the margin");
  }
  if (!(o.simplify_px >= 0.0 && o.simplify_px <= 100.0)) {
    throw ConfigError("simplify_px", "expected a display tolerance from 0 to 100 pixels");
  }
  const auto& e = o.extent;
  if (!(e.min_lat < e.max_lat) || !(e.min_lon < e.max_lon) || e.min_lat < -90 || e.max_lat > 90 || e.min_lon < -180 || e.max_lon > 180) {
    throw ConfigError("extent", "map extent must have south < north and west < east within [-90, 90] × [-180, 180]");
  }
}

}  // namespace detail

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
  for (const auto& ring : layers.outline) {
    for (const auto& pt : ring) validate_geopoint(pt, "outline");
  }
  for (const auto& pt : layers.background) validate_geopoint(pt, "background");
  for (const auto& line : layers.lines) {
    for (const auto& pt : line) validate_geopoint(pt, "lines");
  }
  for (const auto& rl : layers.region_labels) validate_geopoint(rl.location, rl.text.empty() ? "region_labels" : rl.text);
  for (const auto& pt : layers.points) {
    validate_geopoint(pt.location, pt.label.empty() ? "points" : pt.label);
    if (layers.colouring == MapColouring::value && !(pt.value && std::isfinite(*pt.value))) {
      throw InputError("a point has no finite value to colour it by", {.key = pt.label.empty() ? "points" : pt.label});
    }
  }
  for (const auto& a : layers.areas) {
    const std::string key = a.id.empty() ? "areas" : a.id;
    for (const auto& polygon : a.shape) {
      for (const auto& v : polygon.outer) validate_geopoint(v, key);
      for (const auto& hole : polygon.holes) {
        for (const auto& v : hole) validate_geopoint(v, key);
      }
    }
    if (layers.area_colouring == AreaColouring::category && a.category >= static_cast<int>(layers.area_categories.size())) {
      throw InputError("an area's category " + std::to_string(a.category) + " is not among the " +
                           std::to_string(layers.area_categories.size()) + " area categories",
                       {.key = key});
    }
  }
  for (const auto& shape : layers.borders) {
    for (const auto& polygon : shape) {
      for (const auto& v : polygon.outer) validate_geopoint(v, "borders");
    }
  }
  const std::vector<double> edges = area_class_breaks(layers.areas, layers.area_classes, layers.area_breaks);
  const Furniture f = furniture(layers, o, p, height);
  const ValueRange range = value_range(layers);
  const auto fill_of = [&](const MapPoint& pt) {
    if (layers.colouring == MapColouring::group) return group_colour(pt.group);
    if (layers.colouring == MapColouring::plain) return std::string("#ffffff");
    return value_colour(range.hi > range.lo ? (*pt.value - range.lo) / (range.hi - range.lo) : 0.5);
  };

  std::string s;
  s.reserve(64 * (layers.background.size() + layers.points.size()) + 32768);
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" + num(height) +
       "\" viewBox=\"0 0 " + num(width) + ' ' + num(height) + "\" font-family=\"DejaVu Sans, Arial, sans-serif\" role=\"img\">\n";
  if (!layers.title.empty()) s += "<title>" + escape_xml(layers.title) + "</title>\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  s += "<clipPath id=\"map-frame\"><rect x=\"" + num(o.margin_px) + "\" y=\"" + num(o.margin_px) + "\" width=\"" +
       num(width - 2 * o.margin_px) + "\" height=\"" + num(height - 2 * o.margin_px) + "\"/></clipPath>\n";
  s += "<g clip-path=\"url(#map-frame)\">\n";

  if (!layers.outline.empty()) {
    s += "<path id=\"outline\" fill=\"#F3F0E8\" stroke=\"#6E6E6E\" stroke-width=\"1.2\" stroke-linejoin=\"round\" "
         "fill-rule=\"evenodd\" d=\"";
    for (const auto& ring : layers.outline) {
      for (std::size_t i = 0; i < ring.size(); ++i) {
        s += (i == 0 ? 'M' : 'L') + num(p.x(o, ring[i].lon)) + ',' + num(p.y(o, ring[i].lat));
      }
      s += 'Z';
    }
    s += "\"/>\n";
  }

  DisplayTopology topology(o.simplify_px);
  std::vector<std::size_t> area_shape, border_shape;
  for (const auto& a : layers.areas) area_shape.push_back(topology.add(a.shape, p, o));
  for (const auto& b : layers.borders) border_shape.push_back(topology.add(b, p, o));
  if (!layers.areas.empty()) {
    // A thin white edge between areas shows each one without hiding small ones.
    s += "<g id=\"areas\" stroke=\"#ffffff\" stroke-width=\"0.4\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n";
    for (std::size_t ai = 0; ai < layers.areas.size(); ++ai) {
      const MapArea& a = layers.areas[ai];
      std::string fill = kNoDataColour;
      if (layers.area_colouring == AreaColouring::category) {
        if (a.category >= 0) fill = layers.area_categories[static_cast<std::size_t>(a.category)].colour;
      } else if (has_value(a)) {
        fill = class_colour(value_class(edges, *a.value), static_cast<int>(edges.size()) - 1);
      }
      s += "<path fill=\"" + fill + "\"";
      if (!a.id.empty()) s += " data-id=\"" + escape_xml(a.id) + "\"";
      s += " d=\"";
      append_path_data(s, topology.rings(area_shape[ai]));
      s += '"';
      s += a.tooltip.empty() ? "/>\n" : "><title>" + escape_xml(a.tooltip) + "</title></path>\n";
    }
    s += "</g>\n";
  }
  if (!layers.borders.empty()) {
    s += "<path id=\"borders\" fill=\"none\" stroke=\"#3C3C3C\" stroke-width=\"0.9\" stroke-linejoin=\"round\" d=\"";
    for (const std::size_t shape : border_shape) append_path_data(s, topology.rings(shape));
    s += "\"/>\n";
  }

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

  const LabelPlacement placement = o.labels ? place_map_labels(layers, o) : LabelPlacement{};
  s += "<g id=\"leaders\" stroke=\"#555555\" stroke-width=\"0.8\">\n";
  for (const auto& l : placement.labels) {
    if (!l.leader) continue;
    // From the point to the nearest point of the label's box.
    const double tx = std::clamp(l.anchor_x, l.box.x, l.box.x + l.box.width);
    const double ty = std::clamp(l.anchor_y, l.box.y, l.box.y + l.box.height);
    s += "<line x1=\"" + num(l.anchor_x) + "\" y1=\"" + num(l.anchor_y) + "\" x2=\"" + num(tx) + "\" y2=\"" + num(ty) + "\"/>\n";
  }
  s += "</g>\n";

  s += "<g id=\"points\" stroke=\"#222222\">\n";
  for (const auto& pt : layers.points) {
    s += "<circle cx=\"" + num(p.x(o, pt.location.lon)) + "\" cy=\"" + num(p.y(o, pt.location.lat)) + "\" r=\"" +
         num(point_radius(layers, pt)) + "\" fill=\"" + fill_of(pt) + "\" stroke-width=\"" + (pt.medoid ? "2.5" : "1") + "\"";
    if (!pt.id.empty()) s += " data-id=\"" + escape_xml(pt.id) + "\"";
    if (pt.tooltip.empty()) {
      s += "/>\n";
    } else {
      s += "><title>" + escape_xml(pt.tooltip) + "</title></circle>\n";
    }
  }
  s += "</g>\n";
  if (o.labels) {
    // White halo under the text (paint-order) keeps labels readable over points and lines.
    s += "<g id=\"labels\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" "
         "stroke-linejoin=\"round\">\n";
    for (const auto& l : placement.labels) {
      s += "<text x=\"" + num(l.text_x) + "\" y=\"" + num(l.text_y) + "\" font-size=\"" + num(l.font_px) + "\"";
      if (l.region) s += " class=\"region\" fill=\"#5A5A5A\" font-style=\"italic\"";
      s += ">" + escape_xml(l.text) + "</text>\n";
    }
    s += "</g>\n";
  }
  s += "</g>\n";

  // Frame, title, legend and scale bar.
  s += "<rect x=\"" + num(o.margin_px) + "\" y=\"" + num(o.margin_px) + "\" width=\"" + num(width - 2 * o.margin_px) +
       "\" height=\"" + num(height - 2 * o.margin_px) + "\" fill=\"none\" stroke=\"#444444\"/>\n";
  if (!layers.title.empty()) {
    s += "<text x=\"" + num(o.margin_px + 10) + "\" y=\"" + num(o.margin_px + 24) +
         "\" font-size=\"18\" font-weight=\"bold\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"4\" "
         "paint-order=\"stroke\" stroke-linejoin=\"round\">" + escape_xml(layers.title) + "</text>\n";
  }
  if (!f.legend.empty()) {
    const LabelBox& b = f.legend_box;
    s += "<g id=\"legend\" font-size=\"" + num(kLegendFont) + "\" fill=\"#111111\">\n";
    s += "<rect x=\"" + num(b.x) + "\" y=\"" + num(b.y) + "\" width=\"" + num(b.width) + "\" height=\"" + num(b.height) +
         "\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#bbbbbb\"/>\n";
    const double lx = b.x + 6;
    double ly = b.y + 4;
    for (const auto& row : f.legend) {
      const double cy = ly + 7;
      switch (row.symbol) {
        case LegendSymbol::heading: break;
        case LegendSymbol::swatch:
          s += "<rect x=\"" + num(lx) + "\" y=\"" + num(cy - 6) + "\" width=\"14\" height=\"12\" fill=\"" + row.colour +
               "\" stroke=\"#888888\" stroke-width=\"0.6\"/>";
          break;
        case LegendSymbol::plain:
          s += "<circle cx=\"" + num(lx + 7) + "\" cy=\"" + num(cy) + "\" r=\"3.5\" stroke=\"#222222\" fill=\"#ffffff\"/>";
          break;
        case LegendSymbol::border:
          s += "<line x1=\"" + num(lx) + "\" y1=\"" + num(cy) + "\" x2=\"" + num(lx + 14) + "\" y2=\"" + num(cy) +
               "\" stroke=\"#3C3C3C\" stroke-width=\"0.9\"/>";
          break;
        case LegendSymbol::group:
          s += "<circle cx=\"" + num(lx + 6) + "\" cy=\"" + num(cy) + "\" r=\"5.5\" stroke=\"#222222\" fill=\"" +
               group_colour(row.group) + "\"/>";
          break;
        case LegendSymbol::medoid:
          s += "<circle cx=\"" + num(lx + 6) + "\" cy=\"" + num(cy) + "\" r=\"6\" stroke=\"#222222\" stroke-width=\"2.5\" fill=\"#ffffff\"/>";
          break;
        case LegendSymbol::ramp:
          for (int k = 0; k < 4; ++k) {
            s += "<rect x=\"" + num(lx + 4.0 * k) + "\" y=\"" + num(cy - 5) + "\" width=\"4\" height=\"10\" fill=\"" +
                 value_colour(k / 3.0) + "\"/>";
          }
          break;
        case LegendSymbol::outline:
          s += "<rect x=\"" + num(lx) + "\" y=\"" + num(cy - 5) + "\" width=\"14\" height=\"10\" fill=\"#F3F0E8\" stroke=\"#6E6E6E\"/>";
          break;
        case LegendSymbol::line:
          s += "<line x1=\"" + num(lx) + "\" y1=\"" + num(cy) + "\" x2=\"" + num(lx + 14) + "\" y2=\"" + num(cy) +
               "\" stroke=\"#C0392B\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>";
          break;
        case LegendSymbol::background:
          s += "<circle cx=\"" + num(lx + 6) + "\" cy=\"" + num(cy) + "\" r=\"1.6\" fill=\"#9a9a9a\"/>";
          break;
        case LegendSymbol::note: break;
      }
      const bool heading = row.symbol == LegendSymbol::heading;
      s += "<text x=\"" + num(heading ? lx : lx + 20) + "\" y=\"" + num(cy + 4) + "\"" +
           (row.symbol == LegendSymbol::note ? " font-style=\"italic\" fill=\"#5A5A5A\"" : "") +
           (heading ? " font-weight=\"bold\"" : "") + ">" + escape_xml(row.text) + "</text>\n";
      ly += kLegendRow;
    }
    s += "</g>\n";
  }

  const double bx = f.scale_box.x + 10, by = f.scale_box.y + 22;
  s += "<g id=\"scale\" font-size=\"12\" fill=\"#111111\">\n";
  s += "<rect x=\"" + num(bx) + "\" y=\"" + num(by) + "\" width=\"" + num(f.bar_px / 2) + "\" height=\"5\" fill=\"#222222\"/>";
  s += "<rect x=\"" + num(bx + f.bar_px / 2) + "\" y=\"" + num(by) + "\" width=\"" + num(f.bar_px / 2) +
       "\" height=\"5\" fill=\"#ffffff\" stroke=\"#222222\"/>\n";
  s += "<text x=\"" + num(bx) + "\" y=\"" + num(by - 4) + "\">0</text><text x=\"" + num(bx + f.bar_px) + "\" y=\"" +
       num(by - 4) + "\" text-anchor=\"end\">" + num(f.bar_km).substr(0, num(f.bar_km).size() - 2) + " km</text>\n";
  s += "</g>\n";
  if (!layers.attribution.empty()) {
    s += "<text id=\"attribution\" x=\"" + num(o.margin_px) + "\" y=\"" + num(height - o.margin_px + 15) +
         "\" font-size=\"10\" fill=\"#444444\">" + escape_xml(layers.attribution) + "</text>\n";
  }
  s += "</svg>\n";
  return s;
}

}  // namespace clir
