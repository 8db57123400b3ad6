// A QuotaSelector's checks: the bounds that can be refuted by counting alone, then, for the
// MIP, the integer program and the deletion filter that names a minimal conflicting set.
#include <algorithm>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "clir/core/error.hpp"
#include "quota_selector.hpp"

namespace clir {

void QuotaSelector::Impl::analyse() const {
  if (n() < count) {
    throw Infeasible("no selection satisfies the quotas",
                     {count_label, "only " + std::to_string(n()) + " eligible applicants"},
                     "select at most " + std::to_string(n()));
  }
  for (const auto& col : columns) {
    std::size_t sum_lo = 0, sum_cap = 0;
    std::vector<std::string> lo_labels, hi_labels;
    for (std::size_t c = 0; c < col.categories.size(); ++c) {
      if (col.lo[c] > col.hi[c]) {
        throw Infeasible("no selection satisfies the quotas", {col.lo_label[c], col.hi_label[c]},
                         "relax '" + col.lo_label[c] + "'");
      }
      if (col.lo[c] > col.available[c]) {
        throw Infeasible("no selection satisfies the quotas",
                         {col.lo_label[c], "only " + std::to_string(col.available[c]) + " eligible applicants with " +
                                               col.name + " = " + col.categories[c]},
                         "relax '" + col.lo_label[c] + "'");
      }
      sum_lo += col.lo[c];
      sum_cap += std::min(col.hi[c], col.available[c]);
      if (col.lo[c] > 0) lo_labels.push_back(col.lo_label[c]);
      if (col.hi[c] < col.available[c]) hi_labels.push_back(col.hi_label[c]);
    }
    if (sum_lo > count) {
      lo_labels.push_back(count_label);
      throw Infeasible("the minimums on " + col.name + " add up to " + std::to_string(sum_lo) + " > " +
                           std::to_string(count),
                       lo_labels, "lower the minimums or select more");
    }
    if (sum_cap < count) {
      hi_labels.push_back(count_label);
      throw Infeasible("the maximums on " + col.name + " allow at most " + std::to_string(sum_cap) + " < " +
                           std::to_string(count),
                       hi_labels, "raise the maximums or select fewer");
    }
  }
  for (const auto& d : distinct) {
    const auto& col = columns[d.column];
    if (d.at_least > count) {
      throw Infeasible("no selection satisfies the quotas", {d.label, count_label}, "relax '" + d.label + "'");
    }
    std::size_t possible = 0, with_min = 0, sum_lo = 0;
    std::vector<std::string> closed;
    for (std::size_t c = 0; c < col.categories.size(); ++c) {
      if (col.available[c] > 0 && col.hi[c] > 0) ++possible;
      if (col.hi[c] == 0) closed.push_back(col.hi_label[c]);
      if (col.lo[c] > 0) {
        ++with_min;
        sum_lo += col.lo[c];
      }
    }
    if (possible < d.at_least) {
      std::vector<std::string> conflict{d.label, "only " + std::to_string(possible) + " categories of " + col.name +
                                                     " have eligible applicants that may be selected"};
      conflict.insert(conflict.end(), closed.begin(), closed.end());
      throw Infeasible("no selection satisfies the quotas", conflict, "relax '" + d.label + "'");
    }
    if (sum_lo + (d.at_least > with_min ? d.at_least - with_min : 0) > count) {
      std::vector<std::string> conflict{d.label, count_label};
      for (std::size_t c = 0; c < col.categories.size(); ++c) {
        if (col.lo[c] > 1) conflict.push_back(col.lo_label[c]);
      }
      throw Infeasible("the minimums on " + col.name + " and '" + d.label + "' need more than " +
                           std::to_string(count) + " places",
                       conflict, "relax '" + d.label + "'");
    }
  }
}

std::vector<QuotaSelector::Impl::Group> QuotaSelector::Impl::groups() const {
  std::vector<Group> g;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const auto& col = columns[k];
    for (std::size_t c = 0; c < col.categories.size(); ++c) {
      if (col.lo[c] > 0) g.push_back({0, k, c, col.lo_label[c]});
      if (col.hi[c] < col.available[c]) g.push_back({1, k, c, col.hi_label[c]});
    }
  }
  for (std::size_t d = 0; d < distinct.size(); ++d) g.push_back({2, d, 0, distinct[d].label});
  return g;
}

// The program over the candidates @p vars (variable j is candidate vars[j]).
detail::BinaryProgram QuotaSelector::Impl::program(const Eigen::Ref<const Eigen::VectorXd>* scores,
                                                   const std::vector<Group>& active,
                                                   std::span<const std::size_t> vars) const {
  detail::BinaryProgram p;
  p.time_limit_seconds = time_limit;
  p.variables = vars.size();
  p.objective.assign(vars.size(), 0.0);
  if (scores) {
    for (std::size_t j = 0; j < vars.size(); ++j) p.objective[j] = (*scores)(static_cast<Eigen::Index>(vars[j]));
  }
  detail::BinaryProgram::Row total;
  for (std::size_t j = 0; j < vars.size(); ++j) {
    total.index.push_back(static_cast<int>(j));
    total.coefficient.push_back(1.0);
  }
  total.has_lower = total.has_upper = true;
  total.lower = total.upper = static_cast<double>(count);
  p.rows.push_back(std::move(total));
  auto members = [&](std::size_t k, std::size_t c) {
    detail::BinaryProgram::Row row;
    for (std::size_t j = 0; j < vars.size(); ++j) {
      if (static_cast<std::size_t>(columns[k].category_of[vars[j]]) == c) {
        row.index.push_back(static_cast<int>(j));
        row.coefficient.push_back(1.0);
      }
    }
    return row;
  };
  for (const auto& g : active) {
    if (g.kind == 0 || g.kind == 1) {
      auto row = members(g.column, g.category);
      if (g.kind == 0) {
        row.has_lower = true;
        row.lower = static_cast<double>(columns[g.column].lo[g.category]);
      } else {
        row.has_upper = true;
        row.upper = static_cast<double>(columns[g.column].hi[g.category]);
      }
      p.rows.push_back(std::move(row));
    } else {
      const auto& d = distinct[g.column];
      const auto& col = columns[d.column];
      detail::BinaryProgram::Row at_least;
      for (std::size_t c = 0; c < col.categories.size(); ++c) {
        // y_c <= sum of x in c
        const int y = static_cast<int>(p.variables++);
        p.objective.push_back(0.0);
        auto row = members(d.column, c);
        for (auto& coef : row.coefficient) coef = -1.0;
        row.index.push_back(y);
        row.coefficient.push_back(1.0);
        row.has_upper = true;
        row.upper = 0.0;
        p.rows.push_back(std::move(row));
        at_least.index.push_back(y);
        at_least.coefficient.push_back(1.0);
      }
      at_least.has_lower = true;
      at_least.lower = static_cast<double>(d.at_least);
      p.rows.push_back(std::move(at_least));
    }
  }
  return p;
}

// After the solver passes, the quotas are known to be jointly feasible; otherwise find a
// minimal conflicting subset by deletion filtering (each test is a small feasibility MIP).
void QuotaSelector::Impl::check_jointly_feasible() const {
  auto all = groups();
  std::vector<std::size_t> everyone(n());
  std::iota(everyone.begin(), everyone.end(), std::size_t{0});
  auto feasible = [&](const std::vector<Group>& active) {
    const auto s = detail::solve_binary_program(program(nullptr, active, everyone));
    if (s.status == detail::BinarySolution::Status::failed) {
      detail::throw_solver_failure(s.stop, s.code, mip_task("answer to whether the quotas can hold together"));
    }
    return s.status != detail::BinarySolution::Status::infeasible;
  };
  if (feasible(all)) return;
  std::vector<Group> keep = all;
  for (std::size_t i = 0; i < keep.size();) {
    std::vector<Group> without = keep;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
    if (!feasible(without)) {
      keep = std::move(without);
    } else {
      ++i;
    }
  }
  std::vector<std::string> labels{count_label};
  for (const auto& g : keep) labels.push_back(g.label);
  throw Infeasible("no selection satisfies the quotas together", labels,
                   keep.empty() ? std::string{} : "relax '" + keep.front().label + "'");
}
}  // namespace clir
