#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/io/atomic_file.hpp"
#include "support/support.hpp"

namespace {

namespace fs = std::filesystem;

// A scratch folder per test under the build tree, removed afterwards.
class AtomicFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(CLIR_BINARY_DIR) / "io_test_out" / (std::string(info->test_suite_name()) + "." + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string slurp(const fs::path& p) { return clir_test::read_text(p); }
  static void put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
  // Every entry of the folder (temporary files are hidden dot-files, so list everything).
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

template <class F>
std::string error_of(F&& f) {
  return clir_test::error_message<clir::InputError>(f);
}

TEST_F(AtomicFile, WritesNewFileAndLeavesNoTemporary) {
  const auto target = dir_ / "result.csv";
  clir::write_file_atomic(target, "a,b\n1,2\n");
  EXPECT_EQ(slurp(target), "a,b\n1,2\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"result.csv"});
}

TEST_F(AtomicFile, ReplacesExistingFileAndKeepsItsPermissions) {
  const auto target = dir_ / "result.csv";
  put(target, "old content that is longer than the new one\n");
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  clir::write_file_atomic(target, "new\n");
  EXPECT_EQ(slurp(target), "new\n");
  EXPECT_EQ(fs::status(target).permissions() & fs::perms::mask,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(entries(), std::vector<std::string>{"result.csv"});
  clir::write_file_atomic(target, "");  // an empty content is a valid file
  EXPECT_EQ(slurp(target), "");
}

TEST_F(AtomicFile, MissingFolderIsNamed) {
  const auto target = dir_ / "no" / "such" / "out.csv";
  EXPECT_EQ(error_of([&] { clir::write_file_atomic(target, "x"); }),
            target.string() + ": cannot write the file: its folder does not exist");
  EXPECT_FALSE(fs::exists(dir_ / "no"));
}

TEST_F(AtomicFile, ParentThatIsAFile) {
  put(dir_ / "plain", "x");
  const auto target = dir_ / "plain" / "out.csv";
  EXPECT_EQ(error_of([&] { clir::write_file_atomic(target, "x"); }),
            target.string() + ": cannot write the file: '" + (dir_ / "plain").string() + "' is not a folder");
}

TEST_F(AtomicFile, TargetIsAFolderRemovesTheTemporary) {
  // The temporary is written in full; only the final rename fails. It must not be left behind.
  const auto target = dir_ / "taken";
  fs::create_directories(target / "inside");
  EXPECT_EQ(error_of([&] { clir::write_file_atomic(target, "content"); }),
            target.string() + ": cannot replace the file: Is a directory");
  EXPECT_EQ(entries(), std::vector<std::string>{"taken"});
  EXPECT_TRUE(fs::is_directory(target / "inside"));
}

TEST_F(AtomicFile, FailedWriteKeepsTheOldFile) {
  // A file size limit makes write() fail part-way (EFBIG), as a full disk would.
  const auto target = dir_ / "result.csv";
  put(target, "old\n");
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 16;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const std::string message = error_of([&] { clir::write_file_atomic(target, std::string(4096, 'x')); });
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_EQ(message, target.string() + ": cannot write the file: File too large");
  EXPECT_EQ(slurp(target), "old\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"result.csv"});
}

TEST_F(AtomicFile, EmptyPathAndFolderPath) {
  EXPECT_EQ(error_of([] { clir::write_file_atomic("", "x"); }), "cannot write a file with an empty path");
  const auto folder = dir_.string() + "/";
  EXPECT_EQ(error_of([&] { clir::write_file_atomic(folder, "x"); }), folder + ": the path names a folder, not a file");
}

TEST_F(AtomicFile, ConcurrentWritersNeverMix) {
  // Each writer's content is complete in the end; which one wins is up to the scheduler.
  const auto target = dir_ / "shared.txt";
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) clir::write_file_atomic(target, std::string(1000, static_cast<char>('a' + t)));
    });
  }
  for (auto& w : writers) w.join();
  const std::string content = slurp(target);
  ASSERT_EQ(content.size(), 1000u);
  EXPECT_EQ(content.find_first_not_of(content[0]), std::string::npos);
  EXPECT_EQ(entries(), std::vector<std::string>{"shared.txt"});
}

// ---------------------------------------------------------------------------------------------
// Output folders

TEST_F(AtomicFile, SizeLimitIsAnErrorNotASignal) {
  // #26: with the default SIGXFSZ action, a write past `ulimit -f` killed the process and left
  // the temporary. The writer ignores the signal while it writes, so the write fails (EFBIG).
  const auto target = dir_ / "result.csv";
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_DFL);
  struct rlimit small = saved;
  small.rlim_cur = 16;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const std::string message = error_of([&] { clir::write_file_atomic(target, std::string(4096, 'x')); });
  ::setrlimit(RLIMIT_FSIZE, &saved);
  // The caller's disposition is restored.
  EXPECT_EQ(std::signal(SIGXFSZ, old_handler), SIG_DFL);
  EXPECT_EQ(message, target.string() + ": cannot write the file: File too large");
  EXPECT_TRUE(entries().empty());
}

// ---------------------------------------------------------------------------------------------
// Output folders: absent or complete

const clir::FolderFiles kTwoFiles = {{"a.csv", "x\n"}, {"b.md", "# b\n"}};

TEST_F(AtomicFile, FolderIsCreatedWithParentsAndNoTemporaryRemains) {
  const auto out = dir_ / "runs" / "2024";
  const auto written = clir::write_folder_atomic(out, kTwoFiles, {});
  EXPECT_EQ(written, (std::vector<fs::path>{out / "a.csv", out / "b.md"}));
  EXPECT_EQ(slurp(out / "b.md"), "# b\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "runs"), fs::directory_iterator()), 1);
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 2);
}

TEST_F(AtomicFile, EmptyFolderIsReplacedWithoutOverwrite) {
  const auto out = dir_ / "empty";
  fs::create_directories(out);
  clir::write_folder_atomic(out, kTwoFiles, {});
  EXPECT_EQ(slurp(out / "a.csv"), "x\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"empty"});
}

TEST_F(AtomicFile, ExistingFolderIsReplacedAsAWholeWithOverwrite) {
  const auto out = dir_ / "previous";
  fs::create_directories(out);
  put(out / "a.csv", "old");
  put(out / "old-only.csv", "old");
  put(out / ".b.md.tmp-999999-1-0", "stale temporary of an interrupted write");
  EXPECT_EQ(error_of([&] { clir::write_folder_atomic(out, kTwoFiles, {}); }),
            out.string() + ": the output folder already exists and is not empty; allow overwriting (--force) to replace it");
  EXPECT_EQ(slurp(out / "a.csv"), "old");
  clir::write_folder_atomic(out, kTwoFiles, {.overwrite = true, .replaceable = {"old-only.csv"}});
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a.csv", "b.md"}));  // the stale files went with the old folder
  EXPECT_EQ(entries(), std::vector<std::string>{"previous"});
}

TEST_F(AtomicFile, OverwriteNeverDeletesAFileClirDoesNotWrite) {
  const auto out = dir_ / "mine";
  fs::create_directories(out / "report.html");
  put(out / "a.csv", "old");
  put(out / "notes.txt", "mine");
  EXPECT_EQ(error_of([&] { clir::write_folder_atomic(out, kTwoFiles, {.overwrite = true}); }),
            out.string() + ": overwriting replaces the whole output folder, and it holds 'notes.txt' and 1 more, which "
                           "clir does not write; move that away or choose another output folder");
  // check_output_folder says the same before any work.
  EXPECT_EQ(error_of([&] { clir::check_output_folder(out, {.overwrite = true, .replaceable = {"a.csv", "notes.txt"}}); }),
            out.string() + ": overwriting replaces the whole output folder, and it holds the folder 'report.html', "
                           "which clir does not write; move that away or choose another output folder");
  EXPECT_EQ(slurp(out / "notes.txt"), "mine");
}

TEST_F(AtomicFile, FailedFolderWriteLeavesNothing) {
  // A file that cannot be written (a size limit): neither the folder nor a temporary remains,
  // and the error names the file's final path.
  const auto out = dir_ / "out";
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  struct rlimit small = saved;
  small.rlim_cur = 16;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const std::string message =
      error_of([&] { clir::write_folder_atomic(out, {{"small.csv", "x\n"}, {"big.csv", std::string(4096, 'x')}}, {}); });
  ::setrlimit(RLIMIT_FSIZE, &saved);
  EXPECT_EQ(message, (out / "big.csv").string() + ": cannot write the file: File too large");
  EXPECT_TRUE(entries().empty());
}

TEST_F(AtomicFile, StaleFolderTemporariesOfDeadProcessesAreRemoved) {
  // An interrupted write leaves ".NAME.clir-tmp-PID-N" beside the folder; a later write into
  // the same parent removes it when process PID no longer runs. Another process's live one stays.
  fs::create_directories(dir_ / ".out.clir-tmp-999999-3");
  put(dir_ / ".out.clir-tmp-999999-3" / "a.csv", "half");
  const std::string live = ".other.clir-tmp-" + std::to_string(::getppid()) + "-0";
  fs::create_directories(dir_ / live);
  clir::write_folder_atomic(dir_ / "out", kTwoFiles, {});
  EXPECT_EQ(entries(), (std::vector<std::string>{live, "out"}));
}

TEST_F(AtomicFile, OutputFolderThatIsAFile) {
  const auto out = dir_ / "file.txt";
  put(out, "x");
  EXPECT_EQ(error_of([&] { clir::check_output_folder(out, {.overwrite = true}); }),
            out.string() + ": the output folder is a file, not a folder");
}

TEST_F(AtomicFile, OutputFolderUnderAFileCannotBeCreated) {
  put(dir_ / "file.txt", "x");
  const auto out = dir_ / "file.txt" / "sub";
  EXPECT_EQ(error_of([&] { clir::check_output_folder(out, {}); }),
            out.string() + ": cannot access the output folder: Not a directory");
}

TEST_F(AtomicFile, CurrentFolderIsNotReplaced) {
  const auto out = dir_ / "here";
  fs::create_directories(out / "sub");
  const fs::path cwd = fs::current_path();
  fs::current_path(out / "sub");
  const std::string message = error_of([&] { clir::check_output_folder("..", {.overwrite = true}); });
  fs::current_path(cwd);
  EXPECT_EQ(message, "..: the output folder is the current folder or holds it; it is replaced as a whole, so choose a "
                     "folder inside it");
}

TEST_F(AtomicFile, FolderCannotBeCreated) {
  const std::string message = error_of([] { clir::write_folder_atomic("/proc/self/clir-out", kTwoFiles, {}); });
  EXPECT_EQ(message.rfind("/proc/self/clir-out: cannot create the output folder: ", 0), 0u) << message;
}

TEST_F(AtomicFile, TemporaryCannotBeCreated) {
  if (::access("/proc/self", W_OK) == 0 || !fs::is_directory("/proc/self")) GTEST_SKIP() << "/proc/self is writable here";
  const std::string message = error_of([] { clir::write_file_atomic("/proc/self/clir-out.csv", "x"); });
  EXPECT_EQ(message.rfind("/proc/self/clir-out.csv: cannot create a temporary file next to it: ", 0), 0u) << message;
  EXPECT_FALSE(fs::exists("/proc/self/clir-out.csv"));
}

}  // namespace
