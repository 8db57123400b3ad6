#pragma once
/// @file
/// @brief Distances between communities by their needs: Euclidean on standardized (z-score)
/// numeric columns, and Gower's coefficient for mixed numeric and categorical columns.
/// Both are dimensionless. See docs/clustering.md for the rules on constant columns and
/// missing values.

#include <concepts>
#include <string>
#include <string_view>
#include <vector>

#include "clir/distance/matrix.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

class Table;

/// What to do with a missing numeric cell in the Euclidean needs distance.
enum class MissingDistancePolicy {
  /// Use, for each pair, the columns both rows have, and scale the sum of squares up by
  /// (total weight) / (weight of the columns used), as R's dist() does. A pair sharing no
  /// column is an InputError.
  pairwise,
  error,  ///< any missing cell is an InputError naming the row and the column
};

template <>
struct EnumTraits<MissingDistancePolicy> {
  static constexpr std::string_view what = "missing-value policy";
  static constexpr std::array<EnumName<MissingDistancePolicy>, 2> names{{
      {MissingDistancePolicy::pairwise, "pairwise", "per pair, the columns both rows have, scaled up as R's dist() does"},
      {MissingDistancePolicy::error, "error", "any missing cell is an error naming the row and the column"},
  }};
};


/// Options of standardized_euclidean_matrix().
struct EuclideanOptions {
  std::vector<std::string> columns;  ///< numeric columns to use; empty = every numeric column
  std::vector<double> weights;       ///< one weight >= 0 per column; empty = all 1
  MissingDistancePolicy missing = MissingDistancePolicy::pairwise;
  unsigned threads = 0;  ///< 0 = all cores; the result does not depend on it
};

/// Euclidean distance between the rows of @p table on z-scored columns:
/// d(i, j) = sqrt(Σ_c w_c (z_ic − z_jc)²), z = (x − mean) / sd with the sample standard
/// deviation (n − 1), both over the non-missing cells of the column (as R's scale()).
/// A constant column (sd = 0, or fewer than two values) has z = 0 everywhere: it adds nothing,
/// never NaN. Dimensionless. Throws clir::InputError for an unknown column (key = its name), a
/// missing cell under MissingDistancePolicy::error, or a pair with no column in common; and
/// clir::ConfigError (key "weights") for a wrong number of weights or a negative or non-finite
/// weight, or all weights zero.
/// @tparam T storage, float or double (instantiated for both).
template <std::floating_point T = double>
DistanceMatrix<T> standardized_euclidean_matrix(const Table& table, const EuclideanOptions& options = {});

/// Options of gower_matrix().
struct GowerOptions {
  /// Numeric columns; when both lists are empty, every numeric and categorical column is used.
  std::vector<std::string> numeric;
  std::vector<std::string> categorical;  ///< categorical columns (empty string = missing)
  /// One weight >= 0 per column, numeric columns first, then categorical; empty = all 1.
  std::vector<double> weights;
  unsigned threads = 0;  ///< 0 = all cores; the result does not depend on it
};

/// Gower's (1971) dissimilarity, in [0, 1]: d(i, j) = Σ_c w_c δ_ijc d_ijc / Σ_c w_c δ_ijc, with
/// d_ijc = |x_ic − x_jc| / R_c for a numeric column of range R_c (over its non-missing cells),
/// 0 or 1 for a categorical one (equal or not), and δ_ijc = 0 when either cell is missing,
/// else 1. A numeric column of range 0 compares as equal (d = 0, δ = 1). As R's
/// cluster::daisy(metric = "gower"). Throws clir::InputError for an unknown column or a pair of
/// rows with no column in common (key "gower"), clir::ConfigError (key "weights") as above.
/// @tparam T storage, float or double (instantiated for both).
template <std::floating_point T = double>
DistanceMatrix<T> gower_matrix(const Table& table, const GowerOptions& options = {});

extern template DistanceMatrix<float> standardized_euclidean_matrix<float>(const Table&, const EuclideanOptions&);
extern template DistanceMatrix<double> standardized_euclidean_matrix<double>(const Table&, const EuclideanOptions&);
extern template DistanceMatrix<float> gower_matrix<float>(const Table&, const GowerOptions&);
extern template DistanceMatrix<double> gower_matrix<double>(const Table&, const GowerOptions&);

}  // namespace clir
