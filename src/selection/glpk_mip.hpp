#pragma once
// Internal: a small binary integer program solved with GLPK. glpk.h stays in glpk_mip.cpp.

#include <cstddef>
#include <vector>

namespace clir::detail {

/// maximize c'x subject to lo <= A_r x <= hi for each row, x binary.
struct BinaryProgram {
  std::size_t variables = 0;
  std::vector<double> objective;  // one per variable
  struct Row {
    std::vector<int> index;       // 0-based variable indices
    std::vector<double> coefficient;
    bool has_lower = false, has_upper = false;
    double lower = 0.0, upper = 0.0;
  };
  std::vector<Row> rows;
  double time_limit_seconds = 60.0;
};

struct BinarySolution {
  enum class Status { optimal, feasible, infeasible, failed } status = Status::failed;
  std::vector<char> x;  // 0/1 per variable
  double objective = 0.0;
};

/// Solves @p program with glp_intopt (presolve on, terminal output off). Runs concurrently in
/// several threads when GLPK was built with thread-local storage (glp_config("TLS"): re-entrant
/// with one problem per thread), serialized by a mutex otherwise.
/// Deterministic: the same program gives the same solution in any thread (barring the time limit).
BinarySolution solve_binary_program(const BinaryProgram& program);

}  // namespace clir::detail
