#pragma once
/// @file
/// @brief Aggregation methods: weighted sum, weighted product, TOPSIS, VIKOR, PROMETHEE II.
///
/// Each takes a complete decision matrix (alternatives × criteria) and weights summing to 1
/// and returns per-alternative values; see score.hpp for the one-call pipeline. Weighted sum and
/// product take a benefit-oriented normalized matrix; TOPSIS, VIKOR and PROMETHEE take raw
/// values and the directions, as their authors define them.

#include <Eigen/Core>
#include <span>
#include <string_view>
#include <vector>

#include "clir/scoring/criteria.hpp"
#include "clir/scoring/normalize.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"

namespace clir {

/// Sum_j w_j r_ij of a benefit-oriented normalized matrix @p oriented.
Eigen::VectorXd weighted_sum(const Eigen::MatrixXd& oriented, const Eigen::VectorXd& weights);

/// Prod_j r_ij ^ w_j of a benefit-oriented normalized matrix with r >= 0 (a zero gives 0;
/// criteria of weight 0 are skipped). Throws clir::InputError on a negative value.
Eigen::VectorXd weighted_product(const Eigen::MatrixXd& oriented, const Eigen::VectorXd& weights);

/// TOPSIS results.
struct TopsisResult {
  Eigen::VectorXd closeness;  ///< D- / (D+ + D-), in [0, 1]; 0.5 when D+ = D- = 0 (all alike)
  Eigen::VectorXd d_best;     ///< Euclidean distance to the positive ideal
  Eigen::VectorXd d_worst;    ///< Euclidean distance to the negative ideal
};

/// TOPSIS (Hwang and Yoon 1981): columns normalized by @p normalization (vector as in the
/// original, or min_max), weighted, ideal = best per column by direction.
TopsisResult topsis(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                    const Eigen::VectorXd& weights, Normalization normalization = Normalization::vector);

/// VIKOR results. Lower S, R, Q are better.
struct VikorResult {
  Eigen::VectorXd s;  ///< group utility: sum_j w_j (f*_j - f_ij) / (f*_j - f-_j)
  Eigen::VectorXd r;  ///< individual regret: max_j of the same terms
  Eigen::VectorXd q;  ///< v (S - S*)/(S- - S*) + (1 - v)(R - R*)/(R- - R*), in [0, 1]
  /// Compromise solution (Opricovic and Tzeng 2004): the best by Q when it has an acceptable
  /// advantage (Q2 - Q1 >= 1/(n - 1)) and is also best by S or R; otherwise the set of
  /// alternatives that share the first place (rows, best Q first).
  std::vector<std::size_t> compromise;
  bool acceptable_advantage = false;  ///< condition C1
  bool acceptable_stability = false;  ///< condition C2
};

/// VIKOR (Opricovic 1998; Opricovic and Tzeng 2004) with strategy weight @p v in [0, 1].
/// Constant criteria contribute 0; a zero S or R range contributes 0 to Q.
VikorResult vikor(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                  const Eigen::VectorXd& weights, double v = 0.5);

/// PROMETHEE preference function types: Brans' six generalized criteria (Brans and Vincke
/// 1985; Brans, Vincke and Mareschal 1986). d is the oriented difference of two alternatives
/// on the criterion, in its (transformed) units; every type gives P(d) = 0 for d <= 0.
enum class PreferenceType {
  usual,     ///< type I: P = 1 when d > 0
  u_shape,   ///< type II (quasi-criterion): P = 1 when d > q, else 0
  v_shape,   ///< type III: P = d / p up to p, then 1
  level,     ///< type IV: 0 up to q, 1/2 when q < d <= p, 1 beyond p
  linear,    ///< type V (V-shape with indifference): 0 up to q, (d - q)/(p - q) up to p, then 1
  gaussian,  ///< type VI: 1 - exp(-d^2 / (2 s^2)), s = the inflection point
};

template <>
struct EnumTraits<PreferenceType> {
  static constexpr std::string_view what = "preference function";
  static constexpr std::array<EnumName<PreferenceType>, 6> names{{
      {PreferenceType::usual, "usual", "type I: P = 1 when d > 0"},
      {PreferenceType::u_shape, "u_shape", "type II: P = 1 when d > q, else 0"},
      {PreferenceType::v_shape, "v_shape", "type III: P = d / p up to p, then 1"},
      {PreferenceType::level, "level", "type IV: 0 up to q, 1/2 when q < d <= p, 1 beyond p"},
      {PreferenceType::linear, "linear", "type V: 0 up to q, (d - q)/(p - q) up to p, then 1"},
      {PreferenceType::gaussian, "gaussian", "type VI: 1 - exp(-d^2 / (2 s^2))"},
  }};
};


/// A preference function with its thresholds, in the criterion's (transformed) units.
struct PreferenceFunction {
  PreferenceType type = PreferenceType::usual;
  double q = 0.0;  ///< indifference threshold (u_shape, level, linear), >= 0
  double p = 0.0;  ///< preference threshold (v_shape, level, linear), > q
  double s = 0.0;  ///< gaussian: the inflection point (the "sigma" of the Gaussian), > 0
};

/// The PROMETHEE preference keys of a [[criteria]] entry.
template <>
struct Fields<PreferenceFunction> {
  using P = PreferenceFunction;
  static constexpr auto list = std::tuple{
      field("preference", &P::type, "PROMETHEE preference function"),
      field("q", &P::q, "indifference threshold (u_shape, level, linear)"),
      field("p", &P::p, "preference threshold (v_shape, level, linear)"),
      field("s", &P::s, "gaussian: the inflection point"),
  };
};

/// P(d) for a difference @p d (already oriented so that d > 0 favours the first alternative).
double preference(const PreferenceFunction& f, double d) noexcept;

/// PROMETHEE flows.
struct PrometheeResult {
  Eigen::VectorXd phi_plus;   ///< leaving flow, in [0, 1]
  Eigen::VectorXd phi_minus;  ///< entering flow, in [0, 1]
  Eigen::VectorXd phi;        ///< net flow phi+ - phi-, in [-1, 1]
};

/// Single-criterion net flows (alternatives × criteria): phi_j(a) = 1/(n-1) sum_b
/// [P_j(a,b) - P_j(b,a)]. The net flow of PROMETHEE II is their weighted sum.
Eigen::MatrixXd promethee_single_flows(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                                       std::span<const PreferenceFunction> functions);

/// PROMETHEE II (Brans, Vincke and Mareschal 1986). @p functions has one entry per criterion
/// or is empty (usual criterion everywhere). Flows are normalized by n - 1 and the weights by
/// their sum as given (pass weights summing to 1): Brans and Vincke's (1985) unnormalized
/// flows with equal weights are (n - 1) times these. Throws clir::ConfigError (key
/// "preference[j]") for thresholds that do not fit the type (u_shape q >= 0; v_shape p > 0;
/// level and linear 0 <= q < p; gaussian s > 0).
PrometheeResult promethee_ii(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                             const Eigen::VectorXd& weights, std::span<const PreferenceFunction> functions = {});

/// The aggregated preference indices pi(a, b) = sum_j w_j P_j(a, b) (alternatives ×
/// alternatives, zero diagonal, in [0, 1] for weights summing to 1): the valued outranking
/// graph of PROMETHEE I and II. phi+(a) is the mean of row a without the diagonal, phi-(a)
/// the mean of column a. O(n^2) memory: for inspection of small problems. Errors as promethee_ii().
Eigen::MatrixXd promethee_preference_indices(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                                             const Eigen::VectorXd& weights,
                                             std::span<const PreferenceFunction> functions = {});

/// Checks PROMETHEE preference functions (see promethee_ii()); @p count is the number of criteria.
void validate_preference_functions(std::span<const PreferenceFunction> functions, std::size_t count);

}  // namespace clir
