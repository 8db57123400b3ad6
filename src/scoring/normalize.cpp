#include "clir/scoring/normalize.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <optional>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/io/format.hpp"
#include "range.hpp"

namespace clir {

namespace {

double constant_value(Normalization method, Eigen::Index n) {
  switch (method) {
    case Normalization::min_max:
    case Normalization::max:
      return 1.0;
    case Normalization::sum:
      return 1.0 / static_cast<double>(n);
    case Normalization::vector:
      return 1.0 / std::sqrt(static_cast<double>(n));
    case Normalization::z_score:
      return 0.0;
    case Normalization::rank:
      return 0.5;
  }
  return 0.0;
}

void require_non_negative(const Eigen::Ref<const Eigen::VectorXd>& x, Normalization method, std::string_view label) {
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (x(i) < 0.0) {
      throw InputError(std::string(to_string(method)) + " normalization needs values >= 0; criterion '" +
                           std::string(label) + "' has " + std::to_string(x(i)) + " in row " + std::to_string(i + 1),
                       {.key = std::string(label)});
    }
  }
}
}  // namespace


bool is_constant(const Eigen::Ref<const Eigen::VectorXd>& column) noexcept {
  if (column.size() < 2) return true;
  const auto r = detail::range_of(column);
  return r.lo == r.hi;
}

Eigen::VectorXd average_ranks(const Eigen::Ref<const Eigen::VectorXd>& values) {
  const auto n = static_cast<std::size_t>(values.size());
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return values(static_cast<Eigen::Index>(a)) < values(static_cast<Eigen::Index>(b));
  });
  Eigen::VectorXd ranks(values.size());
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i;
    while (j + 1 < n && values(static_cast<Eigen::Index>(idx[j + 1])) == values(static_cast<Eigen::Index>(idx[i]))) ++j;
    const double r = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) ranks(static_cast<Eigen::Index>(idx[k])) = r;
    i = j + 1;
  }
  return ranks;
}

namespace {

// The normalized column, or nothing when a sum, a difference or a square on the way overflows a
// double (values near 1e154 and up): the result would be silently 0 or NaN.
std::optional<Eigen::VectorXd> normalize_finite(const Eigen::Ref<const Eigen::VectorXd>& x, Normalization method) {
  switch (method) {
    case Normalization::min_max: {
      const auto r = detail::range_of(x);
      const double span = r.hi - r.lo;
      if (!std::isfinite(span)) return std::nullopt;
      return ((x.array() - r.lo) / span).matrix();
    }
    case Normalization::vector: {
      const double norm = x.norm();
      if (!std::isfinite(norm)) return std::nullopt;
      return x / norm;  // not constant, so not all zero
    }
    case Normalization::max:
      return x / detail::range_of(x).hi;  // non-negative and not constant, so max > 0
    case Normalization::sum: {
      const double total = x.sum();
      if (!std::isfinite(total)) return std::nullopt;
      return x / total;
    }
    case Normalization::z_score: {
      const double mean = x.mean();
      const double sd = std::sqrt((x.array() - mean).square().mean());
      if (!std::isfinite(mean) || !std::isfinite(sd)) return std::nullopt;
      return ((x.array() - mean) / sd).matrix();
    }
    case Normalization::rank:
      return ((average_ranks(x).array() - 1.0) / static_cast<double>(x.size() - 1)).matrix();
  }
  return Eigen::VectorXd(x);
}

}  // namespace

Eigen::VectorXd normalize_column(const Eigen::Ref<const Eigen::VectorXd>& x, Normalization method,
                                 std::string_view label) {
  const Eigen::Index n = x.size();
  if (n == 0) return Eigen::VectorXd();
  if (method == Normalization::max || method == Normalization::sum) require_non_negative(x, method, label);
  if (is_constant(x)) return Eigen::VectorXd::Constant(n, constant_value(method, n));
  if (auto out = normalize_finite(x, method)) return *out;
  // Every normalization is unchanged by scaling the column, and scaling by a power of two is
  // exact: bring the largest magnitude to [1, 2) and normalize again.
  const double largest = x.cwiseAbs().maxCoeff();
  const Eigen::VectorXd scaled = x * std::ldexp(1.0, -std::ilogb(largest));
  if (auto out = normalize_finite(scaled, method)) return *out;
  throw InputError("criterion '" + std::string(label) + "': its values (up to " + format_number(largest) +
                       ") overflow a double in " + std::string(to_string(method)) + " normalization",
                   {.key = std::string(label)});
}

Eigen::MatrixXd normalize_oriented(const Eigen::MatrixXd& values, std::span<const Direction> directions,
                                   Normalization method, CostFlip flip, std::span<const std::string> labels) {
  Eigen::MatrixXd out(values.rows(), values.cols());
  for (Eigen::Index j = 0; j < values.cols(); ++j) {
    const auto ju = static_cast<std::size_t>(j);
    const std::string label = ju < labels.size() ? labels[ju] : "column " + std::to_string(j + 1);
    const bool cost = ju < directions.size() && directions[ju] == Direction::cost;
    const auto col = values.col(j);
    if (!cost || is_constant(col)) {
      out.col(j) = normalize_column(col, method, label);
      continue;
    }
    if (flip == CostFlip::reciprocal) {
      for (Eigen::Index i = 0; i < col.size(); ++i) {
        if (!(col(i) > 0.0)) {
          throw InputError("the reciprocal cost flip needs values > 0; criterion '" + label + "' has " +
                               std::to_string(col(i)) + " in row " + std::to_string(i + 1),
                           {.key = label});
        }
      }
      const Eigen::VectorXd inv = col.cwiseInverse();
      out.col(j) = normalize_column(inv, method, label);
    } else if (method == Normalization::z_score) {
      out.col(j) = -normalize_column(col, method, label);
    } else {
      out.col(j) = (1.0 - normalize_column(col, method, label).array()).matrix();
    }
  }
  return out;
}

Eigen::MatrixXd normalize_oriented(const DecisionMatrix& m, Normalization method, CostFlip flip) {
  return normalize_oriented(m.values, m.directions, method, flip, m.criteria);
}

}  // namespace clir
