#include "clir/scoring/criteria.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string>
#include <utility>

#include "clir/core/error.hpp"

namespace clir {

namespace {

std::string key_of(const Criterion& c, std::string_view field) {
  return "criteria." + c.label() + "." + std::string(field);
}

bool has(std::span<const Transform> chain, Transform t) {
  return std::find(chain.begin(), chain.end(), t) != chain.end();
}

std::string known_numeric(const Table& t) {
  std::string out;
  for (const auto& c : t.numeric_columns()) {
    if (!out.empty()) out += ", ";
    out += c.name;
  }
  return out.empty() ? "(none)" : out;
}
}  // namespace

std::string to_string(std::span<const Transform> chain) {
  if (chain.empty()) return "none";
  std::string out;
  for (const Transform t : chain) {
    if (!out.empty()) out += ", then ";
    out += to_string(t);
  }
  return out;
}

void Fields<Criterion>::validate(const Criterion& c) {
  try {
    validate_transforms(c.transforms, c.label());
  } catch (const ConfigError& e) {
    throw ConfigError("transform", e.message());
  }
  if (has(c.transforms, Transform::per_capita) && c.population_column.empty()) {
    throw ConfigError("population_column", "transform 'per_capita' needs population_column");
  }
  if (!(0 <= c.winsor_lower && c.winsor_lower < c.winsor_upper && c.winsor_upper <= 1)) {
    throw ConfigError("winsor_lower", "winsorizing quantiles must satisfy 0 <= winsor_lower < winsor_upper <= 1");
  }
}

double quantile_sorted_inplace(std::vector<double>& values, double q) {
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

void validate_transforms(std::span<const Transform> chain, std::string_view label) {
  for (std::size_t k = 0; k < chain.size(); ++k) {
    for (std::size_t l = 0; l < k; ++l) {
      if (chain[l] != chain[k]) continue;
      const std::string name(to_string(chain[k]));
      throw ConfigError("criteria." + std::string(label) + ".transform",
                        "criterion '" + std::string(label) + "': " + name + " appears twice in the transform chain (" +
                            to_string(chain) + "); each transform may be applied once");
    }
  }
}

void validate_criteria(const Table& table, std::span<const Criterion> criteria, bool require_positive_weight) {
  if (criteria.empty()) throw ConfigError("criteria", "at least one criterion is needed");
  std::set<std::string> labels;
  bool any_positive = false;
  for (const auto& c : criteria) {
    if (c.column.empty()) {
      throw ConfigError(key_of(c, "column"), "criterion '" + c.label() + "' names no column");
    }
    if (!labels.insert(c.label()).second) {
      throw ConfigError("criteria." + c.label(), "criterion '" + c.label() + "' is given twice");
    }
    if (!table.has_numeric(c.column)) {
      throw ConfigError(key_of(c, "column"), "criterion '" + c.label() + "': no numeric column '" + c.column +
                                                 "'; numeric columns: " + known_numeric(table));
    }
    if (!std::isfinite(c.weight) || c.weight < 0.0) {
      throw ConfigError(key_of(c, "weight"), "criterion '" + c.label() + "': weight must be finite and >= 0, got " +
                                                 std::to_string(c.weight));
    }
    if (c.weight > 0.0) any_positive = true;
    validate_transforms(c.transforms, c.label());
    if (has(c.transforms, Transform::per_capita)) {
      if (c.population_column.empty() || !table.has_numeric(c.population_column)) {
        throw ConfigError(key_of(c, "population_column"),
                          "criterion '" + c.label() + "': per_capita needs a numeric population column, got '" +
                              c.population_column + "'; numeric columns: " + known_numeric(table));
      }
      if (!std::isfinite(c.per_capita_scale) || c.per_capita_scale <= 0.0) {
        throw ConfigError(key_of(c, "per_capita_scale"),
                          "criterion '" + c.label() + "': per_capita_scale must be > 0");
      }
    }
    if (has(c.transforms, Transform::winsorize)) {
      if (!(c.winsor_lower >= 0.0 && c.winsor_lower < c.winsor_upper && c.winsor_upper <= 1.0)) {
        throw ConfigError(key_of(c, "winsor"), "criterion '" + c.label() +
                                                   "': winsorize needs 0 <= winsor_lower < winsor_upper <= 1, got " +
                                                   std::to_string(c.winsor_lower) + " and " +
                                                   std::to_string(c.winsor_upper));
      }
    }
  }
  if (require_positive_weight && !any_positive) {
    throw ConfigError("criteria.weight", "every criterion has weight 0; at least one must be > 0");
  }
}

DecisionMatrix build_decision_matrix(const Table& table, std::span<const Criterion> criteria,
                                     bool require_positive_weight) {
  validate_criteria(table, criteria, require_positive_weight);
  const std::size_t n = table.rows();
  const std::size_t m = criteria.size();
  DecisionMatrix out;
  out.ids = table.ids();
  out.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(m));
  out.weights.resize(static_cast<Eigen::Index>(m));
  out.imputed.assign(m, 0);
  for (std::size_t j = 0; j < m; ++j) {
    const Criterion& c = criteria[j];
    out.criteria.push_back(c.label());
    out.directions.push_back(c.direction);
    out.weights(static_cast<Eigen::Index>(j)) = c.weight;
    const std::size_t col = table.numeric_index(c.column);
    const bool per_capita = has(c.transforms, Transform::per_capita);
    const std::size_t pop_col = per_capita ? table.numeric_index(c.population_column) : 0;

    std::vector<std::optional<double>> cells(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (!table.is_missing(i, col)) {
        cells[i] = table.values()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(col));
      }
    }
    for (std::size_t step = 0; step < c.transforms.size(); ++step) {
      const Transform t = c.transforms[step];
      // Names the earlier steps in messages: "-3 (after per_capita)".
      const std::string after =
          step == 0 ? std::string()
                    : " (after " + to_string(std::span<const Transform>(c.transforms).first(step)) + ")";
      if (t == Transform::winsorize) {
        std::vector<double> present;
        present.reserve(n);
        for (const auto& v : cells) {
          if (v) present.push_back(*v);
        }
        if (present.empty()) continue;  // reported below as a column without values
        std::vector<double> tmp = present;
        const double lo = quantile_sorted_inplace(tmp, c.winsor_lower);
        const double hi = quantile_sorted_inplace(tmp, c.winsor_upper);
        for (auto& v : cells) {
          if (v) v = std::clamp(*v, lo, hi);
        }
        continue;
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (!cells[i]) continue;
        double x = *cells[i];
        if (t == Transform::log1p) {
          if (!(x > -1.0)) {
            throw InputError("criterion '" + c.label() + "': log1p needs values > -1; row '" + table.ids()[i] +
                                 "' has " + std::to_string(x) + after,
                             {.key = c.label()});
          }
          x = std::log1p(x);
        } else {  // per_capita
          if (table.is_missing(i, pop_col)) {  // unknown population: the value is missing
            cells[i].reset();
            continue;
          }
          const double pop = table.values()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(pop_col));
          if (!(pop > 0.0)) {
            throw InputError("criterion '" + c.label() + "': per_capita needs a population > 0; row '" +
                                 table.ids()[i] + "' has " + c.population_column + " = " + std::to_string(pop),
                             {.key = c.label()});
          }
          x = x / pop * c.per_capita_scale;
        }
        if (!std::isfinite(x)) {
          throw InputError("criterion '" + c.label() + "': the transform " + std::string(to_string(t)) +
                               " gives a non-finite value in row '" + table.ids()[i] + "'" + after,
                           {.key = c.label()});
        }
        cells[i] = x;
      }
    }

    std::vector<double> present;
    present.reserve(n);
    for (const auto& v : cells) {
      if (v) present.push_back(*v);
    }
    if (present.empty()) {
      throw InputError("criterion '" + c.label() + "': column '" + c.column + "' has no value in any row",
                       {.key = c.label()});
    }

    double fill = 0.0;
    bool fill_known = false;
    for (std::size_t i = 0; i < n; ++i) {
      double x = 0.0;
      if (cells[i]) {
        x = *cells[i];
      } else {
        if (c.missing == MissingValuePolicy::error) {
          throw InputError("criterion '" + c.label() + "': row '" + table.ids()[i] + "' has no value in column '" +
                               (per_capita && !table.is_missing(i, col) ? c.population_column : c.column) +
                               "' (set missing = \"impute_median\" or \"worst\" to fill it)",
                           {.key = c.label()});
        }
        if (!fill_known) {
          if (c.missing == MissingValuePolicy::impute_median) {
            std::vector<double> tmp = present;
            fill = quantile_sorted_inplace(tmp, 0.5);
          } else {
            const auto [mn, mx] = std::minmax_element(present.begin(), present.end());
            fill = c.direction == Direction::benefit ? *mn : *mx;
          }
          fill_known = true;
        }
        x = fill;
        ++out.imputed[j];
      }
      out.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = x;
    }
  }
  return out;
}

}  // namespace clir
