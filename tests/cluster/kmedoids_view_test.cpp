// The non-owning views (what the Python bindings wrap NumPy arrays in) give exactly the
// results of the owning DistanceMatrix: condensed views share its code path, dense views are
// read in place instead of through a dense copy.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "clir/cluster/clara.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/distance/matrix.hpp"

namespace {

template <class T>
clir::DistanceMatrix<T> scattered(std::size_t n) {
  clir::DistanceMatrix<T> D(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double dx = static_cast<double>((37 * i) % 101) - static_cast<double>((37 * j) % 101);
      const double dy = static_cast<double>((59 * i) % 97) - static_cast<double>((59 * j) % 97);
      D.set(i, j, static_cast<T>(std::sqrt(dx * dx + dy * dy)));
    }
  return D;
}

template <class T>
std::vector<T> dense_of(const clir::DistanceMatrix<T>& D) {
  const std::size_t n = D.size();
  std::vector<T> out(n * n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) out[i * n + j] = D(i, j);
  return out;
}

void expect_same(const clir::MedoidResult& a, const clir::MedoidResult& b) {
  EXPECT_EQ(a.medoids, b.medoids);
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.loss, b.loss);
  EXPECT_EQ(a.iterations, b.iterations);
  EXPECT_EQ(a.swaps, b.swaps);
}

template <class T>
void check_views(std::size_t n, std::size_t k) {
  const auto D = scattered<T>(n);
  const clir::CondensedDistanceView<T> condensed(D.condensed().data(), n);
  const auto dense = dense_of(D);
  const clir::DenseDistanceView<T> square(dense.data(), n);
  static_assert(clir::CondensedDistances<clir::CondensedDistanceView<T>>);
  static_assert(clir::DenseRowDistances<clir::DenseDistanceView<T>>);
  for (auto method : {clir::KMedoidsMethod::pam, clir::KMedoidsMethod::fastpam1, clir::KMedoidsMethod::fasterpam,
                      clir::KMedoidsMethod::alternating}) {
    SCOPED_TRACE(std::string(clir::to_string(method)));
    const auto reference = clir::kmedoids(D, k, method, {.threads = 2});
    expect_same(clir::kmedoids(condensed, k, method, {.threads = 2}), reference);
    expect_same(clir::kmedoids(square, k, method, {.threads = 2}), reference);
  }
  expect_same(clir::fasterclara(condensed, k), clir::fasterclara(D, k));
}

TEST(DistanceViews, CondensedAndDenseViewsGiveTheOwningMatrixResultInFloat) { check_views<float>(700, 7); }
TEST(DistanceViews, CondensedAndDenseViewsGiveTheOwningMatrixResultInDouble) { check_views<double>(300, 5); }

TEST(DistanceViews, ViewsReadTheSameEntries) {
  const auto D = scattered<double>(9);
  const clir::CondensedDistanceView<double> v(D.condensed().data(), 9);
  const auto dense = dense_of(D);
  const clir::DenseDistanceView<double> w(dense.data(), 9);
  for (std::size_t i = 0; i < 9; ++i)
    for (std::size_t j = 0; j < 9; ++j) {
      EXPECT_EQ(v(i, j), D(i, j));
      EXPECT_EQ(w(i, j), D(i, j));
    }
  EXPECT_EQ(v.condensed().size(), 36u);
}

}  // namespace
