#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "clir/core/error.hpp"
#include "clir/io/json.hpp"
#include "support/support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

template <class E = clir::InputError, class F>
std::string error_of(F&& f) {
  return clir_test::error_message<E>(f);
}

TEST(Json, SortedKeysAndShortestNumbers) {
  json v;
  v["zeta"] = 1;
  v["alpha"] = 0.1;
  v["mid"] = json::array({1.0 / 3.0, -2.5e-8, 1e21});
  EXPECT_EQ(clir::format_json(v),
            "{\n  \"alpha\": 0.1,\n  \"mid\": [\n    0.3333333333333333,\n    -2.5e-08,\n    1e+21\n  ],\n"
            "  \"zeta\": 1\n}\n");
  EXPECT_EQ(clir::format_json(v, {.indent = -1}),
            "{\"alpha\":0.1,\"mid\":[0.3333333333333333,-2.5e-08,1e+21],\"zeta\":1}\n");
  // Reading back gives the same doubles.
  EXPECT_EQ(json::parse(clir::format_json(v)), v);
}

TEST(Json, NonFiniteNumbersAreNamedByPointer) {
  json v = {{"features", json::array({json{{"properties", {{"score", 1.0}}}},
                                      json{{"properties", {{"a/b", std::numeric_limits<double>::quiet_NaN()}}}}})}};
  EXPECT_EQ(error_of([&] { clir::format_json(v); }),
            "'/features/1/properties/a~1b': JSON cannot represent the number NaN; use null for a missing value");
  EXPECT_EQ(error_of([] { clir::format_json(json(std::numeric_limits<double>::infinity())); }),
            "'/': JSON cannot represent the number infinity; use null for a missing value");
}

TEST(Json, InvalidUtf8StringIsAnError) {
  const json v = {{"name", std::string("Caf\xE9")}};
  EXPECT_EQ(error_of([&] { clir::format_json(v); }), "'/name': invalid UTF-8 in a JSON string (byte 0xE9 at byte 4)");
  const json k = {{"ok", {{std::string("\xFFkey"), 1}}}};
  EXPECT_EQ(error_of([&] { clir::format_json(k); }), "'/ok/\xFFkey': invalid UTF-8 in a JSON key (byte 0xFF at byte 1)");
}

TEST(Json, FileIsWrittenAtomically) {
  const fs::path dir = fs::path(CLIR_BINARY_DIR) / "io_test_out" / "json";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const json v = {{"k", 3}, {"groups", json::array({1, 2})}};
  clir::write_json_file(dir / "run.json", v);
  std::ifstream in(dir / "run.json");
  EXPECT_EQ(json::parse(in), v);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  EXPECT_THROW(clir::write_json_file(dir / "missing" / "run.json", v), clir::InputError);
  fs::remove_all(dir);
}

TEST(GeoJson, PointsAreLongitudeFirst) {
  const auto fc = clir::geojson_points({{.location = {.lat = 50.4501, .lon = 30.5234},
                                         .properties = {{"group", 2}},
                                         .id = "UA80000000000093317"},
                                        {.location = {.lat = -33.9, .lon = 151.2}, .properties = nullptr}});
  EXPECT_EQ(fc["type"], "FeatureCollection");
  ASSERT_EQ(fc["features"].size(), 2u);
  const auto& f = fc["features"][0];
  EXPECT_EQ(f["type"], "Feature");
  EXPECT_EQ(f["id"], "UA80000000000093317");
  EXPECT_EQ(f["geometry"]["type"], "Point");
  EXPECT_EQ(f["geometry"]["coordinates"], json::array({30.5234, 50.4501}));
  EXPECT_EQ(f["properties"]["group"], 2);
  EXPECT_FALSE(fc["features"][1].contains("id"));
  EXPECT_TRUE(fc["features"][1]["properties"].is_null());  // RFC 7946 §3.2: null is allowed
  EXPECT_EQ(clir::format_json(clir::geojson_points({}), {.indent = -1}), "{\"features\":[],\"type\":\"FeatureCollection\"}\n");
}

TEST(GeoJson, CoordinatesCanBeRounded) {
  const auto fc = clir::geojson_points({{.location = {.lat = 50.123456789, .lon = 30.987654321}}},
                                       {.coordinate_decimals = 6});
  EXPECT_EQ(clir::format_json(fc["features"][0]["geometry"]["coordinates"], {.indent = -1}), "[30.987654,50.123457]\n");
  EXPECT_EQ(error_of<clir::ConfigError>([] { clir::geojson_points({}, {.coordinate_decimals = 16}); }),
            "'coordinate_decimals': expected 0 to 15 decimal places, got 16");
}

TEST(GeoJson, InvalidCoordinatesAreRejected) {
  EXPECT_EQ(error_of([] { clir::geojson_points({{.location = {.lat = 50, .lon = 30}}, {.location = {.lat = 91, .lon = 30}}}); }),
            "'features[1]': latitude 91 of feature 1 is outside [-90, 90] degrees");
  EXPECT_EQ(error_of([] { clir::geojson_points({{.location = {.lat = 50, .lon = -180.5}}}); }),
            "'features[0]': longitude -180.5 of feature 0 is outside [-180, 180] degrees");
  EXPECT_EQ(error_of([] { clir::geojson_points({{.location = {.lat = std::nan(""), .lon = 0}}}); }),
            "'features[0]': latitude NaN of feature 0 is outside [-90, 90] degrees");
  EXPECT_EQ(error_of([] { clir::geojson_points({{.location = {.lat = 0, .lon = 0}, .properties = json::array({1})}}); }),
            "'features[0]': properties of feature 0 must be a JSON object or null, got array");
}

TEST(GeoJson, CommunityFeature) {
  clir::Community c{.code = "UA32060010000086043",
                    .name_uk = "Баришівська",
                    .oblast_uk = "Київська",
                    .type = clir::CommunityType::settlement,
                    .location = {.lat = 50.36, .lon = 31.32}};
  const auto f = clir::community_feature(c);
  EXPECT_EQ(f.id, c.code);
  EXPECT_EQ(f.properties, (json{{"code", c.code}, {"name_uk", "Баришівська"}, {"oblast_uk", "Київська"},
                                {"type", "settlement"}}));
  const auto fc = clir::geojson_points({f});
  EXPECT_EQ(fc["features"][0]["geometry"]["coordinates"], json::array({31.32, 50.36}));
}

}  // namespace
