// The stand-ins for std::from_chars / std::to_chars on double (src/core/decimal.hpp), which the
// WebAssembly build uses because emscripten 3.1.6's libc++ lacks them, checked natively against
// the standard library: same text, same double, same end pointer and error, bit for bit.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "../../src/core/decimal.hpp"

namespace {

#if CLIR_HAS_FLOAT_CHARCONV

std::string standard_text(double value, bool fixed) {
  char buf[400];
  const auto r = fixed ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                       : std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, r.ptr);
}

void expect_same_parse(const std::string& text) {
  double standard = 7.0, portable = 7.0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  const auto a = std::from_chars(first, last, standard, std::chars_format::general);
  const auto b = clir::detail::from_chars_double_portable(first, last, portable);
  EXPECT_EQ(a.ptr - first, b.ptr - first) << text;
  EXPECT_EQ(a.ec, b.ec) << text;
  std::uint64_t x = 0, y = 0;
  std::memcpy(&x, &standard, sizeof x);
  std::memcpy(&y, &portable, sizeof y);
  if (!std::isnan(standard)) EXPECT_EQ(x, y) << text;
  else EXPECT_TRUE(std::isnan(portable)) << text;
}

void expect_same_text(double value) {
  EXPECT_EQ(clir::detail::to_chars_shortest_portable(value, false), standard_text(value, false)) << value;
  const double m = std::fabs(value);
  if (m == 0.0 || (m >= 1e-5 && m < 1e16)) {  // where clir writes fixed notation
    EXPECT_EQ(clir::detail::to_chars_shortest_portable(value, true), standard_text(value, true)) << value;
  }
}

TEST(DecimalStandIn, ParsesEverySpellingAsTheStandardLibraryDoes) {
  for (const char* text : {"1", "-2.5", "1e5", "1e", "1e+", "3.", "-.5", ".", "-", "", "abc", "1,5", "inf",
                           "-Infinity", "nan(abc)", "nan(", "NaN", "1e400", "-1e400", "1e-400", "0e-400",
                           "4.9e-324", "0.1", "123456789012345678901234567890", "2.2250738585072011e-308",
                           " 1", "+1", "0x10", "00012.500", "1.7976931348623157e308", "1.7976931348623159e308"}) {
    expect_same_parse(text);
  }
  std::mt19937_64 rng(1);
  for (int i = 0; i < 20000; ++i) {
    double x = 0.0;
    do {
      const std::uint64_t bits = rng();
      std::memcpy(&x, &bits, sizeof x);
    } while (!std::isfinite(x));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", static_cast<int>(1 + rng() % 17), x);
    expect_same_parse(buf);
  }
}

TEST(DecimalStandIn, WritesTheShortestTextAsTheStandardLibraryDoes) {
  for (const double x : {0.0, 1.0, 10.0, 100.0, 1e6, 1e15, 1e16, 1e21, 1e22, 1e23, 1e-5, 1e-6, 0.1, 0.3, 123.456,
                         5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 0.25, 8.41e21, 5000.0, 2024.0,
                         2.3670594284081761e+18, std::ldexp(1.0, 60), std::ldexp(1.0, -1000)}) {
    expect_same_text(x);
    expect_same_text(-x);
  }
  EXPECT_EQ(clir::detail::to_chars_shortest_portable(-INFINITY, false), standard_text(-INFINITY, false));
  std::mt19937_64 rng(2);
  for (int i = 0; i < 20000; ++i) {
    double x = 0.0;
    const std::uint64_t bits = rng();
    std::memcpy(&x, &bits, sizeof x);
    if (std::isfinite(x)) expect_same_text(x);
    // Powers of two, where the gap below is half the gap above.
    expect_same_text(std::ldexp(1.0, static_cast<int>(rng() % 2000) - 1000));
    // Short decimals, the everyday case.
    expect_same_text(static_cast<double>(rng() % 100000000) / std::pow(10.0, static_cast<int>(rng() % 12)));
  }
}

#endif

}  // namespace
