#pragma once
// Internal: the programs of clir::explain_selection. The rule's parameters, the features of each
// candidate, and the linear and mixed-integer programs over them (largest margin, fewest
// violations, most members among the N best), with the dominance relations that tighten them.
#include <chrono>
#include <cstddef>
#include <exception>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "clir/selection/explain.hpp"
#include "glpk_mip.hpp"

namespace clir::detail {

using Row = BinaryProgram::Row;

/// a ≥ b on every feature.
bool weakly_above(const Eigen::MatrixXd& f, std::size_t a, std::size_t b);
/// The strict order among candidates used for dominance: a ≥ b on every feature, and a ≠ b or
/// (equal rows) a is the lower row.
bool dominates(const Eigen::MatrixXd& f, std::size_t a, std::size_t b);

class ExplainMeter;

// The program's parameters are the p = criteria × segments increments v of the value functions
// (linear: one per criterion); a candidate's score is features.row(i) · v, in [0, 1].
struct RuleModel {
  Eigen::MatrixXd features;                // candidates × p, entries in [0, 1]
  std::size_t m = 0, segments = 1;         // criteria, segments per criterion
  std::vector<std::size_t> members;        // candidate rows of the reference, reference order
  std::vector<std::size_t> others;         // the other candidates, row order
  std::vector<char> is_member;             // per candidate row: 1 for a reference member
  std::vector<double> lo, hi;              // per criterion weight bounds
  std::vector<std::string> labels;
  std::size_t count = 0;
  double gap = 1e-6;
  double time_limit = 60.0;

  std::size_t p() const { return m * segments; }
  std::size_t t_col() const { return p(); }

  // Columns v (p) and t, the sum-to-one row and the weight bounds.
  MixedProgram base(bool maximize) const;
  Row weight_row(std::size_t j) const;
  // score_i - t (+ extra column × coefficient).
  Row score_row(std::size_t i, int extra = -1, double extra_coefficient = 0.0) const;
  static int add_column(MixedProgram& prog, MixedProgram::Column c);

  // max δ: lifted − t ≥ δ, other − t ≤ 0 for the non-members not let through (@p through, per
  // candidate row, may be empty).
  MixedProgram margin_program(std::span<const std::size_t> lifted, int& delta,
                              const std::vector<char>& through = {}) const;

  // min Σσ: member − t + σ ≥ gap, other − t − σ ≤ 0.
  MixedProgram violation_program(std::span<const std::size_t> lifted, std::vector<int>& sigma) const;

  // max Σz: z_i = 1 ⇒ member − t ≥ gap; y_k = 0 ⇒ other − t ≤ 0; Σz + Σy ≤ N; Σz ≥ at_least.
  // Members in @p fixed_out get no z; non-members in @p kept only get a y (the rest are implied).
  MixedProgram members_program(const std::vector<char>& reachable, const std::vector<std::size_t>& kept,
                               std::size_t at_least, std::vector<int>& z, std::vector<int>& y) const;

  // The MIP's variables for the rule @p params: t just at the best non-member outside the N
  // best, z = 1 for the members that beat it by the gap, y = 1 for the non-members above it.
  std::vector<double> start_point(const Eigen::VectorXd& params, const std::vector<char>& reachable,
                                  const std::vector<std::size_t>& kept, const std::vector<int>& z,
                                  const std::vector<int>& y) const;

  Eigen::VectorXd parameters(const MixedSolution& s) const;

  // Each criterion's weight range over the program's feasible set (the optimum already fixed
  // in it by a row): 2m LPs or MIPs, solved through @p meter.
  std::vector<WeightRange> ranges(const MixedProgram& fixed, const Eigen::VectorXd& weights, ExplainMeter& meter) const;
};

/// explain_selection()'s solver calls, timed, and ExplainOptions::progress told where the search
/// is with an estimate of the time left from the time measured per call (ExplainProgress). The
/// stages in order: "rules" (the two LPs), "greedy start" (max_members), "MIP" (max_members),
/// "stability" (2 LPs per criterion). Only the clock is read: the results do not depend on it.
class ExplainMeter {
 public:
  enum class Stage { rules, greedy, mip, stability };
  ExplainMeter(const ExplainOptions& options, std::size_t criteria);
  /// Enters @p stage, with about @p calls solver calls planned in it.
  void enter(Stage stage, std::size_t calls);
  /// The current stage's calls still planned, when a better guess is known (the greedy's).
  void replan(std::size_t calls);
  /// No MIP will run (the greedy reached the bound).
  void skip_mip() { mip_ahead_ = false; }
  /// The greedy start's calls, guessed before it begins (one per member it may lift).
  void expect_greedy(std::size_t calls) { greedy_calls_ = calls; }
  /// Solves @p program (the MIP in Stage::mip: ticks from GLPK's callback while it runs), timed.
  MixedSolution solve(MixedProgram program);

 private:
  void report();
  double elapsed() const;
  const std::function<void(const ExplainProgress&)>* progress_;
  double time_limit_;
  std::size_t stability_calls_;
  std::size_t greedy_calls_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point mip_start_{};
  std::chrono::steady_clock::time_point last_tick_{};
  Stage stage_ = Stage::rules;
  std::size_t planned_ = 0;       // calls still planned in the current stage
  std::size_t calls_ = 0;         // calls solved (all)
  std::size_t timed_calls_ = 0;   // LP calls measured (the MIP's time is its limit's business)
  double timed_seconds_ = 0.0;
  bool mip_ahead_ = false;
  bool in_mip_ = false;
  std::exception_ptr failed_;     // the progress callback threw during the MIP
};

/// The largest set S of reachable members with |S| + |F(S)| <= N, F(S) the non-members at
/// least as good as some member of S on every feature: no rule puts more members among the N
/// best.
std::size_t dominance_bound(const RuleModel& model, const std::vector<char>& reachable);

}  // namespace clir::detail
