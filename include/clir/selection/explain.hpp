#pragma once
/// @file
/// @brief Inverse scoring (preference disaggregation): which weighting of the criteria, if any,
/// makes a given reference set (such as the 19 communities CLIR published) the selection?
///
/// The rule searched for is additive on the pool's min-max normalized, oriented criteria
/// (higher is better): linear weights (score = Σ w_j r_j, w >= 0, Σ w = 1), or UTA-style
/// piecewise-linear marginal value functions, non-decreasing, with equal-width segments on the
/// normalized scale (score = Σ_j u_j(r_j), u_j(0) = 0, Σ_j u_j(1) = 1; a criterion's weight is
/// u_j(1)). Both are linear in their parameters, so each objective is a linear or mixed-integer
/// program solved with GLPK. See docs/explain.md.

#include <Eigen/Core>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/table.hpp"
#include "clir/scoring/criteria.hpp"
#include "clir/selection/select.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"

namespace clir {

/// What the search optimizes.
enum class ExplainObjective {
  max_members,     ///< most reference members among the N best (a MIP on a score threshold)
  max_margin,      ///< largest gap between the worst member and the best non-member (an LP)
  min_violations,  ///< smallest total shortfall of members below, and excess of non-members above, a threshold (an LP, UTA-style)
};

template <>
struct EnumTraits<ExplainObjective> {
  static constexpr std::string_view what = "explain objective";
  static constexpr std::array<EnumName<ExplainObjective>, 3> names{{
      {ExplainObjective::max_members, "max_members", "most reference members among the N best (a MIP)"},
      {ExplainObjective::max_margin, "max_margin", "largest gap between the worst member and the best non-member (an LP)"},
      {ExplainObjective::min_violations, "min_violations", "smallest total shortfall and excess around a threshold (an LP)"},
  }};
};

/// The shape of the rule.
enum class ExplainModel {
  linear,     ///< one weight per criterion on its normalized value
  piecewise,  ///< UTA: a non-decreasing piecewise-linear value function per criterion
};

template <>
struct EnumTraits<ExplainModel> {
  static constexpr std::string_view what = "explain model";
  static constexpr std::array<EnumName<ExplainModel>, 2> names{{
      {ExplainModel::linear, "linear", "one weight per criterion on its normalized value"},
      {ExplainModel::piecewise, "piecewise", "UTA: a non-decreasing piecewise-linear value function per criterion"},
  }};
};


/// Bounds on one criterion's weight (its label), in [0, 1].
struct WeightBound {
  std::string criterion;
  std::optional<double> min;
  std::optional<double> max;
};

/// Where explain_selection() is, for a progress display (ExplainOptions::progress). Told after
/// every solver call and, during the MIP, about ten times a second. The estimate comes from the
/// time measured so far on this machine; reading it never changes the result.
struct ExplainProgress {
  std::string_view stage;          ///< "rules", "greedy start", "MIP", "stability"
  std::size_t solver_calls = 0;    ///< LPs and MIPs solved so far
  double elapsed_seconds = 0.0;    ///< since explain_selection() began
  /// Estimate of the time left, seconds: the solver calls still planned times the mean time of
  /// the calls measured so far, plus, when the max_members MIP is ahead or running, what is left
  /// of its time limit (it often runs to it). 0 until a first call has been measured.
  double remaining_seconds = 0.0;
  double mip_seconds = 0.0;        ///< the part of remaining_seconds that is the MIP's time limit
  bool estimated = false;          ///< remaining_seconds is an estimate (a first call was measured)
};

/// Options of explain_selection().
struct ExplainOptions {
  ExplainObjective objective = ExplainObjective::max_members;
  ExplainModel model = ExplainModel::linear;
  std::size_t segments = 3;          ///< piecewise: segments per criterion (>= 1; 1 = linear)
  std::vector<WeightBound> bounds;   ///< optional per-criterion weight bounds
  /// How many are selected (N); 0 = as many as the reference has members.
  std::size_t count = 0;
  /// The quota rules (count, quotas, distinct, shares) under which the found rule's selection is
  /// also reported; selection.count is ignored (count above applies). Empty quotas = rank order.
  SelectionOptions selection;
  /// A member counts as beating the threshold only with this margin (score units, the scores
  /// lie in [0, 1]); keeps ties from counting as wins.
  double min_gap = 1e-5;
  bool stability = true;             ///< compute each weight's range over the optimal rules
  double time_limit_seconds = 20.0;  ///< the max_members MIP's limit (each LP has it too); the result says whether optimality was proven
  /// Told where the search is (not a declared field: no file or front end sets it). May be empty.
  std::function<void(const ExplainProgress&)> progress;
};

template <>
struct Fields<WeightBound> {
  using B = WeightBound;
  static constexpr auto list = std::tuple{
      field("criterion", &B::criterion, "a criterion's name").required(
          "every [[explain.bounds]] needs a criterion (a criterion's name)"),
      field("min", &B::min, "smallest weight").in(0, 1).named_as("a weight"),
      field("max", &B::max, "largest weight").in(0, 1).named_as("a weight"),
  };
  /// min or max is given.
  static void validate(const WeightBound& b);
};

template <>
struct Fields<ExplainOptions> {
  using O = ExplainOptions;
  static constexpr auto list = std::tuple{
      field("objective", &O::objective, "what the found rule optimises"),
      field("model", &O::model, "the form of the rule"),
      field("segments", &O::segments, "piecewise: segments per criterion").at_least(1),
      field("size", &O::count, "N, how many are selected").at_least(1).shown_default("the selection's size"),
      field("min_gap", &O::min_gap, "margin a member needs to count as above the threshold (score units)")
          .at_least(0)
          .less_than(1),
      field("stability", &O::stability, "compute each weight's range over the optimal rules"),
      field("time_limit_s", &O::time_limit_seconds, "time limit of each solver call, seconds")
          .greater_than(0)
          .named_as("a number of seconds"),
      field("bounds", &O::bounds, "per-criterion weight bounds ([[explain.bounds]])"),
      field("selection", &O::selection, "the quota rules the found rule's selection is reported under")
          .not_in(FieldUse::scenario | FieldUse::json | FieldUse::api),
  };
};

/// Where one reference member stands under the found rule.
struct ExplainedMember {
  std::string id;
  double score = 0.0;
  std::size_t rank = 0;                ///< among the candidates, 1 = best (ties: lower row first)
  bool in_top = false;                 ///< among the N best
  std::optional<bool> selected;        ///< under the quota rules, when there are any
  std::size_t dominated_by = 0;        ///< non-members at least as good on every criterion (and better on one)
};

/// A non-member that takes a place under the found rule.
struct Displacer {
  std::string id;
  double score = 0.0;
  std::size_t rank = 0;
};

/// The range of one criterion's weight over the rules that reach the optimum.
struct WeightRange {
  std::string criterion;
  double weight = 0.0;  ///< in the rule returned
  double min = 0.0;
  double max = 0.0;
};

/// What explain_selection() found.
struct ExplainResult {
  ExplainObjective objective = ExplainObjective::max_members;
  ExplainModel model = ExplainModel::linear;
  std::vector<std::string> criteria;       ///< criterion labels
  Eigen::VectorXd weights;                 ///< per criterion, >= 0, summing to 1
  /// piecewise: per criterion, the value function at the breakpoints 0, 1/S, ..., 1 of the
  /// normalized value (S + 1 values from 0 to the weight); linear: {0, weight}.
  std::vector<std::vector<double>> value_functions;
  std::size_t candidates = 0;              ///< rows of the pool
  std::size_t reference_size = 0;
  std::size_t count = 0;                   ///< N
  std::size_t members_in_top = 0;          ///< reference members among the N best under the rule
  std::optional<std::size_t> members_selected;  ///< ... selected under the quota rules, when given
  /// Smallest member score minus the largest non-member score; > 0: the rule ranks every
  /// member above every non-member.
  double margin = 0.0;
  double violations = 0.0;                 ///< the min_violations objective at this rule
  std::vector<ExplainedMember> members;    ///< in reference order
  std::vector<Displacer> displacers;       ///< non-members among the N best (or selected under the quotas), best first
  /// Members that no weighting can put among the N best: dominated by N or more non-members.
  std::vector<std::string> unreachable;
  std::vector<WeightRange> stability;      ///< one per criterion, when options.stability
  /// No rule puts more members among the N best: from dominance, the largest margin (when N
  /// is the reference's size) or, for max_members, GLPK's proof (then equal to members_in_top).
  std::optional<std::size_t> upper_bound;
  std::size_t dropped_candidates = 0;      ///< non-members left out of the MIP (dominance; they cannot change its optimum)
  bool proven_optimal = true;              ///< false when GLPK stopped at its time limit
};

template <>
struct Fields<ExplainedMember> {
  using M = ExplainedMember;
  static constexpr auto list = std::tuple{
      field("id", &M::id, "the member's row id (KATOTTG code)").not_in(FieldUse::json),
      field("score", &M::score, "its score under the found rule"),
      field("rank", &M::rank, "its rank among the candidates, 1 = best"),
      field("in_top", &M::in_top, "among the N best"),
      field("selected", &M::selected, "selected under the quota rules, when there are any"),
      field("dominated_by", &M::dominated_by, "non-members at least as good on every criterion"),
  };
};

template <>
struct Fields<Displacer> {
  using D = Displacer;
  static constexpr auto list = std::tuple{
      field("id", &D::id, "the non-member's row id (KATOTTG code)").not_in(FieldUse::json),
      field("score", &D::score, "its score under the found rule"),
      field("rank", &D::rank, "its rank among the candidates, 1 = best"),
  };
};

template <>
struct Fields<WeightRange> {
  using W = WeightRange;
  static constexpr auto list = std::tuple{
      field("criterion", &W::criterion, "the criterion's label").not_in(FieldUse::json),
      field("weight", &W::weight, "its weight in the rule returned").not_in(FieldUse::json),
      field("min", &W::min, "the least weight among the rules that reach the optimum"),
      field("max", &W::max, "the largest weight among the rules that reach the optimum"),
  };
};

/// The per-criterion parts (criteria, weights, value functions, stability) and the member
/// lists are written beside the criteria's columns and the communities' names, so the JSON
/// writer composes them (src/pipeline/explain.cpp); the figures are declared here.
template <>
struct Fields<ExplainResult> {
  using R = ExplainResult;
  static constexpr auto list = std::tuple{
      field("objective", &R::objective, "what the found rule optimises"),
      field("model", &R::model, "the form of the rule"),
      field("criteria", &R::criteria, "criterion labels").not_in(FieldUse::json),
      field("weights", &R::weights, "per criterion, >= 0, summing to 1").not_in(FieldUse::json),
      field("value_functions", &R::value_functions, "per criterion, the value function at its breakpoints")
          .not_in(FieldUse::json),
      field("candidates", &R::candidates, "rows of the pool"),
      field("reference_size", &R::reference_size, "members of the reference"),
      field("count", &R::count, "N, how many are selected"),
      field("members_in_top", &R::members_in_top, "reference members among the N best under the rule"),
      field("members_selected", &R::members_selected, "reference members selected under the quota rules, when given"),
      field("margin", &R::margin, "smallest member score minus the largest non-member score"),
      field("violations", &R::violations, "the min_violations objective at this rule"),
      field("members", &R::members, "where each member stands, in reference order").not_in(FieldUse::json),
      field("displacers", &R::displacers, "non-members among the N best, best first").not_in(FieldUse::json),
      field("unreachable", &R::unreachable, "members no weighting can put among the N best"),
      field("stability", &R::stability, "each weight's range over the optimal rules").not_in(FieldUse::json),
      field("upper_bound", &R::upper_bound, "no rule puts more members among the N best"),
      field("dropped_candidates", &R::dropped_candidates, "non-members left out of the MIP by dominance"),
      field("proven_optimal", &R::proven_optimal, "false when GLPK stopped at its time limit"),
  };
};

/// Finds the rule (weights or value functions on @p criteria over the rows of @p pool) that best
/// explains @p reference_ids (row ids of @p pool, e.g. KATOTTG codes) as the selection of
/// options.count candidates, by options.objective; reports each member's rank under it, the
/// non-members that would take places, and how far each weight can move with the optimum kept.
/// Throws clir::InputError for a reference id that is repeated or not a row of @p pool (naming
/// it); clir::ConfigError for a bound on an unknown criterion, a bound outside [0, 1], count
/// smaller than the reference, segments 0; clir::Infeasible when the weight bounds cannot hold
/// together (naming them) or the quota rules cannot; clir::LimitReached when the time limit
/// stops an LP that every explanation needs (naming explain.time_limit_s); what
/// build_decision_matrix() throws. options.progress, when set, is told where the search is.
ExplainResult explain_selection(const Table& pool, std::span<const Criterion> criteria,
                                std::span<const std::string> reference_ids, const ExplainOptions& options = {});

}  // namespace clir
