// `clir explain [SCENARIO]`: which weighting of the criteria, if any, makes the reference (the
// published CLIR 2024 selection) the scenario's selection.
#include <iostream>
#include <memory>
#include <optional>

#include "clir/core/error.hpp"
#include "clir/io/atomic_file.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/community_card.hpp"
#include "clir/pipeline/explain.hpp"
#include "commands.hpp"
#include "field_options.hpp"
#include "progress.hpp"
#include "scenario_options.hpp"

namespace clir::cli {

void add_explain_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("explain", "Find the weighting of the criteria under which a reference set (the published "
                                            "CLIR 2024 selection) is selected, or how close any weighting comes");
  struct Args {
    ScenarioArgs scenario;
    std::string output = "clir-explain";
    bool force = false;
    bool quiet = false;
    FieldOverrides<ExplainSpec> explain;  // [explain]'s keys, applied over the scenario's
    std::string code;                     // --code: one community's card instead
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  a->scenario.add_to(cmd);
  cmd->add_option("-o,--output", a->output, "Folder for explain.md, explain.json and explain.html")->capture_default_str();
  cmd->add_flag("--force", a->force, "Replace an output folder of clir's outputs as a whole (one holding other files is refused)");
  cmd->add_flag("-q,--quiet", a->quiet, "Print nothing: neither explain.md nor the progress (errors still go to stderr)");
  a->explain.add_to(cmd, {{"bounds", ""}});
  cmd->add_option("--code", a->code,
                  "Explain one community instead: its card (criterion values, rank, contributions against the last "
                  "selected, the score gap and the nearest weighting that selects it), printed; no files written");
  cmd->add_flag("--json", a->json, "With --code: print the card as JSON");
  cmd->footer(
      "Examples:\n"
      "  clir explain --reference clir2024                 # the built-in scenario's criteria and quotas\n"
      "  clir explain --criteria extended -o out --force   # with population, revenue, area, ... in both directions\n"
      "  clir explain my.toml --objective max_margin\n"
      "  clir explain examples/needs_first.toml --code UA74100010000063674   # one community's card\n"
      "Writes explain.md, explain.json and explain.html (atomically) and prints explain.md. On a terminal it first\n"
      "says about how long the search takes (from its first solver calls) and shows its progress on stderr.");
  cmd->callback([a] {
    if (a->json && a->code.empty()) throw ConfigError("json", "--json needs --code (the card of one community)");
    if (!a->code.empty()) {
      const RunResult r = run(a->scenario.load(), {.last_stage = RunStage::selection});
      const CommunityCard card = community_card(r, a->code);
      if (a->json) {
        std::cout << community_card_json(card).dump(2) << '\n';
      } else {
        std::cout << community_card_text(card);
      }
      return;
    }
    Scenario sc = a->scenario.load();
    a->explain.apply(sc.explain);
    check_output_folder(a->output, {.overwrite = a->force, .replaceable = output_file_names()});
    ProgressBar bar(!a->quiet && ::isatty(STDERR_FILENO) == 1);
    const ExplainRun result = explain_scenario(sc, ExplainProgressDisplay(bar));
    bar.finish();
    write_explain_outputs(result, a->output, a->force);
    if (!a->quiet) std::cout << explain_markdown(result);
  });
}

}  // namespace clir::cli
