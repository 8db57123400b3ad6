#pragma once
// Options shared by the commands that run (part of) a scenario: run, score, select.
#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "clir/pipeline/scenario.hpp"

namespace clir::cli {

struct ScenarioArgs {
  std::string path;                 // empty = the built-in CLIR 2024 scenario
  std::optional<std::uint64_t> seed;
  std::optional<unsigned> threads;

  void add_to(CLI::App* cmd) {
    cmd->add_option("scenario", path, "Scenario file (TOML); default: the built-in CLIR 2024 scenario");
    cmd->add_option("--seed", seed, "Override the scenario's seed");
    cmd->add_option("--threads", threads, "Threads to use (0 = all cores); results do not depend on it");
  }

  Scenario load() const {
    Scenario sc = path.empty() ? builtin_clir2024_scenario() : load_scenario(path);
    if (seed) {
      sc.seed = *seed;
      sc.grouping.seed = *seed;
      if (sc.robustness) sc.robustness->seed = *seed;
    }
    if (threads) {
      sc.threads = *threads;
      sc.grouping.threads = *threads;
      if (sc.robustness) sc.robustness->threads = *threads;
    }
    return sc;
  }
};

}  // namespace clir::cli
