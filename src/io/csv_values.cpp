// Reading cells and columns of a CsvDocument: strict numbers, the column readers, tables and
// communities.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <system_error>
#include <utility>

#include "clir/core/table.hpp"
#include "clir/io/csv.hpp"
#include "../core/decimal.hpp"
#include "io_internal.hpp"

namespace clir {

using detail::lower_trimmed;

// ------------------------------------------------------------------------------------------
// Numbers

std::int64_t parse_integer(std::string_view cell, const SourceLocation& where) {
  if (cell.empty()) throw InputError("expected a whole number, got an empty cell", where);
  std::int64_t value = 0;
  const char* last = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(cell.data(), last, value);
  if (ec == std::errc() && ptr == last) return value;
  std::string message = ec == std::errc::result_out_of_range ? "whole number '" + std::string(cell) +
                                                                   "' does not fit a 64-bit integer"
                                                             : "expected a whole number, got '" + std::string(cell) + "'";
  throw InputError(std::move(message), where);
}

double parse_number(std::string_view cell, const SourceLocation& where) {
  if (cell.empty()) throw InputError("expected a number, got an empty cell", where);
  // Built only on the error paths: this function runs once per numeric cell.
  const auto quoted = [cell] {
    std::string q;
    q.reserve(cell.size() + 2);
    q.push_back('\'');
    q.append(cell);
    q.push_back('\'');
    return q;
  };
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  if (is_space(cell.front()) || is_space(cell.back())) {
    throw InputError("expected a number, got " + quoted() + " (spaces around a number are not allowed)", where);
  }
  if (cell.front() == '+') {
    throw InputError("expected a number, got " + quoted() + " (write it without the '+' sign)", where);
  }
  // from_chars would accept these spellings; a table of indicators must not contain them.
  const std::string_view unsigned_part = cell.substr(cell.front() == '-' ? 1 : 0);
  if (!unsigned_part.empty() && std::isalpha(static_cast<unsigned char>(unsigned_part.front())) &&
      [&] {
        const std::string body = lower_trimmed(unsigned_part);
        return body == "nan" || body.starts_with("nan(") || body == "inf" || body == "infinity";
      }()) {
    throw InputError("expected a finite number, got " + quoted() + " (leave the cell empty for a missing value)",
                     where);
  }
  double value = 0.0;
  const char* first = cell.data();
  const char* last = cell.data() + cell.size();
  const auto [ptr, ec] = detail::from_chars_double(first, last, value);
  if (ec == std::errc::result_out_of_range) {
    throw InputError("number " + quoted() + " is outside the range of a double", where);
  }
  if (ec != std::errc() ) {
    throw InputError("expected a number, got " + quoted(), where);
  }
  if (ptr != last) {
    std::string message = "expected a number, got " + quoted();
    if (*ptr == ',' && ptr + 1 != last && std::isdigit(static_cast<unsigned char>(ptr[1]))) {
      message += " (use '.' as the decimal separator)";
    } else {
      message += " (unexpected '" + std::string(ptr, last) + "' after '" + std::string(first, ptr) + "')";
    }
    throw InputError(std::move(message), where);
  }
  if (!std::isfinite(value)) {
    throw InputError("expected a finite number, got " + quoted(), where);
  }
  return value;
}

std::optional<double> parse_optional_number(std::string_view cell, const SourceLocation& where,
                                            std::span<const std::string> missing_markers) {
  if (cell.empty()) return std::nullopt;
  for (const auto& m : missing_markers) {
    if (cell == m) return std::nullopt;
  }
  return parse_number(cell, where);
}

std::vector<double> read_number_column(const CsvDocument& doc, std::string_view name) {
  const std::size_t c = doc.column(name);
  std::vector<double> out(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) out[r] = parse_number(doc.cell(r, c), doc.location(r, c));
  return out;
}

std::vector<std::int64_t> read_integer_column(const CsvDocument& doc, std::string_view name) {
  const std::size_t c = doc.column(name);
  std::vector<std::int64_t> out(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) out[r] = parse_integer(doc.cell(r, c), doc.location(r, c));
  return out;
}

std::vector<std::optional<double>> read_optional_number_column(const CsvDocument& doc, std::string_view name,
                                                               std::span<const std::string> missing_markers) {
  const std::size_t c = doc.column(name);
  std::vector<std::optional<double>> out(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    out[r] = parse_optional_number(doc.cell(r, c), doc.location(r, c), missing_markers);
  }
  return out;
}

std::vector<std::string> read_text_column(const CsvDocument& doc, std::string_view name, bool require_non_empty) {
  const std::size_t c = doc.column(name);
  std::vector<std::string> out(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    out[r] = doc.cell(r, c);
    if (require_non_empty && out[r].empty()) {
      throw InputError("expected a value, got an empty cell", doc.location(r, c));
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Tables

namespace {

// Reads the id column: non-empty and unique; the error names both lines of a repeat.
std::vector<std::string> read_ids(const CsvDocument& doc, std::size_t c) {
  const std::string& name = doc.header()[c];
  std::vector<std::string> ids(doc.row_count());
  std::unordered_map<std::string_view, std::size_t> first_row;
  first_row.reserve(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const std::string& id = doc.cell(r, c);
    if (id.empty()) throw InputError("empty " + name + " on line " + std::to_string(doc.line(r)), doc.location(r, c));
    auto [it, inserted] = first_row.emplace(id, r);
    if (!inserted) {
      throw InputError("duplicate " + name + " '" + id + "' on lines " + std::to_string(doc.line(it->second)) +
                           " and " + std::to_string(doc.line(r)),
                       doc.location(r, c));
    }
    ids[r] = id;
  }
  return ids;
}

}  // namespace

Table read_table(const CsvDocument& doc, const TableSpec& spec) {
  if (spec.id_column.empty()) throw ConfigError("id_column", "the id column name is empty");
  std::set<std::string, std::less<>> used{spec.id_column};
  const auto claim = [&](const std::string& name, const char* key) {
    if (!used.insert(name).second) {
      throw ConfigError(key, "column '" + name + "' is named more than once (as id, numeric or categorical)");
    }
  };
  std::vector<std::string> numeric = spec.numeric_columns;
  for (const auto& n : numeric) claim(n, "numeric_columns");
  for (const auto& n : spec.categorical_columns) claim(n, "categorical_columns");
  if (spec.other_columns_numeric) {
    for (const auto& h : doc.header()) {
      if (used.insert(h).second) numeric.push_back(h);
    }
  }
  for (const auto& [column, unit] : spec.units) {
    if (std::find(numeric.begin(), numeric.end(), column) == numeric.end()) {
      throw ConfigError("units", "a unit ('" + unit + "') is given for column '" + column +
                                     "', which is not read as a numeric column");
    }
  }

  Table table(read_ids(doc, doc.column(spec.id_column)));
  for (const auto& name : numeric) {
    const auto it = spec.units.find(name);
    table.add_numeric(name, read_optional_number_column(doc, name, spec.missing_markers),
                      it == spec.units.end() ? std::string() : it->second);
  }
  for (const auto& name : spec.categorical_columns) table.add_categorical(name, read_text_column(doc, name));
  return table;
}

// ------------------------------------------------------------------------------------------
// Communities

std::vector<Community> read_communities(const CsvDocument& doc, const CommunityColumns& columns,
                                        const CommunityReadOptions& options) {
  const std::size_t code_c = doc.column(columns.code);
  const std::size_t lat_c = doc.column(columns.latitude);
  const std::size_t lon_c = doc.column(columns.longitude);
  const auto optional_column = [&](const std::string& name) -> std::optional<std::size_t> {
    if (name.empty()) return std::nullopt;
    return doc.column(name);
  };
  const auto name_uk_c = optional_column(columns.name_uk);
  const auto name_en_c = optional_column(columns.name_en);
  const auto oblast_code_c = optional_column(columns.oblast_code);
  const auto oblast_uk_c = optional_column(columns.oblast_uk);
  const auto oblast_en_c = optional_column(columns.oblast_en);
  const auto raion_c = optional_column(columns.raion);
  const auto type_c = optional_column(columns.type);

  const auto check_code = [&](std::size_t r, std::size_t c) {
    const std::string& code = doc.cell(r, c);
    if (!is_katottg_code(code)) {
      throw InputError("expected a KATOTTG code ('UA' followed by 17 digits), got '" + code + "'",
                       doc.location(r, c));
    }
  };
  const auto area_text = [](const GeoBox& b) {
    return "lat " + format_number(b.min_lat) + ".." + format_number(b.max_lat) + ", lon " +
           format_number(b.min_lon) + ".." + format_number(b.max_lon);
  };

  std::vector<Community> out(doc.row_count());
  std::unordered_map<std::string_view, std::size_t> first_row;
  first_row.reserve(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    Community& community = out[r];
    check_code(r, code_c);
    community.code = doc.cell(r, code_c);
    auto [it, inserted] = first_row.emplace(doc.cell(r, code_c), r);
    if (!inserted) {
      throw InputError("duplicate code '" + community.code + "' on lines " + std::to_string(doc.line(it->second)) +
                           " and " + std::to_string(doc.line(r)),
                       doc.location(r, code_c));
    }

    const double lat = parse_number(doc.cell(r, lat_c), doc.location(r, lat_c));
    const double lon = parse_number(doc.cell(r, lon_c), doc.location(r, lon_c));
    if (lat < -90.0 || lat > 90.0) {
      throw InputError("latitude " + doc.cell(r, lat_c) + " is outside [-90, 90] degrees", doc.location(r, lat_c));
    }
    if (lon < -180.0 || lon > 180.0) {
      throw InputError("longitude " + doc.cell(r, lon_c) + " is outside [-180, 180] degrees",
                       doc.location(r, lon_c));
    }
    community.location = {.lat = lat, .lon = lon};
    if (options.expected_area && !options.expected_area->contains(community.location)) {
      const GeoBox& area = *options.expected_area;
      const GeoPoint swapped{.lat = lon, .lon = lat};
      const std::string point = "(lat " + doc.cell(r, lat_c) + ", lon " + doc.cell(r, lon_c) + ")";
      if (area.contains(swapped)) {
        throw InputError("looks like latitude and longitude are swapped: " + point +
                             " is outside the expected area (" + area_text(area) +
                             ") but the swapped point is inside it",
                         doc.location(r, lat_c));
      }
      if (options.require_inside_area) {
        throw InputError(point + " is outside the expected area (" + area_text(area) + ")", doc.location(r, lat_c));
      }
    }

    if (name_uk_c) community.name_uk = doc.cell(r, *name_uk_c);
    if (name_en_c) community.name_en = doc.cell(r, *name_en_c);
    if (oblast_code_c) {
      check_code(r, *oblast_code_c);
      community.oblast_code = doc.cell(r, *oblast_code_c);
    }
    if (oblast_uk_c) community.oblast_uk = doc.cell(r, *oblast_uk_c);
    if (oblast_en_c) community.oblast_en = doc.cell(r, *oblast_en_c);
    if (raion_c) community.raion = doc.cell(r, *raion_c);
    if (type_c) {
      const std::string& text = doc.cell(r, *type_c);
      const auto type = find_enum<CommunityType>(text);
      if (!type) {
        throw InputError("unknown community type '" + text +
                             "'; expected city, settlement or village (міська, селищна, сільська)",
                         doc.location(r, *type_c));
      }
      community.type = *type;
    }
  }
  return out;
}

}  // namespace clir
