// scenario_field_catalog(): the scenario keys as data, from the field declarations;
// edit_scenario_toml(): a scenario's text changed key by key, read back by the scenario reader.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "clir/core/error.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/pipeline/scenario_catalog.hpp"

namespace clir {
namespace {

using nlohmann::json;

const json& section(const json& catalog, const std::string& name) {
  for (const auto& s : catalog["sections"]) {
    if (s["name"] == name) return s;
  }
  throw std::runtime_error("no section " + name);
}

const json& key(const json& catalog, const std::string& sec, const std::string& name) {
  for (const auto& k : section(catalog, sec)["keys"]) {
    if (k["key"] == name) return k;
  }
  throw std::runtime_error("no key " + sec + "." + name);
}

TEST(ScenarioCatalog, DescribesKeysFromTheDeclarations) {
  const json catalog = scenario_field_catalog();
  const json& size = key(catalog, "selection", "size");
  EXPECT_EQ(size["type"], "integer");
  EXPECT_EQ(size["min"], 1.0);
  EXPECT_EQ(size["min_inclusive"], true);
  EXPECT_EQ(size["doc"], "N, the number to select");

  const json& alpha = key(catalog, "clustering", "alpha");
  EXPECT_EQ(alpha["type"], "number");
  EXPECT_EQ(alpha["default"], 0.3);
  EXPECT_EQ(alpha["min"], 0.0);
  EXPECT_EQ(alpha["max"], 1.0);

  // Enumerations list every name of EnumTraits, in declaration order, with its description.
  const json& method = key(catalog, "scoring", "method");
  EXPECT_EQ(method["type"], "choice");
  ASSERT_EQ(method["choices"].size(), EnumTraits<ScoringMethod>::names.size());
  for (std::size_t n = 0; n < method["choices"].size(); ++n) {
    EXPECT_EQ(method["choices"][n]["name"], EnumTraits<ScoringMethod>::names[n].name);
    EXPECT_EQ(method["choices"][n]["doc"], EnumTraits<ScoringMethod>::names[n].doc);
  }
  EXPECT_EQ(key(catalog, "criteria", "direction")["choices"].size(), EnumTraits<Direction>::names.size());
  EXPECT_EQ(key(catalog, "criteria", "transform")["type"], "choices");
  EXPECT_TRUE(key(catalog, "criteria", "column").contains("required"));
  EXPECT_FALSE(key(catalog, "criteria", "column").contains("default"));

  // Arrays of tables are sections of their own; keys not in the scenario file are left out.
  EXPECT_TRUE(section(catalog, "criteria")["array"].get<bool>());
  EXPECT_TRUE(section(catalog, "selection.quota")["array"].get<bool>());
  EXPECT_EQ(key(catalog, "selection.quota", "column")["type"], "string");
  EXPECT_FALSE(section(catalog, "clustering")["array"].get<bool>());
  EXPECT_THROW(key(catalog, "clustering", "seed"), std::runtime_error);  // not_in(scenario)
  EXPECT_THROW(key(catalog, "selection", "quota"), std::runtime_error);  // a section, not a key
  EXPECT_EQ(key(catalog, "scenario", "seed")["default"], 2024);
}

TEST(ScenarioCatalog, EveryKeyWithAPlainDefaultIsAcceptedByTheReader) {
  // A file giving each key its catalogued default must read back: the catalog names only keys
  // the reader knows, with values of the type it expects.
  const json catalog = scenario_field_catalog();
  for (const auto& s : catalog["sections"]) {
    if (s["array"].get<bool>() || s["name"] == "explain") continue;
    for (const auto& k : s["keys"]) {
      if (!k.contains("default") || k["default"].is_null() || k.contains("default_doc")) continue;
      const json changes = {{s["name"].get<std::string>() + "." + k["key"].get<std::string>(), k["default"]}};
      const std::string text = edit_scenario_toml("", changes);
      EXPECT_NO_THROW(parse_scenario(text, "defaults.toml")) << text;
    }
  }
}

TEST(ScenarioEdit, ChangesReadBackAsTheScenarioWithThoseChanges) {
  const std::string base(builtin_clir2024_scenario_text());
  const json changes = {{"selection.size", 21},
                        {"criteria.0.weight", 0.4},
                        {"criteria.6", nullptr},
                        {"criteria.2.direction", "benefit"},
                        {"eligibility.1", nullptr},
                        {"selection.quota.0.max", 3},
                        {"clustering.alpha", 1},
                        {"scoring.method", "vikor"}};
  const Scenario edited = parse_scenario(edit_scenario_toml(base, changes), "edited.toml");
  const Scenario original = builtin_clir2024_scenario();
  EXPECT_EQ(edited.selection.count, 21U);
  ASSERT_EQ(edited.criteria.size(), original.criteria.size() - 1);
  EXPECT_EQ(edited.criteria[0].weight, 0.4);
  EXPECT_EQ(edited.criteria[2].direction, Direction::benefit);
  EXPECT_EQ(edited.criteria[5].name, original.criteria[5].name);
  ASSERT_EQ(edited.eligibility.size(), 1U);
  EXPECT_EQ(edited.eligibility[0].label(), original.eligibility[0].label());
  ASSERT_EQ(edited.selection.quotas.size(), 1U);
  EXPECT_EQ(edited.selection.quotas[0].max, 3U);
  EXPECT_EQ(edited.grouping.alpha, 1.0);
  EXPECT_EQ(edited.scoring.method, ScoringMethod::vikor);
  EXPECT_TRUE(original.robustness.has_value());
  EXPECT_FALSE(parse_scenario(edit_scenario_toml(base, {{"robustness", nullptr}}), "r.toml").robustness.has_value());

  // Everything not changed reads back as it was: the scenario's JSON echo, with the changed
  // keys put back, is the original's.
  const Scenario unchanged = parse_scenario(edit_scenario_toml(base, json::object()), "same.toml");
  EXPECT_EQ(scenario_to_json(unchanged), scenario_to_json(parse_scenario(base, "same.toml")));
}

TEST(ScenarioEdit, NumbersReadBackExactly) {
  for (const double w : {0.1, 0.15, 1.0 / 3.0, 2.5e-7, 12345678.9, 1.0}) {
    const Scenario sc = parse_scenario(
        edit_scenario_toml(builtin_clir2024_scenario_text(), {{"criteria.1.weight", w}}), "w.toml");
    EXPECT_EQ(sc.criteria[1].weight, w);
  }
}

TEST(ScenarioEdit, MistakesNameTheChange) {
  const std::string base(builtin_clir2024_scenario_text());
  auto message = [&](const json& changes) {
    try {
      edit_scenario_toml(base, changes);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  {
    const std::string m = message({{"selection.sise", 3}});
    EXPECT_NE(m.find("selection.sise"), std::string::npos) << m;
    EXPECT_NE(m.find("did you mean 'size'"), std::string::npos) << m;
  }
  EXPECT_NE(message({{"selectoin.size", 3}}).find("did you mean 'selection'"), std::string::npos);
  EXPECT_NE(message({{"criteria.9.weight", 1}}).find("has 7 [[criteria]] entries"), std::string::npos);
  EXPECT_NE(message({{"criteria.weight", 1}}).find("by its index"), std::string::npos);
  EXPECT_NE(message({{"selection.size", "many"}}).find("expected a value of type integer"), std::string::npos);
  EXPECT_NE(message({{"selection.size", 2.5}}).find("expected a value of type integer"), std::string::npos);
  EXPECT_NE(message({{"criteria.0", 1}}).find("can only be removed"), std::string::npos);
  EXPECT_NE(message({{"robustness", 1}}).find("a section can only be removed"), std::string::npos);
  json all = json::object();
  for (int n = 0; n < 7; ++n) all["criteria." + std::to_string(n)] = nullptr;
  EXPECT_NE(message(all).find("at least one [[criteria]]"), std::string::npos);
  EXPECT_THROW(edit_scenario_toml("[selection\n", json::object()), InputError);
}

TEST(RerunAnswer, RunJsonEveryApplicantAndTheMap) {
  // The answer report.html draws after a rerun: run.json, one row per applicant, the map.
  const RunResult r = run(parse_scenario("[selection]\nsize = 5\n[clustering]\nk = 2\n", "a.toml"));
  const json answer = json::parse(rerun_answer_json(r));
  EXPECT_EQ(answer.at("run"), run_json(r));
  EXPECT_EQ(answer.at("applicants").size(), ranked_applicants(r, true).rows.size());
  EXPECT_EQ(answer.at("map_svg").get<std::string>(), run_map_svg(r));
}

}  // namespace
}  // namespace clir
