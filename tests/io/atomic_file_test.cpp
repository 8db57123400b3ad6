#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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

TEST_F(AtomicFile, OutputFolderIsCreatedWithParents) {
  const auto out = dir_ / "runs" / "2024";
  const auto result = clir::prepare_output_directory(out, false);
  EXPECT_TRUE(result.created);
  EXPECT_FALSE(result.reused);
  EXPECT_TRUE(fs::is_directory(out));
}

TEST_F(AtomicFile, EmptyOutputFolderIsUsed) {
  const auto out = dir_ / "empty";
  fs::create_directories(out);
  const auto result = clir::prepare_output_directory(out, false);
  EXPECT_FALSE(result.created);
  EXPECT_FALSE(result.reused);
}

TEST_F(AtomicFile, ExistingOutputFolderNeedsOverwrite) {
  const auto out = dir_ / "previous";
  fs::create_directories(out);
  put(out / "report.md", "old");
  EXPECT_EQ(error_of([&] { clir::prepare_output_directory(out, false); }),
            out.string() + ": the output folder already exists and is not empty; allow overwriting (--force) to "
                           "replace the files in it");
  const auto result = clir::prepare_output_directory(out, true);
  EXPECT_TRUE(result.reused);
  EXPECT_EQ(slurp(out / "report.md"), "old");  // nothing is deleted; files are replaced one by one
}

TEST_F(AtomicFile, OutputFolderThatIsAFile) {
  const auto out = dir_ / "file.txt";
  put(out, "x");
  EXPECT_EQ(error_of([&] { clir::prepare_output_directory(out, true); }),
            out.string() + ": the output folder is a file, not a folder");
}

TEST_F(AtomicFile, OutputFolderUnderAFileCannotBeCreated) {
  put(dir_ / "file.txt", "x");
  const auto out = dir_ / "file.txt" / "sub";
  EXPECT_EQ(error_of([&] { clir::prepare_output_directory(out, false); }),
            out.string() + ": cannot access the output folder: Not a directory");
}

TEST_F(AtomicFile, OutputFolderNotWritable) {
  // Tests run as root here, which ignores permission bits; /proc/self refuses writes to
  // everyone. Skipped where that does not hold.
  if (::access("/proc/self", W_OK) == 0 || !fs::is_directory("/proc/self")) GTEST_SKIP() << "/proc/self is writable here";
  // The system's reason (EACCES or EPERM) follows the prefix.
  const std::string message = error_of([] { clir::prepare_output_directory("/proc/self", true); });
  EXPECT_EQ(message.rfind("/proc/self: the output folder is not writable: ", 0), 0u) << message;
}

TEST_F(AtomicFile, TemporaryCannotBeCreated) {
  if (::access("/proc/self", W_OK) == 0 || !fs::is_directory("/proc/self")) GTEST_SKIP() << "/proc/self is writable here";
  const std::string message = error_of([] { clir::write_file_atomic("/proc/self/clir-out.csv", "x"); });
  EXPECT_EQ(message.rfind("/proc/self/clir-out.csv: cannot create a temporary file next to it: ", 0), 0u) << message;
  EXPECT_FALSE(fs::exists("/proc/self/clir-out.csv"));
}

}  // namespace
