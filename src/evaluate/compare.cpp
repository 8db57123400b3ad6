#include "clir/evaluate/compare.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "clir/core/error.hpp"

namespace clir {

double ByEntropyMean::operator[](EntropyMean mean) const noexcept {
  switch (mean) {
    case EntropyMean::arithmetic: return arithmetic;
    case EntropyMean::geometric: return geometric;
    case EntropyMean::max: return max;
    case EntropyMean::min: return min;
  }
  return arithmetic;
}

namespace {

double mean_of(double a, double b, EntropyMean mean) noexcept {
  switch (mean) {
    case EntropyMean::arithmetic: return (a + b) / 2.0;
    case EntropyMean::geometric: return std::sqrt(a * b);
    case EntropyMean::max: return std::max(a, b);
    case EntropyMean::min: return std::min(a, b);
  }
  return (a + b) / 2.0;
}

// Each row and each column has exactly one non-zero cell: the two partitions are the same up to
// renaming. Scores that are 1 (or 0) for identical partitions are then set exactly, rather than
// left to rounding in MI / H.
bool same_partition(const ContingencyTable& t) noexcept {
  return t.cells.size() == t.rows() && t.cells.size() == t.columns();
}

double entropy_of_sizes(const std::vector<std::uint64_t>& sizes, std::uint64_t n) {
  const double total = static_cast<double>(n);
  double h = 0.0;
  for (auto s : sizes) {
    if (s == 0) continue;
    const double p = static_cast<double>(s) / total;
    h -= p * std::log(p);
  }
  return std::max(h, 0.0);
}

// H(ref), H(cand) and MI from one table, consistent with one another.
struct Information {
  double reference_entropy = 0.0;
  double candidate_entropy = 0.0;
  double mutual_information = 0.0;
  bool identical = false;
  bool both_single_group = false;
};

Information information(const ContingencyTable& t) {
  Information info;
  info.identical = same_partition(t);
  info.both_single_group = t.rows() == 1 && t.columns() == 1;
  info.reference_entropy = entropy_of_sizes(t.row_sums, t.items);
  if (info.identical) {
    // MI = H(ref) = H(cand) exactly for the same partition.
    info.candidate_entropy = info.reference_entropy;
    info.mutual_information = info.reference_entropy;
    return info;
  }
  info.candidate_entropy = entropy_of_sizes(t.column_sums, t.items);
  // A single group on either side carries no information about the other: MI = 0 exactly
  // (summing the logs would leave rounding residue, and MI / min(H) would then be 0-ish / 0).
  if (t.rows() == 1 || t.columns() == 1) return info;
  const double n = static_cast<double>(t.items);
  const double log_n = std::log(n);
  double mi = 0.0;
  for (const auto& c : t.cells) {
    const double nij = static_cast<double>(c.count);
    const double ai = static_cast<double>(t.row_sums[c.row]);
    const double bj = static_cast<double>(t.column_sums[c.column]);
    mi += (nij / n) * (std::log(nij) + log_n - std::log(ai) - std::log(bj));
  }
  info.mutual_information = std::max(mi, 0.0);
  return info;
}

double nmi_from(const Information& info, EntropyMean mean) {
  if (info.both_single_group || info.identical) return 1.0;
  if (info.mutual_information == 0.0) return 0.0;
  return info.mutual_information / mean_of(info.reference_entropy, info.candidate_entropy, mean);
}

double ami_from(const Information& info, double emi, EntropyMean mean) {
  if (info.both_single_group || info.identical) return 1.0;
  double denominator = mean_of(info.reference_entropy, info.candidate_entropy, mean) - emi;
  // The mean entropy is >= E[MI] in exact arithmetic; keep the sign and stay away from 0/0 as
  // scikit-learn does (this happens when one grouping is a single group: then MI = E[MI] = 0).
  constexpr double eps = std::numeric_limits<double>::epsilon();
  denominator = denominator < 0.0 ? std::min(denominator, -eps) : std::max(denominator, eps);
  return (info.mutual_information - emi) / denominator;
}

HomogeneityCompleteness hcv_from(const Information& info, double beta) {
  if (!(beta > 0.0) || !std::isfinite(beta)) {
    throw ConfigError("beta", "the V-measure's beta must be a finite number > 0, got " + std::to_string(beta));
  }
  HomogeneityCompleteness r;
  if (info.identical) return r;  // all three exactly 1
  r.homogeneity = info.reference_entropy == 0.0 ? 1.0 : info.mutual_information / info.reference_entropy;
  r.completeness = info.candidate_entropy == 0.0 ? 1.0 : info.mutual_information / info.candidate_entropy;
  r.v_measure = r.homogeneity + r.completeness == 0.0
                    ? 0.0
                    : (1.0 + beta) * r.homogeneity * r.completeness / (beta * r.homogeneity + r.completeness);
  return r;
}

double purity_of(const ContingencyTable& t, bool by_columns) {
  // by_columns: for each candidate group (column) the largest reference overlap.
  std::vector<std::uint64_t> best(by_columns ? t.columns() : t.rows(), 0);
  for (const auto& c : t.cells) {
    auto& b = best[by_columns ? c.column : c.row];
    b = std::max(b, c.count);
  }
  std::uint64_t sum = 0;
  for (auto b : best) sum += b;
  return static_cast<double>(sum) / static_cast<double>(t.items);
}

double rand_from(const PairCounts& p) {
  const std::uint64_t agree = p.together_in_both + p.apart_in_both();
  if (p.total == 0 || agree == p.total) return 1.0;
  return static_cast<double>(agree) / static_cast<double>(p.total);
}

double ari_from(const PairCounts& p) {
  // Identical partitions (including n = 1) disagree on no pair.
  if (p.together_in_reference == p.together_in_both && p.together_in_candidate == p.together_in_both) return 1.0;
  // (index − expected) / (max − expected) with expected = A·B/N, multiplied through by N so that
  // only exact 64-bit counts enter until the final products (in double).
  const double n_pairs = static_cast<double>(p.total);
  const double both = static_cast<double>(p.together_in_both);
  const double a = static_cast<double>(p.together_in_reference);
  const double b = static_cast<double>(p.together_in_candidate);
  const double numerator = n_pairs * both - a * b;
  const double denominator = n_pairs * (a + b) / 2.0 - a * b;
  return numerator / denominator;
}

double fm_from(const PairCounts& p) {
  if (p.together_in_both == 0) return 0.0;
  const double both = static_cast<double>(p.together_in_both);
  return std::sqrt(both / static_cast<double>(p.together_in_reference)) *
         std::sqrt(both / static_cast<double>(p.together_in_candidate));
}

// Σ over x of P(x)·f(x) for the hypergeometric distribution of the overlap x of a group of size
// a and one of size b among n items, f(x) = (x/n)·log(n·x/(a·b)). Summed outward from the mode
// with the ratio of consecutive probabilities, then normalised by the sum of the weights, so no
// factorial or log-gamma is ever formed and nothing overflows.
double expected_cell_information(std::uint64_t a, std::uint64_t b, std::uint64_t n) {
  const double nd = static_cast<double>(n);
  const double ad = static_cast<double>(a);
  const double bd = static_cast<double>(b);
  const std::uint64_t lo = a + b > n ? a + b - n : 0;
  const std::uint64_t hi = std::min(a, b);
  // N − a − b + x, the fourth cell of the 2×2 table, as a double (may be negative before + x).
  const double rest = nd - ad - bd;
  auto f = [&](std::uint64_t x) {
    if (x == 0) return 0.0;
    const double xd = static_cast<double>(x);
    return (xd / nd) * std::log(nd * xd / (ad * bd));
  };
  const double mode_guess = std::floor((ad + 1.0) * (bd + 1.0) / (nd + 2.0));
  std::uint64_t mode = static_cast<std::uint64_t>(std::max(mode_guess, 0.0));
  mode = std::clamp(mode, lo, hi);
  // Weights relative to the mode's; terms below this are < 1e-300 of the largest one. The
  // distribution is log-concave, so weights only fall further away from the mode.
  constexpr double negligible = 1e-300;
  double weight_sum = 1.0;
  double weighted_f = f(mode);
  double w = 1.0;
  for (std::uint64_t x = mode; x < hi; ++x) {
    const double xd = static_cast<double>(x);
    w *= (ad - xd) * (bd - xd) / ((xd + 1.0) * (rest + xd + 1.0));
    if (w < negligible) break;
    weight_sum += w;
    weighted_f += w * f(x + 1);
  }
  w = 1.0;
  for (std::uint64_t x = mode; x > lo; --x) {
    const double xd = static_cast<double>(x);
    w *= xd * (rest + xd) / ((ad - xd + 1.0) * (bd - xd + 1.0));
    if (w < negligible) break;
    weight_sum += w;
    weighted_f += w * f(x - 1);
  }
  return weighted_f / weight_sum;
}

// Sizes with how often each occurs: E[MI] depends on a row and a column only through their sizes.
std::map<std::uint64_t, std::uint64_t> size_multiplicities(const std::vector<std::uint64_t>& sizes) {
  std::map<std::uint64_t, std::uint64_t> m;
  for (auto s : sizes) ++m[s];
  return m;
}

}  // namespace

double rand_index(const ContingencyTable& table) { return rand_from(pair_counts(table)); }
double rand_index(const Labels& reference, const Labels& candidate) {
  return rand_index(contingency_table(reference, candidate));
}

double adjusted_rand_index(const ContingencyTable& table) { return ari_from(pair_counts(table)); }
double adjusted_rand_index(const Labels& reference, const Labels& candidate) {
  return adjusted_rand_index(contingency_table(reference, candidate));
}

double fowlkes_mallows(const ContingencyTable& table) { return fm_from(pair_counts(table)); }
double fowlkes_mallows(const Labels& reference, const Labels& candidate) {
  return fowlkes_mallows(contingency_table(reference, candidate));
}

double entropy(const Labels& labels) {
  const auto t = contingency_table(labels, labels);
  return entropy_of_sizes(t.row_sums, t.items);
}

double mutual_information(const ContingencyTable& table) { return information(table).mutual_information; }
double mutual_information(const Labels& reference, const Labels& candidate) {
  return mutual_information(contingency_table(reference, candidate));
}

double expected_mutual_information(const ContingencyTable& table) {
  const auto rows = size_multiplicities(table.row_sums);
  const auto cols = size_multiplicities(table.column_sums);
  double emi = 0.0;
  for (const auto& [a, a_count] : rows) {
    for (const auto& [b, b_count] : cols) {
      emi += static_cast<double>(a_count) * static_cast<double>(b_count) *
             expected_cell_information(a, b, table.items);
    }
  }
  return emi;
}

double normalized_mutual_information(const ContingencyTable& table, EntropyMean mean) {
  return nmi_from(information(table), mean);
}
double normalized_mutual_information(const Labels& reference, const Labels& candidate, EntropyMean mean) {
  return normalized_mutual_information(contingency_table(reference, candidate), mean);
}

double adjusted_mutual_information(const ContingencyTable& table, EntropyMean mean) {
  const auto info = information(table);
  if (info.both_single_group || info.identical) return 1.0;
  return ami_from(info, expected_mutual_information(table), mean);
}
double adjusted_mutual_information(const Labels& reference, const Labels& candidate, EntropyMean mean) {
  return adjusted_mutual_information(contingency_table(reference, candidate), mean);
}

double variation_of_information(const ContingencyTable& table) {
  const auto info = information(table);
  if (info.identical) return 0.0;
  return std::max(info.reference_entropy + info.candidate_entropy - 2.0 * info.mutual_information, 0.0);
}
double variation_of_information(const Labels& reference, const Labels& candidate) {
  return variation_of_information(contingency_table(reference, candidate));
}

HomogeneityCompleteness homogeneity_completeness(const ContingencyTable& table, double beta) {
  return hcv_from(information(table), beta);
}
HomogeneityCompleteness homogeneity_completeness(const Labels& reference, const Labels& candidate, double beta) {
  return homogeneity_completeness(contingency_table(reference, candidate), beta);
}
double homogeneity(const Labels& reference, const Labels& candidate) {
  return homogeneity_completeness(reference, candidate).homogeneity;
}
double completeness(const Labels& reference, const Labels& candidate) {
  return homogeneity_completeness(reference, candidate).completeness;
}
double v_measure(const Labels& reference, const Labels& candidate, double beta) {
  return homogeneity_completeness(reference, candidate, beta).v_measure;
}

double purity(const ContingencyTable& table) { return purity_of(table, true); }
double purity(const Labels& reference, const Labels& candidate) {
  return purity(contingency_table(reference, candidate));
}

Comparison compare(const Labels& reference, const Labels& candidate, const CompareOptions& options) {
  const auto table = contingency_table(reference, candidate);
  const auto info = information(table);
  Comparison c;
  c.homogeneity_completeness = hcv_from(info, options.v_measure_beta);  // validates beta first
  c.items = table.items;
  c.reference_groups = table.rows();
  c.candidate_groups = table.columns();
  c.pairs = pair_counts(table);
  c.rand_index = rand_from(c.pairs);
  c.adjusted_rand_index = ari_from(c.pairs);
  c.fowlkes_mallows = fm_from(c.pairs);
  c.reference_entropy = info.reference_entropy;
  c.candidate_entropy = info.candidate_entropy;
  c.mutual_information = info.mutual_information;
  c.expected_mutual_information = expected_mutual_information(table);
  c.normalized_mutual_information = {nmi_from(info, EntropyMean::arithmetic), nmi_from(info, EntropyMean::geometric),
                                     nmi_from(info, EntropyMean::max), nmi_from(info, EntropyMean::min)};
  const double emi = c.expected_mutual_information;
  c.adjusted_mutual_information = {ami_from(info, emi, EntropyMean::arithmetic), ami_from(info, emi, EntropyMean::geometric),
                                   ami_from(info, emi, EntropyMean::max), ami_from(info, emi, EntropyMean::min)};
  c.variation_of_information =
      info.identical ? 0.0
                     : std::max(info.reference_entropy + info.candidate_entropy - 2.0 * info.mutual_information, 0.0);
  c.purity = purity_of(table, true);
  c.inverse_purity = purity_of(table, false);
  if (options.match) c.matching = match_labels(reference, candidate, table);
  return c;
}

}  // namespace clir
