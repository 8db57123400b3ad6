#include "glpk_mip.hpp"

#include <glpk.h>

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

// GLPK keeps one environment per thread. One that this call creates is freed when the call
// ends (a worker thread of the Monte Carlo loop would otherwise leak it at exit); one that
// already existed belongs to other GLPK code in this thread and is left alone.
struct EnvironmentGuard {
  bool created = glp_init_env() == 0;
  ~EnvironmentGuard() {
    if (created) glp_free_env();
  }
  EnvironmentGuard() = default;
  EnvironmentGuard(const EnvironmentGuard&) = delete;
  EnvironmentGuard& operator=(const EnvironmentGuard&) = delete;
};

struct ProblemGuard {
  glp_prob* p = glp_create_prob();
  ~ProblemGuard() { glp_delete_prob(p); }
  ProblemGuard() = default;
  ProblemGuard(const ProblemGuard&) = delete;
  ProblemGuard& operator=(const ProblemGuard&) = delete;
};
}  // namespace

BinarySolution solve_binary_program(const BinaryProgram& program) {
  std::unique_lock<std::mutex> lock;
  if (!glpk_is_reentrant()) lock = std::unique_lock<std::mutex>(glpk_mutex());
  const EnvironmentGuard environment;  // destroyed after the problem below
  glp_term_out(GLP_OFF);
  BinarySolution out;
  ProblemGuard guard;
  glp_prob* p = guard.p;
  glp_set_obj_dir(p, GLP_MAX);
  const int n = static_cast<int>(program.variables);
  if (n > 0) glp_add_cols(p, n);
  for (int j = 1; j <= n; ++j) {
    glp_set_col_kind(p, j, GLP_BV);
    glp_set_obj_coef(p, j, program.objective[static_cast<std::size_t>(j - 1)]);
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  if (!program.rows.empty()) glp_add_rows(p, static_cast<int>(program.rows.size()));
  for (std::size_t r = 0; r < program.rows.size(); ++r) {
    const auto& row = program.rows[r];
    const int i = static_cast<int>(r) + 1;
    int type = GLP_FR;
    if (row.has_lower && row.has_upper) {
      type = row.lower == row.upper ? GLP_FX : GLP_DB;
    } else if (row.has_lower) {
      type = GLP_LO;
    } else if (row.has_upper) {
      type = GLP_UP;
    }
    glp_set_row_bnds(p, i, type, row.lower, row.upper);
    for (std::size_t k = 0; k < row.index.size(); ++k) {
      ia.push_back(i);
      ja.push_back(row.index[k] + 1);
      ar.push_back(row.coefficient[k]);
    }
  }
  glp_load_matrix(p, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());

  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_ON;
  parm.tm_lim = static_cast<int>(std::clamp(program.time_limit_seconds * 1000.0, 1.0, 2.0e9));
  const int ret = glp_intopt(p, &parm);
  const int status = glp_mip_status(p);
  if (ret == GLP_ENOPFS || ret == GLP_ENODFS || status == GLP_NOFEAS) {
    out.status = BinarySolution::Status::infeasible;
    return out;
  }
  if (status != GLP_OPT && status != GLP_FEAS) {
    out.status = BinarySolution::Status::failed;
    return out;
  }
  out.status = status == GLP_OPT && ret == 0 ? BinarySolution::Status::optimal : BinarySolution::Status::feasible;
  out.x.resize(program.variables);
  for (int j = 1; j <= n; ++j) out.x[static_cast<std::size_t>(j - 1)] = glp_mip_col_val(p, j) > 0.5 ? 1 : 0;
  out.objective = glp_mip_obj_val(p);
  return out;
}

}  // namespace clir::detail
