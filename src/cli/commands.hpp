#pragma once
// Each subcommand lives in its own file (cmd_<name>.cpp) and adds itself to the app here.
// A command does its work in its CLI11 callback; it reports failure by throwing clir::Error
// (exit code 2) or anything else (exit code 1). Output goes to stdout, diagnostics to stderr.
#include <CLI/CLI.hpp>

namespace clir::cli {

void add_about_command(CLI::App& app);
void add_validate_command(CLI::App& app);
void add_data_command(CLI::App& app);

/// Adds every subcommand.
inline void register_commands(CLI::App& app) {
  add_about_command(app);
  add_validate_command(app);
  add_data_command(app);
}

}  // namespace clir::cli
