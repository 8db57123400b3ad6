#pragma once
/// @file
/// @brief How robust ranks and selections are to the weights: Monte Carlo weight perturbation
/// (SMAA-2 style acceptability), leave-one-criterion-out, and rank agreement measures.
///
/// Determinism: draw d uses its own generator `Rng::stream(seed, d)`; draws are spread over
/// threads with clir::parallel_for and every accumulated quantity is an integer (counts, and
/// weights in fixed point with 2^-32 resolution), so sums do not depend on the order in which
/// threads finish. Results are identical for any thread count.

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/rng.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/select.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"

namespace clir {

/// How weight vectors are drawn.
enum class WeightSampling {
  uniform_simplex,  ///< uniform on the simplex (Dirichlet(1, ..., 1)): no preference information
  dirichlet,        ///< Dirichlet(concentration × w): centred on the chosen weights w
};

template <>
struct EnumTraits<WeightSampling> {
  static constexpr std::string_view what = "weight sampling";
  static constexpr std::array<EnumName<WeightSampling>, 2> names{{
      {WeightSampling::uniform_simplex, "uniform_simplex", "uniform on the simplex: no preference information"},
      {WeightSampling::dirichlet, "dirichlet", "Dirichlet(concentration × w): centred on the chosen weights"},
  }};
  static constexpr std::array<EnumName<WeightSampling>, 1> aliases{{
      {WeightSampling::uniform_simplex, "uniform", ""},
  }};
};


/// Draws one weight vector (sums to 1). Dirichlet: component j ~ Gamma(concentration × w_j),
/// normalized; a criterion of weight 0 stays 0. @p base must sum to 1.
Eigen::VectorXd draw_weights(Rng& rng, const Eigen::VectorXd& base, WeightSampling sampling, double concentration);

/// Options of monte_carlo().
struct MonteCarloOptions {
  std::size_t draws = 10000;
  WeightSampling sampling = WeightSampling::dirichlet;
  double concentration = 100.0;        ///< Dirichlet: larger = closer to the chosen weights (> 0)
  std::uint64_t seed = 1;
  unsigned threads = 0;                ///< 0 = all cores
  /// Upper edges (1-based ranks, increasing) of the rank bands for rank acceptability; a last
  /// band "beyond the last edge" is added when the last edge is below n. Empty: one band per
  /// rank when n <= 100, else the bands 1, 5, 10, 25, 50, 100, 250, 500, 1000 (those < n).
  std::vector<std::size_t> rank_bands;
  /// Told the number of draws done (and the total) now and then, from one thread; not a
  /// scenario key, and it does not change the result. May be empty.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

template <>
struct Fields<MonteCarloOptions> {
  using O = MonteCarloOptions;
  static constexpr auto list = std::tuple{
      field("draws", &O::draws, "Monte Carlo weight draws; 0 = no analysis"),
      field("sampling", &O::sampling, "how the weights are drawn"),
      field("concentration", &O::concentration, "Dirichlet: larger = closer to the chosen weights").greater_than(0),
      field("rank_bands", &O::rank_bands, "upper ranks of the rank-acceptability bands").shown_default("automatic")
          .at_least(1)
          .named_as("an array of increasing ranks"),
      field("seed", &O::seed, "seed of the draws").not_in(FieldUse::scenario | FieldUse::json),
      field("threads", &O::threads, "threads; 0 = all cores").not_in(FieldUse::scenario | FieldUse::json),
  };
};

/// Monte Carlo results, per alternative (in the prepared matrix's order).
struct MonteCarloResult {
  std::vector<std::string> ids;
  std::size_t draws = 0;
  std::vector<std::size_t> band_edges;   ///< upper rank of each band (the last is n)
  Eigen::MatrixXd rank_acceptability;    ///< alternatives × bands: share of draws with a rank in the band
  Eigen::VectorXd mean_rank;             ///< average rank over draws
  std::vector<std::size_t> best_rank;    ///< best rank reached in any draw
  std::vector<std::size_t> worst_rank;   ///< worst rank reached in any draw
  Eigen::VectorXd selection_probability; ///< share of draws in which it is selected (0 without a selector)
  /// Alternatives × criteria: mean weight vector over the draws that select it (SMAA-2's
  /// central weight vector); a row of zeros when never selected.
  Eigen::MatrixXd central_weights;
};

/// Scores @p prepared under options.draws weight vectors drawn around @p base_weights (sum 1)
/// and accumulates ranks and, when @p selector is given (built on the same alternatives in the
/// same order), selections. With a greedy or matroid selector a draw's selection costs O(n)
/// after the sort; with a MIP selector every draw solves an integer program (GLPK; concurrently
/// in the threads when GLPK is re-entrant), which is far slower.
MonteCarloResult monte_carlo(const PreparedScoring& prepared, const Eigen::VectorXd& base_weights,
                             const MonteCarloOptions& options = {}, const QuotaSelector* selector = nullptr);

/// Agreement between two score vectors over the same alternatives.
struct RankAgreement {
  double spearman = 1.0;       ///< Spearman's rho (Pearson correlation of average ranks)
  double kendall_tau_b = 1.0;  ///< Kendall's tau-b (ties corrected)
  double top_overlap = 1.0;    ///< |top N of a ∩ top N of b| / N (top by score, ties by lower index)
  std::size_t top_n = 0;
};

template <>
struct Fields<RankAgreement> {
  using A = RankAgreement;
  static constexpr auto list = std::tuple{
      field("spearman", &A::spearman, "Spearman's rho"),
      field("kendall_tau_b", &A::kendall_tau_b, "Kendall's tau-b (ties corrected)"),
      field("top_overlap", &A::top_overlap, "share of the top N in both"),
      field("top_n", &A::top_n, "N"),
  };
};

/// Spearman's rank correlation of @p a and @p b (same length >= 2); 0 when one side is constant.
double spearman_rho(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b);
/// Kendall's tau-b of @p a and @p b (same length >= 2); 0 when one side is constant. O(n^2) pairs, 64-bit counts.
double kendall_tau_b(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b);
/// Share of the top @p n of @p a that is also in the top @p n of @p b.
double top_overlap(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b, std::size_t n);
/// All three measures. Throws clir::ConfigError when the lengths differ.
RankAgreement rank_agreement(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b,
                             std::size_t top_n);

/// The effect of dropping one criterion.
struct CriterionDrop {
  std::string criterion;
  Eigen::VectorXd weights;               ///< the remaining weights, renormalized (0 for the dropped one)
  RankAgreement agreement;               ///< against the scores with every criterion
  std::vector<std::string> entered;      ///< ids selected without the criterion but not with it
  std::vector<std::string> left;         ///< ids selected with it but not without it
};

/// Leave-one-criterion-out: for each criterion of positive weight, set its weight to 0,
/// renormalize, re-score and re-select (by @p selector, or the top @p top_n without one).
std::vector<CriterionDrop> leave_one_criterion_out(const PreparedScoring& prepared, const Eigen::VectorXd& base_weights,
                                                   std::size_t top_n, const QuotaSelector* selector = nullptr);

namespace detail {
/// order_descending() by radix sort (the Monte Carlo loop's ranking); exposed for tests.
std::vector<std::size_t> radix_order_descending(const Eigen::VectorXd& scores);
}  // namespace detail

}  // namespace clir
