#pragma once
/// @file
/// @brief The best one-to-one matching of a candidate grouping's labels to a reference's
/// (Hungarian algorithm), and the items the candidate places differently under it.

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <vector>

#include "clir/core/fields.hpp"
#include "clir/core/labels.hpp"
#include "clir/evaluate/contingency.hpp"

namespace clir {

/// A one-to-one matching of candidate groups to reference groups that maximises the number of
/// items in matched pairs.
struct LabelMatching {
  /// One matched pair of groups.
  struct Pair {
    std::int32_t reference_label = 0;  ///< label in the reference
    std::int32_t candidate_label = 0;  ///< label in the candidate
    std::uint64_t overlap = 0;         ///< items in both groups (may be 0 when forced to pair)
  };
  std::vector<Pair> pairs;            ///< min(k_ref, k_cand) pairs, ascending reference label
  std::uint64_t matched_items = 0;    ///< Σ overlap: items placed alike under the matching
  double agreement = 0.0;             ///< matched_items / n, in [0, 1]
  /// The candidate's labels renamed to the matched reference labels. A candidate group left
  /// without a partner (more candidate than reference groups) gets a fresh label above the
  /// largest reference label, in ascending order of its own label.
  Labels relabeled;
  /// Items whose relabeled group differs from their reference group, ascending; its size is
  /// n − matched_items.
  std::vector<std::size_t> misplaced;
};

/// Matches the candidate's groups to the reference's one to one so that the total overlap is
/// maximal (Hungarian algorithm on the contingency table, O(k^3) for k groups; meant for up to
/// a few thousand groups). Ties between optimal matchings go first to the one that keeps most
/// labels unchanged (candidate label == reference label), then to a fixed order of the
/// algorithm, so the result depends only on the two label vectors. Throws clir::InputError on
/// different sizes, empty input or a negative label.
LabelMatching match_labels(const Labels& reference, const Labels& candidate);

/// As match_labels(reference, candidate), reusing their contingency table @p table.
LabelMatching match_labels(const Labels& reference, const Labels& candidate,
                           const ContingencyTable& table);

template <>
struct Fields<LabelMatching::Pair> {
  using P = LabelMatching::Pair;
  static constexpr auto list = std::tuple{
      field("reference_label", &P::reference_label, "label in the reference"),
      field("candidate_label", &P::candidate_label, "label in the candidate"),
      field("overlap", &P::overlap, "items in both groups"),
  };
};

/// Python shows the matching as a dict whose pairs are (reference, candidate, overlap) tuples
/// (python/src/evaluate.cpp).
template <>
struct Fields<LabelMatching> {
  using M = LabelMatching;
  static constexpr auto list = std::tuple{
      field("pairs", &M::pairs, "matched pairs of groups, ascending reference label"),
      field("matched_items", &M::matched_items, "items placed alike under the matching"),
      field("agreement", &M::agreement, "matched_items / n"),
      field("relabeled", &M::relabeled, "the candidate's labels renamed to the matched reference labels"),
      field("misplaced", &M::misplaced, "items whose relabeled group differs from their reference group"),
  };
};

}  // namespace clir
