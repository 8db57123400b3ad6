#pragma once
/// @file
/// @brief How spread out each group is: its diameter (largest within-group distance), its
/// medoid and the mean distance to it. With a geodesic distance matrix in km (clir's geographic
/// distances) every figure is in km.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "clir/core/fields.hpp"
#include "clir/core/error.hpp"
#include "clir/core/labels.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/evaluate/detail/group_index.hpp"

namespace clir {

/// The spread of one group. Distances in the unit of the matrix (km for geodesic distances).
struct GroupSpread {
  std::int32_t label = 0;        ///< the group's label
  std::size_t size = 0;          ///< members
  std::size_t medoid = 0;        ///< item index of the medoid
  double diameter = 0.0;         ///< largest distance between two members (0 for a singleton)
  double mean_to_medoid = 0.0;   ///< mean distance of the members to the medoid (medoid included, at 0)
  double max_to_medoid = 0.0;    ///< largest distance of a member to the medoid
};

/// Spread of every group and overall figures.
struct SpreadReport {
  std::vector<GroupSpread> groups;  ///< ascending label
  double max_diameter = 0.0;        ///< largest within-group distance over all groups
  double mean_to_medoid = 0.0;      ///< mean over all n items of the distance to their group's medoid
  double total_to_medoid = 0.0;     ///< sum of those distances (the k-medoids loss)
};

template <>
struct Fields<GroupSpread> {
  using G = GroupSpread;
  static constexpr auto list = std::tuple{
      field("label", &G::label, "the group's label"),
      field("size", &G::size, "members"),
      field("medoid", &G::medoid, "item index of the medoid"),
      field("diameter", &G::diameter, "largest distance between two members"),
      field("mean_to_medoid", &G::mean_to_medoid, "mean distance of the members to the medoid"),
      field("max_to_medoid", &G::max_to_medoid, "largest distance of a member to the medoid"),
  };
};

template <>
struct Fields<SpreadReport> {
  using R = SpreadReport;
  static constexpr auto list = std::tuple{
      field("groups", &R::groups, "every group's spread, ascending label"),
      field("max_diameter", &R::max_diameter, "largest within-group distance over all groups"),
      field("mean_to_medoid", &R::mean_to_medoid, "mean over all items of the distance to their group's medoid"),
      field("total_to_medoid", &R::total_to_medoid, "sum of those distances (the k-medoids loss)"),
  };
};

namespace detail {
template <DistanceMatrixLike M>
SpreadReport spread_with(const M& distances, const GroupIndex& groups, const std::vector<std::size_t>* medoids) {
  const std::size_t k = groups.groups();
  std::vector<std::vector<std::size_t>> members(k);
  for (std::size_t i = 0; i < groups.group_of.size(); ++i) members[groups.group_of[i]].push_back(i);
  SpreadReport r;
  r.groups.resize(k);
  for (std::size_t g = 0; g < k; ++g) {
    const auto& m = members[g];
    GroupSpread& s = r.groups[g];
    s.label = groups.labels[g];
    s.size = m.size();
    // Medoid: the member with the smallest sum of distances to the others; ties to the lower index.
    double best_sum = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < m.size(); ++a) {
      double sum = 0.0;
      for (std::size_t b = 0; b < m.size(); ++b) {
        const double d = static_cast<double>(distances(m[a], m[b]));
        sum += d;
        if (b > a) s.diameter = std::max(s.diameter, d);
      }
      if (medoids == nullptr && sum < best_sum) {
        best_sum = sum;
        s.medoid = m[a];
      }
    }
    if (medoids != nullptr) s.medoid = (*medoids)[g];
    double to_medoid = 0.0;
    for (auto i : m) {
      const double d = static_cast<double>(distances(i, s.medoid));
      to_medoid += d;
      s.max_to_medoid = std::max(s.max_to_medoid, d);
    }
    s.mean_to_medoid = to_medoid / static_cast<double>(m.size());
    r.total_to_medoid += to_medoid;
    r.max_diameter = std::max(r.max_diameter, s.diameter);
  }
  r.mean_to_medoid = r.total_to_medoid / static_cast<double>(groups.group_of.size());
  return r;
}
}  // namespace detail

/// Diameter, medoid and distances to the medoid of every group of @p labels. The medoid of a
/// group is the member with the smallest total distance to the other members (ties: lower
/// item index). O(Σ size²) look-ups. Units are those of @p distances (km for geodesic).
/// Throws clir::InputError on a size mismatch, empty input or a negative label.
template <DistanceMatrixLike M>
SpreadReport group_spread(const M& distances, const Labels& labels) {
  detail::require_same_size(distances.size(), "distance matrix", labels.size(), "labels");
  return detail::spread_with(distances, detail::index_groups(labels, "labels"), nullptr);
}

/// As group_spread(distances, labels), but measured to given medoids: group g (labels 0..k−1)
/// has medoid @p medoids[g], as in clir::MedoidResult. Throws clir::InputError on a size
/// mismatch, labels other than 0..k−1 with every group present, or a medoid index >= n.
template <DistanceMatrixLike M>
SpreadReport group_spread(const M& distances, const Labels& labels, std::span<const std::size_t> medoids) {
  detail::require_same_size(distances.size(), "distance matrix", labels.size(), "labels");
  const auto groups = detail::index_groups(labels, "labels");
  if (groups.groups() != medoids.size() || groups.labels.back() != static_cast<std::int32_t>(medoids.size()) - 1) {
    throw InputError("expected labels 0.." + std::to_string(medoids.size() - 1) + ", one group per medoid; got " +
                         std::to_string(groups.groups()) + " distinct labels up to " +
                         std::to_string(groups.labels.back()),
                     {.key = "labels"});
  }
  for (std::size_t g = 0; g < medoids.size(); ++g) {
    if (medoids[g] >= labels.size()) {
      throw InputError("medoid " + std::to_string(g) + " is item " + std::to_string(medoids[g]) +
                           ", but there are only " + std::to_string(labels.size()) + " items",
                       {.key = "medoids"});
    }
  }
  const std::vector<std::size_t> given(medoids.begin(), medoids.end());
  return detail::spread_with(distances, groups, &given);
}

}  // namespace clir
