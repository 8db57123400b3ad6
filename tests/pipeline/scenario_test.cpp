#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "clir/core/error.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/run.hpp"
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
rule = "occupation_ongoing == 0"

[[eligibility]]
rule = "oblast_uk in {Київська, Одеська}"

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

[[criteria]]
name = "IDPs"
column = "idps_2023"
transform = "per_capita"
population_column = "population_2022"
per_capita_scale = 1000

[selection]
size = 10
[[selection.quota]]
column = "oblast_uk"
max = 3
[[selection.distinct]]
column = "oblast_uk"
at_least = 4
[[selection.share]]
column = "type"
category = "city"
max_share = 0.5

[robustness]
draws = 500
sampling = "uniform_simplex"

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
  EXPECT_EQ(sc.pool.oblasts.size(), 2u);
  ASSERT_EQ(sc.eligibility.size(), 2u);
  EXPECT_EQ(sc.eligibility[0].label(), "not occupied");
  EXPECT_EQ(sc.eligibility[0].op, clir::CompareOp::eq);
  EXPECT_EQ(sc.eligibility[1].kind, clir::RuleKind::in_set);
  EXPECT_EQ(sc.scoring.method, clir::ScoringMethod::vikor);
  EXPECT_DOUBLE_EQ(sc.scoring.vikor_v, 0.4);
  EXPECT_EQ(sc.scoring.weights.method, clir::WeightMethod::entropy);
  ASSERT_EQ(sc.criteria.size(), 2u);
  EXPECT_EQ(sc.criteria[0].direction, clir::Direction::cost);
  EXPECT_DOUBLE_EQ(sc.criteria[0].weight, 2.5);
  EXPECT_EQ(sc.criteria[0].missing, clir::MissingValuePolicy::worst);
  EXPECT_EQ(sc.criteria[0].transforms, std::vector<clir::Transform>{clir::Transform::log1p});
  EXPECT_EQ(sc.criteria[1].transforms, std::vector<clir::Transform>{clir::Transform::per_capita});
  EXPECT_DOUBLE_EQ(sc.criteria[1].per_capita_scale, 1000.0);
  EXPECT_EQ(sc.selection.count, 10u);
  ASSERT_EQ(sc.selection.quotas.size(), 1u);
  EXPECT_EQ(sc.selection.quotas[0].max, 3u);
  ASSERT_EQ(sc.selection.distinct.size(), 1u);
  EXPECT_EQ(sc.selection.distinct[0].at_least, 4u);
  ASSERT_EQ(sc.selection.shares.size(), 1u);
  EXPECT_DOUBLE_EQ(*sc.selection.shares[0].max_share, 0.5);
  ASSERT_TRUE(sc.robustness.has_value());
  EXPECT_EQ(sc.robustness->draws, 500u);
  EXPECT_EQ(sc.robustness->seed, 7u);
  EXPECT_EQ(sc.robustness->sampling, clir::WeightSampling::uniform_simplex);
  EXPECT_EQ(sc.grouping.method, clir::GroupingMethod::pam);
  EXPECT_EQ(sc.grouping.k, 3u);
  EXPECT_EQ(sc.grouping.max_size, 4u);
  EXPECT_EQ(sc.grouping.seed, 7u);
  ASSERT_EQ(sc.grouping.must_link.size(), 1u);
  EXPECT_EQ(sc.grouping.must_link[0].second, "UA2");
  EXPECT_EQ(sc.grouping.allowed_together[0][1], "Харківська");
  EXPECT_EQ(sc.reference, "none");
  EXPECT_EQ(sc.output_directory, "out");
}

TEST(Scenario, EmptyFileGivesDefaults) {
  const auto sc = clir::parse_scenario("");
  EXPECT_EQ(sc.selection.count, 19u);
  EXPECT_EQ(sc.grouping.k, 6u);
  EXPECT_EQ(sc.reference, "clir2024");
  EXPECT_TRUE(sc.criteria.empty());
  EXPECT_FALSE(sc.robustness.has_value());
}

TEST(Scenario, BuiltInScenarioIsTheExampleFile) {
  const auto sc = clir::builtin_clir2024_scenario();
  EXPECT_EQ(sc.selection.count, 19u);
  EXPECT_EQ(sc.pool.oblasts.size(), 11u);
  EXPECT_EQ(sc.grouping.min_size, 2u);
  EXPECT_EQ(sc.grouping.max_size, 4u);
  const auto from_file = clir::load_scenario(std::filesystem::path(CLIR_SOURCE_DIR) / "examples" / "clir2024.toml");
  EXPECT_EQ(clir::builtin_clir2024_scenario_text().size(), std::filesystem::file_size(from_file.source));
}

TEST(Scenario, ExampleScenariosAreValid) {
  for (const char* name : {"clir2024.toml", "war_impact_only.toml", "needs_first.toml", "applications.toml"}) {
    EXPECT_NO_THROW((void)clir::load_scenario(std::filesystem::path(CLIR_SOURCE_DIR) / "examples" / name)) << name;
  }
}

TEST(Scenario, UnknownKeySuggestsTheClosest) {
  expect_error<clir::ConfigError>("[clustering]\nk = 6\nalpah = 0.3\n",
                                  "s.toml:3:1: 'clustering.alpah': unknown key 'alpah' in [clustering]; did you mean 'alpha'? "
                                  "(allowed: method, init, graph, k, alpha, geo_distance, scale, needs_columns, min_size, max_size, must_link, "
                                  "cannot_link, category, category_mode, category_penalty, allowed_together, exact_time_limit_s)");
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
                                  "(allowed: weighted_sum, weighted_product, topsis, vikor, promethee_ii, points, promethee)");
  expect_error<clir::ConfigError>("[clustering]\nmethod = \"kmeans\"\n",
                                  "s.toml:2:10: 'clustering.method': unknown value 'kmeans' "
                                  "(allowed: exact, pam, fastpam1, fasterpam, alternating, skater, spectral, fastermsc, dynmsc)");
}

TEST(Scenario, ClusteringGraph) {
  EXPECT_EQ(clir::parse_scenario("[clustering]\nmethod = \"skater\"\n").grouping.graph, clir::GroupingGraph::delaunay);
  EXPECT_EQ(clir::parse_scenario("[clustering]\nmethod = \"skater\"\ngraph = \"contiguity\"\n").grouping.graph,
            clir::GroupingGraph::contiguity);
  expect_error<clir::ConfigError>("[clustering]\ngraph = \"knn\"\n",
                                  "s.toml:2:9: 'clustering.graph': unknown value 'knn' (allowed: delaunay, contiguity)");
}

TEST(Scenario, MedoidSilhouetteMethods) {
  EXPECT_EQ(clir::parse_scenario("[clustering]\nmethod = \"fastermsc\"\n").grouping.method, clir::GroupingMethod::fastermsc);
  EXPECT_EQ(clir::parse_scenario("[clustering]\nmethod = \"dynmsc\"\nk = 8\n").grouping.method, clir::GroupingMethod::dynmsc);
}

TEST(Scenario, EligibilityKeysAreDeclared) {
  // The keys of [[eligibility]] are EligibilityEntry's declarations: an unknown one is named with
  // the closest, a mistyped value with what was expected, missing_passes reaches the rule.
  expect_error<clir::ConfigError>("[[eligibility]]\nrule = \"occupation_ongoing == 0\"\nmissing_pass = true\n",
                                  "s.toml:3:1: 'eligibility.missing_pass': unknown key 'missing_pass' in [eligibility]; did "
                                  "you mean 'missing_passes'? (allowed: rule, name, missing_passes)");
  const auto sc = clir::parse_scenario("[[eligibility]]\nrule = \"occupation_ongoing == 0\"\nmissing_passes = true\n");
  ASSERT_EQ(sc.eligibility.size(), 1u);
  EXPECT_TRUE(sc.eligibility[0].missing_passes);
  EXPECT_EQ(sc.eligibility[0].label(), "occupation_ongoing == 0");
  EXPECT_THROW((void)clir::parse_scenario("[[eligibility]]\nrule = 5\n"), clir::ConfigError);
}

TEST(Scenario, RuleShapesAreChecked) {
  expect_error<clir::ConfigError>("[[eligibility]]\nname = \"x\"\n", "s.toml:1:1: 'eligibility.rule': every [[eligibility]] entry needs a rule, e.g. rule = \"occupation_ongoing == 0\"");
  try {
    (void)clir::parse_scenario("[[eligibility]]\nrule = \"population_2022 >> 5\"\n", "s.toml");
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.where().line, 2u);
    EXPECT_EQ(e.key(), "eligibility.rule");
  }
  expect_error<clir::ConfigError>("[clustering]\nmin_size = 5\nmax_size = 4\n",
                                  "s.toml:2:12: 'clustering.min_size': min_size 5 exceeds max_size 4");
  expect_error<clir::ConfigError>("[clustering]\nmust_link = [[\"a\"]]\n",
                                  "s.toml:2:14: 'clustering.must_link': expected an array of [\"code\", \"code\"] pairs");
  expect_error<clir::ConfigError>("[[criteria]]\ncolumn = \"x\"\ntransform = \"per_capita\"\n",
                                  "s.toml:1:1: 'criteria.population_column': transform 'per_capita' needs population_column");
  expect_error<clir::ConfigError>("[[selection.quota]]\ncolumn = \"oblast_uk\"\n",
                                  "s.toml:1:1: 'selection.quota.max': a [[selection.quota]] needs min or max");
  expect_error<clir::ConfigError>("[scoring]\nahp_matrix = [[1, 2], [0.5]]\n",
                                  "s.toml:2:14: 'scoring.ahp_matrix': expected a square matrix (2 rows of 2)");
}

TEST(Scenario, PreferenceFunctionsPerCriterion) {
  const auto sc = clir::parse_scenario(R"(
[scoring]
method = "promethee_ii"

[[criteria]]
column = "a"
preference = "level"
q = 1
p = 6

[[criteria]]
column = "b"
preference = "gaussian"
s = 5

[[criteria]]
column = "c"
)", "s.toml");
  ASSERT_EQ(sc.scoring.preference.size(), 3u);
  EXPECT_EQ(sc.scoring.preference[0].type, clir::PreferenceType::level);
  EXPECT_DOUBLE_EQ(sc.scoring.preference[0].q, 1.0);
  EXPECT_DOUBLE_EQ(sc.scoring.preference[0].p, 6.0);
  EXPECT_EQ(sc.scoring.preference[1].type, clir::PreferenceType::gaussian);
  EXPECT_DOUBLE_EQ(sc.scoring.preference[1].s, 5.0);
  EXPECT_EQ(sc.scoring.preference[2].type, clir::PreferenceType::usual);
  // Thresholds are checked where they are written, naming the criterion.
  expect_error<clir::ConfigError>("[[criteria]]\ncolumn = \"a\"\npreference = \"gaussian\"\n",
                                  "s.toml:3:14: 'criteria.preference': criterion 'a': gaussian preference needs s > 0, "
                                  "got q = 0.000000, p = 0.000000, s = 0.000000");
  expect_error<clir::ConfigError>("[[criteria]]\ncolumn = \"a\"\npreference = \"level\"\nq = 2\np = 1\n",
                                  "s.toml:3:14: 'criteria.preference': criterion 'a': level preference needs 0 <= q < p, "
                                  "got q = 2.000000, p = 1.000000, s = 0.000000");
  expect_error<clir::ConfigError>("[[criteria]]\ncolumn = \"a\"\npreference = \"gausian\"\n",
                                  "s.toml:3:14: 'criteria.preference': unknown value 'gausian'; did you mean 'gaussian'? "
                                  "(allowed: usual, u_shape, v_shape, level, linear, gaussian)");
}

TEST(Scenario, TransformIsANameOrAChain) {
  const auto sc = clir::parse_scenario(R"(
[[criteria]]
name = "idp share"
column = "idps_2023"
transform = ["per_capita", "winsorize"]
population_column = "population_2022"
preference = "linear"
q = 1
p = 5

[[criteria]]
column = "frontline_distance_km"
transform = "log1p"

[[criteria]]
column = "dotation_level"
transform = "none"

[[criteria]]
column = "capacity_class"
transform = []

[[criteria]]
column = "own_revenue_per_capita_2021_uah"
)", "s.toml");
  using clir::Transform;
  ASSERT_EQ(sc.criteria.size(), 5u);
  EXPECT_EQ(sc.criteria[0].transforms, (std::vector<Transform>{Transform::per_capita, Transform::winsorize}));
  EXPECT_EQ(sc.criteria[1].transforms, std::vector<Transform>{Transform::log1p});
  EXPECT_TRUE(sc.criteria[2].transforms.empty());
  EXPECT_TRUE(sc.criteria[3].transforms.empty());
  EXPECT_TRUE(sc.criteria[4].transforms.empty());
  // The resolved scenario echoes the chain as an array, and the preference functions.
  const auto j = clir::scenario_to_json(sc);
  EXPECT_EQ(j["criteria"][0]["transform"], nlohmann::json({"per_capita", "winsorize"}));
  EXPECT_EQ(j["criteria"][1]["transform"], nlohmann::json({"log1p"}));
  EXPECT_EQ(j["criteria"][2]["transform"], nlohmann::json::array());
  EXPECT_EQ(j["criteria"][0]["preference"]["type"], "linear");
  EXPECT_EQ(j["criteria"][0]["preference"]["p"], 5.0);
  EXPECT_EQ(j["criteria"][4]["preference"]["type"], "usual");
}

TEST(Scenario, BadTransformChainsNameTheCriterionAndPlace) {
  const std::string head = "[[criteria]]\nname = \"idp share\"\ncolumn = \"x\"\npopulation_column = \"p\"\n";
  expect_error<clir::ConfigError>(head + "transform = [\"per_capita\", \"log1p\", \"per_capita\"]\n",
                                  "s.toml:5:13: 'criteria.transform': criterion 'idp share': per_capita appears twice in "
                                  "the transform chain (per_capita, then log1p, then per_capita); each transform may be "
                                  "applied once");
  expect_error<clir::ConfigError>(head + "transform = [\"winsorize\", \"winsorize\"]\n",
                                  "s.toml:5:13: 'criteria.transform': criterion 'idp share': winsorize appears twice in "
                                  "the transform chain (winsorize, then winsorize); each transform may be applied once");
  expect_error<clir::ConfigError>(head + "transform = [\"per_capita\", \"winsorise\"]\n",
                                  "s.toml:5:28: 'criteria.transform': unknown value 'winsorise'; did you mean "
                                  "'winsorize'? (allowed: none, log1p, per_capita, winsorize)");
  expect_error<clir::ConfigError>(head + "transform = [\"none\", \"log1p\"]\n",
                                  "s.toml:5:14: 'criteria.transform': 'none' cannot be combined with other transforms");
  expect_error<clir::ConfigError>(head + "transform = [\"log1p\", 3]\n",
                                  "s.toml:5:23: 'criteria.transform': expected a transform name or an array of them, e.g. "
                                  "[\"per_capita\", \"winsorize\"]");
  expect_error<clir::ConfigError>(head + "transform = 3\n",
                                  "s.toml:5:13: 'criteria.transform': expected a transform name or an array of them, e.g. "
                                  "[\"per_capita\", \"winsorize\"]");
  // per_capita anywhere in the chain needs the population column.
  expect_error<clir::ConfigError>("[[criteria]]\ncolumn = \"x\"\ntransform = [\"log1p\", \"per_capita\"]\n",
                                  "s.toml:1:1: 'criteria.population_column': transform 'per_capita' needs population_column");
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
  std::ofstream(dir / "s.toml") << "[data]\napplications = \"apps.csv\"\n[reference]\ngrouping = \"ref.csv\"\n";
  const auto sc = clir::load_scenario(dir / "s.toml");
  EXPECT_EQ(sc.applications, dir / "apps.csv");
  EXPECT_EQ(sc.reference, (dir / "ref.csv").string());
  EXPECT_EQ(sc.source, dir / "s.toml");
  EXPECT_THROW((void)clir::load_scenario(dir / "missing.toml"), clir::InputError);
  EXPECT_THROW((void)clir::load_scenario(dir), clir::InputError);
}

TEST(Scenario, ClosestMatchOnlySuggestsPlausibleTypos) {
  EXPECT_EQ(clir::closest_match("metod", {"method", "k"}), "method");
  EXPECT_EQ(clir::closest_match("zzzzzz", {"method", "k"}), "");
}

}  // namespace

namespace {

TEST(Scenario, ExplainSectionIsReadAndChecked) {
  const clir::Scenario sc = clir::parse_scenario(
      "[explain]\nreference = \"clir2024\"\ncriteria = \"extended\"\nobjective = \"max_margin\"\nmodel = \"piecewise\"\n"
      "segments = 4\nsize = 25\nmin_gap = 0.001\nstability = false\ntime_limit_s = 5\n"
      "[[explain.bounds]]\ncriterion = \"war history\"\nmin = 0.1\nmax = 0.5\n",
      "s.toml");
  EXPECT_EQ(sc.explain.reference, "clir2024");
  EXPECT_EQ(sc.explain.criteria, clir::ExplainCriteria::extended);
  EXPECT_EQ(sc.explain.options.objective, clir::ExplainObjective::max_margin);
  EXPECT_EQ(sc.explain.options.model, clir::ExplainModel::piecewise);
  EXPECT_EQ(sc.explain.options.segments, 4u);
  EXPECT_EQ(sc.explain.options.count, 25u);
  EXPECT_DOUBLE_EQ(sc.explain.options.min_gap, 0.001);
  EXPECT_FALSE(sc.explain.options.stability);
  EXPECT_DOUBLE_EQ(sc.explain.options.time_limit_seconds, 5.0);
  ASSERT_EQ(sc.explain.options.bounds.size(), 1u);
  EXPECT_EQ(sc.explain.options.bounds[0].criterion, "war history");
  EXPECT_EQ(sc.explain.options.bounds[0].min, 0.1);
  EXPECT_EQ(sc.explain.options.bounds[0].max, 0.5);
  // Defaults without the section.
  EXPECT_EQ(clir::parse_scenario("").explain.reference, "clir2024");
  EXPECT_EQ(clir::parse_scenario("").explain.criteria, clir::ExplainCriteria::scenario);

  expect_error<clir::ConfigError>("[explain]\nobjective = \"most\"\n",
                                  "s.toml:2:13: 'explain.objective': unknown value 'most' "
                                  "(allowed: max_members, max_margin, min_violations)");
  expect_error<clir::ConfigError>("[explain]\ncriteria = \"extendd\"\n",
                                  "s.toml:2:12: 'explain.criteria': unknown value 'extendd'; did you mean 'extended'? "
                                  "(allowed: scenario, extended)");
  expect_error<clir::ConfigError>("[explain]\n\nsegments = 0\n", "s.toml:3:12: 'explain.segments': expected an integer >= 1");
  expect_error<clir::ConfigError>("[[explain.bounds]]\ncriterion = \"a\"\nmax = 1.5\n",
                                  "s.toml:3:7: 'explain.bounds.max': expected a weight in [0, 1]");
  try {
    (void)clir::parse_scenario("[explain]\nobjectiv = \"max_margin\"\n", "s.toml");
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.where().line, 2u);
    EXPECT_NE(std::string(e.what()).find("did you mean 'objective'?"), std::string::npos) << e.what();
  }
}

// Errors found after the file is parsed (by the scoring library, which names a criterion by its
// label) name the file, line and column of the key in its [[criteria]] entry, like errors found
// while parsing (issue #26). Before: "'criteria.x.column': ..." without file or line.
TEST(ScenarioLocation, CriteriaKeysNameTheirLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[[criteria]]\ncolumn = \"dotation_levle\"\n", "s.toml:2:10: 'criteria.dotation_levle.column': "},
      {"[[criteria]]\nname = \"a.b\"\ncolumn = \"dotation_leve\"\n", "s.toml:3:10: 'criteria.a.b.column': "},
      {"[[criteria]]\ncolumn = \"idps_2023\"\nweight = 0\n[[criteria]]\ncolumn = \"dotation_level\"\nweight = 0\n",
       "s.toml:3:10: 'criteria.weight': every criterion has weight 0"},
      {"[[criteria]]\ncolumn = \"idps_2023\"\n[[criteria]]\ncolumn = \"dotation_level\"\n[[criteria]]\ncolumn = \"dotation_level\"\n",
       "s.toml:5:1: 'criteria.dotation_level': criterion 'dotation_level' is given twice"},
      {"[[criteria]]\ncolumn = \"dotation_level\"\ntransform = [\"per_capita\"]\npopulation_column = \"popx\"\n",
       "s.toml:4:21: 'criteria.dotation_level.population_column': "},
      {"[scoring]\nmethod = \"weighted_product\"\nnormalization = \"z_score\"\n", "s.toml:3:17: 'scoring.normalization': "},
      {"[scoring]\nmethod = \"points\"\n[[bonus]]\nrule = \"popx > 3\"\npoints = 2\n", "s.toml:4:8: 'bonus[0].rule': "},
  };
  for (const auto& [text, prefix] : cases) {
    SCOPED_TRACE(text);
    const clir::Scenario sc = clir::parse_scenario(text, "s.toml");
    try {
      (void)clir::run(sc, {.last_stage = clir::RunStage::scoring});
      ADD_FAILURE() << "expected a clir::ConfigError";
    } catch (const clir::ConfigError& e) {
      EXPECT_EQ(std::string(e.what()).substr(0, prefix.size()), prefix) << e.what();
      EXPECT_EQ(e.where().file, "s.toml");
    }
  }
}

// The same through locate_key() alone: a label with dots, a label that prefixes another.
TEST(ScenarioLocation, CriterionLabelsMapToTheirEntries) {
  const clir::Scenario sc = clir::parse_scenario(
      "[[criteria]]\nname = \"a\"\ncolumn = \"x\"\n[[criteria]]\nname = \"a.b\"\ncolumn = \"y\"\nweight = 2\n", "s.toml");
  EXPECT_EQ(clir::locate_key(sc, "criteria.a.b.weight").line, 7u);
  EXPECT_EQ(clir::locate_key(sc, "criteria.a.column").line, 3u);
  EXPECT_EQ(clir::locate_key(sc, "criteria.a.weight").line, 1u);  // not given: its entry
  EXPECT_EQ(clir::locate_key(sc, "criteria.weight").line, 1u);    // about all: the first entry
  EXPECT_TRUE(clir::locate_key(sc, "criteria.zzz.column").file.empty());  // no such criterion
  EXPECT_TRUE(clir::locate_key(clir::parse_scenario("", "e.toml"), "criteria.x.column").file.empty());
}

}  // namespace
