#pragma once
// Pieces shared by the CSV reader (csv.cpp), the cell and column readers (csv_values.cpp), the
// CSV writer (csv_write.cpp) and the JSON writer (json.cpp), defined in csv.cpp.
#include <string>
#include <string_view>

namespace clir::detail {

/// @p s without surrounding spaces and tabs, in lower case: how column names and the special
/// values "nan", "inf" are compared.
std::string lower_trimmed(std::string_view s);

/// "0x" and two upper-case hex digits, for naming a byte that is not valid UTF-8.
std::string hex_byte(unsigned char b);

/// Throws clir::ConfigError (key @p key) unless @p d is ',', ';' or a tab (or 0, "detect",
/// when @p allow_detect).
void check_delimiter(char d, std::string_view key, bool allow_detect);

}  // namespace clir::detail
