// Hostile input and interruption (issue #26), end to end: what the `clir` command does with
// inputs that are not regular files, with a file size limit, with a signal in the middle of
// writing, and with an output folder that is occupied. Each case is a row of docs/errors.md.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "clir/io/csv.hpp"
#include "clir/pipeline/run.hpp"
#include "cli_fixture.hpp"

namespace {

using namespace clir_cli_test;

const std::vector<std::string> kRunFiles = {"groups.csv",  "groups.geojson", "map.geojson",   "map.svg",  "reference.csv",
                                            "report.html", "report.md",      "run.json",      "scores.csv", "selection.csv"};

std::vector<std::string> entry_names(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A scenario that fails after the pool is built (more to select than there are applicants):
// `clir run` refuses it only once the work has begun.
const char* const kFailsLate = "[selection]\nsize = 5000\n";

TEST_F(Cli, FileSizeLimitIsAnErrorAndLeavesNoFolder) {
  quick_scenario();
  // 100 blocks of 512 bytes: report.html and scores.csv are larger.
  const CliRun run = clir("run quick.toml -o out", "ulimit -f 100; ");
  expect_one_line_error(run, "File too large");
  EXPECT_THAT(run.err, HasSubstr(": cannot write the file: File too large"));
  EXPECT_THAT(run.err, StartsWith("clir: error: out/"));  // the file's final path, not the temporary's
  EXPECT_EQ(entry_names(dir_), (std::vector<std::string>{"quick.toml"}));
}

TEST_F(Cli, InputsThatAreNotRegularFilesAreRefused) {
  ASSERT_EQ(::mkfifo((dir_ / "pipe.toml").c_str(), 0600), 0);
  ASSERT_EQ(::mkfifo((dir_ / "pipe.csv").c_str(), 0600), 0);
  // `timeout`: before the fix a named pipe blocked forever.
  CliRun run = clir("validate pipe.toml", "timeout 60 ");
  expect_one_line_error(run, "pipe.toml: is a named pipe, not a regular file; clir reads its inputs from files");
  run = clir("cluster --input pipe.csv -k 2 --alpha 0", "timeout 60 ");
  expect_one_line_error(run, "pipe.csv: is a named pipe, not a regular file");
  run = clir("validate /dev/urandom", "timeout 60 ");
  expect_one_line_error(run, "/dev/urandom: is a character device, not a regular file");
  run = clir("compare clir2024 /dev/zero", "timeout 60 ");
  expect_one_line_error(run, "/dev/zero: is a character device, not a regular file");
  write_text(dir_ / "apps.toml", "[data]\napplications = \"/dev/zero\"\n");
  run = clir("run apps.toml -o out", "timeout 60 ");
  expect_one_line_error(run, "/dev/zero: is a character device, not a regular file");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(Cli, OversizedInputsAreRefused) {
  write_text(dir_ / "big.toml", "# " + std::string(std::size_t{2} << 20, 'x') + "\n");
  expect_one_line_error(clir("validate big.toml"),
                        "big.toml: the file (2 MiB) is larger than the limit of 1 MiB for an input file");
}

TEST_F(Cli, FailedRunLeavesNoFolder) {
  // Before #26 the folder was created before the work and stayed, empty, after an error.
  write_text(dir_ / "late.toml", kFailsLate);
  const CliRun run = clir("run late.toml -o out/nested");
  expect_one_line_error(run, "select 5000");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(Cli, ForceReplacesTheWholeFolderAndItsStaleTemporaries) {
  quick_scenario();
  ASSERT_EQ(clir("run quick.toml -o out --no-map").exit_code, 0);
  // What an interrupted run of the old writer left: a temporary of a process that is gone.
  write_text(dir_ / "out" / ".map.svg.tmp-999999-3-0", "<svg");
  // And of an interrupted folder write, beside the folder.
  fs::create_directories(dir_ / ".out.clir-tmp-999999-7");
  const CliRun run = clir("run quick.toml -o out --force");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(entry_names(dir_ / "out"), kRunFiles);
  EXPECT_EQ(entry_names(dir_), (std::vector<std::string>{"out", "quick.toml"}));
}

TEST_F(Cli, ForceRefusesAFolderHoldingOtherThings) {
  quick_scenario();
  fs::create_directories(dir_ / "out" / "report.html");
  write_text(dir_ / "out" / "scores.csv", "old");
  // Refused before the work; before #26 seven files were written, then the error.
  const CliRun run = clir("run quick.toml -o out --force");
  expect_one_line_error(run, "out: overwriting replaces the whole output folder, and it holds the folder 'report.html', "
                             "which clir does not write; move that away or choose another output folder");
  EXPECT_EQ(entry_names(dir_ / "out"), (std::vector<std::string>{"report.html", "scores.csv"}));
  EXPECT_EQ(read_text(dir_ / "out" / "scores.csv"), "old");
}

TEST_F(Cli, InterruptedRunLeavesNoFolderOrTheOldOne) {
  // A signal at any moment: the folder is absent (first run) or complete, never part of one,
  // and no temporary survives the next run.
  quick_scenario();
  for (const char* delay : {"0.05", "0.2", "0.4", "0.8", "1.5"}) {
    SCOPED_TRACE(delay);
    fs::remove_all(dir_ / "out");
    const std::string background = "( " + quoted(exe_) + " run quick.toml -o out >/dev/null 2>&1 & pid=$!; sleep " +
                                   delay + "; kill -TERM $pid; wait $pid ); ";
    (void)clir("--version", background);
    if (fs::exists(dir_ / "out")) {
      EXPECT_EQ(entry_names(dir_ / "out"), kRunFiles);
    }
    const CliRun again = clir("run quick.toml -o out --force");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(entry_names(dir_ / "out"), kRunFiles);
    EXPECT_EQ(entry_names(dir_), (std::vector<std::string>{"out", "quick.toml"}));
  }
}

TEST_F(Cli, FailedReproduceWritesNothing) {
  // Before #26 reproduction.csv was written before the error of the JSON file.
  const CliRun run = clir("reproduce --methods pam --alphas nan -o out");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// ===== accepted silently, wrong result =====================================================

TEST_F(Cli, NegativeAndOverflowingIntegersAreRefused) {
  // Before #26: --seed -1 and --seed 99999999999999999999999 became 2^64 - 1, --top -1 printed
  // every row, --threads 4294967296 said only "Could not convert".
  CliRun run = clir("score --seed -1");
  expect_one_line_error(run, "--seed: expected a whole number from 0 to 18446744073709551615, got -1");
  run = clir("run --seed 99999999999999999999999 -o out");
  expect_one_line_error(run, "expected a whole number from 0 to 18446744073709551615, got 99999999999999999999999");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  expect_one_line_error(clir("score --top -1"), "--top: expected a whole number from 0 to");
  expect_one_line_error(clir("select --threads 4294967296"), "--threads: expected a whole number from 0 to 4294967295, got 4294967296");
  expect_one_line_error(clir("reproduce --seed -5"), "--seed: expected a whole number from 0 to");
  // Declared fields: the declared range, and the type's range.
  expect_one_line_error(clir("cluster --reference clir2024 -k -1 --alpha 0"), "expected an integer >= 1, got -1");
  expect_one_line_error(clir("cluster --reference clir2024 -k 6 --alpha 0 --seed 99999999999999999999999"),
                        "(at most 18446744073709551615), got 99999999999999999999999");
}

TEST_F(Cli, UnknownCategoriesAreErrorsWithASuggestion) {
  // Before #26 a misspelt category matched nobody: the rule or quota did nothing, and
  // `clir validate` called the file valid.
  write_text(dir_ / "rule.toml", "[[eligibility]]\nrule = \"oblast_uk not in {Донецка}\"\n");
  expect_one_line_error(clir("validate rule.toml"), "unknown category 'Донецка' of oblast_uk; did you mean 'Донецька'?");
  write_text(dir_ / "quota.toml", "[[selection.quota]]\ncolumn = \"oblast_uk\"\ncategory = \"Донецка\"\nmax = 2\n");
  expect_one_line_error(clir("validate quota.toml"), "unknown category 'Донецка' of oblast_uk; did you mean 'Донецька'?");
  write_text(dir_ / "type.toml", "[[eligibility]]\nrule = \"type in {ctiy}\"\n");
  expect_one_line_error(clir("validate type.toml"), "unknown category 'ctiy' of type; did you mean 'city'?");
  write_text(dir_ / "together.toml",
             "[clustering]\ncategory = \"oblast_uk\"\nallowed_together = [[\"Донецька\", \"Харкiвська\"]]\n");
  expect_one_line_error(clir("validate together.toml"), "unknown category 'Харкiвська' of oblast_uk; did you mean 'Харківська'?");
}

TEST_F(Cli, ValidateRunsTheChecksOfTheLaterStages) {
  // Each of these was "valid" before #26, and `clir run` then failed after its work.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[selection]\nsize = 5000\n", "select 5000"},
      {"[clustering]\nk = 50\n", "s.toml:2:5: 'clustering.k': k = 50 groups for 19 selected communities; expected 1 <= k <= 19"},
      {"[clustering]\nk = 19\nmin_size = 2\n", "'clustering.min_size': 19 groups of at least 2 need 38 communities, more than the 19 selected communities"},
      {"[clustering]\nneeds_columns = [\"dotation_levle\"]\n", "no numeric column 'dotation_levle'; did you mean 'dotation_level'?"},
      {"[output]\ndirectory = \"\"\n", "'output.directory': the output folder is empty"},
      {"[[explain.bounds]]\ncriterion = \"dotation\"\nmin = 0.5\nmax = 0.2\n", "the smallest weight 0.5 exceeds the largest 0.2"},
  };
  for (const auto& [text, message] : cases) {
    SCOPED_TRACE(text);
    write_text(dir_ / "s.toml", text);
    expect_one_line_error(clir("validate s.toml"), message);
  }
}

TEST_F(Cli, WriteErrorsOnStandardOutputFail) {
  // Before #26 each of these exited 0 with the output lost.
  for (const std::string command : {"cluster --reference clir2024 -k 6 --alpha 0 --format csv", "data hromadas --format json",
                                    "score --format csv", "select", "compare clir2024 clir2024", "--help"}) {
    SCOPED_TRACE(command);
    const CliRun run = clir(command + " >/dev/full");
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_THAT(run.err, StartsWith("clir: error: "));
    EXPECT_EQ(count_lines(run.err), 1u) << run.err;
    // Where the error is met at the final flush, the system's reason is given.
    if (command == "--help" || command == "compare clir2024 clir2024") {
      EXPECT_EQ(run.err, "clir: error: cannot write to standard output: No space left on device\n");
    }
  }
}

TEST_F(Cli, AnUnknownGeographicDistanceNamesTheFlag) {
  // Before #26 this named the library's key 'method', which no flag of the CLI is called.
  expect_one_line_error(clir("cluster --reference clir2024 -k 6 --geo-distance manhattan"),
                        "--geo-distance: unknown geographic distance 'manhattan' (allowed: haversine, geodesic)");
}

TEST_F(Cli, CompareReadsGroupLabelsAsNumbers) {
  // "1", "01" are one group; before #26 they were two, and "1.0" a third.
  const CliRun published = clir("cluster --reference clir2024 -k 6 --alpha 0 --format csv");
  ASSERT_EQ(published.exit_code, 0) << published.err;
  std::string padded = "code,group\n";
  std::string plain = "code,group\n";
  std::istringstream lines(published.out);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    const auto first = line.find(','), second = line.find(',', first + 1);
    const std::string code = line.substr(0, first), group = line.substr(first + 1, second - first - 1);
    plain += code + "," + group + "\n";
    padded += code + ",0" + group + "\n";
  }
  write_text(dir_ / "plain.csv", plain);
  write_text(dir_ / "padded.csv", padded);
  const CliRun same = clir("compare plain.csv padded.csv");
  ASSERT_EQ(same.exit_code, 0) << same.err;
  EXPECT_THAT(same.out, HasSubstr("adjusted Rand index        1.0000"));
  EXPECT_THAT(same.out, HasSubstr("candidate 6 groups"));
  write_text(dir_ / "decimal.csv", "code,group\nUA32060010000086043,1\nUA32140070000012102,1.0\n");
  expect_one_line_error(clir("compare plain.csv decimal.csv"),
                        "decimal.csv:3:2: 'group': expected a whole number, got '1.0'; the groups are numbered (line 2: '1')");
}

TEST_F(Cli, IgnoredFlagCombinationsAreRefused) {
  expect_one_line_error(clir("run -o \"\""), "the output folder path is empty");
  expect_one_line_error(clir("cluster --reference clir2024 -k 6 --alpha 0 --allow-together Донецька,Харківська"),
                        "allowed_together");
  expect_one_line_error(clir("reproduce --alphas 2 -o out"), "'alphas': alpha 2 is outside [0, 1]");
  expect_one_line_error(clir("reproduce --needs nope -o out"), "'needs_columns': no numeric column 'nope'");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// ===== unclear messages and first steps ====================================================

TEST_F(Cli, EchoedValuesAreCutAndControlBytesEscaped) {
  // A 1 MB code was echoed in full, and a NUL cut the line short.
  const std::string huge(1 << 20, '7');
  write_text(dir_ / "huge.csv", "code\nUA" + huge + "\n");
  CliRun run = clir("cluster --input huge.csv -k 1 --alpha 0");
  expect_one_line_error(run, "huge.csv:2:1: 'code': 'UA7777777");  // the input file, not the built-in data
  EXPECT_THAT(run.err, HasSubstr("...(10485"));
  EXPECT_LT(run.err.size(), 400u);
  constexpr char kNulCsv[] = "code\nUA3206001\0" "0000086043\n";  // the size counts the NUL inside
  write_text(dir_ / "nul.csv", std::string(kNulCsv, sizeof kNulCsv - 1));
  run = clir("cluster --input nul.csv -k 1 --alpha 0");
  expect_one_line_error(run, "nul.csv:2:1: 'code': 'UA3206001\\x000000086043'");
}

TEST_F(Cli, ClearerMessagesForCommonMistakes) {
  expect_one_line_error(clir("cluster --codes '' -k 2 --alpha 0"), "--codes names no community");
  expect_one_line_error(clir("cluster --codes ',,,' -k 2 --alpha 0"), "--codes names no community");
  write_text(dir_ / "utf16.toml", std::string("\xFF\xFE[\0s\0", 6));
  expect_one_line_error(clir("validate utf16.toml"),
                        "utf16.toml:1: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
}

TEST_F(Cli, RunNamesTheReportAndQuietIsSilent) {
  quick_scenario();
  CliRun run = clir("run quick.toml -o out --no-map");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Open out/report.html in a web browser"));
  run = clir("run quick.toml -o out --force -q");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "");
}

TEST_F(Cli, ThreadsBeyondTheCoresAreCappedWithANote) {
  const CliRun run = clir("score --threads 4096 --top 1");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("clir: note: --threads 4096 is more than the "));
  // `cluster` too: its threads come from the declared GroupingSpec field.
  const CliRun cluster = clir("cluster --reference clir2024 -k 6 --threads 4096 --format csv");
  ASSERT_EQ(cluster.exit_code, 0) << cluster.err;
  EXPECT_THAT(cluster.err, HasSubstr("clir: note: --threads 4096 is more than the "));
}

TEST_F(Cli, RepeatedInputCodesNameTheFileAndBothLines) {
  // Before: "'UA…': id 'UA…' appears in rows 1 and 2", without the file.
  write_text(dir_ / "chosen.csv", "code\nUA12020010000033698\nUA32060010000086043\nUA12020010000033698\n");
  expect_one_line_error(clir("cluster --input chosen.csv -k 1"),
                        "chosen.csv:4:1: 'code': code 'UA12020010000033698' is given twice, on lines 2 and 4");
}

TEST_F(Cli, EmptyScenarioIsEveryHromadaWithoutRules) {
  // docs/scenario.md says what an empty scenario does; before #26 it claimed the CLIR 2024 defaults.
  write_text(dir_ / "empty.toml", "");
  const CliRun run = clir("validate empty.toml");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr(": 1469 applicants, 1469 eligible"));
  EXPECT_THAT(read_text(fs::path(CLIR_SOURCE_DIR) / "docs" / "scenario.md"),
              HasSubstr("an empty scenario file applies every one of the 1,469\nhromadas"));
}

TEST_F(Cli, PairConstraintsApplyToTheReferenceOnlyWhereBothArePresent) {
  // A must-link between two selected communities, neither among the published 19: before #26
  // regrouping the published 19 failed with "'UA…' is not among the communities being grouped".
  quick_scenario();
  const CliRun selected = clir("select quick.toml --format csv");
  ASSERT_EQ(selected.exit_code, 0) << selected.err;
  const auto doc = clir::parse_csv(selected.out, "select.csv");
  const std::size_t code = doc.column("code"), chosen = doc.column("selected");
  std::vector<std::string> codes;
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    if (doc.cell(r, chosen) == "1") codes.push_back(doc.cell(r, code));
  }
  const clir::ReferenceGroups published = clir::load_reference("clir2024");
  std::vector<std::string> outside;
  for (const auto& c : codes) {
    if (std::find(published.codes.begin(), published.codes.end(), c) == published.codes.end()) outside.push_back(c);
  }
  ASSERT_GE(outside.size(), 2u);
  std::string text = read_text(dir_ / "quick.toml");
  text.replace(text.find("[clustering]\n"), 13,
               "[clustering]\nmust_link = [[\"" + outside[0] + "\", \"" + outside[1] + "\"]]\n");
  write_text(dir_ / "linked.toml", text);
  const CliRun run = clir("run linked.toml -o out -q");
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(Cli, SelectionTimeOutSaysTimeLimitReached) {
  // The MIP at a time limit of 1 µs stops before any selection (GLPK checks its limit before the
  // root node). Before #26: "GLPK found no selection within 1e-06 s; conflicting constraints: select 19".
  write_text(dir_ / "s.toml",
             "[selection]\nsize = 19\nsolver = \"mip\"\ntime_limit_s = 0.000001\n"
             "[[selection.quota]]\ncolumn = \"oblast_uk\"\nmax = 4\n");
  const CliRun run = clir("select s.toml");
  expect_one_line_error(run, "'selection.time_limit_s': time limit reached: GLPK found no answer to whether the quotas can "
                             "hold together within the time limit of 1e-06 s; raise selection.time_limit_s (seconds), or make "
                             "the quotas fewer or looser");
  EXPECT_THAT(run.err, Not(HasSubstr("conflicting")));
}

// `clir explain` and `clir run --explain` on a terminal: a line with the time it will take (from
// the first solver calls, not a constant), then a progress bar on stderr; nothing with -q, and
// nothing on stderr when it is not a terminal (as the run's progress bar).
TEST_F(Cli, ExplainSaysHowLongItTakesAndShowsProgressOnATerminal) {
  write_text(dir_ / "explain.toml",
             "[pool]\noblasts = [\"Чернігівська\", \"Київська\"]\n[selection]\nsize = 5\n[clustering]\nk = 2\n"
             "[explain]\ntime_limit_s = 1\n");
  // util-linux's script(1) runs the command on a pseudo-terminal; its output is the terminal's.
  const auto on_terminal = [&](const std::string& arguments) {
    std::string command = "cd " + quoted(dir_) + " && script -qec '" + exe_.string() + " " + arguments + "' /dev/null </dev/null";
    return clir_test::run_command(command);
  };
  const auto shown = on_terminal("explain explain.toml -o ex");
  ASSERT_EQ(shown.exit_code, 0) << shown.out;
  EXPECT_THAT(shown.out, testing::ContainsRegex("clir: explaining takes about [0-9]+ s here \\(estimated from its first solver "
                                                "calls; up to [0-9]+ s of it is the MIP's time limit, explain.time_limit_s\\)"));
  EXPECT_THAT(shown.out, HasSubstr("explain: stability"));
  EXPECT_THAT(shown.out, HasSubstr(" left"));
  EXPECT_THAT(shown.out, HasSubstr("## Where each member ranks under it"));  // explain.md, as before

  const auto quiet = on_terminal("explain explain.toml -o ex2 -q");
  ASSERT_EQ(quiet.exit_code, 0) << quiet.out;
  EXPECT_EQ(quiet.out, "");
  EXPECT_TRUE(fs::exists(dir_ / "ex2" / "explain.md"));

  const auto run_quiet = on_terminal("run explain.toml --explain -q -o out");
  ASSERT_EQ(run_quiet.exit_code, 0) << run_quiet.out;
  EXPECT_EQ(run_quiet.out, "");
  const auto run_shown = on_terminal("run explain.toml --explain -o out2");
  ASSERT_EQ(run_shown.exit_code, 0) << run_shown.out;
  EXPECT_THAT(run_shown.out, HasSubstr("clir: explaining takes about "));

  const CliRun piped = clir("explain explain.toml -o ex3");
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.err, "");
}

TEST_F(Cli, CriteriaErrorsNameTheirLine) {
  // Found by the scoring library after parsing: before #26 "'criteria.dotation_levle.column': ..."
  // without the file and line.
  write_text(dir_ / "c.toml", "[[criteria]]\ncolumn = \"idps_2023\"\n[[criteria]]\ncolumn = \"dotation_levle\"\n");
  expect_one_line_error(clir("validate c.toml"), "c.toml:4:10: 'criteria.dotation_levle.column': criterion 'dotation_levle': no "
                                                 "numeric column 'dotation_levle'");
  write_text(dir_ / "w.toml", "[[criteria]]\ncolumn = \"idps_2023\"\nweight = 0\n");
  expect_one_line_error(clir("run w.toml -o out"), "w.toml:3:10: 'criteria.weight': every criterion has weight 0");
}

}  // namespace
