#pragma once
// Helpers shared by the test areas: the message of an expected error, reading a file,
// running a command. Header-only; tests/<area>/ files include it as "support/support.hpp".

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <typeinfo>

namespace clir_test {

/// The what() of the error of exactly type E that @p f throws. When @p f returns normally the
/// result is "(no error)", and when it throws another type (a subclass of E included) it is
/// "(wrong type NAME) what()", so a test comparing the text fails either way, saying why.
template <class E, class F>
std::string error_message(F&& f) {
  try {
    f();
  } catch (const E& e) {
    if (typeid(e) != typeid(E)) return std::string("(wrong type ") + typeid(e).name() + ") " + e.what();
    return e.what();
  } catch (const std::exception& e) {
    return std::string("(wrong type ") + typeid(e).name() + ") " + e.what();
  }
  return "(no error)";
}

/// The bytes of a file ("" when it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CommandOutput {
  int exit_code = -1;  ///< -1 when the command did not exit normally
  std::string out;     ///< what it wrote to stdout
};

/// Runs @p command through the shell (/bin/sh) and captures its standard output.
inline CommandOutput run_command(const std::string& command) {
  CommandOutput run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace clir_test
