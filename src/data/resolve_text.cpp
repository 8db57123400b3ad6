// Name resolution, text: names to loose keys (docs/resolve.md).
//
// Every name is reduced to a "loose key": suffix words dropped, transliterated to Latin by the
// national table, then spelled phonetically coarse (kh/h/g → h, ts → c, y/i/j → i, ya/ia → a,
// double letters single ...), so that the Ukrainian form, its official transliteration and
// loose English spellings meet in one alphabet. Keys are compared by an edit distance in which
// vowels and sibilants cost half, because that is where loose spellings differ.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../core/utf8.hpp"
#include "clir/core/transliterate.hpp"
#include "resolve_detail.hpp"

namespace clir::detail {

namespace {

char32_t lower_code_point(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;                // А-Я
  if (c == 0x404 || c == 0x406 || c == 0x407) return c + 0x50;  // Є І Ї
  if (c == 0x401) return 0x451;                                  // Ё
  if (c == 0x490) return 0x491;                                  // Ґ
  if (c >= U'A' && c <= U'Z') return c + 0x20;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'’' || c == U'ʼ' || c == U'`' || c == U'‘'; }

}  // namespace

// Lower-case words of @p text: apostrophes dropped, Russian-only letters read as their
// Ukrainian counterparts, everything that is not a letter, digit, hyphen or dot a separator.
std::vector<std::string> lower_words(std::string_view text) {
  std::vector<std::string> words(1);
  for (std::size_t at = 0; at < text.size();) {
    char32_t c = lower_code_point(next_code_point(text, at));
    if (is_apostrophe(c) || c == U'ъ') continue;
    if (c == U'ы') c = U'и';
    if (c == U'э' || c == U'ё') c = U'е';
    const bool letter = (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || (c >= 0x430 && c <= 0x45F) ||
                        c == 0x491 || c == U'-' || c == U'.';
    if (letter) {
      append_utf8(words.back(), c);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  for (auto& w : words) {
    while (!w.empty() && (w.back() == '.' || w.back() == '-')) w.pop_back();
  }
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  return words;
}

// Words that say what kind of unit a name is, not which: dropped before matching.
bool is_kind_word(std::string_view w) {
  static constexpr auto words = std::to_array<std::string_view>({
      "територіальна", "територіальної", "громада", "громади", "тг", "отг", "обєднана", "сільська",
      "селищна", "міська", "рада", "село", "с", "смт", "селище", "місто", "м", "сел", "с-ще",
      "сельская", "поселковая", "городская", "hromada", "gromada", "territorial", "community",
      "amalgamated", "united", "otg", "tg", "rural", "village", "settlement", "urban", "city", "town",
      "council", "municipality", "silska", "selyshchna", "miska", "smt", "selyshche", "the", "of"});
  return std::find(words.begin(), words.end(), w) != words.end();
}

bool is_oblast_word(std::string_view w) {
  return w == "область" || w == "обл" || w == "oblast" || w == "oblasti" || w == "region" || w == "області";
}

bool is_raion_word(std::string_view w) {
  return w == "район" || w == "р-н" || w == "райони" || w == "raion" || w == "rayon" || w == "district";
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// The loose key of (already lower-case, Latin or Cyrillic) text: transliterated by the national
// table, then mapped to a coarse phonetic alphabet in which W = sh/shch, J = zh, C = ch,
// c = ts; only letters and digits are kept and runs of one symbol written once.
std::string loose_key(std::string_view text) {
  const std::string latin = transliterate_uk(text);
  std::string s;
  for (char ch : latin) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) s += ch;
  }
  struct Rule {
    std::string_view from;
    std::string_view to;
  };
  // Longest first at each position.
  static constexpr std::array<Rule, 31> rules{{
      {"shch", "W"}, {"tch", "C"}, {"sch", "W"}, {"shh", "W"}, {"sh", "W"}, {"zh", "J"}, {"kh", "h"},
      {"gh", "h"},   {"ch", "C"},  {"ts", "c"},  {"tz", "c"},  {"ye", "e"}, {"ie", "e"}, {"je", "e"},
      {"yu", "u"},   {"iu", "u"},  {"ju", "u"},  {"ya", "a"},  {"ia", "a"}, {"ja", "a"}, {"yo", "o"},
      {"io", "o"},   {"jo", "o"},  {"yi", "i"},  {"ph", "f"},  {"y", "i"},  {"j", "i"},  {"g", "h"},
      {"w", "v"},    {"x", "ks"},  {"q", "k"},
  }};
  std::string mapped;
  for (std::size_t at = 0; at < s.size();) {
    bool matched = false;
    for (const Rule& rule : rules) {
      if (s.compare(at, rule.from.size(), rule.from) == 0) {
        mapped += rule.to;
        at += rule.from.size();
        matched = true;
        break;
      }
    }
    if (!matched) mapped += s[at++];
  }
  std::string key;
  for (char ch : mapped) {
    if (key.empty() || key.back() != ch) key += ch;
  }
  return key;
}

// The key without an adjective ending (-ska, -skyi, -sk ...), for oblast and raion hints.
std::string adjective_stem(const std::string& key) {
  static constexpr std::array<std::string_view, 9> endings{"ska", "cka", "zka", "ski", "cki", "zki", "sk", "ck", "zk"};
  for (std::string_view e : endings) {
    if (key.size() >= e.size() + 3 && key.ends_with(e)) return key.substr(0, key.size() - e.size());
  }
  return key;
}

// The position of the first byte of @p text that does not start or continue a valid UTF-8
// sequence (overlong forms and surrogates included), or nullopt.
std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const auto c = static_cast<unsigned char>(text[at]);
    const std::size_t extra = c < 0x80 ? 0 : (c >= 0xC2 && c <= 0xDF) ? 1 : (c >= 0xE0 && c <= 0xEF) ? 2
                                            : (c >= 0xF0 && c <= 0xF4) ? 3 : 4;
    if (extra == 4 || at + extra >= text.size()) return at;  // not a lead byte, or cut short
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1Fu) : extra == 2 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(text[at + k]);
      if ((b & 0xC0) != 0x80) return at;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return at;
    at += extra + 1;
  }
  return std::nullopt;
}

std::string query_key(std::string_view name) {
  std::vector<std::string> words = lower_words(name);
  std::vector<std::string> kept = words;
  std::erase_if(kept, [](const std::string& w) { return is_kind_word(w); });
  if (kept.empty()) kept = words;  // a name made only of kind words is taken as written
  return loose_key(join_words(kept));
}

}  // namespace clir::detail
