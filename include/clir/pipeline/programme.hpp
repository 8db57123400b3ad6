#pragma once
/// @file
/// @brief What published programme rules need beyond one scored, quota-constrained selection:
/// columns derived from the built-in data (the distance to a territory of an Order 376 category
/// or to the front line), bonuses (fixed points when a condition holds), selection in stages,
/// and a committee's discretionary points, kept apart so that their effect is visible.
///
/// Points by bands are a criterion's `bands` (clir/scoring/criteria.hpp) and the points total is
/// ScoringMethod::points. docs/scenario.md documents the keys, docs/programmes.md the programmes
/// written with them (examples/programmes/).

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"
#include "clir/core/table.hpp"
#include "clir/io/csv.hpp"
#include "clir/scoring/criteria.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/eligibility.hpp"
#include "clir/selection/select.hpp"

namespace clir {

/// A territory a derived distance is measured to. The categories are those of Order 376 in the
/// built-in data (state of 07.05.2025): a hromada belongs to one when some listed period of that
/// category is still open for it (`<category>_ongoing` = 1), and the territory is the union of
/// those hromadas' polygons (the data are per hromada: a hromada listed for some of its
/// settlements counts whole).
enum class DistanceTarget {
  possible_hostilities,  ///< Order 376: territories of possible hostilities
  active_hostilities,    ///< Order 376: territories of active hostilities (with or without state e-resources)
  occupied,              ///< Order 376: temporarily occupied territories
  front_line,            ///< the front line of 8 March 2023 (a line, built in)
};

template <>
struct EnumTraits<DistanceTarget> {
  static constexpr std::string_view what = "distance target";
  static constexpr std::array<EnumName<DistanceTarget>, 4> names{{
      {DistanceTarget::possible_hostilities, "possible_hostilities", "Order 376 territories of possible hostilities (ongoing)"},
      {DistanceTarget::active_hostilities, "active_hostilities", "Order 376 territories of active hostilities (ongoing)"},
      {DistanceTarget::occupied, "occupied", "Order 376 temporarily occupied territories (ongoing)"},
      {DistanceTarget::front_line, "front_line", "the front line of 8 March 2023"},
  }};
};

/// Where a derived distance is measured from.
enum class DistanceFrom {
  centre,    ///< the hromada's centre (its administrative centre's location)
  boundary,  ///< the nearest point of the hromada's built-in polygon
};

template <>
struct EnumTraits<DistanceFrom> {
  static constexpr std::string_view what = "distance origin";
  static constexpr std::array<EnumName<DistanceFrom>, 2> names{{
      {DistanceFrom::centre, "centre", "the hromada's centre"},
      {DistanceFrom::boundary, "boundary", "the nearest point of the hromada's polygon"},
  }};
};

/// A numeric column computed from the built-in data and added to the pool ([[derived]]).
struct DerivedColumn {
  std::string name;  ///< the new column's name; must not clash with another column
  DistanceTarget distance_to = DistanceTarget::active_hostilities;
  DistanceFrom from = DistanceFrom::centre;
};

template <>
struct Fields<DerivedColumn> {
  using D = DerivedColumn;
  static constexpr auto list = std::tuple{
      field("name", &D::name, "name of the new column (km)").required("every [[derived]] entry needs a name"),
      field("distance_to", &D::distance_to, "the territory the distance is measured to")
          .required("every [[derived]] entry needs distance_to"),
      field("from", &D::from, "where the distance is measured from"),
  };
};

/// Distance in km from each built-in hromada (in builtin_hromadas() order) to @p target: 0 for a
/// hromada of the category itself and for one whose centre (or polygon) lies in or touches the
/// territory; otherwise the great-circle distance to the nearest point of the territory's
/// boundary (or of the line). Computed once per (target, from) and kept.
const std::vector<double>& builtin_distance_to_km(DistanceTarget target, DistanceFrom from);

/// Adds each derived column to @p table, whose row ids are built-in hromada codes. Throws
/// clir::ConfigError (key "derived.name") when a name clashes with a column of the table or
/// with another derived column.
void add_derived_columns(Table& table, std::span<const DerivedColumn> derived);

/// Fixed points when a condition holds ([[bonus]]): the condition is an eligibility rule
/// expression (clir::parse_eligibility_rule), the points are added to the points total
/// (ScoringMethod::points) as a criterion of weight `points` on a 0/1 column.
struct Bonus {
  std::string name;  ///< the criterion's label; defaults to the rule
  std::string rule;  ///< e.g. "occupation_first_start is not missing"
  double points = 0.0;
  bool missing_passes = false;  ///< a missing cell meets the condition (default: it does not)

  std::string label() const { return name.empty() ? rule : name; }
};

template <>
struct Fields<Bonus> {
  using B = Bonus;
  static constexpr auto list = std::tuple{
      field("name", &B::name, "label of the bonus; empty = the rule").shown_default("the rule"),
      field("rule", &B::rule, "the condition, in the syntax of [[eligibility]] rules").required("every bonus needs a rule"),
      field("points", &B::points, "points given when the condition holds").greater_than(0).required("every bonus needs points"),
      field("missing_passes", &B::missing_passes, "a missing cell meets the condition"),
  };
  /// The rule parses.
  static void validate(const Bonus& b);
};

/// The name of the 0/1 column that holds whether @p bonus's condition holds ("bonus.<label>").
std::string bonus_column(const Bonus& bonus);

/// Adds a 0/1 column (bonus_column()) per bonus to @p table (once per name) and returns the
/// criteria that score them: weight = points, benefit. Throws what check_eligibility() throws
/// for the rule (an unknown column, naming it).
std::vector<Criterion> add_bonus_columns(Table& table, std::span<const Bonus> bonuses);

/// One step of a selection in stages ([[stage]]): its pool is the previous stage's selection
/// (the first stage's, the eligible applicants), narrowed by its own rules, scored by its own
/// criteria and method, and selected under its own quotas.
struct Stage {
  std::string name;
  std::vector<std::string> rules;    ///< eligibility rule expressions applied to this stage's pool
  std::vector<Criterion> criteria;   ///< empty = the scenario's criteria (and bonuses)
  std::vector<Bonus> bonuses;        ///< this stage's bonuses (points method)
  ScoringOptions scoring;            ///< this stage's scoring
  SelectionOptions selection;        ///< this stage's size and quotas
};

template <>
struct Fields<Stage> {
  using S = Stage;
  static constexpr auto list = std::tuple{
      field("name", &S::name, "name of the stage, in explanations").required("every [[stage]] needs a name"),
      field("rules", &S::rules, "eligibility rules applied to this stage's pool (same syntax as [[eligibility]])").shown_default("none"),
      field("criteria", &S::criteria, "this stage's criteria ([[stage.criteria]], keys as [[criteria]])")
          .shown_default("the scenario's"),
      field("bonus", &S::bonuses, "this stage's bonuses ([[stage.bonus]], keys as [[bonus]])").shown_default("none"),
      field("scoring", &S::scoring, "this stage's scoring ([stage.scoring], keys as [scoring])"),
      field("selection", &S::selection, "this stage's size and quotas ([stage.selection], keys as [selection])"),
  };
  /// The rules parse; the stage selects at least one.
  static void validate(const Stage& s);
};

/// Points given by a committee, read from a CSV file by community code ([discretionary]); added
/// to the points of one stage and reported apart.
struct DiscretionarySpec {
  std::filesystem::path file;          ///< CSV with a code and a points column; empty = none
  std::string code_column = "code";
  std::string points_column = "points";
  double max_points = 0.0;             ///< 0 = no cap; otherwise points above it are an error
  std::string stage;                   ///< the stage the points are added in; empty = the last
};

template <>
struct Fields<DiscretionarySpec> {
  using D = DiscretionarySpec;
  static constexpr auto list = std::tuple{
      field("file", &D::file, "CSV of committee points by community code").shown_default("none"),
      field("code_column", &D::code_column, "the file's KATOTTG code column"),
      field("points_column", &D::points_column, "the file's points column (>= 0)"),
      field("max_points", &D::max_points, "largest allowed points; 0 = no cap").at_least(0),
      field("stage", &D::stage, "the stage the points are added in").shown_default("the last"),
  };
};

/// Committee points of the applicants of @p table (its row ids), 0 for a code the file does not
/// list. Throws clir::InputError naming the file, line and column for a code that is not an
/// applicant (or not a hromada), a repeated code, points that are not a number, negative or
/// above max_points.
std::vector<double> read_discretionary_points(const DiscretionarySpec& spec, const Table& table);

/// The same from @p doc, a CSV already read (spec.file is not read).
std::vector<double> read_discretionary_points(const DiscretionarySpec& spec, const Table& table, const CsvDocument& doc);

/// What one stage did.
struct StageResult {
  std::string name;
  std::size_t pool_size = 0;   ///< applicants entering the stage
  ScoreResult scores;          ///< over the stage's candidates (after its rules)
  SelectionResult selection;   ///< explanations over the pool table's rows
};

/// The committee's points and their effect on the stage they are added in.
struct DiscretionaryEffect {
  std::string stage;                        ///< the stage they were added in (empty: a single stage)
  std::vector<std::string> ids;             ///< the stage's candidates (scores.ids of that stage)
  std::vector<double> points;               ///< committee points per candidate
  std::vector<double> points_without;       ///< the stage's points without them
  std::vector<std::string> selected_without;  ///< the stage's selection without them
  std::vector<std::string> entered;         ///< selected only with the committee's points
  std::vector<std::string> displaced;       ///< selected without them, not with them
};

}  // namespace clir
