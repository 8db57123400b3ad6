// libFuzzer target: the names of `clir resolve NAME... [--hint H]` (clir::resolve_communities):
// one query a line, "name" or "name<TAB>hint", at most 16 a run. Any bytes (invalid UTF-8,
// control bytes, huge names) must resolve, stay unresolved or throw clir::Error; every query
// gets one resolution, and a resolved name has a built-in hromada's code.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/data/resolve.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<clir::NameQuery> queries;
  while (!text.empty() && queries.size() < 16) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    const auto tab = line.find('\t');
    queries.push_back({.name = std::string(line.substr(0, tab)),
                       .hint = tab == std::string_view::npos ? std::string() : std::string(line.substr(tab + 1))});
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  try {
    const auto results = clir::resolve_communities(queries);
    if (results.size() != queries.size()) __builtin_trap();
    for (const auto& r : results) {
      if (r.resolved() && !clir::builtin_hromadas().table.find_row(r.match.code)) __builtin_trap();
      (void)r.describe();
    }
  } catch (const clir::Error&) {
  }
  return 0;
}
