// The four number forms of clir/io/format.hpp: each is pinned to the exact text it produces,
// since outputs are compared byte for byte and a form must never drift into another.
#include "clir/io/format.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "clir/core/error.hpp"

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Format, NumberIsFixedForEverydayMagnitudesAndEmptyForMissing) {
  EXPECT_EQ(clir::format_number(1e6), "1000000");
  EXPECT_EQ(clir::format_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(clir::format_number(1e21), "1e+21");
  EXPECT_EQ(clir::format_number(kNaN), "");
  EXPECT_THROW(clir::format_number(kInf), clir::Error);
}

TEST(Format, ShortestPicksTheShorterNotation) {
  // Where format_number writes "1000000", the shortest form is scientific.
  EXPECT_EQ(clir::format_shortest(1e6), "1e+06");
  EXPECT_EQ(clir::format_shortest(0.25), "0.25");
  EXPECT_EQ(clir::format_shortest(-40.0), "-40");
  EXPECT_EQ(clir::format_shortest(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(clir::format_shortest(kNaN), "nan");
  EXPECT_EQ(clir::format_shortest(-kInf), "-inf");
}

TEST(Format, FixedRoundsToTheGivenDecimals) {
  EXPECT_EQ(clir::format_fixed(0.3, 2), "0.30");
  EXPECT_EQ(clir::format_fixed(1234.5678, 0), "1235");
  EXPECT_EQ(clir::format_fixed(-0.00004, 4), "-0.0000");
  EXPECT_EQ(clir::format_fixed(2.0 / 3.0, 3), "0.667");
}

TEST(Format, SignificantDropsTrailingZeros) {
  EXPECT_EQ(clir::format_significant(0.123456, 4), "0.1235");
  EXPECT_EQ(clir::format_significant(0.5, 4), "0.5");
  EXPECT_EQ(clir::format_significant(123456.0, 4), "1.235e+05");
  EXPECT_EQ(clir::format_significant(60.0, 4), "60");
}

}  // namespace
