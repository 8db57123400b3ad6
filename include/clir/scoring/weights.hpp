#pragma once
/// @file
/// @brief Criterion weights: given, equal, entropy, CRITIC, standard deviation and AHP.
///
/// Every function returns non-negative weights summing to 1. Degenerate inputs follow stated
/// rules: when no criterion carries information (all entropies 1, all deviations 0) the weights
/// are equal.

#include <Eigen/Core>
#include <span>
#include <string>
#include <string_view>

#include "clir/scoring/criteria.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// Where the weights come from.
enum class WeightMethod {
  given,    ///< the criteria's own weights, normalized to sum 1 ("given" or "explicit")
  equal,    ///< 1/m each
  entropy,  ///< Shannon entropy of each column's shares (Hwang and Yoon 1981)
  critic,   ///< CRITIC: contrast times conflict (Diakoulaki, Mavrotas, Papayannakis 1995)
  std_dev,  ///< standard deviation of the min-max normalized columns
  ahp,      ///< principal eigenvector or geometric mean of a pairwise comparison matrix (Saaty)
};

template <>
struct EnumTraits<WeightMethod> {
  static constexpr std::string_view what = "weight method";
  static constexpr std::array<EnumName<WeightMethod>, 6> names{{
      {WeightMethod::given, "given", "the criteria's own weights, normalized to sum 1"},
      {WeightMethod::equal, "equal", "1/m each"},
      {WeightMethod::entropy, "entropy", "Shannon entropy of each column's shares (Hwang and Yoon 1981)"},
      {WeightMethod::critic, "critic", "CRITIC: contrast times conflict (Diakoulaki et al. 1995)"},
      {WeightMethod::std_dev, "std_dev", "standard deviation of the min-max normalized columns"},
      {WeightMethod::ahp, "ahp", "AHP: a pairwise comparison matrix (Saaty)"},
  }};
  static constexpr std::array<EnumName<WeightMethod>, 2> aliases{{
      {WeightMethod::given, "explicit", ""},
      {WeightMethod::std_dev, "std", ""},
  }};
};

/// How AHP derives weights from the pairwise matrix.
enum class AhpMethod {
  eigenvector,     ///< principal right eigenvector (Saaty 1977), computed with Eigen
  geometric_mean,  ///< normalized row geometric means (Crawford and Williams 1985)
};

template <>
struct EnumTraits<AhpMethod> {
  static constexpr std::string_view what = "AHP method";
  static constexpr std::array<EnumName<AhpMethod>, 2> names{{
      {AhpMethod::eigenvector, "eigenvector", "principal right eigenvector (Saaty 1977)"},
      {AhpMethod::geometric_mean, "geometric_mean", "normalized row geometric means (Crawford and Williams 1985)"},
  }};
};


/// @p weights divided by their sum. Throws clir::ConfigError (key "criteria.<label>.weight")
/// for a negative or non-finite weight, and (key "weights") when all are zero.
Eigen::VectorXd normalize_weights(const Eigen::Ref<const Eigen::VectorXd>& weights,
                                  std::span<const std::string> labels = {});

/// Entropy weights of the columns of @p values (>= 0): p_ij = x_ij / sum_i x_ij,
/// e_j = -sum_i p_ij ln p_ij / ln n, w_j = (1 - e_j) / sum_k (1 - e_k). A column summing to
/// zero has entropy 1 (no information). Throws clir::InputError naming the criterion on a
/// negative value.
Eigen::VectorXd entropy_weights(const Eigen::MatrixXd& values, std::span<const std::string> labels = {});

/// CRITIC weights of @p oriented, a benefit-oriented min-max normalized matrix:
/// C_j = sd_j × sum_k (1 - r_jk) with Pearson r; w = C / sum C. Constant columns get weight 0
/// and are left out of the other columns' conflict sums; with fewer than two varying columns
/// the weights are proportional to the standard deviations. Orienting matters: turning a cost
/// column around changes the sign of its correlations (Diakoulaki et al. 1995 orient each
/// criterion towards its ideal; some applications do not, see docs/scoring.md).
Eigen::VectorXd critic_weights(const Eigen::MatrixXd& oriented);

/// Standard-deviation weights: w_j proportional to the (population) standard deviation of
/// column j of @p normalized, as given; compute_weights() passes the min-max normalization, so
/// that the weights do not depend on the criteria's units.
Eigen::VectorXd std_dev_weights(const Eigen::MatrixXd& normalized);

/// Options of ahp_weights().
struct AhpOptions {
  AhpMethod method = AhpMethod::eigenvector;
  double max_consistency_ratio = 0.1;  ///< Saaty's threshold
  bool allow_inconsistent = false;     ///< accept CR above the threshold (reported, not rejected)
};

/// Weights and consistency of a pairwise comparison matrix.
struct AhpResult {
  Eigen::VectorXd weights;         ///< sums to 1
  double lambda_max = 0.0;         ///< principal eigenvalue (eigenvector) or its estimate mean((Aw)_i / w_i)
  double consistency_index = 0.0;  ///< CI = (lambda_max - n) / (n - 1)
  double random_index = 0.0;       ///< Saaty's RI for n
  double consistency_ratio = 0.0;  ///< CR = CI / RI (0 for n <= 2)
  bool consistent = true;          ///< CR <= max_consistency_ratio
};

/// Saaty's random consistency index RI for an n × n matrix, n in 1..15 (Saaty 1980: 0, 0,
/// 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59). Throws
/// clir::ConfigError for other n.
double saaty_random_index(std::size_t n);

/// AHP weights of the positive reciprocal matrix @p pairwise (a_ij = how much more important i
/// is than j, a_ji = 1/a_ij within 1 %, a_ii = 1). Throws clir::ConfigError (key
/// "ahp.matrix[i][j]") for a non-square, non-positive or non-reciprocal matrix, and (key
/// "ahp.matrix") when CR exceeds the threshold and inconsistency is not allowed.
AhpResult ahp_weights(const Eigen::MatrixXd& pairwise, const AhpOptions& options = {});

/// Options of compute_weights().
struct WeightOptions {
  WeightMethod method = WeightMethod::given;
  Eigen::MatrixXd ahp_matrix;  ///< WeightMethod::ahp: criteria × criteria, in criteria order
  AhpOptions ahp;
};

/// Weights of a decision matrix by @p options.method (entropy on the values themselves, a
/// column with negative values shifted by its minimum first; CRITIC and std_dev on the
/// benefit-oriented min-max normalization). @p ahp_out receives the
/// AHP result when the method is ahp.
Eigen::VectorXd compute_weights(const DecisionMatrix& m, const WeightOptions& options,
                                AhpResult* ahp_out = nullptr);

}  // namespace clir
