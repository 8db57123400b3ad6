// Internal quality: silhouette, medoid silhouette, group spread, Davies–Bouldin,
// Calinski–Harabasz. Reference numbers for the point set come from
// tests/evaluate/reference_values.py (definitions as in scikit-learn's _unsupervised.py).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/evaluate/silhouette.hpp"
#include "clir/evaluate/spread.hpp"
#include "clir/evaluate/vector_quality.hpp"

namespace {

using clir::Labels;

const std::vector<std::pair<double, double>> points = {{0.0, 0.0}, {1.0, 0.0},  {0.0, 1.5},  {5.0, 5.0}, {6.0, 5.5},
                                                       {5.5, 7.0}, {10.0, 0.0}, {11.0, 1.0}, {3.0, 2.0}};
const Labels point_labels = {0, 0, 0, 1, 1, 1, 2, 2, 0};

clir::DistanceMatrix<double> euclidean(const std::vector<std::pair<double, double>>& p) {
  clir::DistanceMatrix<double> d(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    for (std::size_t j = i + 1; j < p.size(); ++j) d.set(i, j, std::hypot(p[i].first - p[j].first, p[i].second - p[j].second));
  }
  return d;
}

Eigen::MatrixXd as_matrix(const std::vector<std::pair<double, double>>& p) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(p.size()), 2);
  for (std::size_t i = 0; i < p.size(); ++i) {
    m(static_cast<Eigen::Index>(i), 0) = p[i].first;
    m(static_cast<Eigen::Index>(i), 1) = p[i].second;
  }
  return m;
}

// A 1-D line: distances |x_i − x_j|.
struct LineDistances {
  std::vector<double> x;
  std::size_t size() const { return x.size(); }
  double operator()(std::size_t i, std::size_t j) const { return std::abs(x[i] - x[j]); }
};

TEST(Silhouette, HandComputedOnALine) {
  // Items at 0, 1 (group 0) and 4 (group 1, a singleton).
  // Item 0: a = 1, b = 4 → 0.75. Item 1: a = 1, b = 3 → 2/3. Item 2: singleton → 0.
  const auto s = clir::silhouette(LineDistances{{0.0, 1.0, 4.0}}, Labels{0, 0, 1});
  EXPECT_DOUBLE_EQ(s.per_item[0], 0.75);
  EXPECT_DOUBLE_EQ(s.per_item[1], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.per_item[2], 0.0);
  EXPECT_DOUBLE_EQ(s.mean, (0.75 + 2.0 / 3.0) / 3.0);
  EXPECT_EQ(s.group_labels, (std::vector<std::int32_t>{0, 1}));
  EXPECT_DOUBLE_EQ(s.group_means[0], (0.75 + 2.0 / 3.0) / 2.0);
  EXPECT_DOUBLE_EQ(s.group_means[1], 0.0);
}

TEST(Silhouette, MatchesReferenceScriptAndIgnoresThreadCount) {
  const auto d = euclidean(points);
  const std::vector<double> expected = {0.7467913198908855, 0.7458593174067674, 0.6992229287839019,
                                        0.7256969414496555, 0.8004684246609273, 0.761855263937569,
                                        0.8088337559849673, 0.80782813535524,   0.31365295263472576};
  const auto one = clir::silhouette(d, point_labels);
  const auto many = clir::silhouette(d, point_labels, {.threads = 3});
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(one.per_item[i], expected[i], 1e-14) << i;
  EXPECT_NEAR(one.mean, 0.7122454489005156, 1e-14);
  EXPECT_EQ(one.per_item, many.per_item);  // bit-identical
  // Float storage gives the same to float precision.
  clir::DistanceMatrix<float> f(d.size());
  for (std::size_t i = 0; i < d.size(); ++i) {
    for (std::size_t j = i + 1; j < d.size(); ++j) f.set(i, j, static_cast<float>(d(i, j)));
  }
  EXPECT_NEAR(clir::silhouette(f, point_labels).mean, one.mean, 1e-6);
}

TEST(Silhouette, InvariantUnderLabelRenaming) {
  const auto d = euclidean(points);
  Labels renamed = point_labels;
  for (auto& l : renamed) l = 10 - 3 * l;
  EXPECT_DOUBLE_EQ(clir::silhouette(d, renamed).mean, clir::silhouette(d, point_labels).mean);
}

TEST(Silhouette, RejectsBadInput) {
  const auto d = euclidean(points);
  try {
    clir::silhouette(d, Labels(9, 0));
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'labels': the silhouette needs at least 2 groups; all 9 items are in one");
  }
  try {
    clir::silhouette(d, Labels{0, 1});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'labels': size mismatch: distance matrix has 9 items, labels has 2");
  }
  EXPECT_THROW(clir::silhouette(d, Labels{0, 0, 0, 1, 1, 1, 2, 2, -1}), clir::InputError);
}

TEST(MedoidSilhouette, HandComputed) {
  // Line 0, 1, 4, 6 with medoids at items 0 and 2 (x = 0 and x = 4):
  // item 0: d1 = 0 → 1; item 1: 1 − 1/3; item 2: d1 = 0 → 1; item 3: 1 − 2/6.
  const LineDistances d{{0.0, 1.0, 4.0, 6.0}};
  const std::vector<std::size_t> medoids = {0, 2};
  const auto s = clir::medoid_silhouette(d, medoids);
  EXPECT_DOUBLE_EQ(s.per_item[0], 1.0);
  EXPECT_DOUBLE_EQ(s.per_item[1], 1.0 - 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.per_item[3], 1.0 - 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(s.mean, (1.0 + 2.0 / 3.0 + 1.0 + 2.0 / 3.0) / 4.0);
  // With the nearest-medoid labels the assignment version agrees; moving item 1 to the far
  // medoid makes its value negative: a' = 3, b' = 1 → (1 − 3)/3.
  EXPECT_EQ(clir::medoid_silhouette(d, medoids, Labels{0, 0, 1, 1}).per_item, s.per_item);
  EXPECT_DOUBLE_EQ(clir::medoid_silhouette(d, medoids, Labels{0, 1, 1, 1}).per_item[1], -2.0 / 3.0);
}

TEST(MedoidSilhouette, RejectsBadInput) {
  const LineDistances d{{0.0, 1.0, 4.0}};
  const std::vector<std::size_t> one = {0}, bad = {0, 7}, ok = {0, 2};
  EXPECT_THROW(clir::medoid_silhouette(d, one), clir::InputError);
  try {
    clir::medoid_silhouette(d, bad);
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'medoids': medoid 1 is item 7, but there are only 3 items");
  }
  try {
    clir::medoid_silhouette(d, ok, Labels{0, 2, 1});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'labels': item 1 has label 2; expected 0..1 (one per medoid)");
  }
}

TEST(GroupSpread, DiameterMedoidAndMeanDistance) {
  // Group 0 at 0, 1, 5 (medoid x = 1: sums 6, 5, 9); group 1 at 10, 12 (tie → lower index 3).
  const LineDistances d{{0.0, 1.0, 5.0, 10.0, 12.0}};
  const auto r = clir::group_spread(d, Labels{0, 0, 0, 1, 1});
  ASSERT_EQ(r.groups.size(), 2u);
  EXPECT_EQ(r.groups[0].medoid, 1u);
  EXPECT_DOUBLE_EQ(r.groups[0].diameter, 5.0);
  EXPECT_DOUBLE_EQ(r.groups[0].mean_to_medoid, 5.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.groups[0].max_to_medoid, 4.0);
  EXPECT_EQ(r.groups[1].medoid, 3u);
  EXPECT_DOUBLE_EQ(r.groups[1].diameter, 2.0);
  EXPECT_DOUBLE_EQ(r.max_diameter, 5.0);
  EXPECT_DOUBLE_EQ(r.total_to_medoid, 7.0);
  EXPECT_DOUBLE_EQ(r.mean_to_medoid, 7.0 / 5.0);
  // Given medoids (as in a MedoidResult) are used as they are.
  const std::vector<std::size_t> medoids = {0, 4};
  const auto given = clir::group_spread(d, Labels{0, 0, 0, 1, 1}, medoids);
  EXPECT_DOUBLE_EQ(given.total_to_medoid, 1.0 + 5.0 + 2.0);
  EXPECT_DOUBLE_EQ(given.max_diameter, 5.0);
}

TEST(GroupSpread, RejectsBadInput) {
  const LineDistances d{{0.0, 1.0, 5.0}};
  const std::vector<std::size_t> medoids = {0, 2};
  EXPECT_THROW(clir::group_spread(d, Labels{0, 0}), clir::InputError);
  try {
    clir::group_spread(d, Labels{0, 0, 2}, medoids);
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'labels': expected labels 0..1, one group per medoid; got 2 distinct labels up to 2");
  }
}

TEST(VectorQuality, MatchesReferenceScript) {
  const auto m = as_matrix(points);
  EXPECT_NEAR(clir::davies_bouldin(m, point_labels), 0.3067955129419808, 1e-14);
  EXPECT_NEAR(clir::calinski_harabasz(m, point_labels), 41.0194489465154, 1e-11);
}

TEST(VectorQuality, HandComputed) {
  // Two groups on a line: {0, 2} and {10, 12}. Centroids 1 and 11, S = 1 each.
  // DB = (1 + 1)/10 = 0.2. Between = 2·25 + 2·25 = 100, within = 4, CH = 100·2 / (4·1) = 50.
  Eigen::MatrixXd x(4, 1);
  x << 0.0, 2.0, 10.0, 12.0;
  EXPECT_DOUBLE_EQ(clir::davies_bouldin(x, Labels{0, 0, 1, 1}), 0.2);
  EXPECT_DOUBLE_EQ(clir::calinski_harabasz(x, Labels{0, 0, 1, 1}), 50.0);
  // Zero within-group dispersion: CH = 1 and DB = 0 by scikit-learn's conventions.
  Eigen::MatrixXd y(4, 1);
  y << 0.0, 0.0, 1.0, 1.0;
  EXPECT_DOUBLE_EQ(clir::calinski_harabasz(y, Labels{0, 0, 1, 1}), 1.0);
  EXPECT_DOUBLE_EQ(clir::davies_bouldin(y, Labels{0, 0, 1, 1}), 0.0);
}

TEST(VectorQuality, RejectsBadInput) {
  Eigen::MatrixXd x(3, 1);
  x << 0.0, 1.0, 2.0;
  try {
    clir::davies_bouldin(x, Labels{0, 1, 2});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'labels': got 3 groups of 3 items; this index needs 2 to n−1 groups");
  }
  x(1, 0) = std::nan("");
  try {
    clir::calinski_harabasz(x, Labels{0, 0, 1});
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_STREQ(e.what(), "'points': points(1, 0) is not a finite number");
  }
  EXPECT_THROW(clir::calinski_harabasz(x, Labels{0, 1}), clir::InputError);
}

}  // namespace
