#pragma once
// The fixture of the `clir` end-to-end tests (tests/cli/*.cpp): runs the built executable in a
// folder of its own per test, with stdout and stderr captured apart.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "support/support.hpp"

namespace clir_cli_test {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::testing::Not;

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline std::string quoted(const fs::path& p) {
  std::string s(1, '"');
  s.append(p.string()).append(1, '"');
  return s;
}

using clir_test::read_text;

inline void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

inline std::size_t count_lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

/// The files of a folder by name, with their contents.
inline std::map<std::string, std::string> folder_contents(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) files[entry.path().filename().string()] = read_text(entry.path());
  return files;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    exe_ = fs::path(CLIR_BINARY_DIR) / "clir";
    if (!fs::exists(exe_)) GTEST_SKIP() << "clir not built";
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // One folder per test: ctest runs the tests of this area in parallel.
    dir_ = fs::path(CLIR_BINARY_DIR) / "cli-test" / (std::string(info->test_suite_name()) + "." + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  /// Runs `clir ARGUMENTS` (shell syntax) in the test's folder, after the shell commands
  /// @p before (such as "ulimit -f 100; ").
  CliRun clir(const std::string& arguments, const std::string& before = "") const {
    const fs::path err_file = dir_ / "stderr.txt";
    std::string command = "cd ";
    command.append(quoted(dir_)).append(" && ").append(before).append(quoted(exe_)).append(" ").append(arguments);
    command.append(" 2>").append(quoted(err_file)).append(" </dev/null");
    const clir_test::CommandOutput output = clir_test::run_command(command);
    CliRun run{.exit_code = output.exit_code, .out = output.out, .err = read_text(err_file)};
    fs::remove(err_file);
    return run;
  }

  /// Writes the CLIR 2024 example scenario with fewer robustness draws (quick) as NAME.
  fs::path quick_scenario(const std::string& name = "quick.toml") const {
    std::string text = read_text(fs::path(CLIR_SOURCE_DIR) / "examples" / "clir2024.toml");
    const std::string draws = "draws = 2000";
    const auto at = text.find(draws);
    EXPECT_NE(at, std::string::npos) << "examples/clir2024.toml changed: update this test";
    if (at != std::string::npos) text.replace(at, draws.size(), "draws = 100");
    write_text(dir_ / name, text);
    return dir_ / name;
  }

  fs::path exe_;
  fs::path dir_;
};

/// An error is exactly one line on stderr starting "clir: error:", exit code 2, nothing on stdout.
inline void expect_one_line_error(const CliRun& run, const std::string& must_contain) {
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, StartsWith("clir: error:"));
  EXPECT_EQ(count_lines(run.err), 1u) << run.err;
  EXPECT_THAT(run.err, HasSubstr(must_contain));
}

}  // namespace clir_cli_test
