#include "clir/report/svg_map.hpp"

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

namespace clir {

namespace {

// Okabe & Ito (2008) colour-blind-safe palette, without black (used for outlines) and yellow
// (unreadable on white), plus two darker tones for groups 7 and 8.
constexpr std::array<std::string_view, 8> kPalette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                      "#E69F00", "#56B4E9", "#7A5195", "#8C6D31"};

// Viridis at 0, 0.25, 0.5, 0.75, 1 (sRGB): monotone in lightness, so it reads in grey too.
constexpr std::array<std::array<int, 3>, 5> kRamp = {{{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};

constexpr double kKmPerDegree = kMeanEarthRadiusKm * std::numbers::pi / 180.0;
constexpr double kPointFont = 12.0;
constexpr double kRegionFont = 10.5;
constexpr double kLegendFont = 12.0;
constexpr double kLegendRow = 18.0;

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

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

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

// A round length (1, 2 or 5 × 10^k km) close to a fifth of the map width.
double nice_scale_length(double map_km) {
  const double target = map_km / 5.0;
  const double p = std::pow(10.0, std::floor(std::log10(target)));
  for (double m : {5.0, 2.0, 1.0}) {
    if (m * p <= target) return m * p;
  }
  return p;
}

// Plain markers sit over a choropleth: small enough to leave the area's colour visible.
double point_radius(const MapLayers& layers, const MapPoint& p) {
  if (layers.colouring == MapColouring::plain) return p.medoid ? 4.5 : 3.5;
  return p.medoid ? 7.5 : 5.5;
}

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

ValueRange value_range(const MapLayers& layers) {
  ValueRange r{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (const auto& p : layers.points) {
    if (p.value) r.lo = std::min(r.lo, *p.value), r.hi = std::max(r.hi, *p.value);
  }
  if (r.lo > r.hi) r = {0, 0};
  return r;
}

std::string short_number(double v) {
  char buf[32];
  // Three significant digits, without an exponent for the counts (population, area) maps show.
  std::snprintf(buf, sizeof buf, std::fabs(v) >= 1000 ? "%.0f" : "%.3g", v);
  return buf;
}

std::string class_colour(int k, int classes) { return value_colour(classes > 1 ? k / static_cast<double>(classes - 1) : 0.5); }

// The class (0-based) of @p v among the breaks (edges.size() - 1 classes): the last edge at or
// below it, the top edge belonging to the top class.
int value_class(const std::vector<double>& edges, double v) {
  const auto above = std::upper_bound(edges.begin() + 1, edges.end() - 1, v);
  return static_cast<int>(above - (edges.begin() + 1));
}

bool has_value(const MapArea& a) { return a.value && std::isfinite(*a.value); }

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

// The fixed furniture of the map (title, legend, scale bar), which labels must not cover.
struct Furniture {
  std::vector<LegendRow> legend;
  LabelBox legend_box, title_box, scale_box;
  double bar_km = 0, bar_px = 0;
};

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

// Advance width in em of a character in DejaVu Sans, rounded up to a few classes.
double char_em(char32_t c) {
  static constexpr std::u32string_view narrow = U" .,:;'’ʼ!|()[]ilIjfrtі1ї-";
  static constexpr std::u32string_view wide = U"mwMWжшщюмЖШЩЮМФф%@";
  if (narrow.find(c) != std::u32string_view::npos) return 0.40;
  if (wide.find(c) != std::u32string_view::npos) return 0.95;
  const bool upper = (c >= U'A' && c <= U'Z') || (c >= U'А' && c <= U'Я') || c == U'Є' || c == U'І' || c == U'Ї' || c == U'Ґ';
  return upper ? 0.78 : 0.66;
}

// Candidate spots for a label of size w × h next to the point (cx, cy) of radius r: first the
// eight spots touching the point, then rings of growing distance (16 directions each).
struct Spot {
  double x, y;  // top-left of the box
  bool leader;
};

std::vector<Spot> candidate_spots(double cx, double cy, double r, double w, double h) {
  std::vector<Spot> spots;
  const double g = std::max(r, 3.0) + 3.0;
  spots.push_back({cx + g, cy - h / 2, false});          // right
  spots.push_back({cx - g - w, cy - h / 2, false});      // left
  spots.push_back({cx - w / 2, cy - g - h, false});      // above
  spots.push_back({cx - w / 2, cy + g, false});          // below
  spots.push_back({cx + g * 0.7, cy - g * 0.7 - h, false});      // upper right
  spots.push_back({cx + g * 0.7, cy + g * 0.7, false});          // lower right
  spots.push_back({cx - g * 0.7 - w, cy - g * 0.7 - h, false});  // upper left
  spots.push_back({cx - g * 0.7 - w, cy + g * 0.7, false});      // lower left
  for (double d = g + 12.0; d <= g + 260.0; d += 12.0) {
    for (int k = 0; k < 16; ++k) {
      const double a = 2.0 * std::numbers::pi * k / 16.0;
      const double ax = cx + d * std::cos(a), ay = cy - d * std::sin(a);
      // The box hangs off the anchor on the side away from the point.
      const double c = std::cos(a), s = std::sin(a);
      const double x = c > 0.3 ? ax : c < -0.3 ? ax - w : ax - w / 2;
      const double y = s > 0.3 ? ay - h : s < -0.3 ? ay : ay - h / 2;
      spots.push_back({x, y, true});
    }
  }
  return spots;
}

}  // namespace

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

double estimate_text_width(std::string_view utf8, double font_px) {
  double em = 0;
  for (std::size_t at = 0; at < utf8.size();) em += char_em(detail::next_code_point(utf8, at));
  return em * font_px;
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

double svg_map_height(const SvgMapOptions& options) {
  check_options(options);
  const Projection p(options);
  return std::round(2.0 * options.margin_px + (options.extent.max_lat - options.extent.min_lat) * p.scale);
}

LabelPlacement place_map_labels(const MapLayers& layers, const SvgMapOptions& o) {
  check_options(o);
  const Projection p(o);
  const double height = svg_map_height(o);
  const Furniture f = furniture(layers, o, p, height);
  const LabelBox frame{o.margin_px + 2, o.margin_px + 2, o.width_px - 2 * o.margin_px - 4, height - 2 * o.margin_px - 4};

  std::vector<LabelBox> taken = {f.legend_box, f.title_box, f.scale_box};
  struct Marker {
    double x, y, r;
  };
  std::vector<Marker> markers;
  for (const auto& pt : layers.points) {
    const double r = point_radius(layers, pt) + 1.5;
    markers.push_back({p.x(o, pt.location.lon), p.y(o, pt.location.lat), r});
    taken.push_back({markers.back().x - r, markers.back().y - r, 2 * r, 2 * r});
  }
  // A leader line must not pass over another point: it would seem to point at that one.
  const auto leader_is_clear = [&](double x0, double y0, const LabelBox& b) {
    const double x1 = std::clamp(x0, b.x, b.x + b.width), y1 = std::clamp(y0, b.y, b.y + b.height);
    const double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
    return std::none_of(markers.begin(), markers.end(), [&](const Marker& m) {
      if (std::hypot(m.x - x0, m.y - y0) < 0.5) return false;  // its own point
      const double t = len2 > 0 ? std::clamp(((m.x - x0) * dx + (m.y - y0) * dy) / len2, 0.0, 1.0) : 0.0;
      return std::hypot(x0 + t * dx - m.x, y0 + t * dy - m.y) < m.r;
    });
  };
  const auto fits = [&](const LabelBox& b) {
    if (b.x < frame.x || b.y < frame.y || b.x + b.width > frame.x + frame.width || b.y + b.height > frame.y + frame.height) return false;
    return std::none_of(taken.begin(), taken.end(), [&](const LabelBox& t) { return t.overlaps(b); });
  };

  // Medoids first (the group's name-giver), then the other points in order, then regions.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < layers.points.size(); ++i) {
    if (layers.points[i].medoid && !layers.points[i].label.empty()) order.push_back(i);
  }
  for (std::size_t i = 0; i < layers.points.size(); ++i) {
    if (!layers.points[i].medoid && !layers.points[i].label.empty()) order.push_back(i);
  }
  LabelPlacement out;
  const auto place = [&](const std::string& text, bool region, std::size_t index, double cx, double cy, double r, double font) {
    const double w = estimate_text_width(text, font), h = font * 1.25;
    const std::vector<Spot> spots = candidate_spots(cx, cy, r, w, h);
    // Inside a dense cluster every leader crosses some point: then take the first free spot.
    for (const bool clear_leader : {true, false}) {
      for (const Spot& s : spots) {
        const LabelBox b{s.x, s.y, w, h};
        if (!fits(b) || (clear_leader && s.leader && !leader_is_clear(cx, cy, b))) continue;
        taken.push_back(b);
        // The baseline sits a fifth of the line height above the box's bottom (descenders).
        out.labels.push_back({.text = text, .region = region, .index = index, .font_px = font, .box = b,
                              .text_x = b.x, .text_y = b.y + h * 0.8, .leader = s.leader, .anchor_x = cx, .anchor_y = cy});
        return;
      }
    }
    out.dropped.push_back(text);
  };
  for (std::size_t i : order) {
    const MapPoint& pt = layers.points[i];
    place(pt.label, false, i, p.x(o, pt.location.lon), p.y(o, pt.location.lat), point_radius(layers, pt), kPointFont);
  }
  for (std::size_t i = 0; i < layers.region_labels.size(); ++i) {
    const MapRegionLabel& rl = layers.region_labels[i];
    if (rl.text.empty()) continue;
    // A region label is centred on its location: a point of radius 0 whose first spots are
    // right/left/above/below it; shift the first try to the centre.
    const double cx = p.x(o, rl.location.lon), cy = p.y(o, rl.location.lat);
    const double w = estimate_text_width(rl.text, kRegionFont), h = kRegionFont * 1.25;
    const LabelBox centred{cx - w / 2, cy - h / 2, w, h};
    if (fits(centred)) {
      taken.push_back(centred);
      out.labels.push_back({.text = rl.text, .region = true, .index = i, .font_px = kRegionFont, .box = centred,
                            .text_x = centred.x, .text_y = centred.y + h * 0.8, .leader = false, .anchor_x = cx, .anchor_y = cy});
      continue;
    }
    place(rl.text, true, i, cx, cy, 0.0, kRegionFont);
  }
  return out;
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
