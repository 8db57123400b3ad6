#include "clir/io/json.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/io/atomic_file.hpp"
#include "clir/io/csv.hpp"
#include "io_internal.hpp"

namespace clir {

namespace {

// Escapes a key for a JSON pointer (RFC 6901): '~' → "~0", '/' → "~1".
std::string pointer_token(const std::string& key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void check_utf8(const std::string& text, const std::string& pointer, const char* what) {
  if (const auto bad = detail::find_invalid_utf8(text)) {
    throw InputError(std::string("invalid UTF-8 in a JSON ") + what + " (byte " +
                         detail::hex_byte(static_cast<unsigned char>(text[*bad])) + " at byte " + std::to_string(*bad + 1) + ")",
                     {.key = pointer.empty() ? std::string("/") : pointer});
  }
}

// JSON has no NaN or infinity, and nlohmann would silently write them as null; strings must be
// UTF-8. Both are checked here, where the JSON pointer of the culprit is known.
void check_value(const nlohmann::json& value, std::string& pointer) {
  if (value.is_string()) {
    check_utf8(value.get_ref<const std::string&>(), pointer, "string");
    return;
  }
  if (value.is_number_float()) {
    const double v = value.get<double>();
    if (!std::isfinite(v)) {
      throw InputError(std::string("JSON cannot represent the number ") + (std::isnan(v) ? "NaN" : "infinity") +
                           "; use null for a missing value",
                       {.key = pointer.empty() ? std::string("/") : pointer});
    }
    return;
  }
  const std::size_t size = pointer.size();
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      pointer += '/';
      pointer += pointer_token(key);
      check_utf8(key, pointer, "key");
      check_value(item, pointer);
      pointer.resize(size);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      pointer += '/';
      pointer += std::to_string(i);
      check_value(value[i], pointer);
      pointer.resize(size);
    }
  }
}

std::string coordinate_error(std::size_t i, const char* what, double v, const char* range) {
  return std::string(what) + " " + (std::isfinite(v) ? format_number(v) : std::string(std::isnan(v) ? "NaN" : "infinity")) +
         " of feature " + std::to_string(i) + " is outside " + range + " degrees";
}

double round_to(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

}  // namespace

std::string format_json(const nlohmann::json& value, const JsonWriteOptions& options) {
  std::string pointer;
  check_value(value, pointer);
  std::string text = value.dump(options.indent);
  text.push_back('\n');
  return text;
}

void write_json_file(const std::filesystem::path& path, const nlohmann::json& value, const JsonWriteOptions& options) {
  write_file_atomic(path, format_json(value, options));
}

nlohmann::json geojson_points(const std::vector<PointFeature>& features, const GeoJsonOptions& options) {
  if (options.coordinate_decimals && (*options.coordinate_decimals < 0 || *options.coordinate_decimals > 15)) {
    throw ConfigError("coordinate_decimals",
                      "expected 0 to 15 decimal places, got " + std::to_string(*options.coordinate_decimals));
  }
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < features.size(); ++i) {
    const PointFeature& f = features[i];
    const std::string key = "features[" + std::to_string(i) + "]";
    const double lat = f.location.lat;
    const double lon = f.location.lon;
    if (!(lat >= -90.0 && lat <= 90.0)) {
      throw InputError(coordinate_error(i, "latitude", lat, "[-90, 90]"), {.key = key});
    }
    if (!(lon >= -180.0 && lon <= 180.0)) {
      throw InputError(coordinate_error(i, "longitude", lon, "[-180, 180]"), {.key = key});
    }
    if (!f.properties.is_object() && !f.properties.is_null()) {
      throw InputError("properties of feature " + std::to_string(i) + " must be a JSON object or null, got " +
                           f.properties.type_name(),
                       {.key = key});
    }
    nlohmann::json feature = {
        {"type", "Feature"},
        {"geometry",
         {{"type", "Point"},
          {"coordinates",
           options.coordinate_decimals
               ? nlohmann::json::array({round_to(lon, *options.coordinate_decimals),
                                        round_to(lat, *options.coordinate_decimals)})
               : nlohmann::json::array({lon, lat})}}},
        {"properties", f.properties},
    };
    if (!f.id.empty()) feature["id"] = f.id;
    list.push_back(std::move(feature));
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(list)}};
}

PointFeature community_feature(const Community& community) {
  PointFeature f{.location = community.location, .properties = nlohmann::json::object(), .id = community.code};
  const auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) f.properties[key] = value;
  };
  put("code", community.code);
  put("name_uk", community.name_uk);
  put("name_en", community.name_en);
  put("oblast_code", community.oblast_code);
  put("oblast_uk", community.oblast_uk);
  put("oblast_en", community.oblast_en);
  put("raion", community.raion);
  f.properties["type"] = std::string(to_string(community.type));
  return f;
}

}  // namespace clir
