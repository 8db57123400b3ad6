// The one facility for enum names: every declared name round-trips, and a wrong name is a
// ConfigError that names the key, suggests the closest name and lists every valid one.
#include <gtest/gtest.h>

#include <algorithm>

#include "clir/cluster/choose.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/cluster/pmedian.hpp"
#include "clir/distance/needs.hpp"
#include "clir/evaluate/compare.hpp"
#include "clir/graph/proximity.hpp"
#include "clir/graph/skater.hpp"
#include "clir/graph/spectral.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/report/svg_map.hpp"
#include "clir/core/enum_names.hpp"

namespace {

template <clir::NamedEnum E>
void expect_round_trip() {
  const auto names = clir::enum_names<E>();
  ASSERT_EQ(names.size(), clir::EnumTraits<E>::names.size());
  for (const E value : clir::enum_values<E>()) {
    const std::string_view name = clir::to_string(value);
    EXPECT_NE(name, "?");
    EXPECT_FALSE(clir::enum_doc(value).empty()) << name;
    EXPECT_EQ(clir::parse_enum<E>(name, "key"), value) << name;
  }
  // Names are unique, so parsing is a function.
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t j = i + 1; j < names.size(); ++j) EXPECT_NE(names[i], names[j]);
}

TEST(EnumNames, DeclaredNamesRoundTrip) {
  expect_round_trip<clir::KMedoidsMethod>();
  expect_round_trip<clir::Init>();
}

TEST(EnumNames, EveryNamedEnumRoundTrips) {
  expect_round_trip<clir::EntropyMean>();
  expect_round_trip<clir::KnnSymmetry>();
  expect_round_trip<clir::SkaterEdgeCost>();
  expect_round_trip<clir::Disconnected>();
  expect_round_trip<clir::Bandwidth>();
  expect_round_trip<clir::MapColouring>();
  expect_round_trip<clir::RunStage>();
  expect_round_trip<clir::GroupingMethod>();
  expect_round_trip<clir::BlendScale>();
  expect_round_trip<clir::GeoMethod>();
  expect_round_trip<clir::MissingDistancePolicy>();
  expect_round_trip<clir::Direction>();
  expect_round_trip<clir::Transform>();
  expect_round_trip<clir::MissingValuePolicy>();
  expect_round_trip<clir::ScoringMethod>();
  expect_round_trip<clir::Normalization>();
  expect_round_trip<clir::CostFlip>();
  expect_round_trip<clir::PreferenceType>();
  expect_round_trip<clir::WeightMethod>();
  expect_round_trip<clir::AhpMethod>();
  expect_round_trip<clir::CategoryMode>();
  expect_round_trip<clir::ConstrainedInit>();
  expect_round_trip<clir::KCriterion>();
  expect_round_trip<clir::PMedianStatus>();
  expect_round_trip<clir::CommunityType>();
  expect_round_trip<clir::RuleKind>();
  expect_round_trip<clir::CompareOp>();
  expect_round_trip<clir::ExplainObjective>();
  expect_round_trip<clir::ExplainModel>();
  expect_round_trip<clir::ExplainCriteria>();
  expect_round_trip<clir::SelectionSolver>();
  expect_round_trip<clir::SelectionStatus>();
  expect_round_trip<clir::WeightSampling>();
}

TEST(EnumNames, AliasesParseButAreNeitherWrittenNorListed) {
  EXPECT_EQ(clir::parse_enum<clir::ScoringMethod>("promethee", "method"), clir::ScoringMethod::promethee_ii);
  EXPECT_EQ(clir::to_string(clir::ScoringMethod::promethee_ii), "promethee_ii");
  EXPECT_EQ(clir::parse_enum<clir::CommunityType>("міська", "type"), clir::CommunityType::city);
  EXPECT_EQ(clir::parse_enum<clir::CompareOp>("ge", "op"), clir::CompareOp::ge);
  EXPECT_EQ(clir::to_string(clir::CompareOp::ge), ">=");
  const auto names = clir::enum_names<clir::WeightMethod>();
  EXPECT_EQ(std::count(names.begin(), names.end(), "explicit"), 0);
  EXPECT_EQ(clir::parse_enum<clir::WeightMethod>("explicit", "weights"), clir::WeightMethod::given);
}

TEST(EnumNames, UnknownNameSuggestsAndListsTheValidOnes) {
  try {
    (void)clir::parse_enum<clir::KMedoidsMethod>("fasterpma", "clustering.method");
    FAIL() << "expected ConfigError";
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "clustering.method");
    EXPECT_EQ(e.message(), "unknown k-medoids method 'fasterpma'; did you mean 'fasterpam'?");
    EXPECT_EQ(e.allowed(), clir::enum_names<clir::KMedoidsMethod>());
  }
  try {
    (void)clir::parse_enum<clir::Init>("zzzzzzzz", "init");
    FAIL() << "expected ConfigError";
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.message(), "unknown initialisation 'zzzzzzzz'");  // nothing close: no suggestion
  }
}

TEST(EnumNames, ValueOutsideTheDeclaredOnesHasNoName) {
  EXPECT_EQ(clir::to_string(static_cast<clir::Init>(99)), "?");
  EXPECT_FALSE(clir::find_enum<clir::Init>("Build").has_value());  // names are case-sensitive
}

}  // namespace
