#pragma once
// std::from_chars and std::to_chars (shortest round trip) for a double (the strict syntax of std::chars_format::general: optional '-',
// digits with an optional '.', optional exponent; or inf, infinity, nan, nan(...)), also where
// the standard library lacks it: libc++ before LLVM 20, which Debian's emscripten 3.1.6 ships
// (the WebAssembly build, docs/web.md). The stand-in for from_chars scans exactly that syntax and
// converts the scanned text with strtod, which in musl (emscripten's libc) is correctly rounded,
// as std::from_chars is; so both builds read every number to the same double. The stand-in for
// to_chars finds the fewest significant digits that read back exactly (correctly rounded
// printf digits, and their neighbours where the gap below a power of two is half the gap
// above), and lays them out as to_chars does (integers in fixed notation with all their exact
// digits); so both builds write the same text.

#include <charconv>
#include <system_error>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

// The standard library has both functions for double (libstdc++ since GCC 11).
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
#define CLIR_HAS_FLOAT_CHARCONV 1
#else
#define CLIR_HAS_FLOAT_CHARCONV 0
#endif

namespace clir::detail {

/// The stand-in for std::from_chars(first, last, value, std::chars_format::general); compiled
/// everywhere so that the native tests check it against the standard library.
inline std::from_chars_result from_chars_double_portable(const char* first, const char* last, double& value) {
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto starts_with = [&](const char* p, const char* word) {
    for (; *word != '\0'; ++p, ++word) {
      if (p == last || lower(*p) != *word) return false;
    }
    return true;
  };
  const char* p = first;
  const bool negative = p != last && *p == '-';
  if (negative) ++p;
  if (starts_with(p, "inf")) {
    p += starts_with(p, "infinity") ? 8 : 3;
    value = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return {p, std::errc()};
  }
  if (starts_with(p, "nan")) {
    p += 3;
    if (p != last && *p == '(') {
      const char* q = p + 1;
      while (q != last && (is_digit(*q) || (lower(*q) >= 'a' && lower(*q) <= 'z') || *q == '_')) ++q;
      if (q != last && *q == ')') p = q + 1;
    }
    value = negative ? -std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::quiet_NaN();
    return {p, std::errc()};
  }
  bool any_digit = false;
  bool nonzero_digit = false;
  while (p != last && is_digit(*p)) {
    any_digit = true;
    nonzero_digit = nonzero_digit || *p != '0';
    ++p;
  }
  if (p != last && *p == '.') {
    const char* q = p + 1;
    while (q != last && is_digit(*q)) {
      any_digit = true;
      nonzero_digit = nonzero_digit || *q != '0';
      ++q;
    }
    if (any_digit) p = q;
  }
  if (!any_digit) return {first, std::errc::invalid_argument};
  if (p != last && (*p == 'e' || *p == 'E')) {
    const char* q = p + 1;
    if (q != last && (*q == '+' || *q == '-')) ++q;
    if (q != last && is_digit(*q)) {
      while (q != last && is_digit(*q)) ++q;
      p = q;
    }
  }
  const std::string text(first, p);  // strtod needs the end marked; the scan fixed the syntax
  const double parsed = std::strtod(text.c_str(), nullptr);
  if (std::isinf(parsed) || (parsed == 0.0 && nonzero_digit)) return {p, std::errc::result_out_of_range};
  value = parsed;
  return {p, std::errc()};
}

/// std::from_chars(first, last, value, std::chars_format::general), or its stand-in.
inline std::from_chars_result from_chars_double(const char* first, const char* last, double& value) {
#if CLIR_HAS_FLOAT_CHARCONV
  return std::from_chars(first, last, value, std::chars_format::general);
#else
  return from_chars_double_portable(first, last, value);
#endif
}

/// The stand-in for to_chars_shortest() below; compiled everywhere so that the native tests
/// check it against the standard library.
inline std::string to_chars_shortest_portable(double value, bool fixed) {
  const std::string sign = std::signbit(value) ? "-" : "";
  if (std::isnan(value)) return sign + "nan";
  if (std::isinf(value)) return sign + "inf";
  const double magnitude = std::fabs(value);
  if (magnitude == 0.0) return sign + "0";
  std::string digits;
  int exponent = 0;
  // Reads "d.ddde±x" back into digits and exponent.
  const auto split = [](const char* text, std::string& d, int& e) {
    d.clear();
    const char* p = text;
    for (; *p != 'e'; ++p) {
      if (*p != '.') d.push_back(*p);
    }
    e = std::atoi(p + 1);
  };
  const auto reads_back = [&](const std::string& d, int e) {
    const std::string text = d + "e" + std::to_string(e - static_cast<int>(d.size()) + 1);
    return std::strtod(text.c_str(), nullptr) == magnitude;
  };
  for (int precision = 1; precision <= 17 && digits.empty(); ++precision) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, magnitude);
    std::string d;
    int e = 0;
    split(buf, d, e);
    if (reads_back(d, e)) {
      digits = d;
      exponent = e;
      break;
    }
    // The neighbours of the nearest: one of them may read back where the nearest does not.
    for (const int step : {1, -1}) {
      std::string n = d;
      int ne = e;
      int i = static_cast<int>(n.size()) - 1;
      for (; i >= 0; --i) {
        if (step > 0 && n[static_cast<std::size_t>(i)] == '9') { n[static_cast<std::size_t>(i)] = '0'; continue; }
        if (step < 0 && n[static_cast<std::size_t>(i)] == '0') { n[static_cast<std::size_t>(i)] = '9'; continue; }
        n[static_cast<std::size_t>(i)] = static_cast<char>(n[static_cast<std::size_t>(i)] + step);
        break;
      }
      if (i < 0 && step > 0) { n.insert(n.begin(), '1'); n.pop_back(); ++ne; }
      if (n.front() == '0') continue;  // 1.00..0 minus one unit: fewer digits, found earlier
      if (reads_back(n, ne)) {
        digits = n;
        exponent = ne;
        break;
      }
    }
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int n = static_cast<int>(digits.size());
  std::string fixed_text;
  if (exponent >= n - 1) {
    // An integer: to_chars writes its exact digits (as printf's %.0f), not the shortest padded
    // with zeros; both have the same length.
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.0f", magnitude);
    fixed_text = buf;
  } else if (exponent < 0) {
    fixed_text = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  } else {
    fixed_text = digits.substr(0, static_cast<std::size_t>(exponent + 1)) + "." + digits.substr(static_cast<std::size_t>(exponent + 1));
  }
  if (fixed) return sign + fixed_text;
  std::string scientific = digits.substr(0, 1);
  if (n > 1) scientific += "." + digits.substr(1);
  const int magnitude_exponent = exponent < 0 ? -exponent : exponent;
  scientific += std::string(exponent < 0 ? "e-" : "e+") + (magnitude_exponent < 10 ? "0" : "") + std::to_string(magnitude_exponent);
  return sign + (scientific.size() < fixed_text.size() ? scientific : fixed_text);
}

/// The text of std::to_chars(value) (@p fixed = false: fixed or scientific notation, whichever is
/// shorter, fixed on a tie) or std::to_chars(value, std::chars_format::fixed).
inline std::string to_chars_shortest(double value, bool fixed) {
#if CLIR_HAS_FLOAT_CHARCONV
  char buf[400];
  const auto [ptr, ec] = fixed ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                               : std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, ptr) : std::string();
#else
  return to_chars_shortest_portable(value, fixed);
#endif
}

}  // namespace clir::detail
