#pragma once
/// @file
/// @brief Comparing a grouping with a reference: pair-counting indices, information-theoretic
/// scores, purity and the best label matching, one at a time or all in one call.
///
/// Definitions follow scikit-learn 1.x (sklearn.metrics.cluster) so that numbers can be checked
/// against it: natural logarithms (information in nats), the same conventions for degenerate
/// inputs, AMI with the exact expected mutual information (Vinh, Epps & Bailey 2010) and the
/// arithmetic mean by default. Unlike scikit-learn, an empty grouping is an error, not a
/// perfect score. See docs/evaluation.md for every formula, range and reference.
///
/// In every function the first grouping is the reference (ground truth, e.g. the published
/// CLIR groups) and the second the candidate (a clustering). The symmetric scores do not care;
/// homogeneity, completeness and purity do. Each function throws clir::InputError when the
/// two groupings differ in size, are empty, or contain a negative label.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "clir/core/labels.hpp"
#include "clir/evaluate/contingency.hpp"
#include "clir/evaluate/matching.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// How two entropies are averaged to normalise mutual information.
enum class EntropyMean {
  arithmetic,  ///< (H_a + H_b) / 2 (scikit-learn's default)
  geometric,   ///< sqrt(H_a · H_b)
  max,         ///< max(H_a, H_b)
  min,         ///< min(H_a, H_b)
};

template <>
struct EnumTraits<EntropyMean> {
  static constexpr std::string_view what = "mean";
  static constexpr std::array<EnumName<EntropyMean>, 4> names{{
      {EntropyMean::arithmetic, "arithmetic", "(H_a + H_b) / 2 (scikit-learn's default)"},
      {EntropyMean::geometric, "geometric", "sqrt(H_a · H_b)"},
      {EntropyMean::max, "max", "max(H_a, H_b)"},
      {EntropyMean::min, "min", "min(H_a, H_b)"},
  }};
};


/// A score under each of the four entropy means.
struct ByEntropyMean {
  double arithmetic = 0.0;  ///< normalised by (H_ref + H_cand) / 2
  double geometric = 0.0;   ///< normalised by sqrt(H_ref · H_cand)
  double max = 0.0;         ///< normalised by max(H_ref, H_cand)
  double min = 0.0;         ///< normalised by min(H_ref, H_cand)
  /// The value for @p mean.
  double operator[](EntropyMean mean) const noexcept;
};

// --- pair counting ---------------------------------------------------------------------------

/// Rand index: share of item pairs on which the groupings agree (together in both or apart in
/// both). Range [0, 1]; 1 for identical partitions (also when n = 1).
double rand_index(const ContingencyTable& table);
/// Rand index of two groupings; see rand_index(const ContingencyTable&).
double rand_index(const Labels& reference, const Labels& candidate);

/// Adjusted Rand index (Hubert & Arabie 1985): the Rand index corrected for chance under the
/// permutation model. Range [−0.5, 1]; 1 for identical partitions, about 0 for random ones.
double adjusted_rand_index(const ContingencyTable& table);
/// Adjusted Rand index of two groupings.
double adjusted_rand_index(const Labels& reference, const Labels& candidate);

/// Fowlkes–Mallows index: pairs together in both / sqrt(pairs together in reference · pairs
/// together in candidate). Range [0, 1]; 0 when no pair is together in both (scikit-learn's
/// convention, so two identical all-singleton groupings score 0).
double fowlkes_mallows(const ContingencyTable& table);
/// Fowlkes–Mallows index of two groupings.
double fowlkes_mallows(const Labels& reference, const Labels& candidate);

// --- information theory (nats) ---------------------------------------------------------------

/// Shannon entropy of a grouping's group sizes, in nats. 0 for a single group.
double entropy(const Labels& labels);

/// Mutual information of the two groupings, in nats; >= 0 (rounding clipped at 0).
double mutual_information(const ContingencyTable& table);
/// Mutual information of two groupings, in nats.
double mutual_information(const Labels& reference, const Labels& candidate);

/// Expected mutual information, in nats, of two random groupings with the same group sizes as
/// the table's (hypergeometric model of Vinh, Epps & Bailey 2010), computed exactly: each
/// hypergeometric distribution is summed outward from its mode with the ratio of consecutive
/// terms (no factorials, so no overflow for any n), stopping only where terms fall below 10^−300
/// of the mode's. Pairs of groups with equal sizes are computed once. Cost: O(distinct row
/// sizes × distinct column sizes × spread of each distribution), well under a second at n = 10^6.
double expected_mutual_information(const ContingencyTable& table);

/// Normalised mutual information MI / mean(H_ref, H_cand), range [0, 1]. 1 when both groupings
/// have one group; 0 when MI = 0 otherwise.
double normalized_mutual_information(const ContingencyTable& table, EntropyMean mean = EntropyMean::arithmetic);
/// Normalised mutual information of two groupings.
double normalized_mutual_information(const Labels& reference, const Labels& candidate,
                                     EntropyMean mean = EntropyMean::arithmetic);

/// Adjusted mutual information (Vinh, Epps & Bailey 2010): (MI − E[MI]) / (mean(H_ref, H_cand)
/// − E[MI]) with the exact E[MI]. At most 1 (identical partitions), about 0 for random ones,
/// can be negative. 1 when both groupings have one group.
double adjusted_mutual_information(const ContingencyTable& table, EntropyMean mean = EntropyMean::arithmetic);
/// Adjusted mutual information of two groupings.
double adjusted_mutual_information(const Labels& reference, const Labels& candidate,
                                   EntropyMean mean = EntropyMean::arithmetic);

/// Variation of information (Meilă 2007): H_ref + H_cand − 2·MI, in nats. A metric on
/// partitions; range [0, log n]; 0 exactly for identical partitions.
double variation_of_information(const ContingencyTable& table);
/// Variation of information of two groupings, in nats.
double variation_of_information(const Labels& reference, const Labels& candidate);

/// Homogeneity, completeness and their weighted harmonic mean, the V-measure.
struct HomogeneityCompleteness {
  double homogeneity = 1.0;   ///< 1 − H(ref | cand)/H(ref): each candidate group holds one reference group
  double completeness = 1.0;  ///< 1 − H(cand | ref)/H(cand): each reference group sits in one candidate group
  double v_measure = 1.0;     ///< (1+β)·h·c / (β·h + c); 0 when h = c = 0
};

/// Homogeneity, completeness and V-measure (Rosenberg & Hirschberg 2007), each in [0, 1].
/// @p beta > 0 weighs completeness β times as much as homogeneity (β = 1: harmonic mean, equal
/// to NMI with the arithmetic mean). Throws clir::ConfigError (key "beta") unless β > 0.
HomogeneityCompleteness homogeneity_completeness(const ContingencyTable& table, double beta = 1.0);
/// Homogeneity, completeness and V-measure of two groupings.
HomogeneityCompleteness homogeneity_completeness(const Labels& reference, const Labels& candidate,
                                                 double beta = 1.0);
/// Homogeneity of @p candidate with respect to @p reference, in [0, 1].
double homogeneity(const Labels& reference, const Labels& candidate);
/// Completeness of @p candidate with respect to @p reference, in [0, 1].
double completeness(const Labels& reference, const Labels& candidate);
/// V-measure of two groupings, in [0, 1]; see homogeneity_completeness().
double v_measure(const Labels& reference, const Labels& candidate, double beta = 1.0);

// --- set matching ----------------------------------------------------------------------------

/// Purity: share of items that belong to the largest reference group within their candidate
/// group, Σ_j max_i n_ij / n. Range (0, 1]; 1 when every candidate group lies inside one
/// reference group (so trivially for all singletons: read it with the number of groups).
double purity(const ContingencyTable& table);
/// Purity of @p candidate with respect to @p reference.
double purity(const Labels& reference, const Labels& candidate);

// --- everything at once ----------------------------------------------------------------------

/// Options for compare().
struct CompareOptions {
  double v_measure_beta = 1.0;  ///< β of the V-measure, > 0
  bool match = true;            ///< compute the Hungarian label matching and the misplaced items
};

/// Every comparison score of a candidate grouping against a reference.
struct Comparison {
  std::size_t items = 0;             ///< n
  std::size_t reference_groups = 0;  ///< distinct labels in the reference
  std::size_t candidate_groups = 0;  ///< distinct labels in the candidate
  PairCounts pairs;                  ///< exact pair counts
  double rand_index = 0.0;           ///< see clir::rand_index()
  double adjusted_rand_index = 0.0;  ///< see clir::adjusted_rand_index()
  double fowlkes_mallows = 0.0;      ///< see clir::fowlkes_mallows()
  double reference_entropy = 0.0;            ///< H(reference), nats
  double candidate_entropy = 0.0;            ///< H(candidate), nats
  double mutual_information = 0.0;           ///< nats
  double expected_mutual_information = 0.0;  ///< nats, exact
  ByEntropyMean normalized_mutual_information;  ///< NMI under each entropy mean
  ByEntropyMean adjusted_mutual_information;  ///< .arithmetic is scikit-learn's default AMI
  double variation_of_information = 0.0;      ///< nats
  HomogeneityCompleteness homogeneity_completeness;  ///< with β = CompareOptions::v_measure_beta
  double purity = 0.0;          ///< of the candidate w.r.t. the reference
  double inverse_purity = 0.0;  ///< of the reference w.r.t. the candidate
  LabelMatching matching;       ///< empty unless CompareOptions::match
};

/// Computes every score of @p candidate against @p reference from one contingency table.
/// Throws clir::InputError on different sizes, empty input or a negative label, and
/// clir::ConfigError for a β <= 0.
Comparison compare(const Labels& reference, const Labels& candidate, const CompareOptions& options = {});

}  // namespace clir
