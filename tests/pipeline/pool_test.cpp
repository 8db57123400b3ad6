#include <gtest/gtest.h>

#include <functional>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"
#include "clir/pipeline/pool.hpp"

namespace {

const clir::HromadaDataset& base() { return clir::builtin_hromadas(); }

template <class E>
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Pool, FiltersByOblastInEitherLanguageAndType) {
  const auto uk = clir::build_pool(base(), {.oblasts = {"Київська"}});
  const auto en = clir::build_pool(base(), {.oblasts = {"Kyivska"}});
  EXPECT_EQ(uk.table.ids(), en.table.ids());
  EXPECT_GT(uk.communities.size(), 50u);
  for (const auto& c : uk.communities) EXPECT_EQ(c.oblast_uk, "Київська");
  const auto cities = clir::build_pool(base(), {.oblasts = {"Київська"}, .types = {clir::CommunityType::city}});
  EXPECT_LT(cities.communities.size(), uk.communities.size());
  for (const auto& c : cities.communities) EXPECT_EQ(c.type, clir::CommunityType::city);
  EXPECT_EQ(cities.table.rows(), cities.communities.size());
}

TEST(Pool, UnknownFilterValuesAreNamed) {
  EXPECT_NE(error_of<clir::ConfigError>([] { (void)clir::build_pool(base(), {.oblasts = {"Кримська"}}); })
                .find("'pool.oblasts': unknown oblast 'Кримська' (allowed: "),
            std::string::npos);
  // A type is an enum now; its name is checked where it is read (the scenario, the CLI, Python).
  EXPECT_NE(error_of<clir::ConfigError>([] { (void)clir::parse_enum<clir::CommunityType>("town", "pool.types"); })
                .find("'pool.types': unknown community type 'town'"),
            std::string::npos);
  EXPECT_NE(error_of<clir::ConfigError>([] { (void)clir::build_pool(base(), {.codes = {"UA00000000000000000"}}); })
                .find("'UA00000000000000000' is not the KATOTTG code of a hromada"),
            std::string::npos);
}

TEST(Pool, JoinsApplicationsByCode) {
  const auto doc = clir::parse_csv(
      "code,self_assessed_need,contact\n"
      "UA74020030000069340,4,Менська\n"
      "UA32060010000086043,,Баришівська\n",
      "apps.csv");
  const auto pool = clir::build_pool(base(), {}, &doc, {.text_columns = {"contact"}});
  ASSERT_EQ(pool.table.rows(), 2u);
  // Sorted by code, whatever the file's order.
  EXPECT_EQ(pool.table.ids()[0], "UA32060010000086043");
  EXPECT_FALSE(pool.table.get(0, "self_assessed_need").has_value());
  EXPECT_DOUBLE_EQ(*pool.table.get(1, "self_assessed_need"), 4.0);
  EXPECT_EQ(pool.table.categorical("contact")[0], "Баришівська");
  EXPECT_EQ(pool.communities[1].name_uk, "Менська");
  // Built-in columns are carried along.
  EXPECT_TRUE(pool.table.get(1, "population_2022").has_value());
}

TEST(Pool, BadApplicationsFilesNameLineAndColumn) {
  auto run = [](const std::string& text, clir::ApplicationsSpec spec = {}) {
    const auto doc = clir::parse_csv(text, "apps.csv");
    return error_of<clir::InputError>([&] { (void)clir::build_pool(base(), {}, &doc, spec); });
  };
  EXPECT_EQ(run("code,x\nUA74020030000069340,1\nUA99999999999999999,2\n"),
            "apps.csv:3:1: 'code': unknown community code 'UA99999999999999999': not a hromada of the built-in data");
  EXPECT_EQ(run("code,x\nUA74020030000069340,1\nUA74020030000069340,2\n"),
            "apps.csv:3:1: 'code': community code 'UA74020030000069340' appears on lines 2 and 3");
  EXPECT_EQ(run("code,x\nMena,1\n"),
            "apps.csv:2:1: 'code': 'Mena' is not a KATOTTG community code (expected UA followed by 17 digits)");
  EXPECT_EQ(run("code,population_2022\nUA74020030000069340,1\n"),
            "apps.csv:1:2: 'population_2022': column 'population_2022' has the name of a built-in column; rename it in the "
            "applications file");
  EXPECT_NE(run("code,x\nUA74020030000069340,high\n").find("apps.csv:2:2: 'x': "), std::string::npos);
  EXPECT_NE(run("katottg,x\nUA74020030000069340,1\n").find("missing required column 'code'"), std::string::npos);
}

TEST(Pool, EmptyPoolIsAnError) {
  const auto doc = clir::parse_csv("code\nUA74020030000069340\n", "apps.csv");
  EXPECT_NE(error_of<clir::InputError>([&] { (void)clir::build_pool(base(), {.oblasts = {"Київська"}}, &doc); })
                .find("no applicant remains"),
            std::string::npos);
}

}  // namespace
