#include "clir/selection/select.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

#include "clir/core/error.hpp"
#include "glpk_mip.hpp"

namespace clir {

namespace {

constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

std::string fmt(double v) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.4g", v);
  return buf.data();
}

std::string ordinal(std::size_t r) {
  const char* suffix = "th";
  if (r % 100 < 11 || r % 100 > 13) {
    if (r % 10 == 1) suffix = "st";
    if (r % 10 == 2) suffix = "nd";
    if (r % 10 == 3) suffix = "rd";
  }
  return std::to_string(r) + suffix;
}
}  // namespace

// ---------------------------------------------------------------------------------------------
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

  std::size_t column_index(const Table& table, const std::string& name, const std::string& key) {
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (columns[k].name == name) return k;
    }
    if (!table.has_categorical(name)) {
      std::string known;
      for (const auto& c : table.categorical_names()) known += (known.empty() ? "" : ", ") + c;
      throw ConfigError(key, "no categorical column '" + name + "'; categorical columns: " + known);
    }
    Column col;
    col.name = name;
    const auto& values = table.categorical(name);
    std::map<std::string, int> index;
    for (auto r : rows) {
      if (values[r].empty()) {
        throw InputError("applicant '" + table.ids()[r] + "' has no value in the quota column '" + name + "'",
                         {.key = name});
      }
      index.emplace(values[r], 0);
    }
    int k = 0;
    for (auto& [cat, i] : index) {
      i = k++;
      col.categories.push_back(cat);
    }
    col.category_of.reserve(rows.size());
    col.available.assign(col.categories.size(), 0);
    for (auto r : rows) {
      const int c = index.at(values[r]);
      col.category_of.push_back(c);
      ++col.available[static_cast<std::size_t>(c)];
    }
    col.lo.assign(col.categories.size(), 0);
    col.hi.assign(col.categories.size(), kUnbounded);
    col.lo_label.assign(col.categories.size(), {});
    col.hi_label.assign(col.categories.size(), {});
    columns.push_back(std::move(col));
    return columns.size() - 1;
  }

  // Adds a bound to one category (-1: every category). A category that no candidate has only
  // matters for a minimum: that one is infeasible at once.
  void add_bound(std::size_t k, const std::string& category, std::optional<std::size_t> lo,
                 std::optional<std::size_t> hi, const std::string& lo_text, const std::string& hi_text) {
    Column& col = columns[k];
    auto apply = [&](std::size_t c, const std::string& suffix) {
      if (lo && *lo >= col.lo[c]) {
        col.lo[c] = *lo;
        col.lo_label[c] = lo_text + suffix;
      }
      if (hi && *hi <= col.hi[c]) {
        col.hi[c] = *hi;
        col.hi_label[c] = hi_text + suffix;
      }
    };
    if (category.empty()) {
      for (std::size_t c = 0; c < col.categories.size(); ++c) apply(c, " (" + col.categories[c] + ")");
      return;
    }
    const auto it = std::find(col.categories.begin(), col.categories.end(), category);
    if (it == col.categories.end()) {
      if (lo && *lo > 0) {
        throw Infeasible("no selection satisfies the quotas",
                         {lo_text, "no eligible applicant has " + col.name + " = " + category},
                         "relax '" + lo_text + "'");
      }
      return;
    }
    apply(static_cast<std::size_t>(it - col.categories.begin()), "");
  }

  // ----- feasibility analysis that needs no solver ------------------------------------------
  void analyse() const {
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

  // ----- the integer program ----------------------------------------------------------------
  // Constraint groups for the deletion filter: each lower bound, each upper bound, each
  // distinct rule (the count is always kept).
  struct Group {
    int kind;  // 0 lower, 1 upper, 2 distinct
    std::size_t column, category;
    std::string label;
  };
  std::vector<Group> groups() const {
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
  detail::BinaryProgram program(const Eigen::Ref<const Eigen::VectorXd>* scores, const std::vector<Group>& active,
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
  void check_jointly_feasible() const {
    auto all = groups();
    std::vector<std::size_t> everyone(n());
    std::iota(everyone.begin(), everyone.end(), std::size_t{0});
    auto feasible = [&](const std::vector<Group>& active) {
      const auto s = detail::solve_binary_program(program(nullptr, active, everyone));
      if (s.status == detail::BinarySolution::Status::failed) {
        throw Infeasible("GLPK could not decide whether the quotas can hold (time limit?)", {count_label});
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

  // ----- selection --------------------------------------------------------------------------
  std::vector<std::size_t> greedy_select(std::span<const std::size_t> order) const {
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
  std::vector<std::size_t> matroid_select(std::span<const std::size_t> order) const {
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
  void improve(std::vector<char>& chosen, std::span<const std::size_t> order) const {
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

  std::vector<std::size_t> mip_select(const Eigen::Ref<const Eigen::VectorXd>& scores, std::span<const std::size_t> order,
                                      bool* proven) const {
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
      throw Infeasible("GLPK found no selection within " + fmt(time_limit) + " s", {count_label},
                       "raise time_limit_seconds");
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
};

QuotaSelector::QuotaSelector(const Table& table, std::vector<std::size_t> rows, const SelectionOptions& options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.rows = std::move(rows);
  m.count = options.count;
  m.time_limit = options.time_limit_seconds;
  m.count_label = "select " + std::to_string(options.count);
  if (options.count == 0) throw ConfigError("selection.count", "the number to select must be > 0");
  if (!(options.time_limit_seconds > 0.0)) throw ConfigError("selection.time_limit_seconds", "must be > 0");
  for (std::size_t q = 0; q < options.quotas.size(); ++q) {
    const auto& quota = options.quotas[q];
    const std::string key = "selection.quotas[" + std::to_string(q) + "]";
    if (!quota.min && !quota.max) throw ConfigError(key, "a quota needs a min, a max or both");
    const std::size_t k = m.column_index(table, quota.column, key + ".column");
    const std::string where = quota.category.empty() ? " per " + quota.column : " with " + quota.column + " = " + quota.category;
    m.add_bound(k, quota.category, quota.min, quota.max,
                quota.min ? "at least " + std::to_string(*quota.min) + where : "",
                quota.max ? "at most " + std::to_string(*quota.max) + where : "");
  }
  for (std::size_t q = 0; q < options.shares.size(); ++q) {
    const auto& share = options.shares[q];
    const std::string key = "selection.shares[" + std::to_string(q) + "]";
    auto check = [&](const std::optional<double>& s, const char* field) {
      if (s && !(*s >= 0.0 && *s <= 1.0)) throw ConfigError(key + "." + field, "a share must be in [0, 1], got " + fmt(*s));
    };
    check(share.min_share, "min_share");
    check(share.max_share, "max_share");
    if (!share.min_share && !share.max_share) throw ConfigError(key, "a share needs min_share, max_share or both");
    const std::size_t k = m.column_index(table, share.column, key + ".column");
    const double n = static_cast<double>(options.count);
    // A tiny tolerance keeps 0.3 × 10 = 3 from becoming 2 or 4 through rounding of 0.3.
    std::optional<std::size_t> lo, hi;
    if (share.min_share) lo = static_cast<std::size_t>(std::ceil(*share.min_share * n - 1e-9));
    if (share.max_share) hi = static_cast<std::size_t>(std::floor(*share.max_share * n + 1e-9));
    const std::string where = share.category.empty() ? " per " + share.column : " with " + share.column + " = " + share.category;
    m.add_bound(k, share.category, lo, hi,
                lo ? "share" + where + " at least " + fmt(*share.min_share) + " (" + std::to_string(*lo) + " of " +
                         std::to_string(options.count) + ")"
                   : "",
                hi ? "share" + where + " at most " + fmt(*share.max_share) + " (" + std::to_string(*hi) + " of " +
                         std::to_string(options.count) + ")"
                   : "");
  }
  for (std::size_t q = 0; q < options.distinct.size(); ++q) {
    const auto& d = options.distinct[q];
    const std::string key = "selection.distinct[" + std::to_string(q) + "]";
    const std::size_t k = m.column_index(table, d.column, key + ".column");
    if (d.at_least > 0) {
      m.distinct.push_back({k, d.at_least, "at least " + std::to_string(d.at_least) + " distinct " + d.column});
    }
  }
  // Distinct rules make their column a quota column, so one column means every rule is on it.
  const bool matroid_ok = m.columns.size() <= 1;
  const bool greedy_ok = matroid_ok && m.distinct.empty();
  if (options.solver == SelectionSolver::greedy && !greedy_ok) {
    throw ConfigError("selection.solver",
                      "the greedy is optimal only with quotas on a single column and no distinct-category rule; "
                      "these quotas need " +
                          std::string(matroid_ok ? "the matroid greedy or the MIP" : "the MIP"),
                      matroid_ok ? std::vector<std::string>{"automatic", "matroid", "mip"}
                                 : std::vector<std::string>{"automatic", "mip"});
  }
  if (options.solver == SelectionSolver::matroid && !matroid_ok) {
    throw ConfigError("selection.solver",
                      "the matroid greedy is exact only with every quota and distinct-category rule on a single "
                      "column; these quotas (on " +
                          std::to_string(m.columns.size()) + " columns) need the MIP",
                      {"automatic", "mip"});
  }
  if (options.solver == SelectionSolver::automatic) {
    m.solver = greedy_ok ? SelectionSolver::greedy : matroid_ok ? SelectionSolver::matroid : SelectionSolver::mip;
  } else {
    m.solver = options.solver;
  }
  // For one column analyse() is complete (the count-vector argument in matroid_select), so
  // only the MIP needs the solver-based check; running it for one column would find nothing.
  m.analyse();
  if (m.solver == SelectionSolver::mip) {
    m.check_jointly_feasible();
    std::map<std::vector<int>, std::size_t> cell_index;
    m.cell_of.reserve(m.n());
    for (std::size_t i = 0; i < m.n(); ++i) {
      std::vector<int> key;
      std::size_t cap = m.count;
      for (const auto& col : m.columns) {
        key.push_back(col.category_of[i]);
        cap = std::min(cap, col.hi[static_cast<std::size_t>(col.category_of[i])]);
      }
      const auto [it, fresh] = cell_index.emplace(std::move(key), m.cell_cap.size());
      if (fresh) m.cell_cap.push_back(cap);
      m.cell_of.push_back(it->second);
    }
  }
}

QuotaSelector::~QuotaSelector() = default;
QuotaSelector::QuotaSelector(QuotaSelector&&) noexcept = default;
QuotaSelector& QuotaSelector::operator=(QuotaSelector&&) noexcept = default;

SelectionSolver QuotaSelector::solver() const noexcept { return impl_->solver; }
std::size_t QuotaSelector::size() const noexcept { return impl_->n(); }
const std::vector<std::size_t>& QuotaSelector::rows() const noexcept { return impl_->rows; }

std::vector<std::size_t> QuotaSelector::select_ordered(const Eigen::Ref<const Eigen::VectorXd>& scores,
                                                       std::span<const std::size_t> order, bool* proven) const {
  if (static_cast<std::size_t>(scores.size()) != impl_->n() || order.size() != impl_->n()) {
    throw ConfigError("scores", "expected " + std::to_string(impl_->n()) + " scores (one per candidate), got " +
                                    std::to_string(scores.size()));
  }
  if (proven) *proven = true;
  switch (impl_->solver) {
    case SelectionSolver::greedy:
      return impl_->greedy_select(order);
    case SelectionSolver::matroid:
      return impl_->matroid_select(order);
    default:
      return impl_->mip_select(scores, order, proven);
  }
}

std::vector<std::size_t> QuotaSelector::select(const Eigen::Ref<const Eigen::VectorXd>& scores, bool* proven) const {
  const auto order = order_descending(scores);
  return select_ordered(scores, order, proven);
}

// ---------------------------------------------------------------------------------------------
SelectionResult select(const Table& table, const ScoreResult& scores, const EligibilityResult& eligibility,
                       const SelectionOptions& options) {
  if (eligibility.ids != table.ids()) {
    throw InputError("the eligibility result was computed on a different table (ids differ)", {.key = "eligibility"});
  }
  std::unordered_map<std::string, std::size_t> score_of;
  for (std::size_t i = 0; i < scores.ids.size(); ++i) score_of.emplace(scores.ids[i], i);
  const auto& candidates = eligibility.eligible_rows;
  Eigen::VectorXd sc(static_cast<Eigen::Index>(candidates.size()));
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const auto& id = table.ids()[candidates[k]];
    const auto it = score_of.find(id);
    if (it == score_of.end()) throw InputError("eligible applicant '" + id + "' has no score", {.key = id});
    sc(static_cast<Eigen::Index>(k)) = scores.score(static_cast<Eigen::Index>(it->second));
  }
  QuotaSelector selector(table, candidates, options);
  const auto order = order_descending(sc);
  bool proven = true;
  const auto chosen = selector.select_ordered(sc, order, &proven);

  SelectionResult out;
  out.solver_used = selector.solver();
  out.proven_optimal = proven;
  const std::size_t n = candidates.size();
  std::vector<std::size_t> pos(n);
  for (std::size_t k = 0; k < n; ++k) pos[order[k]] = k;
  std::vector<char> is_chosen(n, 0);
  std::size_t cut_pos = 0;
  for (auto c : chosen) {
    is_chosen[c] = 1;
    cut_pos = std::max(cut_pos, pos[c]);
    out.selected_rows.push_back(candidates[c]);
    out.selected_ids.push_back(table.ids()[candidates[c]]);
    out.objective += sc(static_cast<Eigen::Index>(c));
  }
  out.cutoff_rank = cut_pos + 1;
  out.cutoff_score = sc(static_cast<Eigen::Index>(order[cut_pos]));

  // Per quota column: the selected count per category and its lowest-ranked selected member.
  const auto& m = *selector.impl_;
  std::vector<std::vector<std::size_t>> count(m.columns.size());
  std::vector<std::vector<std::size_t>> last(m.columns.size());  // candidate index, or n
  for (std::size_t k = 0; k < m.columns.size(); ++k) {
    count[k].assign(m.columns[k].categories.size(), 0);
    last[k].assign(m.columns[k].categories.size(), n);
    for (auto c : chosen) {
      const auto cat = static_cast<std::size_t>(m.columns[k].category_of[c]);
      ++count[k][cat];
      last[k][cat] = c;  // chosen is best first, so the last write is the lowest-ranked
    }
  }
  std::vector<std::size_t> candidate_of(table.rows(), n);
  for (std::size_t k = 0; k < n; ++k) candidate_of[candidates[k]] = k;
  const auto id_of = [&](std::size_t c) { return table.ids()[candidates[c]]; };

  out.explanations.resize(table.rows());
  for (std::size_t row = 0; row < table.rows(); ++row) {
    Explanation& e = out.explanations[row];
    e.id = table.ids()[row];
    const std::size_t c = candidate_of[row];
    if (c == n) {
      e.eligible = false;
      e.status = SelectionStatus::excluded;
      e.excluded_by = eligibility.reason(row);
      e.text = e.excluded_by.empty() ? "not eligible: no score" : "not eligible: fails '" + e.excluded_by + "'";
      continue;
    }
    e.eligible = true;
    e.score = sc(static_cast<Eigen::Index>(c));
    e.rank = pos[c] + 1;
    const std::string where = "ranked " + ordinal(*e.rank) + " of " + std::to_string(n) + " eligible (score " +
                              fmt(*e.score) + ")";
    if (is_chosen[c]) {
      e.selected = true;
      e.status = SelectionStatus::selected;
      e.text = "selected: " + where;
      continue;
    }
    if (pos[c] > cut_pos) {
      e.status = SelectionStatus::below_cutoff;
      e.text = "not selected: " + where + ", below the cut-off: the last selected ranked " + ordinal(cut_pos + 1) +
               " (score " + fmt(out.cutoff_score) + ")";
      continue;
    }
    // Ranked above the cut-off: a quota kept it out.
    bool explained = false;
    for (std::size_t k = 0; k < m.columns.size() && !explained; ++k) {
      const auto cat = static_cast<std::size_t>(m.columns[k].category_of[c]);
      if (m.columns[k].hi[cat] != kUnbounded && count[k][cat] >= m.columns[k].hi[cat]) {
        e.status = SelectionStatus::quota_full;
        e.constraint = m.columns[k].hi_label[cat];
        if (last[k][cat] < n) e.displaced_by = id_of(last[k][cat]);
        e.text = "not selected: " + where + ", but the quota '" + e.constraint + "' was full" +
                 (e.displaced_by.empty() ? std::string(" (it allows none)")
                                         : "; its last place went to " + e.displaced_by + " (ranked " +
                                               ordinal(pos[last[k][cat]] + 1) + ")");
        explained = true;
      }
    }
    if (explained) continue;
    // Otherwise a lower-ranked applicant was needed for a minimum or a distinct-category rule:
    // name the lowest-ranked one and the rule it serves.
    e.status = SelectionStatus::displaced;
    std::size_t taker = n;
    std::string rule;
    for (auto it = chosen.rbegin(); it != chosen.rend() && taker == n; ++it) {
      if (pos[*it] < pos[c]) break;
      for (std::size_t k = 0; k < m.columns.size(); ++k) {
        const auto cat = static_cast<std::size_t>(m.columns[k].category_of[*it]);
        if (m.columns[k].lo[cat] > 0 && count[k][cat] <= m.columns[k].lo[cat]) {
          taker = *it;
          rule = m.columns[k].lo_label[cat];
          break;
        }
      }
      for (const auto& d : m.distinct) {
        if (taker != n) break;
        const auto cat = static_cast<std::size_t>(m.columns[d.column].category_of[*it]);
        if (count[d.column][cat] == 1) {
          taker = *it;
          rule = d.label;
        }
      }
    }
    if (taker == n) {
      for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
        if (pos[*it] > pos[c]) {
          taker = *it;
          break;
        }
      }
      rule = "the quotas taken together";
    }
    e.constraint = rule;
    if (taker < n) e.displaced_by = id_of(taker);
    e.text = "not selected: " + where + ", above the cut-off, but " +
             (e.displaced_by.empty() ? std::string("the quotas") : e.displaced_by + " (ranked " + ordinal(pos[taker] + 1) + ")") +
             " was selected instead to meet '" + rule + "'";
  }
  return out;
}

SelectionResult select(const Table& table, const ScoreResult& scores, const SelectionOptions& options) {
  EligibilityResult all;
  all.ids = table.ids();
  all.eligible.assign(table.rows(), true);
  all.failed_rules.assign(table.rows(), {});
  std::unordered_map<std::string, bool> scored;
  for (const auto& id : scores.ids) scored.emplace(id, true);
  for (std::size_t i = 0; i < table.rows(); ++i) {
    if (scored.count(table.ids()[i])) all.eligible_rows.push_back(i);
  }
  return select(table, scores, all, options);
}

}  // namespace clir
