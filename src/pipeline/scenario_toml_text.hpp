#pragma once
// Internal: a TOML table as scenario file text, the same on every platform: numbers in the
// shortest form that reads back exactly (not the platform's stream formatting), tables and
// arrays of tables as sections, everything else inline.

#include <string>

#include <toml++/toml.h>

namespace clir::detail {

/// @p root as TOML text: its plain keys first, then each table as [a.b] and each array of
/// tables as [[a.b]], in key order.
std::string toml_text(const toml::table& root);

}  // namespace clir::detail
