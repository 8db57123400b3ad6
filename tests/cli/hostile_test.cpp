// Hostile input and interruption (issue #26), end to end: what the `clir` command does with
// inputs that are not regular files, with a file size limit, with a signal in the middle of
// writing, and with an output folder that is occupied. Each case is a row of docs/errors.md.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

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

}  // namespace
