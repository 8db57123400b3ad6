#pragma once
/// @file
/// @brief Choosing the number of groups k (silhouette and medoid silhouette for each k) and the
/// balance α between geography and needs (a sweep reporting the share of geographic and of
/// needs inertia explained, after ClustGeo's choicealpha: Chavent, Kuentz-Simonet, Labenne and
/// Saracco 2018, Computational Statistics 33:1799–1822).

#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "clir/cluster/constrained.hpp"
#include "clir/core/error.hpp"
#include "clir/core/labels.hpp"
#include "clir/distance/blend.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/evaluate/silhouette.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

namespace detail {
/// ConstrainedResult from whatever a clustering callable returns.
template <class R>
ConstrainedResult as_constrained(R&& r) {
  ConstrainedResult out;
  static_cast<MedoidResult&>(out) = static_cast<const MedoidResult&>(r);
  if constexpr (std::is_base_of_v<ConstrainedResult, std::remove_cvref_t<R>>) {
    out.penalty = r.penalty;
    out.objective = r.objective;
  } else {
    out.objective = r.loss;
  }
  return out;
}
/// Throws clir::ConfigError (key "alphas") unless @p alphas is non-empty, ascending and in [0, 1].
void check_alphas(const std::vector<double>& alphas);
}  // namespace detail

// ---- inertia -------------------------------------------------------------------------------

/// Pseudo-inertia of the items of each group under @p D, summed over groups, with equal item
/// weights 1/n (ClustGeo's definition): W = Σ_g Σ_{i,j∈g} d(i,j)² / (2·n·|g|). In the squared
/// unit of @p D. Items with a negative label are ignored. Throws clir::InputError (key "labels")
/// when labels and matrix sizes differ.
template <DistanceMatrixLike M>
double within_inertia(const M& D, const Labels& labels) {
  const std::size_t n = D.size();
  if (labels.size() != n) {
    throw InputError("has " + std::to_string(labels.size()) + " labels for " + std::to_string(n) + " items",
                     {.key = "labels"});
  }
  const auto sizes = group_sizes(labels);
  std::vector<double> sum(sizes.size(), 0.0);  // Σ_{i<j in g} d², per group, in item order
  for (std::size_t i = 0; i < n; ++i) {
    if (labels[i] < 0) continue;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (labels[j] != labels[i]) continue;
      const double d = static_cast<double>(D(i, j));
      sum[static_cast<std::size_t>(labels[i])] += d * d;
    }
  }
  double w = 0.0;
  for (std::size_t g = 0; g < sizes.size(); ++g) {
    if (sizes[g] > 0) w += sum[g] / (static_cast<double>(n) * static_cast<double>(sizes[g]));
  }
  return w;  // the ordered-pair sum counts each pair twice, which cancels the 1/2
}

/// Total pseudo-inertia of @p D: the within-inertia of the one-group partition.
template <DistanceMatrixLike M>
double total_inertia(const M& D) {
  return within_inertia(D, Labels(D.size(), 0));
}

/// Share of the inertia of @p D explained by a grouping: Q = 1 − W/T in [0, 1] (1 when every
/// group is a single point or all distances within groups are 0). 0 when T = 0.
template <DistanceMatrixLike M>
double explained_inertia(const M& D, const Labels& labels) {
  const double t = total_inertia(D);
  return t > 0.0 ? 1.0 - within_inertia(D, labels) / t : 0.0;
}

// ---- choosing k ------------------------------------------------------------------------------

/// The evaluation of one k.
struct KScore {
  std::size_t k = 0;
  bool feasible = true;      ///< false when clir::Infeasible was thrown for this k
  std::string infeasible;    ///< its message, when not feasible
  ConstrainedResult result;  ///< the grouping (empty when not feasible)
  double silhouette = std::numeric_limits<double>::quiet_NaN();         ///< mean silhouette (Rousseeuw 1987), in [−1, 1]
  double medoid_silhouette = std::numeric_limits<double>::quiet_NaN();  ///< mean medoid silhouette of the assignment, in [−1, 1]
};

/// Options of scan_k.
struct KScanOptions {
  ConstrainedOptions clustering;  ///< passed to constrained_kmedoids for every k
  unsigned threads = 0;           ///< threads of the silhouette pass (0 = all cores); never changes the result
};

/// Groups with `cluster(D, k)` for every k in [k_first, k_last] and scores each grouping with
/// the silhouette (clir::silhouette) and the medoid silhouette of its actual assignment
/// (clir::medoid_silhouette with labels: under size bounds an item need not sit with its
/// nearest medoid). @p cluster returns a ConstrainedResult (or a MedoidResult). A k for which
/// it throws clir::Infeasible is kept with feasible = false and the message. Throws
/// clir::ConfigError (key "k") unless 2 <= k_first <= k_last < n.
template <DistanceMatrixLike M, class Cluster>
  requires std::invocable<Cluster&, const M&, std::size_t>
std::vector<KScore> scan_k(const M& D, std::size_t k_first, std::size_t k_last, Cluster&& cluster,
                           const KScanOptions& options = {}) {
  const std::size_t n = D.size();
  if (k_first < 2 || k_first > k_last || k_last >= n) {
    throw ConfigError("k", "the range " + std::to_string(k_first) + ".." + std::to_string(k_last) +
                               " must satisfy 2 <= first <= last < n = " + std::to_string(n) +
                               " (silhouettes need at least 2 groups and one group with 2 items)");
  }
  std::vector<KScore> out;
  for (std::size_t k = k_first; k <= k_last; ++k) {
    KScore s;
    s.k = k;
    try {
      s.result = detail::as_constrained(cluster(D, k));
    } catch (const Infeasible& e) {
      s.feasible = false;
      s.infeasible = e.what();
      out.push_back(std::move(s));
      continue;
    }
    s.silhouette = silhouette(D, s.result.labels, {.threads = options.threads}).mean;
    s.medoid_silhouette =
        medoid_silhouette(D, std::span<const std::size_t>(s.result.medoids), s.result.labels).mean;
    out.push_back(std::move(s));
  }
  return out;
}

/// scan_k with constrained_kmedoids(D, k, @p constraints, options.clustering) as the clustering.
template <DistanceMatrixLike M>
std::vector<KScore> scan_k(const M& D, std::size_t k_first, std::size_t k_last,
                           const GroupConstraints& constraints = {}, const KScanOptions& options = {}) {
  return scan_k(
      D, k_first, k_last,
      [&](const M& d, std::size_t k) { return constrained_kmedoids(d, k, constraints, options.clustering); }, options);
}

/// Which score best_k maximises.
enum class KCriterion { silhouette, medoid_silhouette };

template <>
struct EnumTraits<KCriterion> {
  static constexpr std::string_view what = "k criterion";
  static constexpr std::array<EnumName<KCriterion>, 2> names{{
      {KCriterion::silhouette, "silhouette", "the mean silhouette"},
      {KCriterion::medoid_silhouette, "medoid_silhouette", "the mean medoid silhouette"},
  }};
};

/// The feasible k with the highest mean (medoid) silhouette; ties go to the smaller k.
/// Throws clir::Infeasible when no k of the scan is feasible (listing why for each).
std::size_t best_k(const std::vector<KScore>& scan, KCriterion criterion = KCriterion::silhouette);

// ---- choosing alpha --------------------------------------------------------------------------

/// The evaluation of one α.
struct AlphaScore {
  double alpha = 0.0;         ///< weight of needs in the blend, in [0, 1]
  double q_geo = 0.0;         ///< Q0(α): share of geographic inertia explained by the grouping, in [0, 1]
  double q_needs = 0.0;       ///< Q1(α): share of needs inertia explained, in [0, 1]
  double q_geo_norm = 0.0;    ///< Q0(α) / Q0(0): relative to the grouping on geography alone
  double q_needs_norm = 0.0;  ///< Q1(α) / Q1(1): relative to the grouping on needs alone
  ConstrainedResult result;   ///< the grouping for this α
};

/// Options of sweep_alpha.
struct AlphaSweepOptions {
  std::vector<double> alphas = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};  ///< ascending, in [0, 1]
  BlendScale scale = BlendScale::max;  ///< how blend_distances scales each matrix
  ConstrainedOptions clustering;       ///< passed to constrained_kmedoids (the GroupConstraints overload)
};


/// For every α of options.alphas, groups with `cluster(blend_distances(geo, needs, {α, scale}), k)`
/// (the blend is stored as T, like @p geo)
/// and reports Q0(α) = explained_inertia(geo, labels) and Q1(α) = explained_inertia(needs,
/// labels), and both normalised by their value at the pure partitions (α = 0 for Q0, α = 1 for
/// Q1; computed even when 0 or 1 is not in the grid). ClustGeo's rule of thumb: pick the α
/// where the loss of one normalised Q is small while the gain in the other is large, e.g. where
/// the two curves cross. Throws clir::ConfigError (key "alphas") when the grid is empty, not
/// ascending or outside [0, 1], and what blend_distances throws.
template <std::floating_point T, std::floating_point U, class Cluster>
  requires std::invocable<Cluster&, const DistanceMatrix<T>&, std::size_t>
std::vector<AlphaScore> sweep_alpha(const DistanceMatrix<T>& geo, const DistanceMatrix<U>& needs, std::size_t k,
                                    Cluster&& cluster, const AlphaSweepOptions& options = {}) {
  detail::check_alphas(options.alphas);
  auto run = [&](double alpha) {
    const DistanceMatrix<T> blended = blend_distances(geo, needs, {.alpha = alpha, .scale = options.scale});
    return detail::as_constrained(cluster(blended, k));
  };
  std::vector<AlphaScore> out;
  for (double alpha : options.alphas) {
    AlphaScore s;
    s.alpha = alpha;
    s.result = run(alpha);
    s.q_geo = explained_inertia(geo, s.result.labels);
    s.q_needs = explained_inertia(needs, s.result.labels);
    out.push_back(std::move(s));
  }
  const double q_geo_0 = out.front().alpha == 0.0 ? out.front().q_geo : explained_inertia(geo, run(0.0).labels);
  const double q_needs_1 = out.back().alpha == 1.0 ? out.back().q_needs : explained_inertia(needs, run(1.0).labels);
  for (auto& s : out) {
    s.q_geo_norm = q_geo_0 > 0.0 ? s.q_geo / q_geo_0 : 0.0;
    s.q_needs_norm = q_needs_1 > 0.0 ? s.q_needs / q_needs_1 : 0.0;
  }
  return out;
}

/// sweep_alpha with constrained_kmedoids(D_α, k, @p constraints, options.clustering).
template <std::floating_point T, std::floating_point U>
std::vector<AlphaScore> sweep_alpha(const DistanceMatrix<T>& geo, const DistanceMatrix<U>& needs, std::size_t k,
                                    const GroupConstraints& constraints = {}, const AlphaSweepOptions& options = {}) {
  return sweep_alpha(
      geo, needs, k,
      [&](const DistanceMatrix<T>& d, std::size_t kk) {
        return constrained_kmedoids(d, kk, constraints, options.clustering);
      },
      options);
}

}  // namespace clir
