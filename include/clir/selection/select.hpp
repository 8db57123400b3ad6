#pragma once
/// @file
/// @brief Choose N applicants maximising the total score under quotas on categorical columns,
/// exactly (a greedy or a matroid greedy where the quota shape allows it, a GLPK integer
/// program otherwise), with an explanation for every applicant.
///
/// Tie rule: among selections with the same total score, the one that prefers better-ranked
/// applicants (rank = score descending, then lower row first) is returned: no single exchange
/// of a selected applicant for an unselected, better-ranked one keeps the quotas satisfied.
/// When every quota and distinct-category rule is on one column, the feasible selections are
/// the bases of a matroid, this rule has exactly one answer (the rank-order greedy's: the
/// lexicographically best ranks among the maximum-score selections), and every solver returns
/// it; see docs/selection.md.

#include <Eigen/Core>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/table.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/eligibility.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"

namespace clir {

/// Lower and/or upper bound on how many selected applicants have a category of a column.
struct CategoryQuota {
  std::string column;              ///< categorical column, e.g. "oblast_en"
  std::string category;            ///< one category; empty = the bound applies to every category
  std::optional<std::size_t> min;  ///< at least this many
  std::optional<std::size_t> max;  ///< at most this many
};

/// At least @p at_least distinct categories of @p column among the selected.
struct DistinctQuota {
  std::string column;
  std::size_t at_least = 0;
};

/// Share of the N selected with a category (e.g. type = city at most 0.3): min_share × N
/// rounded up and max_share × N rounded down become count bounds.
struct ShareQuota {
  std::string column;
  std::string category;
  std::optional<double> min_share;  ///< in [0, 1]
  std::optional<double> max_share;  ///< in [0, 1]
};

/// How the selection is solved.
enum class SelectionSolver {
  automatic,  ///< greedy, else matroid, else mip: the first that is exact for the quota shape
  mip,        ///< GLPK branch and cut (glp_intopt); any quota shape
  greedy,     ///< bounds on one column, no distinct-category rule; ConfigError otherwise
  matroid,    ///< bounds and distinct-category rules all on one column; ConfigError otherwise
};

template <>
struct EnumTraits<SelectionSolver> {
  static constexpr std::string_view what = "selection solver";
  static constexpr std::array<EnumName<SelectionSolver>, 4> names{{
      {SelectionSolver::automatic, "automatic", "greedy, else matroid, else mip: the first that is exact for the quota shape"},
      {SelectionSolver::mip, "mip", "GLPK branch and cut; any quota shape"},
      {SelectionSolver::greedy, "greedy", "bounds on one column, no distinct-category rule"},
      {SelectionSolver::matroid, "matroid", "bounds and distinct-category rules all on one column"},
  }};
};


/// Options of select().
struct SelectionOptions {
  std::size_t count = 0;                 ///< N, the number to select (> 0)
  std::vector<CategoryQuota> quotas;
  std::vector<DistinctQuota> distinct;
  std::vector<ShareQuota> shares;
  SelectionSolver solver = SelectionSolver::automatic;
  double time_limit_seconds = 60.0;      ///< GLPK time limit; the result says whether optimality was proven
};

template <>
struct Fields<CategoryQuota> {
  using Q = CategoryQuota;
  static constexpr auto list = std::tuple{
      field("column", &Q::column, "categorical column, e.g. oblast_en").required("every [[selection.quota]] needs a column"),
      field("category", &Q::category, "one category; empty = every category of the column").shown_default("every category"),
      field("min", &Q::min, "at least this many"),
      field("max", &Q::max, "at most this many"),
  };
  /// min or max is given.
  static void validate(const CategoryQuota& q);
};

template <>
struct Fields<DistinctQuota> {
  using Q = DistinctQuota;
  static constexpr auto list = std::tuple{
      field("column", &Q::column, "categorical column").required("every [[selection.distinct]] needs a column"),
      field("at_least", &Q::at_least, "at least this many distinct categories")
          .at_least(1)
          .required("every [[selection.distinct]] needs at_least"),
  };
};

template <>
struct Fields<ShareQuota> {
  using Q = ShareQuota;
  static constexpr auto list = std::tuple{
      field("column", &Q::column, "categorical column").required("every [[selection.share]] needs a column"),
      field("category", &Q::category, "the category").required("every [[selection.share]] needs a category"),
      field("min_share", &Q::min_share, "at least this share of the selection").in(0, 1).named_as("a share"),
      field("max_share", &Q::max_share, "at most this share of the selection").in(0, 1).named_as("a share"),
  };
  /// min_share or max_share is given.
  static void validate(const ShareQuota& q);
};

template <>
struct Fields<SelectionOptions> {
  using O = SelectionOptions;
  static constexpr auto list = std::tuple{
      field("size", &O::count, "N, the number to select").at_least(1),
      field("solver", &O::solver, "selection solver"),
      field("time_limit_s", &O::time_limit_seconds, "GLPK time limit, seconds")
          .greater_than(0)
          .named_as("a number of seconds")
          .not_in(FieldUse::json),
      field("quota", &O::quotas, "bounds on the number selected per category ([[selection.quota]])"),
      field("distinct", &O::distinct, "at least this many distinct categories ([[selection.distinct]])"),
      field("share", &O::shares, "bounds on the share selected per category ([[selection.share]])"),
  };
};

/// Why an applicant is or is not selected.
enum class SelectionStatus {
  selected,
  excluded,      ///< failed an eligibility rule
  below_cutoff,  ///< ranked below the last selected applicant
  quota_full,    ///< a maximum on one of its categories was reached by better-ranked applicants
  displaced,     ///< a lower-ranked applicant was needed to meet a minimum or distinct-category rule
};

template <>
struct EnumTraits<SelectionStatus> {
  static constexpr std::string_view what = "selection status";
  static constexpr std::array<EnumName<SelectionStatus>, 5> names{{
      {SelectionStatus::selected, "selected", "selected"},
      {SelectionStatus::excluded, "excluded", "failed an eligibility rule"},
      {SelectionStatus::below_cutoff, "below_cutoff", "ranked below the last selected applicant"},
      {SelectionStatus::quota_full, "quota_full", "a maximum on one of its categories was reached"},
      {SelectionStatus::displaced, "displaced", "a lower-ranked applicant was needed to meet a minimum"},
  }};
};


/// The story of one applicant.
struct Explanation {
  std::string id;
  bool eligible = false;
  std::string excluded_by;          ///< names of the failed eligibility rules ("; "-joined)
  std::optional<double> score;      ///< eligible applicants only
  std::optional<std::size_t> rank;  ///< among eligible applicants, 1 = best
  bool selected = false;
  SelectionStatus status = SelectionStatus::excluded;
  std::string constraint;           ///< quota_full / displaced: the quota involved
  std::string displaced_by;         ///< quota_full / displaced: id of the applicant that took the place
  std::string text;                 ///< one readable sentence
};

/// What select() did.
struct SelectionResult {
  std::vector<std::size_t> selected_rows;  ///< table rows, best rank first
  std::vector<std::string> selected_ids;   ///< their ids
  std::vector<Explanation> explanations;   ///< one per table row, in table order
  double objective = 0.0;                  ///< sum of the selected scores
  SelectionSolver solver_used = SelectionSolver::greedy;
  bool proven_optimal = true;              ///< false only when GLPK stopped at its time limit
  std::size_t cutoff_rank = 0;             ///< rank of the last selected applicant
  double cutoff_score = 0.0;               ///< its score
};

SelectionResult select(const Table& table, const ScoreResult& scores, const EligibilityResult& eligibility,
                       const SelectionOptions& options);

/// Quotas compiled against a fixed set of candidates; selects for any score vector. Used by
/// select() and by the Monte Carlo robustness analysis (one selector, many score vectors).
class QuotaSelector {
 public:
  /// Candidates are @p rows of @p table (typically the eligible rows); categories are read
  /// from the table. Throws clir::ConfigError for unknown columns, count 0, min > max, shares
  /// outside [0, 1], a greedy solver where it is not optimal; clir::InputError for a candidate
  /// with a missing category in a quota column; clir::Infeasible (naming the conflicting
  /// quotas) when the quotas cannot hold for these candidates.
  QuotaSelector(const Table& table, std::vector<std::size_t> rows, const SelectionOptions& options);
  ~QuotaSelector();
  QuotaSelector(QuotaSelector&&) noexcept;
  QuotaSelector& operator=(QuotaSelector&&) noexcept;

  /// Selects from the candidates by @p scores (one per candidate, in candidate order). Returns
  /// candidate indices, best rank first. Thread-safe.
  std::vector<std::size_t> select(const Eigen::Ref<const Eigen::VectorXd>& scores, bool* proven_optimal = nullptr) const;

  /// Like select() but takes the candidates' order (best first, as order_descending()) when
  /// the caller has it; the greedy and matroid paths then cost O(n).
  std::vector<std::size_t> select_ordered(const Eigen::Ref<const Eigen::VectorXd>& scores,
                                          std::span<const std::size_t> order, bool* proven_optimal = nullptr) const;

  /// The solver that select() runs: greedy, matroid or mip (never automatic).
  SelectionSolver solver() const noexcept;
  /// Number of candidates.
  std::size_t size() const noexcept;
  /// The candidate rows of the table.
  const std::vector<std::size_t>& rows() const noexcept;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  friend SelectionResult select(const Table&, const ScoreResult&, const EligibilityResult&, const SelectionOptions&);
};

/// Selects options.count eligible applicants of @p table with the highest total score under
/// the quotas. @p scores is matched to the table by id (it may hold only the eligible rows);
/// every eligible row needs a score (clir::InputError naming the id otherwise).
SelectionResult select(const Table& table, const ScoreResult& scores, const EligibilityResult& eligibility,
                       const SelectionOptions& options);

/// select() with every scored row of @p table eligible.
SelectionResult select(const Table& table, const ScoreResult& scores, const SelectionOptions& options);

}  // namespace clir
