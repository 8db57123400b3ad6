#pragma once
// Internal: the state of a clir::QuotaSelector, shared by its set-up (select.cpp), the checks
// that need no solver and the integer program (quota_feasibility.cpp), and the selection
// algorithms (quota_solvers.cpp).
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "clir/core/table.hpp"
#include "clir/io/format.hpp"
#include "clir/selection/select.hpp"
#include "glpk_mip.hpp"

namespace clir {

namespace detail {

/// No maximum on a category.
inline constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

/// Numbers in selection messages: four significant digits tell scores and shares apart.
inline std::string selection_number(double v) { return format_significant(v, 4); }

}  // namespace detail

struct QuotaSelector::Impl {
  struct Column {
    std::string name;
    std::vector<std::string> categories;  // sorted
    std::vector<int> category_of;         // per candidate
    std::vector<std::size_t> available;   // candidates per category
    std::vector<std::size_t> lo, hi;      // merged bounds per category (hi = kUnbounded when none)
    std::vector<std::string> lo_label, hi_label;
  };
  struct Distinct {
    std::size_t column;
    std::size_t at_least;
    std::string label;
  };
  std::vector<std::size_t> rows;
  std::size_t count = 0;
  std::vector<Column> columns;
  std::vector<Distinct> distinct;
  SelectionSolver solver = SelectionSolver::greedy;  // never automatic
  std::vector<std::size_t> cell_of;   // MIP: per candidate, its combination of quota categories
  std::vector<std::size_t> cell_cap;  // MIP: per cell, at most this many can be selected
  double time_limit = 60.0;
  std::string count_label;

  std::size_t n() const { return rows.size(); }

  /// A MIP of this selector, for the error when GLPK gives no answer (throw_solver_failure()).
  detail::SolverTask mip_task(std::string what) const {
    return {.what = std::move(what),
            .limit_key = "selection.time_limit_s",
            .time_limit_seconds = time_limit,
            .advice = "make the quotas fewer or looser"};
  }

  // Set-up (select.cpp).
  std::size_t column_index(const Table& table, const std::string& name, const std::string& key);
  void add_bound(std::size_t k, const std::string& category, std::optional<std::size_t> lo,
                 std::optional<std::size_t> hi, const std::string& lo_text, const std::string& hi_text);

  // Checks that need no solver, and the integer program (quota_feasibility.cpp).
  // Constraint groups for the deletion filter: each lower bound, each upper bound, each
  // distinct rule (the count is always kept).
  struct Group {
    int kind;  // 0 lower, 1 upper, 2 distinct
    std::size_t column, category;
    std::string label;
  };
  void analyse() const;
  std::vector<Group> groups() const;
  detail::BinaryProgram program(const Eigen::Ref<const Eigen::VectorXd>* scores, const std::vector<Group>& active,
                                std::span<const std::size_t> vars) const;
  void check_jointly_feasible() const;

  // Selection (quota_solvers.cpp).
  std::vector<std::size_t> greedy_select(std::span<const std::size_t> order) const;
  std::vector<std::size_t> matroid_select(std::span<const std::size_t> order) const;
  void improve(std::vector<char>& chosen, std::span<const std::size_t> order) const;
  std::vector<std::size_t> mip_select(const Eigen::Ref<const Eigen::VectorXd>& scores, std::span<const std::size_t> order,
                                      bool* proven) const;
};

}  // namespace clir
