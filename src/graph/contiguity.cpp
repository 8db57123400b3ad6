// Contiguity graphs from polygons: every border vertex is tested against the other areas' border
// segments near it (an R-tree of segments) and against the areas whose envelope holds it (an
// R-tree of envelopes, then point-in-polygon), so touching, sliver gaps within the tolerance and
// overlaps are all found; rook neighbours also need a run of border edges whose two ends touch.
#include "clir/graph/contiguity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <string>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/data/boundaries.hpp"
#include "clir/data/builtin.hpp"
#include "clir/distance/geo.hpp"

namespace clir {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using Point = bg::model::point<double, 2, bg::cs::cartesian>;  // km in the local plane
using Box = bg::model::box<Point>;
using Segment = bg::model::segment<Point>;
using Polygon = bg::model::polygon<Point, false>;
using MultiPolygon = bg::model::multi_polygon<Polygon>;
using SegmentEntry = std::pair<Box, std::size_t>;   // envelope, segment index
using AreaEntry = std::pair<Box, std::size_t>;      // envelope, area index
// Bulk-loaded (packing) R-trees: their shape depends only on the input, never on insertion order.
using SegmentTree = bgi::rtree<SegmentEntry, bgi::rstar<16>>;
using AreaTree = bgi::rtree<AreaEntry, bgi::rstar<16>>;

constexpr double degree = std::numbers::pi / 180.0;

struct Plane {
  double lat0 = 0, lon0 = 0, kx = 0, ky = 0;
  Point operator()(const GeoPoint& p) const { return Point((p.lon - lon0) * kx, (p.lat - lat0) * ky); }
};

// Envelope of two points (computed here rather than by bg::return_envelope, which GCC's
// -Wmaybe-uninitialized flags inside Boost for multi-polygons).
Box envelope(const Point& a, const Point& b) {
  return Box(Point(std::min(bg::get<0>(a), bg::get<0>(b)), std::min(bg::get<1>(a), bg::get<1>(b))),
             Point(std::max(bg::get<0>(a), bg::get<0>(b)), std::max(bg::get<1>(a), bg::get<1>(b))));
}

void validate_ring(const GeoRing& ring, std::size_t area, std::string_view what) {
  if (ring.size() < 4) {
    throw InputError("contiguity_graph: area " + std::to_string(area) + ": " + std::string(what) + " has " +
                     std::to_string(ring.size()) + " vertices; a closed ring needs at least 4 (the first repeated last)");
  }
  for (const GeoPoint& p : ring) validate_geopoint(p, "area " + std::to_string(area) + " vertex");
}

// What area i's border touches: for each other area j, whether any vertex touches it and the
// length (km) of i's border edges whose two ends both touch it.
struct Touches {
  std::vector<std::pair<std::size_t, double>> shared;  // (j, km), sorted by j
};

}  // namespace

Graph contiguity_graph(std::span<const GeoMultiPolygon> areas, std::span<const GeoPoint> centres,
                       const ContiguityOptions& options) {
  const std::size_t n = areas.size();
  if (centres.size() != n) {
    throw InputError("contiguity_graph: " + std::to_string(n) + " areas but " + std::to_string(centres.size()) +
                     " centres (one per area)");
  }
  if (!std::isfinite(options.tolerance_km) || options.tolerance_km < 0) {
    throw ConfigError("tolerance_km", "must be a finite number >= 0, got " + std::to_string(options.tolerance_km));
  }
  if (!std::isfinite(options.min_shared_km) || options.min_shared_km < 0) {
    throw ConfigError("min_shared_km", "must be a finite number >= 0, got " + std::to_string(options.min_shared_km));
  }
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
  for (std::size_t i = 0; i < n; ++i) {
    validate_geopoint(centres[i], "centre " + std::to_string(i));
    if (areas[i].empty()) throw InputError("contiguity_graph: area " + std::to_string(i) + " has no polygon");
    for (const GeoPolygon& polygon : areas[i]) {
      validate_ring(polygon.outer, i, "an outer ring");
      for (const GeoRing& hole : polygon.holes) validate_ring(hole, i, "a hole");
      for (const GeoPoint& p : polygon.outer) {
        lat_min = std::min(lat_min, p.lat), lat_max = std::max(lat_max, p.lat);
        lon_min = std::min(lon_min, p.lon), lon_max = std::max(lon_max, p.lon);
      }
    }
  }
  if (n < 2) return Graph(n);
  if (lon_max - lon_min > 180.0) {
    throw InputError("contiguity_graph: the areas span " + std::to_string(lon_max - lon_min) +
                     " degrees of longitude; the local plane needs at most 180");
  }
  Plane plane;
  plane.lat0 = 0.5 * (lat_min + lat_max);
  plane.lon0 = 0.5 * (lon_min + lon_max);
  plane.kx = kMeanEarthRadiusKm * degree * std::cos(plane.lat0 * degree);
  plane.ky = kMeanEarthRadiusKm * degree;

  // Every ring in the plane, the border segments with their area, and each area as a polygon.
  std::vector<std::vector<std::vector<Point>>> rings(n);
  std::vector<Segment> segments;
  std::vector<std::size_t> segment_area;
  std::vector<SegmentEntry> segment_entries;
  std::vector<MultiPolygon> shapes(n);
  std::vector<AreaEntry> area_entries;
  for (std::size_t i = 0; i < n; ++i) {
    for (const GeoPolygon& polygon : areas[i]) {
      shapes[i].emplace_back();
      auto add_ring = [&](const GeoRing& ring, auto& target) {
        rings[i].emplace_back();
        for (const GeoPoint& p : ring) {
          rings[i].back().push_back(plane(p));
          target.push_back(rings[i].back().back());
        }
        const auto& r = rings[i].back();
        for (std::size_t k = 0; k + 1 < r.size(); ++k) {
          segments.emplace_back(r[k], r[k + 1]);
          segment_area.push_back(i);
          segment_entries.emplace_back(envelope(r[k], r[k + 1]), segments.size() - 1);
        }
      };
      add_ring(polygon.outer, shapes[i].back().outer());
      for (const GeoRing& hole : polygon.holes) {
        shapes[i].back().inners().emplace_back();
        add_ring(hole, shapes[i].back().inners().back());
      }
    }
    // Orientation and closure as Boost expects, whatever the caller gave.
    bg::correct(shapes[i]);
    Box box = envelope(rings[i].front().front(), rings[i].front().front());
    for (const auto& ring : rings[i]) {
      for (const Point& p : ring) box = envelope(Point(std::min(bg::get<0>(box.min_corner()), bg::get<0>(p)),
                                                       std::min(bg::get<1>(box.min_corner()), bg::get<1>(p))),
                                                 Point(std::max(bg::get<0>(box.max_corner()), bg::get<0>(p)),
                                                       std::max(bg::get<1>(box.max_corner()), bg::get<1>(p))));
    }
    area_entries.emplace_back(box, i);
  }
  const SegmentTree segment_tree(segment_entries.begin(), segment_entries.end());
  const AreaTree area_tree(area_entries.begin(), area_entries.end());
  // Touching is decided up to rounding: a vertex on another area's edge is computed at a
  // distance of about 1e-13 km from it, not 0.
  const double tolerance = std::max(options.tolerance_km, 1e-9);

  std::vector<Touches> touches(n);
  parallel_for(n, options.threads, [&](std::size_t i) {
    std::map<std::size_t, double> shared;  // j -> km of i's border along j (-0 when only a point)
    std::vector<std::size_t> previous, current;
    std::vector<SegmentEntry> near_segments;
    std::vector<AreaEntry> near_areas;
    auto touching = [&](const Point& v, std::vector<std::size_t>& out) {
      out.clear();
      near_segments.clear();
      const Box window(Point(bg::get<0>(v) - tolerance, bg::get<1>(v) - tolerance),
                       Point(bg::get<0>(v) + tolerance, bg::get<1>(v) + tolerance));
      segment_tree.query(bgi::intersects(window), std::back_inserter(near_segments));
      for (const auto& [box, s] : near_segments) {
        const std::size_t j = segment_area[s];
        if (j != i && bg::distance(v, segments[s]) <= tolerance) out.push_back(j);
      }
      near_areas.clear();
      area_tree.query(bgi::intersects(v), std::back_inserter(near_areas));
      for (const auto& [box, j] : near_areas) {
        if (j != i && bg::within(v, shapes[j])) out.push_back(j);
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    };
    for (const auto& ring : rings[i]) {
      touching(ring.front(), previous);
      for (std::size_t j : previous) shared.try_emplace(j, 0.0);
      for (std::size_t k = 1; k < ring.size(); ++k) {
        touching(ring[k], current);
        for (std::size_t j : current) shared.try_emplace(j, 0.0);
        // The edge runs along every area both of its ends touch.
        std::size_t a = 0, b = 0;
        while (a < previous.size() && b < current.size()) {
          if (previous[a] < current[b]) {
            ++a;
          } else if (current[b] < previous[a]) {
            ++b;
          } else {
            shared[previous[a]] += bg::distance(ring[k - 1], ring[k]);
            ++a, ++b;
          }
        }
        std::swap(previous, current);
      }
    }
    touches[i].shared.assign(shared.begin(), shared.end());
  });

  // Symmetric: a pair is linked when either side sees the other (queen) or either side's border
  // runs along the other for min_shared_km (rook).
  std::map<std::pair<std::size_t, std::size_t>, double> pair_shared;
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& [j, km] : touches[i].shared) {
      const auto key = std::minmax(i, j);
      auto [it, inserted] = pair_shared.try_emplace({key.first, key.second}, km);
      if (!inserted) it->second = std::max(it->second, km);
    }
  }
  std::vector<Edge> edges;
  for (const auto& [pair, km] : pair_shared) {
    if (options.rule == ContiguityRule::rook && !(km > 0 && km >= options.min_shared_km)) continue;
    edges.push_back(Edge{pair.first, pair.second, haversine_km(centres[pair.first], centres[pair.second])});
  }
  return Graph(n, std::move(edges));
}

Graph builtin_contiguity_graph(std::span<const std::string> codes, const ContiguityOptions& options) {
  std::vector<GeoMultiPolygon> areas;
  std::vector<GeoPoint> centres;
  areas.reserve(codes.size());
  centres.reserve(codes.size());
  for (const std::string& code : codes) {
    areas.push_back(find_hromada_boundary(code).polygons);
    centres.push_back(find_hromada(code).location);
  }
  return contiguity_graph(areas, centres, options);
}

}  // namespace clir
