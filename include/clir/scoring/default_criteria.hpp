#pragma once
/// @file
/// @brief The documented default criteria for the built-in hromada data (data/hromadas.csv):
/// war impact and need, plus the default eligibility rules. A starting point for a programme,
/// not the CLIR programme's own (unpublished) formula; see docs/scoring.md for the reasons.

#include <string_view>
#include <vector>

#include "clir/core/table.hpp"
#include "clir/scoring/criteria.hpp"

namespace clir {

/// Name of the derived war-history column added by with_war_history().
inline constexpr const char* kWarHistoryColumn = "war_history_index";

/// War-history points of one hromada from Order 376's scopes ("whole", "part" or empty):
/// occupation whole 3 / part 1.5, active hostilities whole 2 / part 1, possible hostilities
/// whole 1 / part 0.5; 0 to 6 points, dimensionless. Unknown scope texts count as "part".
double war_history_points(std::string_view occupation_scope, std::string_view active_scope,
                          std::string_view possible_scope) noexcept;

/// A copy of @p hromadas with the numeric column `war_history_index` (points, see
/// war_history_points()) computed from the text columns `occupation_scope`,
/// `active_hostilities_scope`, `possible_hostilities_scope` of data/hromadas.csv. Throws
/// clir::InputError naming a missing column.
Table with_war_history(const Table& hromadas);

/// The default criteria (weights sum to 1; war impact 0.65, need 0.35):
///
/// | label | column | direction | weight | transform / missing |
/// |---|---|---|---|---|
/// | war history | war_history_index (points) | benefit | 0.25 | – |
/// | front line | frontline_distance_km (km) | cost | 0.15 | log1p |
/// | Russian border | distance_to_ru_by_border_km (km) | cost | 0.10 | log1p |
/// | IDP share | idps_2023 per 1,000 of population_2022 | benefit | 0.15 | per_capita; impute median |
/// | own revenue | own_revenue_per_capita_2021_uah (UAH per person) | cost | 0.15 | winsorize 5–95 %; impute median |
/// | dotation | dotation_level (fraction) | benefit | 0.10 | impute median |
/// | capacity class | capacity_class (1 critical – 5 high) | cost | 0.10 | impute median |
///
/// Use on with_war_history(table).
std::vector<Criterion> default_clir_criteria();

/// The default eligibility rules are clir::default_clir_eligibility() in
/// clir/selection/eligibility.hpp.

}  // namespace clir
