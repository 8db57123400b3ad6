#include "clir/selection/select.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

#include "clir/core/detail/text.hpp"
#include "clir/core/error.hpp"
#include "clir/io/format.hpp"
#include "quota_selector.hpp"

namespace clir {

using detail::kUnbounded;
using detail::selection_number;

namespace {
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
std::size_t QuotaSelector::Impl::column_index(const Table& table, const std::string& name, const std::string& key) {
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k].name == name) return k;
  }
  if (!table.has_categorical(name)) {
    throw ConfigError(key, "no categorical column '" + name + "'; categorical columns: " +
                               detail::join_text(table.categorical_names()));
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
void QuotaSelector::Impl::add_bound(std::size_t k, const std::string& category, std::optional<std::size_t> lo,
                                    std::optional<std::size_t> hi, const std::string& lo_text,
                                    const std::string& hi_text) {
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
      if (s && !(*s >= 0.0 && *s <= 1.0)) throw ConfigError(key + "." + field, "a share must be in [0, 1], got " + selection_number(*s));
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
                lo ? "share" + where + " at least " + selection_number(*share.min_share) + " (" + std::to_string(*lo) + " of " +
                         std::to_string(options.count) + ")"
                   : "",
                hi ? "share" + where + " at most " + selection_number(*share.max_share) + " (" + std::to_string(*hi) + " of " +
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
                              selection_number(*e.score) + ")";
    if (is_chosen[c]) {
      e.selected = true;
      e.status = SelectionStatus::selected;
      e.text = "selected: " + where;
      continue;
    }
    if (pos[c] > cut_pos) {
      e.status = SelectionStatus::below_cutoff;
      e.text = "not selected: " + where + ", below the cut-off: the last selected ranked " + ordinal(cut_pos + 1) +
               " (score " + selection_number(out.cutoff_score) + ")";
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
