// The field declarations (clir::Fields): each struct names its keys once, the bounds and the
// cross-field checks reject what they should and nothing else, and every enum a field holds has
// declared names.
#include <gtest/gtest.h>

#include <set>
#include <type_traits>
#include <string>
#include <vector>

#include "clir/cluster/fields.hpp"
#include "clir/evaluate/compare.hpp"
#include "clir/pipeline/explain.hpp"
#include "clir/pipeline/reproduce.hpp"
#include "clir/core/fields.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/pipeline/scenario.hpp"
#include "support/support.hpp"

namespace {

using clir_test::error_message;

template <class T>
std::vector<std::string> names_of() {
  std::vector<std::string> out;
  clir::for_each_field<T>([&](const auto& f) { out.emplace_back(f.name); });
  return out;
}

template <class T>
void expect_unique_names() {
  const auto names = names_of<T>();
  const std::set<std::string> unique(names.begin(), names.end());
  EXPECT_EQ(unique.size(), names.size()) << typeid(T).name();
}

TEST(Fields, GroupingSpecKeysAreTheScenarioKeysInOrder) {
  EXPECT_EQ(names_of<clir::GroupingSpec>(),
            (std::vector<std::string>{"method", "init", "graph", "k", "alpha", "geo_distance", "scale", "needs_columns", "min_size",
                                      "max_size", "must_link", "cannot_link", "category", "category_mode",
                                      "category_penalty", "allowed_together", "exact_time_limit_s", "seed", "threads"}));
}

TEST(Fields, NamesAreUniqueWithinEachStruct) {
  expect_unique_names<clir::GroupingSpec>();
  expect_unique_names<clir::GroupingResult>();
  expect_unique_names<clir::ScoringOptions>();
  expect_unique_names<clir::Criterion>();
  expect_unique_names<clir::SelectionOptions>();
  expect_unique_names<clir::MonteCarloOptions>();
  expect_unique_names<clir::ExplainOptions>();
  expect_unique_names<clir::Scenario>();
  expect_unique_names<clir::KMedoidsOptions>();
  expect_unique_names<clir::ConstrainedOptions>();
  expect_unique_names<clir::PMedianResult>();
}

// Names unique among the fields one front end sees (a struct may declare a member once per form,
// as Comparison does for the mutual information: a dict in Python, a number in run.json).
template <class T>
void expect_unique_names_in(clir::FieldUse use) {
  std::vector<std::string> names;
  clir::for_each_field<T>([&](const auto& f) {
    if (f.used_in(use) && !f.flattened) names.emplace_back(f.name);
  });
  const std::set<std::string> unique(names.begin(), names.end());
  EXPECT_EQ(unique.size(), names.size()) << typeid(T).name();
}

TEST(Fields, ResultDeclarationsHaveUniqueNamesPerFrontEnd) {
  for (auto use : {clir::FieldUse::json, clir::FieldUse::api}) {
    expect_unique_names_in<clir::Comparison>(use);
    expect_unique_names_in<clir::ExplainResult>(use);
    expect_unique_names_in<clir::ExplainRun>(use);
    expect_unique_names_in<clir::ReproductionRow>(use);
    expect_unique_names_in<clir::ReferenceStanding>(use);
    expect_unique_names_in<clir::GroupConstraints>(use);
    expect_unique_names_in<clir::EligibilityEntry>(use);
  }
  std::vector<std::string> json_names;
  clir::for_each_field<clir::Comparison>([&](const auto& f) {
    if (f.used_in(clir::FieldUse::json)) json_names.emplace_back(f.name);
  });
  EXPECT_EQ(json_names, (std::vector<std::string>{"rand_index", "adjusted_rand_index", "normalized_mutual_information",
                                                  "adjusted_mutual_information"}));
}

TEST(Fields, TheKMedoidsFamilyDeclaresItsStartOptionsOnce) {
  static_assert(clir::KMedoidsStartOptions<clir::KMedoidsOptions>);
  static_assert(clir::KMedoidsStartOptions<clir::ConstrainedOptions>);
  static_assert(!clir::KMedoidsStartOptions<clir::ClaraOptions>);  // no given medoids: CLARA samples
  // Each struct's init, initial_medoids, seed and threads carry the shared block's docs.
  auto docs_of = [](auto tag) {
    using O = typename decltype(tag)::type;
    std::vector<std::string> out;
    clir::for_each_field<O>([&](const auto& f) {
      if (f.name == "init" || f.name == "initial_medoids" || f.name == "seed" || f.name == "threads") out.emplace_back(f.doc);
    });
    return out;
  };
  const auto kmedoids = docs_of(std::type_identity<clir::KMedoidsOptions>{});
  EXPECT_EQ(kmedoids.size(), 4u);
  EXPECT_EQ(kmedoids, docs_of(std::type_identity<clir::ConstrainedOptions>{}));
  // The designated initialisers of the family's options name every member, shared ones included.
  const clir::KMedoidsOptions o{.init = clir::Init::random, .max_iter = 5, .starts = 2, .seed = 7, .threads = 1};
  EXPECT_EQ(o.seed, 7u);
}

TEST(Fields, GroupingResultListsTheMethodsResultAtItsLevel) {
  clir::GroupingResult r;
  r.clustering.loss = 2.5;
  r.clustering.labels = {0, 1};
  double loss = 0.0;
  std::size_t labels = 0;
  clir::for_each_field(r, [&](const auto& f, const auto& value) {
    using V = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_same_v<V, double>) {
      if (f.name == "loss") loss = value;
    } else if constexpr (std::is_same_v<V, clir::Labels>) {
      if (f.name == "labels") labels = value.size();
    }
  });
  EXPECT_EQ(loss, 2.5);
  EXPECT_EQ(labels, 2u);
}

TEST(Fields, EligibilityEntryGivesTheRuleBack) {
  const clir::EligibilityRule rule = clir::make_eligibility_rule(
      clir::EligibilityEntry{.rule = "oblast_en in {Kyivska, Sumska}", .name = "north", .missing_passes = true});
  EXPECT_EQ(rule.label(), "north");
  EXPECT_TRUE(rule.missing_passes);
  const clir::EligibilityEntry entry = clir::eligibility_entry(rule);
  EXPECT_EQ(entry.rule, rule.describe());
  EXPECT_EQ(entry.name, "north");
  EXPECT_TRUE(entry.missing_passes);
  EXPECT_EQ(clir::make_eligibility_rule(entry).describe(), rule.describe());
}

TEST(Fields, MemberPointersReachTheMembers) {
  clir::GroupingSpec spec;
  clir::for_each_field(spec, [](const auto& f, auto& value) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, std::size_t>) {
      if (f.name == "k") value = 9;
    }
  });
  EXPECT_EQ(spec.k, 9U);
  clir::ScoringOptions scoring;
  clir::for_each_field(scoring, [](const auto& f, auto& value) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, clir::AhpMethod>) {
      if (f.name == "ahp_method") value = clir::AhpMethod::geometric_mean;
    }
  });
  EXPECT_EQ(scoring.weights.ahp.method, clir::AhpMethod::geometric_mean);  // a nested path
}

TEST(Fields, BoundsAndCrossFieldChecks) {
  clir::GroupingSpec spec;
  EXPECT_NO_THROW(clir::validate_fields(spec));
  spec.alpha = 1.5;
  EXPECT_EQ(error_message<clir::ConfigError>([&] { clir::validate_fields(spec, "clustering"); }),
            "'clustering.alpha': expected a number in [0, 1], got 1.5");
  spec.alpha = 0.5;
  spec.min_size = 5;
  spec.max_size = 4;
  EXPECT_EQ(error_message<clir::ConfigError>([&] { clir::validate_fields(spec); }),
            "'min_size': min_size 5 exceeds max_size 4");
  spec.max_size = 0;  // no bound
  EXPECT_NO_THROW(clir::validate_fields(spec));

  clir::ExplainOptions explain;
  explain.min_gap = 1.0;  // [0, 1)
  EXPECT_EQ(error_message<clir::ConfigError>([&] { clir::validate_fields(explain); }),
            "'min_gap': expected a number in [0, 1), got 1");
  // A default may mean "not given" (size 0 = the selection's size), whatever the bounds say.
  EXPECT_NO_THROW(clir::validate_fields(clir::SelectionOptions{}));
  clir::SelectionOptions selection;
  selection.quotas.push_back({.column = "oblast_uk"});
  EXPECT_NO_THROW(clir::validate_fields(selection));  // nested structs are not walked in vectors
  EXPECT_THROW(clir::Fields<clir::CategoryQuota>::validate(selection.quotas[0]), clir::ConfigError);
}

TEST(Fields, ExpectedTextNamesTheKindAndRange) {
  const auto& share = std::get<2>(clir::Fields<clir::ShareQuota>::list);
  EXPECT_EQ(clir::expected_text(share), "a share in [0, 1]");
  const auto& k = std::get<3>(clir::Fields<clir::GroupingSpec>::list);  // method, init, graph, k
  EXPECT_EQ(clir::expected_text(k), "an integer >= 1");
  EXPECT_EQ(clir::bounds_text({}, {}), "");
  EXPECT_EQ(clir::bounds_text({0.0, true, false}, {}), "> 0");
}

TEST(Fields, DefaultsComeFromTheStruct) {
  const clir::GroupingSpec spec;
  clir::for_each_field(spec, [&](const auto& f, const auto& value) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, double>) {
      if (f.name == "alpha") {
        EXPECT_EQ(value, 0.3);
      }
    }
  });
}

}  // namespace
