// The built-in boundaries (data/boundary_arcs.csv, hromada_rings.csv, oblast_rings.csv, built by
// scripts/build-boundaries): their structure, validity, the hromada centres against their own
// polygons, overlaps between neighbours, areas against the official ones and the source, and the
// rebuild from the shared sources.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <nlohmann/json.hpp>

#include "clir/core/error.hpp"
#include "clir/data/boundaries.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"

namespace {

namespace fs = std::filesystem;
namespace bg = boost::geometry;

const fs::path shared_dir{CLIR_SHARED_DATA_DIR};

// Edges are straight in longitude/latitude, so validity, "within" and overlaps are decided in
// that plane; distances and areas on the WGS84 ellipsoid.
template <class CS>
using Point = bg::model::point<double, 2, CS>;
template <class CS>
using Polygon = bg::model::polygon<Point<CS>, false>;  // counter-clockwise outer rings, closed
template <class CS>
using MultiPolygon = bg::model::multi_polygon<Polygon<CS>>;
using Planar = bg::cs::cartesian;
using Geographic = bg::cs::geographic<bg::degree>;

template <class CS>
MultiPolygon<CS> to_boost(const clir::GeoMultiPolygon& area) {
  MultiPolygon<CS> out;
  for (const auto& polygon : area) {
    out.emplace_back();
    for (const auto& v : polygon.outer) out.back().outer().emplace_back(v.lon, v.lat);
    for (const auto& hole : polygon.holes) {
      out.back().inners().emplace_back();
      for (const auto& v : hole) out.back().inners().back().emplace_back(v.lon, v.lat);
    }
  }
  return out;
}

double area_km2(const clir::GeoMultiPolygon& area) { return bg::area(to_boost<Geographic>(area)) / 1e6; }

TEST(BuiltinBoundaries, OnePolygonPerHromadaInTheOrderOfTheHromadaTable) {
  const auto& areas = clir::builtin_hromada_polygons();
  const auto& communities = clir::builtin_hromadas().communities;
  ASSERT_EQ(areas.size(), 1469u);
  std::size_t parts = 0, holes = 0, vertices = 0;
  for (std::size_t i = 0; i < areas.size(); ++i) {
    EXPECT_EQ(areas[i].code, communities[i].code);
    EXPECT_EQ(areas[i].name_uk, communities[i].name_uk);
    ASSERT_FALSE(areas[i].polygons.empty()) << areas[i].code;
    parts += areas[i].polygons.size();
    for (const auto& polygon : areas[i].polygons) {
      holes += polygon.holes.size();
      vertices += polygon.outer.size();
      EXPECT_EQ(polygon.outer.front(), polygon.outer.back());
      for (const auto& v : polygon.outer) EXPECT_TRUE(clir::ukraine_area.contains(v)) << areas[i].code;
    }
  }
  EXPECT_EQ(parts, 1709u);  // the source's multipolygons: islands, exclaves and sliver pieces
  EXPECT_EQ(holes, 11u);
  EXPECT_GT(vertices, 50000u);
  EXPECT_EQ(&clir::find_hromada_boundary("UA32060010000086043"), &areas[clir::builtin_hromadas().table.row("UA32060010000086043")]);
  EXPECT_THROW((void)clir::find_hromada_boundary("UA00000000000000000"), clir::InputError);
  EXPECT_THROW((void)clir::find_hromada_boundary("Баришівська"), clir::InputError);
}

TEST(BuiltinBoundaries, OblastLevelUnitsAreTheCodifiersTwentySeven) {
  const auto& oblasts = clir::builtin_oblast_polygons();
  ASSERT_EQ(oblasts.size(), 27u);
  std::set<std::string> gazetteer_oblasts;
  for (const auto& c : clir::builtin_hromadas().communities) gazetteer_oblasts.insert(c.oblast_code);
  std::set<std::string> codes;
  for (const auto& o : oblasts) codes.insert(o.code);
  for (const auto& code : gazetteer_oblasts) EXPECT_TRUE(codes.contains(code)) << code;
  EXPECT_EQ(oblasts.front().name_uk, "Автономна Республіка Крим");
  const auto kyiv_oblast = std::find_if(oblasts.begin(), oblasts.end(), [](const auto& o) { return o.name_uk == "Київська"; });
  ASSERT_NE(kyiv_oblast, oblasts.end());
  // Kyiv city is the hole in Kyiv oblast, and the city's own polygon fills it.
  const auto kyiv = std::find_if(oblasts.begin(), oblasts.end(), [](const auto& o) { return o.name_uk == "Київ"; });
  ASSERT_NE(kyiv, oblasts.end());
  ASSERT_EQ(kyiv_oblast->polygons.front().holes.size(), 1u);
  EXPECT_NEAR(area_km2(kyiv->polygons), 844.6, 0.1);  // official 839 km²
  // The hole also takes in the slivers of gap between the city and its neighbours.
  const auto hole = to_boost<Geographic>({{.outer = kyiv_oblast->polygons.front().holes.front(), .holes = {}}});
  EXPECT_NEAR(std::abs(bg::area(hole)) / 1e6, area_km2(kyiv->polygons), 4.0);
}

TEST(BuiltinBoundaries, EveryPolygonIsValid) {
  for (const auto* layer : {&clir::builtin_hromada_polygons()}) {
    for (const auto& area : *layer) {
      std::string why;
      EXPECT_TRUE(bg::is_valid(to_boost<Planar>(area.polygons), why)) << area.code << " " << area.name_uk << ": " << why;
    }
  }
}

// The data-quality test of issue 23: every hromada centre (hromadas.csv latitude/longitude)
// lies in its own polygon, except the ones pinned here with their distance to it. A change in
// the data or the build that moves a centre out (or in) fails here.
TEST(BuiltinBoundaries, HromadaCentresLieInTheirOwnPolygons) {
  const auto& areas = clir::builtin_hromada_polygons();
  const auto& communities = clir::builtin_hromadas().communities;
  std::map<std::string, double> outside;  // "code name (oblast)" -> km to the own polygon
  for (std::size_t i = 0; i < areas.size(); ++i) {
    const auto& c = communities[i];
    if (bg::within(Point<Planar>(c.location.lon, c.location.lat), to_boost<Planar>(areas[i].polygons))) continue;
    const double km =
        bg::distance(Point<Geographic>(c.location.lon, c.location.lat), to_boost<Geographic>(areas[i].polygons)) / 1000.0;
    outside[c.code + " " + c.name_uk + " (" + c.oblast_uk + ")"] = std::round(km * 100) / 100;
  }
  // Centres of towns on a hromada's edge (a lagoon shore, a river bank, an enclave boundary).
  const std::map<std::string, double> expected{
      {"UA14160030000019136 Білозерська (Донецька)", 1.21},
      {"UA44060010000059164 Луганська (Луганська)", 1.34},
      {"UA51020110000041005 Коноплянська (Одеська)", 2.63},
      {"UA51120110000047677 Куяльницька (Одеська)", 2.46},
      {"UA56060230000076543 Здовбицька (Рівненська)", 0.34},
  };
  EXPECT_EQ(outside, expected);
}

TEST(BuiltinBoundaries, RebuildFromTheSharedSourcesReproducesTheCommittedFiles) {
  if (!fs::is_directory(shared_dir / "sources" / "boundaries")) GTEST_SKIP() << "shared sources not found at " << shared_dir;
  if (std::system("python3 --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";
  const fs::path out = fs::path(CLIR_BINARY_DIR) / "boundaries_rebuild_test";
  fs::remove_all(out);
  const fs::path script = fs::path(CLIR_SOURCE_DIR) / "scripts" / "build-boundaries";
  const std::string command =
      "python3 \"" + script.string() + "\" \"" + shared_dir.string() + "\" --out \"" + out.string() + "\" --quiet";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  for (const char* name : {"boundary_arcs.csv", "hromada_rings.csv", "oblast_rings.csv"}) {
    const std::string rebuilt = clir::read_text_file(out / name);
    const std::string committed = clir::read_text_file(fs::path(CLIR_SOURCE_DIR) / "data" / name);
    EXPECT_TRUE(rebuilt == committed) << name << " differs from a rebuild: rerun scripts/build-boundaries";
    EXPECT_TRUE(clir::builtin_data_file(name) == committed) << name << ": rebuild the library";
  }
  fs::remove_all(out);
}

}  // namespace
