// Evaluation: every comparison metric against a reference grouping, the label matching, and
// the internal indices (silhouettes, spread, Davies–Bouldin, Calinski–Harabasz, inertia).
#include <pybind11/eigen.h>

#include "clir/cluster/choose.hpp"
#include "clir/evaluate/evaluate.hpp"
#include "clir/evaluate/vector_quality.hpp"
#include "common.hpp"

namespace clir::python {

namespace {

/// A metric of two groupings as `name(reference, candidate)`.
template <class F>
void def_pair_metric(py::module_& m, const char* name, F f, const char* doc) {
  m.def(
      name, [f](py::handle reference, py::handle candidate) { return f(to_labels(reference, "reference"), to_labels(candidate, "candidate")); },
      py::arg("reference"), py::arg("candidate"), doc);
}

EntropyMean mean_of(const std::string& text) { return parse_enum<EntropyMean>(text, "entropy_mean"); }

py::dict by_mean(const ByEntropyMean& b) {
  py::dict d;
  d["arithmetic"] = b.arithmetic;
  d["geometric"] = b.geometric;
  d["max"] = b.max;
  d["min"] = b.min;
  return d;
}

py::dict matching_dict(const LabelMatching& mt) {
  py::dict d;
  py::list pairs;
  for (const auto& p : mt.pairs) pairs.append(py::make_tuple(p.reference_label, p.candidate_label, p.overlap));
  d["pairs"] = pairs;
  d["matched_items"] = mt.matched_items;
  d["agreement"] = mt.agreement;
  d["relabeled"] = mt.relabeled;
  d["misplaced"] = mt.misplaced;
  return d;
}

}  // namespace

void init_evaluate(py::module_& m) {
  py::class_<Comparison>(m, "Comparison", "Every comparison score of a grouping against a reference.")
      .def_readonly("items", &Comparison::items)
      .def_readonly("reference_groups", &Comparison::reference_groups)
      .def_readonly("candidate_groups", &Comparison::candidate_groups)
      .def_property_readonly("pairs", [](const Comparison& c) {
        py::dict d;
        d["total"] = c.pairs.total;
        d["together_in_both"] = c.pairs.together_in_both;
        d["together_in_reference"] = c.pairs.together_in_reference;
        d["together_in_candidate"] = c.pairs.together_in_candidate;
        d["apart_in_both"] = c.pairs.apart_in_both();
        return d;
      })
      .def_readonly("rand_index", &Comparison::rand_index)
      .def_readonly("adjusted_rand_index", &Comparison::adjusted_rand_index)
      .def_readonly("fowlkes_mallows", &Comparison::fowlkes_mallows)
      .def_readonly("reference_entropy", &Comparison::reference_entropy, "nats")
      .def_readonly("candidate_entropy", &Comparison::candidate_entropy, "nats")
      .def_readonly("mutual_information", &Comparison::mutual_information, "nats")
      .def_readonly("expected_mutual_information", &Comparison::expected_mutual_information, "nats, exact")
      .def_property_readonly("normalized_mutual_information", [](const Comparison& c) { return by_mean(c.normalized_mutual_information); })
      .def_property_readonly("adjusted_mutual_information", [](const Comparison& c) { return by_mean(c.adjusted_mutual_information); })
      .def_readonly("variation_of_information", &Comparison::variation_of_information, "nats")
      .def_property_readonly("homogeneity", [](const Comparison& c) { return c.homogeneity_completeness.homogeneity; })
      .def_property_readonly("completeness", [](const Comparison& c) { return c.homogeneity_completeness.completeness; })
      .def_property_readonly("v_measure", [](const Comparison& c) { return c.homogeneity_completeness.v_measure; })
      .def_readonly("purity", &Comparison::purity)
      .def_readonly("inverse_purity", &Comparison::inverse_purity)
      .def_property_readonly("matching", [](const Comparison& c) { return matching_dict(c.matching); });

  m.def(
      "compare",
      [](py::handle reference, py::handle candidate, double v_measure_beta, bool match) {
        return compare(to_labels(reference, "reference"), to_labels(candidate, "candidate"),
                       {.v_measure_beta = v_measure_beta, .match = match});
      },
      py::arg("reference"), py::arg("candidate"), py::kw_only(), py::arg("v_measure_beta") = CompareOptions{}.v_measure_beta,
      py::arg("match") = CompareOptions{}.match, "Every comparison score of candidate against reference.");

  def_pair_metric(m, "rand_index", [](const Labels& a, const Labels& b) { return rand_index(a, b); }, "Rand index, [0, 1].");
  def_pair_metric(m, "adjusted_rand_index", [](const Labels& a, const Labels& b) { return adjusted_rand_index(a, b); },
                  "Adjusted Rand index (Hubert & Arabie).");
  def_pair_metric(m, "fowlkes_mallows", [](const Labels& a, const Labels& b) { return fowlkes_mallows(a, b); },
                  "Fowlkes-Mallows index.");
  def_pair_metric(m, "mutual_information", [](const Labels& a, const Labels& b) { return mutual_information(a, b); },
                  "Mutual information, nats.");
  def_pair_metric(m, "variation_of_information",
                  [](const Labels& a, const Labels& b) { return variation_of_information(a, b); },
                  "Variation of information, nats.");
  def_pair_metric(m, "homogeneity", [](const Labels& a, const Labels& b) { return homogeneity(a, b); }, "Homogeneity, [0, 1].");
  def_pair_metric(m, "completeness", [](const Labels& a, const Labels& b) { return completeness(a, b); }, "Completeness, [0, 1].");
  def_pair_metric(m, "purity", [](const Labels& a, const Labels& b) { return purity(a, b); }, "Purity of candidate w.r.t. reference.");
  def_pair_metric(m, "match_labels", [](const Labels& a, const Labels& b) { return matching_dict(match_labels(a, b)); },
                  "One-to-one matching of candidate groups to reference groups (Hungarian).");
  m.def("entropy", [](py::handle labels) { return entropy(to_labels(labels)); }, py::arg("labels"),
        "Shannon entropy of the group sizes, nats.");
  m.def(
      "normalized_mutual_information",
      [](py::handle a, py::handle b, const std::string& mean) {
        return normalized_mutual_information(to_labels(a, "reference"), to_labels(b, "candidate"), mean_of(mean));
      },
      py::arg("reference"), py::arg("candidate"), py::kw_only(), py::arg("mean") = "arithmetic", "NMI, [0, 1].");
  m.def(
      "adjusted_mutual_information",
      [](py::handle a, py::handle b, const std::string& mean) {
        return adjusted_mutual_information(to_labels(a, "reference"), to_labels(b, "candidate"), mean_of(mean));
      },
      py::arg("reference"), py::arg("candidate"), py::kw_only(), py::arg("mean") = "arithmetic",
      "AMI with the exact expected mutual information.");
  m.def(
      "v_measure",
      [](py::handle a, py::handle b, double beta) { return v_measure(to_labels(a, "reference"), to_labels(b, "candidate"), beta); },
      py::arg("reference"), py::arg("candidate"), py::kw_only(), py::arg("beta") = 1.0, "V-measure, [0, 1].");
  m.def(
      "align_by_id",
      [](const std::vector<std::string>& reference_ids, py::handle reference, const std::vector<std::string>& candidate_ids,
         py::handle candidate, bool ignore_extra_candidate_ids) {
        auto a = align_by_id(reference_ids, to_labels(reference, "reference"), candidate_ids,
                             to_labels(candidate, "candidate"), {.ignore_extra_candidate_ids = ignore_extra_candidate_ids});
        return py::make_tuple(a.ids, to_numpy(std::move(a.reference)), to_numpy(std::move(a.candidate)));
      },
      py::arg("reference_ids"), py::arg("reference"), py::arg("candidate_ids"), py::arg("candidate"), py::kw_only(),
      py::arg("ignore_extra_candidate_ids") = false,
      "Puts two groupings of the same items (by id) into the reference's order: (ids, reference, candidate).");

  m.def(
      "silhouette",
      [](py::handle distances, py::handle labels, unsigned threads) {
        const Labels l = to_labels(labels);
        const MatrixArg matrix(distances);
        py::gil_scoped_release unlocked;
        SilhouetteResult r = matrix.visit([&](const auto& view) { return silhouette(view, l, {.threads = threads}); });
        py::gil_scoped_acquire locked;
        py::dict d;
        d["mean"] = r.mean;
        d["per_item"] = to_numpy(std::move(r.per_item));
        d["group_labels"] = r.group_labels;
        d["group_means"] = r.group_means;
        return d;
      },
      py::arg("distances"), py::arg("labels"), py::kw_only(), py::arg("threads") = SilhouetteOptions{}.threads,
      "Silhouette (Rousseeuw 1987): mean, per_item, group_labels, group_means.");
  m.def(
      "medoid_silhouette",
      [](py::handle distances, py::handle medoids, py::handle labels) {
        const auto meds = to_indices(medoids, "medoids");
        const MatrixArg matrix(distances);
        MedoidSilhouetteResult r;
        if (labels.is_none()) {
          r = matrix.visit([&](const auto& view) { return medoid_silhouette(view, std::span<const std::size_t>(meds)); });
        } else {
          const Labels l = to_labels(labels);
          r = matrix.visit([&](const auto& view) { return medoid_silhouette(view, std::span<const std::size_t>(meds), l); });
        }
        py::dict d;
        d["mean"] = r.mean;
        d["per_item"] = to_numpy(std::move(r.per_item));
        return d;
      },
      py::arg("distances"), py::arg("medoids"), py::arg("labels") = py::none(),
      "Medoid silhouette (Lenssen & Schubert 2022), nearest-medoid or of the given labels.");
  auto spread_dict = [](const SpreadReport& r) {
    py::dict d;
    py::list groups;
    for (const auto& g : r.groups) {
      py::dict s;
      s["label"] = g.label;
      s["size"] = g.size;
      s["medoid"] = g.medoid;
      s["diameter"] = g.diameter;
      s["mean_to_medoid"] = g.mean_to_medoid;
      s["max_to_medoid"] = g.max_to_medoid;
      groups.append(s);
    }
    d["groups"] = groups;
    d["max_diameter"] = r.max_diameter;
    d["mean_to_medoid"] = r.mean_to_medoid;
    d["total_to_medoid"] = r.total_to_medoid;
    return d;
  };
  m.def(
      "group_spread",
      [spread_dict](py::handle distances, py::handle labels, py::handle medoids) {
        const Labels l = to_labels(labels);
        const MatrixArg matrix(distances);
        if (medoids.is_none()) return spread_dict(matrix.visit([&](const auto& view) { return group_spread(view, l); }));
        const auto meds = to_indices(medoids, "medoids");
        return spread_dict(
            matrix.visit([&](const auto& view) { return group_spread(view, l, std::span<const std::size_t>(meds)); }));
      },
      py::arg("distances"), py::arg("labels"), py::arg("medoids") = py::none(),
      "Diameter, medoid and distances to it of every group (unit of the matrix).");
  m.def(
      "geographic_spread",
      [spread_dict](py::handle points, py::handle labels, const std::string& method) {
        return spread_dict(geographic_spread(to_points(points), to_labels(labels), parse_enum<GeoMethod>(method, "method")));
      },
      py::arg("points"), py::arg("labels"), py::kw_only(), py::arg("method") = "geodesic",
      "group_spread in km straight from (lat, lon) points.");
  m.def(
      "davies_bouldin", [](const Eigen::MatrixXd& x, py::handle labels) { return davies_bouldin(x, to_labels(labels)); },
      py::arg("points"), py::arg("labels"), "Davies-Bouldin index of vector data (lower is better).");
  m.def(
      "calinski_harabasz", [](const Eigen::MatrixXd& x, py::handle labels) { return calinski_harabasz(x, to_labels(labels)); },
      py::arg("points"), py::arg("labels"), "Calinski-Harabasz index of vector data (higher is better).");
  m.def(
      "explained_inertia",
      [](py::handle distances, py::handle labels) {
        const Labels l = to_labels(labels);
        const MatrixArg matrix(distances);
        py::gil_scoped_release unlocked;
        return matrix.visit([&](const auto& view) { return explained_inertia(view, l); });
      },
      py::arg("distances"), py::arg("labels"), "Share of pseudo-inertia explained, 1 - W/T (ClustGeo).");
}

}  // namespace clir::python
