// The clir command-line tool. Parses arguments, calls the library, prints; the library itself
// never prints or exits. Exit codes: 0 success, 2 usage or input error, 1 internal failure.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "clir/core/detail/text.hpp"
#include "clir/core/error.hpp"
#include "clir/core/suggest.hpp"
#include "commands.hpp"

namespace {

// A message fit for one terminal line: control bytes (a NUL would end the line for many
// readers) written as \xNN, and any run of more than 160 bytes without a space (longer than a
// path: a 1 MB cell or code echoed by the library) cut to its first 80 bytes, with its length.
// Line breaks become spaces.
std::string printable(const std::string& message) {
  std::string out;
  std::size_t run = 0;  // bytes since the last space
  std::size_t i = 0;
  while (i < message.size()) {
    const char c = message[i];
    if (c == '\n' || c == ' ') {
      out += ' ';
      run = 0;
      ++i;
      continue;
    }
    std::size_t end = message.find_first_of(" \n", i);
    if (end == std::string::npos) end = message.size();
    if (run == 0 && end - i > 160) {
      // Cut at a UTF-8 character boundary.
      std::size_t cut = i + 80;
      while (cut > i && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
      out += printable(message.substr(i, cut - i)) + "...(" + std::to_string(end - i) + " bytes)";
      i = end;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      static const char* const digits = "0123456789ABCDEF";
      out += "\\x";
      out += digits[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += digits[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
    ++run;
    ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Errors are one line on stderr, so that scripts can grep and log them.
void print_error(const std::string& kind, const std::string& message) {
  std::cerr << "clir: " << kind << ": " << printable(message) << '\n';
}

// The exit code of a command whose output went to stdout: a write that failed (a full disk,
// /dev/full, a closed pipe) is an error, not a success with a truncated result. Buffered output
// fails only when flushed, so flush first.
int checked_exit(int code) {
  // std::cout writes through stdout (synced with stdio), so its flush is stdout's fflush, which
  // sets errno to the reason.
  errno = 0;
  std::cout.flush();
  int err = errno;
  const bool flushed = std::fflush(stdout) == 0;
  if (err == 0) err = errno;
  if (std::cout && flushed && !std::ferror(stdout)) return code;
  print_error("error", std::string("cannot write to standard output") + (err != 0 ? ": " + std::string(std::strerror(err)) : ""));
  return 2;
}

// When the parse stopped at a command that needs a subcommand (`clir`, `clir data`), what to say:
// the word given instead, with "did you mean", and the subcommands there are; "" otherwise.
std::string missing_subcommand_message(const CLI::App& app, int argc, char** argv) {
  const CLI::App* deepest = &app;
  std::string path = "clir";
  int position = 1;  // argv index after the deepest command's name
  while (!deepest->get_subcommands().empty()) {
    deepest = deepest->get_subcommands().front();
    path += " " + deepest->get_name();
    while (position < argc && deepest->get_name() != argv[position]) ++position;
    ++position;
  }
  // Option groups are unnamed subcommands in CLI11: only named ones are commands.
  const auto choices = deepest->get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
  if (choices.empty()) return {};
  std::vector<std::string> names;
  for (const CLI::App* sub : choices) names.push_back(sub->get_name());
  const std::string listed = clir::detail::join_text(names, ", ");
  const bool word_given = position < argc && argv[position][0] != '-';
  if (!word_given) return "'" + path + "' needs a subcommand: one of " + listed;
  std::string message = "unknown command '" + std::string(argv[position]) + "'" + (deepest == &app ? "" : " of '" + path + "'");
  if (const std::string near = clir::closest_match(argv[position], names); !near.empty()) {
    message += "; did you mean '" + near + "'?";
  }
  return message + "; the commands are " + listed;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"clir: community selection and clustering for recovery programmes", "clir"};
  app.set_version_flag("--version", std::string("clir ") + CLIR_VERSION_STRING);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  clir run                          # the built-in CLIR 2024 scenario into ./clir-output\n"
      "  clir validate my.toml && clir run my.toml -o out\n"
      "  clir cluster --reference clir2024 -k 6 --format csv > mine.csv && clir compare clir2024 mine.csv\n"
      "Run `clir COMMAND --help` for the options and examples of each command.");
  clir::cli::register_commands(app);
  try {
    app.parse(argc, argv);  // the selected command runs in its callback
    return checked_exit(0);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return checked_exit(app.exit(e));  // --help and --version print and succeed
    // CLI11's own report takes two lines and lacks the "clir: error: " prefix of every other error;
    // for a mistyped command or subcommand it only says that one is required.
    if (const std::string message = missing_subcommand_message(app, argc, argv); !message.empty()) {
      print_error("error", message);
    } else {
      print_error("error", std::string(e.what()) + " (see `clir --help`)");
    }
    return 2;
  } catch (const clir::Error& e) {
    print_error("error", e.what());
    return 2;
  } catch (const std::exception& e) {
    print_error("internal error", e.what());
    return 1;
  }
}
