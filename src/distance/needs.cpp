#include "clir/distance/needs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/core/table.hpp"
#include "clir/io/format.hpp"

namespace clir {

namespace {

std::vector<double> check_weights(const std::vector<double>& weights, std::size_t columns) {
  if (weights.empty()) return std::vector<double>(columns, 1.0);
  if (weights.size() != columns)
    throw ConfigError("weights", "expected " + std::to_string(columns) + " weights (one per column), got " +
                                     std::to_string(weights.size()));
  double total = 0.0;
  for (std::size_t c = 0; c < weights.size(); ++c) {
    if (!std::isfinite(weights[c]) || weights[c] < 0.0)
      throw ConfigError("weights", "weight " + std::to_string(c + 1) + " is " + std::to_string(weights[c]) +
                                       "; weights must be finite and >= 0");
    total += weights[c];
  }
  if (total <= 0.0) throw ConfigError("weights", "all weights are zero; at least one column must count");
  return weights;
}

// Fills the upper triangle of @p D with pair(i, j), rows paired (p, n−1−p) for balanced blocks.
// A pair that returns NaN is recorded per row and reported afterwards, lowest (i, j) first, so
// the error does not depend on the thread count.
template <class T, class Pair>
std::pair<std::size_t, std::size_t> fill_pairs(DistanceMatrix<T>& D, unsigned threads, Pair&& pair) {
  const std::size_t n = D.size();
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> bad(n, none);
  if (n < 2) return {none, none};
  T* out = D.condensed().data();
  auto row = [&](std::size_t i) {
    if (i + 1 >= n) return;
    T* r = out + D.index(i, i + 1);
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = pair(i, j);
      if (std::isnan(d) && bad[i] == none) bad[i] = j;
      r[j - i - 1] = static_cast<T>(d);
    }
  };
  parallel_for((n + 1) / 2, threads, [&](std::size_t p) {
    row(p);
    if (n - 1 - p != p) row(n - 1 - p);
  });
  for (std::size_t i = 0; i < n; ++i)
    if (bad[i] != none) return {i, bad[i]};
  return {none, none};
}

}  // namespace

template <std::floating_point T>
DistanceMatrix<T> standardized_euclidean_matrix(const Table& table, const EuclideanOptions& options) {
  std::vector<std::string> columns = options.columns;
  if (columns.empty())
    for (const auto& info : table.numeric_columns()) columns.push_back(info.name);
  if (columns.empty()) throw InputError("the table has no numeric column to measure needs by", {.key = "columns"});
  std::vector<double> w = check_weights(options.weights, columns.size());
  const std::size_t n = table.rows(), p = columns.size();
  // z-scores, row-major, NaN where missing.
  std::vector<double> z(n * p, 0.0);
  for (std::size_t c = 0; c < p; ++c) {
    const std::size_t col = table.numeric_index(columns[c]);
    double largest = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (table.is_missing(i, col)) {
        if (options.missing == MissingDistancePolicy::error)
          throw InputError("row '" + table.ids()[i] + "' has no value; missing values are not allowed (missing = error)",
                           {.key = columns[c]});
        continue;
      }
      largest = std::max(largest, std::abs(table.values()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(col))));
    }
    // z-scores are unchanged by scaling the column; when the sums or squares of the values would
    // overflow (values near 1e154 and up), the column is scaled by a power of two first, which is exact.
    double scale = 1.0;
    const auto value = [&](std::size_t i) {
      return table.values()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(col)) * scale;
    };
    double mean = 0.0, sd = 0.0;
    for (int attempt = 0; attempt < 2; ++attempt) {
      double sum = 0.0;
      std::size_t m = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (table.is_missing(i, col)) continue;
        sum += value(i);
        ++m;
      }
      mean = m > 0 ? sum / static_cast<double>(m) : 0.0;
      double ss = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        if (table.is_missing(i, col)) continue;
        const double dev = value(i) - mean;
        ss += dev * dev;
      }
      sd = m > 1 ? std::sqrt(ss / static_cast<double>(m - 1)) : 0.0;
      if (std::isfinite(mean) && std::isfinite(sd)) break;
      if (attempt == 1) {
        throw InputError("column '" + columns[c] + "': its values (up to " + format_number(largest) +
                             ") overflow a double in the z-scores of the needs distance",
                         {.key = columns[c]});
      }
      scale = std::ldexp(1.0, -std::ilogb(largest));
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (table.is_missing(i, col)) {
        z[i * p + c] = std::numeric_limits<double>::quiet_NaN();
      } else {
        z[i * p + c] = sd > 0.0 ? (value(i) - mean) / sd : 0.0;
      }
    }
    // A constant column carries no information: it is left out (weight 0), as R's
    // dist(scale(x)) leaves out the NaN column scale() makes of it.
    if (!(sd > 0.0)) w[c] = 0.0;
  }
  double total_w = 0.0;
  for (double v : w) total_w += v;
  DistanceMatrix<T> D(n);
  if (total_w <= 0.0) return D;  // every column constant: no needs differ, all distances 0
  const auto [bi, bj] = fill_pairs(D, options.threads, [&](std::size_t i, std::size_t j) {
    double sum = 0.0, used = 0.0;
    const double* a = z.data() + i * p;
    const double* b = z.data() + j * p;
    for (std::size_t c = 0; c < p; ++c) {
      const double dev = a[c] - b[c];
      if (std::isnan(dev)) continue;
      sum += w[c] * dev * dev;
      used += w[c];
    }
    if (used <= 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (used < total_w) sum /= used / total_w;
    return std::sqrt(sum);
  });
  if (bi != std::numeric_limits<std::size_t>::max())
    throw InputError("rows '" + table.ids()[bi] + "' and '" + table.ids()[bj] +
                         "' have no needs column with a value in both; their distance is undefined",
                     {.key = "needs"});
  return D;
}

template <std::floating_point T>
DistanceMatrix<T> gower_matrix(const Table& table, const GowerOptions& options) {
  std::vector<std::string> numeric = options.numeric, categorical = options.categorical;
  if (numeric.empty() && categorical.empty()) {
    for (const auto& info : table.numeric_columns()) numeric.push_back(info.name);
    categorical = table.categorical_names();
  }
  const std::size_t pn = numeric.size(), pc = categorical.size(), n = table.rows();
  if (pn + pc == 0) throw InputError("the table has no column to compute Gower distances on", {.key = "gower"});
  const std::vector<double> w = check_weights(options.weights, pn + pc);
  std::vector<double> x(n * pn, 0.0), range(pn, 0.0);
  for (std::size_t c = 0; c < pn; ++c) {
    const std::size_t col = table.numeric_index(numeric[c]);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t i = 0; i < n; ++i) {
      if (table.is_missing(i, col)) {
        x[i * pn + c] = std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      const double v = table.values()(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(col));
      x[i * pn + c] = v;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    range[c] = hi > lo ? hi - lo : 0.0;
  }
  // Categories as integer codes, −1 for missing (empty string).
  std::vector<int> code(n * pc, -1);
  for (std::size_t c = 0; c < pc; ++c) {
    const auto& values = table.categorical(categorical[c]);
    std::unordered_map<std::string, int> codes;
    for (std::size_t i = 0; i < n; ++i) {
      if (values[i].empty()) continue;
      code[i * pc + c] = codes.emplace(values[i], static_cast<int>(codes.size())).first->second;
    }
  }
  DistanceMatrix<T> D(n);
  const auto [bi, bj] = fill_pairs(D, options.threads, [&](std::size_t i, std::size_t j) {
    double num = 0.0, den = 0.0;
    for (std::size_t c = 0; c < pn; ++c) {
      const double a = x[i * pn + c], b = x[j * pn + c];
      if (std::isnan(a) || std::isnan(b)) continue;
      if (range[c] > 0.0) num += w[c] * (std::fabs(a - b) / range[c]);
      den += w[c];
    }
    for (std::size_t c = 0; c < pc; ++c) {
      const int a = code[i * pc + c], b = code[j * pc + c];
      if (a < 0 || b < 0) continue;
      if (a != b) num += w[pn + c];
      den += w[pn + c];
    }
    return den > 0.0 ? num / den : std::numeric_limits<double>::quiet_NaN();
  });
  if (bi != std::numeric_limits<std::size_t>::max())
    throw InputError("rows '" + table.ids()[bi] + "' and '" + table.ids()[bj] +
                         "' have no column with a value in both; their Gower distance is undefined",
                     {.key = "gower"});
  return D;
}

template DistanceMatrix<float> standardized_euclidean_matrix<float>(const Table&, const EuclideanOptions&);
template DistanceMatrix<double> standardized_euclidean_matrix<double>(const Table&, const EuclideanOptions&);
template DistanceMatrix<float> gower_matrix<float>(const Table&, const GowerOptions&);
template DistanceMatrix<double> gower_matrix<double>(const Table&, const GowerOptions&);

}  // namespace clir
