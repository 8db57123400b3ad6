#include "clir/pipeline/outputs.hpp"

#include <boost/uuid/detail/sha1.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "clir/core/error.hpp"
#include "clir/data/resolve_json.hpp"
#include "clir/io/atomic_file.hpp"
#include "clir/io/csv.hpp"
#include "clir/io/format.hpp"
#include "clir/core/transliterate.hpp"
#include "clir/data/boundaries.hpp"
#include "clir/io/json.hpp"
#include "clir/pipeline/html_report.hpp"
#include "clir/report/svg_map.hpp"
#include "json_fields.hpp"
#include "output_files.hpp"

namespace clir {

namespace {

// The index of each scored applicant's row in @p scores, by code.
std::map<std::string, std::size_t, std::less<>> score_rows(const ScoreResult& scores) {
  std::map<std::string, std::size_t, std::less<>> row;
  for (std::size_t i = 0; i < scores.ids.size(); ++i) row.emplace(scores.ids[i], i);
  return row;
}

std::string group_name(int label) { return "Group " + std::to_string(label + 1); }

// Member lists per group, in member order.
std::vector<std::vector<std::size_t>> members_by_group(const Labels& labels) {
  std::vector<std::vector<std::size_t>> groups(count_groups(labels));
  for (std::size_t i = 0; i < labels.size(); ++i) groups[static_cast<std::size_t>(labels[i])].push_back(i);
  return groups;
}

std::string read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

std::string sha1_hex(std::string_view bytes) {
  boost::uuids::detail::sha1 h;
  h.process_bytes(bytes.data(), bytes.size());
  boost::uuids::detail::sha1::digest_type digest;
  h.get_digest(digest);
  std::string out;
  char buf[9];
  for (unsigned word : digest) {
    std::snprintf(buf, sizeof buf, "%08x", word);
    out += buf;
  }
  return out;
}

nlohmann::json scenario_to_json(const Scenario& sc) {
  using nlohmann::json;
  using detail::fields_to_json;
  json j;
  detail::dotted_fields_into_json(sc, j);
  j["pool"] = fields_to_json(sc.pool);
  json rules = json::array();
  for (const auto& r : sc.eligibility) rules.push_back({{"name", r.label()}, {"rule", r.describe()}, {"missing_passes", r.missing_passes}});
  j["eligibility"] = rules;
  json criteria = json::array();
  for (std::size_t k = 0; k < sc.criteria.size(); ++k) {
    json c = fields_to_json(sc.criteria[k]);
    c["name"] = sc.criteria[k].label();
    if (k < sc.scoring.preference.size()) {
      // In the file the function is the criterion's `preference` key; here it is an object.
      json f = fields_to_json(sc.scoring.preference[k]);
      f["type"] = f["preference"];
      f.erase("preference");
      c["preference"] = f;
    }
    criteria.push_back(c);
  }
  j["criteria"] = criteria;
  j["scoring"] = fields_to_json(sc.scoring);
  j["selection"] = fields_to_json(sc.selection);
  j["robustness"] = sc.robustness ? fields_to_json(*sc.robustness) : json{{"draws", 0}};
  j["clustering"] = fields_to_json(sc.grouping);
  return j;
}

nlohmann::json run_json(const RunResult& r) {
  using nlohmann::json;
  json j;
  j["clir_version"] = CLIR_VERSION_STRING;
  j["scenario"] = scenario_to_json(r.scenario);
  j["scenario_file"] = r.scenario.source.string();
  j["seed"] = r.scenario.seed;
  json inputs = json::object();
  for (const auto& name : builtin_data_file_names()) inputs["built-in/" + name] = sha1_hex(builtin_data_file(name));
  if (!r.scenario.applications.empty()) inputs[r.scenario.applications.string()] = sha1_hex(read_file_bytes(r.scenario.applications));
  if (!r.scenario.source.empty()) inputs[r.scenario.source.string()] = sha1_hex(read_file_bytes(r.scenario.source));
  j["input_sha1"] = inputs;
  json timings = json::object();
  for (const auto& [stage, seconds] : r.timings_s) timings[stage] = seconds;
  j["timings_s"] = timings;
  j["applicants"] = r.pool.table.rows();
  j["eligible"] = r.eligibility.eligible_rows.size();
  j["selected"] = r.selection.selected_ids;
  j["selection_objective"] = r.selection.objective;
  j["selection_proven_optimal"] = r.selection.proven_optimal;
  j["selection_solver_used"] = to_string(r.selection.solver_used);
  json weights = json::object();
  for (std::size_t c = 0; c < r.scores.criteria.size(); ++c) weights[r.scores.criteria[c]] = r.scores.weights(static_cast<Eigen::Index>(c));
  j["weights"] = weights;
  j["groups"] = detail::fields_to_json(r.groups);
  if (r.reference_comparison) {
    const Comparison& c = *r.reference_comparison;
    j["reference_comparison"] = {{"reference", r.reference->name},
                                 {"adjusted_rand_index", c.adjusted_rand_index},
                                 {"adjusted_mutual_information", c.adjusted_mutual_information.arithmetic},
                                 {"normalized_mutual_information", c.normalized_mutual_information.arithmetic},
                                 {"rand_index", c.rand_index},
                                 {"misplaced", c.matching.misplaced.size()},
                                 {"loss", r.reference_regrouped->loss},
                                 {"max_within_km", r.reference_regrouped->max_within_km}};
  }
  // Files that named their communities: how every name was resolved.
  if (!r.applications_resolutions.empty() || (r.reference && !r.reference->resolutions.empty())) {
    json resolved = json::object();
    if (!r.applications_resolutions.empty()) resolved["applications"] = resolutions_json(r.applications_resolutions);
    if (r.reference && !r.reference->resolutions.empty()) resolved["reference"] = resolutions_json(r.reference->resolutions);
    j["name_resolution"] = std::move(resolved);
  }
  return j;
}

namespace {

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
  std::vector<std::string> allowed = {"group", "score", "selection"};
  for (const auto& c : r.pool.table.numeric_columns()) allowed.push_back(c.name);
  throw ConfigError("map_colour", "unknown map colour '" + o.colour_by +
                                      "': expected group, score, selection or a numeric column of the applicant pool",
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

  const std::size_t k = count_groups(r.groups.labels);
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
    const int g = r.groups.labels[i];
    const bool medoid = r.groups.medoids[static_cast<std::size_t>(g)] == i;
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
            area.category = r.groups.labels[index.selected_row.at(c.code)];
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
      const int g = r.groups.labels[it->second];
      properties["group"] = g + 1;
      properties["medoid"] = r.groups.medoids[static_cast<std::size_t>(g)] == it->second;
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

std::string run_summary(const RunResult& r) {
  std::ostringstream s;
  s << r.scenario.name << '\n';
  s << "  applicants " << r.pool.table.rows() << ", eligible " << r.eligibility.eligible_rows.size() << ", selected "
    << r.selection.selected_ids.size() << " (" << to_string(r.scores.method) << ", "
    << (r.selection.proven_optimal ? "optimal under the quotas" : "best found within the time limit") << ", "
    << to_string(r.selection.solver_used) << " solver)\n\n";
  const auto groups = members_by_group(r.groups.labels);
  s << "Groups (" << to_string(r.scenario.grouping.method) << ", k = " << groups.size() << ", alpha = "
    << format_fixed(r.scenario.grouping.alpha, 2) << "; largest within-group distance " << format_fixed(r.groups.max_within_km, 0)
    << " km):\n";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    s << "  " << g + 1 << ": ";
    for (std::size_t m = 0; m < groups[g].size(); ++m) {
      const Community& c = r.selected[groups[g][m]];
      s << (m ? ", " : "") << c.name_uk << " (" << c.oblast_uk << ")";
      if (r.groups.medoids[g] == groups[g][m]) s << '*';
    }
    s << '\n';
  }
  s << "  (* medoid)\n";
  if (r.reference) {
    s << "\nReference: " << r.reference->name << " (" << r.reference->codes.size() << " communities)\n";
    std::size_t in_selection = 0;
    for (const auto& st : r.reference_standing) in_selection += st.selected ? 1 : 0;
    s << "  selected by this scenario too: " << in_selection << " of " << r.reference_standing.size() << '\n';
    if (r.reference_comparison) {
      s << "  the reference's members grouped the same way: ARI " << format_fixed(r.reference_comparison->adjusted_rand_index, 3)
        << ", AMI " << format_fixed(r.reference_comparison->adjusted_mutual_information.arithmetic, 3) << ", "
        << r.reference_comparison->matching.misplaced.size() << " placed differently\n";
    }
    s << "  rank of each reference member among the eligible:\n";
    for (const auto& st : r.reference_standing) {
      s << "    group " << st.group << "  " << st.name << " (" << st.oblast << "): ";
      if (!st.in_pool) {
        s << "not in the applicant pool";
      } else if (!st.eligible) {
        s << "not eligible (" << st.excluded_by << ")";
      } else {
        s << st.rank.value_or(0) << " of " << st.eligible_count << (st.selected ? ", selected" : "");
        if (st.selection_probability) s << ", selected in " << format_fixed(100.0 * *st.selection_probability, 0) << "% of weight draws";
      }
      s << '\n';
    }
  }
  return s.str();
}

std::string run_report_markdown(const RunResult& r) {
  std::ostringstream s;
  s << "# " << r.scenario.name << "\n\n";
  if (!r.scenario.description.empty()) s << r.scenario.description << "\n\n";
  s << "Generated by clir " << CLIR_VERSION_STRING << " (seed " << r.scenario.seed << "). Built-in data: see the data "
    << "README for sources and licences (KSE Loc Data Hub, MIT; coordinates © OpenStreetMap contributors, ODbL 1.0; "
    << "OCHA COD-AB, CC BY-IGO 3.0; Order 376 of 28.02.2025, state of 07.05.2025).\n\n";
  s << "## Pool and eligibility\n\n" << r.pool.table.rows() << " applicants, " << r.eligibility.eligible_rows.size()
    << " eligible.\n\n| rule | excluded |\n|---|---:|\n";
  for (std::size_t i = 0; i < r.eligibility.rule_names.size(); ++i) {
    s << "| " << r.eligibility.rule_names[i] << " | " << r.eligibility.excluded_count[i] << " |\n";
  }
  s << "\n## Scoring\n\nMethod: " << to_string(r.scores.method) << ".\n\n| criterion | column | direction | weight |\n|---|---|---|---:|\n";
  for (std::size_t c = 0; c < r.criteria.size(); ++c) {
    s << "| " << r.criteria[c].label() << " | `" << r.criteria[c].column << "` | " << to_string(r.criteria[c].direction) << " | "
      << format_fixed(r.scores.weights(static_cast<Eigen::Index>(c)), 3) << " |\n";
  }
  s << "\n## Selection\n\n" << r.selection.selected_ids.size() << " selected; total score "
    << format_fixed(r.selection.objective, 4)
    << (r.selection.proven_optimal ? " (proven optimal under the quotas" : " (time limit reached")
    << ", solver: " << to_string(r.selection.solver_used) << ")"
    << "; cut-off rank " << r.selection.cutoff_rank << ".\n\n| rank | community | oblast | score | group |";
  if (r.robustness) s << " P(selected) |";
  s << "\n|---:|---|---|---:|---:|" << (r.robustness ? "---:|" : "") << '\n';
  const auto score_row = score_rows(r.scores);
  for (std::size_t i = 0; i < r.selected.size(); ++i) {
    const Community& c = r.selected[i];
    const std::size_t sr = score_row.at(c.code);
    s << "| " << r.scores.rank[sr] << " | " << c.name_uk << " (" << c.name_en << ") | " << c.oblast_uk << " | "
      << format_fixed(r.scores.score(static_cast<Eigen::Index>(sr)), 4) << " | " << r.groups.labels[i] + 1 << " |";
    if (r.robustness) s << ' ' << format_fixed(r.robustness->selection_probability(static_cast<Eigen::Index>(sr)), 2) << " |";
    s << '\n';
  }
  if (!r.criterion_drops.empty()) {
    s << "\n### Leaving one criterion out\n\n| criterion dropped | Spearman | Kendall tau-b | top-" << r.scenario.selection.count
      << " overlap | entered | left |\n|---|---:|---:|---:|---|---|\n";
    for (const auto& d : r.criterion_drops) {
      auto names = [&](const std::vector<std::string>& ids) {
        std::string out;
        for (const auto& id : ids) out += (out.empty() ? "" : ", ") + find_hromada(id).name_uk;
        return out.empty() ? std::string("–") : out;
      };
      s << "| " << d.criterion << " | " << format_fixed(d.agreement.spearman, 3) << " | " << format_fixed(d.agreement.kendall_tau_b, 3) << " | "
        << format_fixed(d.agreement.top_overlap, 2) << " | " << names(d.entered) << " | " << names(d.left) << " |\n";
    }
  }
  const auto groups = members_by_group(r.groups.labels);
  s << "\n## Groups\n\n" << to_string(r.scenario.grouping.method) << ", k = " << groups.size() << ", alpha = "
    << format_fixed(r.scenario.grouping.alpha, 2) << ", loss " << format_fixed(r.groups.loss, 4) << ", largest within-group distance "
    << format_fixed(r.groups.max_within_km, 1) << " km, mean distance to the medoid " << format_fixed(r.groups.mean_to_medoid_km, 1)
    << " km.\n\n| group | members (medoid first) |\n|---:|---|\n";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<std::size_t> order = groups[g];
    std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return i == r.groups.medoids[g]; });
    s << "| " << g + 1 << " | ";
    for (std::size_t m = 0; m < order.size(); ++m) s << (m ? ", " : "") << r.selected[order[m]].name_uk << " (" << r.selected[order[m]].oblast_uk << ")";
    s << " |\n";
  }
  s << "\n![map](map.svg)\n";
  if (r.reference) {
    s << "\n## Reference: " << r.reference->name << "\n\n";
    if (r.reference_comparison) {
      const Comparison& c = *r.reference_comparison;
      s << "The reference's " << r.reference->codes.size() << " members grouped by this scenario's clustering settings, "
        << "compared with the reference groups: ARI " << format_fixed(c.adjusted_rand_index, 3) << ", AMI "
        << format_fixed(c.adjusted_mutual_information.arithmetic, 3) << ", NMI " << format_fixed(c.normalized_mutual_information.arithmetic, 3)
        << ", " << c.matching.misplaced.size() << " placed differently.\n\n";
    }
    s << "| group | community | oblast | eligible | rank | selected |" << (r.robustness ? " P(selected) |" : "")
      << "\n|---:|---|---|---|---:|---|" << (r.robustness ? "---:|" : "") << '\n';
    for (const auto& st : r.reference_standing) {
      s << "| " << st.group << " | " << st.name << " | " << st.oblast << " | "
        << (!st.in_pool ? "not in pool" : st.eligible ? "yes" : "no: " + st.excluded_by) << " | "
        << (st.rank ? std::to_string(*st.rank) + " of " + std::to_string(st.eligible_count) : "–") << " | "
        << (st.selected ? "yes" : "no") << " |";
      if (r.robustness) s << ' ' << (st.selection_probability ? format_fixed(*st.selection_probability, 2) : "–") << " |";
      s << '\n';
    }
  }
  // Files that named their communities: how every name was resolved.
  auto resolved_table = [&s](const std::string& what, const std::vector<NameResolution>& resolutions) {
    s << "\n## Names resolved: " << what << "\n\n"
      << "| name | hint | code | hromada | oblast | matched | score |\n|---|---|---|---|---|---|---:|\n";
    for (const auto& n : resolutions) {
      s << "| " << n.query.name << " | " << n.query.hint << " | " << n.match.code << " | " << n.match.hromada_name
        << " | " << n.match.oblast << " | " << to_string(n.match.kind) << " " << n.match.matched_name << " | "
        << format_fixed(n.match.score, 2) << " |\n";
    }
  };
  if (!r.applications_resolutions.empty()) resolved_table("applications", r.applications_resolutions);
  if (r.reference && !r.reference->resolutions.empty()) resolved_table("reference", r.reference->resolutions);
  return s.str();
}

TextTable ranked_applicants(const RunResult& r, bool with_selection) {
  const auto& communities = r.pool.communities;
  std::vector<std::size_t> order;  // eligible by rank, then the excluded
  std::vector<std::size_t> rank_of(communities.size(), SIZE_MAX);
  for (std::size_t i = 0; i < r.scores.ids.size(); ++i) rank_of[r.pool.table.row(r.scores.ids[i])] = r.scores.rank[i];
  for (std::size_t i = 0; i < communities.size(); ++i) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return rank_of[x] < rank_of[y]; });
  TextTable table;
  table.header = {"rank", "code", "name_uk", "oblast_uk", "score", "eligible", "excluded_by"};
  if (with_selection) table.header.insert(table.header.end(), {"selected", "status", "explanation"});
  const auto score_row = score_rows(r.scores);
  for (std::size_t i : order) {
    const Community& c = communities[i];
    const auto it = score_row.find(c.code);
    std::vector<std::string> row = {rank_of[i] == SIZE_MAX ? "" : std::to_string(rank_of[i]), c.code, c.name_uk, c.oblast_uk,
                                    it == score_row.end() ? "" : format_number(r.scores.score(static_cast<Eigen::Index>(it->second))),
                                    r.eligibility.eligible[i] ? "1" : "0", r.eligibility.reason(i)};
    if (with_selection) {
      const Explanation& e = r.selection.explanations[i];
      row.insert(row.end(), {e.selected ? "1" : "0", std::string(to_string(e.status)), e.text});
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::vector<std::filesystem::path> write_run_outputs(const RunResult& r, const std::filesystem::path& directory,
                                                     const OutputOptions& options) {
  // Build every file's content first: a failure there writes nothing at all.
  detail::OutputFiles files;
  files.reserve(14);  // every output file; also keeps GCC 12 from a false -Warray-bounds on regrowth

  const auto score_row = score_rows(r.scores);

  {
    std::vector<std::string> header = {"code", "name_uk", "name_en", "oblast_uk", "type", "eligible", "excluded_by", "score",
                                       "rank", "selected", "status", "constraint", "displaced_by", "explanation"};
    if (r.robustness) {
      header.push_back("selection_probability");
      header.push_back("mean_rank");
    }
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < r.pool.communities.size(); ++i) {
      const Community& c = r.pool.communities[i];
      const Explanation& e = r.selection.explanations[i];
      std::vector<std::string> row = {c.code, c.name_uk, c.name_en, c.oblast_uk, std::string(to_string(c.type)),
                                      e.eligible ? "1" : "0", e.excluded_by, e.score ? format_number(*e.score) : "",
                                      e.rank ? std::to_string(*e.rank) : "", e.selected ? "1" : "0",
                                      std::string(to_string(e.status)), e.constraint, e.displaced_by, e.text};
      if (r.robustness) {
        const auto it = score_row.find(c.code);
        row.push_back(it == score_row.end() ? "" : format_number(r.robustness->selection_probability(static_cast<Eigen::Index>(it->second))));
        row.push_back(it == score_row.end() ? "" : format_number(r.robustness->mean_rank(static_cast<Eigen::Index>(it->second))));
      }
      rows.push_back(std::move(row));
    }
    files.emplace_back("scores.csv", format_csv(header, rows));
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < r.selected.size(); ++i) {
      const Community& c = r.selected[i];
      const std::size_t sr = score_row.at(c.code);
      const int g = r.groups.labels[i];
      rows.push_back({std::to_string(r.scores.rank[sr]), c.code, c.name_uk, c.name_en, c.oblast_uk, std::string(to_string(c.type)),
                      format_number(r.scores.score(static_cast<Eigen::Index>(sr))), std::to_string(g + 1),
                      r.groups.medoids[static_cast<std::size_t>(g)] == i ? "1" : "0"});
    }
    files.emplace_back("selection.csv", format_csv({"rank", "code", "name_uk", "name_en", "oblast_uk", "type", "score", "group", "medoid"}, rows));
  }
  {
    std::vector<std::vector<std::string>> rows;
    const auto groups = members_by_group(r.groups.labels);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      for (std::size_t i : groups[g]) {
        const Community& c = r.selected[i];
        rows.push_back({std::to_string(g + 1), c.code, c.name_uk, c.oblast_uk, r.groups.medoids[g] == i ? "1" : "0",
                        format_number(c.location.lat), format_number(c.location.lon)});
      }
    }
    files.emplace_back("groups.csv", format_csv({"group", "code", "name_uk", "oblast_uk", "medoid", "latitude", "longitude"}, rows));
  }
  {
    std::vector<PointFeature> features;
    for (std::size_t i = 0; i < r.selected.size(); ++i) {
      PointFeature f = community_feature(r.selected[i]);
      const std::size_t sr = score_row.at(r.selected[i].code);
      const int g = r.groups.labels[i];
      f.properties["group"] = g + 1;
      f.properties["medoid"] = r.groups.medoids[static_cast<std::size_t>(g)] == i;
      f.properties["score"] = r.scores.score(static_cast<Eigen::Index>(sr));
      f.properties["rank"] = r.scores.rank[sr];
      features.push_back(std::move(f));
    }
    files.emplace_back("groups.geojson", format_json(geojson_points(features, {.coordinate_decimals = 6})));
  }
  if (r.reference) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t m = 0; m < r.reference_standing.size(); ++m) {
      const auto& st = r.reference_standing[m];
      std::vector<std::string> row = {st.code, st.name, st.oblast, std::to_string(st.group), st.in_pool ? "1" : "0",
                                      st.eligible ? "1" : "0", st.rank ? std::to_string(*st.rank) : "", st.selected ? "1" : "0",
                                      st.selection_probability ? format_number(*st.selection_probability) : ""};
      if (r.reference_comparison) {
        row.push_back(std::to_string(r.reference_regrouped->labels[m] + 1));
        row.push_back(std::to_string(r.reference_comparison->matching.relabeled[m] + 1));
        const auto& mis = r.reference_comparison->matching.misplaced;
        row.push_back(std::find(mis.begin(), mis.end(), m) != mis.end() ? "1" : "0");
      } else {
        row.insert(row.end(), {"", "", ""});
      }
      rows.push_back(std::move(row));
    }
    files.emplace_back("reference.csv",
                       format_csv({"code", "name_uk", "oblast_uk", "reference_group", "in_pool", "eligible", "rank", "selected",
                                   "selection_probability", "regrouped_group", "regrouped_matched_group", "placed_differently"},
                                  rows));
  }
  files.emplace_back("report.md", run_report_markdown(r));
  files.emplace_back("run.json", format_json(run_json(r)));
  const RunMapOptions map_options = options.map_options.value_or(r.scenario.map);
  if (options.html) {
    std::vector<HtmlSection> sections = options.extra_html_sections;
    if (options.explain) sections.push_back(explain_section(*options.explain));
    files.emplace_back("report.html", run_report_html(r, {.map = map_options, .extra_sections = sections}));
  }
  if (options.map) {
    files.emplace_back("map.svg", run_map_svg(r, map_options));
    files.emplace_back("map.geojson", format_map_geojson(run_map_geojson(r)));
  }

  if (options.explain) {
    for (auto& file : detail::explain_files(*options.explain, false)) files.push_back(std::move(file));
  }
  return detail::write_output_files(directory, options.overwrite, files);
}

namespace detail {

std::vector<std::filesystem::path> write_output_files(const std::filesystem::path& directory, bool overwrite,
                                                      const OutputFiles& files) {
  return write_folder_atomic(directory, files, {.overwrite = overwrite, .replaceable = output_file_names()});
}

}  // namespace detail

std::vector<std::string> output_file_names() {
  return {"scores.csv",       "selection.csv",     "groups.csv",      "groups.geojson",   "reference.csv",
          "report.md",        "report.html",       "run.json",        "map.svg",          "map.geojson",
          "explain.json",     "explain.md",        "explain.html",    "reproduction.csv", "reproduction.json",
          "reproduction.md",  "reproduction.html"};
}

}  // namespace clir
