#include "clir/io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "clir/core/error.hpp"

namespace clir {

namespace {

namespace fs = std::filesystem;

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
fs::path temp_name(const fs::path& target, unsigned attempt) {
  static std::atomic<unsigned long> counter{0};
  const auto n = counter.fetch_add(1, std::memory_order_relaxed);
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

void fsync_directory(const fs::path& dir) {
  // Makes the rename itself durable. Failure here is not reported: the data is already in
  // place and some file systems do not support syncing a directory.
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

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

OutputDirectory prepare_output_directory(const fs::path& path, bool overwrite) {
  if (path.empty()) throw InputError("the output folder path is empty");
  const std::string name = path.string();
  OutputDirectory result{.path = path};
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    throw InputError("cannot access the output folder: " + ec.message(), {.file = name});
  }
  if (fs::exists(st)) {
    if (!fs::is_directory(st)) throw InputError("the output folder is a file, not a folder", {.file = name});
    const bool empty = fs::is_empty(path, ec);
    if (ec) throw InputError("cannot list the output folder: " + ec.message(), {.file = name});
    if (!empty) {
      if (!overwrite) {
        throw InputError("the output folder already exists and is not empty; allow overwriting (--force) to "
                         "replace the files in it",
                         {.file = name});
      }
      result.reused = true;
    }
  } else {
    fs::create_directories(path, ec);
    if (ec) throw InputError("cannot create the output folder: " + ec.message(), {.file = name});
    result.created = true;
  }
  // access() answers for the real user; that is who will write the files.
  if (::access(path.c_str(), W_OK | X_OK) != 0) fail(path, "the output folder is not writable", errno);
  return result;
}

}  // namespace clir
