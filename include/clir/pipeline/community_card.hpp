#pragma once
/// @file
/// @brief One community's card after a run: its criterion values and rank, each criterion's
/// contribution to its score against the last selected community's (the cut-off), the score
/// gap, and the nearest weighting that selects it (clir::nearest_selecting_weights()). What
/// report.html's card, `clir explain --code` and Python's RunResult.community_card() show.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "clir/core/fields.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/scoring/criteria.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/nearest_weights.hpp"
#include "clir/selection/select.hpp"

namespace clir {

/// Options of community_card().
struct CommunityCardOptions {
  bool nearest_weights = true;     ///< look for the nearest weighting that selects it (a GLPK program)
  NearestWeightsOptions nearest;   ///< how
};

template <>
struct Fields<CommunityCardOptions> {
  using O = CommunityCardOptions;
  static constexpr auto list = std::tuple{
      field("nearest_weights", &O::nearest_weights, "look for the nearest weighting that selects it"),
      field("min_gap", nested(&O::nearest, &NearestWeightsOptions::min_gap),
            "margin by which it must beat each applicant it passes (score units)")
          .at_least(0)
          .less_than(1),
      field("time_limit_s", nested(&O::nearest, &NearestWeightsOptions::time_limit_seconds),
            "time limit of each program, seconds")
          .greater_than(0)
          .named_as("a number of seconds"),
      field("max_programs", nested(&O::nearest, &NearestWeightsOptions::max_programs),
            "under quotas: programs tried to find a target rank the rerun selection accepts")
          .at_least(1),
  };
};

/// One criterion on a card: the community's figures beside the cut-off's.
struct CardCriterion {
  std::string criterion;                     ///< its label
  std::string column;                        ///< the pool's column
  Direction direction = Direction::benefit;
  double weight = 0.0;                       ///< the weight used (the weights sum to 1)
  std::optional<double> value;               ///< the column's value (before transforms); absent = missing
  std::optional<double> normalized;          ///< the value as scored, min-max over the eligible, oriented: 0 worst, 1 best
  std::optional<double> contribution;        ///< linear scores: weight × its term; the contributions sum to the score
  std::optional<double> cutoff_value;        ///< the same for the last selected community
  std::optional<double> cutoff_normalized;
  std::optional<double> cutoff_contribution;
  std::optional<double> nearest_weight;      ///< in the nearest weighting that selects it, when one was found
};

template <>
struct Fields<CardCriterion> {
  using C = CardCriterion;
  static constexpr auto list = std::tuple{
      field("criterion", &C::criterion, "the criterion's label"),
      field("column", &C::column, "the pool's column"),
      field("direction", &C::direction, "benefit or cost"),
      field("weight", &C::weight, "the weight used (the weights sum to 1)"),
      field("value", &C::value, "the column's value; absent when missing"),
      field("normalized", &C::normalized, "min-max over the eligible, oriented: 0 worst, 1 best"),
      field("contribution", &C::contribution, "linear scores: its part of the score"),
      field("cutoff_value", &C::cutoff_value, "the last selected community's value"),
      field("cutoff_normalized", &C::cutoff_normalized, "the last selected community's normalized value"),
      field("cutoff_contribution", &C::cutoff_contribution, "the last selected community's contribution"),
      field("nearest_weight", &C::nearest_weight, "the criterion's weight in the nearest weighting that selects it"),
  };
};

/// One community's card.
struct CommunityCard {
  std::string code;
  std::string name_uk;
  std::string oblast_uk;
  bool eligible = false;
  std::string excluded_by;               ///< the eligibility rules it fails ("; "-joined)
  std::optional<std::size_t> rank;       ///< among the eligible, 1 = best
  std::size_t eligible_count = 0;
  std::optional<double> score;
  bool selected = false;
  SelectionStatus status = SelectionStatus::excluded;
  std::string explanation;               ///< the selection's one-sentence reason
  std::size_t count = 0;                 ///< N, how many are selected
  ScoringMethod method = ScoringMethod::topsis;
  bool additive = false;                 ///< the score is the sum of the criteria's contributions
  std::string cutoff_code;               ///< the last selected community (lowest rank among the selected)
  std::string cutoff_name_uk;
  std::size_t cutoff_rank = 0;
  double cutoff_score = 0.0;
  std::optional<double> score_gap;       ///< cutoff_score − score: > 0 is what it lacks
  std::vector<CardCriterion> criteria;
  std::optional<NearestWeightsResult> nearest;  ///< when looked for (eligible, scored in one stage)
  std::string nearest_note;              ///< why there is no nearest weighting, when there is none
};

template <>
struct Fields<CommunityCard> {
  using C = CommunityCard;
  static constexpr auto list = std::tuple{
      field("code", &C::code, "KATOTTG code"),
      field("name_uk", &C::name_uk, "name in Ukrainian"),
      field("oblast_uk", &C::oblast_uk, "oblast in Ukrainian"),
      field("eligible", &C::eligible, "passes the eligibility rules"),
      field("excluded_by", &C::excluded_by, "the eligibility rules it fails"),
      field("rank", &C::rank, "rank among the eligible, 1 = best"),
      field("eligible_count", &C::eligible_count, "eligible applicants"),
      field("score", &C::score, "its score"),
      field("selected", &C::selected, "selected"),
      field("status", &C::status, "why it is or is not selected"),
      field("explanation", &C::explanation, "the selection's reason, one sentence"),
      field("count", &C::count, "N, how many are selected"),
      field("method", &C::method, "the scoring method"),
      field("additive", &C::additive, "the score is the sum of the criteria's contributions"),
      field("cutoff_code", &C::cutoff_code, "the last selected community"),
      field("cutoff_name_uk", &C::cutoff_name_uk, "its name in Ukrainian"),
      field("cutoff_rank", &C::cutoff_rank, "its rank"),
      field("cutoff_score", &C::cutoff_score, "its score"),
      field("score_gap", &C::score_gap, "the cut-off's score minus this one's"),
      field("criteria", &C::criteria, "per criterion: values, contributions, the cut-off's"),
      field("nearest", &C::nearest, "the nearest weighting that selects it"),
      field("nearest_note", &C::nearest_note, "why there is no nearest weighting"),
  };
};

/// The card of the applicant @p code of @p result (a run up to the selection at least). The
/// nearest weighting is looked for when options.nearest_weights, the applicant is eligible and
/// the scenario selects in one stage; it is computed with the scenario's quotas and checked by
/// rerunning its selection (NearestWeightsResult::selected). Throws clir::InputError when
/// @p code is not an applicant of the run.
CommunityCard community_card(const RunResult& result, std::string_view code, const CommunityCardOptions& options = {});

/// The card as JSON (its declared fields; absent values as null).
nlohmann::json community_card_json(const CommunityCard& card);

/// The card as a few lines of text (what `clir explain --code` prints).
std::string community_card_text(const CommunityCard& card);

}  // namespace clir
