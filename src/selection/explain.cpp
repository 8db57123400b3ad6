#include "clir/selection/explain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <bit>
#include <cstdint>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/scoring/normalize.hpp"
#include "clir/scoring/score.hpp"
#include "glpk_mip.hpp"

namespace clir {

namespace {

using detail::MixedProgram;
using detail::MixedSolution;
using Row = detail::BinaryProgram::Row;

// a ≥ b on every feature.
bool weakly_above(const Eigen::MatrixXd& f, std::size_t a, std::size_t b) {
  return (f.row(static_cast<Eigen::Index>(a)).array() >= f.row(static_cast<Eigen::Index>(b)).array()).all();
}
// The strict order among candidates used for dominance: a ≥ b on every feature, and a ≠ b or
// (equal rows) a is the lower row.
bool dominates(const Eigen::MatrixXd& f, std::size_t a, std::size_t b) {
  return a != b && weakly_above(f, a, b) && (!weakly_above(f, b, a) || a < b);
}

// The program's parameters are the p = criteria × segments increments v of the value functions
// (linear: one per criterion); a candidate's score is features.row(i) · v, in [0, 1].
struct Model {
  Eigen::MatrixXd features;                // candidates × p, entries in [0, 1]
  std::size_t m = 0, segments = 1;         // criteria, segments per criterion
  std::vector<std::size_t> members;        // candidate rows of the reference, reference order
  std::vector<std::size_t> others;         // the other candidates, row order
  std::vector<double> lo, hi;              // per criterion weight bounds
  std::vector<std::string> labels;
  std::size_t count = 0;
  double gap = 1e-6;
  double time_limit = 60.0;

  std::size_t p() const { return m * segments; }
  std::size_t t_col() const { return p(); }

  // Columns v (p) and t, the sum-to-one row and the weight bounds.
  MixedProgram base(bool maximize) const {
    MixedProgram prog;
    prog.maximize = maximize;
    prog.time_limit_seconds = time_limit;
    // GLPK's default (1e-5) lets z = 0.99999 pass as 1, which with the big-M switches a row
    // off by more than the gap.
    prog.integer_tolerance = 1e-10;
    prog.columns.assign(p() + 1, {});
    for (std::size_t k = 0; k < p(); ++k) prog.columns[k].upper = 1.0;
    prog.columns[t_col()] = {.lower = 0.0, .upper = 1.0};
    Row sum;
    for (std::size_t k = 0; k < p(); ++k) {
      sum.index.push_back(static_cast<int>(k));
      sum.coefficient.push_back(1.0);
    }
    sum.has_lower = sum.has_upper = true;
    sum.lower = sum.upper = 1.0;
    prog.rows.push_back(std::move(sum));
    for (std::size_t j = 0; j < m; ++j) {
      if (lo[j] <= 0.0 && hi[j] >= 1.0) continue;
      prog.rows.push_back(weight_row(j));
      auto& r = prog.rows.back();
      r.has_lower = lo[j] > 0.0;
      r.lower = lo[j];
      r.has_upper = hi[j] < 1.0;
      r.upper = hi[j];
    }
    return prog;
  }
  Row weight_row(std::size_t j) const {
    Row r;
    for (std::size_t l = 0; l < segments; ++l) {
      r.index.push_back(static_cast<int>(j * segments + l));
      r.coefficient.push_back(1.0);
    }
    return r;
  }
  // score_i - t (+ extra column × coefficient).
  Row score_row(std::size_t i, int extra = -1, double extra_coefficient = 0.0) const {
    Row r;
    for (std::size_t k = 0; k < p(); ++k) {
      const double f = features(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k));
      if (f != 0.0) {
        r.index.push_back(static_cast<int>(k));
        r.coefficient.push_back(f);
      }
    }
    r.index.push_back(static_cast<int>(t_col()));
    r.coefficient.push_back(-1.0);
    if (extra >= 0) {
      r.index.push_back(extra);
      r.coefficient.push_back(extra_coefficient);
    }
    return r;
  }
  static int add_column(MixedProgram& prog, MixedProgram::Column c) {
    prog.columns.push_back(c);
    return static_cast<int>(prog.columns.size() - 1);
  }

  // max δ: lifted − t ≥ δ, other − t ≤ 0 for the non-members not let through (@p through, per
  // candidate row, may be empty).
  MixedProgram margin_program(std::span<const std::size_t> lifted, int& delta, const std::vector<char>& through = {}) const {
    MixedProgram prog = base(true);
    delta = add_column(prog, {.lower = -1.0, .upper = 1.0, .objective = 1.0});
    for (auto i : lifted) {
      prog.rows.push_back(score_row(i, delta, -1.0));
      prog.rows.back().has_lower = true;
    }
    for (auto k : others) {
      if (!through.empty() && through[k]) continue;
      prog.rows.push_back(score_row(k));
      prog.rows.back().has_upper = true;
    }
    return prog;
  }

  // min Σσ: member − t + σ ≥ gap, other − t − σ ≤ 0.
  MixedProgram violation_program(std::span<const std::size_t> lifted, std::vector<int>& sigma) const {
    MixedProgram prog = base(false);
    for (auto i : lifted) {
      sigma.push_back(add_column(prog, {.objective = 1.0}));
      prog.rows.push_back(score_row(i, sigma.back(), 1.0));
      prog.rows.back().has_lower = true;
      prog.rows.back().lower = gap;
    }
    for (auto k : others) {
      sigma.push_back(add_column(prog, {.objective = 1.0}));
      prog.rows.push_back(score_row(k, sigma.back(), -1.0));
      prog.rows.back().has_upper = true;
    }
    return prog;
  }

  // max Σz: z_i = 1 ⇒ member − t ≥ gap; y_k = 0 ⇒ other − t ≤ 0; Σz + Σy ≤ N; Σz ≥ at_least.
  // Members in @p fixed_out get no z; non-members in @p kept only get a y (the rest are implied).
  MixedProgram members_program(const std::vector<char>& reachable, const std::vector<std::size_t>& kept,
                               std::size_t at_least, std::vector<int>& z, std::vector<int>& y) const {
    MixedProgram prog = base(true);
    Row total;
    // score − t lies in [−1, 1]: big-M of 1 + gap switches a member's row off, 1 a non-member's.
    const double big_m = 1.0 + gap;
    z.assign(members.size(), -1);
    for (std::size_t a = 0; a < members.size(); ++a) {
      if (!reachable[a]) continue;
      z[a] = add_column(prog, {.binary = true, .objective = 1.0});
      prog.rows.push_back(score_row(members[a], z[a], -big_m));
      prog.rows.back().has_lower = true;
      prog.rows.back().lower = gap - big_m;
      total.index.push_back(z[a]);
      total.coefficient.push_back(1.0);
    }
    Row wins = total;
    for (auto k : kept) {
      y.push_back(add_column(prog, {.binary = true}));
      prog.rows.push_back(score_row(k, y.back(), -1.0));
      prog.rows.back().has_upper = true;
      total.index.push_back(y.back());
      total.coefficient.push_back(1.0);
    }
    total.has_upper = true;
    total.upper = static_cast<double>(count);
    prog.rows.push_back(std::move(total));
    // Dominance makes implications the big-M rows alone state only weakly (their LP relaxation
    // is loose): a member above the threshold lifts every non-member at least as good on every
    // criterion above it too, and a non-member above it lifts those that dominate it.
    auto implies = [&](int from, int to) {
      Row r;
      r.index = {to, from};
      r.coefficient = {1.0, -1.0};
      r.has_lower = true;
      prog.rows.push_back(std::move(r));
    };
    for (std::size_t a = 0; a < members.size(); ++a) {
      if (z[a] < 0) continue;
      for (std::size_t b = 0; b < kept.size(); ++b) {
        if (weakly_above(features, kept[b], members[a])) implies(z[a], y[b]);
      }
    }
    for (std::size_t b = 0; b < kept.size(); ++b) {
      for (std::size_t c = 0; c < kept.size(); ++c) {
        if (b != c && dominates(features, kept[b], kept[c])) implies(y[c], y[b]);
      }
    }
    if (at_least > 0 && !wins.index.empty()) {
      wins.has_lower = true;
      wins.lower = static_cast<double>(at_least);
      prog.rows.push_back(std::move(wins));
    }
    return prog;
  }

  // The MIP's variables for the rule @p params: t just at the best non-member outside the N
  // best, z = 1 for the members that beat it by the gap, y = 1 for the non-members above it.
  std::vector<double> start_point(const Eigen::VectorXd& params, const std::vector<char>& is_member,
                                  const std::vector<char>& reachable, const std::vector<std::size_t>& kept,
                                  const std::vector<int>& z, const std::vector<int>& y) const {
    const Eigen::VectorXd s = features * params;
    const auto order = order_descending(s);
    double t = 0.0;
    for (std::size_t k = count; k < order.size(); ++k) {
      if (!is_member[order[k]]) {
        t = s(static_cast<Eigen::Index>(order[k]));
        break;
      }
    }
    std::vector<double> x(p() + 1 + members.size() + kept.size(), 0.0);
    std::size_t columns = p() + 1;
    for (std::size_t k = 0; k < p(); ++k) x[k] = params(static_cast<Eigen::Index>(k));
    x[t_col()] = t;
    for (std::size_t a = 0; a < members.size(); ++a) {
      if (z[a] < 0) continue;
      ++columns;
      x[static_cast<std::size_t>(z[a])] = reachable[a] && s(static_cast<Eigen::Index>(members[a])) >= t + gap ? 1.0 : 0.0;
    }
    for (std::size_t b = 0; b < kept.size(); ++b) {
      ++columns;
      x[static_cast<std::size_t>(y[b])] = s(static_cast<Eigen::Index>(kept[b])) > t ? 1.0 : 0.0;
    }
    x.resize(columns);
    return x;
  }

  Eigen::VectorXd parameters(const MixedSolution& s) const {
    Eigen::VectorXd v(static_cast<Eigen::Index>(p()));
    for (std::size_t k = 0; k < p(); ++k) v(static_cast<Eigen::Index>(k)) = std::max(0.0, s.x[k]);
    return v / v.sum();
  }

  // Each criterion's weight range over the program's feasible set (the optimum already fixed
  // in it by a row): 2m LPs or MIPs.
  std::vector<WeightRange> ranges(const MixedProgram& fixed, const Eigen::VectorXd& weights) const {
    std::vector<WeightRange> out;
    for (std::size_t j = 0; j < m; ++j) {
      WeightRange r{.criterion = labels[j], .weight = weights(static_cast<Eigen::Index>(j))};
      for (bool maximize : {false, true}) {
        MixedProgram prog = fixed;
        prog.maximize = maximize;
        for (auto& c : prog.columns) c.objective = 0.0;
        for (std::size_t l = 0; l < segments; ++l) prog.columns[j * segments + l].objective = 1.0;
        const MixedSolution s = detail::solve_mixed_program(prog);
        // A failed bound falls back to the rule's own weight (the range then is not widened).
        const double v = s.status == MixedSolution::Status::optimal ? std::clamp(s.objective, 0.0, 1.0) : r.weight;
        (maximize ? r.max : r.min) = v;
      }
      r.min = std::min(r.min, r.weight);
      r.max = std::max(r.max, r.weight);
      out.push_back(std::move(r));
    }
    return out;
  }
};


// The largest set S of reachable members with |S| + |F(S)| <= N, F(S) the non-members at
// least as good as some member of S on every feature: no rule puts more members among the N
// best. A depth-first search over the members (few: the reference) with bitsets.
std::size_t dominance_bound(const Model& model, const std::vector<char>& reachable) {
  const std::size_t words = (model.others.size() + 63) / 64;
  std::vector<std::vector<std::uint64_t>> above;
  for (std::size_t a = 0; a < model.members.size(); ++a) {
    if (!reachable[a]) continue;
    std::vector<std::uint64_t> bits(words, 0);
    for (std::size_t b = 0; b < model.others.size(); ++b) {
      if (weakly_above(model.features, model.others[b], model.members[a])) bits[b / 64] |= std::uint64_t{1} << (b % 64);
    }
    above.push_back(std::move(bits));
  }
  std::size_t best = 0, nodes = 0;
  constexpr std::size_t kNodeLimit = std::size_t{1} << 22;  // beyond it, the trivial bound
  auto search = [&](auto&& self, std::size_t from, std::size_t size, const std::vector<std::uint64_t>& bits) -> void {
    best = std::max(best, size);
    if (++nodes > kNodeLimit || size + (above.size() - from) <= best) return;
    for (std::size_t a = from; a < above.size(); ++a) {
      std::vector<std::uint64_t> joined(words);
      std::size_t forced = 0;
      for (std::size_t w = 0; w < words; ++w) {
        joined[w] = bits[w] | above[a][w];
        forced += static_cast<std::size_t>(std::popcount(joined[w]));
      }
      if (size + 1 + forced <= model.count) self(self, a + 1, size + 1, joined);
    }
  };
  search(search, 0, 0, std::vector<std::uint64_t>(words, 0));
  return nodes > kNodeLimit ? above.size() : best;
}

[[noreturn]] void solver_failed(const std::string& what, double time_limit) {
  throw Infeasible("GLPK found no " + what + " within " + std::to_string(time_limit) + " s",
                   {"explain.time_limit_s"}, "raise the time limit");
}
}  // namespace

ExplainResult explain_selection(const Table& pool, std::span<const Criterion> criteria,
                                std::span<const std::string> reference_ids, const ExplainOptions& options) {
  // ----- checks -------------------------------------------------------------------------------
  const std::size_t n = pool.rows();
  if (options.model == ExplainModel::piecewise && options.segments == 0) {
    throw ConfigError("explain.segments", "a piecewise value function needs at least 1 segment");
  }
  if (!(options.min_gap >= 0.0 && options.min_gap < 1.0)) throw ConfigError("explain.min_gap", "must be in [0, 1)");
  if (!(options.time_limit_seconds > 0.0)) throw ConfigError("explain.time_limit_s", "must be > 0");
  if (reference_ids.empty()) throw ConfigError("explain.reference", "the reference has no members");
  Model model;
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
  std::vector<char> is_member(n, 0);
  for (const auto& id : reference_ids) {
    const auto row = pool.find_row(id);
    if (!row) {
      throw InputError("reference member '" + id + "' is not among the " + std::to_string(n) +
                           " candidates (not in the pool, or not eligible): no weighting can select it",
                       {.key = id});
    }
    if (is_member[*row]) throw InputError("reference member '" + id + "' is listed twice", {.key = id});
    is_member[*row] = 1;
    model.members.push_back(*row);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_member[i]) model.others.push_back(i);
  }

  const DecisionMatrix matrix = build_decision_matrix(pool, criteria, false);
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
  {
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

  // ----- features -----------------------------------------------------------------------------
  const Eigen::MatrixXd r = normalize_oriented(matrix, Normalization::min_max, CostFlip::one_minus);
  model.segments = options.model == ExplainModel::piecewise ? options.segments : 1;
  const auto S = static_cast<double>(model.segments);
  model.features.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(model.p()));
  for (Eigen::Index i = 0; i < r.rows(); ++i) {
    for (std::size_t j = 0; j < model.m; ++j) {
      for (std::size_t l = 0; l < model.segments; ++l) {
        // Share of segment l of the normalized scale covered by the value: u_j = Σ_l v_jl × share.
        const double share = std::clamp(r(i, static_cast<Eigen::Index>(j)) * S - static_cast<double>(l), 0.0, 1.0);
        model.features(i, static_cast<Eigen::Index>(j * model.segments + l)) = share;
      }
    }
  }

  ExplainResult out;
  out.objective = options.objective;
  out.model = options.model;
  out.criteria = model.labels;
  out.candidates = n;
  out.reference_size = model.members.size();
  out.count = model.count;

  // ----- dominance: members no rule can reach, non-members that cannot change the optimum --------
  // Strict order among the non-members: weakly above on every feature, equal rows by lower row.
  std::vector<std::size_t> dominators(model.others.size(), 0);
  for (std::size_t a = 0; a < model.others.size(); ++a) {
    for (std::size_t b = 0; b < model.others.size(); ++b) {
      if (a == b) continue;
      if (dominates(model.features, model.others[b], model.others[a])) ++dominators[a];
    }
  }
  std::vector<char> reachable(model.members.size(), 1);
  std::vector<std::size_t> member_dominated(model.members.size(), 0), member_weak(model.members.size(), 0);
  for (std::size_t a = 0; a < model.members.size(); ++a) {
    std::size_t weak = 0;
    for (auto k : model.others) {
      if (!weakly_above(model.features, k, model.members[a])) continue;
      ++weak;
      if (!weakly_above(model.features, model.members[a], k)) ++member_dominated[a];
    }
    member_weak[a] = weak;
    // N non-members scoring at least as high under every rule: never above the threshold with a gap.
    if (weak >= model.count) {
      reachable[a] = 0;
      out.unreachable.push_back(pool.ids()[model.members[a]]);
    }
  }

  // ----- solve --------------------------------------------------------------------------------
  Eigen::VectorXd v;
  MixedProgram fixed;  // the program with its optimum fixed, for the stability ranges
  // Members among the N best that beat, by the gap, every non-member outside them: what the
  // MIP counts (a win by a tie or a hair's breadth is not an explanation).
  auto clear_wins = [&](const Eigen::VectorXd& params) {
    const Eigen::VectorXd s = model.features * params;
    const auto order = order_descending(s);
    double t = 0.0;
    for (std::size_t k = model.count; k < n; ++k) {
      if (!is_member[order[k]]) {
        t = s(static_cast<Eigen::Index>(order[k]));
        break;
      }
    }
    std::size_t hits = 0;
    for (std::size_t k = 0; k < model.count; ++k) {
      hits += is_member[order[k]] && s(static_cast<Eigen::Index>(order[k])) >= t + model.gap ? 1 : 0;
    }
    return hits;
  };
  using Status = MixedSolution::Status;
  int delta = -1;
  std::vector<int> sigma;
  const MixedProgram margin_prog = model.margin_program(model.members, delta);
  const MixedSolution margin = detail::solve_mixed_program(margin_prog);
  if (margin.status != Status::optimal) solver_failed("rule of largest margin", options.time_limit_seconds);
  const MixedProgram violation_prog = model.violation_program(model.members, sigma);
  const MixedSolution violation = detail::solve_mixed_program(violation_prog);
  if (violation.status != Status::optimal) solver_failed("rule of fewest violations", options.time_limit_seconds);
  // A tolerance on the fixed optimum: LP optima are exact to about 1e-9.
  constexpr double kTolerance = 1e-7;
  // Upper bound without weights: a member above the threshold lifts every non-member at least
  // as good on every criterion above it, so a set S of members needs |S| + |F(S)| <= N places
  // (F(S): the non-members dominating some member of S).
  std::size_t upper = dominance_bound(model, reachable);
  // With N = |R|, all members among the N best means all above every non-member: a largest
  // margin below the gap rules that out.
  if (model.count == model.members.size() && margin.objective < model.gap) upper = std::min(upper, model.members.size() - 1);
  out.upper_bound = upper;
  if (options.objective == ExplainObjective::max_margin) {
    v = model.parameters(margin);
    fixed = margin_prog;
    Row keep;
    keep.index = {delta};
    keep.coefficient = {1.0};
    keep.has_lower = true;
    keep.lower = margin.objective - kTolerance;
    fixed.rows.push_back(std::move(keep));
  } else if (options.objective == ExplainObjective::min_violations) {
    v = model.parameters(violation);
    fixed = violation_prog;
    Row keep;
    for (int s : sigma) {
      keep.index.push_back(s);
      keep.coefficient.push_back(1.0);
    }
    keep.has_upper = true;
    keep.upper = violation.objective + kTolerance;
    fixed.rows.push_back(std::move(keep));
  } else {
    // Lower bound: the LP rules, then a greedy that lifts one member more at a time (the
    // fewest-violations LP on the lifted members) and keeps the rule with the most clear wins.
    std::size_t lower = 0;
    auto consider = [&](const Eigen::VectorXd& params) {
      const std::size_t h = clear_wins(params);
      if (h > lower || v.size() == 0) {
        lower = std::max(lower, h);
        v = params;
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
      if (reachable[a]) by_dominators.push_back(a);
    }
    std::stable_sort(by_dominators.begin(), by_dominators.end(),
                     [&](std::size_t a, std::size_t b) { return member_weak[a] < member_weak[b]; });
    std::vector<std::size_t> lifted;
    for (std::size_t a : by_dominators) {
      if (lower >= upper) break;
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
        const MixedSolution sol = detail::solve_mixed_program(model.margin_program(trial, d, through));
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
    // With that lower bound, a non-member dominated by more non-members than places are left
    // for non-members can never rise above the threshold alone: it leaves the MIP.
    std::vector<std::size_t> kept;
    for (std::size_t a = 0; a < model.others.size(); ++a) {
      if (dominators[a] + lower < model.count + 1) kept.push_back(model.others[a]);
    }
    out.dropped_candidates = model.others.size() - kept.size();
    std::vector<int> z, y;
    MixedProgram prog = model.members_program(reachable, kept, lower, z, y);
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
    } else {
      prog.start = model.start_point(v, is_member, reachable, kept, z, y);
      const MixedSolution best = detail::solve_mixed_program(prog);
      if (best.status == Status::optimal || best.status == Status::feasible) {
        out.proven_optimal = best.status == Status::optimal;
        const Eigen::VectorXd candidate = model.parameters(best);
        if (clear_wins(candidate) > lower) v = candidate;
        if (out.proven_optimal) out.upper_bound = std::max(clear_wins(v), static_cast<std::size_t>(std::lround(best.objective)));
      } else if (best.status != Status::infeasible) {
        out.proven_optimal = false;  // time limit without a better rule: the heuristic one stands
      }
    }
    // Stability over the rules with the same members above the threshold and the same
    // non-members below it (an LP): z and y fixed at the rule's pattern.
    const auto pattern = model.start_point(v, is_member, reachable, kept, z, y);
    fixed = prog;
    fixed.start.clear();
    for (std::size_t c = 0; c < fixed.columns.size(); ++c) {
      if (!fixed.columns[c].binary) continue;
      fixed.columns[c].binary = false;
      fixed.columns[c].lower = fixed.columns[c].upper = pattern[c];
    }
  }

  // ----- report -------------------------------------------------------------------------------
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
                      .in_top = selected[i] != 0, .dominated_by = member_dominated[a]};
    if (quotas) e.selected = quota_selected[i] != 0;
    out.members_in_top += e.in_top ? 1 : 0;
    out.members.push_back(std::move(e));
  }
  for (auto k : order) {
    if (is_member[k] || !(quotas ? quota_selected[k] : selected[k])) continue;
    out.displacers.push_back({.id = pool.ids()[k], .score = s(static_cast<Eigen::Index>(k)), .rank = rank[k]});
  }
  if (options.stability) out.stability = model.ranges(fixed, out.weights);
  return out;
}

}  // namespace clir
