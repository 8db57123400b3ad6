#pragma once
// Internal: string <-> enum tables shared by the scoring and selection parsers.

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clir/core/error.hpp"

namespace clir::detail {

/// Looks @p text up in @p table (name, value); throws ConfigError(@p key) listing the names.
template <class E, std::size_t N>
E parse_enum(std::string_view text, const std::array<std::pair<std::string_view, E>, N>& table,
             std::string_view key, std::string_view what) {
  for (const auto& [name, value] : table) {
    if (name == text) return value;
  }
  std::vector<std::string> allowed;
  allowed.reserve(N);
  for (const auto& [name, value] : table) allowed.emplace_back(name);
  throw ConfigError(std::string(key), "unknown " + std::string(what) + " '" + std::string(text) + "'",
                    std::move(allowed));
}

/// The name of @p value in @p table (the first match), or "?".
template <class E, std::size_t N>
std::string_view enum_name(E value, const std::array<std::pair<std::string_view, E>, N>& table) noexcept {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "?";
}

}  // namespace clir::detail
