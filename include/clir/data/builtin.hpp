#pragma once
/// @file
/// @brief The built-in real data: all 1,469 hromadas of Ukraine (outside Crimea and Sevastopol)
/// with war-impact and need indicators, the published CLIR 2024 groups, and the front line of
/// 8 March 2023. Compiled into the library (no file access at run time); see data/README.md
/// for every column's meaning, unit, date, source and licence, and docs/data.md.
///
/// Attribution: KSE Loc Data Hub (MIT); coordinates © OpenStreetMap contributors, ODbL 1.0;
/// OCHA COD-AB (CC BY-IGO 3.0); official acts (KATOTTG codifier, Order 376).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/community.hpp"
#include "clir/core/labels.hpp"
#include "clir/core/table.hpp"

namespace clir {

/// The hromada table. `communities[i]` and row i of `table` describe the same hromada; rows are
/// sorted by KATOTTG code and `table.ids()` are the codes.
struct HromadaDataset {
  /// Identity, names, oblast, raion, type and location (degrees) of each hromada.
  std::vector<Community> communities;
  /// Every numeric column of hromadas.csv as a numeric column with its unit (missing cells
  /// stay missing, never zero) and every text column except `code` as a categorical column.
  Table table;
};

/// The built-in hromada dataset (1,469 rows), parsed on first use (thread-safe) and kept for
/// the life of the program.
const HromadaDataset& builtin_hromadas();

/// The hromada with KATOTTG code @p code. Throws clir::InputError (key = the code) when the
/// code is malformed or not a hromada of the built-in data.
const Community& find_hromada(std::string_view code);

/// The hromada named exactly @p name_uk (short name such as "Баришівська", or the official
/// form with its type, "Баришівська селищна") in the oblast @p oblast_uk (e.g. "Київська").
/// Throws clir::InputError when no hromada or more than one matches (the message lists the
/// candidates with their codes and types).
const Community& find_hromada(std::string_view oblast_uk, std::string_view name_uk);

/// Description of one column of hromadas.csv.
struct DataColumn {
  std::string_view name;         ///< column name in hromadas.csv and in HromadaDataset::table
  std::string_view unit;         ///< e.g. "km", "persons", "UAH per person"; empty if none
  std::string_view description;  ///< one-line meaning, with date and source
  bool numeric = false;          ///< numeric column (else text, categorical in the table)
};

/// The columns of hromadas.csv, in file order (the first is `code`).
std::span<const DataColumn> builtin_hromada_columns() noexcept;

/// One community of the published CLIR 2024 selection.
struct ReferenceMember {
  std::string code;               ///< KATOTTG code of the hromada
  int group = 0;                  ///< published group, 1-6
  std::string name_as_published;  ///< the name as printed, e.g. "Баришівка"
  std::string official_name;      ///< e.g. "Баришівська селищна"
  bool listed_in_ministry_text = true;  ///< false for the one named only by the implementer
};

/// The published CLIR 2024 grouping: 19 communities in 6 groups (sorted by group, then code).
struct ReferenceGrouping {
  std::vector<ReferenceMember> members;
  /// The members' codes, in member order.
  std::vector<std::string> codes() const;
  /// The members' groups as 0-based labels (group - 1), in member order.
  Labels labels() const;
  /// Only the 18 members named in the ministry's text.
  ReferenceGrouping ministry_only() const;
};

/// The built-in CLIR 2024 reference grouping (19 members), parsed on first use (thread-safe).
const ReferenceGrouping& builtin_clir2024();

/// The front line of 8 March 2023: its line parts, each a sequence of vertices (degrees WGS84)
/// joined by geodesics.
std::vector<std::vector<GeoPoint>> builtin_frontline_2023();

/// Ukraine's national outline (Natural Earth 1:50m admin-0, public domain; Crimea included):
/// closed rings of vertices (degrees WGS84), simplified to 0.01 degrees by scripts/build-outline.
/// The outline only; oblast and hromada polygons: clir/data/boundaries.hpp.
std::vector<std::vector<GeoPoint>> builtin_ukraine_outline();

/// The text of a built-in data file ("hromadas.csv", "clir2024_groups.csv",
/// "frontline_2023-03-08.csv", "settlements.csv", "ukraine_outline_ne50m.csv", "boundary_arcs.csv",
/// "hromada_rings.csv", "oblast_rings.csv"), exactly as in data/, or the built-in scenario "clir2024.toml"
/// (examples/clir2024.toml). Throws clir::InputError naming the known
/// files for another name.
std::string_view builtin_data_file(std::string_view file_name);

/// The names of the built-in data files.
std::vector<std::string> builtin_data_file_names();

}  // namespace clir
