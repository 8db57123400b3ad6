#pragma once
// Internal: GLPK's per-thread environment, for every file that calls GLPK.
#include <glpk.h>

namespace clir::detail {

// GLPK keeps one environment per thread. One that this guard creates is freed when it goes out
// of scope (a worker thread, of the Monte Carlo loop or of `clir reproduce`, would otherwise
// leak it at exit); one that already existed belongs to other GLPK code in this thread and is
// left alone. Declare it before the problem it serves, so that it is destroyed after it.
struct GlpkEnvironment {
  bool created = glp_init_env() == 0;
  ~GlpkEnvironment() {
    if (created) glp_free_env();
  }
  GlpkEnvironment() = default;
  GlpkEnvironment(const GlpkEnvironment&) = delete;
  GlpkEnvironment& operator=(const GlpkEnvironment&) = delete;
};

}  // namespace clir::detail
