// Every example of every `--help` and of the README's command-line section runs as written
// (issue #26: three --help examples failed). The examples are read from the built executable's
// help and from README.md, not copied here, so a new example is tested as soon as it is added.
// The files they name (my.toml, chosen.csv, published.csv, mine.csv) are made first; my.toml is
// the CLIR 2024 example with fewer robustness draws.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace {

using namespace clir_cli_test;

// The example lines ("  clir ...") under "Examples:" in @p help, without trailing comments.
std::vector<std::string> help_examples(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream lines(help);
  std::string line;
  bool in_examples = false;
  while (std::getline(lines, line)) {
    if (line.starts_with("Examples:")) {
      in_examples = true;
    } else if (in_examples && line.starts_with("  clir ")) {
      out.push_back(line.substr(2));
    } else if (in_examples && !line.starts_with("  ")) {
      in_examples = false;
    }
  }
  return out;
}

// The commands of README.md's "## The command line" sh block, continuation lines joined.
std::vector<std::string> readme_examples(const std::string& readme) {
  const auto section = readme.find("## The command line");
  const auto begin = readme.find("```sh\n", section) + 6;
  const auto end = readme.find("```", begin);
  std::vector<std::string> out;
  std::istringstream lines(readme.substr(begin, end - begin));
  std::string line, command;
  while (std::getline(lines, line)) {
    const bool continued = line.ends_with("\\");
    command += continued ? line.substr(0, line.size() - 1) : line;
    if (!continued) {
      if (command.starts_with("clir ")) out.push_back(command);
      command.clear();
    }
  }
  return out;
}

class Examples : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    if (IsSkipped()) return;
    fs::rename(quick_scenario(), dir_ / "my.toml");
    // The published 19, as a file with a code column (and a group column, for compare).
    const CliRun published = clir("cluster --reference clir2024 -k 6 --format csv");
    ASSERT_EQ(published.exit_code, 0) << published.err;
    write_text(dir_ / "chosen.csv", published.out);
    write_text(dir_ / "mine.csv", published.out);
    write_text(dir_ / "published.csv", "name,oblast\nБаришівка,Київська\nГлеваха,Київська\n");
    fs::create_directories(dir_ / "examples");
    for (const auto& entry : fs::directory_iterator(fs::path(CLIR_SOURCE_DIR) / "examples")) {
      fs::copy(entry.path(), dir_ / "examples" / entry.path().filename());
    }
  }

  // Runs @p example (a line starting "clir ") in the test's folder; every "clir" of a pipeline
  // is the built executable. Exit code 0 is expected.
  void expect_runs(std::string example) {
    SCOPED_TRACE(example);
    if (const auto hash = example.find(" # "); hash != std::string::npos) example.resize(hash);
    for (auto at = example.find("&& clir "); at != std::string::npos; at = example.find("&& clir ", at + 1)) {
      example.replace(at + 3, 4, quoted(exe_));
    }
    const std::string placeholder = "[SCENARIO]";
    if (const auto at = example.find(placeholder); at != std::string::npos) example.replace(at, placeholder.size(), "my.toml");
    // Each example as on a fresh folder: the output folders of the examples before it are gone.
    for (const char* folder : {"out", "clir-output", "clir-reproduce", "clir-explain"}) fs::remove_all(dir_ / folder);
    const CliRun run = clir(example.substr(5));
    EXPECT_EQ(run.exit_code, 0) << run.err;
  }
};

TEST_F(Examples, EveryHelpExampleRuns) {
  std::size_t count = 0;
  for (const std::string command : {"", "run", "score", "select", "cluster", "compare", "reproduce", "explain", "data",
                                    "validate", "resolve", "about"}) {
    const CliRun help = clir(command + " --help");
    ASSERT_EQ(help.exit_code, 0);
    for (const auto& example : help_examples(help.out)) {
      ++count;
      expect_runs(example);
    }
  }
  EXPECT_GE(count, 25u);
}

TEST_F(Examples, EveryReadmeCommandRuns) {
  const auto examples = readme_examples(read_text(fs::path(CLIR_SOURCE_DIR) / "README.md"));
  EXPECT_GE(examples.size(), 10u);
  for (const auto& example : examples) expect_runs(example);
}

}  // namespace
