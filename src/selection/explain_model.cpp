#include "explain_model.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <utility>

#include "clir/scoring/score.hpp"

namespace clir::detail {

bool weakly_above(const Eigen::MatrixXd& f, std::size_t a, std::size_t b) {
  return (f.row(static_cast<Eigen::Index>(a)).array() >= f.row(static_cast<Eigen::Index>(b)).array()).all();
}

bool dominates(const Eigen::MatrixXd& f, std::size_t a, std::size_t b) {
  return a != b && weakly_above(f, a, b) && (!weakly_above(f, b, a) || a < b);
}

// Columns v (p) and t, the sum-to-one row and the weight bounds.
MixedProgram RuleModel::base(bool maximize) const {
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

Row RuleModel::weight_row(std::size_t j) const {
  Row r;
  for (std::size_t l = 0; l < segments; ++l) {
    r.index.push_back(static_cast<int>(j * segments + l));
    r.coefficient.push_back(1.0);
  }
  return r;
}

// score_i - t (+ extra column × coefficient).
Row RuleModel::score_row(std::size_t i, int extra, double extra_coefficient) const {
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

int RuleModel::add_column(MixedProgram& prog, MixedProgram::Column c) {
  prog.columns.push_back(c);
  return static_cast<int>(prog.columns.size() - 1);
}

// max δ: lifted − t ≥ δ, other − t ≤ 0 for the non-members not let through (@p through, per
// candidate row, may be empty).
MixedProgram RuleModel::margin_program(std::span<const std::size_t> lifted, int& delta,
                                       const std::vector<char>& through) const {
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
MixedProgram RuleModel::violation_program(std::span<const std::size_t> lifted, std::vector<int>& sigma) const {
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
MixedProgram RuleModel::members_program(const std::vector<char>& reachable, const std::vector<std::size_t>& kept,
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
std::vector<double> RuleModel::start_point(const Eigen::VectorXd& params, const std::vector<char>& reachable,
                                           const std::vector<std::size_t>& kept, const std::vector<int>& z,
                                           const std::vector<int>& y) const {
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

Eigen::VectorXd RuleModel::parameters(const MixedSolution& s) const {
  Eigen::VectorXd v(static_cast<Eigen::Index>(p()));
  for (std::size_t k = 0; k < p(); ++k) v(static_cast<Eigen::Index>(k)) = std::max(0.0, s.x[k]);
  return v / v.sum();
}

// Each criterion's weight range over the program's feasible set (the optimum already fixed
// in it by a row): 2m LPs or MIPs.
std::vector<WeightRange> RuleModel::ranges(const MixedProgram& fixed, const Eigen::VectorXd& weights,
                                           ExplainMeter& meter) const {
  std::vector<WeightRange> out;
  for (std::size_t j = 0; j < m; ++j) {
    WeightRange r{.criterion = labels[j], .weight = weights(static_cast<Eigen::Index>(j))};
    for (bool maximize : {false, true}) {
      MixedProgram prog = fixed;
      prog.maximize = maximize;
      for (auto& c : prog.columns) c.objective = 0.0;
      for (std::size_t l = 0; l < segments; ++l) prog.columns[j * segments + l].objective = 1.0;
      const MixedSolution s = meter.solve(std::move(prog));
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

// A depth-first search over the members (few: the reference) with bitsets.
std::size_t dominance_bound(const RuleModel& model, const std::vector<char>& reachable) {
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

// ----- the meter ------------------------------------------------------------------------------

ExplainMeter::ExplainMeter(const ExplainOptions& options, std::size_t criteria)
    : progress_(options.progress ? &options.progress : nullptr),
      time_limit_(options.time_limit_seconds),
      stability_calls_(options.stability ? 2 * criteria : 0),
      mip_ahead_(options.objective == ExplainObjective::max_members) {}

double ExplainMeter::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ExplainMeter::enter(Stage stage, std::size_t calls) {
  stage_ = stage;
  planned_ = calls;
  if (stage == Stage::mip) mip_ahead_ = false;  // it runs now
  report();
}

void ExplainMeter::replan(std::size_t calls) {
  planned_ = calls;
  report();
}

MixedSolution ExplainMeter::solve(MixedProgram program) {
  const auto began = std::chrono::steady_clock::now();
  const bool mip = stage_ == Stage::mip;
  if (mip && progress_ != nullptr) {
    in_mip_ = true;
    mip_start_ = began;
    // GLPK calls back many times a second during its search: report about ten times a second.
    // An exception must not cross GLPK's C frames: a throwing callback is rethrown after the call.
    program.tick = [this] {
      const auto now = std::chrono::steady_clock::now();
      if (failed_ || now - last_tick_ < std::chrono::milliseconds(100)) return;
      last_tick_ = now;
      try {
        report();
      } catch (...) {
        failed_ = std::current_exception();
      }
    };
  }
  MixedSolution s = solve_mixed_program(program);
  in_mip_ = false;
  if (failed_) std::rethrow_exception(std::exchange(failed_, nullptr));
  ++calls_;
  if (!mip) {
    ++timed_calls_;
    timed_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  }
  if (planned_ > 0) --planned_;
  report();
  return s;
}

void ExplainMeter::report() {
  if (progress_ == nullptr) return;
  static constexpr std::array<std::string_view, 4> kNames{"rules", "greedy start", "MIP", "stability"};
  ExplainProgress p{.stage = kNames[static_cast<std::size_t>(stage_)], .solver_calls = calls_, .elapsed_seconds = elapsed()};
  if (timed_calls_ > 0) {
    const double per_call = timed_seconds_ / static_cast<double>(timed_calls_);
    const std::size_t later = (stage_ < Stage::greedy ? greedy_calls_ : 0) + (stage_ < Stage::stability ? stability_calls_ : 0);
    if (mip_ahead_) p.mip_seconds = time_limit_;
    if (in_mip_) {
      p.mip_seconds = std::max(0.0, time_limit_ - std::chrono::duration<double>(std::chrono::steady_clock::now() - mip_start_).count());
    }
    p.remaining_seconds = per_call * static_cast<double>(planned_ + later) + p.mip_seconds;
    p.estimated = true;
  }
  (*progress_)(p);
}

}  // namespace clir::detail
