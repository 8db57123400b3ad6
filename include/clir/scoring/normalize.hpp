#pragma once
/// @file
/// @brief Normalizations of a decision matrix column, and how cost criteria are flipped.
///
/// Constant columns (every value equal) follow one documented rule instead of dividing by a
/// zero range: every alternative gets the same value — min_max 1, max 1, sum 1/n, vector
/// 1/sqrt(n), z_score 0, rank 0.5 — and the cost flip is not applied, so a constant criterion
/// adds the same amount to every score and can never change a rank or produce NaN.

#include <Eigen/Core>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/scoring/criteria.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// How a column is put on a common scale. All are dimensionless.
enum class Normalization {
  min_max,  ///< (x - min) / (max - min), in [0, 1]
  vector,   ///< x / sqrt(sum x^2) (Euclidean, as in TOPSIS)
  max,      ///< x / max; needs x >= 0
  sum,      ///< x / sum x; needs x >= 0
  z_score,  ///< (x - mean) / sd, population standard deviation
  rank,     ///< (average rank - 1) / (n - 1), rank 1 = smallest value, in [0, 1]
};

template <>
struct EnumTraits<Normalization> {
  static constexpr std::string_view what = "normalization";
  static constexpr std::array<EnumName<Normalization>, 6> names{{
      {Normalization::min_max, "min_max", "(x - min) / (max - min), in [0, 1]"},
      {Normalization::vector, "vector", "x / sqrt(sum x^2) (Euclidean, as in TOPSIS)"},
      {Normalization::max, "max", "x / max; needs x >= 0"},
      {Normalization::sum, "sum", "x / sum x; needs x >= 0"},
      {Normalization::z_score, "z_score", "(x - mean) / sd, population standard deviation"},
      {Normalization::rank, "rank", "(average rank - 1) / (n - 1), in [0, 1]"},
  }};
  static constexpr std::array<EnumName<Normalization>, 2> aliases{{
      {Normalization::min_max, "minmax", ""},
      {Normalization::z_score, "zscore", ""},
  }};
};

/// How the normalized value of a cost criterion is turned into "higher is better".
enum class CostFlip {
  one_minus,   ///< r' = 1 - r (min_max gives (max - x)/(max - min)); z_score is negated instead
  reciprocal,  ///< normalize 1/x instead of x (max gives min/x); needs x > 0
};

template <>
struct EnumTraits<CostFlip> {
  static constexpr std::string_view what = "cost flip";
  static constexpr std::array<EnumName<CostFlip>, 2> names{{
      {CostFlip::one_minus, "one_minus", "r' = 1 - r (z_score is negated instead)"},
      {CostFlip::reciprocal, "reciprocal", "normalize 1/x instead of x; needs x > 0"},
  }};
};


/// Normalizes one column without regard to direction. @p label names the criterion in errors
/// (clir::InputError when max/sum meet a negative value). Constant columns follow the rule above.
Eigen::VectorXd normalize_column(const Eigen::Ref<const Eigen::VectorXd>& column, Normalization method,
                                 std::string_view label = {});

/// True when every value of @p column is equal (or it has fewer than two values).
bool is_constant(const Eigen::Ref<const Eigen::VectorXd>& column) noexcept;

/// Normalizes every column of @p values and orients it so that higher is better: benefit
/// columns as normalized, cost columns flipped by @p flip. @p labels name criteria in errors
/// (clir::InputError for a reciprocal flip of a value <= 0).
Eigen::MatrixXd normalize_oriented(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                                   Normalization method, CostFlip flip,
                                   std::span<const std::string> labels = {});

/// normalize_oriented() of a decision matrix.
Eigen::MatrixXd normalize_oriented(const DecisionMatrix& m, Normalization method, CostFlip flip);

/// Average ranks (1 = smallest) of @p values; ties share the mean of their positions.
Eigen::VectorXd average_ranks(const Eigen::Ref<const Eigen::VectorXd>& values);

}  // namespace clir
