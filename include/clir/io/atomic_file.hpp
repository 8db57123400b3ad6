#pragma once
/// @file
/// @brief Output files that are either complete or untouched, and output folders that are
/// either absent or complete.

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clir {

/// Writes @p content to @p path atomically: the bytes go to a temporary file in the same
/// folder, which is flushed to disk (fsync) and then renamed over @p path. A reader sees either
/// the old file or the complete new one, never a partial write. On any failure the temporary
/// file is removed, @p path is left as it was, and clir::InputError is thrown naming the path
/// and the system's reason (missing folder, permission denied, disk full, @p path is a folder).
/// A new file gets the usual permissions (0666 minus the umask); an existing file keeps its
/// permission bits. SIGXFSZ is ignored while writing, so that a file size limit (ulimit -f)
/// is an error ("File too large") rather than the end of the process.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Options of check_output_folder() and write_folder_atomic().
struct OutputFolderOptions {
  /// Replace a folder that already holds files (the CLI's --force). Without it only a missing
  /// or empty folder is accepted.
  bool overwrite = false;
  /// Names of the files that a folder may hold for @ref overwrite to replace it, besides the
  /// files being written and clir's own temporaries. Anything else in it (a subfolder, a
  /// user's notes.txt) makes the folder refused, so that overwriting never deletes a file
  /// clir did not write.
  std::vector<std::string> replaceable;
};

/// Files of an output folder: names (without '/') and contents, in the order they are written.
using FolderFiles = std::vector<std::pair<std::string, std::string>>;

/// Checks, changing nothing, that write_folder_atomic(@p path, ...) would accept the folder:
/// callers run it before long work so that an occupied folder is refused first. Throws
/// clir::InputError naming @p path when it is a file, when it holds files and overwrite is
/// off, when it holds anything not replaceable, when it is (or holds) the current folder, or
/// when a part of it is a file.
void check_output_folder(const std::filesystem::path& path, const OutputFolderOptions& options);

/// Writes @p files as the folder @p path, absent or complete: they go into a hidden
/// temporary sibling folder (`.NAME.clir-tmp-PID-N`), which is renamed into place once every
/// file is on disk, atomically exchanging it with the old folder when there is one (which is
/// then deleted). An interruption leaves the old folder (or none) and a temporary that the
/// next write into the same parent folder removes; a failure removes the temporary and throws
/// clir::InputError naming the final path of the file or folder. Missing parent folders are
/// created. Returns `path / name` of each file, in order.
std::vector<std::filesystem::path> write_folder_atomic(const std::filesystem::path& path, const FolderFiles& files,
                                                       const OutputFolderOptions& options);

}  // namespace clir
