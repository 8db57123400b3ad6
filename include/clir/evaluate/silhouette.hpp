#pragma once
/// @file
/// @brief Silhouette (Rousseeuw 1987) and medoid silhouette (Lenssen & Schubert 2022) of a
/// grouping, computed on any distance matrix (clir::DistanceMatrixLike).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/labels.hpp"
#include "clir/core/parallel.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/evaluate/detail/group_index.hpp"

namespace clir {

/// Options for silhouette().
struct SilhouetteOptions {
  unsigned threads = 1;  ///< threads for the O(n²) pass (0 = all cores); the result does not depend on it
};

/// Silhouette widths of every item, their mean and their mean per group.
struct SilhouetteResult {
  std::vector<double> per_item;          ///< s(i) in [−1, 1]; 0 for an item alone in its group
  double mean = 0.0;                     ///< mean of per_item over all n items (scikit-learn's silhouette_score)
  std::vector<std::int32_t> group_labels;  ///< the groups' labels, ascending (0..k−1 for the usual labels)
  std::vector<double> group_means;         ///< mean s(i) per group, aligned with group_labels
};

/// Silhouette of a grouping: for item i, a = mean distance to the other members of its group,
/// b = smallest mean distance to the members of another group, s = (b − a) / max(a, b), with
/// s = 0 for a singleton (Rousseeuw 1987) and when a = b = 0. Distances in any unit (the score
/// is unitless). O(n²) distance look-ups, O(k) memory per item.
/// Throws clir::InputError when sizes differ, the input is empty, a label is negative, or there
/// are fewer than 2 groups.
template <DistanceMatrixLike M>
SilhouetteResult silhouette(const M& distances, const Labels& labels, const SilhouetteOptions& options = {}) {
  detail::require_same_size(distances.size(), "distance matrix", labels.size(), "labels");
  const auto groups = detail::index_groups(labels, "labels");
  const std::size_t n = labels.size();
  const std::size_t k = groups.groups();
  if (k < 2) {
    throw InputError("the silhouette needs at least 2 groups; all " + std::to_string(n) + " items are in one",
                     {.key = "labels"});
  }
  SilhouetteResult r;
  r.per_item.assign(n, 0.0);
  parallel_for(n, options.threads, [&](std::size_t i) {
    const auto own = groups.group_of[i];
    if (groups.sizes[own] < 2) return;  // singleton: s = 0
    std::vector<double> sums(k, 0.0);
    for (std::size_t j = 0; j < n; ++j) {
      if (j != i) sums[groups.group_of[j]] += static_cast<double>(distances(i, j));
    }
    const double a = sums[own] / static_cast<double>(groups.sizes[own] - 1);
    double b = std::numeric_limits<double>::infinity();
    for (std::size_t g = 0; g < k; ++g) {
      if (g != own) b = std::min(b, sums[g] / static_cast<double>(groups.sizes[g]));
    }
    const double scale = std::max(a, b);
    r.per_item[i] = scale > 0.0 ? (b - a) / scale : 0.0;
  });
  r.group_labels = groups.labels;
  r.group_means.assign(k, 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    total += r.per_item[i];
    r.group_means[groups.group_of[i]] += r.per_item[i];
  }
  for (std::size_t g = 0; g < k; ++g) r.group_means[g] /= static_cast<double>(groups.sizes[g]);
  r.mean = total / static_cast<double>(n);
  return r;
}

/// Medoid silhouette of every item and its mean.
struct MedoidSilhouetteResult {
  std::vector<double> per_item;  ///< s̃(i) in [0, 1] for nearest-medoid assignment
  double mean = 0.0;             ///< mean over all n items
};

namespace detail {
inline void check_medoids(std::span<const std::size_t> medoids, std::size_t n) {
  if (medoids.size() < 2) {
    throw InputError("the medoid silhouette needs at least 2 medoids, got " + std::to_string(medoids.size()),
                     {.key = "medoids"});
  }
  for (std::size_t g = 0; g < medoids.size(); ++g) {
    if (medoids[g] >= n) {
      throw InputError("medoid " + std::to_string(g) + " is item " + std::to_string(medoids[g]) +
                           ", but there are only " + std::to_string(n) + " items",
                       {.key = "medoids"});
    }
  }
}
}  // namespace detail

/// Medoid silhouette (Lenssen & Schubert 2022) with every item assigned to its nearest medoid:
/// s̃(i) = 1 − d1(i) / d2(i), where d1 and d2 are the distances to the nearest and second
/// nearest medoid; s̃(i) = 1 when d1 = 0 (as in the authors' kmedoids package). O(n·k).
/// Throws clir::InputError for fewer than 2 medoids or a medoid index >= n.
template <DistanceMatrixLike M>
MedoidSilhouetteResult medoid_silhouette(const M& distances, std::span<const std::size_t> medoids) {
  const std::size_t n = distances.size();
  if (n == 0) throw InputError("no items: the distance matrix is empty", {.key = "distances"});
  detail::check_medoids(medoids, n);
  MedoidSilhouetteResult r;
  r.per_item.assign(n, 1.0);
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    double d1 = std::numeric_limits<double>::infinity();
    double d2 = d1;
    for (auto m : medoids) {
      const double d = static_cast<double>(distances(i, m));
      if (d < d1) {
        d2 = d1;
        d1 = d;
      } else if (d < d2) {
        d2 = d;
      }
    }
    if (d1 > 0.0) r.per_item[i] = 1.0 - d1 / d2;
    total += r.per_item[i];
  }
  r.mean = total / static_cast<double>(n);
  return r;
}

/// Medoid silhouette of a given assignment (for example one under size constraints, where
/// items need not sit with their nearest medoid): a'(i) = d(i, medoid of its group), b'(i) =
/// distance to the nearest other medoid, s̃(i) = (b' − a') / max(a', b'), 1 when a' = 0. Equals
/// the nearest-medoid version when every item is with its nearest medoid; in [−1, 1].
/// Group g (label g, labels 0..k−1) has medoid medoids[g]. Throws clir::InputError on a size
/// mismatch, a label outside 0..k−1, fewer than 2 medoids or a medoid index >= n.
template <DistanceMatrixLike M>
MedoidSilhouetteResult medoid_silhouette(const M& distances, std::span<const std::size_t> medoids,
                                         const Labels& labels) {
  detail::require_same_size(distances.size(), "distance matrix", labels.size(), "labels");
  const std::size_t n = labels.size();
  if (n == 0) throw InputError("no items: the grouping is empty", {.key = "labels"});
  detail::check_medoids(medoids, n);
  MedoidSilhouetteResult r;
  r.per_item.assign(n, 1.0);
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= medoids.size()) {
      throw InputError("item " + std::to_string(i) + " has label " + std::to_string(labels[i]) + "; expected 0.." +
                           std::to_string(medoids.size() - 1) + " (one per medoid)",
                       {.key = "labels"});
    }
    const auto own = static_cast<std::size_t>(labels[i]);
    const double a = static_cast<double>(distances(i, medoids[own]));
    double b = std::numeric_limits<double>::infinity();
    for (std::size_t g = 0; g < medoids.size(); ++g) {
      if (g != own) b = std::min(b, static_cast<double>(distances(i, medoids[g])));
    }
    // (b − a) / max(a, b), written so that it equals 1 − d1/d2 bit for bit when a <= b.
    if (a > 0.0) r.per_item[i] = a <= b ? 1.0 - a / b : b / a - 1.0;
    total += r.per_item[i];
  }
  r.mean = total / static_cast<double>(n);
  return r;
}

}  // namespace clir
