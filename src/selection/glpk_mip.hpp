#pragma once
// Internal: small linear and mixed-integer programs solved with GLPK. glpk.h stays in glpk_mip.cpp.

#include <cstddef>
#include <functional>
#include <limits>
#include <vector>

#include "../core/glpk_outcome.hpp"

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
  /// feasible: a solution without proof of optimality (the time limit, or the MIP gap, stopped
  /// the search); failed: none, and `stop` says why (throw_solver_failure() makes the error).
  enum class Status { optimal, feasible, infeasible, failed } status = Status::failed;
  std::vector<char> x;  // 0/1 per variable
  double objective = 0.0;
  SolverStop stop = SolverStop::failed;  ///< how GLPK's last call ended (solver_stop() of `code`)
  int code = 0;                          ///< GLPK's return code of that call
};

/// Solves @p program with glp_intopt (presolve on, terminal output off). Runs concurrently in
/// several threads when GLPK was built with thread-local storage (glp_config("TLS"): re-entrant
/// with one problem per thread), serialized by a mutex otherwise.
/// Deterministic: the same program gives the same solution in any thread (barring the time limit).
BinarySolution solve_binary_program(const BinaryProgram& program);

/// optimize c'x subject to lo <= A_r x <= hi for each row and column bounds; columns are
/// continuous or binary. Without a binary column it is an LP (glp_simplex), else a MIP (glp_intopt).
struct MixedProgram {
  static constexpr double kInfinity = std::numeric_limits<double>::infinity();
  struct Column {
    double lower = 0.0, upper = kInfinity;  // -kInfinity / kInfinity: unbounded
    bool binary = false;
    double objective = 0.0;
  };
  bool maximize = true;
  std::vector<Column> columns;
  std::vector<BinaryProgram::Row> rows;
  double time_limit_seconds = 60.0;
  double integer_tolerance = 1e-5;  // GLPK's tol_int: how far from 0 or 1 a binary may be
  std::vector<double> start;        // MIP: a feasible solution to start the search from (empty = none)
  std::function<void()> tick;       // MIP: called from GLPK's callback during the search (empty = none); must not throw
};

struct MixedSolution {
  using Status = BinarySolution::Status;
  Status status = Status::failed;
  std::vector<double> x;  // per column (binary columns exactly 0 or 1)
  double objective = 0.0;
  SolverStop stop = SolverStop::failed;  ///< as BinarySolution::stop
  int code = 0;
};

/// Solves @p program (same threading and determinism as solve_binary_program()). An unbounded
/// LP reports failed with stop `unbounded`. The time limit is at least 1 ms: a MIP with that
/// limit stops at the root (GLPK checks `tm_lim - 1 <= elapsed ms` before each node), which tests use.
MixedSolution solve_mixed_program(const MixedProgram& program);

}  // namespace clir::detail
