// The built-in data: the embedded CSV text (see cmake/ClirEmbedData.cmake) parsed at first use
// with the project's strict CSV reader. Function-local statics make the parsing thread-safe and
// happen once.
#include "clir/data/builtin.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/io/csv.hpp"
#include "embedded.hpp"

namespace clir {
namespace {

using namespace std::string_view_literals;

constexpr std::array hromada_columns{
    DataColumn{"code", "", "KATOTTG code of the hromada (UA + 17 digits)", false},
    DataColumn{"name_uk", "", "short name in Ukrainian (KATOTTG codifier 16.05.2025)", false},
    DataColumn{"name_en", "", "English name, OCHA COD-AB transliteration (ADM3_EN)", false},
    DataColumn{"type", "", "city (міська), settlement (селищна) or village (сільська)", false},
    DataColumn{"oblast_code", "", "KATOTTG code of the oblast", false},
    DataColumn{"oblast_uk", "", "oblast name in Ukrainian", false},
    DataColumn{"oblast_en", "", "oblast name in English (OCHA ADM1_EN)", false},
    DataColumn{"raion_code", "", "KATOTTG code of the raion", false},
    DataColumn{"raion", "", "raion name in Ukrainian (codifier 16.05.2025)", false},
    DataColumn{"raion_en", "", "raion name in English (OCHA ADM2_EN)", false},
    DataColumn{"admin_centre_code", "", "KATOTTG code of the administrative centre", false},
    DataColumn{"admin_centre", "", "current name of the administrative centre (codifier 16.05.2025)", false},
    DataColumn{"admin_centre_former", "", "former name of a renamed centre (KSE); empty if not renamed", false},
    DataColumn{"latitude", "degrees", "latitude of the location (WGS84), see location_source", true},
    DataColumn{"longitude", "degrees", "longitude of the location (WGS84), see location_source", true},
    DataColumn{"location_source", "", "admin_centre (geocoded centre, OSM) or polygon_centroid (COD-AB)", false},
    DataColumn{"population_2022", "persons", "present population on 1 Jan 2022 (State Statistics, via KSE)", true},
    DataColumn{"area_km2", "km²", "area (KSE)", true},
    DataColumn{"n_settlements", "count", "number of settlements (codifier 16.05.2025)", true},
    DataColumn{"distance_to_ru_by_border_km", "km", "distance to the Russian or Belarusian border (KSE)", true},
    DataColumn{"distance_to_eu_km", "km", "distance to the EU border (KSE)", true},
    DataColumn{"idps_2023", "persons", "registered internally displaced persons, net, 25 Jul 2023 (MinFin via KSE)", true},
    DataColumn{"population_incl_idps_2023", "persons", "population including IDPs, 25 Jul 2023 (MinFin via KSE)", true},
    DataColumn{"occupied_before_2022", "0/1", "1 when occupied before 24 Feb 2022 (KSE)", true},
    DataColumn{"occupation_first_start", "date", "first start of temporary occupation (Order 376, state of 7 May 2025)", false},
    DataColumn{"occupation_ongoing", "0/1", "1 when an occupation period is open on 7 May 2025 (Order 376)", true},
    DataColumn{"occupation_scope", "", "whole or part of the hromada listed as occupied (Order 376)", false},
    DataColumn{"active_hostilities_first_start", "date", "first start of active hostilities (Order 376, state of 7 May 2025)", false},
    DataColumn{"active_hostilities_ongoing", "0/1", "1 when active hostilities are open on 7 May 2025 (Order 376)", true},
    DataColumn{"active_hostilities_scope", "", "whole or part listed as a territory of active hostilities (Order 376)", false},
    DataColumn{"possible_hostilities_first_start", "date", "first start of possible hostilities (Order 376, state of 7 May 2025)", false},
    DataColumn{"possible_hostilities_ongoing", "0/1", "1 when possible hostilities are open on 7 May 2025 (Order 376)", true},
    DataColumn{"possible_hostilities_scope", "", "whole or part listed as a territory of possible hostilities (Order 376)", false},
    DataColumn{"frontline_distance_km", "km", "geodesic distance to the front line of 8 Mar 2023", true},
    DataColumn{"own_revenue_per_capita_2021_uah", "UAH per person", "own budget revenues 2021 per person (KSE)", true},
    DataColumn{"total_revenue_per_capita_2021_uah", "UAH per person", "total budget revenues 2021 per person (KSE)", true},
    DataColumn{"transfer_share_2021", "fraction", "transfers / total revenues 2021 (KSE)", true},
    DataColumn{"dotation_level", "fraction", "level of dotation (financial-capacity assessment, KSE)", true},
    DataColumn{"capacity_class", "class 1-5", "financial-capacity class: 1 critical ... 5 high (KSE)", true},
};

// The embedded files, each joined into one string once.
const std::map<std::string, std::string, std::less<>>& embedded_texts() {
  static const std::map<std::string, std::string, std::less<>> texts = [] {
    std::map<std::string, std::string, std::less<>> result;
    for (const detail::EmbeddedFile& file : detail::embedded_files()) {
      std::string text;
      text.reserve(file.size);
      for (std::size_t i = 0; i < file.chunk_count; ++i) text.append(file.chunks[i]);
      result.emplace(std::string(file.name), std::move(text));
    }
    return result;
  }();
  return texts;
}

CsvDocument parse_builtin(std::string_view file_name) {
  return parse_csv(builtin_data_file(file_name), "<built-in " + std::string(file_name) + ">");
}

HromadaDataset load_hromadas() {
  const CsvDocument doc = parse_builtin("hromadas.csv");
  // The file and this registry are built together; a difference is a build defect, reported
  // with the file's own location.
  for (std::size_t i = 0; i < hromada_columns.size(); ++i) {
    if (i >= doc.column_count() || doc.header()[i] != hromada_columns[i].name) {
      throw InputError("built-in hromadas.csv: column " + std::to_string(i + 1) + " is not '" +
                           std::string(hromada_columns[i].name) + "'",
                       {.file = doc.source(), .line = 1, .column = i + 1});
    }
  }
  if (doc.column_count() != hromada_columns.size()) {
    throw InputError("built-in hromadas.csv has unexpected extra columns", {.file = doc.source(), .line = 1});
  }

  HromadaDataset data;
  data.communities = read_communities(
      doc,
      {.code = "code", .latitude = "latitude", .longitude = "longitude", .name_uk = "name_uk",
       .name_en = "name_en", .oblast_code = "oblast_code", .oblast_uk = "oblast_uk",
       .oblast_en = "oblast_en", .raion = "raion", .type = "type"},
      {.expected_area = ukraine_area, .require_inside_area = true});
  TableSpec spec{.id_column = "code"};
  for (const DataColumn& column : hromada_columns) {
    if (column.name == "code") continue;
    if (column.numeric) {
      spec.numeric_columns.emplace_back(column.name);
      if (!column.unit.empty()) spec.units.emplace(std::string(column.name), std::string(column.unit));
    } else {
      spec.categorical_columns.emplace_back(column.name);
    }
  }
  data.table = read_table(doc, spec);
  for (std::size_t i = 1; i < data.communities.size(); ++i) {
    if (!(data.communities[i - 1].code < data.communities[i].code)) {
      throw InputError("built-in hromadas.csv is not sorted by code",
                       {.file = doc.source(), .line = doc.line(i), .key = "code"});
    }
  }
  return data;
}

ReferenceGrouping load_clir2024() {
  const CsvDocument doc = parse_builtin("clir2024_groups.csv");
  const auto codes = read_text_column(doc, "code", true);
  const auto groups = read_number_column(doc, "group");
  const auto published = read_text_column(doc, "name_as_published", true);
  const auto official = read_text_column(doc, "official_name", true);
  const auto listed = read_text_column(doc, "listed_in_ministry_text", true);
  const std::size_t group_column = doc.column("group");
  const std::size_t listed_column = doc.column("listed_in_ministry_text");
  ReferenceGrouping grouping;
  for (std::size_t i = 0; i < doc.row_count(); ++i) {
    const double group = groups[i];
    if (group < 1 || group > 6 || group != static_cast<double>(static_cast<int>(group))) {
      throw InputError("group must be an integer 1-6", doc.location(i, group_column));
    }
    if (listed[i] != "0" && listed[i] != "1") {
      throw InputError("expected 0 or 1", doc.location(i, listed_column));
    }
    grouping.members.push_back({.code = codes[i],
                                .group = static_cast<int>(group),
                                .name_as_published = published[i],
                                .official_name = official[i],
                                .listed_in_ministry_text = listed[i] == "1"});
  }
  return grouping;
}

// Vertex lists numbered by @p part_column (0, 1, ... in order): the front line's parts, the
// outline's rings.
std::vector<std::vector<GeoPoint>> load_polylines(std::string_view file_name, const std::string& part_column) {
  const CsvDocument doc = parse_builtin(file_name);
  const auto parts = read_number_column(doc, part_column);
  const auto lons = read_number_column(doc, "longitude");
  const auto lats = read_number_column(doc, "latitude");
  std::vector<std::vector<GeoPoint>> lines;
  for (std::size_t i = 0; i < doc.row_count(); ++i) {
    const auto part = static_cast<std::size_t>(parts[i]);
    if (part != lines.size() && part + 1 != lines.size()) {
      throw InputError(part_column + " must be numbered 0, 1, ... in order", doc.location(i, doc.column(part_column)));
    }
    if (part == lines.size()) lines.emplace_back();
    const GeoPoint point{.lat = lats[i], .lon = lons[i]};
    validate_geopoint(point, std::string(file_name) + " vertex");
    lines.back().push_back(point);
  }
  return lines;
}

std::string_view type_uk(CommunityType type) {
  switch (type) {
    case CommunityType::city: return "міська";
    case CommunityType::settlement: return "селищна";
    case CommunityType::village: return "сільська";
  }
  return {};
}

}  // namespace

std::string_view builtin_data_file(std::string_view file_name) {
  const auto& texts = embedded_texts();
  if (const auto it = texts.find(file_name); it != texts.end()) return it->second;
  std::string known;
  for (const auto& [name, text] : texts) known += (known.empty() ? "" : ", ") + name;
  throw InputError("no built-in data file '" + std::string(file_name) + "'; known files: " + known,
                   {.file = "<built-in>", .key = std::string(file_name)});
}

std::vector<std::string> builtin_data_file_names() {
  std::vector<std::string> names;
  for (const detail::EmbeddedFile& file : detail::embedded_files()) names.emplace_back(file.name);
  return names;
}

std::span<const DataColumn> builtin_hromada_columns() noexcept { return hromada_columns; }

const HromadaDataset& builtin_hromadas() {
  static const HromadaDataset data = load_hromadas();
  return data;
}

const Community& find_hromada(std::string_view code) {
  const auto& communities = builtin_hromadas().communities;
  const auto it = std::lower_bound(communities.begin(), communities.end(), code,
                                   [](const Community& c, std::string_view key) { return c.code < key; });
  if (it != communities.end() && it->code == code) return *it;
  const SourceLocation where{.file = "<built-in hromadas.csv>", .key = std::string(code)};
  if (!is_katottg_code(code)) {
    throw InputError("'" + std::string(code) +
                         "' is not a KATOTTG code (expected UA followed by 17 digits, e.g. UA32060010000086043)",
                     where);
  }
  throw InputError("no hromada with code " + std::string(code) +
                       " in the built-in data (1,469 hromadas outside Crimea and Sevastopol)",
                   where);
}

const Community& find_hromada(std::string_view oblast_uk, std::string_view name_uk) {
  const auto& communities = builtin_hromadas().communities;
  std::vector<const Community*> matches;
  bool oblast_known = false;
  for (const Community& c : communities) {
    if (c.oblast_uk != oblast_uk) continue;
    oblast_known = true;
    const std::string official = c.name_uk + " " + std::string(type_uk(c.type));
    if (c.name_uk == name_uk || official == name_uk) matches.push_back(&c);
  }
  const std::string what = "hromada '" + std::string(name_uk) + "' in oblast '" + std::string(oblast_uk) + "'";
  const SourceLocation where{.file = "<built-in hromadas.csv>", .key = std::string(name_uk)};
  if (matches.size() == 1) return *matches.front();
  if (!oblast_known) {
    std::vector<std::string> oblasts;
    for (const Community& c : communities) {
      if (std::find(oblasts.begin(), oblasts.end(), c.oblast_uk) == oblasts.end()) oblasts.push_back(c.oblast_uk);
    }
    std::sort(oblasts.begin(), oblasts.end());
    std::string list;
    for (const auto& o : oblasts) list += (list.empty() ? "" : ", ") + o;
    throw InputError("no " + what + ": unknown oblast (expected the Ukrainian short name, one of: " + list + ")",
                     {.file = where.file, .key = std::string(oblast_uk)});
  }
  if (matches.empty()) {
    throw InputError("no " + what + " (names are matched exactly, e.g. 'Баришівська' or 'Баришівська селищна')",
                     where);
  }
  std::string list;
  for (const Community* c : matches) {
    list += (list.empty() ? "" : ", ") + c->code + " (" + c->name_uk + " " + std::string(type_uk(c->type)) + ")";
  }
  throw InputError(what + " is ambiguous: " + std::to_string(matches.size()) + " hromadas match: " + list +
                       "; add the type (e.g. '" + matches.front()->name_uk + " " +
                       std::string(type_uk(matches.front()->type)) + "') or use the code",
                   where);
}

std::vector<std::string> ReferenceGrouping::codes() const {
  std::vector<std::string> result;
  result.reserve(members.size());
  for (const auto& m : members) result.push_back(m.code);
  return result;
}

Labels ReferenceGrouping::labels() const {
  Labels result;
  result.reserve(members.size());
  for (const auto& m : members) result.push_back(static_cast<std::int32_t>(m.group - 1));
  return result;
}

ReferenceGrouping ReferenceGrouping::ministry_only() const {
  ReferenceGrouping result;
  for (const auto& m : members) {
    if (m.listed_in_ministry_text) result.members.push_back(m);
  }
  return result;
}

const ReferenceGrouping& builtin_clir2024() {
  static const ReferenceGrouping grouping = load_clir2024();
  return grouping;
}

std::vector<std::vector<GeoPoint>> builtin_frontline_2023() {
  static const std::vector<std::vector<GeoPoint>> lines = load_polylines("frontline_2023-03-08.csv", "part");
  return lines;
}

std::vector<std::vector<GeoPoint>> builtin_ukraine_outline() {
  static const std::vector<std::vector<GeoPoint>> rings = load_polylines("ukraine_outline_ne50m.csv", "ring");
  return rings;
}

}  // namespace clir
