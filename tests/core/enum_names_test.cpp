// The one facility for enum names: every declared name round-trips, and a wrong name is a
// ConfigError that names the key, suggests the closest name and lists every valid one.
#include <gtest/gtest.h>

#include "clir/cluster/kmedoids.hpp"
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
