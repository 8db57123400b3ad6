// A QuotaSelector's algorithms: the greedy for one column of quotas, the matroid greedy for
// one column with distinct-category rules, and the MIP with its exchange post-pass.
#include <algorithm>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "quota_selector.hpp"

namespace clir {

std::vector<std::size_t> QuotaSelector::Impl::greedy_select(std::span<const std::size_t> order) const {
  std::vector<char> chosen(n(), 0);
  std::size_t taken = 0;
  if (!columns.empty()) {
    const auto& col = columns.front();
    std::vector<std::size_t> cnt(col.categories.size(), 0);
    // Minimums first (each category's best), then the best remaining under the maximums:
    // optimal for one column (separable concave allocation with box constraints).
    for (auto i : order) {
      const auto c = static_cast<std::size_t>(col.category_of[i]);
      if (cnt[c] < col.lo[c]) {
        chosen[i] = 1;
        ++cnt[c];
        ++taken;
      }
    }
    for (auto i : order) {
      if (taken == count) break;
      const auto c = static_cast<std::size_t>(col.category_of[i]);
      if (!chosen[i] && cnt[c] < col.hi[c]) {
        chosen[i] = 1;
        ++cnt[c];
        ++taken;
      }
    }
  } else {
    for (std::size_t k = 0; k < count && k < order.size(); ++k) chosen[order[k]] = 1;
  }
  std::vector<std::size_t> out;
  out.reserve(count);
  for (auto i : order) {
    if (chosen[i]) out.push_back(i);
  }
  return out;
}

// The matroid greedy: for one quota column with any distinct-category rules on it, the
// feasible selections are the bases of a matroid (docs/selection.md has the proof: the
// feasible count vectors {lo <= t <= min(hi, available), sum t = N, #{t_c >= 1} >= M} are an
// M-convex set). Taking the candidates in rank order and keeping each one after which the
// selection can still be completed is then optimal for every weighting consistent with the
// rank order, so it yields both the maximum total score and the tie rule's unique answer.
//
// "Can still be completed" for the counts t so far: lifting every category to max(t_c, lo_c)
// and opening the missing distinct categories with one applicant each must fit in N. The
// rest can always be filled up to the caps (analyse() checked that the caps allow N and
// that enough categories can contribute), so the test is exact and O(1).
std::vector<std::size_t> QuotaSelector::Impl::matroid_select(std::span<const std::size_t> order) const {
  std::vector<std::size_t> out;
  out.reserve(count);
  if (columns.empty()) {
    for (std::size_t k = 0; k < count && k < order.size(); ++k) out.push_back(order[k]);
    return out;
  }
  const auto& col = columns.front();
  std::size_t at_least = 0;
  for (const auto& d : distinct) at_least = std::max(at_least, d.at_least);
  std::vector<std::size_t> cnt(col.categories.size(), 0);
  std::size_t lifted = 0;  // sum of max(t_c, lo_c)
  std::size_t open = 0;    // categories with max(t_c, lo_c) >= 1
  for (std::size_t c = 0; c < col.categories.size(); ++c) {
    lifted += col.lo[c];
    open += col.lo[c] > 0 ? 1 : 0;
  }
  for (auto i : order) {
    if (out.size() == count) break;
    const auto c = static_cast<std::size_t>(col.category_of[i]);
    if (cnt[c] >= col.hi[c]) continue;
    if (cnt[c] >= col.lo[c]) {
      const std::size_t open_after = open + (cnt[c] == 0 ? 1 : 0);
      const std::size_t missing = at_least > open_after ? at_least - open_after : 0;
      if (lifted + 1 + missing > count) continue;
      ++lifted;
      open = open_after;
    }
    ++cnt[c];
    out.push_back(i);
  }
  return out;
}

// Single exchanges toward the tie rule (and toward a higher total, should the solver's
// tolerance have left any): swap a selected s for an unselected u ranked better whenever the
// quotas still hold. Each swap moves a place to a better rank, so this terminates.
void QuotaSelector::Impl::improve(std::vector<char>& chosen, std::span<const std::size_t> order) const {
  std::vector<std::size_t> pos(n());
  for (std::size_t k = 0; k < order.size(); ++k) pos[order[k]] = k;
  std::vector<std::vector<std::size_t>> cnt(columns.size());
  for (std::size_t k = 0; k < columns.size(); ++k) {
    cnt[k].assign(columns[k].categories.size(), 0);
    for (std::size_t i = 0; i < n(); ++i) {
      if (chosen[i]) ++cnt[k][static_cast<std::size_t>(columns[k].category_of[i])];
    }
  }
  auto distinct_count = [&](const Distinct& d) {
    return static_cast<std::size_t>(std::count_if(cnt[d.column].begin(), cnt[d.column].end(),
                                                  [](std::size_t x) { return x > 0; }));
  };
  auto swap_ok = [&](std::size_t s, std::size_t u) {
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const auto cs = static_cast<std::size_t>(columns[k].category_of[s]);
      const auto cu = static_cast<std::size_t>(columns[k].category_of[u]);
      if (cs == cu) continue;
      if (cnt[k][cs] - 1 < columns[k].lo[cs] || cnt[k][cu] + 1 > columns[k].hi[cu]) return false;
    }
    for (const auto& d : distinct) {
      const auto cs = static_cast<std::size_t>(columns[d.column].category_of[s]);
      const auto cu = static_cast<std::size_t>(columns[d.column].category_of[u]);
      if (cs == cu) continue;
      const long change = (cnt[d.column][cu] == 0 ? 1 : 0) - (cnt[d.column][cs] == 1 ? 1 : 0);
      if (static_cast<long>(distinct_count(d)) + change < static_cast<long>(d.at_least)) return false;
    }
    return true;
  };
  bool changed = true;
  while (changed) {
    changed = false;
    std::vector<std::size_t> selected_worst_first;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      if (chosen[*it]) selected_worst_first.push_back(*it);
    }
    for (auto u : order) {
      if (chosen[u]) continue;
      for (auto s : selected_worst_first) {
        if (pos[s] < pos[u]) break;
        if (!swap_ok(s, u)) continue;
        chosen[s] = 0;
        chosen[u] = 1;
        for (std::size_t k = 0; k < columns.size(); ++k) {
          --cnt[k][static_cast<std::size_t>(columns[k].category_of[s])];
          ++cnt[k][static_cast<std::size_t>(columns[k].category_of[u])];
        }
        changed = true;
        break;
      }
      if (changed) break;
    }
  }
}

std::vector<std::size_t> QuotaSelector::Impl::mip_select(const Eigen::Ref<const Eigen::VectorXd>& scores,
                                                         std::span<const std::size_t> order, bool* proven) const {
  // Candidates with the same category in every quota column ("cells") are interchangeable
  // for every constraint, so replacing a cell's selected members by its best-ranked ones keeps
  // any selection feasible and does not lower its total: an optimal selection exists among
  // each cell's best min(cap, N) applicants, cap being the smallest maximum on the cell's
  // categories. Solving over those alone gives GLPK a far smaller program (the built-in
  // table with caps per oblast: a few hundred variables instead of 1,469); the exchange
  // post-pass below then runs over every candidate.
  std::vector<std::size_t> vars;
  std::vector<std::size_t> taken(cell_cap.size(), 0);
  for (auto i : order) {
    if (taken[cell_of[i]] < cell_cap[cell_of[i]]) {
      ++taken[cell_of[i]];
      vars.push_back(i);
    }
  }
  const auto solution = detail::solve_binary_program(program(&scores, groups(), vars));
  using S = detail::BinarySolution::Status;
  if (solution.status == S::infeasible) check_jointly_feasible();  // throws with the conflict
  if (solution.status != S::optimal && solution.status != S::feasible) {
    detail::throw_solver_failure(solution.stop, solution.code, mip_task("selection that meets the quotas"));
  }
  if (proven) *proven = solution.status == S::optimal;
  std::vector<char> chosen(n(), 0);
  for (std::size_t j = 0; j < vars.size(); ++j) chosen[vars[j]] = solution.x[j];
  improve(chosen, order);
  std::vector<std::size_t> out;
  for (auto i : order) {
    if (chosen[i]) out.push_back(i);
  }
  return out;
}
}  // namespace clir
