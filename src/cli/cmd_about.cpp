// `clir about`: the version of clir and of the libraries it was built with, for bug reports and
// for the provenance section of a run.
#include <GeographicLib/Config.h>
#include <glpk.h>

#include <Eigen/Core>
#include <boost/version.hpp>
#include <iostream>

#include "commands.hpp"

namespace clir::cli {

void add_about_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("about", "Print the versions of clir and of its libraries");
  cmd->footer("Example:\n  clir about");
  cmd->callback([] {
    std::cout << "clir " << CLIR_VERSION_STRING << '\n'
              << "Eigen " << EIGEN_WORLD_VERSION << '.' << EIGEN_MAJOR_VERSION << '.' << EIGEN_MINOR_VERSION << '\n'
              << "Boost " << BOOST_VERSION / 100000 << '.' << BOOST_VERSION / 100 % 1000 << '.' << BOOST_VERSION % 100 << '\n'
              << "GeographicLib " << GEOGRAPHICLIB_VERSION_STRING << '\n'
              << "GLPK " << glp_version() << '\n';
  });
}

}  // namespace clir::cli
