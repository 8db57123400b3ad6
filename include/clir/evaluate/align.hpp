#pragma once
/// @file
/// @brief Putting two groupings of the same communities into one order by their codes before
/// comparing them: identity by code, never by row.

#include <span>
#include <string>
#include <vector>

#include "clir/core/labels.hpp"

namespace clir {

/// Options for align_by_id().
struct AlignOptions {
  /// Allow ids in the candidate that the reference lacks and leave them out (for example a
  /// clustering of all 19 published communities compared with the 18 of the ministry's text).
  bool ignore_extra_candidate_ids = false;
};

/// Two groupings of the same items in one order.
struct AlignedGroupings {
  std::vector<std::string> ids;  ///< the items, in the reference's order
  Labels reference;              ///< reference label of ids[i]
  Labels candidate;              ///< candidate label of ids[i]
};

/// Aligns a candidate grouping (label candidate[i] for item candidate_ids[i]) with a reference
/// grouping by id (e.g. KATOTTG code), in the reference's order. Throws clir::InputError when
/// ids and labels differ in size (key "reference" or "candidate"), and with the id as the key
/// when an id is repeated on either side, a reference id is missing from the candidate, or a
/// candidate id is missing from the reference (unless @p options allow it).
AlignedGroupings align_by_id(std::span<const std::string> reference_ids, const Labels& reference,
                             std::span<const std::string> candidate_ids, const Labels& candidate,
                             const AlignOptions& options = {});

}  // namespace clir
