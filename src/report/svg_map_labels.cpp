// Labels of the SVG map: text widths, candidate spots around a point, and the greedy placement
// that keeps labels off each other, the points and the map's furniture.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include "../core/utf8.hpp"
#include "clir/report/svg_map.hpp"
#include "svg_map_detail.hpp"

namespace clir {

using detail::check_options;
using detail::Furniture;
using detail::furniture;
using detail::point_radius;
using detail::Projection;

namespace {

constexpr double kPointFont = 12.0;
constexpr double kRegionFont = 10.5;

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

namespace detail {

// Plain markers sit over a choropleth: small enough to leave the area's colour visible.
double point_radius(const MapLayers& layers, const MapPoint& p) {
  if (layers.colouring == MapColouring::plain) return p.medoid ? 4.5 : 3.5;
  return p.medoid ? 7.5 : 5.5;
}

}  // namespace detail

double estimate_text_width(std::string_view utf8, double font_px) {
  double em = 0;
  for (std::size_t at = 0; at < utf8.size();) em += char_em(detail::next_code_point(utf8, at));
  return em * font_px;
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

}  // namespace clir
