#include "glpk_mip.hpp"

#include <glpk.h>

#include "../core/glpk_environment.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace clir::detail {

namespace {
std::mutex& glpk_mutex() {
  static std::mutex m;
  return m;
}

// GLPK >= 4.61 built with thread-local storage (glp_config("TLS") names the specifier; Debian's
// 5.0 has _Thread_local) is re-entrant: independent problems may be solved in different threads
// at once, provided no thread touches another thread's objects and each frees its environment
// (GLPK 4.61 release notes). A build without TLS shares one environment: serialize there.
bool glpk_is_reentrant() {
  static const bool reentrant = [] {
    const char* tls = glp_config("TLS");
    return tls != nullptr && *tls != '\0';
  }();
  return reentrant;
}

struct ProblemGuard {
  glp_prob* p = glp_create_prob();
  ~ProblemGuard() { glp_delete_prob(p); }
  ProblemGuard() = default;
  ProblemGuard(const ProblemGuard&) = delete;
  ProblemGuard& operator=(const ProblemGuard&) = delete;
};

// GLPK's bound type for [lower, upper] (an absent side is infinite).
int bound_type(bool has_lower, bool has_upper, double lower, double upper) {
  if (has_lower && has_upper) return lower == upper ? GLP_FX : GLP_DB;
  if (has_lower) return GLP_LO;
  if (has_upper) return GLP_UP;
  return GLP_FR;
}

// GLPK's callback: offers the caller's feasible solution once, when GLPK first asks for
// heuristic solutions, and ticks the caller's progress.
struct CallbackInfo {
  std::vector<double> x;  // 1-based, as GLPK wants it; empty = no start
  bool offered = false;
  const std::function<void()>* tick = nullptr;
};
void on_callback(glp_tree* tree, void* info) {
  auto* data = static_cast<CallbackInfo*>(info);
  if (!data->x.empty() && glp_ios_reason(tree) == GLP_IHEUR && !data->offered) {
    data->offered = true;
    glp_ios_heur_sol(tree, data->x.data());
  }
  if (data->tick != nullptr) (*data->tick)();
}
}  // namespace

MixedSolution solve_mixed_program(const MixedProgram& program) {
  std::unique_lock<std::mutex> lock;
  if (!glpk_is_reentrant()) lock = std::unique_lock<std::mutex>(glpk_mutex());
  const GlpkEnvironment environment;  // destroyed after the problem below
  glp_term_out(GLP_OFF);
  MixedSolution out;
  ProblemGuard guard;
  glp_prob* p = guard.p;
  glp_set_obj_dir(p, program.maximize ? GLP_MAX : GLP_MIN);
  const int n = static_cast<int>(program.columns.size());
  if (n > 0) glp_add_cols(p, n);
  bool integer = false;
  for (int j = 1; j <= n; ++j) {
    const auto& col = program.columns[static_cast<std::size_t>(j - 1)];
    if (col.binary) {
      glp_set_col_kind(p, j, GLP_BV);
      integer = true;
    } else {
      const bool lo = std::isfinite(col.lower), hi = std::isfinite(col.upper);
      glp_set_col_bnds(p, j, bound_type(lo, hi, col.lower, col.upper), lo ? col.lower : 0.0, hi ? col.upper : 0.0);
    }
    glp_set_obj_coef(p, j, col.objective);
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  if (!program.rows.empty()) glp_add_rows(p, static_cast<int>(program.rows.size()));
  for (std::size_t r = 0; r < program.rows.size(); ++r) {
    const auto& row = program.rows[r];
    const int i = static_cast<int>(r) + 1;
    glp_set_row_bnds(p, i, bound_type(row.has_lower, row.has_upper, row.lower, row.upper), row.lower, row.upper);
    for (std::size_t k = 0; k < row.index.size(); ++k) {
      ia.push_back(i);
      ja.push_back(row.index[k] + 1);
      ar.push_back(row.coefficient[k]);
    }
  }
  glp_load_matrix(p, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  const int time_limit_ms = static_cast<int>(std::clamp(program.time_limit_seconds * 1000.0, 1.0, 2.0e9));

  const bool with_start = integer && program.start.size() == program.columns.size();
  if (!integer || with_start) {
    // An LP, or the relaxation a MIP without presolve starts from (GLPK's presolver would
    // renumber the columns the start is given in).
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = with_start ? GLP_OFF : GLP_ON;  // glp_intopt without presolve needs this basis
    parm.tm_lim = time_limit_ms;
    const int ret = glp_simplex(p, &parm);
    const int status = glp_get_status(p);
    out.code = ret;
    out.stop = solver_stop(ret);
    if (out.stop == SolverStop::infeasible || (ret == 0 && status == GLP_NOFEAS)) {
      out.status = MixedSolution::Status::infeasible;
      return out;
    }
    if (ret == 0 && status == GLP_UNBND) out.stop = SolverStop::unbounded;
    if (ret != 0 || status != GLP_OPT) {
      if (ret == 0 && status != GLP_UNBND) out.stop = SolverStop::failed;  // no code, no optimum: GLPK gave no reason
      return out;  // failed: time limit, numerical trouble, unbounded
    }
    if (!integer) {
      out.status = MixedSolution::Status::optimal;
      out.x.resize(program.columns.size());
      for (int j = 1; j <= n; ++j) out.x[static_cast<std::size_t>(j - 1)] = glp_get_col_prim(p, j);
      out.objective = glp_get_obj_val(p);
      return out;
    }
  }

  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = with_start ? GLP_OFF : GLP_ON;
  parm.tm_lim = time_limit_ms;
  parm.tol_int = program.integer_tolerance;
  CallbackInfo callback;
  if (with_start) {
    callback.x.push_back(0.0);
    callback.x.insert(callback.x.end(), program.start.begin(), program.start.end());
  }
  if (program.tick) callback.tick = &program.tick;
  if (with_start || program.tick) {
    parm.cb_func = on_callback;
    parm.cb_info = &callback;
  }
  const int ret = glp_intopt(p, &parm);
  const int status = glp_mip_status(p);
  out.code = ret;
  out.stop = solver_stop(ret);
  if (out.stop == SolverStop::infeasible || status == GLP_NOFEAS) {
    out.status = MixedSolution::Status::infeasible;
    return out;
  }
  if (status != GLP_OPT && status != GLP_FEAS) {
    if (out.stop == SolverStop::finished) out.stop = SolverStop::failed;  // no code, no solution: GLPK gave no reason
    return out;  // failed: time limit before any solution, unbounded relaxation, numerical trouble
  }
  out.status = status == GLP_OPT && ret == 0 ? MixedSolution::Status::optimal : MixedSolution::Status::feasible;
  out.x.resize(program.columns.size());
  for (int j = 1; j <= n; ++j) {
    const auto& col = program.columns[static_cast<std::size_t>(j - 1)];
    const double v = glp_mip_col_val(p, j);
    out.x[static_cast<std::size_t>(j - 1)] = col.binary ? (v > 0.5 ? 1.0 : 0.0) : v;
  }
  out.objective = glp_mip_obj_val(p);
  return out;
}

BinarySolution solve_binary_program(const BinaryProgram& program) {
  MixedProgram mixed;
  mixed.maximize = true;
  mixed.time_limit_seconds = program.time_limit_seconds;
  mixed.columns.resize(program.variables);
  for (std::size_t j = 0; j < program.variables; ++j) {
    mixed.columns[j].binary = true;
    mixed.columns[j].objective = program.objective[j];
  }
  mixed.rows = program.rows;
  const MixedSolution s = solve_mixed_program(mixed);
  BinarySolution out;
  out.status = s.status;
  out.objective = s.objective;
  out.stop = s.stop;
  out.code = s.code;
  out.x.reserve(s.x.size());
  for (double v : s.x) out.x.push_back(v > 0.5 ? 1 : 0);
  return out;
}

}  // namespace clir::detail
