#pragma once
/// @file
/// @brief One call from a table and criteria to scores and ranks, and a prepared scorer that
/// re-scores the same alternatives under many weight vectors (Monte Carlo robustness).
///
/// Scores are dimensionless and higher is better for every method (VIKOR reports 1 - Q).
/// Ranks are 1-based; equal scores are ranked by row order (the lower row first), which is
/// the lower community code when the table is sorted by code.

#include <Eigen/Core>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/table.hpp"
#include "clir/scoring/criteria.hpp"
#include "clir/scoring/methods.hpp"
#include "clir/scoring/normalize.hpp"
#include "clir/scoring/weights.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"

namespace clir {

/// The aggregation method.
enum class ScoringMethod { weighted_sum, weighted_product, topsis, vikor, promethee_ii, points };

template <>
struct EnumTraits<ScoringMethod> {
  static constexpr std::string_view what = "scoring method";
  static constexpr std::array<EnumName<ScoringMethod>, 6> names{{
      {ScoringMethod::weighted_sum, "weighted_sum", "weighted sum of normalized values"},
      {ScoringMethod::weighted_product, "weighted_product", "weighted product of normalized values"},
      {ScoringMethod::topsis, "topsis", "TOPSIS: closeness to the ideal point"},
      {ScoringMethod::vikor, "vikor", "VIKOR: compromise ranking"},
      {ScoringMethod::promethee_ii, "promethee_ii", "PROMETHEE II net outranking flow"},
      {ScoringMethod::points, "points", "points total: the sum of each criterion's value (its band points) times its weight; cost criteria subtract"},
  }};
  static constexpr std::array<EnumName<ScoringMethod>, 1> aliases{{
      {ScoringMethod::promethee_ii, "promethee", ""},
  }};
};


/// Options of score().
struct ScoringOptions {
  ScoringMethod method = ScoringMethod::topsis;
  /// Normalization of weighted_sum and weighted_product (TOPSIS uses topsis_normalization;
  /// VIKOR and PROMETHEE work on the values themselves).
  Normalization normalization = Normalization::min_max;
  CostFlip cost_flip = CostFlip::one_minus;  ///< weighted_sum / weighted_product only
  Normalization topsis_normalization = Normalization::vector;  ///< vector or min_max
  WeightOptions weights;                     ///< where the weights come from
  double vikor_v = 0.5;                      ///< VIKOR strategy weight in [0, 1]
  std::vector<PreferenceFunction> preference;  ///< PROMETHEE: one per criterion, or empty (usual)
};

template <>
struct Fields<ScoringOptions> {
  using O = ScoringOptions;
  static constexpr auto list = std::tuple{
      field("method", &O::method, "scoring method"),
      field("normalization", &O::normalization, "normalization of weighted_sum and weighted_product"),
      field("topsis_normalization", &O::topsis_normalization, "TOPSIS normalization: vector or min_max"),
      field("cost_flip", &O::cost_flip, "how a cost criterion is flipped (weighted_sum, weighted_product)"),
      field("weights", nested(&O::weights, &WeightOptions::method), "where the weights come from"),
      field("ahp_matrix", nested(&O::weights, &WeightOptions::ahp_matrix),
            "weights = \"ahp\": pairwise comparison matrix, criteria in [[criteria]] order")
          .not_in(FieldUse::json),
      field("ahp_method", nested(&O::weights, &WeightOptions::ahp, &AhpOptions::method), "AHP priority method"),
      field("allow_inconsistent", nested(&O::weights, &WeightOptions::ahp, &AhpOptions::allow_inconsistent),
            "accept an AHP matrix above Saaty's consistency threshold (reported, not rejected)")
          .not_in(FieldUse::json),
      field("max_consistency_ratio", nested(&O::weights, &WeightOptions::ahp, &AhpOptions::max_consistency_ratio),
            "Saaty's consistency threshold")
          .greater_than(0)
          .not_in(FieldUse::scenario | FieldUse::json),
      field("vikor_v", &O::vikor_v, "VIKOR's weight of the group utility").in(0, 1),
      field("preference", &O::preference, "PROMETHEE: one preference function per criterion, or empty (usual)")
          .not_in(FieldUse::scenario | FieldUse::json),
  };
};

/// Checks options that do not depend on the data; throws clir::ConfigError naming the key.
void validate_scoring_options(const ScoringOptions& options, std::size_t criteria_count);

/// What score() computed.
struct ScoreResult {
  std::vector<std::string> ids;       ///< alternatives, in table order
  std::vector<std::string> criteria;  ///< criterion labels
  ScoringMethod method = ScoringMethod::topsis;
  Eigen::VectorXd weights;            ///< weights used, summing to 1
  Eigen::VectorXd score;              ///< per alternative, higher is better
  std::vector<std::size_t> rank;      ///< per alternative, 1 = best
  std::vector<std::size_t> order;     ///< rows, best first
  std::vector<std::size_t> imputed;   ///< imputed cells per criterion
  std::optional<AhpResult> ahp;       ///< when the weights came from AHP
  std::optional<TopsisResult> topsis;       ///< details of TOPSIS
  std::optional<VikorResult> vikor;         ///< details of VIKOR
  std::optional<PrometheeResult> promethee; ///< details of PROMETHEE II
};

/// Ranks (1-based) of @p score, higher first; equal scores by lower index first.
std::vector<std::size_t> rank_descending(const Eigen::Ref<const Eigen::VectorXd>& score);
/// Indices of @p score, best first; equal scores by lower index first.
std::vector<std::size_t> order_descending(const Eigen::Ref<const Eigen::VectorXd>& score);

/// A decision matrix prepared once for scoring under many weight vectors: the normalization
/// (and PROMETHEE's pairwise flows, VIKOR's regrets, TOPSIS's squared gaps to the ideals) are
/// computed at construction, so each evaluate() is O(n × m). Thread-safe for concurrent
/// evaluate() calls.
class PreparedScoring {
 public:
  /// Prepares @p matrix for @p options (validated). Weights are not part of the preparation.
  PreparedScoring(DecisionMatrix matrix, const ScoringOptions& options);

  /// Scores (higher is better) under @p weights (>= 0, summing to 1) into @p out (resized).
  void evaluate(const Eigen::Ref<const Eigen::VectorXd>& weights, Eigen::VectorXd& out) const;
  /// Scores under @p weights.
  Eigen::VectorXd evaluate(const Eigen::Ref<const Eigen::VectorXd>& weights) const;

  /// True when the score is linear in the weights: score = linear_terms() × weights
  /// (weighted_sum, promethee_ii, points); false for weighted_product, TOPSIS and VIKOR.
  bool is_linear() const noexcept;
  /// Rows × criteria: each alternative's score per unit of each criterion's weight, so that
  /// term(i, j) × w_j is criterion j's contribution to alternative i's score. Throws
  /// clir::ConfigError (key "scoring.method") when the method is not linear (is_linear()).
  const Eigen::MatrixXd& linear_terms() const;

  const DecisionMatrix& matrix() const noexcept { return matrix_; }
  const ScoringOptions& options() const noexcept { return options_; }
  std::size_t rows() const noexcept { return matrix_.rows(); }
  std::size_t cols() const noexcept { return matrix_.cols(); }

 private:
  DecisionMatrix matrix_;
  ScoringOptions options_;
  Eigen::MatrixXd a_;  // method-specific precomputation (see score.cpp)
  Eigen::MatrixXd b_;
};

/// Scores a decision matrix: weights by options.weights, then the aggregation method.
ScoreResult score(const DecisionMatrix& matrix, const ScoringOptions& options = {});

/// Builds the decision matrix of @p criteria over every row of @p table and scores it. To
/// score only eligible applicants, pass `table.select_rows(eligibility.eligible_rows)`:
/// normalizations depend on the pool.
ScoreResult score(const Table& table, std::span<const Criterion> criteria, const ScoringOptions& options = {});

}  // namespace clir
