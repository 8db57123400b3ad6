#pragma once
/// @file
/// @brief Name resolutions as JSON, for the CLI, run.json and Python. Includes nlohmann/json.hpp.

#include <nlohmann/json.hpp>
#include <span>

#include "clir/data/resolve.hpp"

namespace clir {

/// One resolution: {"name", "hint", "status", "code" (null unless resolved), "hromada", "oblast",
/// "matched_name", "kind", "settlement_code", "centre", "score", "alternatives": [candidates],
/// "message"}. A candidate has the same fields from "code" to "score".
nlohmann::json resolution_json(const NameResolution& resolution);

/// An array of resolution_json(), in order.
nlohmann::json resolutions_json(std::span<const NameResolution> resolutions);

}  // namespace clir
