#pragma once
// Fixed-decimal number text for the reports (report.md, report.html, the terminal summary).
#include <cstdio>
#include <string>

namespace clir::detail {

/// @p v with exactly @p decimals digits after the point ("%.*f").
inline std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace clir::detail
