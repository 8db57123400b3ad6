// `clir validate SCENARIO`: load a scenario and check it against the data without running it
// to the end (the pool, the eligibility rules and the criteria are resolved; nothing is written).
#include <iostream>

#include "clir/pipeline/run.hpp"
#include "commands.hpp"

namespace clir::cli {

void add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check a scenario file and report the first mistake with its line");
  auto path = std::make_shared<std::string>();
  cmd->add_option("scenario", *path, "Scenario file (TOML)")->required();
  cmd->footer(
      "Examples:\n"
      "  clir validate examples/clir2024.toml\n"
      "Checks the TOML keys and values, then resolves the pool, the eligibility rules and the criteria\n"
      "against the data (unknown columns, codes, applications file). Exit code 0 when valid, 2 with one\n"
      "message on stderr when not.");
  cmd->callback([path] {
    const Scenario sc = load_scenario(*path);
    const RunResult r = run(sc, {.last_stage = RunStage::scoring});
    std::cout << *path << ": valid scenario '" << sc.name << "': " << r.pool.table.rows() << " applicants, "
              << r.eligibility.eligible_rows.size() << " eligible, " << r.criteria.size() << " criteria; select "
              << sc.selection.count << ", " << sc.grouping.k << " groups by " << to_string(sc.grouping.method) << '\n';
  });
}

}  // namespace clir::cli
