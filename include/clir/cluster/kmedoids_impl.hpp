#pragma once
/// @file
/// @brief Definitions of the k-medoids family declared in clir/cluster/kmedoids.hpp: the engine
/// (validation, row source, initialisation, multi-start) and each method as its choice of
/// objective and search policy. Included by kmedoids.hpp; not to be included on its own.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "clir/cluster/detail/caches.hpp"
#include "clir/cluster/detail/checks.hpp"
#include "clir/cluster/detail/objectives.hpp"
#include "clir/cluster/detail/row_source.hpp"
#include "clir/cluster/detail/search.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/core/error.hpp"

namespace clir {

namespace detail {

/// What every run checks and builds before it starts: the options, k, the distances (validated
/// unless options.validate is false) with R's "big" distance, and the row source. Returns
/// @p run(rows, big, threads).
template <DistanceMatrixLike M, class Run>
auto with_rows(const M& D, std::size_t k, const KMedoidsOptions& options, Run&& run) {
  check_k(D.size(), k);
  if (options.starts == 0) throw ConfigError("starts", "the number of starts must be at least 1");
  if (options.starts > 1 && (options.init == Init::build || options.init == Init::given))
    throw ConfigError("starts", "several starts need a random initialisation; with init = " +
                                    std::string(to_string(options.init)) + " every start is the same",
                      {"random", "kmedoids++", "lab"});
  if (!options.initial_medoids.empty() && options.init != Init::given)
    throw ConfigError("initial_medoids", "initial medoids are used only with init = given");
  const unsigned threads = effective_threads(options.threads, D.size());
  const double big = scan_distances(D, options.validate, threads);
  const RowSource<M> rows(D, options.dense_limit_bytes, threads);
  return run(rows, big, threads);
}

/// The starting medoids of start @p start (the initialisation policy, kmedoids_init.hpp).
template <class Rows>
std::vector<std::size_t> start_medoids(const Rows& rows, std::size_t k, const KMedoidsOptions& options,
                                       std::size_t start, double big, unsigned threads) {
  return make_init(rows, k, options.init, options.initial_medoids, options.seed, start, big, threads);
}

/// The engine: from each of options.starts initialisations, Search improves the medoids as
/// Objective scores them; of several starts the one Objective::better prefers is kept, the
/// earliest on a tie.
template <template <class> class Objective, class Search, DistanceMatrixLike M>
MedoidResult run_kmedoids(const M& D, std::size_t k, const KMedoidsOptions& options) {
  return with_rows(D, k, options, [&](const auto& rows, double big, unsigned threads) {
    using Policy = Objective<std::remove_cvref_t<decltype(rows)>>;
    MedoidResult best;
    for (std::size_t s = 0; s < options.starts; ++s) {
      Policy objective(rows, start_medoids(rows, k, options, s, big, threads), big, threads);
      const SearchOutcome outcome = Search::run(objective, options.max_iter);
      MedoidResult r = finish_result(rows, objective.medoids(), outcome);
      if (s == 0 || Policy::better(r, best)) best = std::move(r);
    }
    return best;
  });
}

/// FasterMSC and DynMSC need at least two medoids (besides what check_k checks).
inline void check_msc_k(std::size_t n, std::size_t k) {
  check_k(n, k);
  if (k < 2) throw ConfigError("k", "the medoid silhouette needs at least 2 groups, got k = " + std::to_string(k));
}

}  // namespace detail

template <DistanceMatrixLike M>
MedoidResult pam(const M& D, std::size_t k, const KMedoidsOptions& options) {
  // R skips SWAP for k = 1 after BUILD, whose single medoid is already the best one.
  if (k == 1 && options.init == Init::build)
    return detail::run_kmedoids<detail::TotalDeviationAsR, detail::StartOnly>(D, k, options);
  return detail::run_kmedoids<detail::TotalDeviationAsR, detail::BestSwapPerPass>(D, k, options);
}

template <DistanceMatrixLike M>
MedoidResult fastpam1(const M& D, std::size_t k, const KMedoidsOptions& options) {
  return detail::run_kmedoids<detail::TotalDeviation, detail::BestSwapPerPass>(D, k, options);
}

template <DistanceMatrixLike M>
MedoidResult fasterpam(const M& D, std::size_t k, const KMedoidsOptions& options) {
  return detail::run_kmedoids<detail::TotalDeviation, detail::EagerSwaps>(D, k, options);
}

template <DistanceMatrixLike M>
MedoidResult alternating(const M& D, std::size_t k, const KMedoidsOptions& options) {
  return detail::run_kmedoids<detail::TotalDeviation, detail::Alternating>(D, k, options);
}

template <DistanceMatrixLike M>
MedoidResult fastermsc(const M& D, std::size_t k, const KMedoidsOptions& options) {
  detail::check_msc_k(D.size(), k);
  return detail::run_kmedoids<detail::MedoidSilhouette, detail::EagerSwaps>(D, k, options);
}

template <DistanceMatrixLike M>
DynMscResult dynmsc(const M& D, std::size_t k_min, std::size_t k_max, const KMedoidsOptions& options) {
  detail::check_msc_k(D.size(), k_max);
  if (k_min < 2 || k_min > k_max)
    throw ConfigError("k", "the range " + std::to_string(k_min) + ".." + std::to_string(k_max) +
                               " must satisfy 2 <= k_min <= k_max");
  if (options.starts != 1) throw ConfigError("starts", "DynMSC runs from one initialisation; starts must be 1");
  return detail::with_rows(D, k_max, options, [&](const auto& rows, double big, unsigned threads) {
    using Objective = detail::MedoidSilhouette<std::remove_cvref_t<decltype(rows)>>;
    DynMscResult out;
    std::vector<std::size_t> medoids = detail::start_medoids(rows, k_max, options, 0, big, threads);
    for (std::size_t k = k_max;; --k) {
      Objective objective(rows, std::move(medoids), big, threads);
      const detail::SearchOutcome outcome = detail::EagerSwaps::run(objective, options.max_iter);
      MedoidResult r = detail::finish_result(rows, objective.medoids(), outcome);
      out.ks.push_back(k);
      out.medoid_silhouettes.push_back(r.medoid_silhouette);
      if (out.ks.size() == 1 || r.medoid_silhouette >= out.result.medoid_silhouette) {
        out.result = std::move(r);
        out.k = k;
      }
      if (k == k_min) break;
      medoids = objective.without_cheapest_medoid();
    }
    return out;
  });
}

template <DistanceMatrixLike M>
MedoidResult kmedoids(const M& D, std::size_t k, KMedoidsMethod method, const KMedoidsOptions& options) {
  switch (method) {
    case KMedoidsMethod::pam: return pam(D, k, options);
    case KMedoidsMethod::fastpam1: return fastpam1(D, k, options);
    case KMedoidsMethod::fasterpam: return fasterpam(D, k, options);
    case KMedoidsMethod::alternating: return alternating(D, k, options);
    case KMedoidsMethod::fastermsc: return fastermsc(D, k, options);
  }
  return fasterpam(D, k, options);
}

template <DistanceMatrixLike M>
MedoidResult assign_to_medoids(const M& D, const std::vector<std::size_t>& medoids) {
  const std::size_t n = D.size();
  if (n == 0) throw InputError("the distance matrix is empty; there is nothing to assign", {.key = "distance"});
  if (medoids.empty()) throw ConfigError("medoids", "at least one medoid is needed");
  detail::check_medoids(medoids, n, medoids.size(), "medoids");
  MedoidResult result;
  result.medoids = medoids;
  result.labels.assign(n, 0);
  std::vector<std::int32_t> own(n, -1);
  for (std::size_t g = 0; g < medoids.size(); ++g) own[medoids[g]] = static_cast<std::int32_t>(g);
  double loss = 0.0;
  std::vector<double> d1(n, 0.0), d2(n, std::numeric_limits<double>::infinity());
  for (std::size_t j = 0; j < n; ++j) {
    detail::NearestTwo t{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    for (std::size_t g = 0; g < medoids.size(); ++g)
      t.offer(own[j] == static_cast<std::int32_t>(g) ? 0.0 : static_cast<double>(D(j, medoids[g])),
              static_cast<std::uint32_t>(g));
    result.labels[j] = own[j] >= 0 ? own[j] : static_cast<std::int32_t>(t.s1);
    d1[j] = own[j] >= 0 ? 0.0 : t.d1;
    d2[j] = t.d2;
    if (own[j] < 0) loss += t.d1;
  }
  result.loss = loss;
  result.medoid_silhouette = detail::mean_medoid_silhouette(d1, d2);
  result.converged = true;
  return result;
}

template <class DistanceToMedoid>
  requires std::invocable<const DistanceToMedoid&, std::size_t, std::size_t>
PointAssignment assign_new_points(std::size_t count, std::size_t k, const DistanceToMedoid& distance) {
  if (k == 0) throw ConfigError("k", "at least one medoid is needed");
  PointAssignment out;
  out.labels.assign(count, 0);
  out.distances.assign(count, 0.0);
  for (std::size_t p = 0; p < count; ++p) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t g = 0; g < k; ++g) {
      const double d = static_cast<double>(distance(p, g));
      if (!detail::good_distance(d))
        throw InputError("distance of new point " + std::to_string(p) + " to medoid " + std::to_string(g) + " is " +
                             std::to_string(d) + "; expected a finite value >= 0",
                         {.key = "distance"});
      if (d < best) {
        best = d;
        out.labels[p] = static_cast<std::int32_t>(g);
      }
    }
    out.distances[p] = best;
  }
  return out;
}

}  // namespace clir
