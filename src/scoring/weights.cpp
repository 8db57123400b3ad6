#include "clir/scoring/weights.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/scoring/normalize.hpp"
#include "range.hpp"

namespace clir {

namespace {

// Saaty (1980), The Analytic Hierarchy Process, random consistency index for n = 1..15.
constexpr std::array<double, 15> kRandomIndex{0.0,  0.0,  0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                                              1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};

Eigen::VectorXd equal_weights(Eigen::Index m) {
  return Eigen::VectorXd::Constant(m, 1.0 / static_cast<double>(m));
}

// Weights proportional to @p v (>= 0); equal weights when v sums to zero (no information).
Eigen::VectorXd proportional_or_equal(const Eigen::VectorXd& v) {
  const double total = v.sum();
  if (!(total > 0.0)) return equal_weights(v.size());
  return v / total;
}

double population_sd(const Eigen::Ref<const Eigen::VectorXd>& x) {
  const double mean = x.mean();
  return std::sqrt((x.array() - mean).square().mean());
}
}  // namespace

Eigen::VectorXd normalize_weights(const Eigen::Ref<const Eigen::VectorXd>& weights, std::span<const std::string> labels) {
  double total = 0.0;
  for (Eigen::Index j = 0; j < weights.size(); ++j) {
    const double w = weights(j);
    if (!std::isfinite(w) || w < 0.0) {
      const auto ju = static_cast<std::size_t>(j);
      const std::string label = ju < labels.size() ? labels[ju] : std::to_string(j + 1);
      throw ConfigError("criteria." + label + ".weight",
                        "criterion '" + label + "': weight must be finite and >= 0, got " + std::to_string(w));
    }
    total += w;
  }
  if (!(total > 0.0)) throw ConfigError("weights", "every weight is 0; at least one must be > 0");
  return weights / total;
}

Eigen::VectorXd entropy_weights(const Eigen::MatrixXd& values, std::span<const std::string> labels) {
  const Eigen::Index n = values.rows();
  const Eigen::Index m = values.cols();
  if (m == 0) return {};
  Eigen::VectorXd diversity = Eigen::VectorXd::Zero(m);
  if (n < 2) return equal_weights(m);
  const double k = 1.0 / std::log(static_cast<double>(n));
  for (Eigen::Index j = 0; j < m; ++j) {
    const auto col = values.col(j);
    for (Eigen::Index i = 0; i < n; ++i) {
      if (col(i) < 0.0) {
        const auto ju = static_cast<std::size_t>(j);
        const std::string label = ju < labels.size() ? labels[ju] : std::to_string(j + 1);
        throw InputError("entropy weights need values >= 0; criterion '" + label + "' has " +
                             std::to_string(col(i)) + " in row " + std::to_string(i + 1),
                         {.key = label});
      }
    }
    const double total = col.sum();
    if (!(total > 0.0)) continue;  // all zero: entropy 1, no information
    double e = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double p = col(i) / total;
      if (p > 0.0) e -= p * std::log(p);
    }
    diversity(j) = std::max(0.0, 1.0 - k * e);
  }
  return proportional_or_equal(diversity);
}

Eigen::VectorXd critic_weights(const Eigen::MatrixXd& oriented) {
  const Eigen::Index m = oriented.cols();
  const Eigen::Index n = oriented.rows();
  if (m == 0) return {};
  Eigen::VectorXd sd(m);
  Eigen::MatrixXd centred = oriented.rowwise() - oriented.colwise().mean();
  for (Eigen::Index j = 0; j < m; ++j) sd(j) = std::sqrt(centred.col(j).squaredNorm() / static_cast<double>(n));
  Eigen::VectorXd info = Eigen::VectorXd::Zero(m);
  for (Eigen::Index j = 0; j < m; ++j) {
    if (!(sd(j) > 0.0)) continue;  // constant: weight 0
    double conflict = 0.0;
    for (Eigen::Index k = 0; k < m; ++k) {
      if (k == j || !(sd(k) > 0.0)) continue;
      const double r = centred.col(j).dot(centred.col(k)) / (static_cast<double>(n) * sd(j) * sd(k));
      conflict += 1.0 - std::clamp(r, -1.0, 1.0);
    }
    info(j) = sd(j) * conflict;
  }
  // Fewer than two varying criteria leave no conflict to measure: fall back to contrast alone.
  if (!(info.sum() > 0.0)) return proportional_or_equal(sd);
  return proportional_or_equal(info);
}

Eigen::VectorXd std_dev_weights(const Eigen::MatrixXd& normalized) {
  Eigen::VectorXd sd(normalized.cols());
  for (Eigen::Index j = 0; j < normalized.cols(); ++j) sd(j) = population_sd(normalized.col(j));
  return proportional_or_equal(sd);
}

double saaty_random_index(std::size_t n) {
  if (n < 1 || n > kRandomIndex.size()) {
    throw ConfigError("ahp.matrix", "AHP supports 1 to 15 criteria (Saaty's random index table); got " +
                                        std::to_string(n));
  }
  return kRandomIndex[n - 1];
}

AhpResult ahp_weights(const Eigen::MatrixXd& a, const AhpOptions& options) {
  if (a.rows() != a.cols() || a.rows() == 0) {
    throw ConfigError("ahp.matrix", "the pairwise matrix must be square and non-empty, got " +
                                        std::to_string(a.rows()) + " x " + std::to_string(a.cols()));
  }
  const Eigen::Index n = a.rows();
  AhpResult out;
  out.random_index = saaty_random_index(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const std::string key = "ahp.matrix[" + std::to_string(i) + "][" + std::to_string(j) + "]";
      const double x = a(i, j);
      if (!std::isfinite(x) || x <= 0.0) throw ConfigError(key, "pairwise judgements must be finite and > 0, got " + std::to_string(x));
      if (i == j && std::abs(x - 1.0) > 1e-9) throw ConfigError(key, "the diagonal must be 1, got " + std::to_string(x));
      if (j > i && std::abs(x * a(j, i) - 1.0) > 0.01) {
        throw ConfigError(key, "the matrix must be reciprocal: a[i][j] * a[j][i] = " + std::to_string(x * a(j, i)) +
                                   ", expected 1");
      }
    }
  }
  if (options.method == AhpMethod::eigenvector) {
    Eigen::EigenSolver<Eigen::MatrixXd> solver(a);
    if (solver.info() != Eigen::Success) throw ConfigError("ahp.matrix", "the eigenvalue computation did not converge");
    const auto& values = solver.eigenvalues();
    Eigen::Index best = 0;
    for (Eigen::Index k = 1; k < n; ++k) {
      if (values(k).real() > values(best).real()) best = k;
    }
    Eigen::VectorXd v = solver.eigenvectors().col(best).real();
    // Perron vector: all components share one sign; fix it positive.
    if (v.sum() < 0.0) v = -v;
    for (auto& x : v) x = std::max(x, 0.0);
    out.weights = v / v.sum();
    out.lambda_max = values(best).real();
  } else {
    Eigen::VectorXd g(n);
    for (Eigen::Index i = 0; i < n; ++i) g(i) = std::exp(a.row(i).array().log().mean());
    out.weights = g / g.sum();
    out.lambda_max = ((a * out.weights).array() / out.weights.array()).mean();
  }
  if (n > 2) {
    out.consistency_index = std::max(0.0, (out.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1));
    out.consistency_ratio = out.consistency_index / out.random_index;
  }
  out.consistent = out.consistency_ratio <= options.max_consistency_ratio;
  if (!out.consistent && !options.allow_inconsistent) {
    throw ConfigError("ahp.matrix", "the pairwise judgements are inconsistent: consistency ratio " +
                                        std::to_string(out.consistency_ratio) + " > " +
                                        std::to_string(options.max_consistency_ratio) +
                                        " (revise the judgements or set ahp.allow_inconsistent = true)");
  }
  return out;
}

Eigen::VectorXd compute_weights(const DecisionMatrix& m, const WeightOptions& options, AhpResult* ahp_out) {
  const auto cols = static_cast<Eigen::Index>(m.cols());
  switch (options.method) {
    case WeightMethod::given:
      return normalize_weights(m.weights, m.criteria);
    case WeightMethod::equal:
      return equal_weights(cols);
    case WeightMethod::entropy: {
      // Shares need values >= 0: a column with negative values (a net IDP count, a reverse
      // dotation) is shifted by its minimum first.
      Eigen::MatrixXd shifted = m.values;
      for (Eigen::Index j = 0; j < shifted.cols(); ++j) {
        const double lo = detail::range_of(shifted.col(j)).lo;
        if (lo < 0.0) shifted.col(j).array() -= lo;
      }
      return entropy_weights(shifted, m.criteria);
    }
    case WeightMethod::critic:
      return critic_weights(normalize_oriented(m, Normalization::min_max, CostFlip::one_minus));
    case WeightMethod::std_dev:
      return std_dev_weights(normalize_oriented(m, Normalization::min_max, CostFlip::one_minus));
    case WeightMethod::ahp: {
      if (options.ahp_matrix.rows() != cols || options.ahp_matrix.cols() != cols) {
        throw ConfigError("ahp.matrix", "the pairwise matrix must be " + std::to_string(cols) + " x " +
                                            std::to_string(cols) + " (one row and column per criterion), got " +
                                            std::to_string(options.ahp_matrix.rows()) + " x " +
                                            std::to_string(options.ahp_matrix.cols()));
      }
      AhpResult r = ahp_weights(options.ahp_matrix, options.ahp);
      Eigen::VectorXd w = r.weights;
      if (ahp_out) *ahp_out = std::move(r);
      return w;
    }
  }
  return equal_weights(cols);
}

}  // namespace clir
