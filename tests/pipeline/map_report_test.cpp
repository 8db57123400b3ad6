// The built-in run's map (labels that do not collide, outline, GeoJSON for GIS tools) and its
// HTML report (self-contained, every section, names with their Latin transliteration).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "clir/core/error.hpp"

#include "clir/core/transliterate.hpp"
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

TEST(RunMap, NoTwoLabelBoxesOverlapOnTheBuiltInRun) {
  for (const auto colouring : {clir::MapColouring::group, clir::MapColouring::value}) {
    const clir::MapLayers layers = clir::run_map_layers(builtin_result(), colouring);
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
  EXPECT_NE(svg.find("oblast borders are not drawn"), std::string::npos);
  EXPECT_NE(svg.find("Ukraine (Natural Earth 1:50m)"), std::string::npos);
  EXPECT_NE(svg.find("Front line, 8 Mar 2023"), std::string::npos);
  const clir::Community& first = r.selected.front();
  EXPECT_NE(svg.find("<title>" + first.name_uk + " (" + clir::transliterate_uk(first.name_uk) + ")&#10;Oblast: "), std::string::npos);
  EXPECT_NE(svg.find("data-id=\"" + first.code + "\""), std::string::npos);
  // By score: the viridis ramp's ends appear, the group palette does not.
  const std::string by_score = clir::run_map_svg(r, clir::MapColouring::value);
  EXPECT_NE(by_score.find(clir::value_colour(1.0)), std::string::npos);
  EXPECT_NE(by_score.find(clir::value_colour(0.0)), std::string::npos);
  EXPECT_EQ(by_score.find("fill=\"" + clir::group_colour(1) + "\""), std::string::npos);
}

TEST(RunMap, GeoJsonHoldsOutlineFrontLineAndTheSelection) {
  const auto& r = builtin_result();
  const nlohmann::json j = clir::run_map_geojson(r);
  ASSERT_EQ(j["type"], "FeatureCollection");
  const auto& f = j["features"];
  ASSERT_EQ(f.size(), r.selected.size() + 2);
  EXPECT_EQ(f[0]["geometry"]["type"], "MultiPolygon");
  EXPECT_EQ(f[0]["properties"]["layer"], "outline");
  EXPECT_EQ(f[0]["geometry"]["coordinates"].size(), 2u);
  EXPECT_EQ(f[1]["geometry"]["type"], "MultiLineString");
  EXPECT_EQ(f[1]["geometry"]["coordinates"].size(), clir::builtin_frontline_2023().size());
  std::set<std::string> codes;
  for (std::size_t i = 2; i < f.size(); ++i) {
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
    for (std::size_t at = begin; (at = html.find("<tr>", at)) < end; ++at) ++n;
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
