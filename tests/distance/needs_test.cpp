#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/table.hpp"
#include "clir/distance/blend.hpp"
#include "clir/distance/needs.hpp"

namespace {

using std::nullopt;

// The data frame of tests/distance/r_reference.R.
clir::Table needs_table() {
  clir::Table t({"a", "b", "c", "d", "e", "f"});
  t.add_numeric("pop", std::vector<std::optional<double>>{12, 40, nullopt, 7, 25, 18}, "persons");
  t.add_numeric("dmg", std::vector<std::optional<double>>{0.5, 0.1, 0.9, 0.3, nullopt, 0.7});
  t.add_numeric("const", std::vector<std::optional<double>>{3, 3, 3, 3, 3, 3});
  t.add_categorical("type", {"city", "village", "village", "", "settlement", "city"});
  return t;
}

template <class T>
void expect_condensed(const clir::DistanceMatrix<T>& D, const std::vector<double>& expected, double tol) {
  ASSERT_EQ(D.condensed().size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(D.condensed()[i], expected[i], tol) << "entry " << i;
}

TEST(StandardizedEuclidean, MatchesRDistOfScaleWithMissingValues) {
  // R: dist(scale(x[-5, c("pop", "dmg")])); NA handled pairwise, the sum scaled up by p / used.
  const clir::Table t = needs_table().select_rows({0, 1, 2, 3, 5});
  const auto D = clir::standardized_euclidean_matrix(t, {.columns = {"pop", "dmg"}});
  expect_condensed(D, {2.30334448685558213, 1.78885438199983171, 0.71983105978264528, 0.75507994720032179,
                       3.57770876399966342, 2.35518751516460734, 2.42642015520691068, 2.68328157299974768,
                       0.89442719099991619, 1.47372951805905750},
                   1e-14);
}

TEST(StandardizedEuclidean, ConstantColumnIsLeftOutNeverNaN) {
  const clir::Table t = needs_table().select_rows({0, 1, 2, 3, 5});
  const auto with_const = clir::standardized_euclidean_matrix(t, {.columns = {"pop", "dmg", "const"}});
  const auto without = clir::standardized_euclidean_matrix(t, {.columns = {"pop", "dmg"}});
  EXPECT_EQ(with_const.condensed(), without.condensed());
  const auto only_const = clir::standardized_euclidean_matrix(t, {.columns = {"const"}});
  for (double v : only_const.condensed()) EXPECT_EQ(v, 0.0);
}

TEST(StandardizedEuclidean, WeightsMultiplySquaredDifferences) {
  // R: y <- scale(x[c(1, 2, 4, 6), c("pop", "dmg")]); y[, 2] <- 2 * y[, 2]; dist(y)
  const clir::Table t = needs_table().select_rows({0, 1, 3, 5});
  const auto D = clir::standardized_euclidean_matrix<float>(t, {.columns = {"pop", "dmg"}, .weights = {1, 4}});
  expect_condensed(D, {3.6476562098322818, 1.5868701127149025, 1.6031674044416071, 2.7471636703311355,
                       4.8874855262797787, 3.1893382844092573},
                   1e-6);
}

TEST(StandardizedEuclidean, ErrorsNameRowsColumnsAndWeights) {
  const clir::Table t = needs_table();
  try {
    (void)clir::standardized_euclidean_matrix(t, {.columns = {"pop", "dmg"}, .threads = 3});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "needs");
    EXPECT_NE(e.message().find("rows 'c' and 'e'"), std::string::npos) << e.message();
  }
  try {
    (void)clir::standardized_euclidean_matrix(t, {.columns = {"pop"}, .missing = clir::MissingDistancePolicy::error});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "pop");
    EXPECT_NE(e.message().find("row 'c'"), std::string::npos);
  }
  EXPECT_THROW((void)clir::standardized_euclidean_matrix(t, {.columns = {"nope"}}), clir::InputError);
  try {
    (void)clir::standardized_euclidean_matrix(t, {.columns = {"pop", "dmg"}, .weights = {1}});
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "weights");
  }
  EXPECT_THROW((void)clir::standardized_euclidean_matrix(t, {.columns = {"pop"}, .weights = {-1}}), clir::ConfigError);
  EXPECT_THROW((void)clir::standardized_euclidean_matrix(t, {.columns = {"pop"}, .weights = {0}}), clir::ConfigError);
  EXPECT_EQ(clir::parse_enum<clir::MissingDistancePolicy>("error", "missing"), clir::MissingDistancePolicy::error);
  EXPECT_THROW(clir::parse_enum<clir::MissingDistancePolicy>("drop", "missing"), clir::ConfigError);
}

TEST(Gower, MatchesRDaisyWithMissingValuesAndCategories) {
  const clir::Table t = needs_table();
  const auto D = clir::gower_matrix(t, {.numeric = {"pop", "dmg"}, .categorical = {"type"}});
  expect_condensed(D, {0.78282828282828287, 0.75000000000000000, 0.20075757575757575, 0.69696969696969702,
                       0.14393939393939389, 0.50000000000000000, 0.62500000000000000, 0.72727272727272729,
                       0.80555555555555547, 0.75000000000000000, 1.00000000000000000, 0.62500000000000000,
                       0.54545454545454541, 0.41666666666666663, 0.60606060606060608},
                   1e-15);
}

TEST(Gower, ConstantColumnComparesAsEqualAsInDaisy) {
  const auto D = clir::gower_matrix(needs_table());  // every column: pop, dmg, const, type
  expect_condensed(D, {0.58712121212121215, 0.50000000000000000, 0.13383838383838384, 0.46464646464646470,
                       0.10795454545454541, 0.33333333333333331, 0.41666666666666669, 0.48484848484848486,
                       0.60416666666666663, 0.37500000000000000, 0.50000000000000000, 0.41666666666666669,
                       0.27272727272727271, 0.27777777777777773, 0.40404040404040403},
                   1e-15);
}

TEST(Gower, WeightsAsInDaisy) {
  // daisy(..., weights = c(1, 2, 0.5)); R reports NA for the pair (c, e), which share only the
  // categorical column; by Gower's definition that pair is 0.5·1 / 0.5 = 1.
  const auto D = clir::gower_matrix<float>(needs_table(), {.numeric = {"pop", "dmg"}, .categorical = {"type"}, .weights = {1, 2, 0.5}});
  expect_condensed(D, {0.67099567099567103, 0.59999999999999998, 0.21717171717171715, 0.59595959595959591,
                       0.19480519480519473, 0.80000000000000004, 0.50000000000000000, 0.63636363636363635,
                       0.76190476190476186, 0.75000000000000000, 1.0, 0.40000000000000008,
                       0.54545454545454541, 0.44444444444444436, 0.47474747474747475},
                   1e-6);
}

TEST(Gower, PairWithNothingInCommonIsAnError) {
  const clir::Table t = needs_table();
  try {
    (void)clir::gower_matrix(t, {.numeric = {"pop", "dmg"}});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "gower");
    EXPECT_NE(e.message().find("rows 'c' and 'e'"), std::string::npos);
  }
}

clir::DistanceMatrix<double> from_condensed(std::size_t n, std::vector<double> c) {
  clir::DistanceMatrix<double> D(n);
  D.condensed() = std::move(c);
  return D;
}

TEST(Blend, ClustGeoFormulaWithMaxAndMeanScales) {
  const auto geo = from_condensed(3, {100.0, 300.0, 200.0});  // km
  const auto needs = from_condensed(3, {2.0, 1.0, 4.0});
  const auto D = clir::blend_distances(geo, needs, {.alpha = 0.25});
  expect_condensed(D, {0.75 * 100 / 300 + 0.25 * 2 / 4, 0.75 * 300 / 300 + 0.25 * 1 / 4, 0.75 * 200 / 300 + 0.25 * 4 / 4}, 1e-15);
  const auto M = clir::blend_distances(geo, needs, {.alpha = 0.5, .scale = clir::BlendScale::mean});
  expect_condensed(M, {0.5 * 100 / 200 + 0.5 * 2 / (7.0 / 3), 0.5 * 300 / 200 + 0.5 * 1 / (7.0 / 3), 0.5 * 200 / 200 + 0.5 * 4 / (7.0 / 3)}, 1e-15);
  expect_condensed(clir::blend_distances(geo, needs, {.alpha = 0.0}), {1.0 / 3, 1.0, 2.0 / 3}, 1e-15);
  expect_condensed(clir::blend_distances(geo, needs, {.alpha = 1.0}), {0.5, 0.25, 1.0}, 1e-15);
}

TEST(Blend, ValidatesAlphaSizesAndZeroScale) {
  const auto geo = from_condensed(3, {100.0, 300.0, 200.0});
  const auto flat = from_condensed(3, {0.0, 0.0, 0.0});
  for (double alpha : {-0.1, 1.5, std::nan("")}) {
    try {
      (void)clir::blend_distances(geo, geo, {.alpha = alpha});
      FAIL();
    } catch (const clir::ConfigError& e) {
      EXPECT_EQ(e.key(), "alpha");
    }
  }
  try {
    (void)clir::blend_distances(geo, flat, {.alpha = 0.3});
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "needs");
    EXPECT_NE(e.message().find("cannot be scaled"), std::string::npos);
  }
  EXPECT_NO_THROW((void)clir::blend_distances(geo, flat, {.alpha = 0.0}));  // weight 0: ignored
  try {
    (void)clir::blend_distances(geo, from_condensed(4, std::vector<double>(6, 1.0)));
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "needs");
  }
  auto bad = geo;
  bad.set(0, 2, -5.0);
  try {
    (void)clir::blend_distances(bad, geo);
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "geo");
  }
  EXPECT_EQ(clir::parse_enum<clir::BlendScale>("mean", "scale"), clir::BlendScale::mean);
  EXPECT_THROW(clir::parse_enum<clir::BlendScale>("median", "scale"), clir::ConfigError);
}

}  // namespace
