#pragma once
/// @file
/// @brief Output files that are either complete or untouched, and output folders that are
/// only reused when the caller says so.

#include <filesystem>
#include <string_view>

namespace clir {

/// Writes @p content to @p path atomically: the bytes go to a temporary file in the same
/// folder, which is flushed to disk (fsync) and then renamed over @p path. A reader sees either
/// the old file or the complete new one, never a partial write. On any failure the temporary
/// file is removed, @p path is left as it was, and clir::InputError is thrown naming the path
/// and the system's reason (missing folder, permission denied, disk full, @p path is a folder).
/// A new file gets the usual permissions (0666 minus the umask); an existing file keeps its
/// permission bits.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// What prepare_output_directory found and did.
struct OutputDirectory {
  std::filesystem::path path;  ///< the folder, as given
  bool created = false;        ///< it did not exist and was created (with missing parents)
  bool reused = false;         ///< it existed with files in it, and overwrite allowed reuse
};

/// Makes @p path ready to receive output files. A missing folder is created (with its
/// parents); an empty folder is used as is; a folder that already holds files is used only
/// when @p overwrite is true (the CLI's --force), and then files of the same name are replaced
/// (atomically, by write_file_atomic) while other files are left alone. Throws clir::InputError
/// naming the path when it is a file, when it holds files and @p overwrite is false, when it
/// cannot be created, or when it is not writable.
OutputDirectory prepare_output_directory(const std::filesystem::path& path, bool overwrite);

}  // namespace clir
