#pragma once
/// @file
/// @brief Number text: every number clir writes into a file, a message or a report goes
/// through one of these functions, each one form.
///
/// The forms differ on purpose and none may change, since outputs are compared byte for byte:
/// CSV cells and JSON messages read back exactly (format_number), a rule in an eligibility reason
/// shows the number as the user wrote it (format_shortest), reports show a fixed number of
/// decimals (format_fixed), explanations and error messages a few significant digits
/// (format_significant).

#include <string>

namespace clir {

/// Shortest text that reads back as exactly @p value (std::to_chars): fixed notation for
/// magnitudes in [1e-5, 1e16) ("1000000", "0.30000000000000004"), scientific outside ("1e+21").
/// NaN (a missing value in clir::Table) becomes the empty cell. Throws clir::Error for an
/// infinite value. The form of every number in clir's CSV files.
std::string format_number(double value);

/// Shortest text that reads back as exactly @p value, in whichever of fixed and scientific
/// notation is shorter (std::to_chars without a format: "1e+06", "0.25"); NaN and infinities as
/// "nan", "inf", "-inf".
std::string format_shortest(double value);

/// @p value with exactly @p decimals digits after the point, rounded (printf "%.*f": "0.30",
/// "1235"). For reports and summaries.
std::string format_fixed(double value, int decimals);

/// @p value to @p digits significant digits, trailing zeros dropped, scientific notation for
/// very small or large magnitudes (printf "%.*g": "0.1235", "1.235e+05"). For explanations and
/// error messages.
std::string format_significant(double value, int digits);

}  // namespace clir
