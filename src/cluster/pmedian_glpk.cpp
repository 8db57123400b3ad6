// Exact capacitated p-median with must-link, cannot-link and category constraints as a GLPK
// integer program.
//
// Super-items u (must-link components, weight w_u items) and candidate medoids j (every item):
//   minimise   Σ_uj c_uj x_uj                      c_uj = Σ_{i∈u} d(i, j) + soft penalties
//   subject to Σ_j x_uj = 1                        every super-item is served once
//              Σ_j y_j = k                         exactly k medoids
//              L y_j <= Σ_u w_u x_uj <= U y_j      size bounds of an open group (0 when closed)
//              x_{u(j), j} = y_j                   a medoid serves its own super-item
//              x_uj <= y_j                         (strong linking, a much tighter relaxation)
//              x_aj + x_bj <= y_j                  cannot-link super-items a, b
//              x_uj absent                         when u and j are in different hard blocks
// Two medoids in one super-item are excluded by the first and fourth rows together.

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "clir/cluster/pmedian.hpp"
#include "clir/core/error.hpp"
#include "../core/glpk_environment.hpp"
#include "../core/glpk_outcome.hpp"
#include "constraints_internal.hpp"

namespace clir::detail {
namespace {

struct ProblemDeleter {
  void operator()(glp_prob* p) const noexcept { glp_delete_prob(p); }
};

// Restores GLPK's terminal output switch on every exit path (it is process-wide state).
struct TerminalSilence {
  int previous;
  TerminalSilence() : previous(glp_term_out(GLP_OFF)) {}
  ~TerminalSilence() { glp_term_out(previous); }
  TerminalSilence(const TerminalSilence&) = delete;
  TerminalSilence& operator=(const TerminalSilence&) = delete;
};

struct CallbackData {
  const std::vector<double>* start = nullptr;  // 1-based column values of a feasible grouping
  bool start_given = false;
  double bound = -std::numeric_limits<double>::infinity();
  int nodes = 0;
};

void on_tree(glp_tree* tree, void* info) {
  auto* data = static_cast<CallbackData*>(info);
  const int best = glp_ios_best_node(tree);
  if (best != 0) data->bound = std::max(data->bound, glp_ios_node_bound(tree, best));
  int active = 0, current = 0, total = 0;
  glp_ios_tree_size(tree, &active, &current, &total);
  data->nodes = total;
  if (glp_ios_reason(tree) == GLP_IHEUR && data->start && !data->start_given) {
    data->start_given = true;
    glp_ios_heur_sol(tree, data->start->data());
  }
}

// exact_pmedian_dense() in steps: the options, the program's columns and rows, a heuristic
// start, the LP relaxation (which proves most infeasible constraint sets quickly), the
// branch-and-cut, and the grouping read back from the columns.

void check_options(const DenseDistances& D, const PMedianOptions& opt) {
  if (!(opt.time_limit_s >= 0.0) || !std::isfinite(opt.time_limit_s)) {
    throw ConfigError("time_limit_s", "must be a finite number of seconds >= 0 (0 = no limit)");
  }
  if (!(opt.mip_gap >= 0.0 && opt.mip_gap < 1.0)) throw ConfigError("mip_gap", "must be in [0, 1)");
  if (D.n > opt.max_items) {
    throw ConfigError("max_items", "exact_pmedian is limited to " + std::to_string(opt.max_items) + " items (n = " +
                                       std::to_string(D.n) +
                                       "); raise max_items if you can wait, or use constrained_kmedoids");
  }
}

// The time limit counts from the call, so the LP and the branch-and-cut share it.
struct Deadline {
  std::chrono::steady_clock::time_point started;
  double limit_s = 0.0;  // 0 = no limit

  // What is left, in GLPK's milliseconds (at least 1, so that GLPK does not read it as "none").
  int remaining_ms() const {
    if (limit_s == 0.0) return INT_MAX;
    const double used = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double left = std::max(0.0, limit_s - used) * 1000.0;
    return left >= static_cast<double>(INT_MAX) ? INT_MAX : std::max(1, static_cast<int>(left));
  }
};

// Columns: y_j (1..n), then x_uj for admissible pairs. Returns the column of each x_uj at
// [u * n + j], 0 when the pair is not admissible (so that it has no column at all).
std::vector<int> add_columns(glp_prob* lp, const DenseDistances& D, const PreparedConstraints& pc) {
  const std::size_t n = pc.n, nu = pc.units();
  glp_add_cols(lp, static_cast<int>(n));
  for (std::size_t j = 0; j < n; ++j) {
    glp_set_col_kind(lp, static_cast<int>(j + 1), GLP_BV);
  }
  std::vector<int> xcol(nu * n, 0);  // 0 = pair not admissible
  std::vector<std::pair<std::size_t, std::size_t>> xpair;
  for (std::size_t u = 0; u < nu; ++u) {
    for (std::size_t j = 0; j < n; ++j) {
      if (pc.allowed(u, j)) xpair.emplace_back(u, j);
    }
  }
  const int first_x = glp_add_cols(lp, static_cast<int>(xpair.size()));
  for (std::size_t p = 0; p < xpair.size(); ++p) {
    const auto [u, j] = xpair[p];
    const int col = first_x + static_cast<int>(p);
    xcol[u * n + j] = col;
    glp_set_col_kind(lp, col, GLP_BV);
    glp_set_obj_coef(lp, col, unit_cost(D, pc, u, j));
  }
  return xcol;
}

// The rows of the program at the top of this file, in its order.
void add_rows(glp_prob* lp, std::size_t k, const PreparedConstraints& pc, const std::vector<int>& xcol) {
  const std::size_t n = pc.n, nu = pc.units();
  std::vector<int> ind{0};
  std::vector<double> val{0.0};
  auto add_row = [&](int type, double lo, double hi) {
    const int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, type, lo, hi);
    glp_set_mat_row(lp, row, static_cast<int>(ind.size() - 1), ind.data(), val.data());
    ind.assign(1, 0);
    val.assign(1, 0.0);
  };
  auto term = [&](int col, double coef) {
    ind.push_back(col);
    val.push_back(coef);
  };
  for (std::size_t u = 0; u < nu; ++u) {  // served once
    for (std::size_t j = 0; j < n; ++j)
      if (xcol[u * n + j]) term(xcol[u * n + j], 1.0);
    add_row(GLP_FX, 1.0, 1.0);
  }
  for (std::size_t j = 0; j < n; ++j) term(static_cast<int>(j + 1), 1.0);  // k medoids
  add_row(GLP_FX, static_cast<double>(k), static_cast<double>(k));
  for (std::size_t j = 0; j < n; ++j) {
    const int y = static_cast<int>(j + 1);
    for (int pass = 0; pass < 2; ++pass) {  // size bounds
      for (std::size_t u = 0; u < nu; ++u)
        if (xcol[u * n + j]) term(xcol[u * n + j], static_cast<double>(pc.weight(u)));
      if (pass == 0) {
        term(y, -static_cast<double>(pc.min_size));
        add_row(GLP_LO, 0.0, 0.0);
      } else {
        term(y, -static_cast<double>(pc.max_size));
        add_row(GLP_UP, 0.0, 0.0);
      }
    }
    const std::size_t own = pc.unit_of[j];
    term(xcol[own * n + j], 1.0);  // a medoid serves its own super-item
    term(y, -1.0);
    add_row(GLP_FX, 0.0, 0.0);
    for (std::size_t u = 0; u < nu; ++u) {  // strong linking
      if (u == own || !xcol[u * n + j]) continue;
      term(xcol[u * n + j], 1.0);
      term(y, -1.0);
      add_row(GLP_UP, 0.0, 0.0);
    }
    for (const auto& [a, b] : pc.cannot_units) {
      if (!xcol[a * n + j] || !xcol[b * n + j]) continue;
      term(xcol[a * n + j], 1.0);
      term(xcol[b * n + j], 1.0);
      term(y, -1.0);
      add_row(GLP_UP, 0.0, 0.0);
    }
  }
}

// A heuristic start: the constrained k-medoids result, if it finds one quickly. Its grouping is
// written into @p start as 1-based column values for GLPK's heuristic callback; without a
// feasible grouping the exact search decides alone.
std::optional<ConstrainedResult> heuristic_start(const DenseDistances& D, std::size_t k, const GroupConstraints& c,
                                                 const PreparedConstraints& pc, const std::vector<int>& xcol,
                                                 int columns, std::vector<double>& start) {
  const std::size_t n = pc.n, nu = pc.units();
  try {
    ConstrainedResult h = constrained_kmedoids_dense(D, k, c, {.swap_candidates = 8, .restarts = 2, .threads = 1});
    start.assign(static_cast<std::size_t>(columns) + 1, 0.0);
    for (std::size_t m : h.medoids) start[m + 1] = 1.0;
    for (std::size_t u = 0; u < nu; ++u) {
      const std::size_t m = h.medoids[static_cast<std::size_t>(h.labels[pc.members[u].front()])];
      start[static_cast<std::size_t>(xcol[u * n + m])] = 1.0;
    }
    return h;
  } catch (const Infeasible&) {
    return std::nullopt;  // the heuristic found no feasible grouping
  }
}

// Out of time with only the heuristic's grouping: return it, with the trivial bound 0.
PMedianResult heuristic_only(const ConstrainedResult& heuristic) {
  PMedianResult r;
  static_cast<ConstrainedResult&>(r) = heuristic;
  r.status = PMedianStatus::time_limit;
  r.converged = false;
  r.bound = 0.0;
  r.nodes = 0;
  r.iterations = 0;
  r.swaps = 0;
  return r;
}

// The exact search's solver calls, for the error when one gives no grouping (the one mapping
// of GLPK's codes: a time-out reads "time limit reached", never as infeasible).
SolverTask grouping_task(double time_limit_s) {
  return {.what = "feasible grouping",
          .limit_key = "time_limit_s",
          .time_limit_seconds = time_limit_s,
          .advice = "use constrained_kmedoids (a heuristic method)"};
}

// LP relaxation first (no presolver, so that column numbers stay those of the heuristic start).
// Returns glp_simplex's code.
int solve_relaxation(glp_prob* lp, const Deadline& deadline) {
  glp_smcp sm;
  glp_init_smcp(&sm);
  sm.msg_lev = GLP_MSG_OFF;
  sm.tm_lim = deadline.remaining_ms();
  return glp_simplex(lp, &sm);
}

// Branch-and-cut from the relaxation, with clique and MIR cuts; on_tree hands GLPK the
// heuristic start and records the best bound. Returns glp_intopt's code.
int branch_and_cut(glp_prob* lp, double mip_gap, const Deadline& deadline, CallbackData& data) {
  glp_iocp io;
  glp_init_iocp(&io);
  io.msg_lev = GLP_MSG_OFF;
  io.presolve = GLP_OFF;
  io.clq_cuts = GLP_ON;
  io.mir_cuts = GLP_ON;
  io.mip_gap = mip_gap;
  io.tm_lim = deadline.remaining_ms();
  io.cb_func = on_tree;
  io.cb_info = &data;
  return glp_intopt(lp, &io);
}

// The grouping of GLPK's integer solution: the open medoids, each super-item's group, its loss
// and soft penalty; optimal when GLPK finished (within the gap), with the best bound known.
PMedianResult read_solution(glp_prob* lp, const DenseDistances& D, const PreparedConstraints& pc,
                            const std::vector<int>& xcol, int code, const CallbackData& data, double mip_gap) {
  const std::size_t n = pc.n, nu = pc.units();
  std::vector<std::size_t> medoids;
  for (std::size_t j = 0; j < n; ++j) {
    if (glp_mip_col_val(lp, static_cast<int>(j + 1)) > 0.5) medoids.push_back(j);
  }
  Assignment a;
  a.group_of_unit.assign(nu, -1);
  for (std::size_t u = 0; u < nu; ++u) {
    for (std::size_t g = 0; g < medoids.size(); ++g) {
      const int col = xcol[u * n + medoids[g]];
      if (col && glp_mip_col_val(lp, col) > 0.5) a.group_of_unit[u] = static_cast<std::int32_t>(g);
    }
    for (std::size_t i : pc.members[u]) {
      const std::size_t m = medoids[static_cast<std::size_t>(a.group_of_unit[u])];
      a.loss += D(i, m);
      if (pc.soft && pc.category_of[i] != pc.category_of[m]) a.penalty += pc.penalty;
    }
  }
  PMedianResult r;
  static_cast<ConstrainedResult&>(r) = make_result(pc, medoids, a);
  const bool proven = code == 0 || code == GLP_EMIPGAP;
  r.status = proven ? PMedianStatus::optimal : PMedianStatus::time_limit;
  r.converged = proven;
  r.nodes = static_cast<std::size_t>(std::max(0, data.nodes));
  r.bound = (code == 0 && mip_gap == 0.0) ? r.objective : std::min(r.objective, data.bound);
  if (!std::isfinite(r.bound)) r.bound = glp_get_obj_val(lp);  // the root LP bound
  return r;
}

}  // namespace

PMedianResult exact_pmedian_dense(const DenseDistances& D, std::size_t k, const GroupConstraints& c,
                                  const PMedianOptions& opt) {
  check_options(D, opt);
  const Deadline deadline{.started = std::chrono::steady_clock::now(), .limit_s = opt.time_limit_s};
  const PreparedConstraints pc = prepare_constraints(D.n, k, c);

  const GlpkEnvironment environment;  // destroyed after the problem below
  std::unique_ptr<glp_prob, ProblemDeleter> owner(glp_create_prob());
  glp_prob* lp = owner.get();
  TerminalSilence silence;
  glp_set_obj_dir(lp, GLP_MIN);
  const std::vector<int> xcol = add_columns(lp, D, pc);
  add_rows(lp, k, pc, xcol);

  CallbackData data;
  std::vector<double> start;  // outlives the branch-and-cut, whose callback reads it
  std::optional<ConstrainedResult> heuristic;
  if (opt.heuristic_start) {
    heuristic = heuristic_start(D, k, c, pc, xcol, glp_get_num_cols(lp), start);
    if (heuristic) data.start = &start;
  }

  const int lp_code = solve_relaxation(lp, deadline);
  const SolverStop lp_stop = solver_stop(lp_code);
  if (lp_stop == SolverStop::time_limit && heuristic) return heuristic_only(*heuristic);
  if (lp_stop != SolverStop::finished) throw_solver_failure(lp_stop, lp_code, grouping_task(opt.time_limit_s));
  if (glp_get_status(lp) == GLP_NOFEAS || glp_get_status(lp) == GLP_INFEAS) {
    throw Infeasible("no grouping satisfies all constraints together (even fractionally)", active_constraints(pc, c),
                     "relax one of them");
  }

  const int code = branch_and_cut(lp, opt.mip_gap, deadline, data);
  const int status = glp_mip_status(lp);
  const SolverStop stop = solver_stop(code);
  if (stop != SolverStop::finished && stop != SolverStop::time_limit && stop != SolverStop::gap_reached) {
    throw_solver_failure(stop, code, grouping_task(opt.time_limit_s));
  }
  if (status == GLP_NOFEAS) {
    throw Infeasible("no grouping satisfies all constraints together (proved by the integer program)",
                     active_constraints(pc, c), "relax one of them");
  }
  if (status != GLP_OPT && status != GLP_FEAS) {
    if (heuristic) return heuristic_only(*heuristic);
    throw_solver_failure(stop == SolverStop::finished ? SolverStop::failed : stop, code, grouping_task(opt.time_limit_s));
  }
  return read_solution(lp, D, pc, xcol, code, data, opt.mip_gap);
}

}  // namespace clir::detail
