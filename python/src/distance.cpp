// Distances: geographic (geodesic, haversine), needs (standardised Euclidean, Gower) and the
// blend of both, returned as condensed NumPy vectors (scipy's pdist order) without a copy.
#include "clir/distance/blend.hpp"
#include "clir/distance/geo.hpp"
#include "clir/distance/needs.hpp"
#include "common.hpp"

namespace clir::python {

namespace {

bool want_single(py::handle dtype) {
  const auto name = py::cast<std::string>(py::str(py::module_::import("numpy").attr("dtype")(dtype)));
  if (name == "float32") return true;
  if (name == "float64") return false;
  throw ConfigError("dtype", "distances are stored as float32 or float64, not " + name, {"float32", "float64"});
}

// An owned condensed copy of a NumPy matrix (blend_distances takes DistanceMatrix).
template <class T>
DistanceMatrix<T> owned_copy(const MatrixArg& arg) {
  DistanceMatrix<T> out(arg.size());
  arg.visit([&](const auto& view) {
    auto& c = out.condensed();
    for (std::size_t i = 0, pos = 0; i < arg.size(); ++i)
      for (std::size_t j = i + 1; j < arg.size(); ++j, ++pos) c[pos] = static_cast<T>(view(i, j));
  });
  return out;
}

}  // namespace

void init_distance(py::module_& m) {
  m.def(
      "matrix_info",
      [](py::handle distances) {
        const MatrixArg matrix(distances);
        py::dict d;
        d["n"] = matrix.size();
        d["layout"] = matrix.condensed() ? "condensed" : "square";
        d["dtype"] = matrix.single() ? "float32" : "float64";
        d["zero_copy"] = matrix.zero_copy();
        return d;
      },
      py::arg("distances"),
      "How clir reads a matrix: n, layout, dtype and whether the array is used in place (zero_copy).");
  m.def("haversine_km", [](double lat1, double lon1, double lat2, double lon2) {
    return haversine_km({lat1, lon1}, {lat2, lon2});
  }, py::arg("lat1"), py::arg("lon1"), py::arg("lat2"), py::arg("lon2"), "Great-circle distance in km.");
  m.def("geodesic_km", [](double lat1, double lon1, double lat2, double lon2) {
    return geodesic_km({lat1, lon1}, {lat2, lon2});
  }, py::arg("lat1"), py::arg("lon1"), py::arg("lat2"), py::arg("lon2"), "WGS84 geodesic distance in km.");

  m.def(
      "geo_distances",
      [](py::handle points, const std::string& method, py::handle dtype, unsigned threads) {
        const auto pts = to_points(points);
        const GeoDistanceOptions options{.method = parse_enum<GeoMethod>(method, "method"), .threads = threads};
        return compute_matrix(want_single(dtype), [&](auto t) { return geo_distance_matrix<decltype(t)>(pts, options); });
      },
      py::arg("points"), py::kw_only(), py::arg("method") = "geodesic", py::arg("dtype") = "float64",
      py::arg("threads") = 0u,
      "Distances in km between (lat, lon) points, condensed (scipy's pdist order).");

  m.def(
      "needs_distances",
      [](py::handle data, std::vector<std::string> columns, std::vector<double> weights, const std::string& missing,
         py::handle dtype, unsigned threads, py::handle ids) {
        const Table table = to_table(data, ids);
        const EuclideanOptions options{.columns = std::move(columns), .weights = std::move(weights),
                                       .missing = parse_enum<MissingDistancePolicy>(missing, "missing"), .threads = threads};
        return compute_matrix(want_single(dtype),
                              [&](auto t) { return standardized_euclidean_matrix<decltype(t)>(table, options); });
      },
      py::arg("data") = py::none(), py::kw_only(), py::arg("columns") = std::vector<std::string>{},
      py::arg("weights") = std::vector<double>{}, py::arg("missing") = "pairwise", py::arg("dtype") = "float64",
      py::arg("threads") = 0u, py::arg("ids") = py::none(),
      "Euclidean distance on z-scored numeric columns (dimensionless), condensed.");

  m.def(
      "gower_distances",
      [](py::handle data, std::vector<std::string> numeric, std::vector<std::string> categorical,
         std::vector<double> weights, py::handle dtype, unsigned threads, py::handle ids) {
        const Table table = to_table(data, ids);
        const GowerOptions options{.numeric = std::move(numeric), .categorical = std::move(categorical),
                                   .weights = std::move(weights), .threads = threads};
        return compute_matrix(want_single(dtype), [&](auto t) { return gower_matrix<decltype(t)>(table, options); });
      },
      py::arg("data") = py::none(), py::kw_only(), py::arg("numeric") = std::vector<std::string>{},
      py::arg("categorical") = std::vector<std::string>{}, py::arg("weights") = std::vector<double>{},
      py::arg("dtype") = "float64", py::arg("threads") = 0u, py::arg("ids") = py::none(),
      "Gower's dissimilarity in [0, 1] for mixed numeric and categorical columns, condensed.");

  m.def(
      "blend",
      [](py::handle geo, py::handle needs, double alpha, const std::string& scale) -> py::array {
        const MatrixArg g(geo, "geo"), q(needs, "needs");
        const BlendOptions options{.alpha = alpha, .scale = parse_enum<BlendScale>(scale, "scale")};
        const DistanceMatrix<double> needs_copy = owned_copy<double>(q);
        return compute_matrix(g.single(), [&](auto t) {
          return blend_distances(owned_copy<decltype(t)>(g), needs_copy, options);
        });
      },
      py::arg("geo"), py::arg("needs"), py::kw_only(), py::arg("alpha") = BlendOptions{}.alpha,
      py::arg("scale") = "max",
      "(1 - alpha)·geo/s_geo + alpha·needs/s_needs, condensed, in geo's dtype (ClustGeo's blend).");
}

}  // namespace clir::python
