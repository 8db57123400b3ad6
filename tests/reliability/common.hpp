#pragma once
// Helpers shared by the reliability tests: catching an error of one exact type, a scratch
// folder per test, and a small quick scenario on the built-in data.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <typeinfo>

#include "clir/core/error.hpp"

namespace clir_reliability {

/// what() of the @p E that @p f throws; "(no error)" when it returns, and "(wrong type ...)"
/// when it throws something else, so that a test comparing the text fails on both.
template <class E, class F>
std::string error_of(F&& f) {
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

/// An empty scratch folder for one test, under the build tree.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::path(CLIR_BINARY_DIR) / "test-output" / "reliability" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Number of entries in a folder (0 when it does not exist).
inline std::size_t entry_count(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return 0;
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace clir_reliability
