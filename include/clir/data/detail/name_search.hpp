#pragma once
/// @file
/// @brief Internal: name resolution by either of its two searches, so that a test can check
/// that the index finds exactly what comparing every name finds (docs/resolve.md, "Speed").

#include <span>
#include <string_view>
#include <vector>

#include "clir/data/resolve.hpp"

namespace clir::detail {

/// How the built-in names are searched: by the index (what clir::resolve_communities uses), or
/// by computing the edit distance to every name in full (the reference; slow).
enum class NameSearch { indexed, exhaustive };

/// clir::resolve_communities with the given search.
std::vector<NameResolution> resolve_communities_by(std::span<const NameQuery> queries, const ResolveOptions& options,
                                                   NameSearch search);

/// Every hromada in the scope of @p hint with a name scoring at least @p floor against @p name,
/// best first, ties by code: the candidates resolve_communities chooses from.
std::vector<NameCandidate> name_candidates(std::string_view name, std::string_view hint, double floor,
                                           const ResolveOptions& options, NameSearch search);

}  // namespace clir::detail
