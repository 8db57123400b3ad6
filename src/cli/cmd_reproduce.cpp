// `clir reproduce`: which grouping settings recover the published CLIR 2024 groups?
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "clir/core/detail/text.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/io/atomic_file.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/reproduce.hpp"
#include "commands.hpp"
#include "field_options.hpp"
#include "progress.hpp"
#include "scenario_options.hpp"

namespace clir::cli {

void add_reproduce_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("reproduce", "Run a grid of grouping settings on the published CLIR 2024 communities and "
                                              "score each against the published groups");
  struct Args {
    std::string output = "clir-reproduce";
    bool force = false;
    std::vector<std::string> methods;
    std::vector<double> alphas;
    std::vector<std::string> needs;
    unsigned threads = 0;
    std::uint64_t seed = 2024;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("-o,--output", a->output, "Folder for reproduction.csv, reproduction.json, reproduction.md and reproduction.html")->capture_default_str();
  cmd->add_flag("--force", a->force, "Replace an output folder of clir's outputs as a whole (one holding other files is refused)");
  // The names and the default list come from EnumTraits<GroupingMethod> and ReproductionOptions.
  std::vector<std::string> default_methods;
  for (GroupingMethod m : ReproductionOptions{}.methods) default_methods.emplace_back(to_string(m));
  cmd->add_option("--methods", a->methods,
                  "Methods, comma-separated, of " + clir::detail::join_text(enum_names<GroupingMethod>(), ", ") +
                      " (default: " + clir::detail::join_text(default_methods, " ") + ")")
      ->delimiter(',');
  cmd->add_option("--alphas", a->alphas, "Values of alpha (default: 0, 0.1, ..., 1)")->delimiter(',');
  cmd->add_option("--needs", a->needs, "Needs columns (default: the default criteria's columns)")->delimiter(',');
  add_whole_number_option(cmd, "--threads", a->threads, "Threads (0 = all cores); results do not depend on it");
  add_whole_number_option(cmd, "--seed", a->seed, "Seed of the randomised methods")->capture_default_str();
  cmd->footer(
      "Examples:\n"
      "  clir reproduce                         # the full grid: 6 methods x 11 alphas x 3 constraint settings x 19/18\n"
      "  clir reproduce --methods pam,skater --alphas 0,0.5,1 -o out --force\n"
      "Prints the grid as a Markdown table; docs/reproduction.md is generated from reproduction.json by\n"
      "scripts/reproduction-report.");
  cmd->callback([a] {
    ReproductionOptions options;
    if (!a->methods.empty()) {
      options.methods.clear();
      for (const auto& m : a->methods) options.methods.push_back(parse_enum<GroupingMethod>(m, "method"));
    }
    if (!a->alphas.empty()) options.alphas = a->alphas;
    options.needs_columns = a->needs;
    options.threads = capped_threads(a->threads);
    options.seed = a->seed;
    check_output_folder(a->output, {.overwrite = a->force, .replaceable = output_file_names()});
    ProgressBar bar;
    options.progress = [&bar](std::string_view stage, std::size_t done, std::size_t total) {
      bar.update(std::string(stage), done, total);
    };
    const auto sets = clir2024_member_sets();
    const ReproductionResult result = reproduce(sets, options);
    bar.finish();
    write_reproduction_outputs(result, sets, a->output, a->force);
    std::cout << reproduction_markdown(result);
  });
}

}  // namespace clir::cli
