#pragma once
// Internal: an output folder's files, each built in full before the first is written, so that
// a failure while building them (a NaN in a JSON value, say) leaves the folder untouched.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "clir/io/atomic_file.hpp"
#include "clir/pipeline/explain.hpp"

namespace clir::detail {

/// File names and contents, in the order they are written.
using OutputFiles = FolderFiles;

/// Writes @p files as the folder @p directory, absent or complete (clir::write_folder_atomic;
/// overwriting replaces a folder of clir's outputs), and returns the paths written.
std::vector<std::filesystem::path> write_output_files(const std::filesystem::path& directory, bool overwrite,
                                                      const OutputFiles& files);

/// explain.json and explain.md of @p run, and explain.html with @p html.
OutputFiles explain_files(const ExplainRun& run, bool html);

}  // namespace clir::detail
