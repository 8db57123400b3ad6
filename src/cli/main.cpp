// The clir command-line tool. Parses arguments, calls the library, prints; the library itself
// never prints or exits. Exit codes: 0 success, 2 usage or input error, 1 internal failure.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "clir/core/error.hpp"
#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"clir: community selection and clustering for recovery programmes", "clir"};
  app.set_version_flag("--version", std::string("clir ") + CLIR_VERSION_STRING);
  app.require_subcommand(1);
  app.footer("Run `clir COMMAND --help` for the options and examples of each command.");
  clir::cli::register_commands(app);
  try {
    app.parse(argc, argv);  // the selected command runs in its callback
    return 0;
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const clir::Error& e) {
    std::cerr << "clir: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "clir: internal error: " << e.what() << '\n';
    return 1;
  }
}
