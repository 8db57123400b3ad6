// The index behind clir::resolve_communities (the keys' symbol counts per scope and length, a
// lower bound on the distance, then the banded distance with a cut-off) must find exactly what
// computing the edit distance to every name finds: the same candidates, scores and order,
// hence the same resolutions (docs/resolve.md, "Speed").
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "clir/core/transliterate.hpp"
#include "clir/data/builtin.hpp"
#include "clir/data/detail/name_search.hpp"
#include "clir/data/resolve.hpp"
#include "clir/io/csv.hpp"

namespace {

namespace fs = std::filesystem;
using clir::detail::NameSearch;

void expect_same(const clir::NameCandidate& indexed, const clir::NameCandidate& every, const std::string& what) {
  EXPECT_EQ(indexed.code, every.code) << what;
  EXPECT_EQ(indexed.hromada_name, every.hromada_name) << what;
  EXPECT_EQ(indexed.oblast, every.oblast) << what;
  EXPECT_EQ(indexed.matched_name, every.matched_name) << what;
  EXPECT_EQ(indexed.kind, every.kind) << what;
  EXPECT_EQ(indexed.settlement_code, every.settlement_code) << what;
  EXPECT_EQ(indexed.centre, every.centre) << what;
  EXPECT_EQ(indexed.score, every.score) << what;  // the same cost gives the same double
}

void expect_same_resolutions(const std::vector<clir::NameQuery>& queries, const clir::ResolveOptions& options = {}) {
  const auto indexed = clir::detail::resolve_communities_by(queries, options, NameSearch::indexed);
  const auto every = clir::detail::resolve_communities_by(queries, options, NameSearch::exhaustive);
  ASSERT_EQ(indexed.size(), queries.size());
  ASSERT_EQ(every.size(), queries.size());
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const std::string what = "'" + queries[i].name + "' [" + queries[i].hint + "]: " + every[i].describe();
    EXPECT_EQ(indexed[i].status, every[i].status) << what;
    expect_same(indexed[i].match, every[i].match, what);
    ASSERT_EQ(indexed[i].alternatives.size(), every[i].alternatives.size()) << what;
    for (std::size_t a = 0; a < every[i].alternatives.size(); ++a) {
      expect_same(indexed[i].alternatives[a], every[i].alternatives[a], what);
    }
    // The public function is the indexed search.
    EXPECT_EQ(clir::resolve_communities(std::span(&queries[i], 1), options).front().describe(), indexed[i].describe());
  }
}

// A deterministic source of small numbers (std::mt19937's output is fixed by the standard).
class Draw {
 public:
  explicit Draw(std::uint32_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }

 private:
  std::mt19937 engine_;
};

// The code points of @p text, as UTF-8 strings, so that a misspelling never splits a letter.
std::vector<std::string> letters(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t n = 1;
    while (at + n < text.size() && (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80) ++n;
    out.push_back(text.substr(at, n));
    at += n;
  }
  return out;
}

// @p name with one to three typing errors: swapped neighbours, a letter dropped, doubled,
// or replaced by another letter of the name's own script.
std::string misspell(const std::string& name, Draw& draw) {
  std::vector<std::string> l = letters(name);
  const std::vector<std::string> cyrillic = letters("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя");
  const std::vector<std::string> latin = letters("abcdefghijklmnopqrstuvwxyz");
  const bool is_latin = !name.empty() && static_cast<unsigned char>(name[0]) < 0x80;
  const std::size_t errors = 1 + draw.below(3);
  for (std::size_t e = 0; e < errors && l.size() > 2; ++e) {
    const std::size_t at = 1 + draw.below(l.size() - 2);
    switch (draw.below(4)) {
      case 0: std::swap(l[at], l[at + 1]); break;
      case 1: l.erase(l.begin() + static_cast<std::ptrdiff_t>(at)); break;
      case 2: l.insert(l.begin() + static_cast<std::ptrdiff_t>(at), l[at]); break;
      default: {
        const auto& alphabet = is_latin ? latin : cyrillic;
        l[at] = alphabet[draw.below(alphabet.size())];
      }
    }
  }
  std::string out;
  for (const auto& s : l) out += s;
  return out;
}

// English spellings as programmes write them: the national transliteration loosened.
std::string loose_english(std::string latin) {
  const std::pair<const char*, const char*> swaps[] = {{"kh", "h"}, {"yi", "i"}, {"ts", "tz"}, {"iv", "ov"},
                                                      {"ia", "ya"}, {"zh", "j"}, {"y", "i"}};
  for (const auto& [from, to] : swaps) {
    if (const auto at = latin.find(from); at != std::string::npos) {
      latin.replace(at, std::string(from).size(), to);
      break;
    }
  }
  return latin;
}

std::vector<clir::NameQuery> reference_names(bool with_oblast) {
  std::vector<clir::NameQuery> queries;
  std::vector<fs::path> files{fs::path(CLIR_TEST_DATA_DIR) / "clir2024_published_names.csv"};
  const fs::path shared = fs::path(CLIR_SHARED_DATA_DIR) / "reference" / "clir2024_published_groups.csv";
  if (fs::exists(shared)) files.push_back(shared);
  for (const auto& file : files) {
    const clir::CsvDocument doc = clir::read_csv(file);
    const std::size_t name = doc.column("name_as_published");
    const auto oblast = doc.find_column("oblast") ? doc.find_column("oblast") : doc.find_column("oblast_uk");
    for (std::size_t r = 0; r < doc.row_count(); ++r) {
      queries.push_back({.name = doc.cell(r, name), .hint = with_oblast && oblast ? doc.cell(r, *oblast) : ""});
    }
  }
  return queries;
}

TEST(NameSearchIndex, ReferenceNamesAsExhaustiveSearch) {
  expect_same_resolutions(reference_names(true));
  expect_same_resolutions(reference_names(false));
}

TEST(NameSearchIndex, MisspeltAndLatinNamesAsExhaustiveSearch) {
  const auto& data = clir::builtin_hromadas();
  const auto& centres = data.table.categorical("admin_centre");
  const auto& raions = data.table.categorical("raion");
  Draw draw(20261207);
  std::vector<clir::NameQuery> queries;
  for (std::size_t i = 0; i < 180; ++i) {
    const std::size_t h = draw.below(data.communities.size());
    const clir::Community& c = data.communities[h];
    std::string name;
    switch (i % 6) {
      case 0: name = misspell(c.name_uk, draw); break;
      case 1: name = misspell(centres[h], draw); break;
      case 2: name = misspell(c.name_en, draw); break;
      case 3: name = loose_english(clir::transliterate_uk(centres[h])); break;
      case 4: name = misspell(loose_english(clir::transliterate_uk(c.name_uk)), draw); break;
      default: name = c.name_en; break;
    }
    // Most without a hint (the widest search), some with the oblast or the raion.
    const std::size_t hint = draw.below(6);
    queries.push_back({.name = name, .hint = hint == 0 ? c.oblast_uk : hint == 1 ? raions[h] + " район" : ""});
  }
  // Names that match nothing well, and one made only of kind words.
  for (const char* odd : {"Qwxyzzzzpf", "Zzz", "громада", "X", "Олександрівка Нова Стара Велика"}) {
    queries.push_back({.name = odd, .hint = {}});
  }
  // A name whose key is longer than the count filter takes (100 symbols): compared with every key.
  std::string long_name;
  while (long_name.size() < 260) long_name += "Олександрівка ";
  queries.push_back({.name = long_name, .hint = {}});
  expect_same_resolutions(queries);
  // Other options move the floors and penalties the bound is computed from.
  clir::ResolveOptions loose;
  loose.min_score = 0.6;
  loose.alternative_window = 0.3;
  loose.non_centre_penalty = 0.0;
  loose.max_alternatives = 20;
  expect_same_resolutions(std::vector(queries.begin(), queries.begin() + 60), loose);
  clir::ResolveOptions hromadas_only;
  hromadas_only.match_settlements = false;
  expect_same_resolutions(std::vector(queries.begin() + 60, queries.begin() + 120), hromadas_only);
}

TEST(NameSearchIndex, CandidatesAtEveryFloorAsExhaustiveSearch) {
  Draw draw(7);
  const auto& data = clir::builtin_hromadas();
  for (std::size_t i = 0; i < 12; ++i) {
    const clir::Community& c = data.communities[draw.below(data.communities.size())];
    const std::string name = misspell(c.name_en, draw);
    for (const double floor : {0.4, 0.5, 0.75, 0.85, 1.0}) {
      const auto indexed = clir::detail::name_candidates(name, "", floor, {}, NameSearch::indexed);
      const auto every = clir::detail::name_candidates(name, "", floor, {}, NameSearch::exhaustive);
      const std::string what = "'" + name + "' at " + std::to_string(floor);
      ASSERT_EQ(indexed.size(), every.size()) << what;
      for (std::size_t k = 0; k < every.size(); ++k) expect_same(indexed[k], every[k], what);
      if (floor == 0.5) {
        EXPECT_FALSE(every.empty()) << what;  // the test compares something
      }
    }
  }
}

}  // namespace
