// Writing CSV: RFC 4180 quoting, the optional byte order mark, tables with their id column.
#include <ostream>

#include "clir/core/table.hpp"
#include "clir/io/atomic_file.hpp"
#include "clir/io/csv.hpp"
#include "io_internal.hpp"

namespace clir {

using detail::check_delimiter;

// ------------------------------------------------------------------------------------------
// Writing

namespace {

void append_cell(std::string& out, std::string_view cell, char delim) {
  const bool needs_quotes = cell.find_first_of(std::string{delim, '"', '\r', '\n'}) != std::string_view::npos;
  if (!needs_quotes) {
    out.append(cell);
    return;
  }
  out.push_back('"');
  for (const char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_record(std::string& out, const std::vector<std::string>& cells, const CsvWriteOptions& options) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(options.delimiter);
    append_cell(out, cells[i], options.delimiter);
  }
  // A record of one empty cell would read back as a blank line; quote it.
  if (cells.size() == 1 && cells[0].empty()) out += "\"\"";
  out += options.crlf ? "\r\n" : "\n";
}

}  // namespace

std::string format_csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       const CsvWriteOptions& options) {
  check_delimiter(options.delimiter, "delimiter", false);
  if (header.empty()) throw InputError("cannot write a CSV without columns");
  std::string out;
  if (options.byte_order_mark) out += "\xEF\xBB\xBF";
  append_record(out, header, options);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != header.size()) {
      throw InputError("row " + std::to_string(r + 1) + " has " + std::to_string(rows[r].size()) +
                       " cells; the header has " + std::to_string(header.size()));
    }
    append_record(out, rows[r], options);
  }
  return out;
}

void write_csv(std::ostream& out, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows, const CsvWriteOptions& options) {
  const std::string text = format_csv(header, rows, options);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw Error("writing CSV to the stream failed");
}

void write_csv_file(const std::filesystem::path& path, const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows, const CsvWriteOptions& options) {
  write_file_atomic(path, format_csv(header, rows, options));
}

std::string format_table_csv(const Table& table, std::string_view id_column, const CsvWriteOptions& options) {
  std::vector<std::string> header{std::string(id_column)};
  for (const auto& c : table.numeric_columns()) header.push_back(c.name);
  for (const auto& c : table.categorical_names()) header.push_back(c);
  // The file would not read back (duplicate column name); say so while writing.
  for (std::size_t i = 1; i < header.size(); ++i) {
    if (header[i] == header[0]) {
      throw ConfigError("id_column", "the id column name '" + header[0] + "' is also the name of a table column");
    }
  }
  std::vector<std::vector<std::string>> rows(table.rows());
  const auto& values = table.values();
  for (std::size_t r = 0; r < table.rows(); ++r) {
    auto& row = rows[r];
    row.reserve(header.size());
    row.push_back(table.ids()[r]);
    for (std::size_t c = 0; c < table.numeric_count(); ++c) {
      row.push_back(table.is_missing(r, c) ? std::string()
                                           : format_number(values(static_cast<Eigen::Index>(r),
                                                                  static_cast<Eigen::Index>(c))));
    }
    for (const auto& name : table.categorical_names()) row.push_back(table.categorical(name)[r]);
  }
  return format_csv(header, rows, options);
}

void write_table_csv(const std::filesystem::path& path, const Table& table, std::string_view id_column,
                     const CsvWriteOptions& options) {
  write_file_atomic(path, format_table_csv(table, id_column, options));
}

}  // namespace clir
