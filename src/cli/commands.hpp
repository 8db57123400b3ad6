#pragma once
// Each subcommand lives in its own file (cmd_<name>.cpp) and adds itself to the app here.
// A command does its work in its CLI11 callback; it reports failure by throwing clir::Error
// (exit code 2) or anything else (exit code 1). Output goes to stdout, diagnostics to stderr.
#include <CLI/CLI.hpp>

namespace clir::cli {

void add_run_command(CLI::App& app);
void add_score_command(CLI::App& app);
void add_select_command(CLI::App& app);
void add_cluster_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_reproduce_command(CLI::App& app);
void add_explain_command(CLI::App& app);
void add_data_command(CLI::App& app);
void add_resolve_command(CLI::App& app);
void add_validate_command(CLI::App& app);
void add_about_command(CLI::App& app);

/// Adds every subcommand, in the order `clir --help` lists them.
inline void register_commands(CLI::App& app) {
  add_run_command(app);
  add_score_command(app);
  add_select_command(app);
  add_cluster_command(app);
  add_compare_command(app);
  add_reproduce_command(app);
  add_explain_command(app);
  add_data_command(app);
  add_resolve_command(app);
  add_validate_command(app);
  add_about_command(app);
}

}  // namespace clir::cli
