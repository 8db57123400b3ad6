// End-to-end tests of the `clir` command: run the built executable as a user would, with stdout
// and stderr captured apart, and check exit codes, messages, output files and determinism.
// Skipped when the executable has not been built (CLIR_BUILD_CLI=OFF).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"
#include "clir/pipeline/run.hpp"
#include "support/support.hpp"

#include "cli_fixture.hpp"

namespace {

using namespace clir_cli_test;

TEST_F(Cli, HelpOfEveryCommandHasExamples) {
  for (const std::string command : {"", "run", "score", "select", "cluster", "compare", "reproduce", "explain", "data", "validate", "about"}) {
    SCOPED_TRACE("clir " + command + " --help");
    const CliRun run = clir(command + " --help");
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_EQ(run.err, "");
    EXPECT_THAT(run.out, HasSubstr("Example"));
    EXPECT_THAT(run.out, HasSubstr("--help"));
  }
  const CliRun version = clir("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, StartsWith("clir "));
}

TEST_F(Cli, UsageErrorsAreOneLineAndExitCode2) {
  expect_one_line_error(clir("run --no-such-option"), "--no-such-option");
  expect_one_line_error(clir("validate"), "scenario");
  expect_one_line_error(clir("compare clir2024"), "candidate");
  CliRun run = clir("frobnicate --x");
  expect_one_line_error(run, "unknown command 'frobnicate'");
  EXPECT_THAT(run.err, HasSubstr("run, score, select, cluster, compare, reproduce, explain, data, resolve, validate, about"));
  expect_one_line_error(clir(""), "subcommand");
  // A command with subcommands of its own names the word it did not know, and its choices (#26).
  run = clir("data foo");
  expect_one_line_error(run, "unknown command 'foo' of 'clir data'; the commands are hromadas, clir2024, columns");
  expect_one_line_error(clir("data hromadaz"), "unknown command 'hromadaz' of 'clir data'; did you mean 'hromadas'?");
  expect_one_line_error(clir("data --format json"), "'clir data' needs a subcommand: one of hromadas, clir2024, columns");
  expect_one_line_error(clir("score --format xml"), "xml");
  expect_one_line_error(clir("cluster -k 6"), "--codes");  // none of --codes/--input/--reference
}

// The flags of `clir cluster` and `clir explain` come from the field declarations: the declared
// range and the enumeration's names are checked, with a suggestion, before anything runs.
TEST_F(Cli, FlagsFromFieldDeclarationsCheckRangesAndNames) {
  CliRun run = clir("cluster --reference clir2024 -k 6 --min-size 0");
  expect_one_line_error(run, "--min-size");
  EXPECT_THAT(run.err, HasSubstr("expected an integer >= 1, got 0"));
  run = clir("cluster --reference clir2024 -k 6 --alpha 1.5");
  expect_one_line_error(run, "expected a number in [0, 1], got 1.5");
  run = clir("cluster --reference clir2024 -k 6 --seed -1");
  expect_one_line_error(run, "expected an integer >= 0, got -1");
  run = clir("cluster --reference clir2024 -k 6 --geo-distance haversin");
  expect_one_line_error(run, "did you mean 'haversine'?");
  EXPECT_THAT(run.err, HasSubstr("unknown geographic distance 'haversin'"));
  run = clir("cluster --reference clir2024 -k 6 --method fasterpan");
  expect_one_line_error(run, "did you mean 'fasterpam'?");
  expect_one_line_error(clir("cluster --reference clir2024 -k 6 --must-link UA1"), "expected two codes A,B");
  // A declared field that was no flag before: the scale of the blend.
  run = clir("cluster --reference clir2024 -k 6 --alpha 0 --scale mean");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  expect_one_line_error(clir("explain --segments 0"), "expected an integer >= 1, got 0");
  expect_one_line_error(clir("explain --objective max_member"), "did you mean 'max_members'?");
  // --help shows each field's doc and allowed names.
  run = clir("cluster --help");
  EXPECT_THAT(run.out, HasSubstr("--geo-distance"));
  EXPECT_THAT(run.out, HasSubstr("{haversine,geodesic}"));
  EXPECT_THAT(run.out, HasSubstr("smallest group (communities)"));
}

TEST_F(Cli, InputErrorsNameTheFileLineAndKey) {
  // A missing file.
  expect_one_line_error(clir("run missing.toml -o out"), "missing.toml");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  // TOML syntax error: the file and line.
  write_text(dir_ / "syntax.toml", "[scenario]\nname = \"x\"\nseed = = 3\n");
  CliRun run = clir("validate syntax.toml");
  expect_one_line_error(run, "syntax.toml");
  EXPECT_THAT(run.err, HasSubstr(":3"));
  // A criterion on an unknown column names the column.
  std::string text = read_text(quick_scenario());
  const std::string column = "column = \"dotation_level\"";
  text.replace(text.find(column), column.size(), "column = \"dotation_levle\"");
  write_text(dir_ / "column.toml", text);
  run = clir("validate column.toml");
  expect_one_line_error(run, "dotation_levle");
  run = clir("score column.toml");
  expect_one_line_error(run, "dotation_levle");
  // A wrong type names the key and the line.
  write_text(dir_ / "type.toml", "[selection]\nsize = \"nineteen\"\n");
  run = clir("validate type.toml");
  expect_one_line_error(run, "type.toml:2");
  EXPECT_THAT(run.err, HasSubstr("size"));
  // Missing input files of other commands.
  expect_one_line_error(clir("compare clir2024 nothing.csv"), "nothing.csv");
  expect_one_line_error(clir("cluster --input nothing.csv -k 2"), "nothing.csv");
  expect_one_line_error(clir("cluster --codes UA99999999999999999,UA32060010000086043 -k 2"), "UA99999999999999999");
}

TEST_F(Cli, ValidateExamplesAndReportTypoWithSuggestion) {
  std::vector<fs::path> examples;
  for (const auto& entry : fs::directory_iterator(fs::path(CLIR_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() == ".toml") examples.push_back(entry.path());
  }
  ASSERT_GE(examples.size(), 4u);
  for (const auto& example : examples) {
    SCOPED_TRACE(example.string());
    // Run from the examples folder: a scenario's relative paths (applications.csv) are its own.
    const CliRun run = clir("validate " + quoted(example));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.err, "");
    EXPECT_THAT(run.out, HasSubstr("valid scenario"));
  }
  // A typo in a key: the file, line and column, and the closest valid key.
  std::string text = read_text(fs::path(CLIR_SOURCE_DIR) / "examples" / "clir2024.toml");
  const auto at = text.find("\nk = 6");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 6, "\nkk = 6");
  const std::size_t line = count_lines(text.substr(0, at + 1)) + 1;
  write_text(dir_ / "typo.toml", text);
  const CliRun run = clir("validate typo.toml");
  expect_one_line_error(run, "typo.toml:" + std::to_string(line) + ":1");
  EXPECT_THAT(run.err, HasSubstr("'kk'"));
  EXPECT_THAT(run.err, HasSubstr("did you mean 'k'"));
}

// PNG: 8-byte signature, then the IHDR chunk whose data starts with width and height (big endian).
std::pair<unsigned, unsigned> png_size(const std::string& png) {
  if (png.size() < 24 || png.compare(1, 3, "PNG") != 0) return {0, 0};
  auto be32 = [&](std::size_t at) {
    unsigned v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

double svg_attribute(const std::string& svg, const std::string& name) {
  // The match refers into `root`, so both live in this scope.
  const std::size_t open = svg.find("<svg");
  const std::string root = svg.substr(open, svg.find('>', open) - open);
  std::smatch match;
  if (!std::regex_search(root, match, std::regex("\\s" + name + "=\"([0-9.]+)(px)?\""))) return 0.0;
  return std::stod(match[1].str());
}

/// run.json without what may differ between runs of the same scenario: the timings, and the
/// thread count the scenario was run with.
nlohmann::json without_timings_and_threads(nlohmann::json j) {
  if (j.is_object()) {
    j.erase("timings_s");
    j.erase("threads");
    for (auto& [key, value] : j.items()) value = without_timings_and_threads(value);
  } else if (j.is_array()) {
    for (auto& value : j) value = without_timings_and_threads(value);
  }
  return j;
}

TEST_F(Cli, RunWritesOutputsRefusesOccupiedFolderAndDoesNotDependOnThreads) {
  quick_scenario();
  const std::vector<std::string> expected = {"scores.csv", "selection.csv", "groups.csv", "groups.geojson",
                                             "reference.csv", "report.md", "run.json", "map.svg",
                                             "report.html", "map.geojson"};
  CliRun run = clir("run quick.toml -o out --threads 1");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");  // no progress bar: stderr is not a terminal
  EXPECT_THAT(run.out, HasSubstr("Wrote"));
  EXPECT_THAT(run.out, HasSubstr("ARI"));
  const auto first = folder_contents(dir_ / "out");
  for (const auto& name : expected) {
    ASSERT_TRUE(first.contains(name)) << name;
    EXPECT_FALSE(first.at(name).empty()) << name;
  }
  EXPECT_EQ(first.size(), expected.size()) << "no temporary files left behind";
  // The outputs parse.
  EXPECT_EQ(clir::parse_csv(first.at("groups.csv"), "groups.csv").row_count(), 19u);
  EXPECT_EQ(clir::parse_csv(first.at("selection.csv"), "selection.csv").row_count(), 19u);
  const auto geojson = nlohmann::json::parse(first.at("groups.geojson"));
  EXPECT_EQ(geojson["type"], "FeatureCollection");
  EXPECT_EQ(geojson["features"].size(), 19u);
  const auto run_json = nlohmann::json::parse(first.at("run.json"));
  EXPECT_TRUE(run_json.contains("timings_s"));

  // An occupied folder is refused before any work, and left as it was.
  run = clir("run quick.toml -o out --threads 2");
  expect_one_line_error(run, "out");
  EXPECT_THAT(run.err, HasSubstr("--force"));
  EXPECT_EQ(folder_contents(dir_ / "out"), first);

  // With --force it is replaced; with another thread count the files are the same.
  run = clir("run quick.toml -o out --threads 2 --force");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const auto second = folder_contents(dir_ / "out");
  ASSERT_EQ(second.size(), first.size());
  for (const auto& [name, text] : first) {
    if (name == "run.json") {
      EXPECT_EQ(without_timings_and_threads(nlohmann::json::parse(second.at(name))), without_timings_and_threads(run_json));
    } else {
      EXPECT_TRUE(second.at(name) == text) << name << " differs between --threads 1 and --threads 2";
    }
  }

  // map.svg renders with a real renderer to an image of the size it declares.
  if (std::system("command -v rsvg-convert >/dev/null 2>&1") != 0) GTEST_SKIP() << "rsvg-convert not installed";
  const std::string svg = first.at("map.svg");
  const double width = svg_attribute(svg, "width");
  const double height = svg_attribute(svg, "height");
  ASSERT_GT(width, 100.0);
  ASSERT_GT(height, 100.0);
  const std::string command = "rsvg-convert -o " + quoted(dir_ / "map.png") + " " + quoted(dir_ / "out" / "map.svg");
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::string png = read_text(dir_ / "map.png");
  const auto [png_width, png_height] = png_size(png);
  EXPECT_EQ(png_width, static_cast<unsigned>(std::lround(width)));
  EXPECT_EQ(png_height, static_cast<unsigned>(std::lround(height)));
  EXPECT_GT(png.size(), 10'000u);  // a drawn map, not a blank page
}

TEST_F(Cli, ScoreAndSelect) {
  quick_scenario();
  CliRun run = clir("score quick.toml --top 5");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(run.out, m, std::regex("^([0-9]+) applicants, ([0-9]+) eligible"))) << run.out;
  const std::size_t applicants = std::stoul(m[1].str());
  EXPECT_GT(applicants, 300u);
  EXPECT_LT(std::stoul(m[2].str()), applicants);
  EXPECT_THAT(run.out, HasSubstr("more (--top 0 for all"));

  run = clir("select quick.toml --top 3");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_THAT(run.out, HasSubstr(std::to_string(applicants) + " applicants"));

  run = clir("select quick.toml --format csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const auto doc = clir::parse_csv(run.out, "clir select");
  EXPECT_EQ(doc.row_count(), applicants);
  const std::size_t selected = doc.column("selected");
  const std::size_t oblast = doc.column("oblast_uk");
  std::size_t chosen = 0;
  std::map<std::string, int> per_oblast;
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    if (doc.cell(r, selected) == "1") {
      ++chosen;
      ++per_oblast[doc.cell(r, oblast)];
    }
  }
  EXPECT_EQ(chosen, 19u);
  EXPECT_GE(per_oblast.size(), 7u);
  for (const auto& [name, n] : per_oblast) EXPECT_LE(n, 4) << name;
}

TEST_F(Cli, ClusterAndCompare) {
  CliRun run = clir("cluster --reference clir2024 -k 6 --alpha 0 --min-size 2 --max-size 4");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_THAT(run.out, HasSubstr("19 communities in 6 groups"));
  EXPECT_TRUE(std::regex_search(run.out, std::regex("ARI -?[0-9]"))) << run.out;
  EXPECT_TRUE(std::regex_search(run.out, std::regex("medoid silhouette 0\\.[0-9]"))) << run.out;

  // Medoid silhouette clustering: FasterMSC with k groups, DynMSC choosing k in 2..k.
  run = clir("cluster --reference clir2024 -k 6 --alpha 0 --method fastermsc");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("19 communities in 6 groups (fastermsc"));
  run = clir("cluster --reference clir2024 -k 8 --alpha 0 --method dynmsc");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::regex_search(run.out, std::regex("19 communities in [2-8] groups \\(dynmsc"))) << run.out;

  // SKATER on the shared borders of the built-in polygons; the graph applies to SKATER only.
  run = clir("cluster --reference clir2024 -k 6 --alpha 0 --method skater --graph contiguity");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("19 communities in 6 groups (skater"));
  expect_one_line_error(clir("cluster --reference clir2024 -k 6 --alpha 0 --graph contiguity"), "'graph'");

  // The published grouping compared with itself.
  run = clir("data clir2024 --format csv > published.csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  run = clir("compare clir2024 published.csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_THAT(run.out, HasSubstr("adjusted Rand index        1.0000"));
  EXPECT_THAT(run.out, HasSubstr("differently (after the best one-to-one matching of groups): 0"));

  // A grouping of other communities (the published file without its last row) is an input error.
  std::string text = read_text(dir_ / "published.csv");
  text.erase(text.find_last_of('\n', text.size() - 2) + 1);
  write_text(dir_ / "short.csv", text);
  run = clir("compare clir2024 short.csv");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, StartsWith("clir: error:"));
  EXPECT_EQ(count_lines(run.err), 1u) << run.err;

  // The csv format of cluster feeds compare.
  run = clir("cluster --reference clir2024 -k 6 --alpha 0 --min-size 2 --max-size 4 --format csv > mine.csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(clir::parse_csv(read_text(dir_ / "mine.csv"), "mine.csv").row_count(), 19u);
  run = clir("compare clir2024 mine.csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("19 communities"));
}

TEST_F(Cli, RunColoursTheMapByScore) {
  quick_scenario();
  CliRun run = clir("run quick.toml -o scored --threads 1 --map-colour score -q");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string svg = read_text(dir_ / "scored" / "map.svg");
  EXPECT_THAT(svg, HasSubstr(">Score (topsis): "));
  EXPECT_THAT(read_text(dir_ / "scored" / "report.html"), HasSubstr(">Score (topsis): "));
  run = clir("run quick.toml -o other --map-colour rainbow");
  expect_one_line_error(run, "rainbow");
}

TEST_F(Cli, RunDrawsAChoropleth) {
  quick_scenario();
  CliRun run = clir("run quick.toml -o choropleth --threads 1 --map-style choropleth --map-colour selection -q");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string svg = read_text(dir_ / "choropleth" / "map.svg");
  std::size_t areas = 0;
  for (std::size_t at = 0; (at = svg.find("<path fill=", at)) != std::string::npos; ++at) ++areas;
  EXPECT_EQ(areas, 1469u);
  EXPECT_THAT(svg, HasSubstr(">Eligible, not selected</text>"));
  EXPECT_THAT(read_text(dir_ / "choropleth" / "report.html"), HasSubstr(">Eligible, not selected</text>"));
  // The scenario's [output] says the same; the flags override it.
  std::string text = read_text(dir_ / "quick.toml");
  const std::string output = "[output]\n";
  ASSERT_NE(text.find(output), std::string::npos) << "examples/clir2024.toml changed: update this test";
  text.insert(text.find(output) + output.size(), "map_style = \"choropleth\"\nmap_colour = \"score\"\n");
  write_text(dir_ / "choropleth.toml", text);
  run = clir("run choropleth.toml -o from-scenario --threads 1 -q");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(read_text(dir_ / "from-scenario" / "map.svg"), HasSubstr("equal classes)</text>"));
  run = clir("run choropleth.toml -o points --threads 1 -q --map-style points --map-colour group");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(read_text(dir_ / "points" / "map.svg"), Not(HasSubstr("<g id=\"areas\"")));
  run = clir("run quick.toml -o bad --map-style polygons");
  expect_one_line_error(run, "polygons");
  run = clir("run quick.toml -o bad2 --map-colour selection");
  expect_one_line_error(run, "choropleth");
}

TEST_F(Cli, ReproduceWritesTheGrid) {
  const CliRun run = clir("reproduce --methods pam --alphas 0,1 -o grid");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  for (const std::string name : {"reproduction.csv", "reproduction.json", "reproduction.md", "reproduction.html"}) {
    EXPECT_TRUE(fs::exists(dir_ / "grid" / name)) << name;
  }
  EXPECT_EQ(run.out, read_text(dir_ / "grid" / "reproduction.md"));
  EXPECT_THAT(run.out, HasSubstr("| pam"));
  const auto csv = clir::parse_csv(read_text(dir_ / "grid" / "reproduction.csv"), "reproduction.csv");
  EXPECT_GE(csv.row_count(), 2u);
  const auto json = nlohmann::json::parse(read_text(dir_ / "grid" / "reproduction.json"));
  EXPECT_FALSE(json.empty());
  // The folder is now occupied.
  expect_one_line_error(clir("reproduce --methods pam --alphas 0 -o grid"), "grid");
}

// Two oblasts keep `clir explain` quick; the published members elsewhere are listed as not
// candidates. The selection size is the number of published members in the two oblasts.
std::size_t published_in_two_oblasts() {
  std::size_t count = 0;
  for (const auto& code : clir::load_reference("clir2024").codes) {
    const auto& oblast = clir::find_hromada(code).oblast_uk;
    count += oblast == "Чернігівська" || oblast == "Київська";
  }
  return count;
}

std::string two_oblast_explain_scenario() {
  return "[pool]\noblasts = [\"Чернігівська\", \"Київська\"]\n[selection]\nsize = " +
         std::to_string(published_in_two_oblasts()) + "\n[explain]\ntime_limit_s = 2\n";
}

TEST_F(Cli, ExplainWritesTheReport) {
  write_text(dir_ / "explain.toml", two_oblast_explain_scenario());
  const CliRun run = clir("explain explain.toml --reference clir2024 -o ex");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, read_text(dir_ / "ex" / "explain.md"));
  EXPECT_THAT(run.out, HasSubstr("## Where each member ranks under it"));
  EXPECT_THAT(run.out, HasSubstr("not a candidate: not among the scenario's applicants"));
  const auto json = nlohmann::json::parse(read_text(dir_ / "ex" / "explain.json"));
  const std::size_t published = clir::load_reference("clir2024").codes.size();
  const std::size_t inside = published_in_two_oblasts();
  ASSERT_GT(inside, 0u);
  ASSERT_LT(inside, published);
  EXPECT_EQ(json["reference_size"], inside);
  EXPECT_EQ(json["not_candidates"].size(), published - inside);
  EXPECT_EQ(json["members"].size(), inside);
  const std::string headline = "reference members among the " + std::to_string(inside) + " best";
  const std::string html = read_text(dir_ / "ex" / "explain.html");
  EXPECT_THAT(html, HasSubstr("<section id=\"explain\""));
  EXPECT_THAT(html, HasSubstr(headline));  // the headline, as in explain.md
  EXPECT_THAT(run.out, HasSubstr(headline));
  expect_one_line_error(clir("explain explain.toml -o ex"), "ex");  // the folder is now occupied
  expect_one_line_error(clir("explain explain.toml -o ex2 --objective most"), "most");
}

TEST_F(Cli, RunExplainAddsTheSectionToTheReport) {
  write_text(dir_ / "explain.toml", two_oblast_explain_scenario());
  const CliRun run = clir("run explain.toml --explain -q -o out");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");  // -q: nothing (#26)
  const std::string md = read_text(dir_ / "out" / "explain.md");
  EXPECT_THAT(md, HasSubstr("## Where each member ranks under it"));
  const std::string html = read_text(dir_ / "out" / "report.html");
  EXPECT_THAT(html, HasSubstr("<section id=\"explain\""));
  EXPECT_THAT(html, HasSubstr("id=\"explain-weights\""));
  EXPECT_THAT(html, HasSubstr("reference members among the " + std::to_string(published_in_two_oblasts()) + " best"));
  // Without the flag there is no such section.
  const CliRun plain = clir("run explain.toml -q -o plain");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_THAT(read_text(dir_ / "plain" / "report.html"), Not(HasSubstr("<section id=\"explain\"")));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "plain" / "explain.md"));
}

}  // namespace
