// End-to-end tests of `clir data`: run the built executable and check its output and errors.
// Skipped when the executable has not been built (CLIR_BUILD_CLI=OFF).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

#include "clir/io/csv.hpp"
#include "support/support.hpp"

namespace {

using ::testing::HasSubstr;

// stdout and stderr together.
clir_test::CommandOutput run_clir(const std::string& arguments) {
  const std::filesystem::path exe = std::filesystem::path(CLIR_BINARY_DIR) / "clir";
  // Built with append: GCC 12 reports a false -Wrestrict for "literal" + std::string chains.
  std::string command(1, '"');
  command.append(exe.string()).append("\" ").append(arguments).append(" 2>&1");
  return clir_test::run_command(command);
}

class DataCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(std::filesystem::path(CLIR_BINARY_DIR) / "clir")) GTEST_SKIP() << "clir not built";
  }
};

TEST_F(DataCli, FiltersByOblastAndTypeAsCsv) {
  const auto run = run_clir("data hromadas --oblast Харківська --type city --format csv --columns code,name_uk,type,oblast_en");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto doc = clir::parse_csv(run.out, "clir output");
  ASSERT_EQ(doc.header(), (std::vector<std::string>{"code", "name_uk", "type", "oblast_en"}));
  ASSERT_GT(doc.row_count(), 10u);
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    EXPECT_EQ(doc.cell(r, 2), "city");
    EXPECT_EQ(doc.cell(r, 3), "Kharkivska");
  }
  // The English name selects the same rows.
  EXPECT_EQ(run_clir("data hromadas --oblast kharkivska --type міська --format csv --columns code,name_uk,type,oblast_en").out,
            run.out);
}

TEST_F(DataCli, CodeAsJsonHasTypedValuesAndNulls) {
  const auto run = run_clir("data hromadas --code UA14060010000010738,UA32060010000086043 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["code"], "UA14060010000010738");  // Вуглегірська, occupied before 2022
  EXPECT_TRUE(json[0]["area_km2"].is_null());
  EXPECT_EQ(json[0]["occupied_before_2022"], 1);
  EXPECT_EQ(json[1]["name_uk"], "Баришівська");
  EXPECT_EQ(json[1]["population_2022"], 26803);
  EXPECT_TRUE(json[1]["frontline_distance_km"].is_number());
}

TEST_F(DataCli, ReferenceAndColumns) {
  auto run = run_clir("data clir2024 --format csv");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(clir::parse_csv(run.out, "out").row_count(), 19u);
  run = run_clir("data clir2024 --ministry-only --format csv");
  EXPECT_EQ(clir::parse_csv(run.out, "out").row_count(), 18u);
  run = run_clir("data columns");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("frontline_distance_km"));
  EXPECT_THAT(run.out, HasSubstr("UAH per person"));
}

TEST_F(DataCli, BadOptionsAreUsageErrors) {
  auto run = run_clir("data hromadas --oblast Foo");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("unknown oblast 'Foo'"));
  EXPECT_THAT(run.out, HasSubstr("Харківська, Kharkivska"));
  run = run_clir("data hromadas --columns code,foo");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("unknown column 'foo'"));
  run = run_clir("data hromadas --code UA99999999999999999");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("no hromada with code UA99999999999999999"));
  run = run_clir("data hromadas --type town");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("unknown community type 'town'"));
  run = run_clir("data hromadas --format xml");
  EXPECT_EQ(run.exit_code, 2);
}

}  // namespace
