#include "clir/graph/proximity.hpp"

#include <array>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>
#include <boost/polygon/voronoi.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <tuple>
#include <numbers>
#include <utility>

namespace clir {

namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using Point3 = bg::model::point<double, 3, bg::cs::cartesian>;
using Box3 = bg::model::box<Point3>;
using Entry = std::pair<Point3, std::size_t>;
// Bulk-loaded (packing) R-tree: its shape depends only on the input, never on insertion order.
using Tree = bgi::rtree<Entry, bgi::rstar<16>>;

constexpr double degree = std::numbers::pi / 180.0;

void validate_points(std::span<const GeoPoint> points) {
  for (std::size_t i = 0; i < points.size(); ++i) {
    validate_geopoint(points[i], "point " + std::to_string(i));
  }
}

std::array<double, 3> unit_vector(const GeoPoint& p) noexcept {
  const double phi = p.lat * degree, lambda = p.lon * degree;
  return {std::cos(phi) * std::cos(lambda), std::cos(phi) * std::sin(lambda), std::sin(phi)};
}

/// Points as unit vectors, and the R-tree over them.
struct SphereIndex {
  std::vector<std::array<double, 3>> xyz;
  Tree tree;

  explicit SphereIndex(std::span<const GeoPoint> points) {
    xyz.reserve(points.size());
    std::vector<Entry> entries;
    entries.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
      xyz.push_back(unit_vector(points[i]));
      entries.emplace_back(Point3(xyz[i][0], xyz[i][1], xyz[i][2]), i);
    }
    tree = Tree(entries.begin(), entries.end());
  }

  /// Squared chord distance between points i and j (unit sphere): the quantity every search
  /// and tie-break compares, computed the same way everywhere.
  double chord2(std::size_t i, std::size_t j) const noexcept {
    const double dx = xyz[i][0] - xyz[j][0], dy = xyz[i][1] - xyz[j][1], dz = xyz[i][2] - xyz[j][2];
    return dx * dx + dy * dy + dz * dz;
  }
  Point3 point(std::size_t i) const { return Point3(xyz[i][0], xyz[i][1], xyz[i][2]); }

  /// Great-circle km from a chord.
  static double km_from_chord2(double c2) noexcept {
    const double half = 0.5 * std::sqrt(c2);
    return 2.0 * kMeanEarthRadiusKm * std::asin(std::min(1.0, half));
  }
  double km(std::size_t i, std::size_t j) const noexcept { return km_from_chord2(chord2(i, j)); }

  /// All j (any predicate-passing) with chord2(i, j) <= c2, in no particular order.
  template <class Predicate>
  void within(std::size_t i, double c2, Predicate&& keep, std::vector<std::size_t>& out) const {
    // A small margin on the box keeps rounding in the box test from dropping a boundary point;
    // the exact test is the chord comparison below.
    const double r = std::sqrt(c2) * (1.0 + 1e-12) + 1e-15;
    const Box3 box(Point3(xyz[i][0] - r, xyz[i][1] - r, xyz[i][2] - r),
                   Point3(xyz[i][0] + r, xyz[i][1] + r, xyz[i][2] + r));
    out.clear();
    tree.query(bgi::intersects(box) && bgi::satisfies([&](const Entry& e) {
                 return keep(e.second) && chord2(i, e.second) <= c2;
               }),
               boost::make_function_output_iterator([&](const Entry& e) { out.push_back(e.second); }));
  }
};

}  // namespace


namespace detail {
void check_knn_k(std::size_t k, std::size_t n) {
  if (n < 2) throw ConfigError("k", "a neighbour graph needs at least 2 points, got " + std::to_string(n));
  if (k == 0) throw ConfigError("k", "the number of neighbours must be at least 1, got 0");
  if (k >= n) {
    throw ConfigError("k", "the number of neighbours k = " + std::to_string(k) +
                               " must be below the number of points n = " + std::to_string(n));
  }
}
}  // namespace detail

Graph knn_graph(std::span<const GeoPoint> points, std::size_t k, const KnnOptions& options) {
  const std::size_t n = points.size();
  detail::check_knn_k(k, n);
  validate_points(points);
  const SphereIndex index(points);
  std::vector<std::vector<std::size_t>> nearest(n);
  parallel_for(n, options.threads, [&](std::size_t i) {
    // Ask the tree for m nearest (itself included); if the farthest returned is no farther than
    // the k-th neighbour, a tie may straddle the cut, so ask for more until it does not. Then
    // the k nearest by (chord, index) are exactly determined.
    std::vector<std::pair<double, std::size_t>> found;
    std::size_t m = std::min(n, k + 2);
    for (;;) {
      found.clear();
      index.tree.query(bgi::nearest(index.point(i), static_cast<unsigned>(m)),
                       boost::make_function_output_iterator([&](const Entry& e) {
                         if (e.second != i) found.emplace_back(index.chord2(i, e.second), e.second);
                       }));
      std::sort(found.begin(), found.end());
      if (m >= n || (found.size() > k && found.back().first > found[k - 1].first)) break;
      m = std::min(n, 2 * m);
    }
    auto& list = nearest[i];
    for (std::size_t r = 0; r < k; ++r) list.push_back(found[r].second);
    std::sort(list.begin(), list.end());
  });
  return detail::symmetrise(n, nearest, options.symmetry,
                            [&](std::size_t i, std::size_t j) { return index.km(i, j); });
}

Graph threshold_graph(std::span<const GeoPoint> points, double max_km, const ThresholdOptions& options) {
  if (!std::isfinite(max_km) || max_km < 0.0) {
    throw ConfigError("max_km", "must be a finite distance >= 0 km, got " + std::to_string(max_km));
  }
  validate_points(points);
  const std::size_t n = points.size();
  const SphereIndex index(points);
  // Chord of the threshold arc; arcs beyond half the circumference include everything.
  const double angle = std::min(max_km / kMeanEarthRadiusKm, std::numbers::pi);
  const double chord = 2.0 * std::sin(angle / 2.0);
  // Compare in km (not chord) so that the boundary follows the documented distance exactly.
  const double c2_search = chord * chord * (1.0 + 1e-9) + 1e-18;
  std::vector<std::vector<Edge>> rows(n);
  parallel_for(n, options.threads, [&](std::size_t i) {
    std::vector<std::size_t> near;
    index.within(i, c2_search, [&](std::size_t j) { return j > i; }, near);
    std::sort(near.begin(), near.end());
    for (std::size_t j : near) {
      const double d = index.km(i, j);
      if (d <= max_km) rows[i].push_back(Edge{i, j, d});
    }
  });
  std::vector<Edge> edges;
  for (auto& row : rows) edges.insert(edges.end(), row.begin(), row.end());
  return Graph(n, std::move(edges));
}

Graph delaunay_graph(std::span<const GeoPoint> points, const DelaunayOptions& options) {
  const std::size_t n = points.size();
  if (n < 2) throw InputError("delaunay_graph: needs at least 2 points, got " + std::to_string(n));
  if (!std::isfinite(options.units_per_km) || options.units_per_km <= 0.0) {
    throw ConfigError("units_per_km", "must be a finite number > 0, got " +
                                          std::to_string(options.units_per_km));
  }
  validate_points(points);
  // Centre: mid-range of latitude and longitude (robust to where the points cluster).
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
  for (const GeoPoint& p : points) {
    lat_min = std::min(lat_min, p.lat);
    lat_max = std::max(lat_max, p.lat);
    lon_min = std::min(lon_min, p.lon);
    lon_max = std::max(lon_max, p.lon);
  }
  if (lon_max - lon_min > 180.0) {
    throw InputError("delaunay_graph: the points span " + std::to_string(lon_max - lon_min) +
                     " degrees of longitude; the local plane projection needs at most 180");
  }
  const double lat0 = 0.5 * (lat_min + lat_max), lon0 = 0.5 * (lon_min + lon_max);
  const double kx = kMeanEarthRadiusKm * degree * std::cos(lat0 * degree);
  const double ky = kMeanEarthRadiusKm * degree;
  std::vector<std::array<double, 2>> plane(n);
  double extent = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    plane[i] = {(points[i].lon - lon0) * kx, (points[i].lat - lat0) * ky};
    extent = std::max({extent, std::abs(plane[i][0]), std::abs(plane[i][1])});
  }
  // Boost.Polygon's Voronoi builder takes 32-bit signed coordinates; keep within 2^30.
  const double limit = static_cast<double>(1 << 30);
  const double scale = extent * options.units_per_km > limit ? limit / extent : options.units_per_km;

  using Site = boost::polygon::point_data<std::int32_t>;
  std::map<std::pair<std::int32_t, std::int32_t>, std::size_t> site_of;  // location -> lowest index
  std::vector<Site> sites;
  std::vector<std::size_t> site_vertex;
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<std::int32_t>(std::llround(plane[i][0] * scale));
    const auto y = static_cast<std::int32_t>(std::llround(plane[i][1] * scale));
    const auto [it, inserted] = site_of.emplace(std::make_pair(x, y), i);
    if (inserted) {
      sites.emplace_back(x, y);
      site_vertex.push_back(i);
    } else {
      edges.push_back(Edge{it->second, i, haversine_km(points[it->second], points[i])});
    }
  }
  if (sites.size() >= 2) {
    boost::polygon::voronoi_diagram<double> diagram;
    boost::polygon::construct_voronoi(sites.begin(), sites.end(), &diagram);
    for (const auto& e : diagram.edges()) {
      // Each Voronoi edge separates two cells: their sites are Delaunay neighbours. Every edge
      // appears twice (with its twin); the Graph keeps one copy.
      if (!e.is_primary()) continue;
      const std::size_t a = site_vertex[e.cell()->source_index()];
      const std::size_t b = site_vertex[e.twin()->cell()->source_index()];
      if (a == b) continue;
      edges.push_back(Edge{std::min(a, b), std::max(a, b), haversine_km(points[a], points[b])});
    }
  }
  return Graph(n, std::move(edges));
}

ConnectResult connect_components(const Graph& g, std::span<const GeoPoint> points, Disconnected policy) {
  const std::size_t n = g.size();
  if (points.size() != n) {
    throw InputError("connect_components: " + std::to_string(points.size()) +
                     " points for a graph of " + std::to_string(n) + " vertices");
  }
  if (policy == Disconnected::components_as_groups) {
    throw ConfigError("disconnected",
                      "connect_components joins components or fails; it cannot keep them as groups",
                      {"fail", "join_nearest"});
  }
  validate_points(points);
  if (policy == Disconnected::fail) {
    require_connected(g, "connect_components");
    return ConnectResult{g, 1, {}};
  }
  const SphereIndex index(points);
  using Key = std::tuple<double, std::size_t, std::size_t>;  // (chord², u, v): the tie order
  const Key none{std::numeric_limits<double>::infinity(), 0, 0};
  // Nearest j passing @p keep from i, ties (equal chord) to the lowest pair.
  auto nearest_key = [&](std::size_t i, auto keep) {
    std::size_t nearest_j = n;
    index.tree.query(bgi::nearest(index.point(i), 1) &&
                         bgi::satisfies([&](const Entry& e) { return keep(e.second); }),
                     boost::make_function_output_iterator([&](const Entry& e) { nearest_j = e.second; }));
    Key best = none;
    if (nearest_j == n) return best;
    std::vector<std::size_t> ties;
    index.within(i, index.chord2(i, nearest_j), keep, ties);
    for (std::size_t j : ties) best = std::min(best, Key{index.chord2(i, j), std::min(i, j), std::max(i, j)});
    return best;
  };
  return detail::join_components(g, [&](const Components& comp) {
    // A component holding more than half the points is not searched from (each of its points
    // would wade through its own neighbourhood first); its shortest outgoing edge is the
    // shortest edge into it from the other side.
    std::size_t giant = comp.count;
    for (std::size_t c = 0; c < comp.count; ++c) {
      if (2 * comp.sizes[c] > n) giant = c;
    }
    const auto giant_label = static_cast<std::int32_t>(giant);
    std::vector<Key> outward(n, none), into_giant(n, none);
    parallel_for(n, 0, [&](std::size_t i) {
      const std::int32_t label = comp.component[i];
      if (label == giant_label) return;
      outward[i] = nearest_key(i, [&](std::size_t j) { return comp.component[j] != label; });
      if (giant < comp.count) {
        into_giant[i] = nearest_key(i, [&](std::size_t j) { return comp.component[j] == giant_label; });
      }
    });
    std::vector<Key> best(comp.count, none);
    for (std::size_t i = 0; i < n; ++i) {
      auto& slot = best[static_cast<std::size_t>(comp.component[i])];
      slot = std::min(slot, outward[i]);
      if (giant < comp.count) best[giant] = std::min(best[giant], into_giant[i]);
    }
    std::vector<Edge> edges(comp.count, detail::no_edge());
    for (std::size_t c = 0; c < comp.count; ++c) {
      const auto [c2, u, v] = best[c];
      if (c2 < std::numeric_limits<double>::infinity()) edges[c] = Edge{u, v, SphereIndex::km_from_chord2(c2)};
    }
    return edges;
  });
}

}  // namespace clir
