#pragma once
/// @file
/// @brief Strict CSV input and output: RFC 4180 records, UTF-8 only, exact error locations.
///
/// Everything read here reports problems as clir::InputError carrying the file, the 1-based
/// physical line, the 1-based field number (as the column) and the column name (as the key),
/// so that a user can open the file at the right place. Nothing is guessed silently: an empty
/// cell is a missing value (never zero), "nan" and "inf" are errors, a ragged row is an error.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/community.hpp"
#include "clir/core/error.hpp"
#include "clir/io/format.hpp"  // format_number, the form of every number cell

namespace clir {

class Table;  // clir/core/table.hpp; forward-declared to keep Eigen out of this header

// ------------------------------------------------------------------------------------------
// Reading

/// How a CSV text is read.
struct CsvOptions {
  /// Field delimiter: ',' , ';' or '\t'. 0 detects ',' or ';' from the header line (the one
  /// that occurs more often outside quotes; a header with neither is a single column).
  char delimiter = 0;
  /// Accept a header without data rows. Off by default: an input table with no rows is almost
  /// always a mistake (wrong file, export cut short).
  bool allow_no_rows = false;
};

class CsvDocument;
/// Parses CSV @p text (RFC 4180: quoted fields with embedded delimiters, doubled quotes and
/// line breaks; CRLF or LF line ends; an optional UTF-8 byte order mark is skipped).
/// @p source_name is used in error messages. Throws clir::InputError on: an empty text, a
/// UTF-16 byte order mark, invalid UTF-8 (line, field and byte position), an unterminated
/// quote (where it opened), a stray quote or a character after a closing quote, a bare CR,
/// a blank line between records, a row with a different number of fields than the header,
/// an empty or duplicate column name, no data rows (unless CsvOptions::allow_no_rows).
/// Throws clir::ConfigError when CsvOptions::delimiter is not ',', ';', '\t' or 0.
CsvDocument parse_csv(std::string_view text, std::string source_name, const CsvOptions& options = {});

/// A parsed CSV file: the header, the data rows as strings and, for every row, the physical
/// line on which it starts (quoted fields may span lines). All rows have as many cells as the
/// header. Cells are stored row-major in one vector, so a 1 MB file is a few allocations.
class CsvDocument {
 public:
  CsvDocument() = default;
  /// Builds a document from cells already in memory (line numbers are then row + 2, as if the
  /// rows had been written one per line after the header). Throws clir::InputError on an empty
  /// or duplicate column name or a row whose size differs from the header.
  CsvDocument(std::string source_name, std::vector<std::string> header,
              const std::vector<std::vector<std::string>>& rows);

  /// The file name (or a label such as "<built-in hromadas.csv>") used in error messages.
  const std::string& source() const noexcept { return source_; }
  /// The delimiter that was used (detected or forced).
  char delimiter() const noexcept { return delimiter_; }
  const std::vector<std::string>& header() const noexcept { return header_; }
  std::size_t column_count() const noexcept { return header_.size(); }
  /// Number of data rows (the header is not a row).
  std::size_t row_count() const noexcept { return lines_.size(); }

  /// Index (0-based) of the column named @p name, or std::nullopt. Names match exactly.
  std::optional<std::size_t> find_column(std::string_view name) const noexcept;
  /// Index (0-based) of the column named @p name. Throws clir::InputError
  /// "missing required column 'x'; available columns: a, b" (file set, key = name), with a
  /// "did you mean" hint when a header differs only in case or surrounding spaces.
  std::size_t column(std::string_view name) const;

  /// The cells of data row @p row (0-based), one per header column.
  std::span<const std::string> row(std::size_t row) const;
  /// Cell at data row @p row and column @p column (both 0-based). Bounds are checked.
  const std::string& cell(std::size_t row, std::size_t column) const;
  /// 1-based physical line on which data row @p row starts.
  std::size_t line(std::size_t row) const;
  /// The location of a cell for error messages: file, line, field number (column + 1) and
  /// the column name as the key.
  SourceLocation location(std::size_t row, std::size_t column) const;

 private:
  friend CsvDocument parse_csv(std::string_view, std::string, const CsvOptions&);
  std::string source_;
  char delimiter_ = ',';
  std::vector<std::string> header_;
  std::vector<std::string> cells_;   // row-major, row_count() * column_count()
  std::vector<std::size_t> lines_;   // per row, 1-based physical line
};

/// The largest input file clir reads (CSV files, and the default of read_text_file): 256 MiB,
/// about 100 times the built-in data files. A larger file, or a device such as /dev/zero, would
/// otherwise be read until memory runs out.
inline constexpr std::size_t max_input_file_bytes = std::size_t{256} << 20;

/// Reads and parses the file at @p path (see parse_csv). Throws clir::InputError naming the
/// path when it does not exist, is not a regular file, is larger than max_input_file_bytes or
/// cannot be read.
CsvDocument read_csv(const std::filesystem::path& path, const CsvOptions& options = {});

/// Reads CSV from @p in to its end (for standard input, "-" on a command line); @p source_name
/// names it in errors. Throws clir::InputError when the stream fails or holds more than
/// max_input_file_bytes, else as parse_csv.
CsvDocument read_csv(std::istream& in, std::string source_name, const CsvOptions& options = {});

/// Reads a whole file into memory. Throws clir::InputError naming the path when it does not
/// exist, is a directory or any other kind of file than a regular one (a named pipe, which would
/// block, or a device such as /dev/zero or /dev/urandom, which never ends), is larger than
/// @p max_bytes, or cannot be read.
std::string read_text_file(const std::filesystem::path& path, std::size_t max_bytes = max_input_file_bytes);

// ------------------------------------------------------------------------------------------
// Numbers

/// Parses a strict decimal number (std::from_chars syntax: optional '-', digits, optional
/// fraction and exponent). Throws clir::InputError at @p where for: an empty cell, leading or
/// trailing spaces, a leading '+', trailing characters ("12abc"), a decimal comma ("3,5"),
/// "nan"/"inf" and values beyond the range of a double ("1e999").
double parse_number(std::string_view cell, const SourceLocation& where);

/// As parse_number, but an empty cell (or one equal to an entry of @p missing_markers, e.g.
/// "NA") is a missing value: std::nullopt, never zero.
std::optional<double> parse_optional_number(std::string_view cell, const SourceLocation& where,
                                            std::span<const std::string> missing_markers = {});

/// Parses a strict whole number: optional '-', then digits (no '+', spaces, fraction, exponent
/// or digit grouping). Throws clir::InputError at @p where, "expected a whole number, got
/// '2.5'", or when the value does not fit a 64-bit integer.
std::int64_t parse_integer(std::string_view cell, const SourceLocation& where);

/// The numbers of column @p name, every cell required. Errors carry file, line, field, name.
std::vector<double> read_number_column(const CsvDocument& doc, std::string_view name);
/// The whole numbers of column @p name (see parse_integer), every cell required.
std::vector<std::int64_t> read_integer_column(const CsvDocument& doc, std::string_view name);
/// The numbers of column @p name; empty cells (and @p missing_markers) are std::nullopt.
std::vector<std::optional<double>> read_optional_number_column(
    const CsvDocument& doc, std::string_view name, std::span<const std::string> missing_markers = {});
/// The text of column @p name. With @p require_non_empty an empty cell is an error.
std::vector<std::string> read_text_column(const CsvDocument& doc, std::string_view name,
                                          bool require_non_empty = false);

// ------------------------------------------------------------------------------------------
// Tables

/// Which columns of a CSV document become a clir::Table.
struct TableSpec {
  /// Column holding the row identity (for communities the KATOTTG code). Every cell must be
  /// non-empty and unique.
  std::string id_column = "code";
  /// Columns read as numbers, in this order. Empty cells are missing.
  std::vector<std::string> numeric_columns;
  /// Columns kept as text.
  std::vector<std::string> categorical_columns;
  /// Also read every column not named above (and not the id) as numeric, in header order.
  bool other_columns_numeric = false;
  /// Cell texts (besides the empty cell) that mean "missing" in numeric columns, e.g. "NA".
  std::vector<std::string> missing_markers;
  /// Unit per numeric column name ("km", "persons", "UAH"); columns not listed have none.
  std::map<std::string, std::string, std::less<>> units;
};

/// Builds a clir::Table from @p doc as described by @p spec. Throws clir::InputError for a
/// missing column, an empty id ("empty code on line 4") or a repeated one ("duplicate code
/// 'X' on lines 3 and 7"), a bad number; clir::ConfigError for a column named twice in
/// @p spec or a unit given for a column that is not read.
Table read_table(const CsvDocument& doc, const TableSpec& spec);

// ------------------------------------------------------------------------------------------
// Communities

/// Which CSV columns hold the fields of clir::Community. The code and coordinates are
/// required; an empty name skips that field (it stays empty / at its default). The defaults
/// are the names used by clir's own hromada table (data/hromadas.csv).
struct CommunityColumns {
  std::string code = "code";            ///< KATOTTG code, "UA" + 17 digits, unique
  std::string latitude = "latitude";    ///< degrees north, [-90, 90]
  std::string longitude = "longitude";  ///< degrees east, [-180, 180]
  std::string name_uk;
  std::string name_en;
  std::string oblast_code;        ///< KATOTTG code when given
  std::string oblast_uk;
  std::string oblast_en;
  std::string raion;
  std::string type;               ///< city/settlement/village or міська/селищна/сільська

  /// Every field, named as in clir's own hromada table (data/hromadas.csv): code, latitude,
  /// longitude, name_uk, name_en, oblast_code, oblast_uk, oblast_en, raion, type.
  static CommunityColumns standard() {
    return {.name_uk = "name_uk", .name_en = "name_en", .oblast_code = "oblast_code", .oblast_uk = "oblast_uk",
            .oblast_en = "oblast_en", .raion = "raion", .type = "type"};
  }
};

/// Checks applied while reading communities.
struct CommunityReadOptions {
  /// When set, a point outside this area whose swapped coordinates fall inside it is
  /// reported as "looks like latitude and longitude are swapped". Use clir::ukraine_area.
  std::optional<GeoBox> expected_area;
  /// With expected_area: also reject any point outside the area.
  bool require_inside_area = false;
};

/// Reads one clir::Community per row. Throws clir::InputError (file, line, field, column name)
/// for a missing column, a code that is not KATOTTG-shaped or repeated, a coordinate that is
/// not a number or out of range, swapped coordinates (see CommunityReadOptions), an unknown
/// community type.
std::vector<Community> read_communities(const CsvDocument& doc, const CommunityColumns& columns,
                                        const CommunityReadOptions& options = {});

// ------------------------------------------------------------------------------------------
// Writing

/// How CSV is written.
struct CsvWriteOptions {
  char delimiter = ',';    ///< ',', ';' or '\t'
  bool crlf = false;       ///< end lines with CRLF (RFC 4180) instead of LF
  bool byte_order_mark = false;  ///< start with a UTF-8 BOM (helps some spreadsheet programs)
};

/// Writes a header and rows as CSV to @p out, quoting a cell only when it contains the
/// delimiter, a quote, CR or LF (quotes doubled). Throws clir::InputError when a row has a
/// different number of cells than the header, clir::ConfigError for a bad delimiter,
/// clir::Error when the stream fails.
void write_csv(std::ostream& out, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows, const CsvWriteOptions& options = {});

/// As write_csv, into a string.
std::string format_csv(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows,
                       const CsvWriteOptions& options = {});

/// Writes the CSV to @p path atomically (see clir::write_file_atomic): the file is either the
/// complete new content or left as it was.
void write_csv_file(const std::filesystem::path& path, const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows, const CsvWriteOptions& options = {});

/// The rows of @p table as CSV text: the id column (named @p id_column), then the numeric
/// columns (shortest round-trip numbers, missing cells empty), then the categorical columns,
/// all in the table's order. read_table with the same names reads it back exactly.
std::string format_table_csv(const Table& table, std::string_view id_column = "code",
                             const CsvWriteOptions& options = {});

/// Writes format_table_csv(@p table) to @p path atomically.
void write_table_csv(const std::filesystem::path& path, const Table& table, std::string_view id_column = "code",
                     const CsvWriteOptions& options = {});

namespace detail {
/// Offset of the first byte of @p text that does not start a valid UTF-8 sequence (overlong
/// forms, surrogates and code points above U+10FFFF are invalid), or std::nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view text) noexcept;
}  // namespace detail

}  // namespace clir
