#pragma once
// A progress bar on stderr for long runs (robustness draws, reproduction grids). It draws only
// when stderr is a terminal, so logs and pipes stay clean, and redraws at most ~10 times a
// second so that it never slows the work it reports on.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "clir/selection/explain.hpp"

namespace clir::cli {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled = ::isatty(STDERR_FILENO) == 1) : enabled_(enabled) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar() { finish(); }

  /// Reports that @p done of @p total steps of @p stage are complete; @p note (at most 20
  /// characters, e.g. "about 12 s left") follows the percentage.
  void update(const std::string& stage, std::size_t done, std::size_t total, const std::string& note = {}) {
    if (!enabled_ || total == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && stage == stage_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    stage_ = stage;
    constexpr int width = 30;
    const int filled = static_cast<int>(width * std::min(done, total) / total);
    std::fprintf(stderr, "\r%-24.24s [%s%s] %3d%% %-20.20s", stage.c_str(),
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), ' ').c_str(),
                 static_cast<int>(100 * std::min(done, total) / total), note.c_str());
    std::fflush(stderr);
    drawn_ = true;
  }

  /// Writes @p line (a whole line, e.g. a time estimate) above the bar.
  void note(const std::string& line) {
    if (!enabled_) return;
    finish();
    std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
  }

  /// Clears the bar's line.
  void finish() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r%90s\r", "");
    std::fflush(stderr);
    drawn_ = false;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::string stage_;
  std::chrono::steady_clock::time_point last_{};
};

/// Shows clir::explain_scenario()'s progress on a ProgressBar: once the first solver calls give
/// an estimate, one line saying about how long the explanation takes on this machine, then the
/// bar by time, with the time left.
class ExplainProgressDisplay {
 public:
  explicit ExplainProgressDisplay(ProgressBar& bar) : bar_(&bar) {}

  void operator()(const ExplainProgress& p) {
    if (!p.estimated) {
      bar_->update("explain: " + std::string(p.stage), 0, 1);
      return;
    }
    const double total = p.elapsed_seconds + p.remaining_seconds;
    if (!announced_) {
      announced_ = true;
      bar_->note("clir: explaining takes about " + seconds(total) + " here (estimated from its first solver calls" +
                 (p.mip_seconds > 0.0 ? "; up to " + seconds(p.mip_seconds) + " of it is the MIP's time limit, explain.time_limit_s"
                                      : std::string()) +
                 ")");
    }
    const auto ms = [](double s) { return static_cast<std::size_t>(std::max(0.0, s) * 1000.0); };
    bar_->update("explain: " + std::string(p.stage), ms(p.elapsed_seconds), std::max<std::size_t>(1, ms(total)),
                 "about " + seconds(p.remaining_seconds) + " left");
  }

 private:
  static std::string seconds(double s) { return std::to_string(static_cast<long long>(std::ceil(std::max(0.0, s)))) + " s"; }
  ProgressBar* bar_;
  bool announced_ = false;
};

}  // namespace clir::cli
