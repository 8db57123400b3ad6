#pragma once
/// @file
/// @brief Criteria of a multi-criteria scoring: which column, which direction, which weight,
/// which transform and what to do with missing values; and the decision matrix they produce.
///
/// A criterion reads one numeric column of a clir::Table. Transforms are applied to the
/// present values first, then missing cells are filled by the criterion's policy, so that the
/// decision matrix is complete and finite (no NaN reaches a normalization or a score).

#include <Eigen/Core>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/table.hpp"

namespace clir {

/// Whether more of a criterion is better (benefit) or worse (cost).
enum class Direction { benefit, cost };

/// A transform of a criterion's column, applied before normalization. A criterion carries a
/// chain of them (Criterion::transforms), applied in order; the empty chain is the column as is.
enum class Transform {
  log1p,       ///< log(1 + x); needs x > -1 (for skewed counts and amounts)
  per_capita,  ///< x / population × per_capita_scale (population from another numeric column)
  winsorize,   ///< values clipped to the [winsor_lower, winsor_upper] quantiles of the present values at this step
};

/// What to do with a missing cell of a criterion's column.
enum class MissingValuePolicy {
  error,          ///< reject the data (clir::InputError naming the criterion and the row id)
  impute_median,  ///< the median of the present (transformed) values
  worst,          ///< the worst present (transformed) value: the minimum of a benefit, the maximum of a cost
};

/// "benefit" or "cost".
std::string_view to_string(Direction d) noexcept;
/// "log1p", "per_capita" or "winsorize".
std::string_view to_string(Transform t) noexcept;
/// A chain as text: "none" when empty, else the names joined by ", then " (for messages).
std::string to_string(std::span<const Transform> chain);
/// "error", "impute_median" or "worst".
std::string_view to_string(MissingValuePolicy p) noexcept;
/// Parses a Direction; throws clir::ConfigError (key "direction") listing the allowed values.
Direction parse_direction(std::string_view text);
/// Parses a Transform; throws clir::ConfigError (key "transform") listing the allowed values.
/// ("none", the empty chain, is not a Transform: a scenario file's transform = "none" is read
/// as an empty Criterion::transforms.)
Transform parse_transform(std::string_view text);
/// Parses a MissingValuePolicy ("median" is accepted for impute_median); throws clir::ConfigError (key "missing") listing the allowed values.
MissingValuePolicy parse_missing_value_policy(std::string_view text);

/// One criterion. The transformed value's units follow the chain (per_capita: per person ×
/// per_capita_scale; log1p: log units; winsorize keeps the units); thresholds given elsewhere
/// (PROMETHEE q, p, s) use them.
struct Criterion {
  std::string name;                     ///< label used in results and errors; defaults to the column
  std::string column;                   ///< numeric column of the table
  Direction direction = Direction::benefit;
  double weight = 1.0;                  ///< relative importance, >= 0 (normalized to sum 1 later)
  /// Transforms applied in this order to the present values, each at most once; e.g.
  /// {per_capita, winsorize} clips the per-person values, {per_capita, log1p} logs them.
  /// Order matters: log1p then per_capita divides log(1 + x) by the population.
  std::vector<Transform> transforms;
  std::string population_column;        ///< per_capita: numeric column of the population, persons
  double per_capita_scale = 1.0;        ///< per_capita: 1 = per person, 1000 = per 1,000 persons
  double winsor_lower = 0.05;           ///< winsorize: lower quantile in [0, 1)
  double winsor_upper = 0.95;           ///< winsorize: upper quantile in (lower, 1]
  MissingValuePolicy missing = MissingValuePolicy::error;

  /// The name, or the column when no name was given.
  const std::string& label() const noexcept { return name.empty() ? column : name; }
};

/// The complete, finite alternatives × criteria matrix a scoring method works on.
struct DecisionMatrix {
  std::vector<std::string> ids;          ///< row ids of the alternatives (table order)
  std::vector<std::string> criteria;     ///< criterion labels (criteria order)
  std::vector<Direction> directions;     ///< one per criterion
  Eigen::VectorXd weights;               ///< the criteria's weights as given (not normalized)
  Eigen::MatrixXd values;                ///< rows × criteria after transform and imputation
  std::vector<std::size_t> imputed;      ///< number of imputed cells per criterion

  std::size_t rows() const noexcept { return ids.size(); }
  std::size_t cols() const noexcept { return criteria.size(); }
};

/// Checks a transform chain: each transform at most once (a second per_capita would divide by
/// the population twice, a second winsorize would clip the already clipped values to new
/// quantiles). Throws clir::ConfigError with key "criteria.<label>.transform".
void validate_transforms(std::span<const Transform> chain, std::string_view label);

/// Checks the criteria against @p table without computing anything. Throws clir::ConfigError
/// whose key names the criterion ("criteria.<label>.<field>") on: no criteria, a repeated
/// label, an empty or unknown column, a negative or non-finite weight, every weight zero
/// (when @p require_positive_weight), a transform repeated in the chain, a per_capita
/// transform without a known population column or with a scale <= 0, winsorize quantiles
/// outside 0 <= lower < upper <= 1.
void validate_criteria(const Table& table, std::span<const Criterion> criteria,
                       bool require_positive_weight = true);

/// Builds the decision matrix of @p criteria over all rows of @p table (validating first).
/// Per criterion: the transforms in chain order on the present values (a per_capita value
/// whose population is missing becomes missing; winsorize uses the quantiles of the values
/// present at its step), then the missing cells are filled by the policy.
/// Throws clir::InputError (key = criterion label, naming the row id) when a transform
/// produces a non-finite value (log1p of x <= -1, a population <= 0), when a missing value
/// meets MissingValuePolicy::error, or when a column has no present value at all.
DecisionMatrix build_decision_matrix(const Table& table, std::span<const Criterion> criteria,
                                     bool require_positive_weight = true);

/// The q-quantile (0 <= q <= 1) of @p values by linear interpolation between order statistics
/// (Hyndman and Fan type 7, R's default). @p values must be non-empty; it is sorted in place.
double quantile_sorted_inplace(std::vector<double>& values, double q);

}  // namespace clir
