// Scoring (every method and weighting), eligibility, quota selection with a reason for every
// applicant, and robustness (Monte Carlo weights, leave-one-criterion-out, rank agreement).
#include <pybind11/eigen.h>

#include <memory>

#include "clir/scoring/default_criteria.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/eligibility.hpp"
#include "clir/selection/robustness.hpp"
#include "clir/selection/select.hpp"
#include "common.hpp"

namespace clir::python {

namespace {

/// Parses each dict of @p items with @p parser (the keys are the struct's fields).
template <class O>
std::vector<O> parse_list(const OptionParser<O>& parser, const std::string& what, py::handle items) {
  std::vector<O> out;
  if (items.is_none()) return out;
  for (py::handle item : items) {
    if (!py::isinstance<py::dict>(item))
      throw ConfigError(what, "each entry is a dict of " + what + " fields, got " + type_name(item), parser.names());
    out.push_back(parser.parse(what, py::reinterpret_borrow<py::kwargs>(item)));
  }
  return out;
}

const OptionParser<Criterion>& criterion_parser() {
  static const OptionParser<Criterion> parser = [] {
    OptionParser<Criterion> p;
    p.fields(kCriterionKeywords).custom("transforms", [](Criterion& c, py::handle v) {
      c.transforms.clear();
      for (py::handle t : v) c.transforms.push_back(parse_enum<Transform>(py::cast<std::string>(t), "transform"));
    });
    return p;
  }();
  return parser;
}

/// A criterion as the dict criterion= takes; the name is the label (the column when unnamed).
py::dict criterion_dict(const Criterion& c) {
  py::dict d = field_dict(c, kCriterionKeywords);
  d["name"] = c.label();
  return d;
}

std::vector<Criterion> to_criteria(py::handle criteria) {
  if (criteria.is_none()) return default_clir_criteria();
  return parse_list(criterion_parser(), "criterion", criteria);
}

const OptionParser<ScoringOptions>& scoring_parser() {
  static const OptionParser<ScoringOptions> parser = [] {
    OptionParser<ScoringOptions> p;
    p.fields().custom("preference", [](ScoringOptions& o, py::handle v) {
      static const OptionParser<PreferenceFunction> pf = [] {
        OptionParser<PreferenceFunction> q;
        q.fields(kPreferenceKeywords);
        return q;
      }();
      o.preference = parse_list(pf, "preference", v);
    });
    return p;
  }();
  return parser;
}

const OptionParser<SelectionOptions>& selection_parser() {
  static const OptionParser<SelectionOptions> parser = [] {
    static const OptionParser<CategoryQuota> quota = OptionParser<CategoryQuota>().fields();
    static const OptionParser<DistinctQuota> distinct = OptionParser<DistinctQuota>().fields();
    static const OptionParser<ShareQuota> share = OptionParser<ShareQuota>().fields();
    OptionParser<SelectionOptions> p;
    p.fields(kSelectionKeywords)
        .custom("quotas", [](SelectionOptions& o, py::handle v) { o.quotas = parse_list(quota, "quota", v); })
        .custom("distinct", [](SelectionOptions& o, py::handle v) { o.distinct = parse_list(distinct, "distinct", v); })
        .custom("shares", [](SelectionOptions& o, py::handle v) { o.shares = parse_list(share, "share", v); });
    return p;
  }();
  return parser;
}

const OptionParser<MonteCarloOptions>& monte_carlo_parser() {
  static const OptionParser<MonteCarloOptions> parser = OptionParser<MonteCarloOptions>().fields();
  return parser;
}

std::vector<EligibilityRule> to_rules(py::handle rules) {
  std::vector<EligibilityRule> out;
  if (rules.is_none()) return default_clir_eligibility();
  for (py::handle r : rules) {
    if (py::isinstance<py::str>(r)) {
      out.push_back(parse_eligibility_rule(py::cast<std::string>(r)));
    } else if (py::isinstance<py::dict>(r)) {
      auto d = py::reinterpret_borrow<py::dict>(r);
      for (auto item : d) {
        const auto key = py::cast<std::string>(item.first);
        if (key != "name" && key != "rule") throw_unknown_option("eligibility rule", key, {"name", "rule"});
      }
      if (!d.contains("rule")) throw ConfigError("rule", "an eligibility rule dict needs 'rule', e.g. 'occupation_ongoing == 0'");
      out.push_back(parse_eligibility_rule(py::cast<std::string>(d["rule"]),
                                           d.contains("name") ? py::cast<std::string>(d["name"]) : std::string()));
    } else {
      throw ConfigError("eligibility", "a rule is an expression string or a dict {name, rule}, got " + type_name(r));
    }
  }
  return out;
}

std::vector<Direction> to_directions(py::handle directions) {
  std::vector<Direction> out;
  for (py::handle d : directions) out.push_back(parse_enum<Direction>(py::cast<std::string>(d), "direction"));
  return out;
}

/// The table, restricted to @p rows when given.
Table table_rows(py::handle data, py::handle ids, py::handle rows) {
  Table t = to_table(data, ids);
  if (rows.is_none()) return t;
  return t.select_rows(to_indices(rows, "rows"));
}

/// Everything the robustness functions share: the prepared scoring, the base weights, and a
/// selector over the same rows (when selection options are given).
struct RobustnessInput {
  std::unique_ptr<PreparedScoring> prepared;
  Eigen::VectorXd weights;
  std::unique_ptr<QuotaSelector> selector;
  std::size_t count = 0;
};

RobustnessInput robustness_input(py::handle data, py::handle criteria, py::handle rows, py::handle scoring,
                                 py::handle selection, py::handle ids) {
  const Table table = table_rows(data, ids, rows);
  const auto list = to_criteria(criteria);
  const ScoringOptions options =
      scoring.is_none() ? ScoringOptions{} : scoring_parser().parse("scoring", py::reinterpret_borrow<py::kwargs>(scoring));
  RobustnessInput in;
  in.prepared = std::make_unique<PreparedScoring>(build_decision_matrix(table, list), options);
  in.weights = score(in.prepared->matrix(), options).weights;
  if (!selection.is_none()) {
    const SelectionOptions s = selection_parser().parse("selection", py::reinterpret_borrow<py::kwargs>(selection));
    std::vector<std::size_t> all(table.rows());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    in.selector = std::make_unique<QuotaSelector>(table, all, s);
    in.count = s.count;
  }
  return in;
}

py::dict agreement_dict(const RankAgreement& a) {
  py::dict d;
  d["spearman"] = a.spearman;
  d["kendall_tau_b"] = a.kendall_tau_b;
  d["top_overlap"] = a.top_overlap;
  d["top_n"] = a.top_n;
  return d;
}

}  // namespace

void init_scoring(py::module_& m) {
  py::class_<ScoreResult>(m, "ScoreResult", "Scores and ranks (higher score is better for every method).")
      .def_readonly("ids", &ScoreResult::ids)
      .def_readonly("criteria", &ScoreResult::criteria)
      .def_property_readonly("method", [](const ScoreResult& r) { return std::string(to_string(r.method)); })
      .def_readonly("weights", &ScoreResult::weights, "weights used, summing to 1")
      .def_readonly("score", &ScoreResult::score)
      .def_property_readonly("rank", [](py::object self) { return index_view(self.cast<const ScoreResult&>().rank, self); }, "1 = best")
      .def_property_readonly("order", [](py::object self) { return index_view(self.cast<const ScoreResult&>().order, self); }, "rows, best first")
      .def_readonly("imputed", &ScoreResult::imputed, "imputed cells per criterion")
      .def_property_readonly("details", [](const ScoreResult& r) {
        py::dict d;
        if (r.topsis) {
          d["closeness"] = r.topsis->closeness;
          d["d_best"] = r.topsis->d_best;
          d["d_worst"] = r.topsis->d_worst;
        }
        if (r.vikor) {
          d["s"] = r.vikor->s;
          d["r"] = r.vikor->r;
          d["q"] = r.vikor->q;
          d["compromise"] = r.vikor->compromise;
          d["acceptable_advantage"] = r.vikor->acceptable_advantage;
          d["acceptable_stability"] = r.vikor->acceptable_stability;
        }
        if (r.promethee) {
          d["phi_plus"] = r.promethee->phi_plus;
          d["phi_minus"] = r.promethee->phi_minus;
          d["phi"] = r.promethee->phi;
        }
        if (r.ahp) {
          d["ahp_weights"] = r.ahp->weights;
          d["lambda_max"] = r.ahp->lambda_max;
          d["consistency_ratio"] = r.ahp->consistency_ratio;
          d["consistent"] = r.ahp->consistent;
        }
        return d;
      }, "the method's own figures (TOPSIS distances, VIKOR S/R/Q, PROMETHEE flows, AHP consistency)");

  py::class_<EligibilityResult>(m, "EligibilityResult", "Which rule excluded which applicant.")
      .def_readonly("ids", &EligibilityResult::ids)
      .def_readonly("rule_names", &EligibilityResult::rule_names)
      .def_readonly("eligible", &EligibilityResult::eligible)
      .def_readonly("failed_rules", &EligibilityResult::failed_rules)
      .def_property_readonly("eligible_rows", [](py::object self) { return index_view(self.cast<const EligibilityResult&>().eligible_rows, self); })
      .def_readonly("excluded_count", &EligibilityResult::excluded_count)
      .def("reason", &EligibilityResult::reason, py::arg("row"), "The failed rules of a row, joined by '; '.");

  py::class_<Explanation>(m, "Explanation", "Why one applicant is or is not selected.")
      .def_readonly("id", &Explanation::id)
      .def_readonly("eligible", &Explanation::eligible)
      .def_readonly("excluded_by", &Explanation::excluded_by)
      .def_readonly("score", &Explanation::score)
      .def_readonly("rank", &Explanation::rank)
      .def_readonly("selected", &Explanation::selected)
      .def_property_readonly("status", [](const Explanation& e) { return std::string(to_string(e.status)); })
      .def_readonly("constraint", &Explanation::constraint)
      .def_readonly("displaced_by", &Explanation::displaced_by)
      .def_readonly("text", &Explanation::text)
      .def("__repr__", [](const Explanation& e) { return "Explanation('" + e.id + "', '" + std::string(to_string(e.status)) + "')"; });

  py::class_<SelectionResult>(m, "SelectionResult", "The selection and a reason for every applicant.")
      .def_property_readonly("selected_rows", [](py::object self) { return index_view(self.cast<const SelectionResult&>().selected_rows, self); })
      .def_readonly("selected_ids", &SelectionResult::selected_ids, "best rank first")
      .def_readonly("explanations", &SelectionResult::explanations, "one per table row, in table order")
      .def_readonly("objective", &SelectionResult::objective, "sum of the selected scores")
      .def_property_readonly("solver_used", [](const SelectionResult& r) { return std::string(to_string(r.solver_used)); })
      .def_readonly("proven_optimal", &SelectionResult::proven_optimal)
      .def_readonly("cutoff_rank", &SelectionResult::cutoff_rank)
      .def_readonly("cutoff_score", &SelectionResult::cutoff_score);

  py::class_<MonteCarloResult>(m, "MonteCarloResult", "Ranks and selections under drawn weights.")
      .def_readonly("ids", &MonteCarloResult::ids)
      .def_readonly("draws", &MonteCarloResult::draws)
      .def_readonly("band_edges", &MonteCarloResult::band_edges)
      .def_readonly("rank_acceptability", &MonteCarloResult::rank_acceptability)
      .def_readonly("mean_rank", &MonteCarloResult::mean_rank)
      .def_readonly("best_rank", &MonteCarloResult::best_rank)
      .def_readonly("worst_rank", &MonteCarloResult::worst_rank)
      .def_readonly("selection_probability", &MonteCarloResult::selection_probability)
      .def_readonly("central_weights", &MonteCarloResult::central_weights);

  py::class_<CriterionDrop>(m, "CriterionDrop", "The effect of dropping one criterion.")
      .def_readonly("criterion", &CriterionDrop::criterion)
      .def_readonly("weights", &CriterionDrop::weights)
      .def_property_readonly("agreement", [](const CriterionDrop& d) { return agreement_dict(d.agreement); })
      .def_readonly("entered", &CriterionDrop::entered)
      .def_readonly("left", &CriterionDrop::left);

  m.def("default_criteria", [] {
    py::list out;
    for (const auto& c : default_clir_criteria()) out.append(criterion_dict(c));
    return out;
  }, "The documented default criteria for the built-in data, as dicts.");
  m.def("default_eligibility", [] {
    py::list out;
    for (const auto& r : default_clir_eligibility()) {
      py::dict d;
      d["name"] = r.name;
      d["rule"] = r.describe();
      out.append(d);
    }
    return out;
  }, "The default eligibility rules, as dicts {name, rule}.");
  m.attr("_scoring_options") = scoring_parser().names();
  m.attr("_selection_options") = selection_parser().names();
  m.attr("_monte_carlo_options") = monte_carlo_parser().names();
  m.attr("_criterion_fields") = criterion_parser().names();

  m.def(
      "score",
      [](py::handle data, py::handle criteria, py::handle ids, py::handle rows, py::kwargs kwargs) {
        const Table table = table_rows(data, ids, rows);
        const auto list = to_criteria(criteria);
        const ScoringOptions options = scoring_parser().parse("score", kwargs);
        py::gil_scoped_release unlocked;
        return score(table, list, options);
      },
      py::arg("data") = py::none(), py::arg("criteria") = py::none(), py::kw_only(), py::arg("ids") = py::none(),
      py::arg("rows") = py::none(), "Scores the rows of data under the criteria.");

  m.def(
      "check_eligibility",
      [](py::handle data, py::handle rules, py::handle ids) {
        return check_eligibility(to_table(data, ids), to_rules(rules));
      },
      py::arg("data") = py::none(), py::arg("rules") = py::none(), py::kw_only(), py::arg("ids") = py::none(),
      "Checks every rule (expression strings or {name, rule} dicts) on every row.");

  m.def(
      "select",
      [](py::handle data, const ScoreResult& scores, py::handle eligibility, py::handle ids, py::kwargs kwargs) {
        const Table table = to_table(data, ids);
        const SelectionOptions options = selection_parser().parse("select", kwargs);
        const EligibilityResult* e = eligibility.is_none() ? nullptr : &py::cast<const EligibilityResult&>(eligibility);
        py::gil_scoped_release unlocked;
        return e ? select(table, scores, *e, options) : select(table, scores, options);
      },
      py::arg("data"), py::arg("scores"), py::kw_only(), py::arg("eligibility") = py::none(), py::arg("ids") = py::none(),
      "Selects count applicants with the highest total score under the quotas; explains every row.");

  m.def(
      "robustness",
      [](py::handle data, py::handle criteria, py::handle rows, py::handle scoring, py::handle selection, py::handle ids,
         py::kwargs kwargs) {
        const MonteCarloOptions options = monte_carlo_parser().parse("robustness", kwargs);
        RobustnessInput in = robustness_input(data, criteria, rows, scoring, selection, ids);
        py::gil_scoped_release unlocked;
        return monte_carlo(*in.prepared, in.weights, options, in.selector.get());
      },
      py::arg("data") = py::none(), py::arg("criteria") = py::none(), py::kw_only(), py::arg("rows") = py::none(),
      py::arg("scoring") = py::none(), py::arg("selection") = py::none(), py::arg("ids") = py::none(),
      "Monte Carlo weight perturbation (SMAA-2 style) around the scoring's weights.");

  m.def(
      "leave_one_criterion_out",
      [](py::handle data, py::handle criteria, std::size_t top_n, py::handle rows, py::handle scoring, py::handle selection,
         py::handle ids) {
        RobustnessInput in = robustness_input(data, criteria, rows, scoring, selection, ids);
        py::gil_scoped_release unlocked;
        return leave_one_criterion_out(*in.prepared, in.weights, in.selector ? in.count : top_n, in.selector.get());
      },
      py::arg("data") = py::none(), py::arg("criteria") = py::none(), py::kw_only(), py::arg("top_n") = 19,
      py::arg("rows") = py::none(), py::arg("scoring") = py::none(), py::arg("selection") = py::none(),
      py::arg("ids") = py::none(), "Re-scores and re-selects with each criterion dropped in turn.");

  m.def(
      "rank_agreement",
      [](const Eigen::VectorXd& a, const Eigen::VectorXd& b, std::size_t top_n) {
        return agreement_dict(rank_agreement(a, b, top_n));
      },
      py::arg("a"), py::arg("b"), py::arg("top_n"), "Spearman, Kendall's tau-b and top-N overlap of two score vectors.");

  // The methods on a decision matrix (alternatives x criteria), as in the papers.
  m.def(
      "topsis",
      [](const Eigen::MatrixXd& values, py::handle directions, const Eigen::VectorXd& weights, const std::string& normalization) {
        const auto r = topsis(values, to_directions(directions), weights, parse_enum<Normalization>(normalization, "normalization"));
        return py::make_tuple(r.closeness, r.d_best, r.d_worst);
      },
      py::arg("values"), py::arg("directions"), py::arg("weights"), py::kw_only(), py::arg("normalization") = "vector",
      "TOPSIS: (closeness, d_best, d_worst).");
  m.def(
      "vikor",
      [](const Eigen::MatrixXd& values, py::handle directions, const Eigen::VectorXd& weights, double v) {
        const auto r = vikor(values, to_directions(directions), weights, v);
        py::dict d;
        d["s"] = r.s;
        d["r"] = r.r;
        d["q"] = r.q;
        d["compromise"] = r.compromise;
        d["acceptable_advantage"] = r.acceptable_advantage;
        d["acceptable_stability"] = r.acceptable_stability;
        return d;
      },
      py::arg("values"), py::arg("directions"), py::arg("weights"), py::kw_only(), py::arg("v") = 0.5, "VIKOR: S, R, Q.");
  m.def(
      "promethee_ii",
      [](const Eigen::MatrixXd& values, py::handle directions, const Eigen::VectorXd& weights, py::handle preference) {
        ScoringOptions o;
        if (!preference.is_none()) {
          py::dict kw;
          kw["preference"] = preference;
          o = scoring_parser().parse("promethee_ii", py::reinterpret_borrow<py::kwargs>(kw));
        }
        const auto r = promethee_ii(values, to_directions(directions), weights, o.preference);
        return py::make_tuple(r.phi, r.phi_plus, r.phi_minus);
      },
      py::arg("values"), py::arg("directions"), py::arg("weights"), py::kw_only(), py::arg("preference") = py::none(),
      "PROMETHEE II: (phi, phi_plus, phi_minus); preference = one {type, q, p, s} per criterion.");
  m.def("weighted_sum", &weighted_sum, py::arg("oriented"), py::arg("weights"), "Sum of w_j r_ij.");
  m.def("weighted_product", &weighted_product, py::arg("oriented"), py::arg("weights"), "Product of r_ij ^ w_j.");
  m.def(
      "normalize",
      [](const Eigen::MatrixXd& values, py::handle directions, const std::string& method, const std::string& cost_flip) {
        return normalize_oriented(values, to_directions(directions), parse_enum<Normalization>(method, "normalization"), parse_enum<CostFlip>(cost_flip, "cost_flip"));
      },
      py::arg("values"), py::arg("directions"), py::kw_only(), py::arg("method") = "min_max", py::arg("cost_flip") = "one_minus",
      "Normalizes every column and orients it so that higher is better.");
  m.def("entropy_weights", [](const Eigen::MatrixXd& v) { return entropy_weights(v); }, py::arg("values"), "Entropy weights.");
  m.def("critic_weights", &critic_weights, py::arg("oriented"), "CRITIC weights of a benefit-oriented min-max matrix.");
  m.def("std_dev_weights", &std_dev_weights, py::arg("normalized"), "Standard-deviation weights.");
  m.def(
      "ahp_weights",
      [](const Eigen::MatrixXd& pairwise, const std::string& method, double max_consistency_ratio, bool allow_inconsistent) {
        const auto r = ahp_weights(pairwise, {.method = parse_enum<AhpMethod>(method, "ahp.method"), .max_consistency_ratio = max_consistency_ratio,
                                              .allow_inconsistent = allow_inconsistent});
        py::dict d;
        d["weights"] = r.weights;
        d["lambda_max"] = r.lambda_max;
        d["consistency_index"] = r.consistency_index;
        d["random_index"] = r.random_index;
        d["consistency_ratio"] = r.consistency_ratio;
        d["consistent"] = r.consistent;
        return d;
      },
      py::arg("pairwise"), py::kw_only(), py::arg("method") = "eigenvector",
      py::arg("max_consistency_ratio") = AhpOptions{}.max_consistency_ratio,
      py::arg("allow_inconsistent") = AhpOptions{}.allow_inconsistent, "AHP weights and consistency of a pairwise matrix.");
}

}  // namespace clir::python
