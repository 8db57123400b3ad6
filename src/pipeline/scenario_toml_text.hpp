#pragma once
// Internal: a TOML table as scenario file text, the same on every platform: numbers in the
// shortest form that reads back exactly (not the platform's stream formatting), tables and
// arrays of tables as sections, everything else inline.

#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace clir::detail {

/// @p text read as TOML; throws clir::InputError "invalid TOML: ..." with @p source_name, line
/// and column.
toml::table parse_toml(std::string_view text, std::string_view source_name);

/// @p root as TOML text: its plain keys first, then each table as [a.b] and each array of
/// tables as [[a.b]], in key order.
std::string toml_text(const toml::table& root);

}  // namespace clir::detail
