// Clustering on distance matrices: the k-medoids family, CLARA, constrained k-medoids, the exact
// p-median, spectral clustering; graphs and SKATER. Every call takes the NumPy matrix without a
// copy where its layout allows (see MatrixArg) and releases the GIL while it runs.
#include <pybind11/eigen.h>

#include <memory>

#include "clir/cluster/choose.hpp"
#include "clir/cluster/clara.hpp"
#include "clir/cluster/constrained.hpp"
#include "clir/cluster/fields.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/cluster/pmedian.hpp"
#include "clir/graph/contiguity.hpp"
#include "clir/graph/graph.hpp"
#include "clir/graph/proximity.hpp"
#include "clir/graph/skater.hpp"
#include "clir/graph/spectral.hpp"
#include "common.hpp"

namespace clir::python {

namespace {

template <class O>
using Parser = std::shared_ptr<const OptionParser<O>>;

/// Defines `name(distances, k, **options)`: the options parsed by @p parser, then
/// `fn(view, k, options)` on the matrix view with the GIL released.
/// @p check: SquareCheck::in_call for the functions whose own input check reads a square matrix
/// whole (the k-medoids family), so that it is read for the check once.
template <class O, class Fn>
void def_matrix_method(py::module_& m, const char* name, Parser<O> parser, Fn fn, const char* doc,
                       SquareCheck check = SquareCheck::here) {
  m.def(
      name,
      [name, parser, fn, check](py::handle distances, py::handle k_arg, py::kwargs kwargs) {
        const std::size_t k = whole_number<std::size_t>("k", k_arg);
        const O options = parser->parse(name, kwargs);
        const MatrixArg matrix(distances, "distances", check);
        py::gil_scoped_release unlocked;
        return matrix.visit([&](const auto& view) { return fn(view, k, options); });
      },
      py::arg("distances"), py::arg("k"), doc);
}

Parser<KMedoidsOptions> kmedoids_options() {
  using O = KMedoidsOptions;
  OptionParser<O> p;
  p.fields().custom("initial_medoids", [](O& o, py::handle v) { o.initial_medoids = to_indices(v, "initial_medoids"); });
  return std::make_shared<const OptionParser<O>>(std::move(p));
}

Parser<ClaraOptions> clara_options() {
  using O = ClaraOptions;
  OptionParser<O> p;
  p.fields();
  return std::make_shared<const OptionParser<O>>(std::move(p));
}

/// Constraints and the options of one constrained method, given as one set of keywords.
template <class O>
struct Constrained {
  GroupConstraints constraints;
  O options;
};

template <class O>
void add_constraint_fields(OptionParser<Constrained<O>>& p) {
  using C = Constrained<O>;
  auto pairs = [](py::handle v) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (py::handle pair : v) {
      const auto ij = to_indices(pair, "link");
      if (ij.size() != 2) throw InputError("a link is a pair of item indices (i, j)", {.key = "link"});
      out.emplace_back(ij[0], ij[1]);
    }
    return out;
  };
  p.template fields<GroupConstraints>([](C& c) -> auto& { return c.constraints; })
      .custom("must_link", [pairs](C& c, py::handle v) { c.constraints.must_link = pairs(v); })
      .custom("cannot_link", [pairs](C& c, py::handle v) { c.constraints.cannot_link = pairs(v); });
}

Parser<Constrained<ConstrainedOptions>> constrained_options() {
  using C = Constrained<ConstrainedOptions>;
  OptionParser<C> p;
  add_constraint_fields(p);
  p.template fields<ConstrainedOptions>([](C& c) -> auto& { return c.options; })
      .custom("initial_medoids", [](C& c, py::handle v) { c.options.initial_medoids = to_indices(v, "initial_medoids"); });
  return std::make_shared<const OptionParser<C>>(std::move(p));
}

Parser<Constrained<PMedianOptions>> pmedian_options() {
  using C = Constrained<PMedianOptions>;
  OptionParser<C> p;
  add_constraint_fields(p);
  p.template fields<PMedianOptions>([](C& c) -> auto& { return c.options; });
  return std::make_shared<const OptionParser<C>>(std::move(p));
}

Parser<SpectralClusteringOptions> spectral_clustering_options() {
  using O = SpectralClusteringOptions;
  OptionParser<O> p;
  p.template fields<SpectralOptions>([](O& o) -> auto& { return o.spectral; })
      .custom("threads", [](O& o, py::handle v) { o.spectral.threads = o.kmedoids.threads = whole_number<unsigned>("threads", v); })
      .template fields<KMedoidsOptions>([](O& o) -> auto& { return o.kmedoids; }, kSpectralKMedoidsKeywords);
  return std::make_shared<const OptionParser<O>>(std::move(p));
}

Parser<SpectralOptions> spectral_embedding_options() {
  using O = SpectralOptions;
  OptionParser<O> p;
  p.template fields<O>([](O& o) -> O& { return o; });
  return std::make_shared<const OptionParser<O>>(std::move(p));
}

Graph to_graph(std::size_t n, py::handle edges, py::handle weights) {
  auto e = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(edges);
  if (!e || (e.size() > 0 && (e.ndim() != 2 || e.shape(1) != 2)))
    throw InputError("expected an (m, 2) array of vertex pairs", {.key = "edges"});
  const std::size_t m = e.size() == 0 ? 0 : static_cast<std::size_t>(e.shape(0));
  std::vector<double> w(m, 1.0);
  if (!weights.is_none()) {
    auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(weights);
    if (!a || static_cast<std::size_t>(a.size()) != m)
      throw InputError("expected one weight per edge (" + std::to_string(m) + ")", {.key = "weights"});
    std::copy(a.data(), a.data() + m, w.begin());
  }
  std::vector<Edge> list(m);
  for (std::size_t i = 0; i < m; ++i) {
    if (e.data()[2 * i] < 0 || e.data()[2 * i + 1] < 0) throw InputError("negative vertex index", {.key = "edges"});
    list[i] = {static_cast<std::size_t>(e.data()[2 * i]), static_cast<std::size_t>(e.data()[2 * i + 1]), w[i]};
  }
  return Graph(n, std::move(list));
}

py::array edge_array(const std::vector<Edge>& edges) {
  py::array_t<std::int64_t> out({static_cast<py::ssize_t>(edges.size()), py::ssize_t{2}});
  auto r = out.mutable_unchecked<2>();
  for (std::size_t i = 0; i < edges.size(); ++i) {
    r(static_cast<py::ssize_t>(i), 0) = static_cast<std::int64_t>(edges[i].u);
    r(static_cast<py::ssize_t>(i), 1) = static_cast<std::int64_t>(edges[i].v);
  }
  return out;
}

std::vector<double> edge_weights(const std::vector<Edge>& edges) {
  std::vector<double> out;
  for (const auto& e : edges) out.push_back(e.weight);
  return out;
}

KnnSymmetry parse_symmetry(const std::string& t) { return parse_choice<KnnSymmetry>("symmetry", t); }

#define CLIR_PY_LABELS(Type, member) \
  [](py::object self) { return readonly_view(self.cast<const Type&>().member, self); }
#define CLIR_PY_INDICES(Type, member) \
  [](py::object self) { return index_view(self.cast<const Type&>().member, self); }

/// One k-medoids method (any function `f(D, k, KMedoidsOptions)` returning a MedoidResult) as
/// `clir.<name>(distances, k, **options)`: one line per method. The engine's input check reads a
/// square matrix (values, diagonal, symmetry), so the binding does not.
#define CLIR_PY_KMEDOIDS(m, name, doc)                                                                             \
  def_matrix_method(                                                                                              \
      m, #name, kmedoids,                                                                                         \
      [](const auto& D, std::size_t k, const KMedoidsOptions& o) { return clir::name(D, k, o); }, doc,            \
      SquareCheck::in_call)

}  // namespace

void init_cluster(py::module_& m) {
  py::class_<MedoidResult> medoid_result(m, "MedoidResult", "What a k-medoids-style run returns.");
  def_fields(medoid_result);
  medoid_result.def("__repr__", [](const MedoidResult& r) {
    return "MedoidResult(k=" + std::to_string(r.medoids.size()) + ", loss=" + std::to_string(r.loss) +
           ", medoid_silhouette=" + std::to_string(r.medoid_silhouette) + ", iterations=" +
           std::to_string(r.iterations) + ", swaps=" + std::to_string(r.swaps) + ")";
  });
  py::class_<DynMscResult> dynmsc_result(m, "DynMscResult", "What dynmsc() found: the k with the highest medoid silhouette.");
  def_fields(dynmsc_result);
  py::class_<ConstrainedResult, MedoidResult> constrained_result(m, "ConstrainedResult",
                                                                 "MedoidResult plus the constrained objective.");
  def_fields(constrained_result);
  py::class_<PMedianResult, ConstrainedResult> pmedian_result(m, "PMedianResult", "ConstrainedResult plus the proof status.");
  def_fields(pmedian_result);

  const auto kmedoids = kmedoids_options();
  CLIR_PY_KMEDOIDS(m, pam, "PAM: BUILD + SWAP (as R's cluster::pam).");
  CLIR_PY_KMEDOIDS(m, fastpam1, "FastPAM1: PAM's best-swap search in O(n^2) per pass.");
  CLIR_PY_KMEDOIDS(m, fasterpam, "FasterPAM: eager swaps (Schubert & Rousseeuw 2021).");
  CLIR_PY_KMEDOIDS(m, alternating, "Alternating k-medoids (Voronoi iteration).");
  CLIR_PY_KMEDOIDS(m, fastermsc, "FasterMSC: eager swaps maximising the medoid silhouette (Lenssen & Schubert 2022).");
  m.def(
      "dynmsc",
      [kmedoids](py::handle distances, py::handle k_min_arg, py::handle k_max_arg, py::kwargs kwargs) {
        const auto k_min = whole_number<std::size_t>("k_min", k_min_arg);
        const auto k_max = whole_number<std::size_t>("k_max", k_max_arg);
        const KMedoidsOptions options = kmedoids->parse("dynmsc", kwargs);
        const MatrixArg matrix(distances, "distances", SquareCheck::in_call);
        py::gil_scoped_release unlocked;
        return matrix.visit([&](const auto& view) { return clir::dynmsc(view, k_min, k_max, options); });
      },
      py::arg("distances"), py::arg("k_min"), py::arg("k_max"),
      "DynMSC: FasterMSC from k_max down to k_min; the k with the highest medoid silhouette.");
  m.attr("_kmedoids_options") = kmedoids->names();

  const auto clara = clara_options();
  def_matrix_method(m, "clara", clara,
                    [](const auto& D, std::size_t k, const ClaraOptions& o) { return clir::clara(D, k, o); },
                    "CLARA: PAM on random samples, the best medoids on all items.");
  def_matrix_method(m, "fasterclara", clara,
                    [](const auto& D, std::size_t k, const ClaraOptions& o) { return clir::fasterclara(D, k, o); },
                    "FasterCLARA: CLARA with FasterPAM in each sample.");

  def_matrix_method(m, "constrained_kmedoids", constrained_options(),
                    [](const auto& D, std::size_t k, const Constrained<ConstrainedOptions>& c) {
                      return clir::constrained_kmedoids(D, k, c.constraints, c.options);
                    },
                    "k-medoids under size bounds, must/cannot-link and category constraints.");
  py::class_<KScore>(m, "KScore", "The evaluation of one k by scan_k().")
      .def_readonly("k", &KScore::k)
      .def_readonly("feasible", &KScore::feasible, "False when the constraints admit no grouping into k groups")
      .def_readonly("infeasible", &KScore::infeasible, "why not, when not feasible")
      .def_readonly("result", &KScore::result, "the grouping (empty when not feasible)")
      .def_readonly("silhouette", &KScore::silhouette, "mean silhouette (Rousseeuw 1987); NaN when not feasible")
      .def_readonly("medoid_silhouette", &KScore::medoid_silhouette,
                    "mean medoid silhouette of the actual assignment; NaN when not feasible")
      .def("__repr__", [](const KScore& s) {
        return "KScore(k=" + std::to_string(s.k) + (s.feasible ? ", silhouette=" + std::to_string(s.silhouette) +
                                                                     ", medoid_silhouette=" + std::to_string(s.medoid_silhouette)
                                                               : std::string(", infeasible")) + ")";
      });
  const auto scan_parser = constrained_options();
  m.def(
      "scan_k",
      [scan_parser](py::handle distances, py::handle k_first_arg, py::handle k_last_arg, py::kwargs kwargs) {
        const auto k_first = whole_number<std::size_t>("k_first", k_first_arg);
        const auto k_last = whole_number<std::size_t>("k_last", k_last_arg);
        const auto c = scan_parser->parse("scan_k", kwargs);
        const MatrixArg matrix(distances);
        py::gil_scoped_release unlocked;
        return matrix.visit([&](const auto& view) {
          return clir::scan_k(view, k_first, k_last, c.constraints, {.clustering = c.options, .threads = c.options.threads});
        });
      },
      py::arg("distances"), py::arg("k_first"), py::arg("k_last"),
      "constrained_kmedoids for every k in k_first..k_last (same keywords), each scored by the silhouette and "
      "the medoid silhouette.");
  m.def(
      "best_k",
      [](const std::vector<KScore>& scan, const std::string& criterion) {
        return clir::best_k(scan, parse_choice<KCriterion>("criterion", criterion));
      },
      py::arg("scan"), py::arg("criterion") = "silhouette",
      "The feasible k of a scan_k() result with the highest mean silhouette or medoid silhouette "
      "(ties to the smaller k).");

  def_matrix_method(m, "exact_pmedian", pmedian_options(),
                    [](const auto& D, std::size_t k, const Constrained<PMedianOptions>& c) {
                      return clir::exact_pmedian(D, k, c.constraints, c.options);
                    },
                    "Exact capacitated p-median under the same constraints (GLPK); small n.");
  m.def(
      "assign_to_medoids",
      [](py::handle distances, py::handle medoids) {
        const auto meds = to_indices(medoids, "medoids");
        const MatrixArg matrix(distances);
        py::gil_scoped_release unlocked;
        return matrix.visit([&](const auto& view) { return clir::assign_to_medoids(view, meds); });
      },
      py::arg("distances"), py::arg("medoids"), "Assigns every item to its nearest medoid.");

  py::class_<SpectralResult>(m, "SpectralResult", "Spectral clustering: the groups and the embedding.")
      .def_property_readonly("medoids", [](py::object self) { return index_view(self.cast<const SpectralResult&>().clustering.medoids, self); })
      .def_property_readonly("labels", [](py::object self) { return readonly_view(self.cast<const SpectralResult&>().clustering.labels, self); })
      .def_property_readonly("loss", [](const SpectralResult& r) { return r.clustering.loss; })
      .def_property_readonly("iterations", [](const SpectralResult& r) { return r.clustering.iterations; })
      .def_property_readonly("swaps", [](const SpectralResult& r) { return r.clustering.swaps; })
      .def_property_readonly("converged", [](const SpectralResult& r) { return r.clustering.converged; })
      .def_property_readonly("embedding", [](const SpectralResult& r) { return r.embedding.rows; }, "n x k rows")
      .def_property_readonly("eigenvalues", [](const SpectralResult& r) { return r.embedding.eigenvalues; })
      .def_property_readonly("eigengap", [](const SpectralResult& r) { return r.embedding.eigengap; })
      .def_property_readonly("sigma", [](const SpectralResult& r) { return r.embedding.sigma; });
  def_matrix_method(m, "spectral", spectral_clustering_options(),
                    [](const auto& D, std::size_t k, const SpectralClusteringOptions& o) {
                      return clir::spectral_clustering(D, k, o);
                    },
                    "Spectral clustering: Gaussian affinity, normalized Laplacian, FasterPAM in the embedding.");
  def_matrix_method(m, "spectral_embedding", spectral_embedding_options(),
                    [](const auto& D, std::size_t k, const SpectralOptions& o) {
                      SpectralResult r;
                      r.embedding = clir::spectral_embedding(D, k, o);
                      return r;
                    },
                    "The spectral embedding alone (labels and medoids empty).");

  py::class_<Graph>(m, "Graph", "An undirected graph with non-negative edge weights (canonical edge list).")
      .def(py::init([](std::size_t n, py::handle edges, py::handle weights) { return to_graph(n, edges, weights); }),
           py::arg("n"), py::arg("edges"), py::arg("weights") = py::none())
      .def_property_readonly("n", &Graph::size)
      .def_property_readonly("edge_count", &Graph::edge_count)
      .def_property_readonly("edges", [](const Graph& g) { return edge_array(g.edges()); }, "(m, 2) vertex pairs, u < v")
      .def_property_readonly("weights", [](const Graph& g) { return to_numpy(edge_weights(g.edges())); })
      .def_property_readonly("total_weight", &Graph::total_weight)
      .def("__repr__", [](const Graph& g) {
        return "Graph(n=" + std::to_string(g.size()) + ", edges=" + std::to_string(g.edge_count()) + ")";
      });
  m.def(
      "knn_graph",
      [](py::handle k_arg, py::handle points, py::handle distances, const std::string& symmetry, py::handle threads) {
        const auto k = whole_number<std::size_t>("k", k_arg);
        const KnnOptions options{.symmetry = parse_symmetry(symmetry), .threads = whole_number<unsigned>("threads", threads)};
        if (!points.is_none()) {
          const auto pts = to_points(points);
          py::gil_scoped_release unlocked;
          return knn_graph(std::span<const GeoPoint>(pts), k, options);
        }
        const MatrixArg matrix(distances);
        py::gil_scoped_release unlocked;
        return matrix.visit([&](const auto& view) { return knn_graph(view, k, options); });
      },
      py::arg("k"), py::kw_only(), py::arg("points") = py::none(), py::arg("distances") = py::none(),
      py::arg("symmetry") = "either", py::arg("threads") = 0u,
      "k-nearest-neighbour graph of (lat, lon) points (km) or of a distance matrix.");
  m.def(
      "threshold_graph",
      [](double max_distance, py::handle points, py::handle distances, unsigned threads) {
        if (!points.is_none()) {
          const auto pts = to_points(points);
          py::gil_scoped_release unlocked;
          return threshold_graph(std::span<const GeoPoint>(pts), max_distance, {.threads = threads});
        }
        const MatrixArg matrix(distances);
        py::gil_scoped_release unlocked;
        return matrix.visit([&](const auto& view) { return threshold_graph(view, max_distance, {.threads = threads}); });
      },
      py::arg("max_distance"), py::kw_only(), py::arg("points") = py::none(), py::arg("distances") = py::none(),
      py::arg("threads") = 0u, "Graph of every pair within max_distance (km for points).");
  m.def(
      "delaunay_graph",
      [](py::handle points) {
        const auto pts = to_points(points);
        py::gil_scoped_release unlocked;
        return delaunay_graph(pts);
      },
      py::arg("points"), "Delaunay graph of (lat, lon) points, weights in km.");
  m.def(
      "contiguity_graph",
      [](py::handle polygons, py::handle points, const std::string& rule, double tolerance_km, double min_shared_km,
         unsigned threads) {
        std::vector<GeoMultiPolygon> areas;
        for (py::handle area : polygons) {
          areas.emplace_back();
          for (py::handle polygon : area) {
            GeoPolygon p;
            bool outer = true;
            for (py::handle ring : polygon) {
              if (outer) {
                p.outer = to_points(ring);
              } else {
                p.holes.push_back(to_points(ring));
              }
              outer = false;
            }
            areas.back().push_back(std::move(p));
          }
        }
        const auto pts = to_points(points);
        const ContiguityOptions options{.rule = parse_enum<ContiguityRule>(rule, "rule"), .tolerance_km = tolerance_km,
                                        .min_shared_km = min_shared_km, .threads = threads};
        py::gil_scoped_release unlocked;
        return contiguity_graph(areas, pts, options);
      },
      py::arg("polygons"), py::arg("points"), py::kw_only(), py::arg("rule") = "queen",
      py::arg("tolerance_km") = ContiguityOptions{}.tolerance_km, py::arg("min_shared_km") = ContiguityOptions{}.min_shared_km,
      py::arg("threads") = 0u,
      "Contiguity graph (queen or rook) of areas, each a list of polygons, each a list of (m, 2) lat, lon rings "
      "(outer first); weights are km between points (one (lat, lon) per area).");
  m.def(
      "builtin_contiguity_graph",
      [](const std::vector<std::string>& codes, const std::string& rule, double tolerance_km, double min_shared_km,
         unsigned threads) {
        const ContiguityOptions options{.rule = parse_enum<ContiguityRule>(rule, "rule"), .tolerance_km = tolerance_km,
                                        .min_shared_km = min_shared_km, .threads = threads};
        py::gil_scoped_release unlocked;
        return builtin_contiguity_graph(codes, options);
      },
      py::arg("codes"), py::kw_only(), py::arg("rule") = "queen", py::arg("tolerance_km") = ContiguityOptions{}.tolerance_km,
      py::arg("min_shared_km") = ContiguityOptions{}.min_shared_km, py::arg("threads") = 0u,
      "Contiguity graph of built-in hromadas by KATOTTG code (their polygons; weights km between their centres).");
  m.def(
      "connect_components",
      [](const Graph& g, py::handle points) {
        const auto pts = to_points(points);
        return connect_components(g, std::span<const GeoPoint>(pts)).graph;
      },
      py::arg("graph"), py::arg("points"), "Joins each component to its nearest one (shortest km edge).");
  m.def("minimum_spanning_tree", &minimum_spanning_tree, py::arg("graph"), "Minimum spanning tree (Kruskal).");
  m.def(
      "connected_components",
      [](const Graph& g) {
        Components c = connected_components(g);
        return to_numpy(std::move(c.component));
      },
      py::arg("graph"), "Component of each vertex, numbered by lowest vertex.");

  py::class_<SkaterResult>(m, "SkaterResult", "What SKATER did.")
      .def_property_readonly("labels", CLIR_PY_LABELS(SkaterResult, labels))
      .def_property_readonly("group_sizes", CLIR_PY_INDICES(SkaterResult, group_sizes))
      .def_readonly("group_ssd", &SkaterResult::group_ssd)
      .def_readonly("ssd", &SkaterResult::ssd, "total within-group sum of squared deviations")
      .def_readonly("total_ssd", &SkaterResult::total_ssd)
      .def_property_readonly("tree", [](const SkaterResult& r) { return edge_array(r.tree); })
      .def_property_readonly("cut_edges", [](const SkaterResult& r) { return edge_array(r.cut_edges); })
      .def_readonly("cut_gains", &SkaterResult::cut_gains)
      .def_readonly("components", &SkaterResult::components);
  m.def(
      "skater",
      [](const Graph& g, const Eigen::MatrixXd& attributes, py::handle k_arg, py::kwargs kwargs) {
        const auto k = whole_number<std::size_t>("k", k_arg);
        static const auto parser = [] {
          using O = SkaterOptions;
          OptionParser<O> p;
          p.fields();
          return p;
        }();
        const SkaterOptions options = parser.parse("skater", kwargs);
        py::gil_scoped_release unlocked;
        return clir::skater(g, attributes, k, options);
      },
      py::arg("graph"), py::arg("attributes"), py::arg("k"),
      "SKATER: k connected groups similar in the attributes (n x p), by cutting a spanning tree.");
}

}  // namespace clir::python
