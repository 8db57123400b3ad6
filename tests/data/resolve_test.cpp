// Name resolution (clir::resolve_communities) against the built-in hromadas and settlements.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/data/resolve.hpp"
#include "clir/io/csv.hpp"

namespace {

namespace fs = std::filesystem;

struct Published {
  std::string name;
  std::string oblast;
  std::string code;
};

std::vector<Published> read_published(const fs::path& path, const std::string& name_column,
                                      const std::string& oblast_column, const std::string& code_column) {
  const clir::CsvDocument doc = clir::read_csv(path);
  std::vector<Published> rows;
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    rows.push_back({doc.cell(r, doc.column(name_column)), doc.cell(r, doc.column(oblast_column)),
                    doc.cell(r, doc.column(code_column))});
  }
  return rows;
}

void expect_all_resolve(const std::vector<Published>& rows) {
  ASSERT_EQ(rows.size(), 19u);
  std::vector<clir::NameQuery> queries;
  for (const auto& row : rows) queries.push_back({.name = row.name, .hint = row.oblast});
  const auto results = clir::resolve_communities(queries);
  ASSERT_EQ(results.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_TRUE(results[i].resolved()) << results[i].describe();
    EXPECT_EQ(results[i].match.code, rows[i].code) << results[i].describe();
  }
  EXPECT_EQ(clir::resolved_codes(results).size(), 19u);
}

TEST(ResolveCommunities, PublishedClir2024NamesResolveToTheirCodes) {
  expect_all_resolve(read_published(fs::path(CLIR_TEST_DATA_DIR) / "clir2024_published_names.csv",
                                    "name_as_published", "oblast", "katottg"));
}

TEST(ResolveCommunities, SharedReferenceFileResolvesToItsCodes) {
  const fs::path shared = fs::path(CLIR_SHARED_DATA_DIR) / "reference" / "clir2024_published_groups.csv";
  if (!fs::exists(shared)) GTEST_SKIP() << shared << " not found";
  expect_all_resolve(read_published(shared, "name_as_published", "oblast_uk", "katottg"));
}

// The English spellings of the implementer's page (issue 23).
TEST(ResolveCommunities, LooseEnglishSpellings) {
  const auto blyzniuky = clir::resolve_community("Blznyukivska");
  EXPECT_TRUE(blyzniuky.resolved()) << blyzniuky.describe();
  EXPECT_EQ(blyzniuky.match.code, "UA63100030000050119");
  EXPECT_EQ(blyzniuky.match.kind, clir::NameKind::hromada);
  EXPECT_LT(blyzniuky.match.score, 1.0);  // a typo, not an exact match
  EXPECT_GE(blyzniuky.match.score, 0.9);

  const auto savyntsi = clir::resolve_community("Savenetska", "Kharkiv");
  EXPECT_TRUE(savyntsi.resolved()) << savyntsi.describe();
  EXPECT_EQ(savyntsi.match.code, "UA63040150000053402");
  // Without the oblast, Жванецька (Khmelnytskyi oblast) is as close: reported, not guessed.
  const auto bare = clir::resolve_community("Savenetska");
  EXPECT_EQ(bare.status, clir::ResolveStatus::ambiguous) << bare.describe();
  std::vector<std::string> codes{bare.match.code};
  for (const auto& a : bare.alternatives) codes.push_back(a.code);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "UA63040150000053402"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "UA68020070000084437"), codes.end());
}

TEST(ResolveCommunities, SuffixCaseApostropheAndTransliterationInsensitive) {
  for (const char* name : {"Баришівська", "Баришівська селищна територіальна громада", "БАРИШІВСЬКА ТГ",
                           "Baryshivska hromada", "Baryshivska territorial community", "baryshivska",
                           "Баришівка", "смт Баришівка", "Baryshivka", "Baryshevka", "Баришивка"}) {
    const auto r = clir::resolve_community(name);
    EXPECT_TRUE(r.resolved()) << r.describe();
    EXPECT_EQ(r.match.code, "UA32060010000086043") << name;
  }
  for (const char* name : {"Кам’янець-Подільський", "Кам'янець-Подільський", "Камянець Подільський",
                           "Kamianets-Podilskyi", "KAMIANETS PODILSKYI", "Kamyanets-Podilsky"}) {
    const auto r = clir::resolve_community(name);
    EXPECT_TRUE(r.resolved()) << r.describe();
    EXPECT_EQ(r.match.code, "UA68020110000071202") << name;
  }
}

TEST(ResolveCommunities, ExactMatchesScoreOneAndSayWhatMatched) {
  const auto hromada = clir::resolve_community("Коропська", "Чернігівська");
  ASSERT_TRUE(hromada.resolved()) << hromada.describe();
  EXPECT_EQ(hromada.match.kind, clir::NameKind::hromada);
  EXPECT_EQ(hromada.match.matched_name, "Коропська");
  EXPECT_EQ(hromada.match.score, 1.0);
  EXPECT_TRUE(hromada.match.settlement_code.empty());

  const auto centre = clir::resolve_community("Глеваха", "Київська область");
  ASSERT_TRUE(centre.resolved()) << centre.describe();
  EXPECT_EQ(centre.match.kind, clir::NameKind::settlement);
  EXPECT_EQ(centre.match.matched_name, "Глеваха");
  EXPECT_EQ(centre.match.settlement_code, "UA32140070010070369");
  EXPECT_TRUE(centre.match.centre);
  EXPECT_EQ(centre.match.code, "UA32140070000012102");
}

TEST(ResolveCommunities, AmbiguousHromadaNameListsEveryCandidate) {
  const auto r = clir::resolve_community("Софіївська");
  ASSERT_EQ(r.status, clir::ResolveStatus::ambiguous) << r.describe();
  // Equal scores: ordered by code.
  EXPECT_EQ(r.match.code, "UA12060270000017282");
  ASSERT_FALSE(r.alternatives.empty());
  EXPECT_EQ(r.alternatives.front().code, "UA48020210000024814");
  const std::vector<clir::NameResolution> all{r};
  try {
    clir::resolved_codes(all, {.file = "list.csv", .key = "name"}, std::vector<std::size_t>{7});
    FAIL() << "an ambiguous name must not give a code";
  } catch (const clir::InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("list.csv:7"), std::string::npos) << message;
    EXPECT_NE(message.find("UA12060270000017282"), std::string::npos) << message;
    EXPECT_NE(message.find("UA48020210000024814"), std::string::npos) << message;
    EXPECT_NE(message.find("ambiguous"), std::string::npos) << message;
  }
  // The oblast settles it, in Ukrainian or English, with or without "oblast".
  for (const char* hint : {"Миколаївська", "Mykolaivska", "Mykolaiv oblast", "Миколаївська обл."}) {
    const auto hinted = clir::resolve_community("Софіївська", hint);
    EXPECT_TRUE(hinted.resolved()) << hint << ": " << hinted.describe();
    EXPECT_EQ(hinted.match.code, "UA48020210000024814") << hint;
  }
}

TEST(ResolveCommunities, SettlementNameInSeveralOblasts) {
  // Березнегувате: the centre of Березнегуватська (Mykolaiv) and a village of Kirovohrad oblast.
  const auto by_centre = clir::resolve_community("Березнегувате");
  ASSERT_TRUE(by_centre.resolved()) << by_centre.describe();
  EXPECT_EQ(by_centre.match.code, "UA48020030000061219");
  ASSERT_FALSE(by_centre.alternatives.empty());
  EXPECT_EQ(by_centre.alternatives.front().code.substr(0, 4), "UA35");
  EXPECT_NEAR(by_centre.alternatives.front().score, 0.9, 1e-12);  // the non-centre penalty
  // Without the centre rule the two are equal: ambiguous, both listed.
  clir::ResolveOptions no_centre_rule;
  no_centre_rule.non_centre_penalty = 0.0;
  const auto tied = clir::resolve_community("Березнегувате", "", no_centre_rule);
  EXPECT_EQ(tied.status, clir::ResolveStatus::ambiguous) << tied.describe();
  // Олександрівка is the centre of hromadas in several oblasts.
  const auto many = clir::resolve_community("Олександрівка");
  EXPECT_EQ(many.status, clir::ResolveStatus::ambiguous) << many.describe();
  EXPECT_GE(many.alternatives.size(), 2u);
  EXPECT_NE(many.describe().find("add an oblast or raion hint"), std::string::npos);
}

TEST(ResolveCommunities, RaionHint) {
  const auto r = clir::resolve_community("Олександрівська", "Краматорський район");
  ASSERT_TRUE(r.resolved()) << r.describe();
  EXPECT_EQ(r.match.code, "UA14120170000011133");
  const auto en = clir::resolve_community("Oleksandrivska", "Kramatorskyi raion");
  EXPECT_EQ(en.match.code, "UA14120170000011133");
  EXPECT_TRUE(en.resolved());
}

TEST(ResolveCommunities, UnknownNameIsAnErrorWithTheNearestNames) {
  const auto r = clir::resolve_community("Qwxyzzzzpf");
  EXPECT_EQ(r.status, clir::ResolveStatus::unknown);
  const std::vector<clir::NameResolution> all{r, clir::resolve_community("Боярка", "Київська")};
  EXPECT_THROW(clir::resolved_codes(all), clir::InputError);
  try {
    clir::resolved_codes(all);
  } catch (const clir::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("1 of 2 names not resolved"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Qwxyzzzzpf"), std::string::npos) << e.what();
  }
  // A name that exists, but not in the hinted oblast.
  const auto elsewhere = clir::resolve_community("Коропська", "Одеська");
  EXPECT_EQ(elsewhere.status, clir::ResolveStatus::unknown) << elsewhere.describe();
}

TEST(ResolveCommunities, BadHintsAndOptionsAreErrors) {
  try {
    clir::resolve_community("Боярка", "Atlantis");
    FAIL() << "a hint naming no oblast or raion must not be ignored";
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "hint");
    EXPECT_NE(std::string(e.what()).find("Atlantis"), std::string::npos);
  }
  // Bytes that are not UTF-8 are refused, not matched (and never reach a JSON writer).
  EXPECT_THROW(clir::resolve_community("\xff\xfe"), clir::InputError);
  EXPECT_THROW(clir::resolve_community("Боярка", "\xd0"), clir::InputError);
  clir::ResolveOptions bad;
  bad.min_score = 0.0;
  EXPECT_THROW(clir::resolve_community("Боярка", "", bad), clir::ConfigError);
  bad = {};
  bad.ambiguity_margin = 0.5;  // wider than the alternative window
  EXPECT_THROW(clir::resolve_community("Боярка", "", bad), clir::ConfigError);
}

TEST(ResolveCommunities, DeterministicAndHintOnlyNarrows) {
  std::vector<clir::NameQuery> queries;
  for (const char* n : {"Боярка", "Софіївська", "Savenetska", "Холмська", "Шабівка", "Qwxyzzzz"}) {
    queries.push_back({.name = n, .hint = {}});
  }
  const auto first = clir::resolve_communities(queries);
  const auto second = clir::resolve_communities(queries);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].describe(), second[i].describe());
  // Холмська (Холминська) and Шабівка (Шабівська) need their oblast.
  EXPECT_EQ(clir::resolve_community("Холмська", "Чернігівська").match.code, "UA74020090000083820");
  EXPECT_EQ(clir::resolve_community("Шабівка", "Odesa oblast").match.code, "UA51040310000071545");
}

TEST(ResolveCommunities, HromadaNamesOnly) {
  clir::ResolveOptions hromadas_only;
  hromadas_only.match_settlements = false;
  const auto r = clir::resolve_community("Глеваха", "Київська", hromadas_only);
  EXPECT_NE(r.match.kind, clir::NameKind::settlement);
  EXPECT_NE(r.match.code, "");  // Глевахівська is still near enough by its own name
  EXPECT_EQ(r.match.code, "UA32140070000012102");
}

}  // namespace
