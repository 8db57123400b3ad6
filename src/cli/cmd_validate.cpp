// `clir validate SCENARIO`: load and check a scenario file without running it.
#include <iostream>

#include "clir/pipeline/scenario.hpp"
#include "commands.hpp"

namespace clir::cli {

void add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check a scenario file and report the first mistake with its line");
  auto path = std::make_shared<std::string>();
  cmd->add_option("scenario", *path, "Scenario file (TOML)")->required();
  cmd->footer(
      "Examples:\n"
      "  clir validate examples/clir2024.toml\n"
      "Exit code 0 when the scenario is valid, 2 with one message on stderr when it is not.");
  cmd->callback([path] {
    const Scenario sc = load_scenario(*path);
    std::cout << *path << ": valid scenario '" << sc.name << "' (" << sc.criteria.size() << " criteria, "
              << sc.eligibility.size() << " eligibility rules, select " << sc.select << ", k = " << sc.k << ")\n";
  });
}

}  // namespace clir::cli
