#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "clir/core/error.hpp"
#include "clir/pipeline/scenario.hpp"

namespace {

// Expects parse_scenario(text) to throw E with exactly this what().
template <class E>
void expect_error(const std::string& text, const std::string& message) {
  try {
    (void)clir::parse_scenario(text, "s.toml");
    FAIL() << "expected an error: " << message;
  } catch (const E& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(Scenario, ReadsEverySection) {
  const auto sc = clir::parse_scenario(R"(
[scenario]
name = "test"
seed = 7
threads = 2

[pool]
oblasts = ["Харківська", "Kyivska"]
types = ["city"]

[[eligibility]]
name = "not occupied"
column = "occupation_ongoing"
op = "=="
value = 0

[[eligibility]]
column = "oblast_uk"
op = "in"
value = ["Київська", "Одеська"]

[scoring]
method = "vikor"
vikor_v = 0.4
weights = "entropy"

[[criteria]]
column = "frontline_distance_km"
direction = "cost"
weight = 2.5
transform = "log1p"
missing = "worst"

[selection]
size = 10
[[selection.quota]]
column = "oblast_uk"
max_per_category = 3
min_distinct = 4

[robustness]
draws = 500
distribution = "uniform"

[clustering]
method = "pam"
k = 3
alpha = 0.25
min_size = 2
max_size = 4
must_link = [["UA1", "UA2"]]
category = "oblast_uk"
allowed_together = [["Донецька", "Харківська"]]

[reference]
grouping = "none"

[output]
directory = "out"
)");
  EXPECT_EQ(sc.name, "test");
  EXPECT_EQ(sc.seed, 7u);
  EXPECT_EQ(sc.threads, 2u);
  EXPECT_EQ(sc.pool_oblasts.size(), 2u);
  ASSERT_EQ(sc.eligibility.size(), 2u);
  EXPECT_EQ(sc.eligibility[0].name, "not occupied");
  EXPECT_EQ(sc.eligibility[0].values, std::vector<std::string>{"0"});
  EXPECT_EQ(sc.eligibility[1].name, "oblast_uk in Київська Одеська");
  EXPECT_EQ(sc.scoring_method, "vikor");
  EXPECT_DOUBLE_EQ(sc.vikor_v, 0.4);
  ASSERT_EQ(sc.criteria.size(), 1u);
  EXPECT_EQ(sc.criteria[0].direction, "cost");
  EXPECT_DOUBLE_EQ(sc.criteria[0].weight, 2.5);
  EXPECT_EQ(sc.criteria[0].line, 27u);
  EXPECT_EQ(sc.select, 10u);
  ASSERT_EQ(sc.quotas.size(), 1u);
  EXPECT_EQ(sc.quotas[0].max_per_category, 3u);
  EXPECT_EQ(sc.quotas[0].min_distinct, 4u);
  EXPECT_FALSE(sc.quotas[0].min_per_category.has_value());
  EXPECT_EQ(sc.robustness_draws, 500u);
  EXPECT_EQ(sc.cluster_method, "pam");
  EXPECT_EQ(sc.k, 3u);
  EXPECT_EQ(sc.max_size, 4u);
  ASSERT_EQ(sc.must_link.size(), 1u);
  EXPECT_EQ(sc.must_link[0].second, "UA2");
  EXPECT_EQ(sc.category_allowed_together[0][1], "Харківська");
  EXPECT_EQ(sc.reference, "none");
  EXPECT_EQ(sc.output_directory, "out");
}

TEST(Scenario, EmptyFileGivesDefaults) {
  const auto sc = clir::parse_scenario("");
  EXPECT_EQ(sc.select, 19u);
  EXPECT_EQ(sc.k, 6u);
  EXPECT_EQ(sc.reference, "clir2024");
}

TEST(Scenario, UnknownKeySuggestsTheClosest) {
  expect_error<clir::ConfigError>("[clustering]\nk = 6\nalpah = 0.3\n",
                                  "s.toml:3:1: 'clustering.alpah': unknown key 'alpah' in [clustering]; did you mean 'alpha'? "
                                  "(allowed: method, k, alpha, geo_distance, needs_columns, min_size, max_size, must_link, "
                                  "cannot_link, category, category_mode, category_penalty, allowed_together)");
}

TEST(Scenario, UnknownSectionSuggestsTheClosest) {
  try {
    (void)clir::parse_scenario("[selecton]\nsize = 3\n", "s.toml");
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "selecton");
    EXPECT_EQ(e.where().line, 1u);
    EXPECT_NE(std::string(e.what()).find("did you mean 'selection'?"), std::string::npos) << e.what();
  }
}

TEST(Scenario, WrongTypeNamesKeyAndLine) {
  expect_error<clir::ConfigError>("[selection]\n\nsize = \"nineteen\"\n",
                                  "s.toml:3:8: 'selection.size': expected an integer");
  expect_error<clir::ConfigError>("[clustering]\nalpha = 1.5\n", "s.toml:2:9: 'clustering.alpha': expected a number in [0, 1]");
  expect_error<clir::ConfigError>("[selection]\nsize = 0\n", "s.toml:2:8: 'selection.size': expected an integer >= 1");
  expect_error<clir::ConfigError>("clustering = 3\n", "s.toml:1:14: 'clustering': expected a table ([clustering])");
}

TEST(Scenario, BadChoiceListsAllowedValues) {
  expect_error<clir::ConfigError>("[scoring]\nmethod = \"topsys\"\n",
                                  "s.toml:2:10: 'scoring.method': unknown value 'topsys'; did you mean 'topsis'? "
                                  "(allowed: weighted_sum, weighted_product, topsis, vikor, promethee)");
}

TEST(Scenario, RuleShapesAreChecked) {
  expect_error<clir::ConfigError>("[[eligibility]]\ncolumn = \"x\"\nop = \"<\"\n", "s.toml:1:1: 'eligibility.value': op '<' needs a value");
  expect_error<clir::ConfigError>("[[eligibility]]\ncolumn = \"x\"\nop = \"<\"\nvalue = [1, 2]\n",
                                  "s.toml:4:9: 'eligibility.value': op '<' takes one value, not a list");
  expect_error<clir::ConfigError>("[clustering]\nmin_size = 5\nmax_size = 4\n",
                                  "s.toml:2:12: 'clustering.min_size': min_size 5 exceeds max_size 4");
  expect_error<clir::ConfigError>("[clustering]\nmust_link = [[\"a\"]]\n",
                                  "s.toml:2:14: 'clustering.must_link': expected an array of [\"code\", \"code\"] pairs");
}

TEST(Scenario, InvalidTomlGivesLineAndColumn) {
  try {
    (void)clir::parse_scenario("[scenario]\nname = \"unterminated\n", "s.toml");
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().file, "s.toml");
    EXPECT_EQ(e.where().line, 2u);
    EXPECT_NE(std::string(e.what()).find("invalid TOML"), std::string::npos);
  }
}

TEST(Scenario, FilesResolveRelativePaths) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(CLIR_BINARY_DIR) / "test-output" / "scenario";
  fs::create_directories(dir);
  std::ofstream(dir / "s.toml") << "[data]\napplications = \"apps.csv\"\n";
  const auto sc = clir::load_scenario(dir / "s.toml");
  EXPECT_EQ(sc.applications, dir / "apps.csv");
  EXPECT_EQ(sc.source, dir / "s.toml");
  EXPECT_THROW((void)clir::load_scenario(dir / "missing.toml"), clir::InputError);
  EXPECT_THROW((void)clir::load_scenario(dir), clir::InputError);
}

TEST(Scenario, ClosestMatchOnlySuggestsPlausibleTypos) {
  EXPECT_EQ(clir::closest_match("metod", {"method", "k"}), "method");
  EXPECT_EQ(clir::closest_match("zzzzzz", {"method", "k"}), "");
}

}  // namespace
