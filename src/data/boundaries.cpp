// The built-in boundaries: the embedded arc table and ring lists (scripts/build-boundaries)
// decoded at first use. The format is described in data/README.md; every structural assumption
// is checked, and a violation is reported with the built-in file's line and column (it can only
// come from a broken build of the data).
#include "clir/data/boundaries.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"

namespace clir {
namespace {

constexpr double degrees_per_unit = 1e-4;

// The integers of one cell, written as in the Encoded Polyline Algorithm Format: 5-bit groups,
// low group first, each as the character 63 + group (+ 32 when another group follows), and
// zigzag signs (0, -1, 1, -2, ... as 0, 1, 2, 3, ...).
std::vector<std::int64_t> decode_integers(std::string_view text, const SourceLocation& where) {
  std::vector<std::int64_t> values;
  std::uint64_t zigzag = 0;
  int shift = 0;
  for (const char c : text) {
    const int group = static_cast<unsigned char>(c) - 63;
    if (group < 0 || group > 63 || shift > 55) {
      throw InputError("malformed coordinate or arc list (character '" + std::string(1, c) + "')", where);
    }
    zigzag |= static_cast<std::uint64_t>(group & 31) << shift;
    shift += 5;
    if (group < 32) {
      values.push_back((zigzag & 1) != 0 ? -static_cast<std::int64_t>(zigzag >> 1) - 1
                                         : static_cast<std::int64_t>(zigzag >> 1));
      zigzag = 0;
      shift = 0;
    }
  }
  if (shift != 0) throw InputError("malformed coordinate or arc list (cut off)", where);
  return values;
}

// Each arc's vertices in integer units (1e-4 degree), longitude then latitude.
using Vertex = std::pair<std::int64_t, std::int64_t>;

std::vector<std::vector<Vertex>> load_arcs() {
  const CsvDocument doc = parse_csv(builtin_data_file("boundary_arcs.csv"), "<built-in boundary_arcs.csv>");
  const std::size_t arc_column = doc.column("arc");
  const std::size_t coordinates_column = doc.column("coordinates");
  std::vector<std::vector<Vertex>> arcs;
  arcs.reserve(doc.row_count());
  for (std::size_t i = 0; i < doc.row_count(); ++i) {
    if (parse_integer(doc.cell(i, arc_column), doc.location(i, arc_column)) != static_cast<std::int64_t>(i + 1)) {
      throw InputError("arcs must be numbered 1, 2, ... in order", doc.location(i, arc_column));
    }
    const SourceLocation where = doc.location(i, coordinates_column);
    const auto values = decode_integers(doc.cell(i, coordinates_column), where);
    if (values.size() < 4 || values.size() % 2 != 0) {
      throw InputError("an arc needs at least two vertices (an even number of integers)", where);
    }
    std::vector<Vertex> arc;
    arc.reserve(values.size() / 2);
    Vertex v{values[0], values[1]};
    arc.push_back(v);
    for (std::size_t k = 2; k < values.size(); k += 2) {
      v.first += values[k];
      v.second += values[k + 1];
      arc.push_back(v);
    }
    for (const Vertex& p : arc) {
      if (p.first < -1800000 || p.first > 1800000 || p.second < -900000 || p.second > 900000) {
        throw InputError("arc vertex outside longitude [-180, 180] / latitude [-90, 90]", where);
      }
    }
    arcs.push_back(std::move(arc));
  }
  return arcs;
}

const std::vector<std::vector<Vertex>>& builtin_arcs() {
  static const std::vector<std::vector<Vertex>> arcs = load_arcs();
  return arcs;
}

GeoRing decode_ring(std::string_view cell, const SourceLocation& where) {
  const auto& arcs = builtin_arcs();
  const auto deltas = decode_integers(cell, where);
  if (deltas.empty()) throw InputError("a ring needs at least one arc", where);
  std::vector<Vertex> vertices;
  std::int64_t code = 0;
  for (const std::int64_t delta : deltas) {
    code += delta;
    if (code < 0 || static_cast<std::uint64_t>(code / 2) >= arcs.size()) {
      throw InputError("ring refers to arc " + std::to_string(code / 2 + 1) + ", which does not exist (" +
                           std::to_string(arcs.size()) + " arcs)",
                       where);
    }
    const auto& arc = arcs[static_cast<std::size_t>(code / 2)];
    const bool reversed = code % 2 == 1;
    const Vertex first = reversed ? arc.back() : arc.front();
    if (!vertices.empty() && vertices.back() != first) {
      throw InputError("consecutive arcs of a ring do not meet", where);
    }
    const std::size_t start = vertices.empty() ? 0 : 1;
    for (std::size_t k = start; k < arc.size(); ++k) vertices.push_back(reversed ? arc[arc.size() - 1 - k] : arc[k]);
  }
  if (vertices.front() != vertices.back() || vertices.size() < 4) {
    throw InputError("ring is not closed or has fewer than three vertices", where);
  }
  GeoRing ring;
  ring.reserve(vertices.size());
  for (const auto& [x, y] : vertices) {
    ring.push_back({.lat = static_cast<double>(y) * degrees_per_unit, .lon = static_cast<double>(x) * degrees_per_unit});
  }
  return ring;
}

// Rows code[,name_uk],part,ring,arcs, grouped by code (consecutive rows), parts and rings
// numbered 0, 1, ... in order.
std::vector<AreaBoundary> load_boundaries(std::string_view file_name, bool has_names) {
  const CsvDocument doc = parse_csv(builtin_data_file(file_name), "<built-in " + std::string(file_name) + ">");
  const std::size_t code_column = doc.column("code");
  const std::size_t part_column = doc.column("part");
  const std::size_t ring_column = doc.column("ring");
  const std::size_t arcs_column = doc.column("arcs");
  const std::size_t name_column = has_names ? doc.column("name_uk") : 0;
  std::vector<AreaBoundary> areas;
  for (std::size_t i = 0; i < doc.row_count(); ++i) {
    const std::string& code = doc.cell(i, code_column);
    const auto part = parse_integer(doc.cell(i, part_column), doc.location(i, part_column));
    const auto ring = parse_integer(doc.cell(i, ring_column), doc.location(i, ring_column));
    if (areas.empty() || areas.back().code != code) {
      if (!areas.empty() && !(areas.back().code < code)) {
        throw InputError("rows must be sorted by code", doc.location(i, code_column));
      }
      areas.push_back({.code = code, .name_uk = has_names ? doc.cell(i, name_column) : std::string(), .polygons = {}});
    }
    auto& polygons = areas.back().polygons;
    if (part == static_cast<std::int64_t>(polygons.size()) && ring == 0) {
      polygons.push_back({.outer = decode_ring(doc.cell(i, arcs_column), doc.location(i, arcs_column)), .holes = {}});
    } else if (part + 1 == static_cast<std::int64_t>(polygons.size()) &&
               ring == static_cast<std::int64_t>(polygons.back().holes.size()) + 1) {
      polygons.back().holes.push_back(decode_ring(doc.cell(i, arcs_column), doc.location(i, arcs_column)));
    } else {
      throw InputError("parts and rings must be numbered 0, 1, ... in order (ring 0 first)", doc.location(i, ring_column));
    }
  }
  return areas;
}

std::vector<AreaBoundary> load_hromada_boundaries() {
  std::vector<AreaBoundary> areas = load_boundaries("hromada_rings.csv", false);
  const auto& communities = builtin_hromadas().communities;
  if (areas.size() != communities.size()) {
    throw InputError("built-in hromada_rings.csv has " + std::to_string(areas.size()) + " hromadas, hromadas.csv " +
                         std::to_string(communities.size()),
                     {.file = "<built-in hromada_rings.csv>"});
  }
  for (std::size_t i = 0; i < areas.size(); ++i) {
    if (areas[i].code != communities[i].code) {
      throw InputError("built-in hromada_rings.csv and hromadas.csv list different codes",
                       {.file = "<built-in hromada_rings.csv>", .key = areas[i].code});
    }
    areas[i].name_uk = communities[i].name_uk;
  }
  return areas;
}

}  // namespace

const std::vector<AreaBoundary>& builtin_hromada_polygons() {
  static const std::vector<AreaBoundary> areas = load_hromada_boundaries();
  return areas;
}

const std::vector<AreaBoundary>& builtin_oblast_polygons() {
  static const std::vector<AreaBoundary> areas = load_boundaries("oblast_rings.csv", true);
  return areas;
}

const AreaBoundary& find_hromada_boundary(std::string_view code) {
  const auto& areas = builtin_hromada_polygons();
  const auto it = std::lower_bound(areas.begin(), areas.end(), code,
                                   [](const AreaBoundary& a, std::string_view key) { return a.code < key; });
  if (it != areas.end() && it->code == code) return *it;
  (void)find_hromada(code);  // throws the gazetteer's message for a malformed or unknown code
  throw InputError("no boundary for hromada " + std::string(code), {.file = "<built-in hromada_rings.csv>", .key = std::string(code)});
}

}  // namespace clir
