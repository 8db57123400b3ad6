#pragma once
/// @file
/// @brief The applicant pool of a run: which communities apply, with the built-in indicators
/// and, optionally, the columns of a programme's own applications file joined by code.

#include <string>
#include <vector>

#include "clir/core/community.hpp"
#include "clir/core/fields.hpp"
#include "clir/core/table.hpp"

namespace clir {

class CsvDocument;
struct HromadaDataset;

/// Applicants: `communities[i]` and row i of `table` are the same hromada, sorted by code.
struct ApplicantPool {
  std::vector<Community> communities;
  Table table;  ///< the built-in columns, then the applications file's columns
};

/// Which communities apply.
struct PoolOptions {
  std::vector<std::string> oblasts;  ///< oblast names, Ukrainian or English; empty = all
  std::vector<CommunityType> types;  ///< community types; empty = all
  std::vector<std::string> codes;    ///< explicit KATOTTG codes; empty = all that pass the filters
};

template <>
struct Fields<PoolOptions> {
  using O = PoolOptions;
  static constexpr auto list = std::tuple{
      field("oblasts", &O::oblasts, "oblast names, Ukrainian (\"Харківська\") or English (\"Kharkivska\")").shown_default("all"),
      field("types", &O::types, "community types").shown_default("all"),
      field("codes", &O::codes, "explicit KATOTTG codes of applicants").shown_default("all"),
  };
};

/// How an applications file is joined.
struct ApplicationsSpec {
  std::string code_column = "code";             ///< its KATOTTG code column
  std::vector<std::string> text_columns;        ///< kept as text; every other column is numeric
};

/// Builds the pool from @p base (normally clir::builtin_hromadas()). With @p applications, the
/// pool is the communities that file lists, and its other columns are appended to the table
/// (numeric unless named in ApplicationsSpec::text_columns; an empty cell is missing). Throws
/// clir::InputError naming the file, line and column for a code that is malformed, unknown or
/// repeated, a cell that is not a number, or a column whose name clashes with a built-in one;
/// clir::ConfigError for an unknown oblast or type in @p options (listing the valid ones) and
/// an explicit code that is not a hromada; clir::InputError when no applicant remains.
ApplicantPool build_pool(const HromadaDataset& base, const PoolOptions& options = {},
                         const CsvDocument* applications = nullptr, const ApplicationsSpec& spec = {});

}  // namespace clir
