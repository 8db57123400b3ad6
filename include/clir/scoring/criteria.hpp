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
#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"

namespace clir {

/// Whether more of a criterion is better (benefit) or worse (cost).
enum class Direction { benefit, cost };

template <>
struct EnumTraits<Direction> {
  static constexpr std::string_view what = "direction";
  static constexpr std::array<EnumName<Direction>, 2> names{{
      {Direction::benefit, "benefit", "higher is better (more need, higher priority)"},
      {Direction::cost, "cost", "lower is better"},
  }};
};

/// A transform of a criterion's column, applied before normalization. A criterion carries a
/// chain of them (Criterion::transforms), applied in order; the empty chain is the column as is.
enum class Transform {
  log1p,       ///< log(1 + x); needs x > -1 (for skewed counts and amounts)
  per_capita,  ///< x / population × per_capita_scale (population from another numeric column)
  winsorize,   ///< values clipped to the [winsor_lower, winsor_upper] quantiles of the present values at this step
};

template <>
struct EnumTraits<Transform> {
  static constexpr std::string_view what = "transform";
  static constexpr std::array<EnumName<Transform>, 3> names{{
      {Transform::log1p, "log1p", "log(1 + x); needs x > -1"},
      {Transform::per_capita, "per_capita", "x / population × per_capita_scale"},
      {Transform::winsorize, "winsorize", "values clipped to the [winsor_lower, winsor_upper] quantiles"},
  }};
};

/// What to do with a missing cell of a criterion's column.
enum class MissingValuePolicy {
  error,          ///< reject the data (clir::InputError naming the criterion and the row id)
  impute_median,  ///< the median of the present (transformed) values
  worst,          ///< the worst present (transformed) value: the minimum of a benefit, the maximum of a cost
};

template <>
struct EnumTraits<MissingValuePolicy> {
  static constexpr std::string_view what = "missing-value policy";
  static constexpr std::array<EnumName<MissingValuePolicy>, 3> names{{
      {MissingValuePolicy::error, "error", "reject the data, naming the criterion and the row"},
      {MissingValuePolicy::impute_median, "impute_median", "the median of the present values"},
      {MissingValuePolicy::worst, "worst", "the worst present value"},
  }};
  static constexpr std::array<EnumName<MissingValuePolicy>, 1> aliases{{
      {MissingValuePolicy::impute_median, "median", ""},
  }};
};

/// A chain as text: "none" when empty, else the names joined by ", then " (for messages).
std::string to_string(std::span<const Transform> chain);

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

/// The keys of a [[criteria]] entry (its PROMETHEE preference is Fields<PreferenceFunction>).
template <>
struct Fields<Criterion> {
  using C = Criterion;
  static constexpr auto list = std::tuple{
      field("column", &C::column, "numeric column of the table").required("every [[criteria]] entry needs a column"),
      field("name", &C::name, "label in results and errors; empty = the column").shown_default("the column"),
      field("direction", &C::direction, "benefit: more strengthens the applicant's case; cost: less does"),
      field("weight", &C::weight, "relative importance (normalized to sum 1)").at_least(0),
      field("transform", &C::transforms, "a transform or a chain applied in order before normalization; \"none\" or [] = none").shown_default("none"),
      field("population_column", &C::population_column, "per_capita: numeric column of the population (required with it)").shown_default("none"),
      field("per_capita_scale", &C::per_capita_scale, "per_capita: 1 = per person, 1000 = per 1,000 persons")
          .greater_than(0),
      field("winsor_lower", &C::winsor_lower, "winsorize: lower quantile, in [0, 1)"),
      field("winsor_upper", &C::winsor_upper, "winsorize: upper quantile, in (winsor_lower, 1]"),
      field("missing", &C::missing, "what a missing cell becomes"),
  };
  /// per_capita needs population_column; 0 <= winsor_lower < winsor_upper <= 1.
  static void validate(const Criterion& c);
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
