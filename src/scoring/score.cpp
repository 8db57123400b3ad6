#include "clir/scoring/score.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "range.hpp"

namespace clir {

void validate_scoring_options(const ScoringOptions& o, std::size_t criteria_count) {
  if (o.topsis_normalization != Normalization::vector && o.topsis_normalization != Normalization::min_max) {
    throw ConfigError("topsis_normalization",
                      "TOPSIS normalization must be vector or min_max, got '" +
                          std::string(to_string(o.topsis_normalization)) + "'",
                      {"vector", "min_max"});
  }
  if (o.method == ScoringMethod::weighted_product && o.normalization == Normalization::z_score) {
    throw ConfigError("normalization", "weighted_product needs non-negative normalized values; z_score gives negatives",
                      {"min_max", "vector", "max", "sum", "rank"});
  }
  if (!(o.vikor_v >= 0.0 && o.vikor_v <= 1.0)) {
    throw ConfigError("vikor_v", "VIKOR v must be in [0, 1], got " + std::to_string(o.vikor_v));
  }
  if (o.method == ScoringMethod::promethee_ii) validate_preference_functions(o.preference, criteria_count);
}

std::vector<std::size_t> order_descending(const Eigen::Ref<const Eigen::VectorXd>& score) {
  std::vector<std::size_t> order(static_cast<std::size_t>(score.size()));
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double sa = score(static_cast<Eigen::Index>(a));
    const double sb = score(static_cast<Eigen::Index>(b));
    return sa > sb || (sa == sb && a < b);
  });
  return order;
}

std::vector<std::size_t> rank_descending(const Eigen::Ref<const Eigen::VectorXd>& score) {
  const auto order = order_descending(score);
  std::vector<std::size_t> rank(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) rank[order[k]] = k + 1;
  return rank;
}

// Precomputation per method (a_, b_ are rows × criteria):
//   weighted_sum      a_ = benefit-oriented normalized matrix
//   weighted_product  a_ = log of it (0 where it is 0), b_ = 1 where it is 0
//   topsis            a_ = (N - N_best)^2, b_ = (N - N_worst)^2 with N the unweighted
//                     normalization; since weights are >= 0, the weighted gap is w_j^2 times it
//   vikor             a_ = (f*_j - f_ij) / (f*_j - f-_j), 0 for constant criteria
//   promethee_ii      a_ = single-criterion net flows; the net flow is linear in the weights
//   points            a_ = the values, negated for a cost criterion, times the sum of the given
//                     weights: with weights normalized to sum 1, a_ * w is the sum of value ×
//                     given weight, the published "points" (and a resampled weight vector
//                     rescales the same total)
PreparedScoring::PreparedScoring(DecisionMatrix matrix, const ScoringOptions& options)
    : matrix_(std::move(matrix)), options_(options) {
  validate_scoring_options(options_, matrix_.cols());
  const Eigen::Index n = static_cast<Eigen::Index>(matrix_.rows());
  const Eigen::Index m = static_cast<Eigen::Index>(matrix_.cols());
  const auto cost = [&](Eigen::Index j) { return matrix_.directions[static_cast<std::size_t>(j)] == Direction::cost; };
  switch (options_.method) {
    case ScoringMethod::weighted_sum:
      a_ = normalize_oriented(matrix_, options_.normalization, options_.cost_flip);
      break;
    case ScoringMethod::weighted_product: {
      const Eigen::MatrixXd r = normalize_oriented(matrix_, options_.normalization, options_.cost_flip);
      a_ = Eigen::MatrixXd::Zero(n, m);
      b_ = Eigen::MatrixXd::Zero(n, m);
      for (Eigen::Index j = 0; j < m; ++j) {
        for (Eigen::Index i = 0; i < n; ++i) {
          if (r(i, j) < 0.0) {
            throw InputError("weighted_product needs normalized values >= 0; criterion '" +
                                 matrix_.criteria[static_cast<std::size_t>(j)] + "' has " + std::to_string(r(i, j)) +
                                 " for '" + matrix_.ids[static_cast<std::size_t>(i)] + "'",
                             {.key = matrix_.criteria[static_cast<std::size_t>(j)]});
          }
          if (r(i, j) == 0.0) {
            b_(i, j) = 1.0;
          } else {
            a_(i, j) = std::log(r(i, j));
          }
        }
      }
      break;
    }
    case ScoringMethod::topsis:
      a_.resize(n, m);
      b_.resize(n, m);
      for (Eigen::Index j = 0; j < m; ++j) {
        const Eigen::VectorXd v = normalize_column(matrix_.values.col(j), options_.topsis_normalization,
                                                   matrix_.criteria[static_cast<std::size_t>(j)]);
        const auto range = detail::range_of(v);
        const double best = cost(j) ? range.lo : range.hi;
        const double worst = cost(j) ? range.hi : range.lo;
        a_.col(j) = (v.array() - best).square().matrix();
        b_.col(j) = (v.array() - worst).square().matrix();
      }
      break;
    case ScoringMethod::vikor:
      a_ = Eigen::MatrixXd::Zero(n, m);
      for (Eigen::Index j = 0; j < m; ++j) {
        const auto col = matrix_.values.col(j);
        const auto range = detail::range_of(col);
        const double best = cost(j) ? range.lo : range.hi;
        const double worst = cost(j) ? range.hi : range.lo;
        if (best == worst) continue;
        a_.col(j) = ((best - col.array()) / (best - worst)).matrix();
      }
      break;
    case ScoringMethod::promethee_ii:
      a_ = promethee_single_flows(matrix_.values, matrix_.directions, options_.preference);
      break;
    case ScoringMethod::points: {
      const double total = matrix_.weights.size() == m ? matrix_.weights.sum() : static_cast<double>(m);
      a_ = matrix_.values * (total > 0.0 ? total : 1.0);
      for (Eigen::Index j = 0; j < m; ++j) {
        if (cost(j)) a_.col(j) = -a_.col(j);
      }
      break;
    }
  }
}

void PreparedScoring::evaluate(const Eigen::Ref<const Eigen::VectorXd>& w, Eigen::VectorXd& out) const {
  const Eigen::Index n = static_cast<Eigen::Index>(matrix_.rows());
  const Eigen::Index m = static_cast<Eigen::Index>(matrix_.cols());
  if (w.size() != m) {
    throw ConfigError("weights", "expected " + std::to_string(m) + " weights, got " + std::to_string(w.size()));
  }
  out.resize(n);
  switch (options_.method) {
    case ScoringMethod::weighted_sum:
    case ScoringMethod::promethee_ii:
    case ScoringMethod::points:
      out.noalias() = a_ * w;
      break;
    case ScoringMethod::weighted_product:
      for (Eigen::Index i = 0; i < n; ++i) {
        double log_sum = 0.0;
        bool zero = false;
        for (Eigen::Index j = 0; j < m; ++j) {
          if (w(j) == 0.0) continue;
          if (b_(i, j) != 0.0) {
            zero = true;
            break;
          }
          log_sum += w(j) * a_(i, j);
        }
        out(i) = zero ? 0.0 : std::exp(log_sum);
      }
      break;
    case ScoringMethod::topsis: {
      // Column by column, so that each pass is a contiguous, vectorizable sweep; every
      // alternative's sums still run over the criteria in the same order on any thread.
      Eigen::ArrayXd best = Eigen::ArrayXd::Zero(n), worst = Eigen::ArrayXd::Zero(n);
      for (Eigen::Index j = 0; j < m; ++j) {
        const double w2 = w(j) * w(j);
        if (w2 == 0.0) continue;
        best += a_.col(j).array() * w2;
        worst += b_.col(j).array() * w2;
      }
      best = best.sqrt();
      worst = worst.sqrt();
      const Eigen::ArrayXd total = best + worst;
      out = (total > 0.0).select(worst / total, 0.5).matrix();
      break;
    }
    case ScoringMethod::vikor: {
      Eigen::ArrayXd s = Eigen::ArrayXd::Zero(n), r = Eigen::ArrayXd::Zero(n);
      for (Eigen::Index j = 0; j < m; ++j) {
        if (w(j) == 0.0) continue;
        const Eigen::ArrayXd t = a_.col(j).array() * w(j);
        s += t;
        for (Eigen::Index i = 0; i < n; ++i) r(i) = std::max(r(i), t(i));
      }
      const auto [s_lo, s_hi] = detail::range_of(s);
      const auto [r_lo, r_hi] = detail::range_of(r);
      const double v = options_.vikor_v;
      for (Eigen::Index i = 0; i < n; ++i) {
        const double qs = s_hi > s_lo ? (s(i) - s_lo) / (s_hi - s_lo) : 0.0;
        const double qr = r_hi > r_lo ? (r(i) - r_lo) / (r_hi - r_lo) : 0.0;
        out(i) = 1.0 - (v * qs + (1.0 - v) * qr);
      }
      break;
    }
  }
}

bool PreparedScoring::is_linear() const noexcept {
  return options_.method == ScoringMethod::weighted_sum || options_.method == ScoringMethod::promethee_ii ||
         options_.method == ScoringMethod::points;
}

const Eigen::MatrixXd& PreparedScoring::linear_terms() const {
  if (!is_linear()) {
    throw ConfigError("scoring.method", "the " + std::string(to_string(options_.method)) +
                                            " score is not linear in the weights (weighted_sum, promethee_ii and points are)");
  }
  return a_;
}

Eigen::VectorXd PreparedScoring::evaluate(const Eigen::Ref<const Eigen::VectorXd>& weights) const {
  Eigen::VectorXd out;
  evaluate(weights, out);
  return out;
}

ScoreResult score(const DecisionMatrix& matrix, const ScoringOptions& options) {
  ScoreResult out;
  AhpResult ahp;
  out.weights = compute_weights(matrix, options.weights, &ahp);
  if (options.weights.method == WeightMethod::ahp) out.ahp = ahp;
  PreparedScoring prepared(matrix, options);
  out.score = prepared.evaluate(out.weights);
  for (Eigen::Index i = 0; i < out.score.size(); ++i) {
    if (!std::isfinite(out.score(i))) {
      throw Error("internal error: non-finite score for '" + matrix.ids[static_cast<std::size_t>(i)] + "'");
    }
  }
  out.ids = matrix.ids;
  out.criteria = matrix.criteria;
  out.method = options.method;
  out.imputed = matrix.imputed;
  out.order = order_descending(out.score);
  out.rank.resize(out.order.size());
  for (std::size_t k = 0; k < out.order.size(); ++k) out.rank[out.order[k]] = k + 1;
  switch (options.method) {
    case ScoringMethod::topsis:
      out.topsis = topsis(matrix.values, matrix.directions, out.weights, options.topsis_normalization);
      break;
    case ScoringMethod::vikor:
      out.vikor = vikor(matrix.values, matrix.directions, out.weights, options.vikor_v);
      break;
    case ScoringMethod::promethee_ii:
      out.promethee = promethee_ii(matrix.values, matrix.directions, out.weights, options.preference);
      break;
    default:
      break;
  }
  return out;
}

ScoreResult score(const Table& table, std::span<const Criterion> criteria, const ScoringOptions& options) {
  const bool need_weights = options.weights.method == WeightMethod::given;
  return score(build_decision_matrix(table, criteria, need_weights), options);
}

}  // namespace clir
