// Name resolution: published community names to hromada codes (docs/resolve.md).
//
// Every name is reduced to a "loose key": suffix words dropped, transliterated to Latin by the
// national table, then spelled phonetically coarse (kh/h/g → h, ts → c, y/i/j → i, ya/ia → a,
// double letters single ...), so that the Ukrainian form, its official transliteration and
// loose English spellings meet in one alphabet. Keys are compared by an edit distance in which
// vowels and sibilants cost half, because that is where loose spellings differ.
#include "clir/data/resolve.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "../core/utf8.hpp"
#include "clir/core/transliterate.hpp"
#include "clir/data/builtin.hpp"
#include "clir/data/resolve_json.hpp"
#include "clir/io/csv.hpp"

namespace clir {
namespace detail {
namespace {

// --- text normalisation ------------------------------------------------------------------------

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

// --- weighted edit distance, in half units -------------------------------------------------------

constexpr bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
constexpr bool is_sibilant(char c) { return c == 's' || c == 'c' || c == 'z' || c == 'W' || c == 'C' || c == 'J'; }
constexpr int indel_cost(char c) { return is_vowel(c) ? 1 : 2; }
constexpr int substitution_cost(char a, char b) {
  if (a == b) return 0;
  if ((is_vowel(a) && is_vowel(b)) || (is_sibilant(a) && is_sibilant(b))) return 1;
  return 2;
}

constexpr int over_bound = 1 << 20;

// The cost of turning @p a into @p b, or over_bound as soon as it must exceed @p bound.
// The costs above as tables over the key alphabet (ASCII), so that the inner loop of the
// distance is lookups rather than character tests.
struct CostTables {
  std::array<std::array<std::uint8_t, 128>, 128> substitution{};
  std::array<std::uint8_t, 128> indel{};
};

constexpr CostTables cost_tables = [] {
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

std::size_t table_index(char c) { return static_cast<std::size_t>(static_cast<unsigned char>(c)) & 0x7F; }

int bounded_distance(std::string_view a, std::string_view b, int bound) {
  const std::size_t n = b.size();
  constexpr std::size_t longest = 127;
  if (n > longest) return over_bound;
  std::array<int, longest + 1> row_a;  // written before read: no initialisation needed
  std::array<int, longest + 1> row_b;
  std::array<std::uint8_t, longest> b_indel;
  for (std::size_t j = 0; j < n; ++j) b_indel[j] = cost_tables.indel[table_index(b[j])];
  int* previous = row_a.data();
  int* current = row_b.data();
  previous[0] = 0;
  for (std::size_t j = 1; j <= n; ++j) previous[j] = previous[j - 1] + b_indel[j - 1];
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t ca = table_index(a[i - 1]);
    const auto& substitution = cost_tables.substitution[ca];
    const int a_indel = cost_tables.indel[ca];
    current[0] = previous[0] + a_indel;
    int row_min = current[0];
    for (std::size_t j = 1; j <= n; ++j) {
      const int value = std::min({previous[j - 1] + substitution[table_index(b[j - 1])], previous[j] + a_indel,
                                  current[j - 1] + b_indel[j - 1]});
      current[j] = value;
      row_min = std::min(row_min, value);
    }
    if (row_min > bound) return over_bound;
    std::swap(previous, current);
  }
  return previous[n] <= bound ? previous[n] : over_bound;
}

double similarity(int half_cost, std::size_t la, std::size_t lb) {
  return 1.0 - static_cast<double>(half_cost) / (2.0 * static_cast<double>(std::max(la, lb)));
}

// The largest cost (half units) that still gives a similarity of at least @p floor.
int cost_bound(double floor, std::size_t la, std::size_t lb) {
  return static_cast<int>(std::floor(2.0 * (1.0 - floor) * static_cast<double>(std::max(la, lb)) + 1e-9));
}

// --- the index -----------------------------------------------------------------------------------

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
  std::uint32_t entry = 0;    // index into Index::entries; a smaller index is reported first
  std::uint16_t hromada = 0;
  std::uint8_t oblast = 0;
  bool penalised = false;     // a settlement that is not its hromada's centre
  bool settlement = false;
};

// Symbol counts of a key, for lower bounds on the distance that are cheaper than the distance.
using Histogram = std::array<std::uint8_t, 32>;

std::size_t bucket_of(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<std::size_t>(c - 'a');
  return c == 'W' ? 26 : c == 'J' ? 27 : c == 'C' ? 28 : 29;
}

// The least cost (half units) of an operation that removes or replaces a symbol of a bucket:
// 1 for vowels and sibilants (half-price substitutions), 2 for the other consonants.
constexpr std::array<std::uint8_t, 32> bucket_weight = [] {
  std::array<std::uint8_t, 32> w{};
  w.fill(2);
  for (char c : std::string_view("aeiouszc")) w[static_cast<std::size_t>(c - 'a')] = 1;
  w[26] = w[27] = w[28] = 1;
  return w;
}();

constexpr std::uint32_t cheap_buckets = [] {
  std::uint32_t mask = 0;
  for (std::size_t i = 0; i < bucket_weight.size(); ++i) {
    if (bucket_weight[i] == 1) mask |= 1u << i;
  }
  return mask;
}();

Histogram histogram_of(std::string_view key) {
  Histogram h{};
  for (char c : key) {
    const std::size_t bucket = bucket_of(c);
    if (h[bucket] < 255) ++h[bucket];
  }
  return h;
}

std::uint32_t presence_of(std::string_view key) {
  std::uint32_t mask = 0;
  for (char c : key) mask |= 1u << bucket_of(c);
  return mask;
}

// Portable population count (std::popcount is a library call where the CPU instruction is not
// enabled, which made it the hot spot of a search).
int bit_count(std::uint32_t x) {
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0F0F0F0Fu;
  return static_cast<int>((x * 0x01010101u) >> 24);
}

// Symbols of one key that the other lacks each need their own operation: a lower bound from
// the symbols present (one occurrence each), then from the counts.
int presence_bound(std::uint32_t a, std::uint32_t b) {
  auto weight = [](std::uint32_t only) {
    return bit_count(only & cheap_buckets) + 2 * bit_count(only & ~cheap_buckets);
  };
  return std::max(weight(a & ~b), weight(b & ~a));
}

// The histogram bound, eight buckets per 64-bit word. Counts stay below 128 (keys are short), so
// (x | 0x80) - y never borrows across bytes: its high bit says x >= y and its low bits are x - y.
constexpr std::uint64_t high_bits = 0x8080808080808080ull;
constexpr std::uint64_t low_bits = 0x7F7F7F7F7F7F7F7Full;
constexpr std::uint64_t byte_ones = 0x0101010101010101ull;

std::uint64_t excess_bytes(std::uint64_t x, std::uint64_t y) {
  const std::uint64_t t = (x | high_bits) - y;
  const std::uint64_t keep = ((t & high_bits) >> 7) * 0xFF;
  return t & low_bits & keep;
}

int byte_sum(std::uint64_t x) { return static_cast<int>((x * byte_ones) >> 56); }

constexpr std::array<std::uint64_t, 4> heavy_bytes = [] {
  std::array<std::uint64_t, 4> masks{};
  for (std::size_t i = 0; i < 32; ++i) {
    if (bucket_weight[i] == 2) masks[i / 8] |= std::uint64_t{0xFF} << (8 * (i % 8));
  }
  return masks;
}();

std::array<std::uint64_t, 4> pack(const Histogram& h) {
  std::array<std::uint64_t, 4> words{};
  for (std::size_t i = 0; i < 32; ++i) words[i / 8] |= std::uint64_t{std::min<std::uint8_t>(h[i], 127)} << (8 * (i % 8));
  return words;
}

using PackedHistogram = std::array<std::uint64_t, 4>;

int histogram_bound(const PackedHistogram& a, const PackedHistogram& b) {
  int excess_a = 0;
  int excess_b = 0;
  for (std::size_t w = 0; w < 4; ++w) {
    const std::uint64_t da = excess_bytes(a[w], b[w]);
    const std::uint64_t db = excess_bytes(b[w], a[w]);
    // Byte sums stay below 256: a key has fewer than 128 symbols in all.
    excess_a += byte_sum(da) + byte_sum(da & heavy_bytes[w]);
    excess_b += byte_sum(db) + byte_sum(db & heavy_bytes[w]);
  }
  return std::max(excess_a, excess_b);
}

struct HintTarget {
  bool is_oblast = true;
  std::string name_uk;
  std::string name_en;
  std::uint32_t oblast = 0;
  std::string raion_code;  // raions only
  std::vector<std::string> keys;  // full and stem keys of both names
};

struct Index {
  std::vector<HromadaInfo> hromadas;
  std::vector<Entry> entries;
  std::vector<Key> keys;
  std::vector<EntryRef> refs;
  std::unordered_map<std::string, std::uint32_t> key_id;  // symbols -> index into keys
  std::vector<PackedHistogram> histograms;            // by key
  std::vector<std::uint32_t> presences;               // by key
  std::vector<std::uint32_t> key_oblasts;             // by key: Key::oblast_mask
  // Keys are numbered by length (then text); length_start[n] is the first key of length n.
  std::vector<std::uint32_t> length_start;
  // Bit k of contains[b] is set when key k has a symbol of bucket b; of in_oblast[o], when key k
  // has an entry in oblast o. Words of 64 keys.
  std::vector<std::vector<std::uint64_t>> contains;
  std::vector<std::vector<std::uint64_t>> in_oblast;
  std::vector<std::string> oblasts;  // oblast_uk by index
  std::vector<HintTarget> hints;
};

void add_hint_keys(HintTarget& target) {
  for (const std::string* name : {&target.name_uk, &target.name_en}) {
    if (name->empty()) continue;
    const std::string key = loose_key(join_words(lower_words(*name)));
    for (const std::string& k : {key, adjective_stem(key)}) {
      if (!k.empty() && std::find(target.keys.begin(), target.keys.end(), k) == target.keys.end()) {
        target.keys.push_back(k);
      }
    }
  }
}

Index build_index() {
  Index index;
  const HromadaDataset& data = builtin_hromadas();
  const auto& raion_codes = data.table.categorical("raion_code");
  const auto& raion_en = data.table.categorical("raion_en");
  const auto& centres = data.table.categorical("admin_centre_code");
  std::map<std::string, std::uint32_t> oblast_of_code;
  for (const Community& c : data.communities) oblast_of_code.emplace(c.oblast_code, 0);
  if (oblast_of_code.size() > 32) throw Error("name resolution: more than 32 oblasts in the built-in data");
  std::uint32_t next_oblast = 0;
  for (auto& [code, id] : oblast_of_code) id = next_oblast++;
  index.oblasts.resize(oblast_of_code.size());

  std::unordered_map<std::string, std::uint32_t> hromada_of_prefix;
  std::map<std::string, std::size_t> raion_target;
  std::unordered_map<std::string, std::uint32_t> key_of;
  auto add_entry = [&](Entry entry, const std::string& name_for_key) {
    const std::string key = loose_key(join_words(lower_words(name_for_key)));
    if (key.empty()) return;
    const auto entry_id = static_cast<std::uint32_t>(index.entries.size());
    const std::uint32_t oblast = index.hromadas[entry.hromada].oblast;
    index.entries.push_back(std::move(entry));
    auto [it, inserted] = key_of.emplace(key, static_cast<std::uint32_t>(index.keys.size()));
    if (inserted) index.keys.push_back({.symbols = key, .oblast_mask = 0, .entries = {}});
    Key& k = index.keys[it->second];
    k.oblast_mask |= 1u << oblast;
    if (std::find_if(k.entries.begin(), k.entries.end(), [&](std::uint32_t e) {
          return index.entries[e].hromada == index.entries[entry_id].hromada &&
                 index.entries[e].kind == index.entries[entry_id].kind &&
                 index.entries[e].settlement_code == index.entries[entry_id].settlement_code;
        }) == k.entries.end()) {
      k.entries.push_back(entry_id);
    }
  };

  for (std::size_t i = 0; i < data.communities.size(); ++i) {
    const Community& c = data.communities[i];
    const std::uint32_t oblast = oblast_of_code.at(c.oblast_code);
    index.oblasts[oblast] = c.oblast_uk;
    index.hromadas.push_back({.code = c.code, .name_uk = c.name_uk, .oblast_uk = c.oblast_uk,
                              .raion_code = raion_codes[i], .oblast = oblast});
    hromada_of_prefix.emplace(c.code.substr(0, 9), static_cast<std::uint32_t>(i));
    if (raion_target.find(raion_codes[i]) == raion_target.end()) {
      raion_target.emplace(raion_codes[i], index.hints.size());
      HintTarget raion{.is_oblast = false, .name_uk = c.raion, .name_en = raion_en[i], .oblast = oblast,
                       .raion_code = raion_codes[i], .keys = {}};
      add_hint_keys(raion);
      index.hints.push_back(std::move(raion));
    }
  }
  for (std::uint32_t o = 0; o < index.oblasts.size(); ++o) {
    const auto it = std::find_if(data.communities.begin(), data.communities.end(),
                                 [&](const Community& c) { return c.oblast_uk == index.oblasts[o]; });
    HintTarget oblast{.is_oblast = true, .name_uk = it->oblast_uk, .name_en = it->oblast_en, .oblast = o,
                      .raion_code = {}, .keys = {}};
    add_hint_keys(oblast);
    index.hints.push_back(std::move(oblast));
  }

  for (std::uint32_t h = 0; h < index.hromadas.size(); ++h) {
    const Community& c = data.communities[h];
    add_entry({.hromada = h, .kind = NameKind::hromada, .centre = false, .name = c.name_uk, .settlement_code = {}},
              c.name_uk);
    if (!c.name_en.empty()) {
      add_entry({.hromada = h, .kind = NameKind::hromada, .centre = false, .name = c.name_uk, .settlement_code = {}},
                c.name_en);
    }
  }
  const std::string_view text = builtin_data_file("settlements.csv");
  const CsvDocument doc = parse_csv(text, "<built-in settlements.csv>");
  const std::size_t code_column = doc.column("code");
  const std::size_t name_column = doc.column("name");
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const std::string& code = doc.cell(r, code_column);
    const auto it = hromada_of_prefix.find(code.substr(0, 9));
    if (it == hromada_of_prefix.end()) {
      throw InputError("settlement " + code + " belongs to no built-in hromada", doc.location(r, code_column));
    }
    const std::uint32_t h = it->second;
    add_entry({.hromada = h, .kind = NameKind::settlement, .centre = centres[h] == code,
               .name = doc.cell(r, name_column), .settlement_code = code},
              doc.cell(r, name_column));
  }
  // Renumber the keys by length so that a length window is a range of bits.
  std::vector<std::uint32_t> order(index.keys.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const std::string& x = index.keys[a].symbols;
    const std::string& y = index.keys[b].symbols;
    return x.size() != y.size() ? x.size() < y.size() : x < y;
  });
  std::vector<Key> sorted;
  sorted.reserve(order.size());
  for (std::uint32_t k : order) sorted.push_back(std::move(index.keys[k]));
  index.keys = std::move(sorted);
  const std::size_t words = (index.keys.size() + 63) / 64;
  index.contains.assign(32, std::vector<std::uint64_t>(words, 0));
  index.in_oblast.assign(index.oblasts.size(), std::vector<std::uint64_t>(words, 0));
  if (index.hromadas.size() > 65535) throw Error("name resolution: more than 65,535 hromadas");
  for (Key& key : index.keys) {
    key.first_ref = static_cast<std::uint32_t>(index.refs.size());
    key.ref_count = static_cast<std::uint32_t>(key.entries.size());
    for (std::uint32_t e : key.entries) {
      const Entry& entry = index.entries[e];
      index.refs.push_back({.entry = e, .hromada = static_cast<std::uint16_t>(entry.hromada),
                            .oblast = static_cast<std::uint8_t>(index.hromadas[entry.hromada].oblast),
                            .penalised = entry.kind == NameKind::settlement && !entry.centre,
                            .settlement = entry.kind == NameKind::settlement});
    }
    key.entries = {};
  }
  for (std::uint32_t k = 0; k < index.keys.size(); ++k) {
    const Key& key = index.keys[k];
    index.key_id.emplace(key.symbols, k);
    index.histograms.push_back(pack(histogram_of(key.symbols)));
    index.presences.push_back(presence_of(key.symbols));
    index.key_oblasts.push_back(key.oblast_mask);
    for (std::size_t b = 0; b < 32; ++b) {
      if ((index.presences.back() >> b) & 1u) index.contains[b][k / 64] |= std::uint64_t{1} << (k % 64);
    }
    for (std::uint32_t o = 0; o < index.oblasts.size(); ++o) {
      if ((key.oblast_mask & (1u << o)) != 0) index.in_oblast[o][k / 64] |= std::uint64_t{1} << (k % 64);
    }
    while (index.length_start.size() <= key.symbols.size()) index.length_start.push_back(k);
  }
  index.length_start.push_back(static_cast<std::uint32_t>(index.keys.size()));
  return index;
}

const Index& the_index() {
  static const Index index = build_index();
  return index;
}

// --- hints ----------------------------------------------------------------------------------------

struct Scope {
  std::uint32_t oblast_mask = ~0u;
  std::string raion_code;  // empty: the whole oblast mask
};

double best_similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  double best = 0.0;
  for (const auto& x : a) {
    for (const auto& y : b) {
      const int cost = bounded_distance(x, y, over_bound - 1);
      best = std::max(best, similarity(cost, x.size(), y.size()));
    }
  }
  return best;
}

Scope resolve_hint(const Index& index, std::string_view hint, double margin) {
  if (hint.find_first_not_of(" \t") == std::string_view::npos) return {};
  std::vector<std::string> words = lower_words(hint);
  const bool says_oblast = std::any_of(words.begin(), words.end(), [](const auto& w) { return is_oblast_word(w); });
  const bool says_raion = std::any_of(words.begin(), words.end(), [](const auto& w) { return is_raion_word(w); });
  std::erase_if(words, [](const auto& w) { return is_oblast_word(w) || is_raion_word(w); });
  const std::string key = loose_key(join_words(words));
  const SourceLocation where{.key = "hint"};
  if (key.empty()) throw InputError("hint '" + std::string(hint) + "' names no oblast or raion", where);
  const std::vector<std::string> hint_keys{key, adjective_stem(key)};

  struct Scored {
    double score;
    const HintTarget* target;
  };
  std::vector<Scored> scored;
  for (const HintTarget& t : index.hints) {
    if ((says_oblast && !t.is_oblast) || (says_raion && t.is_oblast)) continue;
    scored.push_back({best_similarity(hint_keys, t.keys), &t});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.target->is_oblast != b.target->is_oblast) return a.target->is_oblast;
    if (a.target->name_uk != b.target->name_uk) return a.target->name_uk < b.target->name_uk;
    return a.target->oblast < b.target->oblast;
  });
  constexpr double hint_min_score = 0.8;
  auto describe_target = [&](const HintTarget& t) {
    return t.name_uk + (t.is_oblast ? " oblast" : " raion (" + index.oblasts[t.oblast] + ")");
  };
  if (scored.empty() || scored.front().score < hint_min_score) {
    std::string nearest;
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) {
      nearest += (i ? ", " : "") + describe_target(*scored[i].target);
    }
    throw InputError("hint '" + std::string(hint) + "' names no oblast or raion" +
                         (nearest.empty() ? "" : "; nearest: " + nearest),
                     where);
  }
  const HintTarget& best = *scored.front().target;
  std::string rivals;
  for (std::size_t i = 1; i < scored.size() && scored[i].score >= scored.front().score - margin - 1e-12; ++i) {
    const HintTarget& other = *scored[i].target;
    const bool nested = best.is_oblast != other.is_oblast && best.oblast == other.oblast;
    if (!nested) rivals += ", " + describe_target(other);
  }
  if (!rivals.empty()) {
    throw InputError("hint '" + std::string(hint) + "' is ambiguous: " + describe_target(best) + rivals +
                         "; write the oblast or raion in full (e.g. 'Київська область', 'Бучанський район')",
                     where);
  }
  Scope scope;
  scope.oblast_mask = 1u << best.oblast;
  if (!best.is_oblast) scope.raion_code = best.raion_code;
  return scope;
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

// --- matching -------------------------------------------------------------------------------------

// Every hromada in @p scope with a name scoring at least @p floor, best first, ties by code.
std::vector<NameCandidate> candidates(const Index& index, const std::string& key, const Scope& scope,
                                      double floor, const ResolveOptions& options) {
  // The best entry of each hromada reached; candidates are built only for those at the end.
  std::vector<double> best_score(index.hromadas.size(), -1.0);
  std::vector<std::uint32_t> best_entry(index.hromadas.size(), 0);
  std::vector<std::uint32_t> reached;
  const PackedHistogram query_histogram = pack(histogram_of(key));
  const std::uint32_t query_presence = presence_of(key);
  const std::size_t la = key.size();
  std::size_t length = 0;  // of the keys being considered
  int length_bound = 0;
  auto consider = [&](std::uint32_t key_id) {
    const std::size_t lb = length;
    const int bound = length_bound;
    if (presence_bound(query_presence, index.presences[key_id]) > bound) return;
    if (la < 100 && histogram_bound(query_histogram, index.histograms[key_id]) > bound) return;
    const Key& k = index.keys[key_id];
    const int cost = bounded_distance(key, k.symbols, bound);
    if (cost > bound) return;
    const double sim = similarity(cost, la, lb);
    for (std::uint32_t i = 0; i < k.ref_count; ++i) {
      const EntryRef& ref = index.refs[k.first_ref + i];
      if (ref.settlement && !options.match_settlements) continue;
      if ((scope.oblast_mask & (1u << ref.oblast)) == 0) continue;
      if (!scope.raion_code.empty() && index.hromadas[ref.hromada].raion_code != scope.raion_code) continue;
      const double score = std::max(0.0, sim - (ref.penalised ? options.non_centre_penalty : 0.0));
      if (score < floor - 1e-12) continue;
      double& best = best_score[ref.hromada];
      if (best < 0.0) reached.push_back(ref.hromada);
      // Entries are numbered hromada names first, then settlements by code: the smaller wins a tie.
      if (best < 0.0 || score > best || (score == best && ref.entry < best_entry[ref.hromada])) {
        best = score;
        best_entry[ref.hromada] = ref.entry;
      }
    }
  };
  // A key that lacks more than t of the query's hard consonants (each costs 2 half units to
  // delete or replace) is over the bound 2t + 1; bit-sliced counters find the others without
  // touching them one by one. missing[l] marks keys lacking more than l such consonants.
  std::vector<std::size_t> hard;
  for (std::size_t b = 0; b < 32; ++b) {
    if (((query_presence >> b) & 1u) != 0 && bucket_weight[b] == 2) hard.push_back(b);
  }
  const std::size_t longest = index.length_start.size() - 2;
  auto bound_for_length = [&](std::size_t lb) { return cost_bound(floor, la, lb); };
  int widest = 0;
  for (std::size_t lb = 1; lb <= longest; ++lb) widest = std::max(widest, bound_for_length(lb));
  const std::size_t levels = std::min(hard.size(), static_cast<std::size_t>(widest / 2) + 1);
  const std::size_t words = index.contains.front().size();
  std::vector<std::vector<std::uint64_t>> missing(levels, std::vector<std::uint64_t>(words, 0));
  for (std::size_t b : hard) {
    const auto& present = index.contains[b];
    for (std::size_t w = 0; w < words; ++w) {
      const std::uint64_t lacks = ~present[w];
      for (std::size_t l = levels; l-- > 1;) missing[l][w] |= missing[l - 1][w] & lacks;
      if (levels > 0) missing[0][w] |= lacks;
    }
  }
  const std::vector<std::uint64_t>* oblast_bits =
      bit_count(scope.oblast_mask) == 1
          ? &index.in_oblast[static_cast<std::size_t>(std::countr_zero(scope.oblast_mask))]
          : nullptr;
  for (std::size_t lb = 1; lb <= longest; ++lb) {
    const int bound = bound_for_length(lb);
    if (static_cast<int>(la > lb ? la - lb : lb - la) > bound) continue;
    length = lb;
    length_bound = bound;
    const std::size_t allowed = static_cast<std::size_t>(bound / 2);  // hard consonants that may lack
    const std::vector<std::uint64_t>* excluded = allowed < levels ? &missing[allowed] : nullptr;
    const std::uint32_t first = index.length_start[lb];
    const std::uint32_t last = index.length_start[lb + 1];
    for (std::uint32_t w = first / 64; w * 64 < last; ++w) {
      std::uint64_t bits = ~std::uint64_t{0};
      if (excluded != nullptr) bits &= ~(*excluded)[w];
      if (oblast_bits != nullptr) bits &= (*oblast_bits)[w];
      if (w == first / 64 && first % 64 != 0) bits &= ~std::uint64_t{0} << (first % 64);
      if ((w + 1) * 64 > last && last % 64 != 0) bits &= ~(~std::uint64_t{0} << (last % 64));
      while (bits != 0) {
        const auto key_id = static_cast<std::uint32_t>(w * 64 + static_cast<std::uint32_t>(std::countr_zero(bits)));
        bits &= bits - 1;
        if ((index.key_oblasts[key_id] & scope.oblast_mask) != 0) consider(key_id);
      }
    }
  }
  std::vector<NameCandidate> result;
  result.reserve(reached.size());
  for (std::uint32_t h : reached) {
    const Entry& entry = index.entries[best_entry[h]];
    const HromadaInfo& info = index.hromadas[h];
    result.push_back({.code = info.code, .hromada_name = info.name_uk, .oblast = info.oblast_uk,
                      .matched_name = entry.name, .kind = entry.kind, .settlement_code = entry.settlement_code,
                      .centre = entry.centre, .score = best_score[h]});
  }
  std::sort(result.begin(), result.end(), [](const NameCandidate& a, const NameCandidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.code < b.code;
  });
  return result;
}

void validate(const ResolveOptions& o) {
  if (!(o.min_score > 0.0 && o.min_score <= 1.0)) {
    throw ConfigError("min_score", "must be in (0, 1], got " + std::to_string(o.min_score));
  }
  if (!(o.ambiguity_margin >= 0.0 && o.ambiguity_margin < 1.0)) {
    throw ConfigError("ambiguity_margin", "must be in [0, 1), got " + std::to_string(o.ambiguity_margin));
  }
  if (!(o.alternative_window >= o.ambiguity_margin && o.alternative_window <= 1.0)) {
    throw ConfigError("alternative_window", "must be in [ambiguity_margin, 1], got " +
                                                std::to_string(o.alternative_window));
  }
  if (!(o.non_centre_penalty >= 0.0 && o.non_centre_penalty < 1.0)) {
    throw ConfigError("non_centre_penalty", "must be in [0, 1), got " + std::to_string(o.non_centre_penalty));
  }
}

NameResolution resolve_one(const Index& index, const NameQuery& query, const Scope& scope,
                           const ResolveOptions& options) {
  NameResolution result;
  result.query = query;
  std::vector<std::string> words = lower_words(query.name);
  std::vector<std::string> kept = words;
  std::erase_if(kept, [](const std::string& w) { return is_kind_word(w); });
  if (kept.empty()) kept = words;  // a name made only of kind words is taken as written
  const std::string key = loose_key(join_words(kept));
  if (key.empty()) return result;

  // Only hromadas within alternative_window of the best matter. When the name is exactly one
  // in scope (score 1), a search with the narrow floor 1 - window is enough, and fast: few keys
  // come that near. Otherwise the search goes down to min_score.
  const double window = options.alternative_window;
  bool exact = false;
  if (const auto it = index.key_id.find(key); it != index.key_id.end()) {
    const Key& k = index.keys[it->second];
    for (std::uint32_t i = 0; i < k.ref_count && !exact; ++i) {
      const EntryRef& ref = index.refs[k.first_ref + i];
      exact = (scope.oblast_mask & (1u << ref.oblast)) != 0 &&
              (scope.raion_code.empty() || index.hromadas[ref.hromada].raion_code == scope.raion_code) &&
              (!ref.settlement || options.match_settlements) && (!ref.penalised || options.non_centre_penalty == 0.0);
    }
  }
  const double floor = exact ? std::max(options.min_score, 1.0 - window) : options.min_score;
  std::vector<NameCandidate> found = candidates(index, key, scope, floor, options);
  if (!found.empty()) {
    const double lowest = found.front().score - window - 1e-12;
    std::erase_if(found, [&](const NameCandidate& c) { return c.score < lowest; });
  }
  if (found.empty()) {
    constexpr double suggestion_floor = 0.5;
    found = candidates(index, key, scope, suggestion_floor, options);
    if (!found.empty()) result.match = found.front();
    for (std::size_t i = 1; i < found.size() && result.alternatives.size() < options.max_alternatives; ++i) {
      result.alternatives.push_back(found[i]);
    }
    return result;
  }
  result.match = found.front();
  std::size_t tied = 1;
  // Leading by the margin (or more) decides; the tolerance keeps a lead of exactly the margin
  // from being lost to rounding.
  while (tied < found.size() && found[tied].score > found.front().score - options.ambiguity_margin + 1e-9) ++tied;
  result.status = tied > 1 ? ResolveStatus::ambiguous : ResolveStatus::resolved;
  const std::size_t keep = tied > 1 ? tied : found.size();
  for (std::size_t i = 1; i < keep && result.alternatives.size() < std::max<std::size_t>(options.max_alternatives,
                                                                                        tied > 1 ? tied - 1 : 0);
       ++i) {
    result.alternatives.push_back(found[i]);
  }
  return result;
}

std::string format_score(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", score);
  return buffer;
}

std::string describe_candidate(const NameCandidate& c) {
  std::string text = c.code + " " + c.hromada_name + " (" + c.oblast + "; ";
  if (c.kind == NameKind::settlement) {
    text += "settlement '" + c.matched_name + "'" + (c.centre ? ", its centre" : "");
  } else {
    text += "hromada '" + c.matched_name + "'";
  }
  return text + ", score " + format_score(c.score) + ")";
}

}  // namespace
}  // namespace detail

std::string NameResolution::describe() const {
  const std::string name = "'" + query.name + "'" + (query.hint.empty() ? "" : " [" + query.hint + "]");
  auto list = [](const std::vector<NameCandidate>& cs) {
    constexpr std::size_t listed = 8;  // a message stays readable; the struct keeps them all
    std::string text;
    for (std::size_t i = 0; i < cs.size() && i < listed; ++i) {
      text += (text.empty() ? "" : "; ") + detail::describe_candidate(cs[i]);
    }
    if (cs.size() > listed) text += "; and " + std::to_string(cs.size() - listed) + " more";
    return text;
  };
  switch (status) {
    case ResolveStatus::resolved: return name + " -> " + detail::describe_candidate(match);
    case ResolveStatus::ambiguous:
      return name + " is ambiguous: " + detail::describe_candidate(match) + "; " + list(alternatives) +
             "; add an oblast or raion hint, or give the code";
    case ResolveStatus::unknown:
      if (match.code.empty()) return name + " matches no hromada or settlement";
      return name + " matches no hromada or settlement well enough; nearest: " + detail::describe_candidate(match) +
             (alternatives.empty() ? "" : "; " + list(alternatives));
  }
  return name;
}

std::vector<NameResolution> resolve_communities(std::span<const NameQuery> queries, const ResolveOptions& options) {
  detail::validate(options);
  for (std::size_t i = 0; i < queries.size(); ++i) {
    for (const auto& [text, key] : {std::pair{&queries[i].name, "name"}, std::pair{&queries[i].hint, "hint"}}) {
      if (const auto bad = detail::invalid_utf8_at(*text)) {
        throw InputError((std::string(key) == "name" ? "name " : "the hint of name ") + std::to_string(i + 1) +
                             " is not valid UTF-8 (byte " + std::to_string(*bad + 1) + "); give UTF-8 text",
                         {.key = key});
      }
    }
  }
  const detail::Index& index = detail::the_index();
  std::vector<NameResolution> results;
  results.reserve(queries.size());
  std::map<std::string, detail::Scope, std::less<>> scopes;  // hints repeat in a list
  for (const NameQuery& query : queries) {
    auto it = scopes.find(query.hint);
    if (it == scopes.end()) {
      it = scopes.emplace(query.hint, detail::resolve_hint(index, query.hint, options.ambiguity_margin)).first;
    }
    results.push_back(detail::resolve_one(index, query, it->second, options));
  }
  return results;
}

NameResolution resolve_community(std::string_view name, std::string_view hint, const ResolveOptions& options) {
  const NameQuery query{.name = std::string(name), .hint = std::string(hint)};
  return resolve_communities(std::span<const NameQuery>(&query, 1), options).front();
}

std::vector<std::string> resolved_codes(std::span<const NameResolution> resolutions, const SourceLocation& where,
                                        std::span<const std::size_t> lines) {
  std::vector<std::string> codes;
  std::string problems;
  std::size_t unresolved = 0;
  for (std::size_t i = 0; i < resolutions.size(); ++i) {
    const NameResolution& r = resolutions[i];
    if (r.resolved()) {
      codes.push_back(r.match.code);
      continue;
    }
    ++unresolved;
    problems += "\n  ";
    if (i < lines.size()) problems += "line " + std::to_string(lines[i]) + ": ";
    problems += r.describe();
  }
  if (unresolved > 0) {
    SourceLocation at = where;
    if (unresolved == 1) {
      for (std::size_t i = 0; i < resolutions.size() && i < lines.size(); ++i) {
        if (!resolutions[i].resolved()) at.line = lines[i];
      }
    }
    throw InputError(std::to_string(unresolved) + " of " + std::to_string(resolutions.size()) +
                         " names not resolved to a hromada (nothing is guessed):" + problems,
                     at);
  }
  return codes;
}

}  // namespace clir

namespace clir {

std::optional<NamedRows> resolve_named_rows(const CsvDocument& doc, std::string_view code_column,
                                            const ResolveOptions& options) {
  if (doc.find_column(code_column)) return std::nullopt;
  const auto name_column = doc.find_column("name");
  if (!name_column) return std::nullopt;  // neither codes nor names: the caller's own error names the code column
  std::optional<std::size_t> hint_column;
  for (const char* candidate : {"oblast", "raion", "hint"}) {
    if ((hint_column = doc.find_column(candidate))) break;
  }
  std::vector<NameQuery> queries;
  std::vector<std::size_t> lines;
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const std::string& name = doc.cell(r, *name_column);
    if (name.find_first_not_of(" \t") == std::string::npos) {
      throw InputError("empty name (the file names its communities in column 'name')", doc.location(r, *name_column));
    }
    queries.push_back({.name = name, .hint = hint_column ? doc.cell(r, *hint_column) : std::string()});
    lines.push_back(doc.line(r));
  }
  NamedRows named;
  try {
    named.resolutions = resolve_communities(queries, options);
  } catch (const InputError& e) {  // a bad hint: say where
    throw InputError(e.message(), {.file = doc.source(), .key = hint_column ? doc.header()[*hint_column] : "hint"});
  }
  const std::vector<std::string> codes = resolved_codes(
      named.resolutions, {.file = doc.source(), .column = *name_column + 1, .key = "name"}, lines);
  std::map<std::string, std::size_t> line_of_code;
  for (std::size_t r = 0; r < codes.size(); ++r) {
    if (auto [it, fresh] = line_of_code.emplace(codes[r], lines[r]); !fresh) {
      throw InputError("'" + doc.cell(r, *name_column) + "' and the name on line " + std::to_string(it->second) +
                           " both resolve to " + codes[r] + " (" + named.resolutions[r].match.hromada_name + ")",
                       doc.location(r, *name_column));
    }
  }
  std::vector<std::string> header = doc.header();
  header.emplace_back(code_column);
  std::vector<std::vector<std::string>> rows;
  rows.reserve(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const auto cells = doc.row(r);
    rows.emplace_back(cells.begin(), cells.end());
    rows.back().push_back(codes[r]);
  }
  named.document = CsvDocument(doc.source(), std::move(header), rows);
  return named;
}

namespace {

nlohmann::json candidate_json(const NameCandidate& c) {
  nlohmann::json j;
  j["code"] = c.code;
  j["hromada"] = c.hromada_name;
  j["oblast"] = c.oblast;
  j["matched_name"] = c.matched_name;
  j["kind"] = std::string(to_string(c.kind));
  j["settlement_code"] = c.settlement_code.empty() ? nlohmann::json() : nlohmann::json(c.settlement_code);
  j["centre"] = c.centre;
  j["score"] = std::round(c.score * 1e4) / 1e4;
  return j;
}

}  // namespace

nlohmann::json resolution_json(const NameResolution& r) {
  // An unresolved name has no code: its best candidate leads the alternatives instead.
  nlohmann::json j = r.resolved() ? candidate_json(r.match) : nlohmann::json{{"code", nullptr}};
  j["name"] = r.query.name;
  j["hint"] = r.query.hint.empty() ? nlohmann::json() : nlohmann::json(r.query.hint);
  j["status"] = std::string(to_string(r.status));
  auto alternatives = nlohmann::json::array();
  if (!r.resolved() && !r.match.code.empty()) alternatives.push_back(candidate_json(r.match));
  for (const auto& a : r.alternatives) alternatives.push_back(candidate_json(a));
  j["alternatives"] = std::move(alternatives);
  j["message"] = r.describe();
  return j;
}

nlohmann::json resolutions_json(std::span<const NameResolution> resolutions) {
  auto array = nlohmann::json::array();
  for (const auto& r : resolutions) array.push_back(resolution_json(r));
  return array;
}

}  // namespace clir
