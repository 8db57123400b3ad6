#include "clir/core/transliterate.hpp"

#include <array>
#include <cctype>
#include <optional>

#include "utf8.hpp"

namespace clir {

namespace {

struct Letter {
  std::string_view initial;  // at the start of a word
  std::string_view other;
};

// а … я (U+0430–U+044F) of Resolution No. 55; ъ, ы, э (not Ukrainian) are empty: kept as they are.
// The soft sign (empty too) is handled before the table.
constexpr std::array<Letter, 32> kBasic = {{
    {"a", "a"},   {"b", "b"},   {"v", "v"},   {"h", "h"},   {"d", "d"},       {"e", "e"},  {"zh", "zh"}, {"z", "z"},
    {"y", "y"},   {"y", "i"},   {"k", "k"},   {"l", "l"},   {"m", "m"},       {"n", "n"},  {"o", "o"},   {"p", "p"},
    {"r", "r"},   {"s", "s"},   {"t", "t"},   {"u", "u"},   {"f", "f"},       {"kh", "kh"}, {"ts", "ts"}, {"ch", "ch"},
    {"sh", "sh"}, {"shch", "shch"}, {"", ""}, {"", ""},     {"", ""},         {"", ""},    {"yu", "iu"}, {"ya", "ia"},
}};

char32_t to_lower(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c == 0x404 || c == 0x406 || c == 0x407) return c + 0x50;  // Є І Ї
  if (c == 0x490) return 0x491;                                  // Ґ
  return c;
}

bool is_upper(char32_t c) { return to_lower(c) != c || (c < 0x80 && std::isupper(static_cast<int>(c))); }
bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'’' || c == U'ʼ' || c == U'`'; }
bool is_letter(char32_t c) {
  const char32_t l = to_lower(c);
  return (l >= 0x430 && l <= 0x44F) || l == 0x454 || l == 0x456 || l == 0x457 || l == 0x491 ||
         (c < 0x80 && std::isalpha(static_cast<int>(c)));
}

// The Latin of lower-case @p l; nullopt for a character outside the table (kept as it is).
std::optional<std::string_view> latin_of(char32_t l, bool word_start, char32_t previous_lower) {
  switch (l) {
    case U'є': return word_start ? "ye" : "ie";
    case U'і': return "i";
    case U'ї': return word_start ? "yi" : "i";
    case U'ґ': return "g";
    case U'ь': return "";
    case U'г': if (previous_lower == U'з') return "gh"; break;  // зг → zgh, told apart from ж
    default: break;
  }
  if (l < 0x430 || l > 0x44F) return std::nullopt;
  const std::size_t k = l - 0x430;
  if (kBasic[k].other.empty()) return std::nullopt;  // ъ ы э: not Ukrainian letters
  return word_start ? kBasic[k].initial : kBasic[k].other;
}

}  // namespace

std::string transliterate_uk(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char32_t previous = 0;
  bool in_word = false;  // an apostrophe continues a word only after a letter ("Короп'є", not "'Яр'")
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t start = at;
    const char32_t c = detail::next_code_point(text, at);
    std::size_t peek = at;
    const char32_t next = at < text.size() ? detail::next_code_point(text, peek) : 0;
    const bool word_start = !in_word;
    const std::optional<std::string_view> latin = latin_of(to_lower(c), word_start, to_lower(previous));
    if (is_apostrophe(c) && is_letter(previous) && is_letter(next)) {
      // An apostrophe inside a word is left out.
    } else if (!latin) {
      out.append(text.substr(start, at - start));
    } else if (!is_upper(c) || latin->empty()) {
      out += *latin;
    } else {
      // A capital: "Zh", or "ZH" when the word is written in capitals around it.
      const bool all_caps = is_upper(next) || (is_upper(previous) && !(is_letter(next) && !is_upper(next)));
      for (std::size_t i = 0; i < latin->size(); ++i) {
        const char ch = (*latin)[i];
        out += (i == 0 || all_caps) ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
      }
    }
    in_word = is_letter(c) || (is_apostrophe(c) && in_word);
    previous = c;
  }
  return out;
}

}  // namespace clir
