#pragma once
// Where the Python front end departs from the declared fields (clir::Fields): keywords that
// kept their older Python names, fields the module converts itself, and how the stubs show
// those. Shared by the module (python/src/*.cpp) and the stub generator
// (python/stubgen/generate_stubs.cpp), so that the stubs say what the module does. Free of
// pybind11 on purpose: the generator is a plain C++ program.
#include <span>
#include <string_view>
#include <utility>

namespace clir::python {

/// {declared name, Python name}; an empty Python name leaves the field out.
using KeywordName = std::pair<std::string_view, std::string_view>;
using KeywordNames = std::span<const KeywordName>;

/// The Python name of the field declared as @p declared.
constexpr std::string_view python_name(std::string_view declared, KeywordNames names) noexcept {
  for (const auto& [from, to] : names)
    if (from == declared) return to;
  return declared;
}

/// group_communities(codes, k, data, **GroupingSpec): k is an argument of its own; the
/// category column and mode kept the keywords they had before the scenario keys were settled.
inline constexpr KeywordName kGroupingKeywords[] = {
    {"k", ""}, {"category", "category_column"}, {"category_mode", "category_soft"}};
/// A criterion dict: the list of transforms is "transforms" (the TOML key is "transform").
inline constexpr KeywordName kCriterionKeywords[] = {{"transform", "transforms"}};
/// A preference dict of score(preference=[...]): the function is "type".
inline constexpr KeywordName kPreferenceKeywords[] = {{"preference", "type"}};
/// select(**SelectionOptions): the Python keywords predate the scenario keys.
inline constexpr KeywordName kSelectionKeywords[] = {
    {"size", "count"}, {"quota", "quotas"}, {"share", "shares"}, {"time_limit_s", "time_limit_seconds"}};
/// GroupingResult shows the attributes it had before it held the method's own result.
inline constexpr KeywordName kGroupingResultAttributes[] = {
    {"converged", ""}, {"penalty", ""}, {"objective", ""}, {"medoid_silhouette", ""}};

/// Keywords the module converts itself, as the stubs show them: {keyword, "type = default"}.
inline constexpr KeywordName kStubKeywordTypes[] = {
    {"category_soft", "bool = False"},
    {"ahp_matrix", "Optional[npt.ArrayLike] = None"},
};

/// Result attributes of item indices given as a read-only int64 NumPy view (other lists of
/// indices are Python lists).
constexpr bool is_index_view(std::string_view name) noexcept { return name == "medoids"; }

}  // namespace clir::python
