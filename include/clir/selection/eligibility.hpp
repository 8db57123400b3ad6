#pragma once
/// @file
/// @brief Eligibility rules over table columns, and which rule excluded which applicant.
///
/// A rule is a condition an applicant must meet: a comparison of a numeric column with a
/// number, membership of a (categorical or numeric) column in a set, or a presence check.
/// Rules are checked in order; an excluded applicant carries every rule it failed, the first
/// one being "the" excluding rule.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/table.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// What a rule checks.
enum class RuleKind {
  compare,     ///< numeric column <op> value
  in_set,      ///< column value is one of values
  not_in_set,  ///< column value is none of values
  present,     ///< the cell is not missing
  absent,      ///< the cell is missing
};

template <>
struct EnumTraits<RuleKind> {
  static constexpr std::string_view what = "rule kind";
  static constexpr std::array<EnumName<RuleKind>, 5> names{{
      {RuleKind::compare, "compare", "numeric column <op> value"},
      {RuleKind::in_set, "in_set", "column value is one of values"},
      {RuleKind::not_in_set, "not_in_set", "column value is none of values"},
      {RuleKind::present, "present", "the cell is not missing"},
      {RuleKind::absent, "absent", "the cell is missing"},
  }};
  static constexpr std::array<EnumName<RuleKind>, 3> aliases{{
      {RuleKind::in_set, "in", ""},
      {RuleKind::not_in_set, "not_in", ""},
      {RuleKind::absent, "missing", ""},
  }};
};

/// Comparison operators of RuleKind::compare.
enum class CompareOp { lt, le, gt, ge, eq, ne };

template <>
struct EnumTraits<CompareOp> {
  static constexpr std::string_view what = "comparison";
  static constexpr std::array<EnumName<CompareOp>, 6> names{{
      {CompareOp::lt, "<", "less than"},
      {CompareOp::le, "<=", "at most"},
      {CompareOp::gt, ">", "greater than"},
      {CompareOp::ge, ">=", "at least"},
      {CompareOp::eq, "==", "equal to"},
      {CompareOp::ne, "!=", "not equal to"},
  }};
  static constexpr std::array<EnumName<CompareOp>, 6> aliases{{
      {CompareOp::lt, "lt", ""},
      {CompareOp::le, "le", ""},
      {CompareOp::gt, "gt", ""},
      {CompareOp::ge, "ge", ""},
      {CompareOp::eq, "eq", ""},
      {CompareOp::ne, "ne", ""},
  }};
};


/// One eligibility rule.
struct EligibilityRule {
  std::string name;                 ///< shown to applicants, e.g. "not under ongoing occupation"; defaults to describe()
  RuleKind kind = RuleKind::compare;
  std::string column;               ///< numeric or categorical column
  CompareOp op = CompareOp::eq;   ///< compare
  double value = 0.0;               ///< compare, in the column's unit
  std::vector<std::string> values;  ///< in_set / not_in_set (numbers as text for a numeric column)
  bool missing_passes = false;      ///< compare / in_set / not_in_set: a missing cell passes (default: fails)

  /// The rule as an expression, e.g. "occupation_ongoing == 0" or "oblast_en in {Kyivska, Sumska}".
  std::string describe() const;
  /// name, or describe() when there is no name.
  std::string label() const { return name.empty() ? describe() : name; }
};

/// Parses an expression: `column OP number` (OP one of < <= > >= == !=), `column in {a, b}`,
/// `column not in {a, b}` (items separated by commas, optionally in double quotes),
/// `column is missing`, `column is not missing`. Throws clir::ConfigError (key "eligibility")
/// quoting the expression and what was expected.
EligibilityRule parse_eligibility_rule(std::string_view expression, std::string name = {});

/// Builds a rule from parts, as a scenario file gives them: @p op is one of == != < <= > >=
/// (one numeric value), in / not_in (one or more values), present / missing (no value).
/// Throws clir::ConfigError (key "eligibility.op" or "eligibility.values") otherwise.
EligibilityRule make_eligibility_rule(std::string name, std::string column, std::string_view op,
                                      std::vector<std::string> values = {});

/// The outcome of check_eligibility().
struct EligibilityResult {
  std::vector<std::string> ids;                          ///< row ids
  std::vector<std::string> rule_names;                   ///< label() of each rule
  std::vector<bool> eligible;                            ///< per row
  std::vector<std::vector<std::size_t>> failed_rules;    ///< per row: indices of the rules it fails
  std::vector<std::size_t> eligible_rows;                ///< rows that pass every rule, in order
  std::vector<std::size_t> excluded_count;               ///< per rule: rows failing it

  /// The first rule row @p row failed, or std::nullopt when it is eligible.
  std::optional<std::size_t> excluded_by(std::size_t row) const {
    if (failed_rules[row].empty()) return std::nullopt;
    return failed_rules[row].front();
  }
  /// The names of the rules row @p row failed, joined by "; " (empty when eligible).
  std::string reason(std::size_t row) const;
};

/// Checks every rule on every row of @p table. Throws clir::ConfigError (key
/// "eligibility[i].column", naming the rule) for an unknown column, a comparison on a
/// categorical column, or a set value that is not a number on a numeric column.
EligibilityResult check_eligibility(const Table& table, std::span<const EligibilityRule> rules);

/// Default eligibility for the built-in hromada data: "not under ongoing occupation"
/// (occupation_ongoing == 0) and "not occupied before 2022" (occupied_before_2022 == 0).
std::vector<EligibilityRule> default_clir_eligibility();

}  // namespace clir
