// Name resolution, search: the hromadas whose names come near a key, found through the index of
// the built-in keys (or, as the reference, by comparing every key), and the scope of a hint
// (docs/resolve.md).
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "resolve_detail.hpp"

namespace clir::detail {

namespace {

// The best entry of each hromada reached; candidates are built only for those at the end.
class Reached {
 public:
  explicit Reached(std::size_t hromadas) : best_score_(hromadas, -1.0), best_entry_(hromadas, 0) {}

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
      double& best = best_score_[ref.hromada];
      if (best < 0.0) reached_.push_back(ref.hromada);
      // Entries are numbered hromada names first, then settlements by code: the smaller wins a tie.
      if (best < 0.0 || score > best || (score == best && ref.entry < best_entry_[ref.hromada])) {
        best = score;
        best_entry_[ref.hromada] = ref.entry;
      }
    }
  }

  // Best first, ties by code: the order does not depend on the order of add().
  std::vector<NameCandidate> candidates(const Index& index) const {
    std::vector<NameCandidate> result;
    result.reserve(reached_.size());
    for (std::uint32_t h : reached_) {
      const Entry& entry = index.entries[best_entry_[h]];
      const HromadaInfo& info = index.hromadas[h];
      result.push_back({.code = info.code, .hromada_name = info.name_uk, .oblast = info.oblast_uk,
                        .matched_name = entry.name, .kind = entry.kind, .settlement_code = entry.settlement_code,
                        .centre = entry.centre, .score = best_score_[h]});
    }
    std::sort(result.begin(), result.end(), [](const NameCandidate& a, const NameCandidate& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.code < b.code;
    });
    return result;
  }

 private:
  std::vector<double> best_score_;
  std::vector<std::uint32_t> best_entry_;
  std::vector<std::uint32_t> reached_;
};

// Keys in scope with a similarity of at least @p floor, found without computing the distance to
// most keys: keys are numbered by length, so a length window is a range of bits, and symbol
// counts give lower bounds on the distance before it is computed (with a cut-off at the bound).
void search_index(const Index& index, const std::string& key, const Scope& scope, double floor,
                  const ResolveOptions& options, Reached& reached) {
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
    reached.add(index, k, similarity(cost, la, lb), scope, floor, options);
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
}

// The reference: the full distance to every key.
void search_every_key(const Index& index, const std::string& key, const Scope& scope, double floor,
                      const ResolveOptions& options, Reached& reached) {
  for (const Key& k : index.keys) {
    if (k.symbols.size() > longest_key) continue;  // never matched, as in bounded_distance
    reached.add(index, k, similarity(edit_cost(key, k.symbols), key.size(), k.symbols.size()), scope, floor, options);
  }
}

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

}  // namespace clir::detail
