// The built-in run's map (labels that do not collide, outline, GeoJSON for GIS tools) and its
// HTML report (self-contained, every section, names with their Latin transliteration).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "clir/core/error.hpp"

#include "clir/core/transliterate.hpp"
#include "clir/data/boundaries.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/json.hpp"
#include "clir/pipeline/html_report.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/reproduce.hpp"
#include "clir/pipeline/run.hpp"

namespace {

const clir::RunResult& builtin_result() {
  static const clir::RunResult r = [] {
    clir::Scenario sc = clir::builtin_clir2024_scenario();
    if (sc.robustness) sc.robustness->draws = 200;
    return clir::run(sc);
  }();
  return r;
}

const std::vector<clir::RunMapOptions>& every_map_mode() {
  using clir::MapStyle;
  static const std::vector<clir::RunMapOptions> modes = {
      {MapStyle::points, "group"},     {MapStyle::points, "score"},         {MapStyle::points, "population_2022"},
      {MapStyle::choropleth, "group"}, {MapStyle::choropleth, "score"},     {MapStyle::choropleth, "selection"},
      {MapStyle::choropleth, "population_2022"}};
  return modes;
}

TEST(RunMap, NoTwoLabelBoxesOverlapOnTheBuiltInRun) {
  for (const auto& mode : every_map_mode()) {
    SCOPED_TRACE(std::string(clir::to_string(mode.style)) + " by " + mode.colour_by);
    const clir::MapLayers layers = clir::run_map_layers(builtin_result(), mode);
    const clir::LabelPlacement placed = clir::place_map_labels(layers);
    EXPECT_TRUE(placed.dropped.empty()) << ::testing::PrintToString(placed.dropped);
    // Every community and every oblast got its label.
    EXPECT_EQ(placed.labels.size(), layers.points.size() + layers.region_labels.size());
    for (std::size_t a = 0; a < placed.labels.size(); ++a) {
      for (std::size_t b = a + 1; b < placed.labels.size(); ++b) {
        EXPECT_FALSE(placed.labels[a].box.overlaps(placed.labels[b].box))
            << placed.labels[a].text << " overlaps " << placed.labels[b].text;
      }
      // No label covers a community's marker.
      for (const auto& pt : layers.points) {
        const clir::LabelBox& box = placed.labels[a].box;
        const double x = placed.labels[a].anchor_x, y = placed.labels[a].anchor_y;
        if (placed.labels[a].region || pt.label != placed.labels[a].text) continue;
        EXPECT_FALSE(x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height) << pt.label;
      }
    }
  }
}

TEST(RunMap, PairsThatCollidedBeforeAreApart) {
  // The labels that overlapped in the first map (issue 14): each is placed, apart from the other.
  const clir::LabelPlacement placed = clir::place_map_labels(clir::run_map_layers(builtin_result()));
  std::map<std::string, clir::LabelBox> box;
  for (const auto& l : placed.labels) {
    if (!l.region) box[l.text] = l.box;
  }
  for (const auto& [a, b] : {std::pair{"Сновська", "Корюківська"}, std::pair{"Коломацька", "Безлюдівська"}}) {
    if (!box.count(a) || !box.count(b)) continue;  // not both selected by this run
    EXPECT_FALSE(box[a].overlaps(box[b])) << a << " / " << b;
  }
}

TEST(RunMap, SvgHasOutlineOblastNamesLegendAndTooltips) {
  const auto& r = builtin_result();
  const std::string svg = clir::run_map_svg(r);
  EXPECT_NE(svg.find("<path id=\"outline\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"region\""), std::string::npos);
  EXPECT_NE(svg.find(">Харківська</text>"), std::string::npos);
  EXPECT_NE(svg.find("<path id=\"borders\""), std::string::npos);
  EXPECT_NE(svg.find(">Oblast border</text>"), std::string::npos);
  // CC BY: the attribution is on the map itself.
  EXPECT_NE(svg.find("<text id=\"attribution\""), std::string::npos);
  EXPECT_NE(svg.find("Boundaries: ukrainian_geodata (F. Gontsa / OPORA), CC BY 4.0, simplified"), std::string::npos);
  // The points style draws no hromada polygons.
  EXPECT_EQ(svg.find("<g id=\"areas\""), std::string::npos);
  EXPECT_NE(svg.find("Ukraine (Natural Earth 1:50m)"), std::string::npos);
  EXPECT_NE(svg.find("Front line, 8 Mar 2023"), std::string::npos);
  const clir::Community& first = r.selected.front();
  EXPECT_NE(svg.find("<title>" + first.name_uk + " (" + clir::transliterate_uk(first.name_uk) + ")&#10;Oblast: "), std::string::npos);
  EXPECT_NE(svg.find("data-id=\"" + first.code + "\""), std::string::npos);
  // By score: the viridis ramp's ends appear, the group palette does not.
  const std::string by_score = clir::run_map_svg(r, {.style = clir::MapStyle::points, .colour_by = "score"});
  EXPECT_NE(by_score.find(clir::value_colour(1.0)), std::string::npos);
  EXPECT_NE(by_score.find(clir::value_colour(0.0)), std::string::npos);
  EXPECT_EQ(by_score.find("fill=\"" + clir::group_colour(1) + "\""), std::string::npos);
}

// Twice the signed area of a GeoJSON ring in the lon/lat plane: positive when counter-clockwise.
double ring_orientation(const nlohmann::json& ring) {
  double twice = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    twice += ring[i][0].get<double>() * ring[i + 1][1].get<double>() - ring[i + 1][0].get<double>() * ring[i][1].get<double>();
  }
  return twice;
}

TEST(RunMap, GeoJsonHoldsOutlineBordersPolygonsFrontLineAndTheSelection) {
  const auto& r = builtin_result();
  const nlohmann::json j = clir::run_map_geojson(r);
  ASSERT_EQ(j["type"], "FeatureCollection");
  const auto& f = j["features"];
  const std::size_t oblasts = clir::builtin_oblast_polygons().size(), hromadas = clir::builtin_hromadas().communities.size();
  ASSERT_EQ(f.size(), 1 + oblasts + hromadas + 1 + r.selected.size());
  EXPECT_EQ(f[0]["geometry"]["type"], "MultiPolygon");
  EXPECT_EQ(f[0]["properties"]["layer"], "outline");
  EXPECT_EQ(f[0]["geometry"]["coordinates"].size(), 2u);
  std::size_t holes = 0;
  std::map<std::string, nlohmann::json> polygon_properties;
  for (std::size_t i = 1; i < 1 + oblasts + hromadas; ++i) {
    const auto& feature = f[i];
    EXPECT_EQ(feature["geometry"]["type"], "MultiPolygon");
    EXPECT_EQ(feature["properties"]["layer"], i <= oblasts ? "oblast" : "hromada");
    EXPECT_EQ(feature["id"], feature["properties"]["code"]);
    // RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise.
    for (const auto& polygon : feature["geometry"]["coordinates"]) {
      EXPECT_GT(ring_orientation(polygon[0]), 0.0) << feature["id"];
      for (std::size_t h = 1; h < polygon.size(); ++h, ++holes) EXPECT_LT(ring_orientation(polygon[h]), 0.0) << feature["id"];
      EXPECT_EQ(polygon[0].front(), polygon[0].back());
    }
    if (i > oblasts) polygon_properties[feature["id"].get<std::string>()] = feature["properties"];
  }
  EXPECT_GE(holes, 1u);  // Kyiv oblast around Kyiv city at least
  EXPECT_FALSE(f[oblasts + 1]["properties"].contains("source"));
  EXPECT_EQ(f[1]["properties"]["source"], "Boundaries: ukrainian_geodata (F. Gontsa / OPORA), CC BY 4.0, simplified");
  EXPECT_EQ(polygon_properties.size(), hromadas);
  std::map<std::string, std::size_t> statuses;
  for (const auto& [code, p] : polygon_properties) ++statuses[p["status"].get<std::string>()];
  EXPECT_EQ(statuses["selected"], r.selected.size());
  EXPECT_EQ(statuses["selected"] + statuses["eligible, not selected"], r.scores.ids.size());
  EXPECT_EQ(statuses["selected"] + statuses["eligible, not selected"] + statuses["not eligible"], r.pool.communities.size());
  const std::size_t front = 1 + oblasts + hromadas;
  EXPECT_EQ(f[front]["geometry"]["type"], "MultiLineString");
  EXPECT_EQ(f[front]["geometry"]["coordinates"].size(), clir::builtin_frontline_2023().size());
  std::set<std::string> codes;
  for (std::size_t i = front + 1; i < f.size(); ++i) {
    // A selected point and its hromada's polygon carry the same properties (but the layer).
    nlohmann::json point = f[i]["properties"], polygon = polygon_properties.at(f[i]["id"].get<std::string>());
    point.erase("layer");
    polygon.erase("layer");
    EXPECT_EQ(point, polygon);
    EXPECT_EQ(f[i]["properties"]["status"], "selected");
    EXPECT_EQ(f[i]["geometry"]["type"], "Point");
    EXPECT_EQ(f[i]["properties"]["layer"], "selected");
    EXPECT_TRUE(f[i]["properties"].contains("selection_probability"));
    EXPECT_EQ(f[i]["properties"]["name_latin"], clir::transliterate_uk(f[i]["properties"]["name_uk"].get<std::string>()));
    codes.insert(f[i]["id"].get<std::string>());
  }
  EXPECT_EQ(codes.size(), r.selected.size());
  // Coordinates are [longitude, latitude] (RFC 7946): Ukraine's longitudes exceed its latitudes.
  EXPECT_GT(f[0]["geometry"]["coordinates"][1][0][0][0].get<double>(), 30.0);
  EXPECT_NO_THROW((void)clir::format_json(j));
  // map.geojson: one feature per line, and the same JSON.
  const std::string text = clir::format_map_geojson(j);
  EXPECT_EQ(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')), f.size() + 2);
  EXPECT_EQ(nlohmann::json::parse(text), j);
}

TEST(RunMap, ChoroplethFillsEveryHromadaWithTooltipsAndALegend) {
  const auto& r = builtin_result();
  const std::size_t hromadas = clir::builtin_hromadas().communities.size();
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
    return n;
  };
  const std::string by_score = clir::run_map_svg(r, {.style = clir::MapStyle::choropleth, .colour_by = "score"});
  const std::size_t areas_begin = by_score.find("<g id=\"areas\"");
  ASSERT_NE(areas_begin, std::string::npos);
  const std::string areas = by_score.substr(areas_begin, by_score.find("</g>", areas_begin) - areas_begin);
  EXPECT_EQ(count(areas, "<path "), hromadas);
  EXPECT_EQ(count(areas, "<title>"), hromadas);
  // Oblast borders and the selection's markers are drawn over the areas.
  EXPECT_GT(by_score.find("<path id=\"borders\""), areas_begin);
  EXPECT_GT(by_score.find("<g id=\"points\""), areas_begin);
  // The legend: five classes from the lowest to the highest eligible score, and no data.
  double lo = r.scores.score(0), hi = lo;
  for (Eigen::Index i = 0; i < r.scores.score.size(); ++i) lo = std::min(lo, r.scores.score(i)), hi = std::max(hi, r.scores.score(i));
  char lo_text[32], hi_text[32];
  std::snprintf(lo_text, sizeof lo_text, "%.3g", lo);
  std::snprintf(hi_text, sizeof hi_text, "%.3g", hi);
  EXPECT_NE(by_score.find(std::string(lo_text) + " – "), std::string::npos) << lo_text;
  EXPECT_NE(by_score.find(" – " + std::string(hi_text) + " (max)"), std::string::npos) << hi_text;
  EXPECT_NE(by_score.find("(5 equal classes)"), std::string::npos);
  EXPECT_NE(by_score.find(">Not eligible or not an applicant</text>"), std::string::npos);
  for (int k = 0; k < 5; ++k) EXPECT_NE(areas.find("fill=\"" + clir::value_colour(k / 4.0) + "\""), std::string::npos) << k;
  // A hromada's tooltip: name, oblast, the value that colours it.
  const clir::Community& first = r.selected.front();
  EXPECT_NE(areas.find("data-id=\"" + first.code + "\""), std::string::npos);
  EXPECT_NE(areas.find("<title>" + first.name_uk + " (" + clir::transliterate_uk(first.name_uk) + ")&#10;Oblast: "), std::string::npos);

  const std::string by_selection = clir::run_map_svg(r, {.style = clir::MapStyle::choropleth, .colour_by = "selection"});
  for (const char* c : {">Selected</text>", ">Eligible, not selected</text>", ">Not eligible</text>"}) {
    EXPECT_NE(by_selection.find(c), std::string::npos) << c;
  }
  EXPECT_EQ(count(by_selection, "fill=\"#D55E00\" data-id="), r.selected.size());
  const std::string by_group = clir::run_map_svg(r, {.style = clir::MapStyle::choropleth, .colour_by = "group"});
  EXPECT_EQ(count(by_group, "fill=\"" + clir::group_colour(0) + "\" data-id="),
            static_cast<std::size_t>(std::count(r.groups.clustering.labels.begin(), r.groups.clustering.labels.end(), 0)));
  const std::string by_population = clir::run_map_svg(r, {.style = clir::MapStyle::choropleth, .colour_by = "population_2022"});
  EXPECT_NE(by_population.find(">population_2022 (5 quantile classes)</text>"), std::string::npos);
  EXPECT_NE(by_population.find("&#10;population_2022: "), std::string::npos);
}

TEST(RunMap, UnknownOrMisplacedColourIsAConfigError) {
  const auto& r = builtin_result();
  try {
    (void)clir::run_map_layers(r, {.style = clir::MapStyle::choropleth, .colour_by = "populaton_2022"});
    FAIL() << "no error";
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "map_colour");
    EXPECT_NE(std::find(e.allowed().begin(), e.allowed().end(), "population_2022"), e.allowed().end());
  }
  EXPECT_THROW((void)clir::run_map_layers(r, {.style = clir::MapStyle::points, .colour_by = "selection"}), clir::ConfigError);
  EXPECT_EQ(clir::parse_enum<clir::MapStyle>("choropleth", "map_style"), clir::MapStyle::choropleth);
  EXPECT_THROW((void)clir::parse_enum<clir::MapStyle>("polygons", "map_style"), clir::ConfigError);
}

TEST(RunMap, ScenarioOutputKeysChooseTheMap) {
  const clir::Scenario sc = clir::parse_scenario("[output]\nmap_style = \"choropleth\"\nmap_colour = \"score\"\n");
  EXPECT_EQ(sc.map, (clir::RunMapOptions{.style = clir::MapStyle::choropleth, .colour_by = "score"}));
  EXPECT_EQ(clir::scenario_to_json(sc)["output"]["map_style"], "choropleth");
  try {
    (void)clir::parse_scenario("[output]\nmap_style = \"choropleht\"\n");
    FAIL() << "no error";
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "output.map_style");
    EXPECT_EQ(e.where().line, 2u);
  }
}

TEST(HtmlReport, SelfContainedWithEverySection) {
  const auto& r = builtin_result();
  const std::string html = clir::run_report_html(r);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* id : {"summary", "map", "scores", "reasons", "groups", "robustness", "reference"}) {
    EXPECT_NE(html.find(std::string("<section id=\"") + id + "\">"), std::string::npos) << id;
  }
  // No network at view time: nothing is fetched, and the policy forbids it anyway.
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  std::size_t http = 0;
  for (std::size_t at = 0; (at = html.find("http://", at)) != std::string::npos; ++at) {
    EXPECT_EQ(html.compare(at, 26, "http://www.w3.org/2000/svg"), 0);  // namespaces only
    ++http;
  }
  EXPECT_GE(http, 3u);  // the map and two charts
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  for (const auto& c : r.selected) {
    EXPECT_NE(html.find("<span lang=\"uk\">" + c.name_uk + "</span>"), std::string::npos) << c.name_uk;
    EXPECT_NE(html.find("<td>" + clir::transliterate_uk(c.name_uk) + "</td>"), std::string::npos) << c.name_uk;
  }
  // Charts carry text alternatives.
  EXPECT_NE(html.find("<title>Selection probability per applicant</title><desc>"), std::string::npos);
  EXPECT_NE(html.find("<title>Rank acceptability</title><desc>"), std::string::npos);
  // One row per eligible applicant in the scores table, one per applicant in the reasons table.
  const auto rows_of = [&](const std::string& id) {
    const std::size_t begin = html.find("id=\"" + id + "\"");
    const std::size_t end = html.find("</table>", begin);
    std::size_t n = 0;
    // A body row may carry its community's code (<tr data-id="…">, what opens its card).
    for (std::size_t at = begin; (at = html.find("<tr", at)) < end; ++at) {
      if (html[at + 3] == '>' || html[at + 3] == ' ') ++n;
    }
    return n - 1;  // the header row
  };
  EXPECT_EQ(rows_of("scores-table"), r.scores.ids.size());
  EXPECT_EQ(rows_of("reasons-table"), r.pool.communities.size());
  EXPECT_EQ(rows_of("groups-table"), r.selected.size());
}

TEST(HtmlReport, SectionsCanBeAddedBeforeRendering) {
  clir::HtmlDocument d = clir::run_report_document(builtin_result());
  d.sections.push_back({"extra", "Extra", "<p>more</p>"});
  const std::string html = clir::render_html(d);
  EXPECT_NE(html.find("<a href=\"#extra\">Extra</a>"), std::string::npos);
  d.sections.push_back({"extra", "Again", ""});
  EXPECT_THROW((void)clir::render_html(d), clir::ConfigError);
  d.sections.back().id = "not an id";
  EXPECT_THROW((void)clir::render_html(d), clir::ConfigError);
}

TEST(HtmlReport, ReproductionHeatMaps) {
  clir::ReproductionOptions options;
  options.methods = {clir::GroupingMethod::pam, clir::GroupingMethod::skater};
  options.alphas = {0.0, 0.5, 1.0};
  options.threads = 1;
  const auto sets = clir::clir2024_member_sets();
  const clir::ReproductionResult result = clir::reproduce({sets.front()}, options);
  const std::string html = clir::reproduction_html(result);
  std::size_t maps = 0;
  for (std::size_t at = 0; (at = html.find("<title>ARI, ", at)) != std::string::npos; ++at) ++maps;
  EXPECT_EQ(maps, options.constraints.size());
  EXPECT_NE(html.find(">α 0.50</text>"), std::string::npos);
  EXPECT_NE(html.find("id=\"grid-table\""), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
}

}  // namespace
