#pragma once
/// @file
/// @brief A table of communities: row identities, named numeric columns backed by Eigen (with
/// a missing-value mask and units), and named categorical columns.

#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clir {

/// Metadata of a numeric column.
struct ColumnInfo {
  std::string name;  ///< unique within the table
  std::string unit;  ///< e.g. "km", "persons", "UAH per capita"; empty when dimensionless
};

/// Rows are identified by a unique id (a KATOTTG code for communities). Numeric columns live in
/// one column-major Eigen matrix; a missing cell is flagged in the mask and holds NaN so that an
/// accidental use is visible, never a silent zero. Categorical columns are strings; an empty
/// string is missing.
class Table {
 public:
  Table() = default;
  /// Creates a table with the given row ids. Throws clir::InputError on an empty or repeated id.
  explicit Table(std::vector<std::string> ids);

  std::size_t rows() const noexcept { return ids_.size(); }
  const std::vector<std::string>& ids() const noexcept { return ids_; }
  /// Row of @p id, or std::nullopt.
  std::optional<std::size_t> find_row(std::string_view id) const;
  /// Row of @p id; throws clir::InputError (key = id) when unknown.
  std::size_t row(std::string_view id) const;

  // --- numeric columns -------------------------------------------------------------------
  /// Adds a numeric column; std::nullopt cells are missing. Throws clir::InputError on a
  /// duplicate name, a size mismatch or a non-finite value.
  void add_numeric(std::string name, const std::vector<std::optional<double>>& values,
                   std::string unit = {});
  /// Adds a complete numeric column (no missing cells). Same checks as above.
  void add_numeric(std::string name, const Eigen::VectorXd& values, std::string unit = {});

  std::size_t numeric_count() const noexcept { return numeric_info_.size(); }
  const std::vector<ColumnInfo>& numeric_columns() const noexcept { return numeric_info_; }
  bool has_numeric(std::string_view name) const;
  /// Index of a numeric column; throws clir::InputError (key = name) naming the known columns.
  std::size_t numeric_index(std::string_view name) const;
  /// The column (NaN at missing cells).
  Eigen::Ref<const Eigen::VectorXd> numeric(std::string_view name) const;
  /// All numeric values, rows × numeric columns, NaN at missing cells.
  const Eigen::MatrixXd& values() const noexcept { return values_; }
  /// Missing mask, rows × numeric columns.
  const Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>& missing() const noexcept { return missing_; }
  bool is_missing(std::size_t row, std::size_t column) const { return missing_(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(column)); }
  /// Value at (row, column name) or std::nullopt when missing.
  std::optional<double> get(std::size_t row, std::string_view column) const;

  // --- categorical columns ---------------------------------------------------------------
  /// Adds a categorical column. Throws clir::InputError on a duplicate name or size mismatch.
  void add_categorical(std::string name, std::vector<std::string> values);
  const std::vector<std::string>& categorical_names() const noexcept { return categorical_names_; }
  bool has_categorical(std::string_view name) const;
  /// The column; throws clir::InputError (key = name) naming the known columns.
  const std::vector<std::string>& categorical(std::string_view name) const;
  /// Throws clir::ConfigError (key @p key) unless some row of the categorical column @p column
  /// holds @p value, suggesting the closest value: a category named in a rule, quota, share or
  /// constraint that the data lacks is a misspelling, never a rule that quietly does nothing.
  void require_category(std::string_view column, const std::string& value, const std::string& key) const;
  /// Throws clir::ConfigError (key @p key) unless @p column is a numeric column, suggesting the
  /// closest numeric column.
  void require_numeric(std::string_view column, const std::string& key) const;

  /// A new table holding the given rows, in the given order (columns and metadata kept).
  Table select_rows(const std::vector<std::size_t>& rows) const;

 private:
  std::vector<std::string> ids_;
  std::unordered_map<std::string, std::size_t> row_of_;
  std::vector<ColumnInfo> numeric_info_;
  Eigen::MatrixXd values_;
  Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> missing_;
  std::vector<std::string> categorical_names_;
  std::vector<std::vector<std::string>> categorical_;

  void check_new_name(const std::string& name, std::size_t size) const;
};

}  // namespace clir
