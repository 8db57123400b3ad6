// FasterMSC and DynMSC (medoid silhouette clustering) against the definition of the medoid
// silhouette (Lenssen & Schubert 2022), checked by brute force on small inputs, and the medoid
// silhouette every k-medoids result reports.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "clir/cluster/kmedoids.hpp"
#include "clir/cluster/msc.hpp"
#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/evaluate/silhouette.hpp"

namespace {

using clir::DistanceMatrix;
using clir::Init;
using clir::MedoidResult;

DistanceMatrix<double> points(std::size_t n, std::uint64_t seed) {
  clir::Rng rng = clir::Rng::stream(seed, 0);
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    // Three loose clusters, so that the silhouette has a clear optimum.
    const double cx = static_cast<double>(i % 3) * 3.0;
    x[i] = cx + rng.uniform();
    y[i] = static_cast<double>(i % 3 == 1) * 2.0 + rng.uniform();
  }
  DistanceMatrix<double> D(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) D.set(i, j, std::hypot(x[i] - x[j], y[i] - y[j]));
  return D;
}

// The paper's definition, item by item: s(i) = (d2 − d1) / max(d1, d2) over the two nearest
// medoids, 1 when d1 = 0 (the authors' convention).
double definition(const DistanceMatrix<double>& D, const std::vector<std::size_t>& medoids) {
  double total = 0.0;
  for (std::size_t i = 0; i < D.size(); ++i) {
    double d1 = std::numeric_limits<double>::infinity(), d2 = d1;
    for (auto m : medoids) {
      const double d = D(i, m);
      if (d < d1) {
        d2 = d1;
        d1 = d;
      } else if (d < d2) {
        d2 = d;
      }
    }
    total += d1 == 0.0 ? 1.0 : (d2 - d1) / std::max(d1, d2);
  }
  return total / static_cast<double>(D.size());
}

// Every k-subset of 0..n−1, in lexicographic order.
template <class F>
void for_each_subset(std::size_t n, std::size_t k, F&& f) {
  std::vector<std::size_t> s(k);
  for (std::size_t i = 0; i < k; ++i) s[i] = i;
  for (;;) {
    f(s);
    std::size_t i = k;
    while (i > 0 && s[i - 1] == n - k + i - 1) --i;
    if (i == 0) return;
    ++s[i - 1];
    for (std::size_t j = i; j < k; ++j) s[j] = s[j - 1] + 1;
  }
}

TEST(MedoidSilhouette, EveryKMedoidsResultReportsIt) {
  const auto D = points(40, 3);
  for (auto method : {clir::KMedoidsMethod::pam, clir::KMedoidsMethod::fastpam1, clir::KMedoidsMethod::fasterpam,
                      clir::KMedoidsMethod::alternating, clir::KMedoidsMethod::fastermsc}) {
    const MedoidResult r = clir::kmedoids(D, 4, method);
    EXPECT_NEAR(r.medoid_silhouette, definition(D, r.medoids), 1e-12) << to_string(method);
    EXPECT_NEAR(r.medoid_silhouette, clir::medoid_silhouette(D, std::span<const std::size_t>(r.medoids)).mean, 1e-12);
  }
  const MedoidResult a = clir::assign_to_medoids(D, {5, 17, 30});
  EXPECT_NEAR(a.medoid_silhouette, definition(D, {5, 17, 30}), 1e-12);
  EXPECT_TRUE(std::isnan(clir::fasterpam(D, 1).medoid_silhouette));  // undefined for one group
}

// FasterMSC stops at a local optimum of the medoid silhouette: no single swap raises it (checked
// with the definition over every swap). Started from FasterPAM's medoids it never ends lower
// than they are. (A local optimum need not be the best k-subset: seed 1, k = 2 is one.)
TEST(FasterMsc, StopsAtALocalOptimumOfTheDefinition) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const auto D = points(14, seed);
    for (std::size_t k : {2u, 3u, 4u}) {
      const MedoidResult r = clir::fastermsc(D, k, {.init = Init::random, .seed = seed});
      const double got = definition(D, r.medoids);
      EXPECT_NEAR(r.medoid_silhouette, got, 1e-12);
      EXPECT_TRUE(r.converged);
      for (std::size_t s = 0; s < k; ++s) {
        for (std::size_t h = 0; h < D.size(); ++h) {
          auto m = r.medoids;
          if (std::find(m.begin(), m.end(), h) != m.end()) continue;
          m[s] = h;
          EXPECT_LE(definition(D, m), got + 1e-12) << "swap " << r.medoids[s] << " -> " << h;
        }
      }
      const MedoidResult pam = clir::fasterpam(D, k, {.init = Init::random, .seed = seed});
      const MedoidResult from_pam = clir::fastermsc(D, k, {.init = Init::given, .initial_medoids = pam.medoids});
      EXPECT_GE(from_pam.medoid_silhouette, pam.medoid_silhouette - 1e-12);
    }
  }
}

TEST(FasterMsc, SameResultForAnyThreadCountAndMultiStartKeepsTheBest) {
  const auto D = points(600, 9);
  const MedoidResult one = clir::fastermsc(D, 5, {.threads = 1});
  const MedoidResult two = clir::fastermsc(D, 5, {.threads = 2});
  EXPECT_EQ(one.medoids, two.medoids);
  EXPECT_EQ(one.medoid_silhouette, two.medoid_silhouette);
  const MedoidResult multi = clir::fastermsc(D, 5, {.init = Init::random, .starts = 4, .seed = 2});
  double best = -2.0;
  for (std::size_t starts = 1; starts <= 4; ++starts)
    best = std::max(best, clir::fastermsc(D, 5, {.init = Init::random, .starts = starts, .seed = 2}).medoid_silhouette);
  EXPECT_EQ(multi.medoid_silhouette, best);
}

TEST(FasterMsc, RejectsOneGroup) {
  const auto D = points(10, 1);
  EXPECT_THROW(clir::fastermsc(D, 1), clir::ConfigError);
  EXPECT_EQ(clir::parse_enum<clir::KMedoidsMethod>("fastermsc", "method"), clir::KMedoidsMethod::fastermsc);
}

// DynMSC: one FasterMSC result per k, from k_max down; the chosen k has the highest medoid
// silhouette of those (ties to the smaller k), and every reported value matches the definition.
TEST(DynMsc, ChoosesTheKWithTheHighestMedoidSilhouette) {
  const auto D = points(60, 4);
  const clir::DynMscResult d = clir::dynmsc(D, 2, 7);
  ASSERT_EQ(d.ks, (std::vector<std::size_t>{7, 6, 5, 4, 3, 2}));
  ASSERT_EQ(d.medoid_silhouettes.size(), 6u);
  std::size_t best = 0;
  for (std::size_t i = 0; i < d.ks.size(); ++i)
    if (d.medoid_silhouettes[i] >= d.medoid_silhouettes[best]) best = i;
  EXPECT_EQ(d.k, d.ks[best]);
  EXPECT_EQ(d.result.medoids.size(), d.k);
  EXPECT_NEAR(d.result.medoid_silhouette, definition(D, d.result.medoids), 1e-12);
  EXPECT_EQ(d.result.medoid_silhouette, d.medoid_silhouettes[best]);
  EXPECT_EQ(d.k, 3u);  // the three clusters the points are drawn from
  EXPECT_THROW(clir::dynmsc(D, 1, 4), clir::ConfigError);
  EXPECT_THROW(clir::dynmsc(D, 5, 4), clir::ConfigError);
}

// On tiny inputs DynMSC's choice equals the brute-force best k-subset over the whole range.
TEST(DynMsc, MatchesBruteForceOverTheRange) {
  const auto D = points(12, 7);
  const clir::DynMscResult d = clir::dynmsc(D, 2, 4);
  double best = -2.0;
  for (std::size_t k = 2; k <= 4; ++k)
    for_each_subset(D.size(), k, [&](const std::vector<std::size_t>& m) { best = std::max(best, definition(D, m)); });
  EXPECT_NEAR(d.result.medoid_silhouette, best, 1e-12);
}

}  // namespace
