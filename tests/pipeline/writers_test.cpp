// The pipeline's folder writers, which the CLI calls for every file it writes: each writes what
// the matching text functions return, in a fixed order, and refuses an occupied folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"
#include "clir/io/json.hpp"
#include "clir/pipeline/explain.hpp"
#include "clir/pipeline/html_report.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/reproduce.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "support/support.hpp"

namespace {

namespace fs = std::filesystem;
using clir_test::read_text;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(CLIR_BINARY_DIR) / "test-output" / name;
  fs::remove_all(dir);
  return dir;
}

std::vector<std::string> names(const std::vector<fs::path>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(p.filename().string());
  return out;
}

// Two oblasts and a short time limit keep the explanation quick (as the CLI test does).
clir::Scenario two_oblast_scenario() {
  std::size_t inside = 0;
  for (const auto& code : clir::load_reference("clir2024").codes) {
    const auto& oblast = clir::find_hromada(code).oblast_uk;
    inside += oblast == "Чернігівська" || oblast == "Київська";
  }
  return clir::parse_scenario("[pool]\noblasts = [\"Чернігівська\", \"Київська\"]\n[selection]\nsize = " +
                              std::to_string(inside) + "\n[explain]\ntime_limit_s = 2\n");
}

TEST(Writers, ExplainFolderHoldsTheThreeTexts) {
  const clir::ExplainRun run = clir::explain_scenario(two_oblast_scenario());
  const fs::path dir = fresh_dir("writers-explain");
  const auto written = clir::write_explain_outputs(run, dir);
  EXPECT_EQ(names(written), (std::vector<std::string>{"explain.json", "explain.md", "explain.html"}));
  EXPECT_EQ(read_text(dir / "explain.json"), clir::format_json(clir::explain_json(run)));
  EXPECT_EQ(read_text(dir / "explain.md"), clir::explain_markdown(run));
  EXPECT_EQ(read_text(dir / "explain.html"), clir::explain_html(run));
  EXPECT_THROW((void)clir::write_explain_outputs(run, dir), clir::InputError);
  EXPECT_NO_THROW((void)clir::write_explain_outputs(run, dir, true));
}

TEST(Writers, RunFolderTakesTheExplanation) {
  const clir::Scenario sc = two_oblast_scenario();
  const clir::RunResult result = clir::run(sc);
  const clir::ExplainRun explained = clir::explain_scenario(sc);
  const fs::path dir = fresh_dir("writers-run-explain");
  const auto written = clir::write_run_outputs(result, dir, {.map = false, .explain = &explained});
  const auto files = names(written);
  ASSERT_GE(files.size(), 2u);
  EXPECT_EQ(files[files.size() - 2], "explain.json");
  EXPECT_EQ(files.back(), "explain.md");
  EXPECT_EQ(read_text(dir / "explain.md"), clir::explain_markdown(explained));
  EXPECT_FALSE(fs::exists(dir / "explain.html"));  // the explanation is a section of report.html
  // The section is the one an explicit extra section gives.
  EXPECT_EQ(read_text(dir / "report.html"),
            clir::run_report_html(result, {.extra_sections = {clir::explain_section(explained)}}));
}

TEST(Writers, ReproductionFolderHoldsTheFourTexts) {
  clir::ReproductionOptions options;
  options.methods = {clir::GroupingMethod::pam};
  options.alphas = {0.5};
  const auto sets = clir::clir2024_member_sets();
  const clir::ReproductionResult r = clir::reproduce(sets, options);
  const fs::path dir = fresh_dir("writers-reproduce");
  const auto written = clir::write_reproduction_outputs(r, sets, dir);
  EXPECT_EQ(names(written), (std::vector<std::string>{"reproduction.csv", "reproduction.json", "reproduction.md",
                                                      "reproduction.html"}));
  EXPECT_EQ(read_text(dir / "reproduction.csv"), clir::reproduction_csv(r));
  EXPECT_EQ(read_text(dir / "reproduction.json"), clir::format_json(clir::reproduction_json(r, sets)));
  EXPECT_EQ(read_text(dir / "reproduction.md"), clir::reproduction_markdown(r));
  EXPECT_EQ(read_text(dir / "reproduction.html"), clir::reproduction_html(r));
  EXPECT_THROW((void)clir::write_reproduction_outputs(r, sets, dir), clir::InputError);
}

TEST(Writers, RankedApplicantsAgreeWithScoresCsv) {
  clir::Scenario sc = two_oblast_scenario();
  const clir::RunResult r = clir::run(sc, {.last_stage = clir::RunStage::selection});
  const clir::TextTable table = clir::ranked_applicants(r, true);
  ASSERT_EQ(table.header.size(), 10u);
  EXPECT_EQ(table.header[0], "rank");
  EXPECT_EQ(table.header[9], "explanation");
  ASSERT_EQ(table.rows.size(), r.pool.communities.size());
  // Ranked first, 1, 2, 3, ...; then the excluded, without a rank.
  std::size_t ranked = 0;
  for (const auto& row : table.rows) {
    if (row[0].empty()) {
      EXPECT_EQ(row[5], "0") << row[1];
      continue;
    }
    EXPECT_EQ(ranked, static_cast<std::size_t>(&row - table.rows.data())) << "a ranked row after an unranked one";
    EXPECT_EQ(row[0], std::to_string(++ranked));
  }
  EXPECT_EQ(ranked, r.scores.ids.size());
  // Each score cell is the one scores.csv writes for the same applicant.
  const fs::path dir = fresh_dir("writers-ranked");
  const clir::RunResult full = clir::run(sc);
  (void)clir::write_run_outputs(full, dir, {.map = false, .html = false});
  const clir::CsvDocument scores = clir::read_csv(dir / "scores.csv");
  std::map<std::string, std::string> score_of;
  for (std::size_t i = 0; i < scores.row_count(); ++i) {
    score_of[scores.cell(i, scores.column("code"))] = scores.cell(i, scores.column("score"));
  }
  for (const auto& row : table.rows) EXPECT_EQ(row[4], score_of.at(row[1])) << row[1];
  // The scoring stage alone has no selection columns.
  const clir::RunResult scored = clir::run(sc, {.last_stage = clir::RunStage::scoring});
  EXPECT_EQ(clir::ranked_applicants(scored, false).header.size(), 7u);
}

}  // namespace
