// clir::nearest_selecting_weights: the smallest change of a linear scoring's weights that puts
// one alternative among the selected (a mixed-integer program solved with GLPK), checked by
// rerunning the selection.
#include "clir/selection/nearest_weights.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/io/format.hpp"
#include "glpk_mip.hpp"

namespace clir {
namespace {

using detail::MixedProgram;
using detail::MixedSolution;
using Row = detail::BinaryProgram::Row;

// Where the other alternatives stand against the candidate, whatever the weights: d_k = t_k − t_c
// (per criterion); the score gap s_k − s_c is d_k · w with w on the simplex, so it lies between
// min_j d_kj and max_j d_kj.
struct Standing {
  std::vector<std::size_t> open;       // either side, depending on the weights
  std::vector<std::size_t> above;      // per open alternative: other open ones at least as good on every term
  std::size_t ahead = 0;               // min_j d_kj >= 0: never behind it by the margin
};

struct Verified {
  std::size_t rank = 0;
  bool selected = false;
  double score = 0.0;
  double cutoff = 0.0;
  std::size_t cutoff_rank = 0;  // the rank of the last selected
};

class NearestProgram {
 public:
  NearestProgram(const Eigen::MatrixXd& terms, const Eigen::VectorXd& w0, std::size_t c, double gap)
      : t_(terms), w0_(w0), c_(c), m_(static_cast<std::size_t>(terms.cols())), gap_(gap) {
    const auto n = static_cast<std::size_t>(terms.rows());
    for (std::size_t k = 0; k < n; ++k) {
      if (k == c) continue;
      const Eigen::RowVectorXd d = t_.row(static_cast<Eigen::Index>(k)) - t_.row(static_cast<Eigen::Index>(c));
      const double lo = d.minCoeff(), hi = d.maxCoeff();
      if (lo >= 0.0) {
        ++standing_.ahead;  // at best a tie, and the program asks for a margin
      } else if (hi + gap_ <= 0.0) {
        continue;  // behind it under every weighting, by the margin
      } else {
        standing_.open.push_back(k);
      }
    }
    // When k is not behind the candidate, neither is any k' with t_k' >= t_k on every term.
    const auto& open = standing_.open;
    standing_.above.assign(open.size(), 0);
    for (std::size_t a = 0; a < open.size(); ++a) {
      const auto ka = static_cast<Eigen::Index>(open[a]);
      for (std::size_t b = 0; b < open.size(); ++b) {
        if (a != b && (t_.row(static_cast<Eigen::Index>(open[b])).array() >= t_.row(ka).array()).all()) ++standing_.above[a];
      }
    }
  }

  std::size_t fixed_ahead() const { return standing_.ahead; }

  // Columns: w (m), u (m, |w − w0|), then one binary per free alternative. Minimize Σ u. An open
  // alternative with at least target − 1 − fixed_ahead() others at least as good as it on every
  // term must be behind the candidate (were it not, they would not be either, and the candidate
  // would rank below the target): a plain row, no binary.
  MixedProgram program(std::size_t target_rank, double time_limit) const {
    MixedProgram prog;
    prog.maximize = false;
    prog.time_limit_seconds = time_limit;
    for (std::size_t j = 0; j < m_; ++j) prog.columns.push_back({.lower = 0.0, .upper = 1.0});
    for (std::size_t j = 0; j < m_; ++j) prog.columns.push_back({.lower = 0.0, .upper = 2.0, .objective = 1.0});
    Row sum;
    for (std::size_t j = 0; j < m_; ++j) {
      sum.index.push_back(static_cast<int>(j));
      sum.coefficient.push_back(1.0);
    }
    sum.has_lower = sum.has_upper = true;
    sum.lower = sum.upper = 1.0;
    prog.rows.push_back(std::move(sum));
    for (std::size_t j = 0; j < m_; ++j) {
      const int w = static_cast<int>(j), u = static_cast<int>(m_ + j);
      // u_j − w_j >= −w0_j and u_j + w_j >= w0_j.
      prog.rows.push_back({.index = {u, w}, .coefficient = {1.0, -1.0}, .has_lower = true, .lower = -w0_(static_cast<Eigen::Index>(j))});
      prog.rows.push_back({.index = {u, w}, .coefficient = {1.0, 1.0}, .has_lower = true, .lower = w0_(static_cast<Eigen::Index>(j))});
    }
    // (t_k − t_c) · w − M_k y_k <= −gap: alternative k is behind by the gap unless y_k = 1.
    const std::size_t room = target_rank - 1 - fixed_ahead();  // how many open ones may be ahead
    const std::vector<std::size_t> free = free_alternatives(target_rank);
    std::vector<char> is_free(standing_.open.size(), 0);
    for (std::size_t q : free) is_free[q] = 1;
    Row budget;
    for (std::size_t q = 0; q < standing_.open.size(); ++q) {
      const auto k = static_cast<Eigen::Index>(standing_.open[q]);
      const Eigen::RowVectorXd d = t_.row(k) - t_.row(static_cast<Eigen::Index>(c_));
      Row row;
      for (std::size_t j = 0; j < m_; ++j) {
        if (d(static_cast<Eigen::Index>(j)) == 0.0) continue;
        row.index.push_back(static_cast<int>(j));
        row.coefficient.push_back(d(static_cast<Eigen::Index>(j)));
      }
      if (is_free[q]) {
        const int y = static_cast<int>(prog.columns.size());
        prog.columns.push_back({.lower = 0.0, .upper = 1.0, .binary = true});
        row.index.push_back(y);
        row.coefficient.push_back(-(d.maxCoeff() + gap_));
        budget.index.push_back(y);
        budget.coefficient.push_back(1.0);
      }
      row.has_upper = true;
      row.upper = -gap_;
      prog.rows.push_back(std::move(row));
    }
    // At most target − 1 ahead of it, counting those ahead under every weighting.
    if (!budget.index.empty()) {
      budget.has_upper = true;
      budget.upper = static_cast<double>(room);
      prog.rows.push_back(std::move(budget));
    }
    prog.start = start_point(target_rank, free);
    return prog;
  }

 private:
  // The open alternatives (indices into standing_.open) that may be ahead at this target.
  std::vector<std::size_t> free_alternatives(std::size_t target_rank) const {
    const std::size_t room = target_rank - 1 - fixed_ahead();
    std::vector<std::size_t> free;
    for (std::size_t q = 0; q < standing_.open.size(); ++q) {
      if (standing_.above[q] < room) free.push_back(q);
    }
    return free;
  }

  // The best single-criterion weighting (a vertex of the simplex) that meets the target, as the
  // MIP's first incumbent (columns w, u, then the free alternatives' binaries); empty when none
  // does.
  std::vector<double> start_point(std::size_t target_rank, const std::vector<std::size_t>& free) const {
    std::vector<double> best;
    double best_distance = std::numeric_limits<double>::infinity();
    std::vector<char> is_free(standing_.open.size(), 0);
    for (std::size_t q : free) is_free[q] = 1;
    for (std::size_t v = 0; v < m_; ++v) {
      Eigen::VectorXd w = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m_));
      w(static_cast<Eigen::Index>(v)) = 1.0;
      std::vector<double> x(2 * m_, 0.0);
      std::size_t ahead = fixed_ahead();
      bool feasible = true;
      const double sc = t_.row(static_cast<Eigen::Index>(c_)).dot(w);
      for (std::size_t q = 0; q < standing_.open.size(); ++q) {
        const bool not_behind = t_.row(static_cast<Eigen::Index>(standing_.open[q])).dot(w) - sc > -gap_;
        if (!is_free[q]) {
          feasible = feasible && !not_behind;
          continue;
        }
        x.push_back(not_behind ? 1.0 : 0.0);
        ahead += not_behind ? 1 : 0;
      }
      if (!feasible || ahead + 1 > target_rank) continue;
      const double distance = (w - w0_).lpNorm<1>();
      if (distance >= best_distance) continue;
      best_distance = distance;
      for (std::size_t j = 0; j < m_; ++j) {
        x[j] = w(static_cast<Eigen::Index>(j));
        x[m_ + j] = std::abs(w(static_cast<Eigen::Index>(j)) - w0_(static_cast<Eigen::Index>(j)));
      }
      best = std::move(x);
    }
    return best;
  }

 public:
  // The weights of a solution: GLPK's values, clipped at 0 and scaled to sum 1 exactly.
  Eigen::VectorXd weights(const MixedSolution& s) const {
    Eigen::VectorXd w(static_cast<Eigen::Index>(m_));
    for (std::size_t j = 0; j < m_; ++j) w(static_cast<Eigen::Index>(j)) = std::max(0.0, s.x[j]);
    const double total = w.sum();
    if (total > 0.0) w /= total;
    return w;
  }

 private:
  const Eigen::MatrixXd& t_;
  const Eigen::VectorXd& w0_;
  std::size_t c_, m_;
  double gap_;
  Standing standing_;
};

// The candidate's rank (ties: lower row first) and whether the selection takes it, under @p w.
Verified verify(const Eigen::MatrixXd& terms, const Eigen::VectorXd& w, std::size_t c, std::size_t count,
                const QuotaSelector* selector) {
  const Eigen::VectorXd s = terms * w;
  const std::vector<std::size_t> order = order_descending(s);
  Verified v;
  v.score = s(static_cast<Eigen::Index>(c));
  std::vector<std::size_t> chosen;
  if (selector) {
    chosen = selector->select_ordered(s, order);
  } else {
    chosen.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(std::min(count, order.size())));
  }
  v.selected = std::find(chosen.begin(), chosen.end(), c) != chosen.end();
  std::vector<std::size_t> rank_of(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) rank_of[order[k]] = k + 1;
  v.rank = rank_of[c];
  for (std::size_t k : chosen) {
    if (rank_of[k] > v.cutoff_rank) {
      v.cutoff_rank = rank_of[k];
      v.cutoff = s(static_cast<Eigen::Index>(k));
    }
  }
  return v;
}

std::string rank_text(std::size_t rank) { return std::to_string(rank); }

std::string at_rank(std::size_t target) {
  return target == 1 ? std::string("first") : "at rank " + std::to_string(target) + " or better";
}

}  // namespace

NearestWeightsResult nearest_selecting_weights(const PreparedScoring& prepared, const Eigen::VectorXd& weights,
                                               std::size_t candidate, std::size_t count, const QuotaSelector* selector,
                                               const NearestWeightsOptions& options) {
  const std::size_t n = prepared.rows(), m = prepared.cols();
  if (count == 0) throw ConfigError("selection.size", "the number selected must be at least 1");
  if (candidate >= n) {
    throw ConfigError("candidate", "alternative " + std::to_string(candidate) + " is out of range (" + std::to_string(n) +
                                       " alternatives)");
  }
  if (static_cast<std::size_t>(weights.size()) != m) {
    throw ConfigError("weights", "expected " + std::to_string(m) + " weights, got " + std::to_string(weights.size()));
  }
  if (!weights.allFinite() || weights.minCoeff() < 0.0 || std::abs(weights.sum() - 1.0) > 1e-9) {
    throw ConfigError("weights", "the weights must be >= 0 and sum to 1");
  }
  if (!(options.min_gap >= 0.0 && options.min_gap < 1.0)) {
    throw ConfigError("min_gap", "min_gap must be in [0, 1), got " + format_shortest(options.min_gap));
  }
  if (!(options.time_limit_seconds > 0.0)) throw ConfigError("time_limit_s", "the time limit must be > 0 seconds");
  if (options.max_programs == 0) throw ConfigError("max_programs", "max_programs must be at least 1");
  if (selector && selector->size() != n) {
    throw ConfigError("selection", "the selector has " + std::to_string(selector->size()) + " candidates, the scoring " +
                                       std::to_string(n));
  }

  NearestWeightsResult out;
  if (!prepared.is_linear()) {
    out.status = NearestWeightsStatus::not_linear;
    out.reason = "the " + std::string(to_string(prepared.options().method)) +
                 " score is not a weighted sum of per-criterion terms, so the nearest weighting is not computed "
                 "(it is for weighted_sum, promethee_ii and points)";
    return out;
  }
  const Eigen::MatrixXd& terms = prepared.linear_terms();
  const auto keep = [&](const Eigen::VectorXd& w, const Verified& v) {
    out.weights.assign(w.data(), w.data() + w.size());
    out.change.resize(m);
    for (std::size_t j = 0; j < m; ++j) out.change[j] = w(static_cast<Eigen::Index>(j)) - weights(static_cast<Eigen::Index>(j));
    out.distance = (w - weights).lpNorm<1>();
    out.rank = v.rank;
    out.selected = v.selected;
    out.score = v.score;
    out.cutoff_score = v.cutoff;
  };

  const Verified now = verify(terms, weights, candidate, count, selector);
  const NearestProgram model(terms, weights, candidate, options.min_gap);
  out.always_ahead = model.fixed_ahead();
  if (now.selected) {
    keep(weights, now);
    out.status = NearestWeightsStatus::already_selected;
    out.found = true;
    out.proven_optimal = true;
    out.reason = "selected under the given weights (rank " + rank_text(now.rank) + ")";
    return out;
  }
  // Under quotas the last selected may rank below N (a maximum skipped better-ranked ones): the
  // first program asks for the rank of the last selected under the given weights; and when the
  // candidate ranks that well already, for a better rank than its own.
  const std::size_t first = std::max(count, now.cutoff_rank);
  std::size_t target = std::min(first, now.rank - 1);
  if (target <= model.fixed_ahead()) {
    out.proven_optimal = true;
    if (target == first) {
      out.status = NearestWeightsStatus::unreachable;
      out.reason = std::to_string(model.fixed_ahead()) + " others are at least as good on every criterion, so no weighting " +
                   "ranks it " + at_rank(first);
    } else {
      out.status = NearestWeightsStatus::not_selected;
      out.reason = "it ranks " + rank_text(now.rank) + " and the quotas keep it out, and no weighting ranks it higher (" +
                   std::to_string(model.fixed_ahead()) + " others are at least as good on every criterion)";
    }
    return out;
  }
  // The target ranks tried: the first; if the rerun refuses it, a bisection over the targets
  // below it for the largest at which the rerun takes it. A target can be infeasible (no
  // weighting ranks it that well: so is every better one), refused by the rerun (so, as a rule,
  // is every worse one), or accepted.
  std::size_t floor = model.fixed_ahead() + 1;  // the targets below floor are infeasible
  std::size_t hi = target;                       // the targets above hi are refused
  std::size_t lo = 0;                            // the largest target accepted so far (0: none)
  NearestWeightsResult best;                     // the result at lo
  bool infeasible_only = true;                   // every program so far was infeasible
  while (out.programs < options.max_programs) {
    ++out.programs;
    out.target_rank = target;
    const MixedSolution s = detail::solve_mixed_program(model.program(target, options.time_limit_seconds));
    if (s.status == MixedSolution::Status::failed) {
      out.proven_optimal = false;
      if (lo == 0) {
        out.status = out.weights.empty() ? NearestWeightsStatus::no_solution : NearestWeightsStatus::not_selected;
        out.reason = "the solver found no weighting that ranks it " + at_rank(target) + " within its limits (time limit " +
                     format_shortest(options.time_limit_seconds) + " s)";
        return out;
      }
      break;
    }
    if (s.status == MixedSolution::Status::infeasible) {
      floor = target + 1;
    } else {
      infeasible_only = false;
      out.proven_optimal = s.status == MixedSolution::Status::optimal;
      const Eigen::VectorXd w = model.weights(s);
      const Verified v = verify(terms, w, candidate, count, selector);
      keep(w, v);
      if (v.selected) {
        lo = target;
        best = out;
        floor = target + 1;
      } else {
        hi = std::min(v.rank, target) - 1;
      }
    }
    if (floor > hi) break;
    target = floor + (hi - floor) / 2;  // the lower middle: an accepted target narrows fastest from below
  }
  if (lo != 0) {
    const std::size_t programs = out.programs;
    out = best;
    out.programs = programs;
    out.status = NearestWeightsStatus::found;
    out.found = true;
    out.reason = "the nearest weighting that ranks it " + at_rank(lo) + " moves " + format_fixed(out.distance / 2.0, 3) +
                 " of the weight between criteria; it then ranks " + rank_text(out.rank) +
                 " and the rerun selection takes it" + (out.proven_optimal ? "" : " (not proven nearest: time limit)");
    return out;
  }
  if (infeasible_only) {
    out.status = NearestWeightsStatus::unreachable;
    out.proven_optimal = true;
    out.reason = "no weighting ranks it " + at_rank(out.target_rank) + " (GLPK proved the program infeasible)";
    return out;
  }
  out.status = NearestWeightsStatus::not_selected;
  out.reason = "after " + std::to_string(out.programs) + " programs no weighting found ranks it where the quotas let it in" +
               " (the last ranked it " + rank_text(out.rank) + ")";
  return out;
}

}  // namespace clir
