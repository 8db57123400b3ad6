// libFuzzer target: AHP weights from a pairwise comparison matrix must either come back as
// finite non-negative weights summing to 1 with a finite consistency ratio, or throw
// clir::Error; never crash, hang or return NaN.
//
// Input format (a tiny parser of our own, so the fuzzer spends its time on the matrix, not on
// TOML): rows separated by newlines or ';', entries by spaces, tabs or ','; an entry is a
// decimal number or a fraction "p/q". A line "geometric" selects the geometric-mean method, a
// line "allow" accepts inconsistent judgements. Ragged inputs and matrices above 16 × 16 are
// skipped (the first is not a matrix, the second only costs time).
#include <Eigen/Core>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/scoring/weights.hpp"

namespace {

constexpr std::size_t kMaxSide = 16;

std::optional<double> parse_entry(std::string_view token) {
  const auto parse_double = [](std::string_view s) -> std::optional<double> {
    double value = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return value;
  };
  const auto slash = token.find('/');
  if (slash == std::string_view::npos) return parse_double(token);
  const auto p = parse_double(token.substr(0, slash));
  const auto q = parse_double(token.substr(slash + 1));
  if (!p || !q) return std::nullopt;
  return *p / *q;  // q = 0 gives inf or NaN on purpose: ahp_weights must reject it
}

bool is_separator(char c) { return c == ' ' || c == '\t' || c == ',' || c == '\r'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  clir::AhpOptions options;
  std::vector<std::vector<double>> rows;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\n;", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line == "geometric") {
      options.method = clir::AhpMethod::geometric_mean;
      continue;
    }
    if (line == "allow") {
      options.allow_inconsistent = true;
      continue;
    }
    std::vector<double> row;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && is_separator(line[i])) ++i;
      std::size_t j = i;
      while (j < line.size() && !is_separator(line[j])) ++j;
      if (j > i) {
        const auto value = parse_entry(line.substr(i, j - i));
        if (!value) return 0;  // not a number: not a matrix
        row.push_back(*value);
        if (row.size() > kMaxSide) return 0;
      }
      i = j;
    }
    if (!row.empty()) rows.push_back(std::move(row));
    if (rows.size() > kMaxSide) return 0;
  }
  const std::size_t cols = rows.empty() ? 0 : rows.front().size();
  for (const auto& r : rows) {
    if (r.size() != cols) return 0;
  }
  Eigen::MatrixXd matrix(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      matrix(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
    }
  }
  try {
    const clir::AhpResult result = clir::ahp_weights(matrix, options);
    if (result.weights.size() != matrix.rows()) __builtin_trap();
    double sum = 0.0;
    for (const double w : result.weights) {
      if (!std::isfinite(w) || w < 0.0) __builtin_trap();
      sum += w;
    }
    if (std::abs(sum - 1.0) > 1e-6) __builtin_trap();
    if (!std::isfinite(result.consistency_ratio) || result.consistency_ratio < 0.0) __builtin_trap();
    if (!options.allow_inconsistent && !result.consistent) __builtin_trap();
  } catch (const clir::Error&) {
  }
  return 0;
}
