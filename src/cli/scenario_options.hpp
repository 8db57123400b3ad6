#pragma once
// Options shared by the commands that run (part of) a scenario: run, score, select.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <thread>
#include <memory>
#include <optional>
#include <string>

#include "clir/pipeline/scenario.hpp"
#include "field_options.hpp"

namespace clir::cli {

/// @p threads, or the number of cores when it asks for more: threads beyond the cores cost
/// memory (a workspace each, 200 MB for 64) and no speed, and the result does not depend on
/// them. The cap is noted on stderr.
inline unsigned capped_threads(unsigned threads) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  if (threads <= cores) return threads;
  std::cerr << "clir: note: --threads " << threads << " is more than the " << cores << " cores here; using " << cores << '\n';
  return cores;
}

struct ScenarioArgs {
  std::string path;                 // empty = the built-in CLIR 2024 scenario
  std::optional<std::uint64_t> seed;
  std::optional<unsigned> threads;

  void add_to(CLI::App* cmd) {
    cmd->add_option("scenario", path, "Scenario file (TOML); default: the built-in CLIR 2024 scenario");
    add_whole_number_option(cmd, "--seed", seed, "Override the scenario's seed");
    add_whole_number_option(cmd, "--threads", threads, "Threads to use (0 = all cores); results do not depend on it");
  }

  Scenario load() const {
    Scenario sc = path.empty() ? builtin_clir2024_scenario() : load_scenario(path);
    if (seed) {
      sc.seed = *seed;
      sc.grouping.seed = *seed;
      if (sc.robustness) sc.robustness->seed = *seed;
    }
    if (threads) {
      const unsigned used = capped_threads(*threads);
      sc.threads = used;
      sc.grouping.threads = used;
      if (sc.robustness) sc.robustness->threads = used;
    }
    return sc;
  }
};

}  // namespace clir::cli
