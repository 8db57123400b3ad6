#pragma once
/// @file
/// @brief What it would take for one applicant to be selected: the nearest weighting of the
/// criteria (smallest L1 change of the weights, which stay >= 0 and sum to 1) under which it
/// ranks high enough, found by a mixed-integer program (GLPK), and then checked by rerunning the
/// selection with it.
///
/// Only for scores that are linear in the weights (score_i = Σ_j w_j t_ij:
/// weighted_sum, promethee_ii, points; PreparedScoring::linear_terms()). For TOPSIS, VIKOR and
/// the weighted product the result says so (NearestWeightsStatus::not_linear). See
/// docs/selection.md ("What would it take").

#include <Eigen/Core>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/select.hpp"

namespace clir {

/// Options of nearest_selecting_weights().
struct NearestWeightsOptions {
  /// The applicant must beat each applicant it passes by this much (score units): keeps a tie,
  /// or GLPK's tolerance, from counting as a pass.
  double min_gap = 1e-6;
  /// Time limit of each program, seconds; the result says whether the optimum was proven.
  double time_limit_seconds = 10.0;
  /// Under quotas: how many programs may be solved (the first target, the best rank possible,
  /// then a bisection between them) to find a target rank at which the rerun selection takes it.
  std::size_t max_programs = 6;
};

template <>
struct Fields<NearestWeightsOptions> {
  using O = NearestWeightsOptions;
  static constexpr auto list = std::tuple{
      field("min_gap", &O::min_gap, "margin by which it must beat each applicant it passes (score units)")
          .at_least(0)
          .less_than(1),
      field("time_limit_s", &O::time_limit_seconds, "time limit of each program, seconds")
          .greater_than(0)
          .named_as("a number of seconds"),
      field("max_programs", &O::max_programs, "under quotas: programs tried to find a target rank the rerun selection accepts").at_least(1),
  };
};

/// What nearest_selecting_weights() concluded.
enum class NearestWeightsStatus {
  already_selected,  ///< selected under the given weights: nothing to change
  found,             ///< a weighting found, and the rerun selection takes the applicant
  not_selected,      ///< ranked as asked (by the weights found, or the given ones), the quotas still keep it out
  unreachable,       ///< no weighting ranks it among the N best (e.g. N others are at least as good on every criterion)
  not_linear,        ///< the score is not linear in the weights (TOPSIS, VIKOR, weighted product)
  no_solution,       ///< the solver stopped (time limit, numerical trouble) without a weighting
};

template <>
struct EnumTraits<NearestWeightsStatus> {
  static constexpr std::string_view what = "nearest weighting status";
  static constexpr std::array<EnumName<NearestWeightsStatus>, 6> names{{
      {NearestWeightsStatus::already_selected, "already_selected", "selected under the given weights"},
      {NearestWeightsStatus::found, "found", "a weighting found, and the rerun selection takes it"},
      {NearestWeightsStatus::not_selected, "not_selected", "ranked high enough, but the quotas still keep it out"},
      {NearestWeightsStatus::unreachable, "unreachable", "no weighting ranks it among the N best"},
      {NearestWeightsStatus::not_linear, "not_linear", "the score is not linear in the weights"},
      {NearestWeightsStatus::no_solution, "no_solution", "the solver stopped without a weighting"},
  }};
};

/// The nearest weighting that selects an applicant, or why there is none.
struct NearestWeightsResult {
  NearestWeightsStatus status = NearestWeightsStatus::no_solution;
  /// True when `weights` select the applicant (verified by rerunning the selection with them):
  /// status already_selected or found.
  bool found = false;
  std::vector<double> weights;     ///< the weighting (>= 0, summing to 1); empty when none was found
  std::vector<double> change;      ///< weights minus the given weights, per criterion
  double distance = 0.0;           ///< Σ |change| (L1); 2 × the weight moved between criteria
  std::size_t target_rank = 0;     ///< the rank the last program asked for (it or better)
  std::size_t rank = 0;            ///< the applicant's rank under `weights` (0 when none)
  bool selected = false;           ///< the rerun selection under `weights` takes it
  double score = 0.0;              ///< its score under `weights`
  double cutoff_score = 0.0;       ///< the last selected applicant's score under `weights`
  /// Other applicants at least as good on every criterion's term: no weighting puts the
  /// applicant ahead of them by min_gap, so the program counts them as ahead.
  std::size_t always_ahead = 0;
  std::size_t programs = 0;        ///< programs solved
  bool proven_optimal = false;     ///< the last program's optimum was proven (no time limit hit)
  std::string reason;              ///< one sentence: what was found, or why nothing was
};

template <>
struct Fields<NearestWeightsResult> {
  using R = NearestWeightsResult;
  static constexpr auto list = std::tuple{
      field("status", &R::status, "what was concluded"),
      field("found", &R::found, "the weights select it (verified by rerunning the selection)"),
      field("weights", &R::weights, "the weighting found, per criterion (>= 0, summing to 1)"),
      field("change", &R::change, "the weighting found minus the given weights, per criterion"),
      field("distance", &R::distance, "the L1 size of the change"),
      field("target_rank", &R::target_rank, "the rank the last program asked for"),
      field("rank", &R::rank, "its rank under the weighting found"),
      field("selected", &R::selected, "the rerun selection under the weighting found takes it"),
      field("score", &R::score, "its score under the weighting found"),
      field("cutoff_score", &R::cutoff_score, "the last selected applicant's score under the weighting found"),
      field("always_ahead", &R::always_ahead, "applicants at least as good on every criterion"),
      field("programs", &R::programs, "programs solved"),
      field("proven_optimal", &R::proven_optimal, "the last program's optimum was proven"),
      field("reason", &R::reason, "what was found, or why nothing was"),
  };
};

/// The weighting nearest to @p weights (smallest Σ_j |w_j − weights_j| with w >= 0, Σ w = 1)
/// under which alternative @p candidate (a row of @p prepared) is selected among @p count.
///
/// Without @p selector the selection is the @p count best by score (ties: the lower row first).
/// The program: minimize the L1 change subject to the candidate's score exceeding, by
/// options.min_gap, every other alternative's except at most (target − 1) of them (a binary per
/// alternative that can be either side of it, big-M rows; alternatives at least as good on every
/// criterion's term are counted as ahead, those behind by the margin under every weighting left
/// out, and one that enough others are at least as good as on every term must be behind: no
/// binary). The first target rank is the rank of the last selected under the given weights (N
/// without quotas; under quotas it can be lower, when a maximum made the selection skip
/// better-ranked applicants), or one better than the candidate's own rank when that is already
/// as good. The weighting found is checked by rerunning the selection (@p selector, over the same
/// rows in the same order as @p prepared); when it does not take the candidate, the program is
/// solved for the best rank any weighting can give it, and then, by bisection between the two,
/// for the largest target rank at which the rerun takes it, up to options.max_programs programs
/// in all. Without quotas the result is the nearest weighting that selects the candidate (proven
/// when proven_optimal). Under quotas it is the nearest weighting that ranks it at the largest
/// target found at which the rerun selects it: it does select it (verified), but a nearer
/// weighting that selects it at another rank is possible.
///
/// @p weights must have one entry per criterion, >= 0, summing to 1 (as ScoreResult::weights);
/// clir::ConfigError otherwise, and for @p count 0 or a @p candidate out of range. Never throws
/// for a method that is not linear: the result says so (status not_linear).
NearestWeightsResult nearest_selecting_weights(const PreparedScoring& prepared, const Eigen::VectorXd& weights,
                                               std::size_t candidate, std::size_t count,
                                               const QuotaSelector* selector = nullptr,
                                               const NearestWeightsOptions& options = {});

}  // namespace clir
