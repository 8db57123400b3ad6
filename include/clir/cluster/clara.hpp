#pragma once
/// @file
/// @brief CLARA and FasterCLARA: k-medoids for large n by clustering random samples and
/// keeping the medoids that are best on all the data. Reads only O(samples·(m² + n·k))
/// distances, so it also works on a LazyDistance without any n × n matrix.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "clir/cluster/kmedoids.hpp"
#include "clir/cluster/result.hpp"
#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

namespace clir {

/// Options of clara() and fasterclara().
struct ClaraOptions {
  std::size_t samples = 5;      ///< number of samples (R's default 5)
  /// Items per sample; 0 = the function's default: 40 + 2k for clara (R's), 80 + 4k for
  /// fasterclara; at most n, at least k.
  std::size_t sample_size = 0;
  /// Each sample after the first contains the best medoids found so far (Kaufman & Rousseeuw
  /// 1990; R's clara does this), so the best loss never gets worse from sample to sample.
  bool keep_best_medoids = true;
  Init init = Init::build;      ///< initialisation within each sample
  std::size_t max_iter = 1000;  ///< per sample run, as KMedoidsOptions::max_iter
  std::uint64_t seed = 1;       ///< sample s is drawn from Rng::stream(seed, s)
  unsigned threads = 0;         ///< 0 = all cores; the result does not depend on it
};

namespace detail {

template <DistanceMatrixLike M>
MedoidResult clara_impl(const M& D, std::size_t k, const ClaraOptions& options, KMedoidsMethod method,
                        std::size_t default_size) {
  const std::size_t n = D.size();
  check_k(n, k);
  if (options.samples == 0) throw ConfigError("samples", "the number of samples must be at least 1");
  if (options.sample_size != 0 && options.sample_size < k)
    throw ConfigError("sample_size", "a sample of " + std::to_string(options.sample_size) +
                                         " items cannot hold k = " + std::to_string(k) + " medoids");
  if (options.init == Init::given) throw ConfigError("init", "CLARA draws its own samples; init = given is not possible",
                                                     {"build", "random", "kmedoids++", "lab"});
  const std::size_t m = std::min(n, options.sample_size != 0 ? options.sample_size : default_size);
  const unsigned threads = effective_threads(options.threads, n);
  std::vector<std::size_t> best_medoids;
  double best_loss = std::numeric_limits<double>::infinity();
  MedoidResult best_run;
  std::vector<double> nearest(n);
  std::vector<char> in_sample(n, 0);
  const std::size_t rounds = m == n ? 1 : options.samples;  // the whole data: one run says all
  for (std::size_t s = 0; s < rounds; ++s) {
    // The sample: the best medoids so far, then uniform draws (partial Fisher–Yates).
    std::vector<std::size_t> sample;
    std::fill(in_sample.begin(), in_sample.end(), 0);
    if (options.keep_best_medoids)
      for (std::size_t med : best_medoids) {
        sample.push_back(med);
        in_sample[med] = 1;
      }
    std::vector<std::size_t> pool;
    pool.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (!in_sample[i]) pool.push_back(i);
    Rng rng = Rng::stream(options.seed, s);
    const std::size_t need = m - sample.size();
    for (std::size_t a = 0; a < need; ++a) std::swap(pool[a], pool[a + rng.below(pool.size() - a)]);
    sample.insert(sample.end(), pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(need));
    std::sort(sample.begin(), sample.end());
    DistanceMatrix<double> sub(m);
    for (std::size_t a = 0; a < m; ++a)
      for (std::size_t b = a + 1; b < m; ++b) {
        const double d = static_cast<double>(D(sample[a], sample[b]));
        if (!good_distance(d)) throw_bad_distance(sample[a], sample[b], d, "distance");  // names real items
        sub.set(a, b, d);
      }
    KMedoidsOptions inner{.init = options.init, .max_iter = options.max_iter, .seed = rng(),
                          .threads = options.threads, .validate = false};
    MedoidResult run = kmedoids(sub, k, method, inner);
    std::vector<std::size_t> medoids(k);
    for (std::size_t g = 0; g < k; ++g) medoids[g] = sample[run.medoids[g]];
    // Loss on all the data, each item's distance in its own slot, summed in item order.
    parallel_chunks(n, threads, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t j = lo; j < hi; ++j) {
        double b = std::numeric_limits<double>::infinity();
        for (std::size_t med : medoids) {
          const double d = static_cast<double>(D(j, med));
          if (!good_distance(d)) b = std::numeric_limits<double>::quiet_NaN();
          if (d < b) b = d;
        }
        nearest[j] = b;
      }
    });
    double loss = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
      if (!good_distance(nearest[j]))
        throw InputError("a distance from item " + std::to_string(j) + " to a medoid is NaN, infinite or negative",
                         {.key = "distance"});
      loss += nearest[j];
    }
    if (loss < best_loss) {
      best_loss = loss;
      best_medoids = medoids;
      best_run = std::move(run);
    }
  }
  MedoidResult result = assign_to_medoids(D, [&] {
    std::sort(best_medoids.begin(), best_medoids.end());
    return best_medoids;
  }());
  result.iterations = rounds;
  result.swaps = best_run.swaps;
  result.converged = best_run.converged;
  return result;
}

}  // namespace detail

/// CLARA (Kaufman & Rousseeuw 1990, as R's cluster::clara): PAM on `samples` random samples
/// of `sample_size` items, keeping the medoids with the lowest loss on all n items. Returns
/// medoids sorted by index, labels of all n items (ties to the lower index), the loss on all
/// items (unit of D), iterations = samples run, swaps and converged of the best sample's PAM.
/// Throws clir::ConfigError (keys "k", "samples", "sample_size", "init") and
/// clir::InputError (key "distance") for a NaN, infinite or negative distance it reads.
template <DistanceMatrixLike M>
MedoidResult clara(const M& D, std::size_t k, const ClaraOptions& options = {}) {
  return detail::clara_impl(D, k, options, KMedoidsMethod::pam, 40 + 2 * k);
}

/// FasterCLARA (Schubert & Rousseeuw 2021): CLARA with FasterPAM inside each sample, which
/// affords larger samples (default 80 + 4k) at lower cost. Same results structure and errors
/// as clara().
template <DistanceMatrixLike M>
MedoidResult fasterclara(const M& D, std::size_t k, const ClaraOptions& options = {}) {
  return detail::clara_impl(D, k, options, KMedoidsMethod::fasterpam, 80 + 4 * k);
}

}  // namespace clir
