// The default criteria for the built-in data: war-history points, the criteria list, and (when
// the library has the built-in table) scoring all 1,469 hromadas.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/scoring/default_criteria.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/eligibility.hpp"

#if __has_include("clir/data/builtin.hpp")
#include "clir/data/builtin.hpp"
#define CLIR_TEST_HAS_BUILTIN 1
#endif

namespace {

TEST(DefaultCriteria, WarHistoryPoints) {
  EXPECT_EQ(clir::war_history_points("", "", ""), 0.0);
  EXPECT_EQ(clir::war_history_points("whole", "whole", "whole"), 6.0);
  EXPECT_EQ(clir::war_history_points("part", "", "whole"), 2.5);
  EXPECT_EQ(clir::war_history_points("", "part", "part"), 1.5);
}

TEST(DefaultCriteria, WeightsAndColumns) {
  const auto c = clir::default_clir_criteria();
  ASSERT_EQ(c.size(), 7u);
  double total = 0.0, war = 0.0;
  for (const auto& k : c) total += k.weight;
  for (std::size_t j = 0; j < 4; ++j) war += c[j].weight;
  EXPECT_NEAR(total, 1.0, 1e-12);
  EXPECT_NEAR(war, 0.65, 1e-12);
  EXPECT_EQ(c[0].column, clir::kWarHistoryColumn);
  EXPECT_EQ(c[3].transforms, std::vector<clir::Transform>{clir::Transform::per_capita});
  EXPECT_EQ(c[3].population_column, "population_2022");
}

clir::Table small_hromadas() {
  clir::Table t({"UA1", "UA2", "UA3"});
  t.add_categorical("occupation_scope", {"whole", "", ""});
  t.add_categorical("active_hostilities_scope", {"whole", "part", ""});
  t.add_categorical("possible_hostilities_scope", {"", "whole", ""});
  t.add_numeric("frontline_distance_km", Eigen::Vector3d(20, 60, 400));
  t.add_numeric("distance_to_ru_by_border_km", Eigen::Vector3d(40, 90, 500));
  t.add_numeric("idps_2023", Eigen::Vector3d(100, 900, 300));
  t.add_numeric("population_2022", Eigen::Vector3d(5000, 10000, 30000));
  t.add_numeric("own_revenue_per_capita_2021_uah", std::vector<std::optional<double>>{std::nullopt, 3000, 9000});
  t.add_numeric("dotation_level", Eigen::Vector3d(0.4, 0.3, 0.0));
  t.add_numeric("capacity_class", Eigen::Vector3d(1, 2, 5));
  t.add_numeric("occupation_ongoing", Eigen::Vector3d(0, 0, 0));
  t.add_numeric("occupied_before_2022", Eigen::Vector3d(0, 0, 0));
  return t;
}

TEST(DefaultCriteria, ScoreASmallTable) {
  const auto t = clir::with_war_history(small_hromadas());
  EXPECT_EQ(t.get(0, clir::kWarHistoryColumn), std::optional<double>(5.0));
  EXPECT_EQ(t.get(1, clir::kWarHistoryColumn), std::optional<double>(2.0));
  const auto r = clir::score(t, clir::default_clir_criteria());
  EXPECT_EQ(r.imputed[4], 1u);  // UA1's revenue
  // UA1 is the most war-affected and needy, UA3 the least.
  EXPECT_EQ(r.order, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_THROW(clir::with_war_history(clir::Table({"x"})), clir::InputError);
  const auto e = clir::check_eligibility(t, clir::default_clir_eligibility());
  EXPECT_EQ(e.eligible_rows.size(), 3u);
}

#ifdef CLIR_TEST_HAS_BUILTIN
TEST(DefaultCriteria, ScoresEveryBuiltInHromada) {
  const auto table = clir::with_war_history(clir::builtin_hromadas().table);
  const auto e = clir::check_eligibility(table, clir::default_clir_eligibility());
  const auto pool = table.select_rows(e.eligible_rows);
  const auto r = clir::score(pool, clir::default_clir_criteria());
  EXPECT_EQ(r.score.size(), static_cast<Eigen::Index>(pool.rows()));
  EXPECT_TRUE(r.score.allFinite());
  EXPECT_GT(pool.rows(), 1300u);
  EXPECT_LT(pool.rows(), table.rows());  // ongoing occupation excludes some
}
#endif

}  // namespace
