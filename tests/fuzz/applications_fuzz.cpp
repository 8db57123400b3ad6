// libFuzzer target: an applications file (`[data] applications`, clir::build_pool) and a
// discretionary points file (`[discretionary] file`, clir::read_discretionary_points), both read
// from the same CSV: codes or names, numeric and text columns, points. Each must read or throw
// clir::Error; a pool read holds one row per data row, and the points are finite and >= 0.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/data/resolve.hpp"
#include "clir/io/csv.hpp"
#include "clir/pipeline/pool.hpp"
#include "clir/pipeline/programme.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<clir::CsvDocument> doc;
  try {
    doc = clir::parse_csv(text, "fuzz.csv");
  } catch (const clir::Error&) {
    return 0;
  }
  try {
    clir::ApplicationsSpec spec{.code_column = "code", .text_columns = {"note"}};
    clir::CsvDocument applications = *doc;
    if (auto named = clir::resolve_named_rows(applications, spec.code_column)) applications = std::move(named->document);
    const clir::ApplicantPool pool = clir::build_pool(clir::builtin_hromadas(), {}, &applications, spec);
    if (pool.table.rows() != applications.row_count()) __builtin_trap();
  } catch (const clir::Error&) {
  }
  try {
    const auto& table = clir::builtin_hromadas().table;
    const auto points =
        clir::read_discretionary_points({.file = "fuzz.csv", .code_column = "code", .points_column = "points", .max_points = 10}, table, *doc);
    if (points.size() != table.rows()) __builtin_trap();
    for (const double p : points) {
      if (!std::isfinite(p) || p < 0.0 || p > 10.0) __builtin_trap();
    }
  } catch (const clir::Error&) {
  }
  return 0;
}
