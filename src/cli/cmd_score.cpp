// `clir score [SCENARIO]` and `clir select [SCENARIO]`: the first stages of a scenario alone.
#include <iomanip>
#include <iostream>
#include <memory>

#include "clir/io/csv.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/run.hpp"
#include "commands.hpp"
#include "scenario_options.hpp"

namespace clir::cli {

namespace {

struct StageArgs {
  ScenarioArgs scenario;
  std::string format = "table";
  std::size_t top = 30;
};

void add_common(CLI::App* cmd, StageArgs& a) {
  a.scenario.add_to(cmd);
  cmd->add_option("--format", a.format, "Output format")->check(CLI::IsMember({"table", "csv"}));
  add_whole_number_option(cmd, "--top", a.top, "Rows to show in table format (0 = all)");
}

void print_explanations(const RunResult& r, const StageArgs& a, bool selection) {
  const TextTable table = ranked_applicants(r, selection);
  const auto& rows = table.rows;
  if (a.format == "csv") {
    write_csv(std::cout, table.header, rows);
    return;
  }
  const std::size_t shown = a.top == 0 ? rows.size() : std::min(a.top, rows.size());
  std::cout << r.pool.table.rows() << " applicants, " << r.eligibility.eligible_rows.size() << " eligible; scored by "
            << to_string(r.scores.method) << '\n';
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& row = rows[i];
    std::cout << std::setw(5) << row[0] << "  " << row[1] << "  " << std::setw(9) << row[4].substr(0, 8) << "  " << row[2] << " ("
              << row[3] << ")";
    if (row[5] == "0") std::cout << "  excluded: " << row[6];
    if (selection) std::cout << "  " << row[9];
    std::cout << '\n';
  }
  if (shown < rows.size()) std::cout << "  ... " << rows.size() - shown << " more (--top 0 for all, --format csv for a file)\n";
}

// `score` and `select` differ only in the last stage they run and what they print.
void add_stage_command(CLI::App& app, const char* name, const char* description, const char* footer, RunStage last) {
  auto* cmd = app.add_subcommand(name, description);
  auto args = std::make_shared<StageArgs>();
  add_common(cmd, *args);
  cmd->footer(footer);
  cmd->callback([args, last] {
    const RunResult r = run(args->scenario.load(), {.last_stage = last});
    print_explanations(r, *args, last == RunStage::selection);
  });
}

}  // namespace

void add_score_command(CLI::App& app) {
  add_stage_command(app, "score", "Score a scenario's applicants (pool, eligibility and scoring only)",
                    "Examples:\n"
                    "  clir score                        # the built-in CLIR 2024 scenario, top 30\n"
                    "  clir score my.toml --format csv > scores.csv",
                    RunStage::scoring);
}

void add_select_command(CLI::App& app) {
  add_stage_command(app, "select", "Select applicants under the scenario's quotas, with a reason for every applicant",
                    "Examples:\n"
                    "  clir select                       # the built-in CLIR 2024 scenario\n"
                    "  clir select my.toml --format csv > selection.csv",
                    RunStage::selection);
}

}  // namespace clir::cli
