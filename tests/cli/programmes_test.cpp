// `clir run` on every programme scenario of examples/programmes/ (issue #25).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/support.hpp"

namespace {

namespace fs = std::filesystem;

std::size_t data_lines(const fs::path& csv) {
  const std::string text = clir_test::read_text(csv);
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines == 0 ? 0 : lines - 1;
}

struct Programme {
  std::string file;
  std::size_t selected;
  bool stages;
  bool discretionary;
};

class Programmes : public ::testing::TestWithParam<Programme> {};

TEST_P(Programmes, RunsOnTheBuiltInData) {
  const Programme& p = GetParam();
  const fs::path exe = fs::path(CLIR_BINARY_DIR) / "clir";
  if (!fs::exists(exe)) GTEST_SKIP() << "clir not built";
  const fs::path out = fs::path(CLIR_BINARY_DIR) / "cli-test" / ("programme_" + p.file);
  fs::remove_all(out);
  const fs::path scenario = fs::path(CLIR_SOURCE_DIR) / "examples" / "programmes" / (p.file + ".toml");
  std::string command = "'";
  command.append(exe.string()).append("' run '").append(scenario.string()).append("' -o '").append(out.string());
  command.append("' --no-map 2>&1");
  const auto run = clir_test::run_command(command);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(data_lines(out / "selection.csv"), p.selected);
  EXPECT_EQ(fs::exists(out / "stages.csv"), p.stages);
  EXPECT_EQ(fs::exists(out / "discretionary.csv"), p.discretionary);
  const std::string report = clir_test::read_text(out / "report.md");
  EXPECT_EQ(report.find("## Stages") != std::string::npos, p.stages);
  EXPECT_EQ(report.find("## Discretionary points") != std::string::npos, p.discretionary);
}

INSTANTIATE_TEST_SUITE_P(Examples, Programmes,
                         ::testing::Values(Programme{"undp_recovery_2023", 10, false, false},
                                           Programme{"hoverla_2021", 40, true, false},
                                           Programme{"dobre_2018", 25, false, true},
                                           Programme{"polaris_2025", 20, false, false},
                                           Programme{"hope_2024", 5, false, false},
                                           Programme{"shelter_schools", 20, true, true}),
                         [](const ::testing::TestParamInfo<Programme>& example) { return example.param.file; });

}  // namespace
