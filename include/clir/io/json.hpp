#pragma once
/// @file
/// @brief JSON and GeoJSON output with a stable form: sorted keys, shortest round-trip numbers,
/// no NaN, written atomically.
///
/// This header includes nlohmann/json.hpp; include it only where JSON is produced.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clir/core/community.hpp"

namespace clir {

/// How JSON text is laid out.
struct JsonWriteOptions {
  int indent = 2;  ///< spaces per level; -1 writes everything on one line
};

/// Serialises @p value: object keys in sorted order (nlohmann::json keeps objects sorted),
/// numbers in the shortest form that reads back exactly, a final newline. The same value gives
/// the same bytes on every platform. Throws clir::InputError (key = JSON pointer of the value,
/// e.g. "/features/3/properties/score") for a NaN or infinite number, which JSON cannot
/// represent, and for a string that is not valid UTF-8.
std::string format_json(const nlohmann::json& value, const JsonWriteOptions& options = {});

/// Writes format_json(@p value) to @p path atomically (see clir::write_file_atomic).
void write_json_file(const std::filesystem::path& path, const nlohmann::json& value,
                     const JsonWriteOptions& options = {});

/// One point of a GeoJSON FeatureCollection.
struct PointFeature {
  GeoPoint location;                                    ///< degrees WGS84
  nlohmann::json properties = nlohmann::json::object(); ///< a JSON object (or null)
  std::string id;                                       ///< feature id, e.g. the KATOTTG code; empty = none
};

/// How GeoJSON is built.
struct GeoJsonOptions {
  /// Round coordinates to this many decimal places (RFC 7946 §11.2: 6 places are about 10 cm).
  /// std::nullopt keeps full double precision.
  std::optional<int> coordinate_decimals;
};

/// A GeoJSON FeatureCollection (RFC 7946) of Point features, one per element of @p features,
/// in order. Coordinates are written [longitude, latitude] as the RFC requires. Throws
/// clir::InputError (key "features[i]") for a latitude outside [-90, 90], a longitude outside
/// [-180, 180], a non-finite coordinate, or properties that are neither an object nor null;
/// clir::ConfigError for coordinate_decimals outside [0, 15].
nlohmann::json geojson_points(const std::vector<PointFeature>& features, const GeoJsonOptions& options = {});

/// A point feature for @p community: id = KATOTTG code, location = admin centre, properties
/// code, name_uk, name_en, oblast_code, oblast_uk, oblast_en, raion, type (empty texts left
/// out). Callers add their own properties (group, score, ...) to the result.
PointFeature community_feature(const Community& community);

}  // namespace clir
