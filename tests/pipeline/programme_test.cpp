// Programme rules: derived distances, points by bands and bonuses, stages, discretionary points.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "support/support.hpp"

namespace {

namespace fs = std::filesystem;
using clir_test::error_message;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string config_error(const std::string& toml) {
  return error_message<clir::ConfigError>([&] { (void)clir::parse_scenario(toml, "s.toml"); });
}

// A small pool (two oblasts near and far from the front) keeps the runs quick.
const std::string kPool = R"(
[pool]
oblasts = ["Kharkivska", "Lvivska", "Kyivska"]
[reference]
grouping = "none"
[clustering]
k = 2
)";

TEST(Derived, CentreDistanceToTheFrontLineMatchesTheBuiltInColumn) {
  const auto& data = clir::builtin_hromadas();
  const auto& km = clir::builtin_distance_to_km(clir::DistanceTarget::front_line, clir::DistanceFrom::centre);
  const auto column = data.table.numeric("frontline_distance_km");
  ASSERT_EQ(km.size(), data.communities.size());
  for (std::size_t i = 0; i < km.size(); ++i) {
    const double expected = column(static_cast<Eigen::Index>(i));
    // The column is geodesic on the ellipsoid, the derived distance haversine on a sphere (0.5 %).
    EXPECT_NEAR(km[i], expected, 0.006 * expected + 0.2) << data.communities[i].code;
  }
}

TEST(Derived, MembersAreAtZeroAndBoundariesAreNoFartherThanCentres) {
  const auto& data = clir::builtin_hromadas();
  const auto member = data.table.numeric("active_hostilities_ongoing");
  const auto& centre = clir::builtin_distance_to_km(clir::DistanceTarget::active_hostilities, clir::DistanceFrom::centre);
  const auto& boundary = clir::builtin_distance_to_km(clir::DistanceTarget::active_hostilities, clir::DistanceFrom::boundary);
  std::size_t positive = 0, touching = 0;
  for (std::size_t i = 0; i < centre.size(); ++i) {
    if (member(static_cast<Eigen::Index>(i)) == 1.0) {
      EXPECT_EQ(centre[i], 0.0);
      EXPECT_EQ(boundary[i], 0.0);
    }
    EXPECT_LE(boundary[i], centre[i] + 1e-9) << data.communities[i].code;
    if (boundary[i] > 0.0) ++positive;
    if (boundary[i] == 0.0 && member(static_cast<Eigen::Index>(i)) != 1.0) ++touching;
  }
  EXPECT_GT(positive, 1000U);  // most of the country is away from active hostilities
  EXPECT_GT(touching, 0U);     // the neighbours of the territory touch it
  // Lviv (city hromada) is hundreds of km away.
  const std::size_t lviv = data.table.row("UA46060250000025047");
  EXPECT_GT(boundary[lviv], 500.0);
  EXPECT_LT(boundary[lviv], 1100.0);
}

TEST(Derived, ColumnsAreUsableInGatesAndCriteria) {
  const auto sc = clir::parse_scenario(R"(
[[derived]]
name = "km_to_hostilities"
distance_to = "active_hostilities"
from = "boundary"
[[eligibility]]
rule = "km_to_hostilities >= 30"
[[criteria]]
column = "km_to_hostilities"
direction = "cost"
[selection]
size = 4
[[selection.quota]]
column = "oblast_en"
max = 2
)" + kPool);
  const clir::RunResult r = clir::run(sc);
  const auto km = r.pool.table.numeric("km_to_hostilities");
  for (std::size_t row : r.selection.selected_rows) EXPECT_GE(km(static_cast<Eigen::Index>(row)), 30.0);
  for (std::size_t row = 0; row < r.pool.table.rows(); ++row) {
    EXPECT_EQ(r.eligibility.eligible[row], km(static_cast<Eigen::Index>(row)) >= 30.0);
  }
}

TEST(Derived, BadEntriesNameTheKeyAndLine) {
  EXPECT_TRUE(contains(config_error("[[derived]]\nname = \"d\"\ndistance_to = \"active_hostility\"\n"),
                       "did you mean 'active_hostilities'"));
  const std::string clash = config_error("[[derived]]\nname = \"population_2022\"\ndistance_to = \"occupied\"\n");
  EXPECT_TRUE(contains(clash, "s.toml:2")) << clash;
  EXPECT_TRUE(contains(clash, "clashes with a built-in column")) << clash;
  EXPECT_TRUE(contains(config_error("[[derived]]\ndistance_to = \"occupied\"\n"), "needs a name"));
  EXPECT_TRUE(contains(config_error("[[derived]]\nname = 3\ndistance_to = \"occupied\"\n"), "expected a string"));
  EXPECT_TRUE(contains(config_error("[[derived]]\nname = \"d\"\ndistance_to = \"occupied\"\nfrom = \"edge\"\n"),
                       "derived.from"));
}

TEST(Points, BandsScoreAndOverlappingBandsAreAnError) {
  const std::vector<clir::PointBand> bands = {{.below = 10, .points = 1}, {.from = 10, .below = 20, .points = 3}, {.from = 30, .points = 5}};
  EXPECT_EQ(clir::band_points(bands, -4), 1);
  EXPECT_EQ(clir::band_points(bands, 10), 3);
  EXPECT_EQ(clir::band_points(bands, 25), 0);  // in no band
  EXPECT_EQ(clir::band_points(bands, 31), 5);
  const std::string overlap = config_error(R"([[criteria]]
column = "population_2022"
bands = [{below = 5000, points = 1},
         {from = 4000, points = 2}]
)");
  EXPECT_TRUE(contains(overlap, "s.toml:3")) << overlap;
  EXPECT_TRUE(contains(overlap, "criteria.bands")) << overlap;
  EXPECT_TRUE(contains(overlap, "band 1 [-inf, 5000) and band 2 [4000, +inf) overlap")) << overlap;
  EXPECT_TRUE(contains(config_error("[[criteria]]\ncolumn = \"x\"\nbands = [{from = 5, below = 5, points = 1}]\n"), "is empty"));
  EXPECT_TRUE(contains(config_error("[[criteria]]\ncolumn = \"x\"\nbands = [{from = \"a\", points = 1}]\n"), "expected a number"));
  EXPECT_TRUE(contains(config_error("[[criteria]]\ncolumn = \"x\"\nbands = [{from = 1}]\n"), "every band needs points"));
}

TEST(Points, TheScoreIsTheSumOfBandPointsAndBonuses) {
  const auto sc = clir::parse_scenario(R"(
[[criteria]]
name = "size"
column = "population_2022"
bands = [{below = 10000, points = 1}, {from = 10000, below = 50000, points = 3}, {from = 50000, points = 6}]
[[criteria]]
name = "settlements"
column = "n_settlements"
weight = 0.5
[[bonus]]
name = "de-occupied"
rule = "occupation_first_start is not missing"
points = 4
[scoring]
method = "points"
[selection]
size = 3
)" + kPool);
  const clir::RunResult r = clir::run(sc);
  const clir::Table& t = r.pool.table;
  ASSERT_EQ(r.criteria.size(), 3U);
  for (std::size_t i = 0; i < r.scores.ids.size(); ++i) {
    const std::size_t row = t.row(r.scores.ids[i]);
    const double pop = *t.get(row, "population_2022");
    const double band = pop < 10000 ? 1 : pop < 50000 ? 3 : 6;
    const double bonus = t.get(row, "bonus.de-occupied").value() * 4;
    EXPECT_NEAR(r.scores.score(static_cast<Eigen::Index>(i)), band + 0.5 * *t.get(row, "n_settlements") + bonus, 1e-9);
  }
}

TEST(Points, BonusesNeedThePointsMethodAndAValidRule) {
  const std::string method = config_error("[[bonus]]\nrule = \"occupation_ongoing == 0\"\npoints = 2\n");
  EXPECT_TRUE(contains(method, "method = \"points\"")) << method;
  EXPECT_TRUE(contains(method, "s.toml:")) << method;
  EXPECT_TRUE(contains(config_error("[scoring]\nmethod = \"points\"\n[[bonus]]\nrule = \"x >< 2\"\npoints = 2\n"), "bonus.rule"));
  EXPECT_TRUE(contains(config_error("[scoring]\nmethod = \"points\"\n[[bonus]]\nrule = \"x == 2\"\npoints = -1\n"), "bonus.points"));
  EXPECT_TRUE(contains(config_error("[scoring]\nmethod = \"points\"\n[[bonus]]\nname = 1\nrule = \"x == 2\"\npoints = 2\n"),
                       "bonus.name"));
  EXPECT_TRUE(contains(config_error("[scoring]\nmethod = \"points\"\n[[bonus]]\nrule = \"x == 2\"\npoints = 2\nmissing_passes = 1\n"),
                       "expected true or false"));
  EXPECT_TRUE(contains(config_error("[scoring]\nmethod = \"points\"\n[[bonus]]\nrule = \"x == 2\"\n"), "every bonus needs points"));
  const auto sc = clir::parse_scenario("[scoring]\nmethod = \"points\"\n[[bonus]]\nrule = \"no_such_column == 1\"\npoints = 2\n" + kPool);
  const std::string unknown = error_message<clir::ConfigError>([&] { (void)clir::run(sc); });
  EXPECT_TRUE(contains(unknown, "no_such_column")) << unknown;
}

const std::string kTwoStages = R"(
[[criteria]]
column = "population_2022"
[[stage]]
name = "shortlist"
[stage.selection]
size = 6
[[stage.selection.quota]]
column = "oblast_en"
max = 2
[[stage]]
name = "final"
rules = ["n_settlements >= 10"]
[[stage.criteria]]
column = "idps_2023"
missing = "worst"
[stage.selection]
size = 3
)";

TEST(Stages, EachStageSelectsFromThePreviousSelection) {
  const clir::RunResult r = clir::run(clir::parse_scenario(kTwoStages + kPool));
  ASSERT_EQ(r.stages.size(), 2U);
  const auto& first = r.stages[0].selection.selected_ids;
  EXPECT_EQ(first.size(), 6U);
  EXPECT_EQ(r.stages[1].pool_size, 6U);
  ASSERT_EQ(r.selection.selected_ids.size(), 3U);
  for (const auto& id : r.selection.selected_ids) EXPECT_NE(std::find(first.begin(), first.end(), id), first.end());
  EXPECT_EQ(r.criteria.front().column, "idps_2023");
  std::size_t dropped_first = 0, dropped_final = 0;
  for (std::size_t row : r.eligibility.eligible_rows) {
    const clir::Explanation& e = r.selection.explanations[row];
    if (contains(e.text, "stage 1 of 2 'shortlist'")) ++dropped_first;
    if (contains(e.text, "stage 2 of 2 'final'")) ++dropped_final;
  }
  EXPECT_EQ(dropped_first + 6, r.eligibility.eligible_rows.size());
  EXPECT_EQ(dropped_final, 6U);
}

TEST(Stages, BadStagesAreNamed) {
  EXPECT_TRUE(contains(config_error("[[stage]]\nname = \"a\"\n"), "needs [stage.selection] with size >= 1"));
  EXPECT_TRUE(contains(config_error("[[stage]]\n[stage.selection]\nsize = 2\n"), "every [[stage]] needs a name"));
  EXPECT_TRUE(contains(config_error("[[stage]]\nname = \"a\"\nrules = [\"x <> 1\"]\n[stage.selection]\nsize = 2\n"),
                       "stage.rules"));
  EXPECT_TRUE(contains(config_error("[[stage]]\nname = \"a\"\nsize = 2\n[stage.selection]\nsize = 2\n"), "unknown key 'size' in [stage]"));
  EXPECT_TRUE(contains(config_error("[[stage]]\nname = \"a\"\n[[stage.bonus]]\nrule = \"x == 1\"\npoints = 1\n[stage.selection]\nsize = 2\n"),
                       "stage.bonus"));
  EXPECT_TRUE(contains(config_error("[[stage]]\nname = \"a\"\n[stage.scoring]\nmethod = \"pionts\"\n[stage.selection]\nsize = 2\n"),
                       "did you mean 'points'"));
  EXPECT_TRUE(contains(config_error("[[stage]]\nname = \"a\"\n[[stage.criteria]]\nweight = 1\n[stage.selection]\nsize = 2\n"),
                       "needs a column"));
  // A stage whose pool is empty after its rules.
  const auto empty = clir::parse_scenario(R"(
[[stage]]
name = "big only"
rules = ["population_2022 > 100000000"]
[stage.selection]
size = 2
)" + kPool);
  const std::string message = error_message<clir::InputError>([&] { (void)clir::run(empty); });
  EXPECT_TRUE(contains(message, "stage 'big only': none of the")) << message;
  EXPECT_TRUE(contains(message, "stage.rules")) << message;
}

fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("clir_programme_" + name);
  std::ofstream(p) << text;
  return p;
}

TEST(Discretionary, CommitteePointsAreKeptApartWithTheirEffect) {
  // The committee gives many points to one low-ranked applicant: it enters, someone leaves.
  const auto base = clir::parse_scenario("[[criteria]]\ncolumn = \"n_settlements\"\n[scoring]\nmethod = \"points\"\n[selection]\nsize = 3\n" + kPool);
  const clir::RunResult plain = clir::run(base);
  const std::string outsider = plain.scores.ids[plain.scores.order.back()];
  const fs::path file = write_file("committee.csv", "code,points\n" + outsider + ",1000\n");
  clir::Scenario sc = base;
  sc.discretionary.file = file;
  const clir::RunResult r = clir::run(sc);
  ASSERT_TRUE(r.discretionary);
  EXPECT_EQ(r.discretionary->selected_without, plain.selection.selected_ids);
  EXPECT_EQ(r.discretionary->entered, std::vector<std::string>{outsider});
  ASSERT_EQ(r.discretionary->displaced.size(), 1U);
  EXPECT_EQ(r.discretionary->displaced.front(), plain.selection.selected_ids.back());
  EXPECT_EQ(r.selection.selected_ids.front(), outsider);
}

TEST(Discretionary, BadFilesAndKeysAreNamed) {
  const std::string toml = "[[criteria]]\ncolumn = \"n_settlements\"\n[scoring]\nmethod = \"points\"\n[selection]\nsize = 3\n" + kPool;
  clir::Scenario sc = clir::parse_scenario(toml);
  sc.discretionary.file = write_file("unknown.csv", "code,points\nUA46060250000025047,3\nUA00000000000000000,2\n");
  std::string message = error_message<clir::InputError>([&] { (void)clir::run(sc); });
  EXPECT_TRUE(contains(message, "unknown.csv:3:1")) << message;
  EXPECT_TRUE(contains(message, "unknown community code 'UA00000000000000000'")) << message;
  sc.discretionary.file = write_file("negative.csv", "code,points\nUA46060250000025047,-3\n");
  message = error_message<clir::InputError>([&] { (void)clir::run(sc); });
  EXPECT_TRUE(contains(message, "negative.csv:2:2")) << message;
  sc.discretionary.file = write_file("over.csv", "code,points\nUA46060250000025047,60\n");
  sc.discretionary.max_points = 50;
  message = error_message<clir::InputError>([&] { (void)clir::run(sc); });
  EXPECT_TRUE(contains(message, "at most max_points = 50")) << message;
  sc.discretionary.max_points = 0;
  sc.discretionary.file = write_file("text.csv", "code,points\nUA46060250000025047,many\n");
  message = error_message<clir::InputError>([&] { (void)clir::run(sc); });
  EXPECT_TRUE(contains(message, "text.csv:2:2")) << message;
  sc.discretionary.code_column = "katottg";
  message = error_message<clir::InputError>([&] { (void)clir::run(sc); });
  EXPECT_TRUE(contains(message, "katottg")) << message;
  EXPECT_TRUE(contains(config_error("[discretionary]\nfile = \"c.csv\"\n"), "scoring method = \"points\""));
  EXPECT_TRUE(contains(config_error("[discretionary]\nfile = 3\n"), "discretionary.file"));
  EXPECT_TRUE(contains(config_error("[discretionary]\ncode_column = \"c\"\n"), "[discretionary] needs a file"));
  EXPECT_TRUE(contains(config_error("[discretionary]\nfile = \"c.csv\"\nmax_points = -1\n"), "discretionary.max_points"));
  const std::string stage = config_error(kTwoStages + "[discretionary]\nfile = \"c.csv\"\nstage = \"finale\"\n");
  EXPECT_TRUE(contains(stage, "no stage named 'finale'")) << stage;
}

}  // namespace
