#pragma once
// UTF-8 decoding shared by the text helpers (transliteration, label widths).
#include <cstddef>
#include <string_view>

namespace clir::detail {

/// Decodes the code point starting at @p at and advances @p at past it. A byte that does not
/// start a valid sequence is returned as itself (as if Latin-1) and consumes one byte, so
/// malformed text is never skipped silently.
inline char32_t next_code_point(std::string_view s, std::size_t& at) {
  const auto c = static_cast<unsigned char>(s[at]);
  const int extra = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? (c < 0xF0 ? 2 : 0) : c >= 0xC0 ? 1 : 0;
  if (extra > 0 && at + static_cast<std::size_t>(extra) >= s.size()) {  // truncated sequence
    ++at;
    return c;
  }
  char32_t cp = extra == 3 ? (c & 0x07u) : extra == 2 ? (c & 0x0Fu) : extra == 1 ? (c & 0x1Fu) : c;
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[at + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++at;
      return c;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  at += static_cast<std::size_t>(extra) + 1;
  return cp;
}

}  // namespace clir::detail
