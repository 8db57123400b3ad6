#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/data/boundaries.hpp"
#include "clir/data/builtin.hpp"
#include "clir/distance/geo.hpp"
#include "clir/pipeline/programme.hpp"

namespace clir {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846;
constexpr double kKmPerDegree = kMeanEarthRadiusKm * kPi / 180.0;
// The search grid is a plane with x = longitude × cos(48.5°): over Ukraine's latitudes (44–53°N)
// a plane distance is within 0.9 and 1.1 times the distance on the sphere, so a grid ring
// r cells away holds nothing closer than r × cell × kPlaneToSphere.
constexpr double kReferenceCos = 0.66262;  // cos(48.5°)
constexpr double kPlaneToSphere = 0.85;
constexpr double kCellKm = 25.0;

struct Segment {
  GeoPoint a, b;
};

double plane_x(const GeoPoint& p) { return p.lon * kReferenceCos * kKmPerDegree; }
double plane_y(const GeoPoint& p) { return p.lat * kKmPerDegree; }

// The nearest point of segment s to p is found in a plane tangent at p (x scaled by cos_p, the
// cosine of p's latitude; exact enough for segments of a few km, which simplified boundaries and
// the front line have); its distance is then measured on the sphere, unless the plane already
// shows it is no nearer than @p best: over Ukraine's latitudes the plane's distance is at most
// 1.25 times the sphere's, so one at least 1.25 × best away on the plane cannot beat best.
double segment_distance_km(const GeoPoint& p, double cos_p, const Segment& s, double best = kInf) {
  const double ax = (s.a.lon - p.lon) * cos_p, ay = s.a.lat - p.lat;
  const double bx = (s.b.lon - p.lon) * cos_p, by = s.b.lat - p.lat;
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0.0 ? -(ax * dx + ay * dy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  const double qx = ax + t * dx, qy = ay + t * dy;
  const double plane_km = std::sqrt(qx * qx + qy * qy) * kKmPerDegree;
  if (plane_km >= 1.25 * best) return best;
  const GeoPoint q{.lat = s.a.lat + t * (s.b.lat - s.a.lat), .lon = s.a.lon + t * (s.b.lon - s.a.lon)};
  return std::min(best, haversine_km(p, q));
}

double cos_lat(const GeoPoint& p) { return std::cos(p.lat * kPi / 180.0); }

// Whether segments p1p2 and q1q2 cross or touch, in the longitude/latitude plane.
bool segments_intersect(const Segment& p, const Segment& q) {
  auto orient = [](const GeoPoint& a, const GeoPoint& b, const GeoPoint& c) {
    const double v = (b.lon - a.lon) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lon - a.lon);
    return (v > 0) - (v < 0);
  };
  auto within = [](const GeoPoint& a, const GeoPoint& b, const GeoPoint& c) {
    return std::min(a.lon, b.lon) <= c.lon && c.lon <= std::max(a.lon, b.lon) && std::min(a.lat, b.lat) <= c.lat &&
           c.lat <= std::max(a.lat, b.lat);
  };
  const int o1 = orient(p.a, p.b, q.a), o2 = orient(p.a, p.b, q.b);
  const int o3 = orient(q.a, q.b, p.a), o4 = orient(q.a, q.b, p.b);
  if (o1 != o2 && o3 != o4) return true;
  return (o1 == 0 && within(p.a, p.b, q.a)) || (o2 == 0 && within(p.a, p.b, q.b)) ||
         (o3 == 0 && within(q.a, q.b, p.a)) || (o4 == 0 && within(q.a, q.b, p.b));
}

bool ring_contains(const GeoRing& ring, const GeoPoint& p) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const GeoPoint& a = ring[i];
    const GeoPoint& b = ring[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon) {
      inside = !inside;
    }
  }
  return inside;
}

bool area_contains(const GeoMultiPolygon& area, const GeoPoint& p) {
  for (const auto& poly : area) {
    if (!ring_contains(poly.outer, p)) continue;
    if (std::none_of(poly.holes.begin(), poly.holes.end(), [&](const GeoRing& h) { return ring_contains(h, p); })) return true;
  }
  return false;
}

std::vector<Segment> segments_of(const GeoMultiPolygon& area) {
  std::vector<Segment> out;
  auto ring = [&](const GeoRing& r) {
    for (std::size_t i = 1; i < r.size(); ++i) out.push_back({r[i - 1], r[i]});
  };
  for (const auto& poly : area) {
    ring(poly.outer);
    for (const auto& h : poly.holes) ring(h);
  }
  return out;
}

// Segments bucketed in a dense grid of kCellKm squares of the search plane.
class SegmentGrid {
 public:
  explicit SegmentGrid(std::vector<Segment> segments) : segments_(std::move(segments)) {
    for (const auto& s : segments_) {
      for (const GeoPoint& p : {s.a, s.b}) {
        lo_x_ = std::min(lo_x_, cell(plane_x(p)));
        hi_x_ = std::max(hi_x_, cell(plane_x(p)));
        lo_y_ = std::min(lo_y_, cell(plane_y(p)));
        hi_y_ = std::max(hi_y_, cell(plane_y(p)));
      }
    }
    if (segments_.empty()) return;
    width_ = hi_x_ - lo_x_ + 1;
    cells_.resize(static_cast<std::size_t>(width_ * (hi_y_ - lo_y_ + 1)));
    for (std::size_t k = 0; k < segments_.size(); ++k) {
      const auto [x0, x1] = std::minmax({cell(plane_x(segments_[k].a)), cell(plane_x(segments_[k].b))});
      const auto [y0, y1] = std::minmax({cell(plane_y(segments_[k].a)), cell(plane_y(segments_[k].b))});
      for (long x = x0; x <= x1; ++x) {
        for (long y = y0; y <= y1; ++y) at(x, y).push_back(k);
      }
    }
  }

  /// The distance from @p p to the nearest segment, if below @p bound (else @p bound).
  double nearest_km(const GeoPoint& p, double bound = kInf) const {
    if (cells_.empty()) return bound;
    const long cx = cell(plane_x(p)), cy = cell(plane_y(p));
    const long reach = std::max({std::abs(cx - lo_x_), std::abs(cx - hi_x_), std::abs(cy - lo_y_), std::abs(cy - hi_y_)});
    double best = bound;
    const double cos_p = cos_lat(p);
    auto visit = [&](long x, long y) {
      if (x < lo_x_ || x > hi_x_ || y < lo_y_ || y > hi_y_) return;
      for (std::size_t k : at(x, y)) best = segment_distance_km(p, cos_p, segments_[k], best);
    };
    for (long r = 0; r <= reach; ++r) {
      if (static_cast<double>(r - 1) * kCellKm * kPlaneToSphere >= best) break;
      if (r == 0) {
        visit(cx, cy);
        continue;
      }
      for (long x = cx - r; x <= cx + r; ++x) {
        visit(x, cy - r);
        visit(x, cy + r);
      }
      for (long y = cy - r + 1; y <= cy + r - 1; ++y) {
        visit(cx - r, y);
        visit(cx + r, y);
      }
    }
    return best;
  }

  /// Whether any segment meets one of @p edges (candidates from the cells of their bounding boxes).
  bool meets(const std::vector<Segment>& edges) const {
    if (cells_.empty()) return false;
    for (const auto& e : edges) {
      const auto [x0, x1] = std::minmax({cell(plane_x(e.a)), cell(plane_x(e.b))});
      const auto [y0, y1] = std::minmax({cell(plane_y(e.a)), cell(plane_y(e.b))});
      for (long x = std::max(x0, lo_x_); x <= std::min(x1, hi_x_); ++x) {
        for (long y = std::max(y0, lo_y_); y <= std::min(y1, hi_y_); ++y) {
          for (std::size_t k : at(x, y)) {
            if (segments_intersect(e, segments_[k])) return true;
          }
        }
      }
    }
    return false;
  }

 private:
  static long cell(double km) { return static_cast<long>(std::floor(km / kCellKm)); }
  std::vector<std::size_t>& at(long x, long y) { return cells_[static_cast<std::size_t>((y - lo_y_) * width_ + (x - lo_x_))]; }
  const std::vector<std::size_t>& at(long x, long y) const {
    return cells_[static_cast<std::size_t>((y - lo_y_) * width_ + (x - lo_x_))];
  }

  std::vector<Segment> segments_;
  std::vector<std::vector<std::size_t>> cells_;
  long width_ = 0;
  long lo_x_ = std::numeric_limits<long>::max(), hi_x_ = std::numeric_limits<long>::min();
  long lo_y_ = std::numeric_limits<long>::max(), hi_y_ = std::numeric_limits<long>::min();
};

// The boundary of a union of neighbouring polygons: an edge that two of them share (they share
// borders vertex for vertex) lies inside the union and cannot be nearest to a point outside it.
std::vector<Segment> outer_segments(std::vector<Segment> segments) {
  auto key = [](const Segment& s) {
    std::array<double, 4> k{s.a.lon, s.a.lat, s.b.lon, s.b.lat};
    if (std::pair(k[2], k[3]) < std::pair(k[0], k[1])) k = {k[2], k[3], k[0], k[1]};
    return k;
  };
  std::map<std::array<double, 4>, std::size_t> count;
  for (const auto& s : segments) ++count[key(s)];
  std::erase_if(segments, [&](const Segment& s) { return count[key(s)] > 1; });
  return segments;
}

const char* membership_column(DistanceTarget target) {
  switch (target) {
    case DistanceTarget::possible_hostilities: return "possible_hostilities_ongoing";
    case DistanceTarget::active_hostilities: return "active_hostilities_ongoing";
    case DistanceTarget::occupied: return "occupation_ongoing";
    case DistanceTarget::front_line: break;
  }
  return "";
}

std::vector<double> compute_distances(DistanceTarget target, DistanceFrom from) {
  const HromadaDataset& data = builtin_hromadas();
  const auto& polygons = builtin_hromada_polygons();
  const std::size_t n = data.communities.size();
  std::vector<bool> member(n, false);
  std::vector<Segment> target_segments;
  std::vector<std::size_t> members;
  if (target == DistanceTarget::front_line) {
    for (const auto& part : builtin_frontline_2023()) {
      for (std::size_t i = 1; i < part.size(); ++i) target_segments.push_back({part[i - 1], part[i]});
    }
  } else {
    const auto column = data.table.numeric(membership_column(target));
    for (std::size_t i = 0; i < n; ++i) {
      const double v = column(static_cast<Eigen::Index>(i));
      if (v == 1.0) {
        member[i] = true;
        members.push_back(i);
        const auto s = segments_of(polygons[i].polygons);
        target_segments.insert(target_segments.end(), s.begin(), s.end());
      }
    }
  }
  target_segments = outer_segments(std::move(target_segments));
  std::vector<GeoPoint> target_vertices;
  for (const auto& s : target_segments) target_vertices.push_back(s.a);
  // Bounding boxes of the members' polygons: most centres are far from most of them.
  std::vector<std::array<double, 4>> member_box;
  for (std::size_t m : members) {
    std::array<double, 4> box{kInf, -kInf, kInf, -kInf};
    for (const auto& poly : polygons[m].polygons) {
      for (const auto& p : poly.outer) {
        box = {std::min(box[0], p.lon), std::max(box[1], p.lon), std::min(box[2], p.lat), std::max(box[3], p.lat)};
      }
    }
    member_box.push_back(box);
  }
  const SegmentGrid grid(std::move(target_segments));

  std::vector<double> out(n, kInf);
  for (std::size_t i = 0; i < n; ++i) {
    if (member[i]) {
      out[i] = 0.0;
      continue;
    }
    const GeoPoint centre = data.communities[i].location;
    bool centre_inside = false;
    for (std::size_t k = 0; k < members.size() && !centre_inside; ++k) {
      const auto& b = member_box[k];
      if (centre.lon < b[0] || centre.lon > b[1] || centre.lat < b[2] || centre.lat > b[3]) continue;
      centre_inside = area_contains(polygons[members[k]].polygons, centre);
    }
    if (centre_inside) {
      out[i] = 0.0;
      continue;
    }
    const double centre_km = grid.nearest_km(centre);
    if (from == DistanceFrom::centre) {
      out[i] = centre_km;
      continue;
    }
    // From the polygon: 0 when it meets the territory; otherwise the closest pair of points of
    // two disjoint boundaries has a vertex of one of them, so both directions are searched,
    // skipping vertices that the triangle inequality (through the centre) rules out.
    const std::vector<Segment> edges = segments_of(polygons[i].polygons);
    if (grid.meets(edges)) {
      out[i] = 0.0;
      continue;
    }
    double radius = 0.0;
    for (const auto& e : edges) radius = std::max(radius, haversine_km(centre, e.a));
    double best = centre_km;
    // Vertices by their lower bound (centre's distance less their distance from the centre),
    // lowest first: the first searches tighten the bound that lets the rest be skipped.
    std::vector<std::pair<double, std::size_t>> by_bound;
    for (std::size_t k = 0; k < edges.size(); ++k) by_bound.emplace_back(centre_km - haversine_km(centre, edges[k].a), k);
    std::sort(by_bound.begin(), by_bound.end());
    for (const auto& [bound, k] : by_bound) {
      if (bound >= best) break;
      best = grid.nearest_km(edges[k].a, best);
    }
    const double cx = plane_x(centre), cy = plane_y(centre);
    for (const auto& v : target_vertices) {
      // A cheap test in the search plane first: it never rules out a vertex the sphere keeps.
      const double reach = (best + radius) / kPlaneToSphere;
      const double dx = plane_x(v) - cx, dy = plane_y(v) - cy;
      if (dx * dx + dy * dy >= reach * reach) continue;
      if (haversine_km(centre, v) - radius >= best) continue;
      const double cos_v = cos_lat(v);
      for (const auto& e : edges) best = segment_distance_km(v, cos_v, e, best);
    }
    out[i] = best;
  }
  return out;
}

}  // namespace

const std::vector<double>& builtin_distance_to_km(DistanceTarget target, DistanceFrom from) {
  static std::mutex mutex;
  static std::map<std::pair<DistanceTarget, DistanceFrom>, std::vector<double>> cache;
  const std::lock_guard lock(mutex);
  auto it = cache.find({target, from});
  if (it == cache.end()) it = cache.emplace(std::pair{target, from}, compute_distances(target, from)).first;
  return it->second;
}

void add_derived_columns(Table& table, std::span<const DerivedColumn> derived) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < derived.size(); ++i) {
    const DerivedColumn& d = derived[i];
    if (table.has_numeric(d.name) || table.has_categorical(d.name) || !names.insert(d.name).second) {
      throw ConfigError("derived[" + std::to_string(i) + "].name", "the derived column '" + d.name + "' clashes with a column of the pool; choose another name");
    }
    const auto& all = builtin_distance_to_km(d.distance_to, d.from);
    const HromadaDataset& data = builtin_hromadas();
    Eigen::VectorXd values(static_cast<Eigen::Index>(table.rows()));
    for (std::size_t r = 0; r < table.rows(); ++r) values(static_cast<Eigen::Index>(r)) = all[data.table.row(table.ids()[r])];
    table.add_numeric(d.name, values, "km");
  }
}

}  // namespace clir
