#pragma once
/// @file
/// @brief How the k-medoids family chooses its starting medoids: BUILD, random, k-medoids++,
/// LAB, or medoids the caller gives.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "clir/cluster/detail/checks.hpp"
#include "clir/cluster/detail/init.hpp"
#include "clir/cluster/detail/row_source.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/error.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

namespace clir {

/// Initialisation of the medoids.
enum class Init {
  build,        ///< PAM's greedy BUILD (Kaufman & Rousseeuw 1990), as R's cluster::pam; O(k·n²), deterministic
  random,       ///< k distinct items drawn uniformly; O(n)
  kmedoidspp,   ///< k-medoids++: each next medoid drawn with probability ∝ d² to the nearest chosen one; O(k·n)
  lab,          ///< LAB, linear approximative BUILD (Schubert & Rousseeuw 2019): BUILD on a fresh
                ///< sample of 10 + ⌈√n⌉ items per medoid; O(k·n)
  given,        ///< the caller's medoids (KMedoidsOptions::initial_medoids)
};

template <>
struct EnumTraits<Init> {
  static constexpr std::string_view what = "initialisation";
  static constexpr std::array<EnumName<Init>, 5> names{{
      {Init::build, "build", "PAM's greedy BUILD, as R's cluster::pam; O(k·n²), deterministic"},
      {Init::random, "random", "k distinct items drawn uniformly; O(n)"},
      {Init::kmedoidspp, "kmedoids++", "each next medoid drawn with probability ∝ d² to the nearest chosen one; O(k·n)"},
      {Init::lab, "lab", "LAB, linear approximative BUILD: BUILD on a sample of 10 + ⌈√n⌉ items per medoid; O(k·n)"},
      {Init::given, "given", "the caller's medoids (initial_medoids)"},
  }};
};

/// Options of initial_medoids().
struct InitOptions {
  Init init = Init::build;                 ///< method
  std::vector<std::size_t> medoids;        ///< for Init::given: k distinct item indices
  std::uint64_t seed = 1;                  ///< random methods draw from Rng::stream(seed, 0)
  unsigned threads = 0;                    ///< 0 = all cores; the result does not depend on it
  bool validate = true;                    ///< check the distances for NaN, ∞ and negatives first
};

/// The k starting medoids chosen by @p options.init on the distances @p D (any unit), sorted by
/// item index. Throws clir::InputError for an empty matrix or a bad distance (key "distance"),
/// clir::ConfigError for k = 0 or k > n (key "k") or bad given medoids (key "initial_medoids").
template <DistanceMatrixLike M>
std::vector<std::size_t> initial_medoids(const M& D, std::size_t k, const InitOptions& options = {});

namespace detail {

/// The initialisation policy of every k-medoids run: dispatches on @p init; start @p start of a
/// multi-start run draws from Rng::stream(seed, start).
template <class Rows>
std::vector<std::size_t> make_init(const Rows& rows, std::size_t k, Init init,
                                   const std::vector<std::size_t>& given, std::uint64_t seed,
                                   std::uint64_t start, double big, unsigned threads) {
  switch (init) {
    case Init::build: return build_init(rows, k, big, threads);
    case Init::random: return random_init(rows.size(), k, Rng::stream(seed, start));
    case Init::kmedoidspp: return kmedoidspp_init(rows, k, Rng::stream(seed, start));
    case Init::lab: return lab_init(rows, k, big, Rng::stream(seed, start));
    case Init::given: {
      check_medoids(given, rows.size(), k, "initial_medoids");
      std::vector<std::size_t> m = given;
      std::sort(m.begin(), m.end());
      return m;
    }
  }
  return build_init(rows, k, big, threads);
}


}  // namespace detail

template <DistanceMatrixLike M>
std::vector<std::size_t> initial_medoids(const M& D, std::size_t k, const InitOptions& options) {
  detail::check_k(D.size(), k);
  const unsigned threads = detail::effective_threads(options.threads, D.size());
  const double big = detail::scan_distances(D, options.validate, threads);
  // No dense copy: an initialisation reads each row only a few times.
  detail::RowSource<M> rows(D, 0, options.threads);
  return detail::make_init(rows, k, options.init, options.medoids, options.seed, 0, big, threads);
}

}  // namespace clir
