// The field declarations (clir::Fields): each struct names its keys once, the bounds and the
// cross-field checks reject what they should and nothing else, and every enum a field holds has
// declared names.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "clir/cluster/fields.hpp"
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
            (std::vector<std::string>{"method", "graph", "k", "alpha", "geo_distance", "scale", "needs_columns", "min_size",
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
  const auto& k = std::get<2>(clir::Fields<clir::GroupingSpec>::list);  // method, graph, k
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
