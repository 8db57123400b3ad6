#include "clir/io/atomic_file.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

#include "clir/core/error.hpp"

namespace clir {

namespace {

namespace fs = std::filesystem;

// Swaps two folders in one step (Linux's renameat2 with RENAME_EXCHANGE). Where the system has
// no such call (WebAssembly, other kernels) it fails with ENOSYS, and the caller moves the old
// folder aside first instead.
bool exchange_folders(const fs::path& a, const fs::path& b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
#else
  (void)a;
  (void)b;
  errno = ENOSYS;
  return false;
#endif
}

[[noreturn]] void fail(const fs::path& path, const std::string& what, int err) {
  throw InputError(what + ": " + std::generic_category().message(err), {.file = path.string()});
}

// Closes the descriptor and removes the temporary file unless released: every early exit
// (exception included) leaves no temporary behind.
class TempFile {
 public:
  TempFile(fs::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!released_) ::unlink(path_.c_str());
  }
  int fd() const noexcept { return fd_; }
  const fs::path& path() const noexcept { return path_; }
  // Closes the descriptor; returns 0 or the errno of close().
  int close() noexcept {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc == 0 ? 0 : errno;
  }
  void release() noexcept { released_ = true; }

 private:
  fs::path path_;
  int fd_;
  bool released_ = false;
};

// Name for a temporary next to the target: hidden, with the process id and a counter so that
// concurrent writers (threads or processes) never collide; O_EXCL guards the rest.
unsigned long next_temp_number() {
  static std::atomic<unsigned long> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed);
}

fs::path temp_name(const fs::path& target, unsigned attempt) {
  const auto n = next_temp_number();
  // Built by appending: GCC 12 reports a false -Wrestrict on chains of operator+ here.
  std::string leaf(".");
  leaf.append(target.filename().string());
  leaf.append(".tmp-");
  leaf.append(std::to_string(::getpid()));
  leaf.push_back('-');
  leaf.append(std::to_string(n));
  leaf.push_back('-');
  leaf.append(std::to_string(attempt));
  return target.parent_path() / leaf;
}

// While one exists, SIGXFSZ is ignored: a write beyond the file size limit (ulimit -f) then
// fails with EFBIG, which is reported and cleaned up, instead of killing the process with the
// temporary left behind. Counted, so that concurrent writers restore the caller's disposition
// only when the last one is done.
class FileSizeSignalIgnored {
 public:
  FileSizeSignalIgnored() {
    const std::lock_guard lock(mutex());
    if (count()++ == 0) {
      struct sigaction ignore {};
      ignore.sa_handler = SIG_IGN;
      sigemptyset(&ignore.sa_mask);
      ::sigaction(SIGXFSZ, &ignore, &saved());
    }
  }
  FileSizeSignalIgnored(const FileSizeSignalIgnored&) = delete;
  FileSizeSignalIgnored& operator=(const FileSizeSignalIgnored&) = delete;
  ~FileSizeSignalIgnored() {
    const std::lock_guard lock(mutex());
    if (--count() == 0) ::sigaction(SIGXFSZ, &saved(), nullptr);
  }

 private:
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  static unsigned& count() {
    static unsigned n = 0;
    return n;
  }
  static struct sigaction& saved() {
    static struct sigaction action {};
    return action;
  }
};

void fsync_directory(const fs::path& dir) {
  // Makes the rename itself durable. Failure here is not reported: the data is already in
  // place and some file systems do not support syncing a directory.
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
}

// ---- output folders ------------------------------------------------------------------------

constexpr std::string_view kFolderTempMarker = ".clir-tmp-";

// The process that made @p name, when it is one of clir's temporaries: ".NAME.tmp-PID-N-A" (a
// file being written) or ".NAME.clir-tmp-PID-N" (a folder being written); 0 otherwise.
pid_t temporary_owner(std::string_view name) {
  if (name.size() < 2 || name[0] != '.') return 0;
  for (const std::string_view marker : {kFolderTempMarker, std::string_view(".tmp-")}) {
    const auto at = name.rfind(marker);
    if (at == std::string_view::npos || at == 0) continue;
    const std::string_view rest = name.substr(at + marker.size());
    const auto dash = rest.find('-');
    if (dash == 0 || dash == std::string_view::npos || dash > 9) continue;
    if (rest.find_first_not_of("0123456789-") != std::string_view::npos || rest.back() == '-') continue;
    pid_t pid = 0;
    for (const char c : rest.substr(0, dash)) pid = pid * 10 + (c - '0');
    return pid;
  }
  return 0;
}

bool process_is_running(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

struct FolderTarget {
  fs::path folder;  // absolute, without a trailing separator
  fs::path parent;
  std::string name;
};

FolderTarget resolve_folder(const fs::path& path, const std::string& shown) {
  if (path.empty()) throw InputError("the output folder path is empty");
  std::error_code ec;
  fs::path full = fs::absolute(path, ec).lexically_normal();
  if (ec) throw InputError("cannot access the output folder: " + ec.message(), {.file = shown});
  if (!full.has_filename()) full = full.parent_path();
  // A symbolic link to a folder: the folder it names is replaced, not the link.
  if (fs::is_symlink(fs::symlink_status(full, ec))) {
    full = fs::canonical(full, ec);
    if (ec) throw InputError("cannot follow the symbolic link: " + ec.message(), {.file = shown});
  }
  if (!full.has_filename() || full == full.root_path()) {
    throw InputError("the output folder cannot be the root folder", {.file = shown});
  }
  return {full, full.parent_path(), full.filename().string()};
}

void check_folder(const FolderTarget& target, const std::string& shown, const OutputFolderOptions& options,
                  const FolderFiles& files) {
  std::error_code ec;
  const auto st = fs::status(target.folder, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    throw InputError("cannot access the output folder: " + ec.message(), {.file = shown});
  }
  if (!fs::exists(st)) return;
  if (!fs::is_directory(st)) throw InputError("the output folder is a file, not a folder", {.file = shown});
  // The folder is replaced as a whole; the process's own current folder cannot be.
  const fs::path cwd = fs::current_path(ec);
  const fs::path real = fs::canonical(target.folder, ec);
  if (!ec) {
    const fs::path inside = cwd.lexically_relative(real);
    if (!inside.empty() && *inside.begin() != "..") {
      throw InputError("the output folder is the current folder or holds it; it is replaced as a whole, so choose a "
                       "folder inside it",
                       {.file = shown});
    }
  }
  const auto replaceable = [&](const std::string& name) {
    return std::find(options.replaceable.begin(), options.replaceable.end(), name) != options.replaceable.end() ||
           std::any_of(files.begin(), files.end(), [&](const auto& file) { return file.first == name; });
  };
  bool empty = true;
  std::vector<std::string> foreign;
  for (auto it = fs::directory_iterator(target.folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    empty = false;
    const std::string name = it->path().filename().string();
    if (temporary_owner(name) != 0) continue;
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      foreign.push_back("the folder '" + name + "'");
    } else if (!replaceable(name)) {
      foreign.push_back("'" + name + "'");
    }
  }
  if (ec) throw InputError("cannot list the output folder: " + ec.message(), {.file = shown});
  if (empty) return;
  if (!options.overwrite) {
    throw InputError("the output folder already exists and is not empty; allow overwriting (--force) to replace it",
                     {.file = shown});
  }
  if (!foreign.empty()) {
    std::sort(foreign.begin(), foreign.end());
    std::string list = foreign.front();
    if (foreign.size() > 1) list += " and " + std::to_string(foreign.size() - 1) + " more";
    throw InputError("overwriting replaces the whole output folder, and it holds " + list +
                         ", which clir does not write; move that away or choose another output folder",
                     {.file = shown});
  }
}

// Folder temporaries in @p parent left by processes that no longer run (interrupted writes).
void remove_stale_temporaries(const fs::path& parent) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.find(kFolderTempMarker) == std::string::npos) continue;
    const pid_t owner = temporary_owner(name);
    std::error_code remove_ec;
    if (owner != 0 && owner != ::getpid() && !process_is_running(owner)) fs::remove_all(it->path(), remove_ec);
  }
}

// Removes whatever is at the path when it goes: the new folder after a failure, the old one
// after the exchange.
class TempFolder {
 public:
  explicit TempFolder(fs::path path) : path_(std::move(path)) {}
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const noexcept { return path_; }

 private:
  fs::path path_;
};

}  // namespace

void check_output_folder(const fs::path& path, const OutputFolderOptions& options) {
  const std::string shown = path.string();
  check_folder(resolve_folder(path, shown), shown, options, {});
}

std::vector<fs::path> write_folder_atomic(const fs::path& path, const FolderFiles& files, const OutputFolderOptions& options) {
  const std::string shown = path.string();
  for (const auto& file : files) {
    const std::string& name = file.first;
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
      throw InputError("'" + name + "' is not a file name", {.file = shown});
    }
  }
  const FolderTarget target = resolve_folder(path, shown);
  check_folder(target, shown, options, files);

  std::error_code ec;
  fs::create_directories(target.parent, ec);
  if (ec) throw InputError("cannot create the output folder: " + ec.message(), {.file = shown});
  remove_stale_temporaries(target.parent);

  fs::path tmp;
  for (unsigned attempt = 0;; ++attempt) {
    std::string leaf(".");
    leaf.append(target.name).append(kFolderTempMarker).append(std::to_string(::getpid()));
    leaf.push_back('-');
    leaf.append(std::to_string(next_temp_number()));
    tmp = target.parent / leaf;
    if (::mkdir(tmp.c_str(), 0777) == 0) break;
    if (errno != EEXIST || attempt >= 16) fail(path, "cannot create the output folder", errno);
  }
  const TempFolder temp(tmp);

  std::vector<fs::path> written;
  for (const auto& [name, content] : files) {
    try {
      write_file_atomic(tmp / name, content);
    } catch (const InputError& e) {
      throw InputError(e.message(), {.file = (path / name).string()});
    }
    written.push_back(path / name);
  }

  struct stat old {};
  if (::lstat(target.folder.c_str(), &old) != 0) {
    if (::rename(tmp.c_str(), target.folder.c_str()) != 0) fail(path, "cannot move the output folder into place", errno);
  } else {
    if (!S_ISDIR(old.st_mode)) throw InputError("the output folder is a file, not a folder", {.file = shown});
    (void)::chmod(tmp.c_str(), old.st_mode & 07777);
    // The new folder takes the old one's place in one step; the old one, now at the
    // temporary's name, goes with `temp`.
    if (!exchange_folders(tmp, target.folder)) {
      if (errno != EINVAL && errno != ENOSYS) fail(path, "cannot replace the output folder", errno);
      // A file system without the exchange: the old folder moves aside first.
      const fs::path aside = tmp.string() + "-old";
      if (::rename(target.folder.c_str(), aside.c_str()) != 0) fail(path, "cannot replace the output folder", errno);
      const TempFolder old_folder(aside);
      if (::rename(tmp.c_str(), target.folder.c_str()) != 0) {
        const int err = errno;
        (void)::rename(aside.c_str(), target.folder.c_str());
        fail(path, "cannot replace the output folder", err);
      }
    }
  }
  fsync_directory(target.parent);
  return written;
}

void write_file_atomic(const fs::path& path, std::string_view content) {
  if (path.empty()) throw InputError("cannot write a file with an empty path");
  if (!path.has_filename()) throw InputError("the path names a folder, not a file", {.file = path.string()});

  // A folder at @p path is not checked here: rename() refuses to replace it, and that path
  // (temporary written, then removed) is the one every late failure takes.
  struct stat target_stat {};
  const bool target_is_file = ::stat(path.c_str(), &target_stat) == 0 && S_ISREG(target_stat.st_mode);
  const fs::path dir = path.parent_path();
  if (!dir.empty()) {
    std::error_code ec;
    const auto st = fs::status(dir, ec);
    if (!fs::exists(st)) throw InputError("cannot write the file: its folder does not exist", {.file = path.string()});
    if (!fs::is_directory(st)) {
      throw InputError("cannot write the file: '" + dir.string() + "' is not a folder", {.file = path.string()});
    }
  }

  int fd = -1;
  fs::path tmp;
  for (unsigned attempt = 0; fd < 0; ++attempt) {
    tmp = temp_name(path, attempt);
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt >= 16)) fail(path, "cannot create a temporary file next to it", errno);
  }
  TempFile temp(tmp, fd);
  const FileSizeSignalIgnored no_size_signal;

  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(temp.fd(), data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, "cannot write the file", errno);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (target_is_file && ::fchmod(temp.fd(), target_stat.st_mode & 07777) != 0) {
    fail(path, "cannot copy the permissions of the existing file", errno);
  }
  if (::fsync(temp.fd()) != 0) fail(path, "cannot flush the file to disk", errno);
  if (const int err = temp.close(); err != 0) fail(path, "cannot write the file", err);
  if (::rename(temp.path().c_str(), path.c_str()) != 0) fail(path, "cannot replace the file", errno);
  temp.release();
  fsync_directory(dir);
}

}  // namespace clir
