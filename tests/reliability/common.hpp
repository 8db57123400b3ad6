#pragma once
// Helpers shared by the reliability tests: a scratch folder per test and counting its entries
// (the message of an expected error is clir_test::error_message, in support/support.hpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "clir/core/error.hpp"
#include "support/support.hpp"

namespace clir_reliability {

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
