#include "clir/pipeline/pool.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"

namespace clir {

namespace {

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Rows of @p base whose oblast and type pass the filters, as a sorted set of row indices.
std::vector<bool> filter_rows(const HromadaDataset& base, const PoolOptions& options) {
  const std::size_t n = base.communities.size();
  std::vector<bool> keep(n, true);
  if (!options.oblasts.empty()) {
    std::vector<std::string> names;
    for (const auto& c : base.communities) {
      names.push_back(c.oblast_uk);
      names.push_back(c.oblast_en);
    }
    names = sorted_unique(std::move(names));
    std::set<std::string, std::less<>> wanted;
    for (const auto& o : options.oblasts) {
      if (!std::binary_search(names.begin(), names.end(), o)) {
        throw ConfigError("pool.oblasts", "unknown oblast '" + o + "'", names);
      }
      wanted.insert(o);
    }
    for (std::size_t i = 0; i < n; ++i) {
      keep[i] = wanted.contains(base.communities[i].oblast_uk) || wanted.contains(base.communities[i].oblast_en);
    }
  }
  if (!options.types.empty()) {
    const std::set<CommunityType> wanted(options.types.begin(), options.types.end());
    for (std::size_t i = 0; i < n; ++i) keep[i] = keep[i] && wanted.contains(base.communities[i].type);
  }
  return keep;
}

}  // namespace

ApplicantPool build_pool(const HromadaDataset& base, const PoolOptions& options, const CsvDocument* applications,
                         const ApplicationsSpec& spec) {
  std::vector<bool> keep = filter_rows(base, options);
  const std::size_t n = base.communities.size();

  if (!options.codes.empty()) {
    std::vector<bool> listed(n, false);
    for (const auto& code : options.codes) {
      const auto row = base.table.find_row(code);
      if (!row) throw ConfigError("pool.codes", "'" + code + "' is not the KATOTTG code of a hromada in the built-in data");
      listed[*row] = true;
    }
    for (std::size_t i = 0; i < n; ++i) keep[i] = keep[i] && listed[i];
  }

  // Applications: which rows apply, and the row of the file for each.
  std::vector<std::size_t> file_row(n, SIZE_MAX);
  if (applications) {
    const CsvDocument& doc = *applications;
    const std::size_t code_col = doc.column(spec.code_column);
    for (std::size_t r = 0; r < doc.row_count(); ++r) {
      const std::string& code = doc.row(r)[code_col];
      const SourceLocation where{.file = doc.source(), .line = doc.line(r), .column = code_col + 1, .key = spec.code_column};
      if (!is_katottg_code(code)) {
        throw InputError("'" + code + "' is not a KATOTTG community code (expected UA followed by 17 digits)", where);
      }
      const auto row = base.table.find_row(code);
      if (!row) throw InputError("unknown community code '" + code + "': not a hromada of the built-in data", where);
      if (file_row[*row] != SIZE_MAX) {
        throw InputError("community code '" + code + "' appears on lines " + std::to_string(doc.line(file_row[*row])) +
                             " and " + std::to_string(doc.line(r)),
                         where);
      }
      file_row[*row] = r;
    }
    for (std::size_t i = 0; i < n; ++i) keep[i] = keep[i] && file_row[i] != SIZE_MAX;
  }

  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < n; ++i) {
    if (keep[i]) rows.push_back(i);
  }
  if (rows.empty()) {
    throw InputError("no applicant remains after the pool filters" +
                     std::string(applications ? " and the applications file" : ""),
                     {.file = applications ? applications->source() : std::string(), .key = "pool"});
  }

  ApplicantPool pool;
  pool.table = base.table.select_rows(rows);
  for (auto r : rows) pool.communities.push_back(base.communities[r]);

  if (applications) {
    const CsvDocument& doc = *applications;
    const std::size_t code_col = doc.column(spec.code_column);
    const std::set<std::string, std::less<>> text(spec.text_columns.begin(), spec.text_columns.end());
    for (const auto& name : spec.text_columns) (void)doc.column(name);  // each must exist
    for (std::size_t c = 0; c < doc.column_count(); ++c) {
      if (c == code_col) continue;
      const std::string& name = doc.header()[c];
      if (base.table.has_numeric(name) || base.table.has_categorical(name)) {
        throw InputError("column '" + name + "' has the name of a built-in column; rename it in the applications file",
                         {.file = doc.source(), .line = 1, .column = c + 1, .key = name});
      }
      if (text.contains(name)) {
        std::vector<std::string> values;
        for (auto r : rows) values.push_back(doc.row(file_row[r])[c]);
        pool.table.add_categorical(name, std::move(values));
      } else {
        std::vector<std::optional<double>> values;
        for (auto r : rows) {
          const std::size_t fr = file_row[r];
          values.push_back(parse_optional_number(
              doc.row(fr)[c], {.file = doc.source(), .line = doc.line(fr), .column = c + 1, .key = name}));
        }
        pool.table.add_numeric(name, values);
      }
    }
  }
  return pool;
}

}  // namespace clir
