#pragma once
/// @file
/// @brief "Did you mean": the closest valid name to a mistyped one, for error messages.

#include <string>
#include <string_view>
#include <vector>

namespace clir {

/// The closest of @p candidates to @p word by edit distance (Levenshtein, bytes), or empty when
/// none is close enough to be plausibly a typo (distance more than max(2, |word| / 3)). Ties go
/// to the earlier candidate.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace clir
