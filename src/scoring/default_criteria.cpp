#include "clir/scoring/default_criteria.hpp"

#include <string>

#include "clir/core/error.hpp"

namespace clir {

namespace {
double scope_points(std::string_view scope, double whole) noexcept {
  if (scope.empty()) return 0.0;
  return scope == "whole" ? whole : whole / 2.0;
}
}  // namespace

double war_history_points(std::string_view occupation_scope, std::string_view active_scope,
                          std::string_view possible_scope) noexcept {
  return scope_points(occupation_scope, 3.0) + scope_points(active_scope, 2.0) + scope_points(possible_scope, 1.0);
}

Table with_war_history(const Table& hromadas) {
  Table out = hromadas;
  const auto& occupation = hromadas.categorical("occupation_scope");
  const auto& active = hromadas.categorical("active_hostilities_scope");
  const auto& possible = hromadas.categorical("possible_hostilities_scope");
  Eigen::VectorXd points(static_cast<Eigen::Index>(hromadas.rows()));
  for (std::size_t i = 0; i < hromadas.rows(); ++i) {
    points(static_cast<Eigen::Index>(i)) = war_history_points(occupation[i], active[i], possible[i]);
  }
  out.add_numeric(kWarHistoryColumn, points, "points (0-6)");
  return out;
}

std::vector<Criterion> default_clir_criteria() {
  return {
      {.name = "war history", .column = kWarHistoryColumn, .direction = Direction::benefit, .weight = 0.25},
      {.name = "front line", .column = "frontline_distance_km", .direction = Direction::cost, .weight = 0.15,
       .transforms = {Transform::log1p}},
      {.name = "Russian border", .column = "distance_to_ru_by_border_km", .direction = Direction::cost,
       .weight = 0.10, .transforms = {Transform::log1p}},
      {.name = "IDP share", .column = "idps_2023", .direction = Direction::benefit, .weight = 0.15,
       .transforms = {Transform::per_capita}, .population_column = "population_2022", .per_capita_scale = 1000.0,
       .missing = MissingValuePolicy::impute_median},
      {.name = "own revenue", .column = "own_revenue_per_capita_2021_uah", .direction = Direction::cost,
       .weight = 0.15, .transforms = {Transform::winsorize}, .winsor_lower = 0.05, .winsor_upper = 0.95,
       .missing = MissingValuePolicy::impute_median},
      {.name = "dotation", .column = "dotation_level", .direction = Direction::benefit, .weight = 0.10,
       .missing = MissingValuePolicy::impute_median},
      {.name = "capacity class", .column = "capacity_class", .direction = Direction::cost, .weight = 0.10,
       .missing = MissingValuePolicy::impute_median},
  };
}

}  // namespace clir
