#pragma once
/// @file
/// @brief Internal: lists of names in messages ("a, b, c"), written one way everywhere.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clir::detail {

/// @p parts with @p separator between them ("a, b, c"); empty when there are none.
inline std::string join_text(const std::vector<std::string>& parts, std::string_view separator = ", ") {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

/// join_text(@p names), or "(none)" when there are none: a message that lists what is available
/// should not end in an empty list.
inline std::string list_or_none(const std::vector<std::string>& names) {
  return names.empty() ? std::string("(none)") : join_text(names);
}

}  // namespace clir::detail
