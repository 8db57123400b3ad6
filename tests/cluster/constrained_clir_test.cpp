// Constrained grouping of the 19 communities of the published CLIR 2024 selection, on their real
// geodesic distances (km) and oblasts.

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "clir/cluster/constrained.hpp"
#include "clir/cluster/pmedian.hpp"
#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/distance/geo.hpp"

namespace {

struct Clir2024 {
  clir::DistanceMatrix<double> D;
  std::vector<std::string> codes, oblasts;
  clir::Labels published;
};

const Clir2024& clir2024() {
  static const Clir2024 data = [] {
    Clir2024 d;
    const auto& ref = clir::builtin_clir2024();
    std::vector<clir::GeoPoint> points;
    for (const auto& m : ref.members) {
      const clir::Community& c = clir::find_hromada(m.code);
      points.push_back(c.location);
      d.codes.push_back(m.code);
      d.oblasts.push_back(c.oblast_uk);
    }
    d.D = clir::geo_distance_matrix(points);
    d.published = ref.labels();
    return d;
  }();
  return data;
}

// Summed distance of every member to the best medoid of its group (km).
double best_medoid_loss(const clir::DistanceMatrix<double>& D, const clir::Labels& labels) {
  double total = 0.0;
  for (std::size_t g = 0; g < clir::count_groups(labels); ++g) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t m = 0; m < labels.size(); ++m) {
      if (labels[m] != static_cast<std::int32_t>(g)) continue;
      double s = 0.0;
      for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] == static_cast<std::int32_t>(g)) s += D(i, m);
      best = std::min(best, s);
    }
    total += best;
  }
  return total;
}

TEST(ConstrainedClir2024, OblastsWithDonetskKharkivReproduceThePublishedGroups) {
  // Sizes 2..4 and oblasts kept apart, Donetsk and Kharkiv allowed together: six blocks of
  // 2 to 4 communities for six groups, so the published grouping is the only feasible one.
  const auto& d = clir2024();
  ASSERT_EQ(d.codes.size(), 19u);
  clir::GroupConstraints c{.min_size = 2,
                           .max_size = 4,
                           .category = {.of_item = d.oblasts, .may_mix = {{"Донецька", "Харківська"}}},
                           .item_names = d.codes};
  const auto heuristic = clir::constrained_kmedoids(d.D, 6, c);
  EXPECT_EQ(clir::canonical_labels(heuristic.labels), clir::canonical_labels(d.published));
  const auto exact = clir::exact_pmedian(d.D, 6, c);
  EXPECT_EQ(exact.status, clir::PMedianStatus::optimal);
  EXPECT_EQ(clir::canonical_labels(exact.labels), clir::canonical_labels(d.published));
  EXPECT_NEAR(exact.objective, heuristic.objective, 1e-6);
  EXPECT_NEAR(exact.loss, best_medoid_loss(d.D, d.published), 1e-6);
  EXPECT_TRUE(clir::constraint_violations(d.published, c).empty());
}

TEST(ConstrainedClir2024, WithoutMayMixDonetskAloneIsInfeasible) {
  const auto& d = clir2024();
  clir::GroupConstraints c{.min_size = 2, .max_size = 4, .category = {.of_item = d.oblasts}, .item_names = d.codes};
  try {
    clir::constrained_kmedoids(d.D, 6, c);
    FAIL() << "expected clir::Infeasible";
  } catch (const clir::Infeasible& e) {
    EXPECT_NE(std::string(e.what()).find("the 1 items of category 'Донецька' cannot be split into groups of 2 to 4"),
              std::string::npos)
        << e.what();
    EXPECT_NE(e.suggestion().find("may_mix"), std::string::npos) << e.suggestion();
  }
}

TEST(ConstrainedClir2024, SizeBoundsAloneBeatThePublishedGeography) {
  // Without the oblast rule, the optimum under 2..4 members is at least as compact as the
  // published grouping (which satisfies the bounds), and the heuristic is certified by it.
  const auto& d = clir2024();
  clir::GroupConstraints c{.min_size = 2, .max_size = 4};
  const auto exact = clir::exact_pmedian(d.D, 6, c);
  const auto heuristic = clir::constrained_kmedoids(d.D, 6, c);
  ASSERT_EQ(exact.status, clir::PMedianStatus::optimal);
  EXPECT_LE(exact.loss, best_medoid_loss(d.D, d.published) + 1e-6);
  EXPECT_GE(heuristic.loss, exact.loss - 1e-6);
  EXPECT_TRUE(clir::constraint_violations(heuristic.labels, c).empty());
  EXPECT_EQ(clir::count_groups(heuristic.labels), 6u);
}

TEST(ConstrainedClir2024, SoftOblastPenaltyInterpolates) {
  // A penalty above any distance in play makes mixing never pay: the hard-constraint answer.
  const auto& d = clir2024();
  clir::GroupConstraints soft{.min_size = 2,
                              .max_size = 4,
                              .category = {.of_item = d.oblasts, .mode = clir::CategoryMode::soft, .penalty = 5000.0}};
  const auto r = clir::exact_pmedian(d.D, 6, soft);
  // Donetsk's single community must sit with another oblast: exactly one mixed member.
  EXPECT_DOUBLE_EQ(r.penalty, 5000.0);
  soft.category.penalty = 0.0;
  const auto free = clir::exact_pmedian(d.D, 6, soft);
  EXPECT_LE(free.objective, r.loss + 1e-6);
}

}  // namespace
