// `clir data hromadas|clir2024|columns`: list, filter and export the built-in data.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "clir/core/community.hpp"
#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"
#include "commands.hpp"

namespace clir::cli {
namespace {

struct DataOutputOptions {
  std::string format = "table";
  std::vector<std::string> columns;  // empty: the default set of the format
};

// Display width of UTF-8 text in a terminal: one cell per code point (the data hold Latin and
// Cyrillic letters only, no wide or combining characters).
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char ch) {
    return (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U;
  }));
}

bool looks_numeric(const std::string& text) {
  return !text.empty() && (std::isdigit(static_cast<unsigned char>(text.back())) != 0) &&
         text.find_first_not_of("0123456789.-") == std::string::npos;
}

void print_aligned(std::ostream& out, const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size());
  std::vector<bool> right(header.size(), true);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = display_width(header[c]);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      width[c] = std::max(width[c], display_width(row[c]));
      if (!row[c].empty() && !looks_numeric(row[c])) right[c] = false;
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - display_width(cells[c]), ' ');
      if (c > 0) out << "  ";
      if (right[c]) {
        out << pad << cells[c];
      } else {
        out << cells[c];
        if (c + 1 < cells.size()) out << pad;
      }
    }
    out << '\n';
  };
  line(header);
  for (const auto& row : rows) line(row);
}

// Writes the selected columns of @p rows in the requested format. @p numeric says which
// columns are numbers (JSON numbers; empty cells become null in JSON in every column).
void write_rows(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                const std::set<std::string>& numeric, const std::vector<std::string>& default_table_columns,
                const DataOutputOptions& options) {
  std::vector<std::string> wanted = options.columns;
  if (wanted.empty()) wanted = options.format == "table" ? default_table_columns : header;
  std::vector<std::size_t> index;
  for (const auto& name : wanted) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw ConfigError("--columns", "unknown column '" + name + "'", header);
    index.push_back(static_cast<std::size_t>(it - header.begin()));
  }
  std::vector<std::vector<std::string>> selected;
  selected.reserve(rows.size());
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    for (std::size_t i : index) cells.push_back(row[i]);
    selected.push_back(std::move(cells));
  }
  if (options.format == "csv") {
    write_csv(std::cout, wanted, selected);
  } else if (options.format == "json") {
    auto array = nlohmann::ordered_json::array();
    for (const auto& row : selected) {
      nlohmann::ordered_json object;
      for (std::size_t c = 0; c < wanted.size(); ++c) {
        if (row[c].empty()) {
          object[wanted[c]] = nullptr;
        } else if (numeric.contains(wanted[c])) {
          const double value = parse_number(row[c], {.file = "<built-in>", .key = wanted[c]});
          // Counts and flags are written as integers, measured values as they are in the CSV.
          if (row[c].find_first_of(".eE") == std::string::npos && std::abs(value) < 9.0e15) {
            object[wanted[c]] = static_cast<std::int64_t>(value);
          } else {
            object[wanted[c]] = value;
          }
        } else {
          object[wanted[c]] = row[c];
        }
      }
      array.push_back(std::move(object));
    }
    std::cout << array.dump(2) << '\n';
  } else {
    print_aligned(std::cout, wanted, selected);
  }
}

std::vector<std::vector<std::string>> all_rows(const CsvDocument& doc) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const auto cells = doc.row(r);
    rows.emplace_back(cells.begin(), cells.end());
  }
  return rows;
}

std::string ascii_lower(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

void add_output_options(CLI::App* cmd, DataOutputOptions& options) {
  cmd->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  cmd->add_option("--columns", options.columns, "Columns to show, comma-separated (default: all for csv/json)")
      ->delimiter(',');
}

struct HromadaFilter {
  std::string oblast;
  std::string type;
  std::vector<std::string> codes;
};

void run_hromadas(const HromadaFilter& filter, const DataOutputOptions& options) {
  const CsvDocument doc = parse_csv(builtin_data_file("hromadas.csv"), "<built-in hromadas.csv>");
  const std::size_t oblast_uk = doc.column("oblast_uk");
  const std::size_t oblast_en = doc.column("oblast_en");
  const std::size_t type = doc.column("type");
  const std::size_t code = doc.column("code");

  std::string wanted_type;
  if (!filter.type.empty()) wanted_type = std::string(to_string(parse_enum<CommunityType>(filter.type, "type")));
  std::set<std::string> wanted_codes;
  for (const auto& c : filter.codes) wanted_codes.insert(find_hromada(c).code);  // throws for unknown codes

  if (!filter.oblast.empty()) {
    std::vector<std::string> known;
    bool found = false;
    for (std::size_t r = 0; r < doc.row_count(); ++r) {
      if (doc.cell(r, oblast_uk) == filter.oblast || ascii_lower(doc.cell(r, oblast_en)) == ascii_lower(filter.oblast)) {
        found = true;
        break;
      }
      if (std::find(known.begin(), known.end(), doc.cell(r, oblast_uk)) == known.end()) {
        known.push_back(doc.cell(r, oblast_uk));
        known.push_back(doc.cell(r, oblast_en));
      }
    }
    if (!found) throw ConfigError("--oblast", "unknown oblast '" + filter.oblast + "' (Ukrainian or English name)", known);
  }

  std::vector<std::vector<std::string>> rows;
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    if (!filter.oblast.empty() && doc.cell(r, oblast_uk) != filter.oblast &&
        ascii_lower(doc.cell(r, oblast_en)) != ascii_lower(filter.oblast)) {
      continue;
    }
    if (!wanted_type.empty() && doc.cell(r, type) != wanted_type) continue;
    if (!wanted_codes.empty() && !wanted_codes.contains(doc.cell(r, code))) continue;
    const auto cells = doc.row(r);
    rows.emplace_back(cells.begin(), cells.end());
  }
  std::set<std::string> numeric;
  for (const auto& column : builtin_hromada_columns()) {
    if (column.numeric) numeric.emplace(column.name);
  }
  write_rows(doc.header(), rows, numeric,
             {"code", "name_uk", "name_en", "type", "oblast_uk", "population_2022", "frontline_distance_km"}, options);
  if (options.format == "table") std::cout << rows.size() << " of " << doc.row_count() << " hromadas\n";
}

}  // namespace

void add_data_command(CLI::App& app) {
  auto* data = app.add_subcommand("data", "List, filter and export the built-in data (hromadas, CLIR 2024 groups)");
  data->require_subcommand(1);
  data->footer(
      "Examples:\n"
      "  clir data hromadas --oblast Kharkivska --format csv > kharkiv.csv\n"
      "  clir data clir2024\n"
      "  clir data columns\n"
      "Sources, units, dates and licences: data/README.md (installed to share/clir/). Attribution: KSE Loc Data\n"
      "Hub (MIT); coordinates (c) OpenStreetMap contributors, ODbL 1.0; OCHA COD-AB (CC BY-IGO 3.0).");

  // --- hromadas ------------------------------------------------------------------------------
  auto* hromadas = data->add_subcommand("hromadas", "The 1,469 hromadas with their indicators");
  auto filter = std::make_shared<HromadaFilter>();
  auto hromada_output = std::make_shared<DataOutputOptions>();
  hromadas->add_option("--oblast", filter->oblast, "Only this oblast (Ukrainian or English name, e.g. Харківська or Kharkivska)");
  hromadas->add_option("--type", filter->type, "Only this type: city, settlement or village (or міська, селищна, сільська)");
  hromadas->add_option("--code", filter->codes, "Only these KATOTTG codes (repeat or comma-separate)")->delimiter(',');
  add_output_options(hromadas, *hromada_output);
  hromadas->footer(
      "Examples:\n"
      "  clir data hromadas --oblast Харківська\n"
      "  clir data hromadas --oblast Kharkivska --type city --format csv > kharkiv_cities.csv\n"
      "  clir data hromadas --code UA32060010000086043 --format json\n"
      "  clir data hromadas --columns code,name_en,frontline_distance_km,idps_2023 --format csv\n"
      "The table format shows a few columns; csv and json give every column (see `clir data columns`).\n"
      "Empty cells (null in JSON) mean the source has no value.");
  hromadas->callback([filter, hromada_output] { run_hromadas(*filter, *hromada_output); });

  // --- clir2024 ------------------------------------------------------------------------------
  auto* clir2024 = data->add_subcommand("clir2024", "The 19 communities of the published CLIR 2024 groups");
  auto reference_output = std::make_shared<DataOutputOptions>();
  auto ministry_only = std::make_shared<bool>(false);
  clir2024->add_flag("--ministry-only", *ministry_only, "Only the 18 named in the ministry's text");
  add_output_options(clir2024, *reference_output);
  clir2024->footer(
      "Examples:\n"
      "  clir data clir2024\n"
      "  clir data clir2024 --ministry-only --format csv\n"
      "Group 2 includes Oleksandrivska (UA14120170000011133), named only on the implementer's page;\n"
      "its identity is inferred (listed_in_ministry_text = 0).");
  clir2024->callback([reference_output, ministry_only] {
    const CsvDocument doc = parse_csv(builtin_data_file("clir2024_groups.csv"), "<built-in clir2024_groups.csv>");
    auto rows = all_rows(doc);
    if (*ministry_only) {
      const std::size_t listed = doc.column("listed_in_ministry_text");
      std::erase_if(rows, [listed](const std::vector<std::string>& row) { return row[listed] != "1"; });
    }
    write_rows(doc.header(), rows, {"group", "listed_in_ministry_text"},
               {"group", "code", "oblast_uk", "name_as_published", "official_name", "listed_in_ministry_text"},
               *reference_output);
  });

  // --- columns -------------------------------------------------------------------------------
  auto* columns = data->add_subcommand("columns", "The columns of the hromada data: name, unit, description");
  auto column_output = std::make_shared<DataOutputOptions>();
  add_output_options(columns, *column_output);
  columns->footer("Examples:\n  clir data columns\n  clir data columns --format csv");
  columns->callback([column_output] {
    std::vector<std::vector<std::string>> rows;
    for (const auto& column : builtin_hromada_columns()) {
      rows.push_back({std::string(column.name), column.numeric ? "numeric" : "text", std::string(column.unit),
                      std::string(column.description)});
    }
    const std::vector<std::string> header{"name", "kind", "unit", "description"};
    write_rows(header, rows, {}, header, *column_output);
  });
}

}  // namespace clir::cli
