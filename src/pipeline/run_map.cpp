// A run's map: the layers drawn in map.svg and report.html, and map.geojson for GIS tools
// (docs/report.md). Moved out of outputs.cpp (issue 22: files under 600 lines).
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/detail/text.hpp"
#include "clir/core/error.hpp"
#include "clir/core/transliterate.hpp"
#include "clir/data/boundaries.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/format.hpp"
#include "clir/io/json.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/report/svg_map.hpp"

namespace clir {

namespace {

std::string group_name(int label) { return "Group " + std::to_string(label + 1); }

constexpr const char* kBoundariesAttribution = "Boundaries: ukrainian_geodata (F. Gontsa / OPORA), CC BY 4.0, simplified";

// What colours a run's map, resolved against the run: the kind, and for a column its name.
enum class MapColourKind { group, score, selection, column };

MapColourKind resolve_map_colour(const RunResult& r, const RunMapOptions& o) {
  if (o.colour_by == "group") return MapColourKind::group;
  if (o.colour_by == "score") return MapColourKind::score;
  if (o.colour_by == "selection") {
    if (o.style != MapStyle::choropleth) {
      throw ConfigError("map_colour", "colouring by 'selection' needs the choropleth map style (every point of the points "
                                      "map is selected)", {"group", "score"});
    }
    return MapColourKind::selection;
  }
  if (r.pool.table.has_numeric(o.colour_by)) return MapColourKind::column;
  std::vector<std::string> allowed(map_colour_keywords.begin(), map_colour_keywords.end());
  const std::string keywords = detail::join_text(allowed, ", ");
  for (const auto& c : r.pool.table.numeric_columns()) allowed.push_back(c.name);
  throw ConfigError("map_colour", "unknown map colour '" + o.colour_by + "': expected " + keywords +
                                      " or a numeric column of the applicant pool",
                    allowed);
}

// A value for a tooltip: whole numbers as such, others with four significant digits.
std::string tooltip_number(double v) {
  if (v == std::round(v) && std::fabs(v) < 1e15) return format_fixed(v, 0);
  return format_significant(v, 4);
}

// How a hromada stands in the run, for the selection map and map.geojson.
enum class RunStatus { selected, eligible, not_eligible, not_applicant };

std::string_view status_text(RunStatus s) {
  switch (s) {
    case RunStatus::selected: return "selected";
    case RunStatus::eligible: return "eligible, not selected";
    case RunStatus::not_eligible: return "not eligible";
    case RunStatus::not_applicant: return "not an applicant";
  }
  return "";
}

struct RunIndex {
  std::map<std::string, std::size_t, std::less<>> score_row, selected_row;

  explicit RunIndex(const RunResult& r) {
    for (std::size_t i = 0; i < r.scores.ids.size(); ++i) score_row.emplace(r.scores.ids[i], i);
    for (std::size_t i = 0; i < r.selected.size(); ++i) selected_row.emplace(r.selected[i].code, i);
  }
  RunStatus status(const RunResult& r, const std::string& code) const {
    if (selected_row.count(code)) return RunStatus::selected;
    if (score_row.count(code)) return RunStatus::eligible;
    return r.pool.table.find_row(code) ? RunStatus::not_eligible : RunStatus::not_applicant;
  }
};

}  // namespace

MapLayers run_map_layers(const RunResult& r, const RunMapOptions& options) {
  const MapColourKind kind = resolve_map_colour(r, options);
  const bool choropleth = options.style == MapStyle::choropleth;
  const RunIndex index(r);
  MapLayers layers;
  layers.outline = builtin_ukraine_outline();
  layers.outline_label = "Ukraine (Natural Earth 1:50m)";
  for (const auto& oblast : builtin_oblast_polygons()) layers.borders.push_back(oblast.polygons);
  layers.borders_label = "Oblast border";
  // Oblast names at the mean of their hromada centres (inside the oblast for all 24).
  std::map<std::string, std::pair<GeoPoint, std::size_t>, std::less<>> oblasts;
  for (const auto& c : builtin_hromadas().communities) {
    if (!choropleth) layers.background.push_back(c.location);
    auto& [sum, count] = oblasts[c.oblast_uk];
    sum.lat += c.location.lat;
    sum.lon += c.location.lon;
    ++count;
  }
  for (const auto& [name, at] : oblasts) {
    const double n = static_cast<double>(at.second);
    layers.region_labels.push_back({{.lat = at.first.lat / n, .lon = at.first.lon / n}, name});
  }
  layers.region_label_note = "Oblast names in italics";
  layers.lines = builtin_frontline_2023();
  layers.lines_label = "Front line, 8 Mar 2023";
  layers.attribution = std::string(kBoundariesAttribution) + ". Outline: Natural Earth (public domain). Front line: KSE Loc Data Hub (MIT).";

  const std::size_t k = count_groups(r.groups.clustering.labels);
  for (std::size_t g = 0; g < k; ++g) layers.group_names.push_back(group_name(static_cast<int>(g)));
  const std::string score_label = "Score (" + std::string(to_string(r.scores.method)) + ")";
  const auto column_value = [&](const std::string& code) -> std::optional<double> {
    const auto row = r.pool.table.find_row(code);
    if (!row) return std::nullopt;
    const auto v = r.pool.table.get(*row, options.colour_by);
    return v && std::isfinite(*v) ? v : std::nullopt;
  };
  for (std::size_t i = 0; i < r.selected.size(); ++i) {
    const Community& c = r.selected[i];
    const int g = r.groups.clustering.labels[i];
    const bool medoid = r.groups.clustering.medoids[static_cast<std::size_t>(g)] == i;
    const auto sr = static_cast<Eigen::Index>(index.score_row.at(c.code));
    std::string tip = c.name_uk + " (" + transliterate_uk(c.name_uk) + ")\nOblast: " + c.oblast_uk + " (" +
                      transliterate_uk(c.oblast_uk) + ")\nScore: " + format_fixed(r.scores.score(sr), 4) +
                      "\nRank: " + std::to_string(r.scores.rank[static_cast<std::size_t>(sr)]) + " of " +
                      std::to_string(r.scores.ids.size()) + "\nGroup: " + std::to_string(g + 1) + (medoid ? " (medoid)" : "");
    if (r.robustness) tip += "\nP(selected): " + format_fixed(r.robustness->selection_probability(sr), 2);
    std::optional<double> value = r.scores.score(sr);
    if (kind == MapColourKind::column) {
      value = column_value(c.code);
      if (!value && !choropleth) {
        throw InputError("selected community " + c.name_uk + " has no value of '" + options.colour_by + "' to colour the map by",
                         {.key = c.code});
      }
      tip += "\n" + options.colour_by + ": " + (value ? tooltip_number(*value) : "–");
    }
    layers.points.push_back({.location = c.location, .label = c.name_uk, .group = g, .medoid = medoid,
                             .value = value, .tooltip = std::move(tip), .id = c.code});
  }
  layers.value_label = kind == MapColourKind::column ? options.colour_by : score_label;
  layers.colouring = choropleth ? MapColouring::plain : kind == MapColourKind::group ? MapColouring::group : MapColouring::value;
  layers.title = r.scenario.name + ": " + std::to_string(r.selected.size()) + " selected in " + std::to_string(k) + " groups";

  if (choropleth) {
    layers.points_label = "Selected community (centre)";
    const auto& communities = builtin_hromadas().communities;
    const auto& polygons = builtin_hromada_polygons();
    switch (kind) {
      case MapColourKind::group:
        layers.area_colouring = AreaColouring::category;
        for (std::size_t g = 0; g < k; ++g) layers.area_categories.push_back({group_name(static_cast<int>(g)), group_colour(static_cast<int>(g))});
        layers.area_no_data_label = "Not selected";
        break;
      case MapColourKind::selection:
        // Okabe & Ito's vermillion and sky blue for the two that matter, greys for the rest.
        layers.area_colouring = AreaColouring::category;
        layers.area_categories = {{"Selected", "#D55E00"}, {"Eligible, not selected", "#56B4E9"}, {"Not eligible", "#B4B4B4"}};
        layers.area_no_data_label = "Not an applicant";
        break;
      case MapColourKind::score:
        layers.area_colouring = AreaColouring::value;
        layers.area_value_label = score_label;
        layers.area_no_data_label = "Not eligible or not an applicant";
        break;
      case MapColourKind::column:
        layers.area_colouring = AreaColouring::value;
        layers.area_value_label = options.colour_by;
        // Columns are often skewed (population, budgets): equal intervals would put nearly every
        // hromada in the lowest class.
        layers.area_breaks = ClassBreaks::quantile;
        layers.area_no_data_label = "No value or not an applicant";
        break;
    }
    for (std::size_t h = 0; h < communities.size(); ++h) {
      const Community& c = communities[h];
      MapArea area{.shape = polygons[h].polygons, .category = -1, .value = std::nullopt, .tooltip = {}, .id = c.code};
      const RunStatus status = index.status(r, c.code);
      std::string coloured;
      switch (kind) {
        case MapColourKind::group:
          if (status == RunStatus::selected) {
            area.category = r.groups.clustering.labels[index.selected_row.at(c.code)];
            coloured = "Group: " + std::to_string(area.category + 1);
          } else {
            coloured = "Group: – (" + std::string(status_text(status)) + ")";
          }
          break;
        case MapColourKind::selection:
          area.category = status == RunStatus::not_applicant ? -1 : static_cast<int>(status);
          coloured = "Selection: " + std::string(status_text(status));
          break;
        case MapColourKind::score:
          if (const auto it = index.score_row.find(c.code); it != index.score_row.end()) {
            area.value = r.scores.score(static_cast<Eigen::Index>(it->second));
            coloured = "Score: " + format_fixed(*area.value, 4) + " (rank " + std::to_string(r.scores.rank[it->second]) + ")";
          } else {
            coloured = "Score: – (" + std::string(status_text(status)) + ")";
          }
          break;
        case MapColourKind::column:
          area.value = column_value(c.code);
          coloured = options.colour_by + ": " +
                     (area.value ? tooltip_number(*area.value) : status == RunStatus::not_applicant ? "– (not an applicant)" : "–");
          break;
      }
      area.tooltip = c.name_uk + " (" + transliterate_uk(c.name_uk) + ")\nOblast: " + c.oblast_uk + " (" +
                     transliterate_uk(c.oblast_uk) + ")\n" + coloured;
      layers.areas.push_back(std::move(area));
    }
    layers.title += "; hromadas by " + options.colour_by;
  }
  return layers;
}

std::string run_map_svg(const RunResult& r, const RunMapOptions& options) { return render_svg_map(run_map_layers(r, options)); }

namespace {

// [lon, lat] rounded to the boundaries' 1e-4 degree grid (about 10 m).
nlohmann::json polygon_coordinates(const GeoMultiPolygon& shape) {
  using nlohmann::json;
  const auto ring_json = [](const GeoRing& ring) {
    json out = json::array();
    for (const auto& p : ring) out.push_back(json::array({std::round(p.lon * 1e4) / 1e4, std::round(p.lat * 1e4) / 1e4}));
    return out;
  };
  json parts = json::array();
  for (const auto& polygon : shape) {
    json rings = json::array({ring_json(polygon.outer)});
    for (const auto& hole : polygon.holes) rings.push_back(ring_json(hole));
    parts.push_back(std::move(rings));
  }
  return parts;
}

}  // namespace

nlohmann::json run_map_geojson(const RunResult& r) {
  using nlohmann::json;
  const auto lon_lat = [](const GeoPoint& p) { return json::array({p.lon, p.lat}); };
  json outline = json::array();
  for (const auto& ring : builtin_ukraine_outline()) {
    json coordinates = json::array();
    for (const auto& p : ring) coordinates.push_back(lon_lat(p));
    outline.push_back(json::array({coordinates}));
  }
  json front = json::array();
  for (const auto& line : builtin_frontline_2023()) {
    json coordinates = json::array();
    for (const auto& p : line) coordinates.push_back(lon_lat(p));
    front.push_back(coordinates);
  }
  const RunIndex index(r);
  // The properties a selected point carries; the hromada polygons carry the same.
  const auto run_properties = [&](json& properties, const Community& c) {
    properties["name_latin"] = transliterate_uk(c.name_uk);
    const RunStatus status = index.status(r, c.code);
    properties["status"] = std::string(status_text(status));
    if (const auto it = index.selected_row.find(c.code); it != index.selected_row.end()) {
      const int g = r.groups.clustering.labels[it->second];
      properties["group"] = g + 1;
      properties["medoid"] = r.groups.clustering.medoids[static_cast<std::size_t>(g)] == it->second;
    }
    if (const auto it = index.score_row.find(c.code); it != index.score_row.end()) {
      const auto sr = static_cast<Eigen::Index>(it->second);
      properties["score"] = r.scores.score(sr);
      properties["rank"] = r.scores.rank[it->second];
      if (r.robustness) properties["selection_probability"] = r.robustness->selection_probability(sr);
    }
  };
  std::vector<PointFeature> points;
  for (const Community& c : r.selected) {
    PointFeature f = community_feature(c);
    f.properties["layer"] = "selected";
    run_properties(f.properties, c);
    points.push_back(std::move(f));
  }
  json collection = geojson_points(points, {.coordinate_decimals = 6});
  json outline_feature = {{"type", "Feature"}, {"geometry", {{"type", "MultiPolygon"}, {"coordinates", outline}}}};
  outline_feature["properties"] = {{"layer", "outline"}, {"name", "Ukraine"},
                                   {"source", "Natural Earth 1:50m admin-0 countries (public domain), simplified to 0.01 degrees"}};
  json front_feature = {{"type", "Feature"}, {"geometry", {{"type", "MultiLineString"}, {"coordinates", front}}}};
  front_feature["properties"] = {{"layer", "frontline"}, {"date", "2023-03-08"}, {"source", "KSE Loc Data Hub (MIT)"}};
  json areas = json::array();
  for (const auto& oblast : builtin_oblast_polygons()) {
    json f = {{"type", "Feature"}, {"id", oblast.code}, {"geometry", {{"type", "MultiPolygon"}, {"coordinates", polygon_coordinates(oblast.polygons)}}}};
    f["properties"] = {{"layer", "oblast"}, {"code", oblast.code}, {"name_uk", oblast.name_uk},
                       {"name_latin", transliterate_uk(oblast.name_uk)}, {"source", kBoundariesAttribution}};
    areas.push_back(std::move(f));
  }
  const auto& communities = builtin_hromadas().communities;
  const auto& polygons = builtin_hromada_polygons();
  for (std::size_t h = 0; h < communities.size(); ++h) {
    const Community& c = communities[h];
    json properties = community_feature(c).properties;
    properties["layer"] = "hromada";
    run_properties(properties, c);
    areas.push_back({{"type", "Feature"}, {"id", c.code}, {"properties", std::move(properties)},
                     {"geometry", {{"type", "MultiPolygon"}, {"coordinates", polygon_coordinates(polygons[h].polygons)}}}});
  }
  json& features = collection["features"];
  features.insert(features.begin(), front_feature);
  features.insert(features.begin(), areas.begin(), areas.end());
  features.insert(features.begin(), outline_feature);
  return collection;
}

std::string format_map_geojson(const nlohmann::json& collection) {
  std::string out = "{\"type\":\"FeatureCollection\",\"features\":[\n";
  const auto& features = collection.at("features");
  for (std::size_t i = 0; i < features.size(); ++i) {
    std::string line = format_json(features[i], {.indent = -1});
    line.pop_back();  // its newline
    out += line + (i + 1 < features.size() ? ",\n" : "\n");
  }
  out += "]}\n";
  return out;
}

}  // namespace clir
