// Ukraine's outline (data/ukraine_outline_ne50m.csv, scripts/build-outline from Debian's
// r-cran-rnaturalearthdata): shape, agreement with the hromada data, and the rebuild.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <boost/geometry.hpp>

#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"

namespace {

namespace fs = std::filesystem;

namespace bg = boost::geometry;

// Natural Earth's edges are straight lines in longitude/latitude (the shapefile convention), so
// "inside" is decided in that plane; distances are taken on the WGS84 ellipsoid.
template <class CS>
using Outline = bg::model::multi_polygon<bg::model::polygon<bg::model::point<double, 2, CS>>>;
using PlanarOutline = Outline<bg::cs::cartesian>;
using GeographicOutline = Outline<bg::cs::geographic<bg::degree>>;

// The outline's rings as a multipolygon (each ring is a separate piece of land: the mainland
// with Crimea and the Dzharylhach spit).
template <class O>
O to_outline(const std::vector<std::vector<clir::GeoPoint>>& rings) {
  O out;
  for (const auto& ring : rings) {
    out.emplace_back();
    for (const auto& v : ring) out.back().outer().emplace_back(v.lon, v.lat);
  }
  bg::correct(out);
  return out;
}

bool inside(const PlanarOutline& outline, const clir::GeoPoint& p) {
  return bg::within(PlanarOutline::value_type::point_type(p.lon, p.lat), outline);
}

TEST(BuiltinOutline, ClosedRingsAroundUkraineWithCrimea) {
  const auto rings = clir::builtin_ukraine_outline();
  ASSERT_EQ(rings.size(), 2u);  // the Dzharylhach spit and the mainland with Crimea
  std::size_t vertices = 0;
  clir::GeoBox box{.min_lat = 90, .max_lat = -90, .min_lon = 180, .max_lon = -180};
  for (const auto& ring : rings) {
    ASSERT_GE(ring.size(), 4u);
    EXPECT_EQ(ring.front().lat, ring.back().lat);
    EXPECT_EQ(ring.front().lon, ring.back().lon);
    vertices += ring.size();
    for (const auto& v : ring) {
      box.min_lat = std::min(box.min_lat, v.lat), box.max_lat = std::max(box.max_lat, v.lat);
      box.min_lon = std::min(box.min_lon, v.lon), box.max_lon = std::max(box.max_lon, v.lon);
    }
  }
  EXPECT_EQ(vertices, 471u);  // of 678 in Natural Earth's 1:50m feature
  EXPECT_NEAR(box.min_lat, 44.39, 0.01);  // Crimea's southern tip
  EXPECT_NEAR(box.max_lat, 52.35, 0.02);
  EXPECT_NEAR(box.min_lon, 22.14, 0.02);
  EXPECT_NEAR(box.max_lon, 40.13, 0.02);
  const auto outline = to_outline<PlanarOutline>(rings);
  EXPECT_TRUE(bg::is_valid(outline));
  EXPECT_TRUE(inside(outline, {.lat = 44.95, .lon = 34.10}));   // Simferopol
  EXPECT_TRUE(inside(outline, {.lat = 50.45, .lon = 30.52}));   // Kyiv
  EXPECT_FALSE(inside(outline, {.lat = 53.90, .lon = 27.57}));  // Minsk
  EXPECT_FALSE(inside(outline, {.lat = 47.01, .lon = 28.86}));  // Chișinău
}

TEST(BuiltinOutline, HoldsTheHromadaCentresUpToItsGeneralisation) {
  // A finding, not a defect of the data: Natural Earth's 1:50m line is generalised by a few km,
  // so 12 centres on the coast or right on the land border (Добрянська, Міловська, Солотвинська,
  // ...) fall just outside it; the farthest is Лиманська of Odesa oblast, on a lagoon shore.
  // data/README.md and docs/report.md quote these figures.
  const auto outline = to_outline<PlanarOutline>(clir::builtin_ukraine_outline());
  const auto on_earth = to_outline<GeographicOutline>(clir::builtin_ukraine_outline());
  std::vector<std::string> outside;
  std::string farthest;
  double farthest_km = 0;
  for (const auto& c : clir::builtin_hromadas().communities) {
    if (inside(outline, c.location)) continue;
    outside.push_back(c.name_uk);
    const double km = bg::distance(GeographicOutline::value_type::point_type(c.location.lon, c.location.lat), on_earth) / 1000.0;
    if (km > farthest_km) {
      farthest_km = km;
      farthest = c.name_uk + " (" + c.oblast_uk + ")";
    }
  }
  EXPECT_EQ(outside.size(), 12u) << ::testing::PrintToString(outside);
  EXPECT_EQ(farthest, "Лиманська (Одеська)");
  EXPECT_NEAR(farthest_km, 7.8, 0.05);
}

TEST(BuiltinOutline, RebuildFromTheDebianPackageReproducesTheCommittedFile) {
  const fs::path rdata = "/usr/lib/R/site-library/rnaturalearthdata/data/Rdata.rdb";
  if (!fs::exists(rdata) || std::system("Rscript --version > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "Rscript or Debian's r-cran-rnaturalearthdata not installed";
  }
  const fs::path out = fs::path(CLIR_BINARY_DIR) / "outline_rebuild_test";
  fs::remove_all(out);
  const std::string command = "/usr/bin/python3 \"" + (fs::path(CLIR_SOURCE_DIR) / "scripts" / "build-outline").string() +
                              "\" --out \"" + out.string() + "\" 2> /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const std::string rebuilt = clir::read_text_file(out / "ukraine_outline_ne50m.csv");
  const std::string committed = clir::read_text_file(fs::path(CLIR_SOURCE_DIR) / "data" / "ukraine_outline_ne50m.csv");
  EXPECT_TRUE(rebuilt == committed) << "rerun scripts/build-outline";
  EXPECT_TRUE(clir::builtin_data_file("ukraine_outline_ne50m.csv") == committed) << "rebuild the library";
  fs::remove_all(out);
}

}  // namespace
