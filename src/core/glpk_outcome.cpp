#include "glpk_outcome.hpp"

#include <glpk.h>

#include "clir/core/error.hpp"
#include "clir/io/format.hpp"

namespace clir::detail {

SolverStop solver_stop(int glpk_code) noexcept {
  switch (glpk_code) {
    case 0:
      return SolverStop::finished;
    case GLP_ETMLIM:
      return SolverStop::time_limit;
    case GLP_EITLIM:
      return SolverStop::iteration_limit;
    case GLP_EMIPGAP:
      return SolverStop::gap_reached;
    case GLP_ENOPFS:
    case GLP_ENOFEAS:
      return SolverStop::infeasible;
    case GLP_ENODFS:
      return SolverStop::unbounded;
    case GLP_ESTOP:
      return SolverStop::stopped;
    case GLP_ESING:
    case GLP_ECOND:
    case GLP_EINSTAB:
    case GLP_ENOCVG:
      return SolverStop::numerical;
    case GLP_EBADB:
    case GLP_EBOUND:
    case GLP_EROOT:
    case GLP_EDATA:
    case GLP_ERANGE:
      return SolverStop::invalid_program;
    default:  // GLP_EFAIL, GLP_EOBJLL, GLP_EOBJUL (clir sets no objective limit), unknown codes
      return SolverStop::failed;
  }
}

std::string glpk_code_name(int glpk_code) {
  switch (glpk_code) {
    case 0: return "0 (success)";
    case GLP_EBADB: return "GLP_EBADB (invalid basis)";
    case GLP_ESING: return "GLP_ESING (singular matrix)";
    case GLP_ECOND: return "GLP_ECOND (ill-conditioned matrix)";
    case GLP_EBOUND: return "GLP_EBOUND (invalid bounds)";
    case GLP_EFAIL: return "GLP_EFAIL (solver failed)";
    case GLP_EOBJLL: return "GLP_EOBJLL (objective lower limit reached)";
    case GLP_EOBJUL: return "GLP_EOBJUL (objective upper limit reached)";
    case GLP_EITLIM: return "GLP_EITLIM (iteration limit exceeded)";
    case GLP_ETMLIM: return "GLP_ETMLIM (time limit exceeded)";
    case GLP_ENOPFS: return "GLP_ENOPFS (no primal feasible solution)";
    case GLP_ENODFS: return "GLP_ENODFS (no dual feasible solution)";
    case GLP_EROOT: return "GLP_EROOT (root LP optimum not provided)";
    case GLP_ESTOP: return "GLP_ESTOP (search terminated by application)";
    case GLP_EMIPGAP: return "GLP_EMIPGAP (relative mip gap tolerance reached)";
    case GLP_ENOFEAS: return "GLP_ENOFEAS (no primal/dual feasible solution)";
    case GLP_ENOCVG: return "GLP_ENOCVG (no convergence)";
    case GLP_EINSTAB: return "GLP_EINSTAB (numerical instability)";
    case GLP_EDATA: return "GLP_EDATA (invalid data)";
    case GLP_ERANGE: return "GLP_ERANGE (result out of range)";
    default: return "code " + std::to_string(glpk_code);
  }
}

void throw_solver_failure(SolverStop stop, int glpk_code, const SolverTask& task) {
  const std::string code = glpk_code_name(glpk_code);
  const std::string none = "GLPK found no " + task.what;
  switch (stop) {
    case SolverStop::time_limit: {
      std::string message = "time limit reached: " + none;
      if (task.time_limit_seconds > 0.0) message += " within the time limit of " + format_significant(task.time_limit_seconds, 4) + " s";
      message += task.limit_key.empty() ? "; raise the time limit" : "; raise " + task.limit_key + " (seconds)";
      if (!task.advice.empty()) message += ", or " + task.advice;
      throw LimitReached(task.limit_key, message);
    }
    case SolverStop::iteration_limit:
      // clir sets no iteration limit (GLPK's default is none), so no option raises it.
      throw LimitReached("", "iteration limit reached: " + none + " within GLPK's iteration limit (" + code + ")" +
                                 (task.advice.empty() ? std::string{} : "; " + task.advice));
    case SolverStop::infeasible:
      throw Infeasible(none + ": it proved that none exists (" + code + ")", {});
    case SolverStop::unbounded:
      throw Error(none + ": the program is unbounded (" + code +
                  "); clir builds bounded programs, so this is a bug: please report it with the input");
    case SolverStop::stopped:
      throw Error(none + ": the search was stopped (" + code + ")");
    case SolverStop::numerical:
      throw Error(none + ": it stopped on numerical trouble (" + code +
                  "); values of very different magnitudes can cause it: rescale them, or report the case");
    case SolverStop::invalid_program:
      throw Error(none + ": it refused the program (" + code + "); this is a bug in clir: please report it with the input");
    case SolverStop::finished:
    case SolverStop::gap_reached:
    case SolverStop::failed:
      break;
  }
  throw Error(none + ": it failed (" + code + ")");
}

}  // namespace clir::detail
