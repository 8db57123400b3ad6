#include "clir/selection/explain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/scoring/normalize.hpp"
#include "clir/scoring/score.hpp"
#include "explain_model.hpp"

namespace clir {

namespace {

using detail::ExplainMeter;
using detail::MixedProgram;
using detail::MixedSolution;
using detail::Row;
using detail::RuleModel;
using detail::weakly_above;

// An LP that every explanation needs gave no optimum: the error says why (a time limit reached,
// GLPK's code otherwise), through the one mapping of GLPK's codes.
[[noreturn]] void solver_failed(const MixedSolution& s, const std::string& what, double time_limit) {
  const auto stop = s.status == MixedSolution::Status::infeasible ? detail::SolverStop::infeasible : s.stop;
  detail::throw_solver_failure(stop, s.code,
                               {.what = what, .limit_key = "explain.time_limit_s", .time_limit_seconds = time_limit,
                                .advice = "fewer criteria or a piecewise model with fewer segments"});
}

// explain_selection() in six steps: the reference among the candidates, the weight bounds, the
// features, dominance, the rule, the report. Each error names the option or member at fault
// before any program is solved, since GLPK could only say "infeasible".

// ----- 1. the reference among the candidates ------------------------------------------------
// A member that is not a candidate cannot be selected by any weighting: an error, not a miss.
RuleModel reference_model(const Table& pool, std::span<const std::string> reference_ids, const ExplainOptions& options) {
  const std::size_t n = pool.rows();
  if (options.model == ExplainModel::piecewise && options.segments == 0) {
    throw ConfigError("explain.segments", "a piecewise value function needs at least 1 segment");
  }
  if (!(options.min_gap >= 0.0 && options.min_gap < 1.0)) throw ConfigError("explain.min_gap", "must be in [0, 1)");
  if (!(options.time_limit_seconds > 0.0)) throw ConfigError("explain.time_limit_s", "must be > 0");
  if (reference_ids.empty()) throw ConfigError("explain.reference", "the reference has no members");
  RuleModel model;
  model.gap = options.min_gap;
  model.time_limit = options.time_limit_seconds;
  model.count = options.count == 0 ? reference_ids.size() : options.count;
  if (model.count < reference_ids.size()) {
    throw ConfigError("explain.count", "selecting " + std::to_string(model.count) + " cannot hold the " +
                                           std::to_string(reference_ids.size()) + " reference members");
  }
  if (model.count > n) {
    throw ConfigError("explain.count", "selecting " + std::to_string(model.count) + " of " + std::to_string(n) +
                                           " candidates");
  }
  model.is_member.assign(n, 0);
  for (const auto& id : reference_ids) {
    const auto row = pool.find_row(id);
    if (!row) {
      throw InputError("reference member '" + id + "' is not among the " + std::to_string(n) +
                           " candidates (not in the pool, or not eligible): no weighting can select it",
                       {.key = id});
    }
    if (model.is_member[*row]) throw InputError("reference member '" + id + "' is listed twice", {.key = id});
    model.is_member[*row] = 1;
    model.members.push_back(*row);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!model.is_member[i]) model.others.push_back(i);
  }
  return model;
}

// ----- 2. the criteria and the bounds on their weights ----------------------------------------
// Bounds that contradict each other or cannot sum to one are named here, with the bounds at fault.
void set_weight_bounds(const DecisionMatrix& matrix, const ExplainOptions& options, RuleModel& model) {
  model.m = matrix.cols();
  model.labels = matrix.criteria;
  model.lo.assign(model.m, 0.0);
  model.hi.assign(model.m, 1.0);
  for (std::size_t b = 0; b < options.bounds.size(); ++b) {
    const auto& bound = options.bounds[b];
    const std::string key = "explain.bounds[" + std::to_string(b) + "]";
    const auto it = std::find(model.labels.begin(), model.labels.end(), bound.criterion);
    if (it == model.labels.end()) throw ConfigError(key + ".criterion", "no criterion '" + bound.criterion + "'", model.labels);
    const auto j = static_cast<std::size_t>(it - model.labels.begin());
    for (const auto& [value, field] : {std::pair{bound.min, "min"}, std::pair{bound.max, "max"}}) {
      if (value && !(*value >= 0.0 && *value <= 1.0)) {
        throw ConfigError(key + "." + field, "a weight bound must be in [0, 1], got " + std::to_string(*value));
      }
    }
    if (bound.min) model.lo[j] = std::max(model.lo[j], *bound.min);
    if (bound.max) model.hi[j] = std::min(model.hi[j], *bound.max);
  }
  double sum_lo = 0.0, sum_hi = 0.0;
  std::vector<std::string> lows, highs;
  for (std::size_t j = 0; j < model.m; ++j) {
    if (model.lo[j] > model.hi[j] + 1e-12) {
      throw Infeasible("the weight bounds of '" + model.labels[j] + "' contradict each other",
                       {"min " + std::to_string(model.lo[j]), "max " + std::to_string(model.hi[j])},
                       "lower its min or raise its max");
    }
    sum_lo += model.lo[j];
    sum_hi += model.hi[j];
    if (model.lo[j] > 0.0) lows.push_back("min weight of '" + model.labels[j] + "'");
    if (model.hi[j] < 1.0) highs.push_back("max weight of '" + model.labels[j] + "'");
  }
  if (sum_lo > 1.0 + 1e-12) {
    throw Infeasible("the minimum weights add up to " + std::to_string(sum_lo) + " > 1", lows, "lower the minimums");
  }
  if (sum_hi < 1.0 - 1e-12) {
    throw Infeasible("the maximum weights add up to " + std::to_string(sum_hi) + " < 1", highs, "raise the maximums");
  }
}

// ----- 3. features ----------------------------------------------------------------------------
// Each criterion min-max normalized over the candidates and cut into the value function's
// segments, so that a rule's score is linear in its parameters: features · v.
void set_features(const DecisionMatrix& matrix, const ExplainOptions& options, RuleModel& model) {
  const Eigen::MatrixXd r = normalize_oriented(matrix, Normalization::min_max, CostFlip::one_minus);
  model.segments = options.model == ExplainModel::piecewise ? options.segments : 1;
  const auto S = static_cast<double>(model.segments);
  model.features.resize(static_cast<Eigen::Index>(model.is_member.size()), static_cast<Eigen::Index>(model.p()));
  for (Eigen::Index i = 0; i < r.rows(); ++i) {
    for (std::size_t j = 0; j < model.m; ++j) {
      for (std::size_t l = 0; l < model.segments; ++l) {
        // Share of segment l of the normalized scale covered by the value: u_j = Σ_l v_jl × share.
        const double share = std::clamp(r(i, static_cast<Eigen::Index>(j)) * S - static_cast<double>(l), 0.0, 1.0);
        model.features(i, static_cast<Eigen::Index>(j * model.segments + l)) = share;
      }
    }
  }
}

// ----- 4. dominance: members no rule can reach, non-members that cannot change the optimum ------
struct Dominance {
  std::vector<std::size_t> dominators;        // per non-member: the non-members that dominate it
  std::vector<char> reachable;                // per member: some rule may lift it above the threshold
  std::vector<std::size_t> member_dominated;  // per member: non-members strictly above it
  std::vector<std::size_t> member_weak;       // per member: non-members at least as good everywhere
};

Dominance find_dominance(const RuleModel& model) {
  Dominance d;
  // Strict order among the non-members: weakly above on every feature, equal rows by lower row.
  d.dominators.assign(model.others.size(), 0);
  for (std::size_t a = 0; a < model.others.size(); ++a) {
    for (std::size_t b = 0; b < model.others.size(); ++b) {
      if (a == b) continue;
      if (detail::dominates(model.features, model.others[b], model.others[a])) ++d.dominators[a];
    }
  }
  d.reachable.assign(model.members.size(), 1);
  d.member_dominated.assign(model.members.size(), 0);
  d.member_weak.assign(model.members.size(), 0);
  for (std::size_t a = 0; a < model.members.size(); ++a) {
    std::size_t weak = 0;
    for (auto k : model.others) {
      if (!weakly_above(model.features, k, model.members[a])) continue;
      ++weak;
      if (!weakly_above(model.features, model.members[a], k)) ++d.member_dominated[a];
    }
    d.member_weak[a] = weak;
    // N non-members scoring at least as high under every rule: never above the threshold with a gap.
    if (weak >= model.count) d.reachable[a] = 0;
  }
  return d;
}

// ----- 5. the rule ------------------------------------------------------------------------------
struct Rule {
  Eigen::VectorXd v;   // the rule's parameters
  MixedProgram fixed;  // the program with its optimum fixed, for the stability ranges
};

using Status = MixedSolution::Status;

// A tolerance on the fixed optimum: LP optima are exact to about 1e-9.
constexpr double kTolerance = 1e-7;

// @p prog with the sum of @p columns kept at its optimum @p objective (from below when the
// program maximizes, from above when it minimizes): the rules as good as the one found.
MixedProgram keep_optimum(MixedProgram prog, std::span<const int> columns, double objective) {
  Row keep;
  for (int c : columns) {
    keep.index.push_back(c);
    keep.coefficient.push_back(1.0);
  }
  if (prog.maximize) {
    keep.has_lower = true;
    keep.lower = objective - kTolerance;
  } else {
    keep.has_upper = true;
    keep.upper = objective + kTolerance;
  }
  prog.rows.push_back(std::move(keep));
  return prog;
}

// Members among the N best that beat, by the gap, every non-member outside them: what the
// MIP counts (a win by a tie or a hair's breadth is not an explanation).
std::size_t clear_wins(const RuleModel& model, const Eigen::VectorXd& params) {
  const std::size_t n = model.is_member.size();
  const Eigen::VectorXd s = model.features * params;
  const auto order = order_descending(s);
  double t = 0.0;
  for (std::size_t k = model.count; k < n; ++k) {
    if (!model.is_member[order[k]]) {
      t = s(static_cast<Eigen::Index>(order[k]));
      break;
    }
  }
  std::size_t hits = 0;
  for (std::size_t k = 0; k < model.count; ++k) {
    hits += model.is_member[order[k]] && s(static_cast<Eigen::Index>(order[k])) >= t + model.gap ? 1 : 0;
  }
  return hits;
}

// The best rule known before the MIP and its clear wins: a lower bound for the MIP.
struct LowerBound {
  std::size_t wins = 0;
  Eigen::VectorXd v;
};

// The LP rules, then a greedy that lifts one member more at a time (the fewest-violations LP on
// the lifted members) and keeps the rule with the most clear wins. It stops at @p upper.
LowerBound greedy_lower_bound(const RuleModel& model, const Dominance& dom, std::size_t upper,
                              const MixedSolution& margin, const MixedSolution& violation, ExplainMeter& meter) {
  const std::size_t n = model.is_member.size();
  LowerBound lower;
  auto consider = [&](const Eigen::VectorXd& params) {
    const std::size_t h = clear_wins(model, params);
    if (h > lower.wins || lower.v.size() == 0) {
      lower.wins = std::max(lower.wins, h);
      lower.v = params;
    }
    return h;
  };
  consider(model.parameters(margin));
  consider(model.parameters(violation));
  // Members in order of fewest dominating non-members, each kept when a rule lifts it with
  // the ones kept so far: the non-members that must pass (F) are let through, and while the
  // lifted members cannot clear the rest by the gap, the non-member most in the way is let
  // through too, until the places run out (the classic greedy for a largest feasible subsystem).
  std::vector<std::size_t> by_dominators;
  for (std::size_t a = 0; a < model.members.size(); ++a) {
    if (dom.reachable[a]) by_dominators.push_back(a);
  }
  std::stable_sort(by_dominators.begin(), by_dominators.end(),
                   [&](std::size_t a, std::size_t b) { return dom.member_weak[a] < dom.member_weak[b]; });
  std::vector<std::size_t> lifted;
  // At least one margin LP per member; the estimate follows the LPs per member measured so far.
  meter.enter(ExplainMeter::Stage::greedy, by_dominators.size());
  std::size_t tried = 0, lps = 0;
  for (std::size_t a : by_dominators) {
    if (lower.wins >= upper) break;
    if (tried > 0) {
      const std::size_t per_member = std::max<std::size_t>(1, (lps + tried - 1) / tried);
      meter.replan((by_dominators.size() - tried) * per_member);
    }
    ++tried;
    std::vector<std::size_t> trial = lifted;
    trial.push_back(model.members[a]);
    std::vector<char> through(n, 0);
    std::size_t passed = 0;
    for (auto k : model.others) {
      for (auto i : trial) {
        if (weakly_above(model.features, k, i)) {
          through[k] = 1;
          ++passed;
          break;
        }
      }
    }
    while (trial.size() + passed <= model.count) {
      int d = -1;
      const MixedSolution sol = meter.solve(model.margin_program(trial, d, through));
      ++lps;
      if (sol.status != Status::optimal) break;
      if (sol.x[static_cast<std::size_t>(d)] >= model.gap) {
        consider(model.parameters(sol));
        lifted = trial;
        break;
      }
      if (trial.size() + passed == model.count) break;
      const Eigen::VectorXd sc = model.features * model.parameters(sol);
      std::size_t worst = n;
      for (auto k : model.others) {
        if (!through[k] && (worst == n || sc(static_cast<Eigen::Index>(k)) > sc(static_cast<Eigen::Index>(worst)))) worst = k;
      }
      if (worst == n) break;
      through[worst] = 1;
      ++passed;
    }
  }
  return lower;
}

// The rule that puts the most members among the N best: the greedy's rule as a start and lower
// bound, the dominance bound as a cap, then the MIP over the non-members that can matter.
Rule most_members_rule(const RuleModel& model, const Dominance& dom, std::size_t upper, const MixedSolution& margin,
                       const MixedSolution& violation, ExplainResult& out, ExplainMeter& meter) {
  const LowerBound greedy = greedy_lower_bound(model, dom, upper, margin, violation, meter);
  const std::size_t lower = greedy.wins;
  Rule rule{.v = greedy.v, .fixed = {}};
  // With that lower bound, a non-member dominated by more non-members than places are left
  // for non-members can never rise above the threshold alone: it leaves the MIP.
  std::vector<std::size_t> kept;
  for (std::size_t a = 0; a < model.others.size(); ++a) {
    if (dom.dominators[a] + lower < model.count + 1) kept.push_back(model.others[a]);
  }
  out.dropped_candidates = model.others.size() - kept.size();
  std::vector<int> z, y;
  MixedProgram prog = model.members_program(dom.reachable, kept, lower, z, y);
  {
    Row cap;  // the dominance bound, stated to the MIP
    for (int zi : z) {
      if (zi < 0) continue;
      cap.index.push_back(zi);
      cap.coefficient.push_back(1.0);
    }
    cap.has_upper = true;
    cap.upper = static_cast<double>(upper);
    prog.rows.push_back(std::move(cap));
  }
  if (lower >= upper) {
    out.proven_optimal = true;  // the heuristic rule reaches the bound
    meter.skip_mip();
  } else {
    prog.start = model.start_point(rule.v, dom.reachable, kept, z, y);
    meter.enter(ExplainMeter::Stage::mip, 1);
    const MixedSolution best = meter.solve(prog);
    if (best.status == Status::optimal || best.status == Status::feasible) {
      out.proven_optimal = best.status == Status::optimal;
      const Eigen::VectorXd candidate = model.parameters(best);
      if (clear_wins(model, candidate) > lower) rule.v = candidate;
      if (out.proven_optimal) {
        out.upper_bound = std::max(clear_wins(model, rule.v), static_cast<std::size_t>(std::lround(best.objective)));
      }
    } else if (best.status != Status::infeasible) {
      out.proven_optimal = false;  // time limit without a better rule: the heuristic one stands
    }
  }
  // Stability over the rules with the same members above the threshold and the same
  // non-members below it (an LP): z and y fixed at the rule's pattern.
  const auto pattern = model.start_point(rule.v, dom.reachable, kept, z, y);
  rule.fixed = std::move(prog);
  rule.fixed.start.clear();
  for (std::size_t c = 0; c < rule.fixed.columns.size(); ++c) {
    if (!rule.fixed.columns[c].binary) continue;
    rule.fixed.columns[c].binary = false;
    rule.fixed.columns[c].lower = rule.fixed.columns[c].upper = pattern[c];
  }
  return rule;
}

// The LPs of largest margin and fewest violations are solved for every objective: they give
// the bound on the members and, for max_members, the greedy's first rules.
Rule find_rule(const RuleModel& model, const Dominance& dom, const ExplainOptions& options, ExplainResult& out,
               ExplainMeter& meter) {
  int delta = -1;
  std::vector<int> sigma;
  meter.enter(ExplainMeter::Stage::rules, 2);
  const MixedProgram margin_prog = model.margin_program(model.members, delta);
  const MixedSolution margin = meter.solve(margin_prog);
  if (margin.status != Status::optimal) solver_failed(margin, "rule of largest margin", options.time_limit_seconds);
  const MixedProgram violation_prog = model.violation_program(model.members, sigma);
  const MixedSolution violation = meter.solve(violation_prog);
  if (violation.status != Status::optimal) solver_failed(violation, "rule of fewest violations", options.time_limit_seconds);
  // Upper bound without weights: a member above the threshold lifts every non-member at least
  // as good on every criterion above it, so a set S of members needs |S| + |F(S)| <= N places
  // (F(S): the non-members dominating some member of S).
  std::size_t upper = detail::dominance_bound(model, dom.reachable);
  // With N = |R|, all members among the N best means all above every non-member: a largest
  // margin below the gap rules that out.
  if (model.count == model.members.size() && margin.objective < model.gap) upper = std::min(upper, model.members.size() - 1);
  out.upper_bound = upper;
  if (options.objective == ExplainObjective::max_margin) {
    return {.v = model.parameters(margin), .fixed = keep_optimum(margin_prog, std::span(&delta, 1), margin.objective)};
  }
  if (options.objective == ExplainObjective::min_violations) {
    return {.v = model.parameters(violation), .fixed = keep_optimum(violation_prog, sigma, violation.objective)};
  }
  return most_members_rule(model, dom, upper, margin, violation, out, meter);
}

// ----- 6. the report ----------------------------------------------------------------------------
// The rule's weights and value functions, its margin and violations, where each member ranks,
// whether the quota rules select it, and who displaces the members.
void report_rule(const Table& pool, const RuleModel& model, const Dominance& dom, const ExplainOptions& options,
                 const Rule& rule, ExplainResult& out, ExplainMeter& meter) {
  const std::size_t n = model.is_member.size();
  const Eigen::VectorXd& v = rule.v;
  out.weights = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.m));
  for (std::size_t j = 0; j < model.m; ++j) {
    std::vector<double> f{0.0};
    for (std::size_t l = 0; l < model.segments; ++l) f.push_back(f.back() + v(static_cast<Eigen::Index>(j * model.segments + l)));
    out.weights(static_cast<Eigen::Index>(j)) = f.back();
    out.value_functions.push_back(std::move(f));
  }
  const Eigen::VectorXd s = model.features * v;
  const auto order = order_descending(s);
  std::vector<std::size_t> rank(n);
  for (std::size_t k = 0; k < n; ++k) rank[order[k]] = k + 1;
  double worst_member = 1.0, best_other = 0.0;
  for (auto i : model.members) worst_member = std::min(worst_member, s(static_cast<Eigen::Index>(i)));
  for (auto k : model.others) best_other = std::max(best_other, s(static_cast<Eigen::Index>(k)));
  out.margin = model.others.empty() ? worst_member : worst_member - best_other;
  // The min_violations objective at this rule with its best threshold: convex and piecewise
  // linear in t, so a breakpoint (a non-member's score or a member's score less the gap) is optimal.
  auto violations_at = [&](double t) {
    double total = 0.0;
    for (auto i : model.members) total += std::max(0.0, t + model.gap - s(static_cast<Eigen::Index>(i)));
    for (auto k : model.others) total += std::max(0.0, s(static_cast<Eigen::Index>(k)) - t);
    return total;
  };
  out.violations = violations_at(1.0);
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    for (double t : {s(i), s(i) - model.gap}) out.violations = std::min(out.violations, violations_at(std::clamp(t, 0.0, 1.0)));
  }

  std::vector<char> selected(n, 0);
  for (std::size_t k = 0; k < model.count; ++k) selected[order[k]] = 1;
  const bool quotas = !options.selection.quotas.empty() || !options.selection.distinct.empty() ||
                      !options.selection.shares.empty();
  std::vector<char> quota_selected(n, 0);
  if (quotas) {
    SelectionOptions sel = options.selection;
    sel.count = model.count;
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});
    const QuotaSelector selector(pool, all, sel);
    for (auto c : selector.select_ordered(s, order)) quota_selected[c] = 1;
    std::size_t hits = 0;
    for (auto i : model.members) hits += quota_selected[i] ? 1 : 0;
    out.members_selected = hits;
  }
  for (std::size_t a = 0; a < model.members.size(); ++a) {
    const auto i = model.members[a];
    ExplainedMember e{.id = pool.ids()[i], .score = s(static_cast<Eigen::Index>(i)), .rank = rank[i],
                      .in_top = selected[i] != 0, .dominated_by = dom.member_dominated[a]};
    if (quotas) e.selected = quota_selected[i] != 0;
    out.members_in_top += e.in_top ? 1 : 0;
    out.members.push_back(std::move(e));
  }
  for (auto k : order) {
    if (model.is_member[k] || !(quotas ? quota_selected[k] : selected[k])) continue;
    out.displacers.push_back({.id = pool.ids()[k], .score = s(static_cast<Eigen::Index>(k)), .rank = rank[k]});
  }
  if (options.stability) {
    meter.enter(ExplainMeter::Stage::stability, 2 * model.m);
    out.stability = model.ranges(rule.fixed, out.weights, meter);
  }
}

}  // namespace

ExplainResult explain_selection(const Table& pool, std::span<const Criterion> criteria,
                                std::span<const std::string> reference_ids, const ExplainOptions& options) {
  RuleModel model = reference_model(pool, reference_ids, options);
  const DecisionMatrix matrix = build_decision_matrix(pool, criteria, false);
  set_weight_bounds(matrix, options, model);
  set_features(matrix, options, model);

  ExplainResult out;
  out.objective = options.objective;
  out.model = options.model;
  out.criteria = model.labels;
  out.candidates = model.is_member.size();
  out.reference_size = model.members.size();
  out.count = model.count;

  ExplainMeter meter(options, model.m);
  const Dominance dominance = find_dominance(model);
  for (std::size_t a = 0; a < model.members.size(); ++a) {
    if (!dominance.reachable[a]) out.unreachable.push_back(pool.ids()[model.members[a]]);
  }
  if (options.objective == ExplainObjective::max_members) {
    meter.expect_greedy(model.members.size() - out.unreachable.size());
  }
  const Rule rule = find_rule(model, dominance, options, out, meter);
  report_rule(pool, model, dominance, options, rule, out, meter);
  return out;
}

}  // namespace clir
