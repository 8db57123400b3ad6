// Name resolution, index: the weighted edit distance between loose keys, and the index of the
// built-in hromada and settlement names (docs/resolve.md).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"
#include "resolve_detail.hpp"

namespace clir::detail {

// --- weighted edit distance, in half units -------------------------------------------------------

// Only the cells that a path of cost at most @p bound can pass are computed: a path through cell
// (i, j) makes at least |j - i| indels before it and |(lb - j) - (la - i)| after it, at a cost
// of at least 1 each, so j - i stays within [min(0, lb - la) - slack / 2, max(0, lb - la) + slack / 2]
// where slack = bound - |lb - la|. Cells outside that band read as over_bound.
int bounded_distance(std::string_view a, std::string_view b, int bound) {
  const std::size_t n = b.size();
  constexpr std::size_t longest = longest_key;
  if (n > longest) return over_bound;
  const auto la = static_cast<std::ptrdiff_t>(a.size());
  const auto lb = static_cast<std::ptrdiff_t>(n);
  const std::ptrdiff_t diff = lb - la;
  const std::ptrdiff_t slack = bound - (diff < 0 ? -diff : diff);
  if (slack < 0) return over_bound;
  const std::ptrdiff_t low = std::min<std::ptrdiff_t>(0, diff) - slack / 2;   // least j - i
  const std::ptrdiff_t high = std::max<std::ptrdiff_t>(0, diff) + slack / 2;  // greatest j - i
  std::array<int, longest + 2> row_a;  // written before read: no initialisation needed
  std::array<int, longest + 2> row_b;
  std::array<std::uint8_t, longest> b_indel;
  for (std::size_t j = 0; j < n; ++j) b_indel[j] = cost_tables.indel[table_index(b[j])];
  int* previous = row_a.data();
  int* current = row_b.data();
  std::ptrdiff_t last = std::min(lb, high);  // of row 0
  previous[0] = 0;
  for (std::ptrdiff_t j = 1; j <= last; ++j) previous[j] = previous[j - 1] + b_indel[j - 1];
  if (last < lb) previous[last + 1] = over_bound;
  for (std::ptrdiff_t i = 1; i <= la; ++i) {
    const std::size_t ca = table_index(a[static_cast<std::size_t>(i - 1)]);
    const auto& substitution = cost_tables.substitution[ca];
    const int a_indel = cost_tables.indel[ca];
    const std::ptrdiff_t first = std::max<std::ptrdiff_t>(0, i + low);
    last = std::min(lb, i + high);
    int row_min = over_bound;
    std::ptrdiff_t j = first;
    if (first == 0) {
      current[0] = previous[0] + a_indel;
      row_min = current[0];
      j = 1;
    } else {
      current[first - 1] = over_bound;
    }
    for (; j <= last; ++j) {
      const int value = std::min({previous[j - 1] + substitution[table_index(b[static_cast<std::size_t>(j - 1)])],
                                  previous[j] + a_indel, current[j - 1] + b_indel[static_cast<std::size_t>(j - 1)]});
      current[j] = value;
      row_min = std::min(row_min, value);
    }
    if (row_min > bound) return over_bound;
    if (last < lb) current[last + 1] = over_bound;
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

int edit_cost(std::string_view a, std::string_view b) {
  std::vector<int> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 1; j <= b.size(); ++j) previous[j] = previous[j - 1] + indel_cost(b[j - 1]);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = previous[0] + indel_cost(a[i - 1]);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      current[j] = std::min({previous[j - 1] + substitution_cost(a[i - 1], b[j - 1]), previous[j] + indel_cost(a[i - 1]),
                             current[j - 1] + indel_cost(b[j - 1])});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// --- the index -----------------------------------------------------------------------------------

namespace {

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
  for (std::uint32_t k = 0; k < index.keys.size(); ++k) index.key_id.emplace(index.keys[k].symbols, k);
  // The filter's tables: every key, and each oblast's keys. Keys longer than longest_key are
  // never matched (bounded_distance), so no table has them.
  index.tables.resize(1 + index.oblasts.size());
  for (std::uint32_t k = 0; k < index.keys.size() && index.keys[k].symbols.size() <= longest_key; ++k) {
    const Key& key = index.keys[k];
    const Histogram counts = histogram_of(key.symbols);
    int weight = 0;
    for (std::size_t b = 0; b < KeyTable::buckets; ++b) weight += bucket_weight[b] * counts[b];
    for (std::size_t t = 0; t < index.tables.size(); ++t) {
      if (t > 0 && (key.oblast_mask & (1u << (t - 1))) == 0) continue;
      KeyTable& table = index.tables[t];
      table.key_ids.push_back(k);
      for (std::size_t b = 0; b < KeyTable::buckets; ++b) table.counts[b].push_back(counts[b]);
      table.weights.push_back(static_cast<std::uint8_t>(weight));  // at most 2 x longest_key
      table.text_start.push_back(static_cast<std::uint32_t>(table.text.size()));
      table.text += key.symbols;
      while (table.length_start.size() <= key.symbols.size()) {
        table.length_start.push_back(static_cast<std::uint32_t>(table.key_ids.size() - 1));
      }
    }
  }
  for (KeyTable& table : index.tables) {
    if (table.length_start.empty()) table.length_start.push_back(0);
    table.length_start.push_back(static_cast<std::uint32_t>(table.key_ids.size()));
  }
  return index;
}

}  // namespace

const Index& the_index() {
  static const Index index = build_index();
  return index;
}

}  // namespace clir::detail
