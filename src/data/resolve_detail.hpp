#pragma once
// Internal to name resolution (docs/resolve.md), shared by its files: resolve_text.cpp (names to
// loose keys), resolve_index.cpp (the edit distance and the index of the built-in names),
// resolve_search.cpp (the search of the index, and hints), resolve.cpp (the public functions)
// and resolve_report.cpp (messages and JSON).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clir/data/detail/name_search.hpp"
#include "clir/data/resolve.hpp"

namespace clir::detail {

// --- text (resolve_text.cpp) ---------------------------------------------------------------------

/// Lower-case words of @p text: apostrophes dropped, Russian-only letters read as their
/// Ukrainian counterparts, everything that is not a letter, digit, hyphen or dot a separator.
std::vector<std::string> lower_words(std::string_view text);
/// Words that say what kind of unit a name is, not which: dropped before matching.
bool is_kind_word(std::string_view w);
bool is_oblast_word(std::string_view w);
bool is_raion_word(std::string_view w);
std::string join_words(const std::vector<std::string>& words);
/// The loose key of (already lower-case, Latin or Cyrillic) text.
std::string loose_key(std::string_view text);
/// The key without an adjective ending (-ska, -skyi, -sk ...), for oblast and raion hints.
std::string adjective_stem(const std::string& key);
/// The position of the first byte of @p text that is not valid UTF-8, or nullopt.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// --- weighted edit distance (resolve_index.cpp), in half units -----------------------------------

inline constexpr bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
inline constexpr bool is_sibilant(char c) {
  return c == 's' || c == 'c' || c == 'z' || c == 'W' || c == 'C' || c == 'J';
}
inline constexpr int indel_cost(char c) { return is_vowel(c) ? 1 : 2; }
inline constexpr int substitution_cost(char a, char b) {
  if (a == b) return 0;
  if ((is_vowel(a) && is_vowel(b)) || (is_sibilant(a) && is_sibilant(b))) return 1;
  return 2;
}

inline constexpr int over_bound = 1 << 20;
/// Keys longer than this are never matched (the distance's rows are fixed arrays).
inline constexpr std::size_t longest_key = 127;

/// The costs above as tables over the key alphabet (ASCII), so that the inner loops of the
/// distance are lookups rather than character tests.
struct CostTables {
  std::array<std::array<std::uint8_t, 128>, 128> substitution{};
  std::array<std::uint8_t, 128> indel{};
};

inline constexpr CostTables cost_tables = [] {
  CostTables t;
  for (int a = 0; a < 128; ++a) {
    t.indel[static_cast<std::size_t>(a)] = static_cast<std::uint8_t>(indel_cost(static_cast<char>(a)));
    for (int b = 0; b < 128; ++b) {
      t.substitution[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] =
          static_cast<std::uint8_t>(substitution_cost(static_cast<char>(a), static_cast<char>(b)));
    }
  }
  return t;
}();

inline std::size_t table_index(char c) { return static_cast<std::size_t>(static_cast<unsigned char>(c)) & 0x7F; }

/// The cost of turning @p a into @p b, or over_bound as soon as it must exceed @p bound.
int bounded_distance(std::string_view a, std::string_view b, int bound);
/// The cost of turning @p a into @p b, computed in full: the reference the searches are
/// checked against.
int edit_cost(std::string_view a, std::string_view b);
double similarity(int half_cost, std::size_t la, std::size_t lb);
/// The largest cost (half units) that still gives a similarity of at least @p floor.
int cost_bound(double floor, std::size_t la, std::size_t lb);

// --- cheap lower bounds on the distance (symbol counts) ------------------------------------------

// Symbol counts of a key, for lower bounds on the distance that are cheaper than the distance.
using Histogram = std::array<std::uint8_t, 32>;

inline std::size_t bucket_of(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<std::size_t>(c - 'a');
  return c == 'W' ? 26 : c == 'J' ? 27 : c == 'C' ? 28 : 29;
}

// The least cost (half units) of an operation that removes or replaces a symbol of a bucket:
// 1 for vowels and sibilants (half-price substitutions), 2 for the other consonants.
inline constexpr std::array<std::uint8_t, 32> bucket_weight = [] {
  std::array<std::uint8_t, 32> w{};
  w.fill(2);
  for (char c : std::string_view("aeiouszc")) w[static_cast<std::size_t>(c - 'a')] = 1;
  w[26] = w[27] = w[28] = 1;
  return w;
}();

inline Histogram histogram_of(std::string_view key) {
  Histogram h{};
  for (char c : key) {
    const std::size_t bucket = bucket_of(c);
    if (h[bucket] < 255) ++h[bucket];
  }
  return h;
}

// Portable population count (std::popcount is a library call where the CPU instruction is not
// enabled).
inline int bit_count(std::uint32_t x) {
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0F0F0F0Fu;
  return static_cast<int>((x * 0x01010101u) >> 24);
}

// --- the index (resolve_index.cpp) ---------------------------------------------------------------

struct HromadaInfo {
  std::string code;
  std::string name_uk;
  std::string oblast_uk;
  std::string raion_code;
  std::uint32_t oblast = 0;  // index into Index::oblasts
};

struct Entry {
  std::uint32_t hromada = 0;
  NameKind kind = NameKind::hromada;
  bool centre = false;
  std::string name;
  std::string settlement_code;
};

struct Key {
  std::string symbols;
  std::uint32_t oblast_mask = 0;
  std::vector<std::uint32_t> entries;  // while building; then refs[first_ref, first_ref + ref_count)
  std::uint32_t first_ref = 0;
  std::uint32_t ref_count = 0;
};

// What the search needs of an entry, packed so that a name shared by hundreds of settlements
// (Олександрівка) is scanned in a few cache lines.
struct EntryRef {
  std::uint32_t entry = 0;  // index into Index::entries; a smaller index is reported first
  std::uint16_t hromada = 0;
  std::uint8_t oblast = 0;
  bool penalised = false;  // a settlement that is not its hromada's centre
  bool settlement = false;
};

struct HintTarget {
  bool is_oblast = true;
  std::string name_uk;
  std::string name_en;
  std::uint32_t oblast = 0;
  std::string raion_code;         // raions only
  std::vector<std::string> keys;  // full and stem keys of both names
};

// The symbol counts of a scope's keys, one array per bucket (a structure of arrays), for the
// filter that bounds the distance from below before it is computed. Rows are keys in length
// order; a filter pass over a run of rows is a few byte-wise vector operations per query symbol.
struct KeyTable {
  static constexpr std::size_t buckets = 30;  // bucket_of() is below this
  std::vector<std::uint32_t> key_ids;       // row -> index into Index::keys, ascending
  std::vector<std::uint32_t> length_start;  // rows of keys of length n: [length_start[n], length_start[n + 1])
  std::array<std::vector<std::uint8_t>, buckets> counts;  // counts[b][row]: symbols of bucket b in the key
  std::vector<std::uint8_t> weights;  // weights[row]: sum over the key's symbols of bucket_weight
  // The keys' symbols one after the other in row order (row r's start at text_start[r]), so that
  // the distances computed in a pass read memory in order.
  std::string text;
  std::vector<std::uint32_t> text_start;
};

struct Index {
  std::vector<HromadaInfo> hromadas;
  std::vector<Entry> entries;
  std::vector<Key> keys;  // by length, then text
  std::vector<EntryRef> refs;
  std::unordered_map<std::string, std::uint32_t> key_id;  // symbols -> index into keys
  // tables[0]: every key no longer than longest_key; tables[1 + o]: those with an entry in oblast o.
  std::vector<KeyTable> tables;
  std::vector<std::string> oblasts;  // oblast_uk by index
  std::vector<HintTarget> hints;
};

/// The index of the built-in names, built on first use (thread-safe).
const Index& the_index();

// --- search and hints (resolve_search.cpp) -------------------------------------------------------

struct Scope {
  std::uint32_t oblast_mask = ~0u;
  std::string raion_code;  // empty: the whole oblast mask
};

/// The scope a hint names; throws clir::InputError (key "hint") for none or several.
Scope resolve_hint(const Index& index, std::string_view hint, double margin);

/// Every hromada in @p scope with a name whose key scores at least @p floor against @p key,
/// best first, ties by code; through the index or by comparing every key.
std::vector<NameCandidate> candidates(const Index& index, const std::string& key, const Scope& scope, double floor,
                                      const ResolveOptions& options, NameSearch search);

/// The loose key of a name to resolve (kind words dropped unless that leaves nothing).
std::string query_key(std::string_view name);

}  // namespace clir::detail
