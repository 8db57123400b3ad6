#pragma once
// Internal: what GLPK's return codes mean for clir, and the one error each gives. Every file that
// calls glp_simplex or glp_intopt (selection, explain, the exact p-median) maps the code through
// solver_stop() and, when the call gave no usable solution, throws throw_solver_failure()'s error,
// so that a time-out reads "time limit reached" wherever it happens, never as a conflict.
// glpk.h stays in glpk_outcome.cpp: the codes are plain ints here.

#include <string>
#include <string_view>

namespace clir::detail {

/// How a GLPK call ended, from its return code.
enum class SolverStop {
  finished,         ///< 0: the call ran to its end (the solution status says what it found)
  time_limit,       ///< GLP_ETMLIM: the time limit (tm_lim) was reached
  iteration_limit,  ///< GLP_EITLIM: the simplex iteration limit (it_lim) was reached
  gap_reached,      ///< GLP_EMIPGAP: the MIP search stopped within its relative gap (mip_gap)
  infeasible,       ///< GLP_ENOPFS, GLP_ENOFEAS: no (primal) feasible solution exists
  unbounded,        ///< GLP_ENODFS: no dual feasible solution (the relaxation is unbounded)
  stopped,          ///< GLP_ESTOP: a callback stopped the search
  numerical,        ///< GLP_ESING, GLP_ECOND, GLP_EINSTAB, GLP_ENOCVG: numerical trouble
  invalid_program,  ///< GLP_EBADB, GLP_EBOUND, GLP_EROOT, GLP_EDATA, GLP_ERANGE: GLPK refused the program as built
  failed,           ///< GLP_EFAIL, GLP_EOBJLL, GLP_EOBJUL and any code GLPK 5.0 does not define
};

/// The meaning of @p glpk_code (a return code of glp_simplex, glp_intopt, glp_interior).
SolverStop solver_stop(int glpk_code) noexcept;

/// GLPK's name for @p glpk_code ("GLP_ETMLIM"), or "code N" for one it does not define.
std::string glpk_code_name(int glpk_code);

/// What a solve was for, as its error names it.
struct SolverTask {
  std::string what;          ///< what was sought: "a selection that meets the quotas"
  std::string limit_key;     ///< the option that sets its time limit ("selection.time_limit_s"), may be empty
  double time_limit_seconds = 0.0;  ///< that limit, seconds (0 = none)
  std::string advice;        ///< besides raising the limit, what shortens the search (may be empty)
};

/// Throws the error for a solve of @p task that ended, with @p stop (from GLPK's @p glpk_code),
/// without a usable solution: clir::LimitReached for a time or iteration limit (keyed by
/// task.limit_key, saying "time limit reached" and what to raise), clir::Infeasible for
/// `infeasible`, clir::Error naming GLPK's code for the rest. @p stop must not be `finished` or
/// `gap_reached` with a solution; given them, it reports a solver failure.
[[noreturn]] void throw_solver_failure(SolverStop stop, int glpk_code, const SolverTask& task);

}  // namespace clir::detail
