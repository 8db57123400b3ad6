// Name resolution, search: the hromadas whose names come near a key, found through the index of
// the built-in keys (or, as the reference, by comparing every key), and the scope of a hint
// (docs/resolve.md).
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "resolve_detail.hpp"

namespace clir::detail {

namespace {

// The best entry of each hromada reached; candidates are built only for those at the end. The
// per-hromada arrays are the thread's own and reused (a search allocated and freed them for
// every name before); one Reached at a time per thread.
class Reached {
 public:
  explicit Reached(std::size_t hromadas) : scratch_(scratch()) {
    if (scratch_.best_score.size() < hromadas) {
      scratch_.best_score.assign(hromadas, -1.0);
      scratch_.best_entry.assign(hromadas, 0);
    }
    scratch_.reached.clear();
  }
  Reached(const Reached&) = delete;
  Reached& operator=(const Reached&) = delete;
  ~Reached() {
    for (std::uint32_t h : scratch_.reached) scratch_.best_score[h] = -1.0;
    scratch_.reached.clear();
  }

  // The entries of @p key, whose similarity to the query is @p sim, that are in scope and score
  // at least @p floor.
  void add(const Index& index, const Key& key, double sim, const Scope& scope, double floor,
           const ResolveOptions& options) {
    for (std::uint32_t i = 0; i < key.ref_count; ++i) {
      const EntryRef& ref = index.refs[key.first_ref + i];
      if (ref.settlement && !options.match_settlements) continue;
      if ((scope.oblast_mask & (1u << ref.oblast)) == 0) continue;
      if (!scope.raion_code.empty() && index.hromadas[ref.hromada].raion_code != scope.raion_code) continue;
      const double score = std::max(0.0, sim - (ref.penalised ? options.non_centre_penalty : 0.0));
      if (score < floor - 1e-12) continue;
      double& best = scratch_.best_score[ref.hromada];
      if (best < 0.0) scratch_.reached.push_back(ref.hromada);
      // Entries are numbered hromada names first, then settlements by code: the smaller wins a tie.
      std::uint32_t& best_entry = scratch_.best_entry[ref.hromada];
      if (best < 0.0 || score > best || (score == best && ref.entry < best_entry)) {
        best = score;
        best_entry = ref.entry;
      }
    }
  }

  // Best first, ties by code: the order does not depend on the order of add().
  std::vector<NameCandidate> candidates(const Index& index) const {
    std::vector<NameCandidate> result;
    result.reserve(scratch_.reached.size());
    for (std::uint32_t h : scratch_.reached) {
      const Entry& entry = index.entries[scratch_.best_entry[h]];
      const HromadaInfo& info = index.hromadas[h];
      result.push_back({.code = info.code, .hromada_name = info.name_uk, .oblast = info.oblast_uk,
                        .matched_name = entry.name, .kind = entry.kind, .settlement_code = entry.settlement_code,
                        .centre = entry.centre, .score = scratch_.best_score[h]});
    }
    std::sort(result.begin(), result.end(), [](const NameCandidate& a, const NameCandidate& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.code < b.code;
    });
    return result;
  }

 private:
  struct Scratch {
    std::vector<double> best_score;          // by hromada; -1: not reached
    std::vector<std::uint32_t> best_entry;   // by hromada
    std::vector<std::uint32_t> reached;      // hromadas reached, in the order reached
  };
  static Scratch& scratch() {
    thread_local Scratch s;
    return s;
  }
  Scratch& scratch_;
};

// Keys in scope with a similarity of at least @p floor, found without computing the distance to
// most keys. The scope's table holds its keys by length, so only lengths within the cost bound
// are visited, and symbol counts bound the distance from below before it is computed: a
// symbol of one key in excess of the other's count needs an operation of its own, of at
// least its bucket's weight, so the cost is at least the larger of the two keys' excess
// weights. With common = sum over the query's buckets of weight x min(query's count, key's
// count), those are query_weight - common and key_weight - common.
void search_index(const Index& index, const std::string& key, const Scope& scope, double floor,
                  const ResolveOptions& options, Reached& reached) {
  const std::size_t la = key.size();
  const KeyTable& table = bit_count(scope.oblast_mask) == 1
                              ? index.tables[1 + static_cast<std::size_t>(std::countr_zero(scope.oblast_mask))]
                              : index.tables.front();
  // The filter's byte arithmetic needs weights below 256: a longer query is compared with every
  // key of a feasible length.
  const bool filter = la <= 100;
  std::array<std::uint8_t, KeyTable::buckets> query_counts{};
  for (char c : key) ++query_counts[bucket_of(c)];  // at most 100 each when filtered
  int query_weight = 0;
  struct Term {
    const std::uint8_t* counts;
    std::uint8_t count;
    bool heavy;
  };
  std::array<Term, KeyTable::buckets> terms;
  std::size_t term_count = 0;
  for (std::size_t b = 0; b < KeyTable::buckets; ++b) {
    if (query_counts[b] == 0) continue;
    query_weight += bucket_weight[b] * query_counts[b];
    terms[term_count++] = {table.counts[b].data(), query_counts[b], bucket_weight[b] == 2};
  }
  constexpr std::size_t block = 256;
  alignas(64) std::array<std::uint8_t, block> common;
  alignas(64) std::array<std::uint8_t, block + 8> pass;
  const std::size_t longest = table.length_start.size() - 2;
  for (std::size_t lb = 1; lb <= longest; ++lb) {
    const int bound = cost_bound(floor, la, lb);
    if (static_cast<int>(la > lb ? la - lb : lb - la) > bound) continue;  // each indel costs at least 1
    const std::uint32_t first = table.length_start[lb];
    const std::uint32_t last = table.length_start[lb + 1];
    const auto bound8 = static_cast<std::uint8_t>(std::min(bound, 255));
    const auto least_common = static_cast<std::uint8_t>(std::max(0, query_weight - bound));
    for (std::uint32_t start = first; start < last; start += block) {
      const std::size_t n = std::min<std::size_t>(block, last - start);
      if (filter) {
        std::fill_n(common.begin(), n, std::uint8_t{0});
        for (std::size_t t = 0; t < term_count; ++t) {
          const std::uint8_t* counts = terms[t].counts + start;
          const std::uint8_t q = terms[t].count;
          if (terms[t].heavy) {
            for (std::size_t i = 0; i < n; ++i) {
              const std::uint8_t m = std::min(q, counts[i]);
              common[i] = static_cast<std::uint8_t>(common[i] + m + m);
            }
          } else {
            for (std::size_t i = 0; i < n; ++i) common[i] = static_cast<std::uint8_t>(common[i] + std::min(q, counts[i]));
          }
        }
        const std::uint8_t* weights = table.weights.data() + start;
        for (std::size_t i = 0; i < n; ++i) {
          // Bitwise on ints, not &&: no branch, so that the loop vectorises.
          pass[i] = static_cast<std::uint8_t>(static_cast<int>(common[i] >= least_common) &
                                              static_cast<int>(static_cast<std::uint8_t>(weights[i] - common[i]) <= bound8));
        }
      } else {
        std::fill_n(pass.begin(), n, std::uint8_t{1});
      }
      std::fill_n(pass.begin() + static_cast<std::ptrdiff_t>(n), 8, std::uint8_t{0});  // past the last row
      for (std::size_t i = 0; i < n; i += 8) {
        std::uint64_t word;  // eight rows at a time: most rows fail the filter
        std::memcpy(&word, pass.data() + i, 8);
        if (word == 0) continue;
        for (std::size_t row = start + i; row < start + std::min(i + 8, n); ++row) {
          if (pass[row - start] == 0) continue;
          const int cost = bounded_distance(key, std::string_view(table.text).substr(table.text_start[row], lb), bound);
          if (cost <= bound) reached.add(index, index.keys[table.key_ids[row]], similarity(cost, la, lb), scope, floor, options);
        }
      }
    }
  }
}

// The reference: the full distance to every key.
void search_every_key(const Index& index, const std::string& key, const Scope& scope, double floor,
                      const ResolveOptions& options, Reached& reached) {
  for (const Key& k : index.keys) {
    if (k.symbols.size() > longest_key) continue;  // never matched, as in bounded_distance
    reached.add(index, k, similarity(edit_cost(key, k.symbols), key.size(), k.symbols.size()), scope, floor, options);
  }
}

// The best similarity between a key of @p a and a key of @p b; a pair below @p floor may count
// as 0 (its distance is not computed beyond the bound).
double best_similarity(const std::vector<std::string>& a, const std::vector<std::string>& b, double floor) {
  double best = 0.0;
  for (const auto& x : a) {
    for (const auto& y : b) {
      const int bound = floor > 0.0 ? cost_bound(floor, x.size(), y.size()) : over_bound - 1;
      const int cost = bounded_distance(x, y, bound);
      if (cost <= bound) best = std::max(best, similarity(cost, x.size(), y.size()));
    }
  }
  return best;
}

}  // namespace

std::vector<NameCandidate> candidates(const Index& index, const std::string& key, const Scope& scope, double floor,
                                      const ResolveOptions& options, NameSearch search) {
  Reached reached(index.hromadas.size());
  if (search == NameSearch::exhaustive) {
    search_every_key(index, key, scope, floor, options, reached);
  } else {
    search_index(index, key, scope, floor, options, reached);
  }
  return reached.candidates(index);
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
  constexpr double hint_min_score = 0.8;
  // A hint that matches needs only the places within the margin of its best (at least 0.8), so
  // the distances are first bounded there; when nothing reaches 0.8 they are computed in full,
  // for the nearest places the error lists.
  std::vector<Scored> scored;
  auto score_targets = [&](double floor) {
    scored.clear();
    for (const HintTarget& t : index.hints) {
      if ((says_oblast && !t.is_oblast) || (says_raion && t.is_oblast)) continue;
      scored.push_back({best_similarity(hint_keys, t.keys, floor), &t});
    }
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.target->is_oblast != b.target->is_oblast) return a.target->is_oblast;
      if (a.target->name_uk != b.target->name_uk) return a.target->name_uk < b.target->name_uk;
      return a.target->oblast < b.target->oblast;
    });
  };
  score_targets(hint_min_score - margin - 1e-6);
  if (scored.empty() || scored.front().score < hint_min_score) score_targets(0.0);
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

}  // namespace clir::detail
