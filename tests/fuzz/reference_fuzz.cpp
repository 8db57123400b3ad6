// libFuzzer target: a reference grouping file, as `clir compare`, `[reference] grouping` and
// `[explain] reference` read it (clir::read_reference): the CSV, its codes or the names it gives
// instead (resolved against the built-in data), its group labels. It must read or throw
// clir::Error; a grouping read has one label per code, numbered 0, 1, ... in order of first use.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "clir/core/error.hpp"
#include "clir/io/csv.hpp"
#include "clir/pipeline/run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const clir::CsvDocument doc = clir::parse_csv(text, "fuzz.csv");
    const clir::ReferenceGroups ref = clir::read_reference(doc);
    if (ref.codes.size() != ref.labels.size() || ref.codes.size() != doc.row_count()) __builtin_trap();
    std::int32_t next = 0;
    for (const auto label : ref.labels) {
      if (label < 0 || label > next) __builtin_trap();
      if (label == next) ++next;
    }
  } catch (const clir::Error&) {
  }
  return 0;
}
