#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "clir/core/error.hpp"
#include "clir/report/svg_map.hpp"

namespace {

namespace fs = std::filesystem;

clir::MapLayers sample_layers() {
  clir::MapLayers layers;
  for (double lat = 45.0; lat <= 52.0; lat += 0.5) {
    for (double lon = 23.0; lon <= 40.0; lon += 0.5) layers.background.push_back({lat, lon});
  }
  layers.lines = {{{47.0, 37.0}, {48.0, 38.0}, {49.5, 37.8}}};
  layers.points = {{{50.45, 30.52}, "Київ & <Kyiv>", 0, true},
                   {{49.99, 36.23}, "Харків", 1, false},
                   {{46.48, 30.73}, "Одеса", 2, false}};
  layers.group_names = {"Group 1", "Group 2", "Group 3"};
  layers.title = "Test map";
  return layers;
}

struct PngSize {
  unsigned width = 0, height = 0;
  std::uintmax_t bytes = 0;
};

// Renders @p svg with librsvg (Debian's librsvg2-bin) and reads the PNG header.
PngSize render_png(const std::string& svg, const std::string& stem) {
  const fs::path dir = fs::path(CLIR_BINARY_DIR) / "test-output";
  fs::create_directories(dir);
  const fs::path svg_path = dir / (stem + ".svg");
  const fs::path png_path = dir / (stem + ".png");
  std::ofstream(svg_path) << svg;
  fs::remove(png_path);
  const std::string cmd = "rsvg-convert --format png -o '" + png_path.string() + "' '" + svg_path.string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(png_path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  PngSize out;
  if (bytes.size() < 24 || bytes.compare(1, 3, "PNG") != 0) return out;
  auto be32 = [&](std::size_t at) {
    return (unsigned(static_cast<unsigned char>(bytes[at])) << 24) | (unsigned(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (unsigned(static_cast<unsigned char>(bytes[at + 2])) << 8) | unsigned(static_cast<unsigned char>(bytes[at + 3]));
  };
  out.width = be32(16);  // IHDR follows the 8-byte signature and the chunk length and type
  out.height = be32(20);
  out.bytes = bytes.size();
  return out;
}

TEST(SvgMap, RendersWithLibrsvgAtTheRightSize) {
  clir::SvgMapOptions opt;
  const std::string svg = clir::render_svg_map(sample_layers(), opt);
  const PngSize png = render_png(svg, "svg_map_sample");
  EXPECT_EQ(png.width, static_cast<unsigned>(opt.width_px));
  EXPECT_EQ(png.height, static_cast<unsigned>(clir::svg_map_height(opt)));
  // A map with content compresses worse than the same frame with nothing on it.
  const PngSize blank = render_png(clir::render_svg_map({}, opt), "svg_map_blank");
  EXPECT_GT(png.bytes, blank.bytes + 2000);
}

TEST(SvgMap, EscapesLabelsAndDrawsEveryLayer) {
  const std::string svg = clir::render_svg_map(sample_layers());
  EXPECT_NE(svg.find("Київ &amp; &lt;Kyiv&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<Kyiv>"), std::string::npos);
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
  EXPECT_NE(svg.find("id=\"legend\""), std::string::npos);
  EXPECT_NE(svg.find(" km</text>"), std::string::npos);
  EXPECT_NE(svg.find(clir::group_colour(1)), std::string::npos);
}

TEST(SvgMap, ProjectionKeepsGeographyOriented) {
  // Kharkiv is east of Kyiv, Odesa south of it: check the drawn circle positions.
  clir::MapLayers layers;
  layers.points = {{{50.45, 30.52}, "", 0, false}, {{49.99, 36.23}, "", 0, false}, {{46.48, 30.73}, "", 0, false}};
  const std::string svg = clir::render_svg_map(layers, {.labels = false});
  std::vector<std::pair<double, double>> xy;
  for (std::size_t at = svg.find("<g id=\"points\""); (at = svg.find("<circle cx=\"", at)) != std::string::npos; ++at) {
    double x = 0, y = 0;
    ASSERT_EQ(std::sscanf(svg.c_str() + at, "<circle cx=\"%lf\" cy=\"%lf\"", &x, &y), 2);
    xy.emplace_back(x, y);
    if (xy.size() == 3) break;
  }
  ASSERT_EQ(xy.size(), 3u);
  EXPECT_GT(xy[1].first, xy[0].first + 300);  // ~400 km east at ~2.2 px/km
  EXPECT_GT(xy[2].second, xy[0].second + 300);
}

TEST(SvgMap, RejectsBadInput) {
  EXPECT_THROW(clir::render_svg_map({}, {.width_px = 10, .margin_px = 20}), clir::ConfigError);
  EXPECT_THROW(clir::render_svg_map({}, {.extent = {.min_lat = 50, .max_lat = 45, .min_lon = 22, .max_lon = 40}}), clir::ConfigError);
  clir::MapLayers bad;
  bad.points = {{{95.0, 30.0}, "Nowhere", 0, false}};
  try {
    clir::render_svg_map(bad);
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "Nowhere");
  }
}

TEST(SvgMap, CrowdedLabelsAreMovedApartWithLeaderLines) {
  // 30 labelled points within 30 km of Kharkiv: most labels cannot sit next to their point.
  clir::MapLayers layers;
  for (int i = 0; i < 30; ++i) {
    const double a = 0.7 * i;
    layers.points.push_back({.location = {49.99 + 0.03 * i * std::sin(a) / 3, 36.23 + 0.045 * i * std::cos(a) / 3},
                             .label = "Громада " + std::to_string(i), .group = i % 6, .medoid = i % 10 == 0});
  }
  layers.region_labels = {{{49.9, 36.3}, "Харківська"}};
  layers.group_names = {"1", "2", "3", "4", "5", "6"};
  const clir::LabelPlacement placed = clir::place_map_labels(layers);
  EXPECT_TRUE(placed.dropped.empty());
  ASSERT_EQ(placed.labels.size(), 31u);
  std::size_t leaders = 0;
  for (std::size_t a = 0; a < placed.labels.size(); ++a) {
    leaders += placed.labels[a].leader ? 1 : 0;
    for (std::size_t b = a + 1; b < placed.labels.size(); ++b) {
      EXPECT_FALSE(placed.labels[a].box.overlaps(placed.labels[b].box)) << placed.labels[a].text << " / " << placed.labels[b].text;
    }
    // No label covers a marker: every point is labelled, so the anchors are the markers.
    for (const auto& other : placed.labels) {
      if (other.region) continue;
      const clir::LabelBox& box = placed.labels[a].box;
      EXPECT_FALSE(other.anchor_x > box.x && other.anchor_x < box.x + box.width && other.anchor_y > box.y &&
                   other.anchor_y < box.y + box.height)
          << placed.labels[a].text << " covers " << other.text;
    }
  }
  EXPECT_GT(leaders, 5u);
  // Medoids are placed first (they name their group), so they get the nearest free spots.
  for (std::size_t i = 0; i < 3; ++i) EXPECT_TRUE(layers.points[placed.labels[i].index].medoid) << placed.labels[i].text;
  const std::string svg = clir::render_svg_map(layers);
  std::size_t lines = 0;
  for (std::size_t at = svg.find("<g id=\"leaders\""); (at = svg.find("<line ", at + 1)) < svg.find("<g id=\"points\"");) ++lines;
  EXPECT_EQ(lines, leaders);
}

TEST(SvgMap, LabelsAvoidTheLegendTitleAndFrame) {
  clir::MapLayers layers = sample_layers();
  // Points in the legend's corner (south-west) and at the frame's edge (north-east).
  layers.points.push_back({.location = {44.3, 22.5}, .label = "У кутку легенди", .group = 0});
  layers.points.push_back({.location = {52.45, 40.4}, .label = "На краю карти", .group = 1});
  const clir::SvgMapOptions o;
  const clir::LabelPlacement placed = clir::place_map_labels(layers, o);
  EXPECT_TRUE(placed.dropped.empty());
  const double height = clir::svg_map_height(o);
  for (const auto& l : placed.labels) {
    EXPECT_GE(l.box.x, o.margin_px);
    EXPECT_GE(l.box.y, o.margin_px);
    EXPECT_LE(l.box.x + l.box.width, o.width_px - o.margin_px);
    EXPECT_LE(l.box.y + l.box.height, height - o.margin_px);
    // The title sits in the top-left corner; the legend in the bottom-left one.
    EXPECT_FALSE(l.box.overlaps({o.margin_px, o.margin_px, 150, 30})) << l.text;
    EXPECT_FALSE(l.box.overlaps({o.margin_px, height - o.margin_px - 60, 150, 60})) << l.text;
  }
}

TEST(SvgMap, OutlineRegionLabelsAndValueColouring) {
  clir::MapLayers layers = sample_layers();
  layers.outline = {{{44.5, 33.0}, {52.0, 24.0}, {52.0, 40.0}, {44.5, 33.0}}};
  layers.outline_label = "Ukraine";
  layers.region_labels = {{{49.0, 32.0}, "Черкаська"}};
  layers.region_label_note = "Oblast names at the mean of their centres";
  std::string svg = clir::render_svg_map(layers);
  EXPECT_NE(svg.find("<path id=\"outline\""), std::string::npos);
  EXPECT_NE(svg.find(">Черкаська</text>"), std::string::npos);
  EXPECT_NE(svg.find("Oblast names at the mean of their centres"), std::string::npos);
  layers.colouring = clir::MapColouring::value;
  EXPECT_THROW((void)clir::render_svg_map(layers), clir::InputError);  // points without values
  for (std::size_t i = 0; i < layers.points.size(); ++i) layers.points[i].value = static_cast<double>(i);
  svg = clir::render_svg_map(layers);
  EXPECT_NE(svg.find("fill=\"" + clir::value_colour(0.0) + "\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"" + clir::value_colour(1.0) + "\""), std::string::npos);
  EXPECT_NE(svg.find("Score: 0 – 2"), std::string::npos);
}

TEST(SvgMap, ValueRampIsViridisAndClamped) {
  EXPECT_EQ(clir::value_colour(0.0), "#440154");
  EXPECT_EQ(clir::value_colour(0.5), "#21918C");
  EXPECT_EQ(clir::value_colour(1.0), "#FDE725");
  EXPECT_EQ(clir::value_colour(-3.0), "#440154");
  EXPECT_EQ(clir::value_colour(7.0), "#FDE725");
  EXPECT_GT(clir::estimate_text_width("Широківська", 12), clir::estimate_text_width("Lyman", 12));
  EXPECT_EQ(clir::estimate_text_width("", 12), 0.0);
}

}  // namespace

namespace choropleth {

// A square of side @p d degrees with its south-west corner at (lat, lon), counter-clockwise.
clir::GeoPolygon square(double lat, double lon, double d) {
  return {.outer = {{lat, lon}, {lat, lon + d}, {lat + d, lon + d}, {lat + d, lon}, {lat, lon}}, .holes = {}};
}

// The d="..." of the path whose data-id is @p id.
std::string path_data(const std::string& svg, const std::string& id) {
  const std::string key = "data-id=\"" + id + "\" d=\"";
  const std::size_t at = svg.find(key);
  if (at == std::string::npos) return {};
  const std::size_t begin = at + key.size();
  return svg.substr(begin, svg.find('"', begin) - begin);
}

// Absolute vertices of an "M x y l dx dy ... z" path (SVG number syntax: "-.5" and "1.2.5" are
// two numbers each), in tenths of a pixel.
std::vector<std::pair<long, long>> vertices(const std::string& d) {
  std::vector<std::pair<long, long>> out;
  std::vector<long> numbers;
  long x = 0, y = 0;
  bool relative = false;
  const auto flush = [&] {
    for (std::size_t i = 0; i + 1 < numbers.size(); i += 2) {
      x = relative ? x + numbers[i] : numbers[i];
      y = relative ? y + numbers[i + 1] : numbers[i + 1];
      out.emplace_back(x, y);
      relative = true;  // after M's first pair, further pairs are absolute in SVG; M is followed by l here
    }
    numbers.clear();
  };
  std::size_t at = 0;
  while (at < d.size()) {
    const char c = d[at];
    if (c == 'M' || c == 'l' || c == 'z') {
      flush();
      relative = c == 'l';
      ++at;
    } else if (c == ' ' || c == ',') {
      ++at;
    } else {
      std::size_t end = at + (c == '-' ? 1 : 0);
      bool point = false;
      while (end < d.size() && (std::isdigit(static_cast<unsigned char>(d[end])) || (d[end] == '.' && !point))) {
        point = point || d[end] == '.';
        ++end;
      }
      numbers.push_back(std::lround(std::stod(d.substr(at, end - at)) * 10));
      at = end;
    }
  }
  flush();
  return out;
}

TEST(SvgMapChoropleth, AreasBordersLegendAndAttribution) {
  clir::MapLayers layers;
  // Two neighbours sharing the edge at lon 31 (vertices in opposite order) and one with no value.
  layers.areas = {{.shape = {square(48.0, 30.0, 1.0)}, .category = -1, .value = 1.0, .tooltip = "West\nvalue 1", .id = "W"},
                  {.shape = {square(48.0, 31.0, 1.0)}, .category = -1, .value = 5.0, .tooltip = "East", .id = "E"},
                  {.shape = {square(46.0, 31.0, 0.5)}, .category = -1, .value = std::nullopt, .tooltip = {}, .id = "N"}};
  layers.area_colouring = clir::AreaColouring::value;
  layers.area_value_label = "Density";
  layers.area_classes = 4;
  layers.borders = {{square(46.0, 29.0, 4.0)}};
  layers.attribution = "Boundaries: test, CC BY 4.0";
  const std::string svg = clir::render_svg_map(layers);
  // Lowest class darkest, highest brightest (viridis ends), no data light grey.
  EXPECT_NE(svg.find("<path fill=\"" + clir::value_colour(0.0) + "\" data-id=\"W\""), std::string::npos);
  EXPECT_NE(svg.find("<path fill=\"" + clir::value_colour(1.0) + "\" data-id=\"E\""), std::string::npos);
  EXPECT_NE(svg.find("<path fill=\"" + std::string(clir::kNoDataColour) + "\" data-id=\"N\""), std::string::npos);
  EXPECT_NE(svg.find("<title>West&#10;value 1</title></path>"), std::string::npos);
  // Legend: a heading, the classes with their breaks highest first, min and max, no data.
  const std::size_t heading = svg.find(">Density (4 equal classes)</text>");
  const std::size_t top = svg.find(">4 – 5 (max)</text>");
  const std::size_t bottom = svg.find(">1 – 2 (min)</text>");
  ASSERT_NE(heading, std::string::npos);
  ASSERT_NE(top, std::string::npos);
  ASSERT_NE(bottom, std::string::npos);
  EXPECT_LT(heading, top);
  EXPECT_LT(top, bottom);
  EXPECT_NE(svg.find(">No data</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Oblast border</text>"), std::string::npos);
  EXPECT_NE(svg.find("<path id=\"borders\" fill=\"none\""), std::string::npos);
  EXPECT_NE(svg.find(">Boundaries: test, CC BY 4.0</text>"), std::string::npos);
  // Areas under the borders, the borders under the points and labels.
  EXPECT_LT(svg.find("<g id=\"areas\""), svg.find("<path id=\"borders\""));
  EXPECT_LT(svg.find("<path id=\"borders\""), svg.find("<g id=\"points\""));
  // The shared edge is the same pair of vertices in both paths: no gap, no overlap.
  const auto west = vertices(path_data(svg, "W")), east = vertices(path_data(svg, "E"));
  ASSERT_EQ(west.size(), 4u);
  ASSERT_EQ(east.size(), 4u);
  std::size_t shared = 0;
  for (const auto& v : west) shared += std::count(east.begin(), east.end(), v);
  EXPECT_EQ(shared, 2u);
  // 0.1 px precision: no coordinate has more than one decimal.
  const std::string d = path_data(svg, "W");
  for (std::size_t dot = d.find('.'); dot != std::string::npos; dot = d.find('.', dot + 1)) {
    EXPECT_FALSE(dot + 2 < d.size() && std::isdigit(static_cast<unsigned char>(d[dot + 2]))) << d;
  }
  // It renders.
  const PngSize png = render_png(svg, "svg_map_choropleth");
  EXPECT_EQ(png.width, 1100u);
}

TEST(SvgMapChoropleth, CategoriesAndPlainMarkers) {
  clir::MapLayers layers;
  layers.areas = {{.shape = {square(48.0, 30.0, 1.0)}, .category = 1, .value = std::nullopt, .tooltip = {}, .id = "A"},
                  {.shape = {square(48.0, 31.0, 1.0)}, .category = -1, .value = std::nullopt, .tooltip = {}, .id = "B"}};
  layers.area_categories = {{"Selected", "#D55E00"}, {"Eligible", "#56B4E9"}};
  layers.area_no_data_label = "Not an applicant";
  layers.points = {{{48.5, 30.5}, "A", 0, false}};
  layers.colouring = clir::MapColouring::plain;
  const std::string svg = clir::render_svg_map(layers);
  EXPECT_NE(svg.find("<path fill=\"#56B4E9\" data-id=\"A\""), std::string::npos);
  EXPECT_NE(svg.find(">Selected</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Not an applicant</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Selected community</text>"), std::string::npos);
  EXPECT_NE(svg.find("r=\"3.5\" fill=\"#ffffff\""), std::string::npos);
  // A category the legend does not know is an error naming the area.
  layers.areas[0].category = 2;
  try {
    (void)clir::render_svg_map(layers);
    FAIL() << "no error";
  } catch (const clir::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("A"), std::string::npos);
  }
  layers.areas[0].category = 0;
  layers.area_classes = 1;  // checked even when the areas are categorical
  EXPECT_THROW((void)clir::render_svg_map(layers), clir::ConfigError);
}

TEST(SvgMapChoropleth, ClassBreaks) {
  std::vector<clir::MapArea> areas;
  for (double v : {1.0, 1.0, 1.0, 1.0, 2.0, 3.0, 100.0}) areas.push_back({.shape = {}, .category = -1, .value = v, .tooltip = {}, .id = {}});
  areas.push_back({.shape = {}, .category = -1, .value = std::nan(""), .tooltip = {}, .id = {}});
  EXPECT_EQ(clir::area_class_breaks(areas, 3), (std::vector<double>{1.0, 34.0, 67.0, 100.0}));
  // Quantiles at ranks 0, 2, 4, 6 of the seven values: 1, 1, 2, 100; the repeated 1 merges.
  EXPECT_EQ(clir::area_class_breaks(areas, 3, clir::ClassBreaks::quantile), (std::vector<double>{1.0, 2.0, 100.0}));
  EXPECT_EQ(clir::area_class_breaks({areas[0], areas[1]}, 5), (std::vector<double>{1.0, 1.0}));
  EXPECT_TRUE(clir::area_class_breaks({areas.back()}, 5).empty());
  EXPECT_THROW((void)clir::area_class_breaks(areas, 10), clir::ConfigError);
}

}  // namespace choropleth
