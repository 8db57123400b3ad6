#include "clir/io/format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "../core/decimal.hpp"
#include "clir/core/error.hpp"

namespace clir {

std::string format_number(double value) {
  if (std::isnan(value)) return {};
  if (std::isinf(value)) throw Error("cannot write an infinite number to CSV");
  // Shortest round-trip digits; fixed notation for everyday magnitudes (a population of
  // 1000000 reads better than 1e+06), scientific beyond them so the text stays short.
  const double magnitude = std::fabs(value);
  const bool fixed = magnitude == 0.0 || (magnitude >= 1e-5 && magnitude < 1e16);
  std::string text = detail::to_chars_shortest(value, fixed);
  if (text.empty()) throw Error("cannot format a number");  // the buffer always suffices
  return text;
}

std::string format_shortest(double value) {
  std::string text = detail::to_chars_shortest(value, false);
  if (text.empty()) throw Error("cannot format a number");  // the buffer always suffices
  return text;
}

std::string format_fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string format_significant(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, value);
  return buf;
}

}  // namespace clir
