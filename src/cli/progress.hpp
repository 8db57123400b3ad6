#pragma once
// A progress bar on stderr for long runs (robustness draws, reproduction grids). It draws only
// when stderr is a terminal, so logs and pipes stay clean, and redraws at most ~10 times a
// second so that it never slows the work it reports on.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace clir::cli {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled = ::isatty(STDERR_FILENO) == 1) : enabled_(enabled) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar() { finish(); }

  /// Reports that @p done of @p total steps of @p stage are complete.
  void update(const std::string& stage, std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && stage == stage_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    stage_ = stage;
    constexpr int width = 30;
    const int filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r%-24.24s [%s%s] %3d%%", stage.c_str(), std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), static_cast<int>(100 * done / total));
    std::fflush(stderr);
    drawn_ = true;
  }

  /// Clears the bar's line.
  void finish() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r%70s\r", "");
    std::fflush(stderr);
    drawn_ = false;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::string stage_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace clir::cli
