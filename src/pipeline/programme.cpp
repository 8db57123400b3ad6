#include "clir/pipeline/programme.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "clir/core/error.hpp"
#include "clir/io/csv.hpp"
#include "clir/io/format.hpp"

namespace clir {

void Fields<Bonus>::validate(const Bonus& b) {
  if (!b.rule.empty()) {
    try {
      (void)parse_eligibility_rule(b.rule, b.name);
    } catch (const ConfigError& e) {
      throw ConfigError("rule", e.message(), e.allowed());
    }
  }
}

void Fields<Stage>::validate(const Stage& s) {
  for (const auto& rule : s.rules) {
    try {
      (void)parse_eligibility_rule(rule);
    } catch (const ConfigError& e) {
      throw ConfigError("rules", "stage '" + s.name + "': " + e.message(), e.allowed());
    }
  }
  if (s.selection.count == 0) {
    throw ConfigError("selection", "stage '" + s.name + "' needs [stage.selection] with size >= 1 (how many it passes on)");
  }
}

std::string bonus_column(const Bonus& bonus) { return "bonus." + bonus.label(); }

std::vector<Criterion> add_bonus_columns(Table& table, std::span<const Bonus> bonuses) {
  std::vector<Criterion> out;
  for (std::size_t i = 0; i < bonuses.size(); ++i) {
    const Bonus& b = bonuses[i];
    const std::string column = bonus_column(b);
    if (!table.has_numeric(column)) {
      EligibilityRule rule = parse_eligibility_rule(b.rule, b.label());
      rule.missing_passes = b.missing_passes;
      EligibilityResult holds;
      try {
        holds = check_eligibility(table, std::span<const EligibilityRule>(&rule, 1));
      } catch (const ConfigError& e) {
        // Keyed by the entry ([[bonus]] i), so that the scenario's errors name its line.
        throw ConfigError("bonus[" + std::to_string(i) + "].rule", "bonus '" + b.label() + "': " + e.message(), e.allowed());
      }
      Eigen::VectorXd values(static_cast<Eigen::Index>(table.rows()));
      for (std::size_t r = 0; r < table.rows(); ++r) values(static_cast<Eigen::Index>(r)) = holds.eligible[r] ? 1.0 : 0.0;
      table.add_numeric(column, values);
    }
    out.push_back({.name = b.label(), .column = column, .direction = Direction::benefit, .weight = b.points});
  }
  return out;
}

std::vector<double> read_discretionary_points(const DiscretionarySpec& spec, const Table& table) {
  return read_discretionary_points(spec, table, read_csv(spec.file));
}

std::vector<double> read_discretionary_points(const DiscretionarySpec& spec, const Table& table, const CsvDocument& doc) {
  const std::size_t code_col = doc.column(spec.code_column);
  const std::size_t points_col = doc.column(spec.points_column);
  std::vector<double> points(table.rows(), 0.0);
  std::map<std::string, std::size_t> line_of;
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const std::string& code = doc.cell(r, code_col);
    const SourceLocation at_code{.file = doc.source(), .line = doc.line(r), .column = code_col + 1, .key = spec.code_column};
    const SourceLocation at_points{.file = doc.source(), .line = doc.line(r), .column = points_col + 1, .key = spec.points_column};
    const auto row = table.find_row(code);
    if (!row) {
      throw InputError("unknown community code '" + code + "': not an applicant of this scenario", at_code);
    }
    if (auto [it, fresh] = line_of.emplace(code, doc.line(r)); !fresh) {
      throw InputError("community code '" + code + "' appears on lines " + std::to_string(it->second) + " and " +
                           std::to_string(doc.line(r)),
                       at_code);
    }
    const double v = parse_number(doc.cell(r, points_col), at_points);
    if (v < 0.0) throw InputError("discretionary points must be >= 0, got " + format_shortest(v), at_points);
    if (spec.max_points > 0.0 && v > spec.max_points) {
      throw InputError("discretionary points must be at most max_points = " + format_shortest(spec.max_points) + ", got " +
                           format_shortest(v),
                       at_points);
    }
    points[*row] = v;
  }
  return points;
}

}  // namespace clir
