// libFuzzer target: the CSV reader must either parse or throw clir::Error, never crash, hang or
// read out of bounds; a parsed document must be consistent.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "clir/core/error.hpp"
#include "clir/io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const clir::CsvDocument doc = clir::parse_csv(text, "fuzz.csv", {.allow_no_rows = true});
    for (std::size_t r = 0; r < doc.row_count(); ++r) {
      if (doc.row(r).size() != doc.column_count()) __builtin_trap();
      for (const auto& cell : doc.row(r)) {
        try {
          (void)clir::parse_optional_number(cell, {.file = "fuzz.csv"});
        } catch (const clir::Error&) {
        }
      }
    }
  } catch (const clir::Error&) {
  }
  return 0;
}
