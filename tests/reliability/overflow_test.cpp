// Floating-point overflow (issue #26): values near 1e154 and beyond overflow a double when
// squared or summed. Before #26 a vector normalization of such a column gave every value 0
// (TOPSIS then scored every applicant 0.5), min-max of ±1e308 gave NaN, and the needs distance
// called every distance 0. The normalizations are unchanged by scaling a column, so they are
// computed on the column scaled by a power of two (exact) and give what the small values give.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <string>
#include <vector>

#include "clir/core/table.hpp"
#include "clir/distance/needs.hpp"
#include "clir/scoring/normalize.hpp"

namespace {

Eigen::VectorXd scaled(const Eigen::VectorXd& x, double factor) { return x * factor; }

TEST(Overflow, NormalizationsOfHugeValuesEqualThoseOfSmallOnes) {
  Eigen::VectorXd small(4);
  small << 1.0, 2.0, 3.0, 5.0;
  // 2^512 ≈ 1.3e154 and 2^1020 ≈ 1.1e307: powers of two, so the huge column is exactly the small one scaled.
  for (const double factor : {0x1p512, 0x1p1020}) {
    for (const auto method : {clir::Normalization::vector, clir::Normalization::min_max, clir::Normalization::sum,
                              clir::Normalization::z_score, clir::Normalization::max}) {
      SCOPED_TRACE(std::string(clir::to_string(method)) + " " + std::to_string(factor));
      const Eigen::VectorXd expected = clir::normalize_column(small, method, "x");
      const Eigen::VectorXd got = clir::normalize_column(scaled(small, factor), method, "x");
      ASSERT_TRUE(got.allFinite());
      for (Eigen::Index i = 0; i < small.size(); ++i) EXPECT_DOUBLE_EQ(got(i), expected(i));
    }
  }
}

TEST(Overflow, MinMaxAcrossTheWholeRange) {
  Eigen::VectorXd x(3);
  x << -1e308, 0.0, 1e308;
  const Eigen::VectorXd got = clir::normalize_column(x, clir::Normalization::min_max, "x");
  EXPECT_DOUBLE_EQ(got(0), 0.0);
  EXPECT_DOUBLE_EQ(got(1), 0.5);
  EXPECT_DOUBLE_EQ(got(2), 1.0);
}

TEST(Overflow, NeedsDistanceOfHugeValuesEqualsThatOfSmallOnes) {
  const std::vector<std::string> ids = {"a", "b", "c"};
  clir::Table small(ids), huge(ids);
  Eigen::VectorXd v(3);
  v << 1.0, 2.0, 4.0;
  small.add_numeric("need", v);
  huge.add_numeric("need", v * 0x1p1000);
  const auto expected = clir::standardized_euclidean_matrix(small);
  const auto got = clir::standardized_euclidean_matrix(huge);
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) EXPECT_DOUBLE_EQ(got(i, j), expected(i, j));
  }
  EXPECT_GT(got(0, 2), 0.0);
}

}  // namespace
