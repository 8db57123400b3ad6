#include "clir/evaluate/vector_quality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/evaluate/detail/group_index.hpp"

namespace clir {
namespace {

struct Centroids {
  detail::GroupIndex groups;
  Eigen::MatrixXd centroids;  // k × p
};

Centroids prepare(const Eigen::Ref<const Eigen::MatrixXd>& points, const Labels& labels) {
  detail::require_same_size(static_cast<std::size_t>(points.rows()), "points", labels.size(), "labels");
  Centroids c{detail::index_groups(labels, "labels"), {}};
  const std::size_t n = labels.size();
  const std::size_t k = c.groups.groups();
  if (k < 2 || k > n - 1) {
    throw InputError("got " + std::to_string(k) + " groups of " + std::to_string(n) +
                         " items; this index needs 2 to n−1 groups",
                     {.key = "labels"});
  }
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    for (Eigen::Index j = 0; j < points.cols(); ++j) {
      if (!std::isfinite(points(i, j))) {
        throw InputError("points(" + std::to_string(i) + ", " + std::to_string(j) + ") is not a finite number",
                         {.key = "points"});
      }
    }
  }
  c.centroids = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), points.cols());
  for (std::size_t i = 0; i < n; ++i) c.centroids.row(c.groups.group_of[i]) += points.row(static_cast<Eigen::Index>(i));
  for (std::size_t g = 0; g < k; ++g) c.centroids.row(static_cast<Eigen::Index>(g)) /= static_cast<double>(c.groups.sizes[g]);
  return c;
}

}  // namespace

double davies_bouldin(const Eigen::Ref<const Eigen::MatrixXd>& points, const Labels& labels) {
  const auto c = prepare(points, labels);
  const std::size_t k = c.groups.groups();
  std::vector<double> scatter(k, 0.0);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto g = c.groups.group_of[i];
    scatter[g] += (points.row(static_cast<Eigen::Index>(i)) - c.centroids.row(g)).norm();
  }
  for (std::size_t g = 0; g < k; ++g) scatter[g] /= static_cast<double>(c.groups.sizes[g]);
  bool any_scatter = false, any_separation = false;
  for (auto s : scatter) any_scatter = any_scatter || s > 0.0;
  std::vector<double> separation(k * k, 0.0);
  for (std::size_t g = 0; g < k; ++g) {
    for (std::size_t h = g + 1; h < k; ++h) {
      const double d = (c.centroids.row(static_cast<Eigen::Index>(g)) - c.centroids.row(static_cast<Eigen::Index>(h))).norm();
      separation[g * k + h] = separation[h * k + g] = d;
      any_separation = any_separation || d > 0.0;
    }
  }
  if (!any_scatter || !any_separation) return 0.0;
  double total = 0.0;
  for (std::size_t g = 0; g < k; ++g) {
    double worst = 0.0;
    for (std::size_t h = 0; h < k; ++h) {
      const double d = separation[g * k + h];
      if (h == g || d == 0.0) continue;  // coinciding centroids count as infinitely far (scikit-learn)
      worst = std::max(worst, (scatter[g] + scatter[h]) / d);
    }
    total += worst;
  }
  return total / static_cast<double>(k);
}

double calinski_harabasz(const Eigen::Ref<const Eigen::MatrixXd>& points, const Labels& labels) {
  const auto c = prepare(points, labels);
  const std::size_t n = labels.size();
  const std::size_t k = c.groups.groups();
  // The overall centroid as the size-weighted mean of the group centroids (a plain loop: GCC 12
  // with AVX-512 reports a false "maybe-uninitialized" inside Eigen's colwise().mean()).
  Eigen::RowVectorXd overall = Eigen::RowVectorXd::Zero(points.cols());
  for (std::size_t g = 0; g < k; ++g) {
    overall += static_cast<double>(c.groups.sizes[g]) * c.centroids.row(static_cast<Eigen::Index>(g));
  }
  overall /= static_cast<double>(n);
  double between = 0.0;
  for (std::size_t g = 0; g < k; ++g) {
    between += static_cast<double>(c.groups.sizes[g]) * (c.centroids.row(static_cast<Eigen::Index>(g)) - overall).squaredNorm();
  }
  double within = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    within += (points.row(static_cast<Eigen::Index>(i)) - c.centroids.row(c.groups.group_of[i])).squaredNorm();
  }
  if (within == 0.0) return 1.0;
  return between * static_cast<double>(n - k) / (within * static_cast<double>(k - 1));
}

}  // namespace clir
