// The built-in data: hromadas as NumPy columns and records, the published CLIR 2024 groups,
// the front line, the data files.
#include "clir/data/boundaries.hpp"
#include "clir/data/builtin.hpp"
#include "clir/data/resolve.hpp"
#include "clir/data/resolve_json.hpp"

#include <cmath>
#include <optional>

#include "common.hpp"

namespace clir::python {

namespace {

py::array_t<double> ring_to_numpy(const GeoRing& ring) {
  py::array_t<double> a({static_cast<py::ssize_t>(ring.size()), py::ssize_t{2}});
  auto r = a.mutable_unchecked<2>();
  for (std::size_t i = 0; i < ring.size(); ++i) {
    r(static_cast<py::ssize_t>(i), 0) = ring[i].lat;
    r(static_cast<py::ssize_t>(i), 1) = ring[i].lon;
  }
  return a;
}

py::list boundaries_to_python(const std::vector<AreaBoundary>& areas) {
  py::list out;
  for (const auto& area : areas) {
    py::list polygons;
    for (const auto& polygon : area.polygons) {
      py::list rings;
      rings.append(ring_to_numpy(polygon.outer));
      for (const auto& hole : polygon.holes) rings.append(ring_to_numpy(hole));
      polygons.append(rings);
    }
    py::dict d;
    d["code"] = area.code;
    d["name_uk"] = area.name_uk;
    d["polygons"] = polygons;
    out.append(d);
  }
  return out;
}

}  // namespace

namespace {

py::array numeric_column(const Table& table, std::size_t c) {
  const auto n = static_cast<py::ssize_t>(table.rows());
  py::array_t<double> out(n);
  auto* p = out.mutable_data();
  for (py::ssize_t i = 0; i < n; ++i)
    p[i] = table.is_missing(static_cast<std::size_t>(i), c) ? std::nan("")
                                                             : table.values()(i, static_cast<Eigen::Index>(c));
  return out;
}

py::array text_column(const std::vector<std::string>& values) {
  py::list items;
  for (const auto& v : values) items.append(py::str(v));
  return py::module_::import("numpy").attr("array")(items, py::arg("dtype") = "object");
}

// Every column of hromadas.csv in file order (numbers as float64 with NaN for a missing cell,
// text as object arrays), then the admin centre's coordinates and the community type.
py::dict hromada_columns() {
  const HromadaDataset& data = builtin_hromadas();
  const Table& t = data.table;
  py::dict out;
  for (const DataColumn& c : builtin_hromada_columns()) {
    const std::string name(c.name);
    if (name == "code") out["code"] = text_column(t.ids());
    else if (t.has_numeric(name)) out[name.c_str()] = numeric_column(t, t.numeric_index(name));
    else if (t.has_categorical(name)) out[name.c_str()] = text_column(t.categorical(name));
  }
  std::vector<double> lat, lon;
  std::vector<std::string> type;
  for (const Community& c : data.communities) {
    lat.push_back(c.location.lat);
    lon.push_back(c.location.lon);
    type.emplace_back(to_string(c.type));
  }
  if (!out.contains("lat")) out["lat"] = to_numpy(std::move(lat));
  if (!out.contains("lon")) out["lon"] = to_numpy(std::move(lon));
  if (!out.contains("type")) out["type"] = text_column(type);
  return out;
}

}  // namespace

void init_data(py::module_& m) {
  py::class_<GeoPoint>(m, "GeoPoint", "A point in degrees WGS84.")
      .def(py::init<double, double>(), py::arg("lat"), py::arg("lon"))
      .def_readwrite("lat", &GeoPoint::lat, "latitude, degrees north")
      .def_readwrite("lon", &GeoPoint::lon, "longitude, degrees east")
      .def("__repr__", [](const GeoPoint& p) {
        return "GeoPoint(lat=" + std::to_string(p.lat) + ", lon=" + std::to_string(p.lon) + ")";
      });

  py::class_<Community>(m, "Community", "One hromada of the built-in data.")
      .def_readonly("code", &Community::code, "KATOTTG code")
      .def_readonly("name_uk", &Community::name_uk)
      .def_readonly("name_en", &Community::name_en)
      .def_readonly("oblast_code", &Community::oblast_code)
      .def_readonly("oblast_uk", &Community::oblast_uk)
      .def_readonly("oblast_en", &Community::oblast_en)
      .def_readonly("raion", &Community::raion)
      .def_property_readonly("type", [](const Community& c) { return std::string(to_string(c.type)); })
      .def_property_readonly("lat", [](const Community& c) { return c.location.lat; })
      .def_property_readonly("lon", [](const Community& c) { return c.location.lon; })
      .def("__repr__", [](const Community& c) { return "Community('" + c.code + "', '" + c.name_en + "')"; });

  m.def("_hromada_columns", &hromada_columns, "The built-in hromadas as a dict of NumPy columns.");
  m.def("communities", [] { return builtin_hromadas().communities; },
        "The 1,469 built-in hromadas as Community records, sorted by code.");
  m.def(
      "columns",
      [] {
        py::list out;
        for (const DataColumn& c : builtin_hromada_columns()) {
          py::dict d;
          d["name"] = std::string(c.name);
          d["unit"] = std::string(c.unit);
          d["description"] = std::string(c.description);
          d["numeric"] = c.numeric;
          out.append(d);
        }
        return out;
      },
      "The columns of the built-in hromada data: name, unit, description, numeric.");
  m.def(
      "clir2024",
      [] {
        const ReferenceGrouping& g = builtin_clir2024();
        py::dict d;
        std::vector<std::string> names, official;
        std::vector<std::int32_t> group;
        std::vector<bool> listed;
        for (const auto& member : g.members) {
          names.push_back(member.name_as_published);
          official.push_back(member.official_name);
          group.push_back(member.group);
          listed.push_back(member.listed_in_ministry_text);
        }
        d["code"] = g.codes();
        d["group"] = to_numpy(std::move(group));
        d["label"] = to_numpy(g.labels());
        d["name_as_published"] = names;
        d["official_name"] = official;
        d["listed_in_ministry_text"] = listed;
        return d;
      },
      "The published CLIR 2024 grouping: 19 communities in 6 groups (group 1-6, label 0-5).");
  m.def(
      "frontline_2023",
      [] {
        py::list parts;
        for (const auto& part : builtin_frontline_2023()) {
          py::array_t<double> a({static_cast<py::ssize_t>(part.size()), py::ssize_t{2}});
          auto r = a.mutable_unchecked<2>();
          for (std::size_t i = 0; i < part.size(); ++i) {
            r(static_cast<py::ssize_t>(i), 0) = part[i].lat;
            r(static_cast<py::ssize_t>(i), 1) = part[i].lon;
          }
          parts.append(a);
        }
        return parts;
      },
      "The front line of 8 March 2023: a list of (m, 2) arrays of lat, lon in degrees.");
  m.def(
      "hromada_polygons",
      [] { return boundaries_to_python(builtin_hromada_polygons()); },
      "The 1,469 hromada boundaries in the order of hromadas(): a list of dicts (code, name_uk, polygons), "
      "polygons being a list of polygons, each a list of rings (outer first, then holes), each an (m, 2) array "
      "of lat, lon in degrees (closed).");
  m.def(
      "oblast_polygons",
      [] { return boundaries_to_python(builtin_oblast_polygons()); },
      "The 27 oblast-level boundaries (24 oblasts, Crimea, Kyiv, Sevastopol), as hromada_polygons().");
  m.def("find_hromada", py::overload_cast<std::string_view>(&find_hromada), py::arg("code"),
        py::return_value_policy::copy, "The hromada with this KATOTTG code (InputError when unknown).");
  m.def("find_hromada", py::overload_cast<std::string_view, std::string_view>(&find_hromada), py::arg("oblast_uk"),
        py::arg("name_uk"), py::return_value_policy::copy,
        "The hromada of this name in this oblast (names in Ukrainian).");
  m.def("data_file", [](const std::string& name) { return std::string(builtin_data_file(name)); }, py::arg("name"),
        "The text of a built-in data file (hromadas.csv, clir2024_groups.csv, ...).");
  m.def("data_files", &builtin_data_file_names, "The names of the built-in data files.");

  // Name resolution (docs/resolve.md): a list of dicts as `clir resolve --format json` writes.
  m.def(
      "resolve_communities",
      [](const std::vector<std::string>& names, const std::optional<std::vector<std::string>>& hints,
         const std::string& hint, double min_score, double ambiguity_margin, double alternative_window,
         double non_centre_penalty, std::size_t max_alternatives, bool match_settlements, bool strict) {
        if (hints && hints->size() != names.size()) {
          throw ConfigError("hints", "has " + std::to_string(hints->size()) + " entries for " +
                                         std::to_string(names.size()) + " names");
        }
        std::vector<NameQuery> queries;
        for (std::size_t i = 0; i < names.size(); ++i) {
          std::string h = hints ? (*hints)[i] : std::string();
          queries.push_back({.name = names[i], .hint = h.empty() ? hint : h});
        }
        const ResolveOptions options{.min_score = min_score, .ambiguity_margin = ambiguity_margin,
                                     .alternative_window = alternative_window,
                                     .non_centre_penalty = non_centre_penalty,
                                     .max_alternatives = max_alternatives, .match_settlements = match_settlements};
        std::vector<NameResolution> results;
        {
          py::gil_scoped_release release;
          results = resolve_communities(queries, options);
        }
        if (strict) resolved_codes(results);  // raises InputError listing every unresolved name
        return py::module_::import("json").attr("loads")(resolutions_json(results).dump());
      },
      py::arg("names"), py::arg("hints") = py::none(), py::kw_only(), py::arg("hint") = "",
      py::arg("min_score") = ResolveOptions{}.min_score, py::arg("ambiguity_margin") = ResolveOptions{}.ambiguity_margin,
      py::arg("alternative_window") = ResolveOptions{}.alternative_window,
      py::arg("non_centre_penalty") = ResolveOptions{}.non_centre_penalty,
      py::arg("max_alternatives") = ResolveOptions{}.max_alternatives,
      py::arg("match_settlements") = ResolveOptions{}.match_settlements, py::arg("strict") = true,
      "Community names (Ukrainian or Latin, hromada or settlement) to hromada codes: one dict per name\n"
      "(status, code, hromada, oblast, matched_name, kind, score, alternatives, message). hints: an\n"
      "oblast or raion per name (empty: `hint`). strict: raise InputError listing every ambiguous or\n"
      "unknown name (else they come back with their status and candidates).");
}

}  // namespace clir::python
