#include "clir/scoring/methods.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "range.hpp"

namespace clir {

namespace {

bool is_cost(std::span<const Direction> d, Eigen::Index j) {
  const auto ju = static_cast<std::size_t>(j);
  return ju < d.size() && d[ju] == Direction::cost;
}

void check_shapes(const Eigen::MatrixXd& values, std::span<const Direction> directions, const Eigen::VectorXd& w) {
  if (static_cast<std::size_t>(values.cols()) != directions.size() || values.cols() != w.size()) {
    throw ConfigError("criteria", "the decision matrix has " + std::to_string(values.cols()) + " columns but " +
                                      std::to_string(directions.size()) + " directions and " +
                                      std::to_string(w.size()) + " weights");
  }
}
}  // namespace

Eigen::VectorXd weighted_sum(const Eigen::MatrixXd& oriented, const Eigen::VectorXd& weights) {
  return oriented * weights;
}

Eigen::VectorXd weighted_product(const Eigen::MatrixXd& oriented, const Eigen::VectorXd& weights) {
  Eigen::VectorXd out = Eigen::VectorXd::Zero(oriented.rows());
  for (Eigen::Index i = 0; i < oriented.rows(); ++i) {
    double log_sum = 0.0;
    bool zero = false;
    for (Eigen::Index j = 0; j < oriented.cols(); ++j) {
      const double w = weights(j);
      if (w == 0.0) continue;
      const double r = oriented(i, j);
      if (r < 0.0) {
        throw InputError("weighted_product needs normalized values >= 0 (use min_max, max, sum or vector); column " +
                         std::to_string(j + 1) + " has " + std::to_string(r) + " in row " + std::to_string(i + 1));
      }
      if (r == 0.0) {
        zero = true;
        break;
      }
      log_sum += w * std::log(r);
    }
    out(i) = zero ? 0.0 : std::exp(log_sum);
  }
  return out;
}

TopsisResult topsis(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                    const Eigen::VectorXd& weights, Normalization normalization) {
  check_shapes(values, directions, weights);
  if (normalization != Normalization::vector && normalization != Normalization::min_max) {
    throw ConfigError("topsis_normalization", "TOPSIS normalization must be vector or min_max, got '" +
                                                  std::string(to_string(normalization)) + "'",
                      {"vector", "min_max"});
  }
  const Eigen::Index n = values.rows();
  TopsisResult out;
  out.d_best = Eigen::VectorXd::Zero(n);
  out.d_worst = Eigen::VectorXd::Zero(n);
  for (Eigen::Index j = 0; j < values.cols(); ++j) {
    const Eigen::VectorXd v = normalize_column(values.col(j), normalization) * weights(j);
    const auto range = detail::range_of(v);
    const double best = is_cost(directions, j) ? range.lo : range.hi;
    const double worst = is_cost(directions, j) ? range.hi : range.lo;
    out.d_best.array() += (v.array() - best).square();
    out.d_worst.array() += (v.array() - worst).square();
  }
  out.d_best = out.d_best.cwiseSqrt();
  out.d_worst = out.d_worst.cwiseSqrt();
  out.closeness.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double total = out.d_best(i) + out.d_worst(i);
    out.closeness(i) = total > 0.0 ? out.d_worst(i) / total : 0.5;
  }
  return out;
}

VikorResult vikor(const Eigen::MatrixXd& values, std::span<const Direction> directions, const Eigen::VectorXd& weights,
                  double v) {
  check_shapes(values, directions, weights);
  if (!(v >= 0.0 && v <= 1.0)) throw ConfigError("vikor_v", "VIKOR v must be in [0, 1], got " + std::to_string(v));
  const Eigen::Index n = values.rows();
  VikorResult out;
  out.s = Eigen::VectorXd::Zero(n);
  out.r = Eigen::VectorXd::Zero(n);
  for (Eigen::Index j = 0; j < values.cols(); ++j) {
    const auto col = values.col(j);
    const auto range = detail::range_of(col);
    const double best = is_cost(directions, j) ? range.lo : range.hi;
    const double worst = is_cost(directions, j) ? range.hi : range.lo;
    if (best == worst) continue;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double term = weights(j) * (best - col(i)) / (best - worst);
      out.s(i) += term;
      out.r(i) = std::max(out.r(i), term);
    }
  }
  out.q = Eigen::VectorXd::Zero(n);
  if (n == 0) return out;
  const auto [s_lo, s_hi] = detail::range_of(out.s);
  const auto [r_lo, r_hi] = detail::range_of(out.r);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double qs = s_hi > s_lo ? (out.s(i) - s_lo) / (s_hi - s_lo) : 0.0;
    const double qr = r_hi > r_lo ? (out.r(i) - r_lo) / (r_hi - r_lo) : 0.0;
    out.q(i) = v * qs + (1.0 - v) * qr;
  }
  // Compromise solution (Opricovic and Tzeng 2004, step 5).
  std::vector<std::size_t> by_q(static_cast<std::size_t>(n));
  std::iota(by_q.begin(), by_q.end(), std::size_t{0});
  std::stable_sort(by_q.begin(), by_q.end(), [&](std::size_t a, std::size_t b) {
    return out.q(static_cast<Eigen::Index>(a)) < out.q(static_cast<Eigen::Index>(b));
  });
  const auto first = static_cast<Eigen::Index>(by_q[0]);
  if (n == 1) {
    out.compromise = {by_q[0]};
    out.acceptable_advantage = out.acceptable_stability = true;
    return out;
  }
  const double dq = 1.0 / static_cast<double>(n - 1);
  out.acceptable_advantage = out.q(static_cast<Eigen::Index>(by_q[1])) - out.q(first) >= dq;
  out.acceptable_stability = out.s(first) == s_lo || out.r(first) == r_lo;
  if (out.acceptable_advantage && out.acceptable_stability) {
    out.compromise = {by_q[0]};
  } else if (out.acceptable_advantage) {
    out.compromise = {by_q[0], by_q[1]};
  } else {
    for (std::size_t k = 0; k < by_q.size(); ++k) {
      if (k > 0 && out.q(static_cast<Eigen::Index>(by_q[k])) - out.q(first) >= dq) break;
      out.compromise.push_back(by_q[k]);
    }
  }
  return out;
}

double preference(const PreferenceFunction& f, double d) noexcept {
  if (d <= 0.0) return 0.0;
  switch (f.type) {
    case PreferenceType::usual:
      return 1.0;
    case PreferenceType::u_shape:
      return d > f.q ? 1.0 : 0.0;
    case PreferenceType::v_shape:
      return d >= f.p ? 1.0 : d / f.p;
    case PreferenceType::level:
      if (d <= f.q) return 0.0;
      return d <= f.p ? 0.5 : 1.0;
    case PreferenceType::linear:
      if (d <= f.q) return 0.0;
      if (d >= f.p) return 1.0;
      return (d - f.q) / (f.p - f.q);
    case PreferenceType::gaussian:
      return -std::expm1(-d * d / (2.0 * f.s * f.s));
  }
  return 0.0;
}

namespace {
/// What the thresholds of @p f's type must satisfy, or an empty view when they do.
std::string_view threshold_problem(const PreferenceFunction& f) noexcept {
  if (!std::isfinite(f.q) || !std::isfinite(f.p) || !std::isfinite(f.s)) return "finite thresholds";
  switch (f.type) {
    case PreferenceType::usual:
      return {};
    case PreferenceType::u_shape:
      return f.q >= 0.0 ? std::string_view{} : "q >= 0";
    case PreferenceType::v_shape:
      return f.p > 0.0 ? std::string_view{} : "p > 0";
    case PreferenceType::level:
    case PreferenceType::linear:
      return f.q >= 0.0 && f.p > f.q ? std::string_view{} : "0 <= q < p";
    case PreferenceType::gaussian:
      return f.s > 0.0 ? std::string_view{} : "s > 0";
  }
  return "a known type";
}
}  // namespace

void validate_preference_functions(std::span<const PreferenceFunction> functions, std::size_t count) {
  if (functions.empty()) return;
  if (functions.size() != count) {
    throw ConfigError("preference", "give one preference function per criterion: " + std::to_string(count) +
                                        " criteria, " + std::to_string(functions.size()) + " functions");
  }
  for (std::size_t j = 0; j < functions.size(); ++j) {
    const auto& f = functions[j];
    const std::string_view problem = threshold_problem(f);
    if (problem.empty()) continue;
    throw ConfigError("preference[" + std::to_string(j) + "]",
                      std::string(to_string(f.type)) + " preference needs " + std::string(problem) + ", got q = " +
                          std::to_string(f.q) + ", p = " + std::to_string(f.p) + ", s = " + std::to_string(f.s));
  }
}

Eigen::MatrixXd promethee_single_flows(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                                       std::span<const PreferenceFunction> functions) {
  const Eigen::Index n = values.rows();
  const Eigen::Index m = values.cols();
  validate_preference_functions(functions, static_cast<std::size_t>(m));
  Eigen::MatrixXd flows = Eigen::MatrixXd::Zero(n, m);
  if (n < 2) return flows;
  const double scale = 1.0 / static_cast<double>(n - 1);
  for (Eigen::Index j = 0; j < m; ++j) {
    const PreferenceFunction f = functions.empty() ? PreferenceFunction{} : functions[static_cast<std::size_t>(j)];
    const double sign = is_cost(directions, j) ? -1.0 : 1.0;
    const auto col = values.col(j);
    for (Eigen::Index a = 0; a < n; ++a) {
      double net = 0.0;
      for (Eigen::Index b = a + 1; b < n; ++b) {
        const double d = sign * (col(a) - col(b));
        const double pab = preference(f, d);
        const double pba = preference(f, -d);
        net += pab - pba;
        flows(b, j) -= (pab - pba) * scale;
      }
      flows(a, j) += net * scale;
    }
  }
  return flows;
}

PrometheeResult promethee_ii(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                             const Eigen::VectorXd& weights, std::span<const PreferenceFunction> functions) {
  check_shapes(values, directions, weights);
  const Eigen::Index n = values.rows();
  const Eigen::Index m = values.cols();
  validate_preference_functions(functions, static_cast<std::size_t>(m));
  PrometheeResult out;
  out.phi_plus = Eigen::VectorXd::Zero(n);
  out.phi_minus = Eigen::VectorXd::Zero(n);
  if (n >= 2) {
    const double scale = 1.0 / static_cast<double>(n - 1);
    for (Eigen::Index j = 0; j < m; ++j) {
      if (weights(j) == 0.0) continue;
      const PreferenceFunction f = functions.empty() ? PreferenceFunction{} : functions[static_cast<std::size_t>(j)];
      const double sign = is_cost(directions, j) ? -1.0 : 1.0;
      const auto col = values.col(j);
      for (Eigen::Index a = 0; a < n; ++a) {
        for (Eigen::Index b = 0; b < n; ++b) {
          if (a == b) continue;
          const double pab = preference(f, sign * (col(a) - col(b)));
          out.phi_plus(a) += weights(j) * pab * scale;
          out.phi_minus(b) += weights(j) * pab * scale;
        }
      }
    }
  }
  out.phi = out.phi_plus - out.phi_minus;
  return out;
}

Eigen::MatrixXd promethee_preference_indices(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                                             const Eigen::VectorXd& weights,
                                             std::span<const PreferenceFunction> functions) {
  check_shapes(values, directions, weights);
  const Eigen::Index n = values.rows();
  const Eigen::Index m = values.cols();
  validate_preference_functions(functions, static_cast<std::size_t>(m));
  Eigen::MatrixXd pi = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index j = 0; j < m; ++j) {
    if (weights(j) == 0.0) continue;
    const PreferenceFunction f = functions.empty() ? PreferenceFunction{} : functions[static_cast<std::size_t>(j)];
    const double sign = is_cost(directions, j) ? -1.0 : 1.0;
    const auto col = values.col(j);
    for (Eigen::Index b = 0; b < n; ++b) {
      for (Eigen::Index a = 0; a < n; ++a) {
        if (a != b) pi(a, b) += weights(j) * preference(f, sign * (col(a) - col(b)));
      }
    }
  }
  return pi;
}

}  // namespace clir
