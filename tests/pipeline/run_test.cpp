#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "clir/core/error.hpp"
#include "clir/io/json.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/run.hpp"
#include "support/support.hpp"

namespace {

namespace fs = std::filesystem;

// The built-in scenario with fewer robustness draws, so the suite stays quick.
clir::Scenario quick_builtin(unsigned threads) {
  clir::Scenario sc = clir::builtin_clir2024_scenario();
  sc.threads = threads;
  sc.grouping.threads = threads;
  if (sc.robustness) {
    sc.robustness->draws = 200;
    sc.robustness->threads = threads;
  }
  return sc;
}

const clir::RunResult& builtin_result() {
  static const clir::RunResult r = clir::run(quick_builtin(1));
  return r;
}

using clir_test::read_text;

TEST(Run, BuiltInScenarioMeetsItsQuotasAndGroupSizes) {
  const auto& r = builtin_result();
  ASSERT_EQ(r.selected.size(), 19u);
  std::map<std::string, int> per_oblast;
  for (const auto& c : r.selected) ++per_oblast[c.oblast_uk];
  EXPECT_GE(per_oblast.size(), 7u);
  for (const auto& [oblast, count] : per_oblast) EXPECT_LE(count, 4) << oblast;
  // Every selected applicant is eligible, and nobody under ongoing occupation is.
  for (auto row : r.selection.selected_rows) {
    EXPECT_TRUE(r.eligibility.eligible[row]);
    EXPECT_EQ(*r.pool.table.get(row, "occupation_ongoing"), 0.0);
  }
  const auto sizes = clir::group_sizes(r.groups.clustering.labels);
  ASSERT_EQ(sizes.size(), 6u);
  for (auto s : sizes) {
    EXPECT_GE(s, 2u);
    EXPECT_LE(s, 4u);
  }
  // The pool is the 11 oblasts.
  std::set<std::string> oblasts(r.pool.table.categorical("oblast_uk").begin(), r.pool.table.categorical("oblast_uk").end());
  EXPECT_EQ(oblasts.size(), 11u);
  EXPECT_FALSE(oblasts.contains("Житомирська"));
}

TEST(Run, ComparesWithThePublishedGroups) {
  const auto& r = builtin_result();
  ASSERT_TRUE(r.reference.has_value());
  ASSERT_EQ(r.reference_standing.size(), 19u);
  ASSERT_TRUE(r.reference_comparison.has_value());
  EXPECT_EQ(r.reference_comparison->items, 19u);
  EXPECT_EQ(r.reference_comparison->reference_groups, 6u);
  EXPECT_GE(r.reference_comparison->adjusted_rand_index, -1.0);
  EXPECT_LE(r.reference_comparison->adjusted_rand_index, 1.0);
  for (const auto& st : r.reference_standing) {
    EXPECT_TRUE(st.in_pool) << st.name;  // all 19 are in the 11 oblasts
    if (st.eligible) {
      EXPECT_TRUE(st.rank.has_value()) << st.name;
    }
  }
}

TEST(Run, StopsAfterTheRequestedStage) {
  const auto r = clir::run(quick_builtin(1), {.last_stage = clir::RunStage::scoring});
  EXPECT_FALSE(r.scores.ids.empty());
  EXPECT_TRUE(r.selection.selected_ids.empty());
  EXPECT_TRUE(r.groups.clustering.labels.empty());
}

TEST(Run, SameOutputsForAnyThreadCount) {
  const fs::path base = fs::path(CLIR_BINARY_DIR) / "test-output" / "run-threads";
  fs::remove_all(base);
  std::map<std::string, std::string> first;
  for (unsigned threads : {1u, 2u, 8u}) {
    const auto r = clir::run(quick_builtin(threads));
    const fs::path dir = base / std::to_string(threads);
    const auto written = clir::write_run_outputs(r, dir);
    for (const auto& path : written) {
      std::string bytes = read_text(path);
      if (path.filename() == "run.json") {
        auto j = nlohmann::json::parse(bytes);
        j.erase("timings_s");  // wall times are the one thing that differs
        j["scenario"]["scenario"].erase("threads");
        bytes = j.dump();
      }
      if (threads == 1) {
        first[path.filename().string()] = bytes;
      } else {
        EXPECT_EQ(bytes, first[path.filename().string()]) << path << " differs with " << threads << " threads";
      }
    }
  }
  EXPECT_EQ(first.size(), 10u);  // with report.html and map.geojson
}

TEST(Run, OutputFolderIsNotReplacedWithoutForce) {
  const fs::path dir = fs::path(CLIR_BINARY_DIR) / "test-output" / "run-force";
  fs::remove_all(dir);
  const auto& r = builtin_result();
  (void)clir::write_run_outputs(r, dir, {.map = false});
  EXPECT_THROW((void)clir::write_run_outputs(r, dir, {.map = false}), clir::InputError);
  EXPECT_NO_THROW((void)clir::write_run_outputs(r, dir, {.overwrite = true, .map = false}));
  const std::string scores = read_text(dir / "scores.csv");
  EXPECT_EQ(scores.substr(0, 5), "code,");
  // Every temporary file is gone.
  for (const auto& e : fs::directory_iterator(dir)) EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos);
}

TEST(Run, SummaryAndReportNameTheGroups) {
  const auto& r = builtin_result();
  const std::string summary = clir::run_summary(r);
  const std::string report = clir::run_report_markdown(r);
  for (const auto& c : r.selected) {
    EXPECT_NE(summary.find(c.name_uk), std::string::npos) << c.name_uk;
    EXPECT_NE(report.find(c.name_uk), std::string::npos) << c.name_uk;
  }
  EXPECT_NE(summary.find("ARI"), std::string::npos);
  const auto j = clir::run_json(r);
  EXPECT_EQ(j["selected"].size(), 19u);
  // The CLIR quotas (at most 4 per oblast, at least 7 oblasts) are one column: the exact
  // matroid greedy solves them, and every output says so.
  EXPECT_EQ(j["selection_solver_used"], "matroid");
  EXPECT_TRUE(j["selection_proven_optimal"].get<bool>());
  EXPECT_NE(summary.find("optimal under the quotas, matroid solver"), std::string::npos) << summary;
  EXPECT_NE(report.find("(proven optimal under the quotas, solver: matroid)"), std::string::npos);
  EXPECT_EQ(j["input_sha1"]["built-in/hromadas.csv"].get<std::string>().size(), 40u);
}

TEST(Run, Sha1MatchesTheStandardVectors) {
  EXPECT_EQ(clir::sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");  // FIPS 180-1, appendix A
  EXPECT_EQ(clir::sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST(Run, BadScenariosFailClearly) {
  clir::Scenario sc = quick_builtin(1);
  sc.selection.count = 500;
  sc.selection.quotas[0].max = 1;  // 11 oblasts x 1 < 500
  EXPECT_THROW((void)clir::run(sc), clir::Infeasible);
  sc = quick_builtin(1);
  sc.criteria[0].column = "no_such_column";
  try {
    (void)clir::run(sc);
    FAIL() << "expected ConfigError";
  } catch (const clir::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("no numeric column 'no_such_column'"), std::string::npos) << e.what();
  }
  sc = quick_builtin(1);
  sc.grouping.k = 25;  // more groups than the 19 selected
  EXPECT_THROW((void)clir::run(sc), clir::ConfigError);
}

}  // namespace
