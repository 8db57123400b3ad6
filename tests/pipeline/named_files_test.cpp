// Reference groupings and applications files that name their communities instead of coding
// them: the names are resolved (clir::resolve_named_rows) and the run reports how.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/run.hpp"

namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(CLIR_BINARY_DIR) / "named_files_test" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The 19 published CLIR 2024 communities by the names the ministry printed, with their oblast
// and group, and no code.
fs::path write_named_reference(const fs::path& dir) {
  const clir::CsvDocument names = clir::read_csv(fs::path(CLIR_TEST_DATA_DIR).parent_path() / "data" /
                                                 "clir2024_published_names.csv");
  std::map<std::string, int> group_of;
  for (const auto& m : clir::builtin_clir2024().members) group_of[m.code] = m.group;
  std::vector<std::vector<std::string>> rows;
  for (std::size_t r = 0; r < names.row_count(); ++r) {
    rows.push_back({names.cell(r, 0), names.cell(r, 1), std::to_string(group_of.at(names.cell(r, 2)))});
  }
  const fs::path file = dir / "reference_by_name.csv";
  std::ofstream out(file);
  clir::write_csv(out, {"name", "oblast", "group"}, rows);
  return file;
}

TEST(NamedFiles, ReferenceGroupingByNameEqualsTheCodedOne) {
  const fs::path file = write_named_reference(scratch("reference"));
  const clir::ReferenceGroups named = clir::load_reference(file.string());
  const clir::ReferenceGroups coded = clir::load_reference("clir2024");
  ASSERT_EQ(named.resolutions.size(), 19u);
  EXPECT_TRUE(coded.resolutions.empty());
  std::map<std::string, std::int32_t> named_label;
  for (std::size_t i = 0; i < named.codes.size(); ++i) named_label[named.codes[i]] = named.labels[i];
  ASSERT_EQ(named_label.size(), 19u);
  // Same partition (labels may be numbered differently).
  std::map<std::int32_t, std::int32_t> label_map;
  for (std::size_t i = 0; i < coded.codes.size(); ++i) {
    ASSERT_TRUE(named_label.contains(coded.codes[i])) << coded.codes[i];
    const auto [it, fresh] = label_map.emplace(coded.labels[i], named_label[coded.codes[i]]);
    EXPECT_EQ(it->second, named_label[coded.codes[i]]) << coded.codes[i];
  }
}

TEST(NamedFiles, AmbiguousOrRepeatedNamesStopTheRunNamingTheLine) {
  const fs::path dir = scratch("errors");
  std::ofstream(dir / "ambiguous.csv") << "name,group\nБаришівка,1\nСофіївська,2\n";
  try {
    clir::load_reference((dir / "ambiguous.csv").string());
    FAIL() << "an ambiguous name must stop the run";
  } catch (const clir::InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("ambiguous.csv:3"), std::string::npos) << message;
    EXPECT_NE(message.find("UA48020210000024814"), std::string::npos) << message;
  }
  std::ofstream(dir / "repeated.csv") << "name,oblast,group\nБаришівка,Київська,1\nBaryshivska hromada,Kyivska,2\n";
  try {
    clir::load_reference((dir / "repeated.csv").string());
    FAIL() << "two names of one hromada must not pass";
  } catch (const clir::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("both resolve to UA32060010000086043"), std::string::npos) << e.what();
  }
}

TEST(NamedFiles, ApplicationsByNameGiveTheSamePoolAndAreReported) {
  const fs::path dir = scratch("applications");
  const fs::path example = fs::path(CLIR_SOURCE_DIR) / "examples";
  const clir::CsvDocument coded = clir::read_csv(example / "applications.csv");
  // The same file with the hromada's name and oblast in place of its code.
  std::vector<std::string> header{"name", "oblast"};
  for (std::size_t c = 1; c < coded.column_count(); ++c) header.push_back(coded.header()[c]);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t r = 0; r < coded.row_count(); ++r) {
    const clir::Community& h = clir::find_hromada(coded.cell(r, 0));
    std::vector<std::string> row{h.name_uk + " " + (h.type == clir::CommunityType::city ? "міська" : "громада"),
                                 h.oblast_uk};
    for (std::size_t c = 1; c < coded.column_count(); ++c) row.push_back(coded.cell(r, c));
    rows.push_back(std::move(row));
  }
  {
    std::ofstream out(dir / "applications_by_name.csv");
    clir::write_csv(out, header, rows);
  }
  clir::Scenario sc = clir::load_scenario(example / "applications.toml");
  const clir::RunResult by_code = clir::run(sc, {.last_stage = clir::RunStage::scoring});
  sc.applications = dir / "applications_by_name.csv";
  const clir::RunResult by_name = clir::run(sc, {.last_stage = clir::RunStage::scoring});
  EXPECT_EQ(by_name.pool.table.ids(), by_code.pool.table.ids());
  EXPECT_TRUE(by_code.applications_resolutions.empty());
  ASSERT_EQ(by_name.applications_resolutions.size(), coded.row_count());
  EXPECT_EQ(by_name.scores.ids, by_code.scores.ids);
  // The names stay as text columns.
  EXPECT_TRUE(by_name.pool.table.has_categorical("name"));

  const auto json = clir::run_json(by_name);
  ASSERT_TRUE(json.contains("name_resolution"));
  ASSERT_EQ(json["name_resolution"]["applications"].size(), coded.row_count());
  EXPECT_EQ(json["name_resolution"]["applications"][0]["code"], coded.cell(0, 0));
  EXPECT_EQ(json["name_resolution"]["applications"][0]["status"], "resolved");
  EXPECT_FALSE(clir::run_json(by_code).contains("name_resolution"));
  const std::string report = clir::run_report_markdown(by_name);
  EXPECT_NE(report.find("## Names resolved: applications"), std::string::npos);
  EXPECT_NE(report.find(coded.cell(0, 0)), std::string::npos);
}

}  // namespace
