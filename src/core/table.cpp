#include "clir/core/table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "clir/core/detail/text.hpp"
#include "clir/core/error.hpp"
#include "clir/core/suggest.hpp"

namespace clir {

Table::Table(std::vector<std::string> ids) : ids_(std::move(ids)) {
  row_of_.reserve(ids_.size());
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    if (ids_[i].empty()) {
      throw InputError("row " + std::to_string(i + 1) + " has an empty id", {.key = "id"});
    }
    auto [it, inserted] = row_of_.emplace(ids_[i], i);
    if (!inserted) {
      throw InputError("id '" + ids_[i] + "' appears in rows " + std::to_string(it->second + 1) +
                           " and " + std::to_string(i + 1),
                       {.key = ids_[i]});
    }
  }
  values_.resize(static_cast<Eigen::Index>(ids_.size()), 0);
  missing_.resize(static_cast<Eigen::Index>(ids_.size()), 0);
}

std::optional<std::size_t> Table::find_row(std::string_view id) const {
  auto it = row_of_.find(std::string(id));
  if (it == row_of_.end()) return std::nullopt;
  return it->second;
}

std::size_t Table::row(std::string_view id) const {
  if (auto r = find_row(id)) return *r;
  throw InputError("unknown id '" + std::string(id) + "'", {.key = std::string(id)});
}

void Table::check_new_name(const std::string& name, std::size_t size) const {
  if (name.empty()) throw InputError("column name is empty", {.key = name});
  if (has_numeric(name) || has_categorical(name)) {
    throw InputError("column '" + name + "' already exists", {.key = name});
  }
  if (size != ids_.size()) {
    throw InputError("column '" + name + "' has " + std::to_string(size) + " values; the table has " +
                         std::to_string(ids_.size()) + " rows",
                     {.key = name});
  }
}

void Table::add_numeric(std::string name, const std::vector<std::optional<double>>& values,
                        std::string unit) {
  check_new_name(name, values.size());
  const Eigen::Index n = static_cast<Eigen::Index>(ids_.size());
  const Eigen::Index c = values_.cols();
  values_.conservativeResize(n, c + 1);
  missing_.conservativeResize(n, c + 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& v = values[static_cast<std::size_t>(i)];
    if (v && !std::isfinite(*v)) {
      values_.conservativeResize(n, c);
      missing_.conservativeResize(n, c);
      throw InputError("non-finite value in row " + std::to_string(i + 1) + " ('" +
                           ids_[static_cast<std::size_t>(i)] + "')",
                       {.key = name});
    }
    values_(i, c) = v ? *v : std::numeric_limits<double>::quiet_NaN();
    missing_(i, c) = !v.has_value();
  }
  numeric_info_.push_back({std::move(name), std::move(unit)});
}

void Table::add_numeric(std::string name, const Eigen::VectorXd& values, std::string unit) {
  std::vector<std::optional<double>> cells(static_cast<std::size_t>(values.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i) cells[static_cast<std::size_t>(i)] = values(i);
  add_numeric(std::move(name), cells, std::move(unit));
}

bool Table::has_numeric(std::string_view name) const {
  for (const auto& c : numeric_info_) {
    if (c.name == name) return true;
  }
  return false;
}

std::size_t Table::numeric_index(std::string_view name) const {
  for (std::size_t i = 0; i < numeric_info_.size(); ++i) {
    if (numeric_info_[i].name == name) return i;
  }
  std::vector<std::string> names;
  for (const auto& c : numeric_info_) names.push_back(c.name);
  throw InputError("no numeric column '" + std::string(name) + "'; numeric columns: " + detail::list_or_none(names),
                   {.key = std::string(name)});
}

Eigen::Ref<const Eigen::VectorXd> Table::numeric(std::string_view name) const {
  return values_.col(static_cast<Eigen::Index>(numeric_index(name)));
}

std::optional<double> Table::get(std::size_t row, std::string_view column) const {
  const auto c = numeric_index(column);
  if (is_missing(row, c)) return std::nullopt;
  return values_(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(c));
}

void Table::add_categorical(std::string name, std::vector<std::string> values) {
  check_new_name(name, values.size());
  categorical_names_.push_back(std::move(name));
  categorical_.push_back(std::move(values));
}

bool Table::has_categorical(std::string_view name) const {
  for (const auto& c : categorical_names_) {
    if (c == name) return true;
  }
  return false;
}

const std::vector<std::string>& Table::categorical(std::string_view name) const {
  for (std::size_t i = 0; i < categorical_names_.size(); ++i) {
    if (categorical_names_[i] == name) return categorical_[i];
  }
  throw InputError("no categorical column '" + std::string(name) +
                       "'; categorical columns: " + detail::list_or_none(categorical_names_),
                   {.key = std::string(name)});
}

void Table::require_category(std::string_view column, const std::string& value, const std::string& key) const {
  const auto& values = categorical(column);
  if (std::find(values.begin(), values.end(), value) != values.end()) return;
  std::vector<std::string> known;
  for (const auto& v : values) {
    if (!v.empty()) known.push_back(v);
  }
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  std::string message = "unknown category '" + value + "' of " + std::string(column);
  const std::string near = closest_match(value, known);
  if (!near.empty()) {
    message += "; did you mean '" + near + "'?";
  } else {
    constexpr std::size_t shown = 12;
    std::vector<std::string> first(known.begin(), known.begin() + static_cast<std::ptrdiff_t>(std::min(shown, known.size())));
    message += " (its values: " + detail::list_or_none(first) + (known.size() > shown ? ", ..." : "") + ")";
  }
  throw ConfigError(key, message);
}

void Table::require_numeric(std::string_view column, const std::string& key) const {
  if (has_numeric(column)) return;
  std::vector<std::string> names;
  for (const auto& c : numeric_columns()) names.push_back(c.name);
  std::string message = "no numeric column '" + std::string(column) + "'";
  if (const std::string near = closest_match(column, names); !near.empty()) message += "; did you mean '" + near + "'?";
  throw ConfigError(key, message);
}

Table Table::select_rows(const std::vector<std::size_t>& rows) const {
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (auto r : rows) {
    if (r >= ids_.size()) throw InputError("row index " + std::to_string(r) + " is out of range");
    ids.push_back(ids_[r]);
  }
  Table out(std::move(ids));
  const Eigen::Index n = static_cast<Eigen::Index>(rows.size());
  out.numeric_info_ = numeric_info_;
  out.values_.resize(n, values_.cols());
  out.missing_.resize(n, missing_.cols());
  for (Eigen::Index i = 0; i < n; ++i) {
    out.values_.row(i) = values_.row(static_cast<Eigen::Index>(rows[static_cast<std::size_t>(i)]));
    out.missing_.row(i) = missing_.row(static_cast<Eigen::Index>(rows[static_cast<std::size_t>(i)]));
  }
  out.categorical_names_ = categorical_names_;
  out.categorical_.resize(categorical_.size());
  for (std::size_t c = 0; c < categorical_.size(); ++c) {
    out.categorical_[c].reserve(rows.size());
    for (auto r : rows) out.categorical_[c].push_back(categorical_[c][r]);
  }
  return out;
}

}  // namespace clir
