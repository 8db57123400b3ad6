#pragma once
/// @file
/// @brief Proximity graphs: k nearest neighbours, distance threshold and Delaunay triangulation,
/// from points (degrees WGS84, weights in km) or from any distance matrix.
///
/// From points, distances are great-circle distances on the sphere of mean Earth radius
/// 6371.0088 km, and neighbour searches run in an R-tree (Boost.Geometry) over the points as
/// unit vectors in 3-D: the straight-line (chord) distance there is a monotone function of the
/// great-circle distance, so the neighbours are exact, not approximated by a projection.
///
/// Ties: among neighbours at equal distance the lower index wins, so a graph does not depend on
/// the order of the search.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "clir/core/community.hpp"
#include "clir/core/parallel.hpp"
#include "clir/distance/geo.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/graph/graph.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// How the directed "j is among the k nearest of i" relation becomes an undirected graph.
enum class KnnSymmetry {
  either,  ///< edge i–j when j is among i's k nearest OR i among j's (union; every degree >= k)
  mutual,  ///< edge i–j only when both hold (sparser; often disconnected)
};

template <>
struct EnumTraits<KnnSymmetry> {
  static constexpr std::string_view what = "k-nearest-neighbour symmetry";
  static constexpr std::array<EnumName<KnnSymmetry>, 2> names{{
      {KnnSymmetry::either, "either", "edge i–j when j is among i's k nearest or i among j's (union)"},
      {KnnSymmetry::mutual, "mutual", "edge i–j only when both hold (sparser; often disconnected)"},
  }};
};

/// Options of the k-nearest-neighbour graphs.
struct KnnOptions {
  KnnSymmetry symmetry = KnnSymmetry::either;  ///< union (default) or mutual neighbours
  unsigned threads = 0;                        ///< 0 = all cores; the result does not depend on it
};

/// k-nearest-neighbour graph of @p points (degrees WGS84): each point is linked to its @p k
/// nearest other points by great-circle distance, symmetrised as options.symmetry says; edge
/// weights are great-circle km. Coincident points are at distance 0 and are neighbours like any
/// other. Throws clir::ConfigError for k = 0 or k >= n (n >= 2), clir::InputError for an invalid
/// coordinate (naming its index).
Graph knn_graph(std::span<const GeoPoint> points, std::size_t k, const KnnOptions& options = {});

/// k-nearest-neighbour graph from a distance matrix (any DistanceMatrixLike, its unit): the k
/// nearest of i are the k smallest d(i, j), j != i, ties to the lower j; O(n² log k).
/// Same symmetry rule and errors as the point version.
template <DistanceMatrixLike Distance>
Graph knn_graph(const Distance& distance, std::size_t k, const KnnOptions& options = {});

/// Options of the distance-threshold graphs.
struct ThresholdOptions {
  unsigned threads = 0;  ///< 0 = all cores; the result does not depend on it
};

/// Graph linking every pair of @p points (degrees WGS84) at great-circle distance <= @p max_km
/// (km), weights in km. Throws clir::ConfigError unless max_km is finite and >= 0,
/// clir::InputError for an invalid coordinate.
Graph threshold_graph(std::span<const GeoPoint> points, double max_km,
                      const ThresholdOptions& options = {});

/// Graph linking every pair with d(i, j) <= @p max_distance (in the unit of @p distance).
template <DistanceMatrixLike Distance>
Graph threshold_graph(const Distance& distance, double max_distance,
                      const ThresholdOptions& options = {});

/// Options of the Delaunay graph.
struct DelaunayOptions {
  /// Resolution of the integer plane the Voronoi diagram is built on, in integer units per km.
  /// The default 1e6 (1 mm) is used when the points lie within ±1,000 km of their centre;
  /// wider extents are scaled down automatically to fit 31-bit coordinates (see docs/graph.md).
  double units_per_km = 1.0e6;
};

/// Delaunay graph of @p points (degrees WGS84), the dual of the Voronoi diagram computed by
/// Boost.Polygon. The points are projected to a local equirectangular plane in km around their
/// centre (x = R·Δλ·cos φ0, y = R·Δφ) and rounded to integers (options.units_per_km). Edge
/// weights are great-circle km between the original points. Points that round to the same
/// integer location are treated as one site: the lowest index joins the diagram and each other
/// copy is linked only to it. Four or more co-circular points give a face without an invented
/// diagonal. Throws clir::InputError for fewer than 2 points or an invalid coordinate, and when
/// the points span more than 180° of longitude (the projection would fold).
Graph delaunay_graph(std::span<const GeoPoint> points, const DelaunayOptions& options = {});

/// Joins each component of @p g to its nearest neighbour component by the shortest great-circle
/// edge between @p points (ties by lower index pair); Disconnected::fail throws
/// DisconnectedGraphError instead when @p g has several components. Weights of added edges in km.
ConnectResult connect_components(const Graph& g, std::span<const GeoPoint> points,
                                 Disconnected policy = Disconnected::join_nearest);

namespace detail {

/// Throws ConfigError unless 1 <= k < n (n >= 2).
void check_knn_k(std::size_t k, std::size_t n);

/// Builds the symmetrised graph from each vertex's neighbour list (distances in @p weight).
template <class Weight>
Graph symmetrise(std::size_t n, const std::vector<std::vector<std::size_t>>& nearest,
                 KnnSymmetry symmetry, Weight&& weight) {
  std::vector<Edge> edges;
  edges.reserve(n * (nearest.empty() ? 0 : nearest[0].size()));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j : nearest[i]) {
      if (symmetry == KnnSymmetry::mutual) {
        // Keep the pair once, from its lower end, when the higher end lists it too.
        if (j < i) continue;
        if (!std::binary_search(nearest[j].begin(), nearest[j].end(), i)) continue;
      }
      edges.push_back(Edge{std::min(i, j), std::max(i, j), weight(i, j)});
    }
  }
  return Graph(n, std::move(edges));
}

template <DistanceMatrixLike Distance>
double checked_distance(const Distance& distance, std::size_t i, std::size_t j) {
  const double d = static_cast<double>(distance(i, j));
  if (!std::isfinite(d) || d < 0.0) {
    throw InputError("distance(" + std::to_string(i) + ", " + std::to_string(j) + ") = " +
                     std::to_string(d) + "; expected a finite number >= 0");
  }
  return d;
}

}  // namespace detail

template <DistanceMatrixLike Distance>
Graph knn_graph(const Distance& distance, std::size_t k, const KnnOptions& options) {
  const std::size_t n = static_cast<std::size_t>(distance.size());
  detail::check_knn_k(k, n);
  std::vector<std::vector<std::size_t>> nearest(n);
  parallel_for(n, options.threads, [&](std::size_t i) {
    std::vector<std::pair<double, std::size_t>> row;
    row.reserve(n - 1);
    for (std::size_t j = 0; j < n; ++j) {
      if (j != i) row.emplace_back(detail::checked_distance(distance, i, j), j);
    }
    std::partial_sort(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(k), row.end());
    auto& list = nearest[i];
    for (std::size_t r = 0; r < k; ++r) list.push_back(row[r].second);
    std::sort(list.begin(), list.end());
  });
  return detail::symmetrise(n, nearest, options.symmetry, [&](std::size_t i, std::size_t j) {
    return static_cast<double>(distance(i, j));
  });
}

template <DistanceMatrixLike Distance>
Graph threshold_graph(const Distance& distance, double max_distance, const ThresholdOptions& options) {
  if (!std::isfinite(max_distance) || max_distance < 0.0) {
    throw ConfigError("max_distance", "must be a finite number >= 0, got " + std::to_string(max_distance));
  }
  const std::size_t n = static_cast<std::size_t>(distance.size());
  std::vector<std::vector<Edge>> rows(n);
  parallel_for(n, options.threads, [&](std::size_t i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = detail::checked_distance(distance, i, j);
      if (d <= max_distance) rows[i].push_back(Edge{i, j, d});
    }
  });
  std::vector<Edge> edges;
  for (auto& row : rows) edges.insert(edges.end(), row.begin(), row.end());
  return Graph(n, std::move(edges));
}

}  // namespace clir
