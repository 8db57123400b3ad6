// End-to-end tests of `clir resolve`. Skipped when the executable has not been built.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "clir/io/csv.hpp"
#include "support/support.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// @p streams: " 2>&1" for both, " 2>/dev/null" for stdout only.
clir_test::CommandOutput run_clir(const std::string& arguments, const std::string& streams = " 2>&1") {
  const fs::path exe = fs::path(CLIR_BINARY_DIR) / "clir";
  std::string command(1, '"');
  command.append(exe.string()).append("\" ").append(arguments).append(streams);
  return clir_test::run_command(command);
}

class ResolveCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(fs::path(CLIR_BINARY_DIR) / "clir")) GTEST_SKIP() << "clir not built";
  }
};

TEST_F(ResolveCli, PublishedFileAsCsv) {
  const fs::path file = fs::path(CLIR_TEST_DATA_DIR) / "clir2024_published_names.csv";
  const auto run = run_clir("resolve --file \"" + file.string() +
                                "\" --name-column name_as_published --hint-column oblast --format csv",
                            " 2>/dev/null");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto out = clir::parse_csv(run.out, "clir output");
  const auto expected = clir::read_csv(file);
  ASSERT_EQ(out.row_count(), expected.row_count());
  for (std::size_t r = 0; r < out.row_count(); ++r) {
    EXPECT_EQ(out.cell(r, out.column("status")), "resolved");
    EXPECT_EQ(out.cell(r, out.column("code")), expected.cell(r, expected.column("katottg")));
  }
}

TEST_F(ResolveCli, AmbiguousNameExitsTwoListingCandidates) {
  const auto run = run_clir("resolve Софіївська Баришівка");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("clir: error: 1 of 2 names not resolved"));
  EXPECT_THAT(run.out, HasSubstr("UA12060270000017282"));
  EXPECT_THAT(run.out, HasSubstr("UA48020210000024814"));
  // Allowed: exit 0, and the JSON says which is which.
  const auto allowed = run_clir("resolve Софіївська Баришівка --allow-unresolved --format json", " 2>/dev/null");
  ASSERT_EQ(allowed.exit_code, 0) << allowed.out;
  const auto json = nlohmann::json::parse(allowed.out);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["status"], "ambiguous");
  EXPECT_TRUE(json[0]["code"].is_null());
  EXPECT_EQ(json[0]["alternatives"].size(), 2u);
  EXPECT_EQ(json[1]["status"], "resolved");
  EXPECT_EQ(json[1]["code"], "UA32060010000086043");
  EXPECT_EQ(json[1]["kind"], "settlement");
  EXPECT_EQ(json[1]["score"], 1.0);
}

TEST_F(ResolveCli, HintsAndErrors) {
  const auto hinted = run_clir("resolve Blznyukivska Savenetska --hint 'Kharkiv oblast' --format csv", " 2>/dev/null");
  ASSERT_EQ(hinted.exit_code, 0) << hinted.out;
  EXPECT_THAT(hinted.out, HasSubstr("UA63100030000050119"));
  EXPECT_THAT(hinted.out, HasSubstr("UA63040150000053402"));

  auto run = run_clir("resolve Боярка --hint Atlantis");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("hint 'Atlantis' names no oblast or raion"));
  run = run_clir("resolve");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("give names to resolve or --file"));
  run = run_clir("resolve Боярка --min-score 1.5");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("min_score"));

  const fs::path bad = fs::path(CLIR_BINARY_DIR) / "resolve_cli_bad.csv";
  std::ofstream(bad) << "code,label\nA,1\n";
  run = run_clir("resolve --file \"" + bad.string() + "\"");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.out, HasSubstr("missing required column 'name'"));
  fs::remove(bad);
}

}  // namespace
