#pragma once
/// @file
/// @brief Spectral clustering: a Gaussian similarity on a distance matrix, the normalized
/// Laplacian's eigenvectors (Eigen), then k-medoids (clir::fasterpam) in the embedding.
///
/// Similarity: a Gaussian kernel on the distance, W(i, j) = exp(−d(i, j)² / (σ_i σ_j)), W(i, i) = 0.
/// The bandwidth is either self-tuning (Zelnik-Manor & Perona 2004: σ_i = distance from i to its
/// 7th nearest neighbour) or global (σ_i = σ = the median of all pairwise distances), or given.
/// Laplacian: the symmetric normalized L = I − D^{-1/2} W D^{-1/2}, D = diag(row sums of W).
/// Embedding: the eigenvectors of the k smallest eigenvalues of L (Eigen's dense
/// SelfAdjointEigenSolver, O(n³): meant for n up to a few thousand), each row scaled to unit
/// length (Ng, Jordan & Weiss 2001). Clustering: FasterPAM on the Euclidean distances between
/// embedded rows (k-medoids instead of the usual k-means: deterministic, no random restarts
/// needed, and each group has an actual member as its centre).

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/cluster/result.hpp"
#include "clir/core/parallel.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// How the Gaussian kernel's bandwidth σ is chosen.
enum class Bandwidth {
  self_tuning,  ///< σ_i = distance from i to its options.neighbour-th nearest neighbour (default)
  median,       ///< σ = median of the n(n−1)/2 pairwise distances, the same for every item
  fixed,        ///< σ = options.sigma (distance unit)
};

template <>
struct EnumTraits<Bandwidth> {
  static constexpr std::string_view what = "bandwidth";
  static constexpr std::array<EnumName<Bandwidth>, 3> names{{
      {Bandwidth::self_tuning, "self_tuning", "σ_i = distance from i to its neighbour-th nearest neighbour"},
      {Bandwidth::median, "median", "σ = median of the pairwise distances"},
      {Bandwidth::fixed, "fixed", "σ = the given sigma (distance unit)"},
  }};
};

/// Options of the spectral embedding.
struct SpectralOptions {
  Bandwidth bandwidth = Bandwidth::self_tuning;  ///< how σ is chosen
  std::size_t neighbour = 7;  ///< self-tuning: σ_i is the distance to this nearest neighbour (1-based)
  double sigma = 0.0;         ///< Bandwidth::fixed: σ in the distance unit, > 0
  std::size_t max_items = 6000;  ///< refuse larger n: the dense eigensolver is O(n³) time, O(n²) memory
  unsigned threads = 0;          ///< building the affinity; 0 = all cores; the result does not depend on it
};

/// The embedding and what produced it.
struct SpectralEmbedding {
  Eigen::MatrixXd rows;          ///< n × k, row i = item i's coordinates, unit length
  Eigen::VectorXd eigenvalues;   ///< the k smallest eigenvalues of L, increasing, in [0, 2]
  /// λ_{k+1} − λ_k (0 when k = n): a small gap means the k-dimensional subspace, hence the
  /// clustering, is ill-determined.
  double eigengap = 0.0;
  std::vector<double> sigma;     ///< bandwidth used for each item (distance unit)
};

namespace detail {

/// The sign rule: flip each eigenvector so that its entry of largest magnitude is positive
/// (the lowest index among equal magnitudes). Makes the embedding reproducible.
inline void fix_signs(Eigen::MatrixXd& vectors) {
  for (Eigen::Index c = 0; c < vectors.cols(); ++c) {
    Eigen::Index best = 0;
    for (Eigen::Index r = 1; r < vectors.rows(); ++r) {
      if (std::abs(vectors(r, c)) > std::abs(vectors(best, c))) best = r;
    }
    if (vectors(best, c) < 0.0) vectors.col(c) *= -1.0;
  }
}

}  // namespace detail

/// Spectral embedding of the n items of @p distance (any DistanceMatrixLike, its unit) into
/// @p k dimensions (see the file comment). Errors: clir::ConfigError for k = 0, k > n,
/// n > options.max_items, neighbour = 0 or >= n (self-tuning), sigma <= 0 (fixed);
/// clir::InputError for a negative or non-finite distance, or an item whose similarity to every
/// other item is 0 (the message names it: the bandwidth is too small for it). The eigenvectors
/// follow detail::fix_signs; distances between embedded rows do not depend on the basis chosen
/// within an eigenspace, so k-medoids on them is well defined when the eigengap is positive.
template <DistanceMatrixLike Distance>
SpectralEmbedding spectral_embedding(const Distance& distance, std::size_t k,
                                     const SpectralOptions& options = {}) {
  const std::size_t n = static_cast<std::size_t>(distance.size());
  if (k == 0) throw ConfigError("k", "the embedding dimension must be at least 1, got 0");
  if (k > n) {
    throw ConfigError("k", "k = " + std::to_string(k) + " exceeds the number of items n = " + std::to_string(n));
  }
  if (n > options.max_items) {
    throw ConfigError("max_items", "n = " + std::to_string(n) + " exceeds max_items = " +
                                       std::to_string(options.max_items) +
                                       " (the dense eigensolver needs O(n^3) time and O(n^2) memory)");
  }
  const auto N = static_cast<Eigen::Index>(n);
  Eigen::MatrixXd d2(N, N);
  for (std::size_t i = 0; i < n; ++i) {
    d2(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)) = 0.0;
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = static_cast<double>(distance(i, j));
      if (!std::isfinite(d) || d < 0.0) {
        throw InputError("distance(" + std::to_string(i) + ", " + std::to_string(j) + ") = " +
                         std::to_string(d) + "; expected a finite number >= 0");
      }
      d2(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = d;
      d2(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = d;
    }
  }
  SpectralEmbedding out;
  out.sigma.assign(n, 0.0);
  switch (options.bandwidth) {
    case Bandwidth::self_tuning: {
      if (options.neighbour == 0 || options.neighbour >= n) {
        throw ConfigError("neighbour", "self-tuning needs 1 <= neighbour < n = " + std::to_string(n) +
                                           ", got " + std::to_string(options.neighbour));
      }
      parallel_for(n, options.threads, [&](std::size_t i) {
        std::vector<double> row(d2.data() + i * n, d2.data() + (i + 1) * n);  // column i = row i
        row.erase(row.begin() + static_cast<std::ptrdiff_t>(i));
        std::nth_element(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(options.neighbour - 1), row.end());
        out.sigma[i] = row[options.neighbour - 1];
      });
      break;
    }
    case Bandwidth::median: {
      std::vector<double> all;
      all.reserve(n * (n - 1) / 2);
      for (std::size_t j = 0; j < n; ++j) {
        for (std::size_t i = j + 1; i < n; ++i) all.push_back(d2(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
      }
      double median = 0.0;
      if (!all.empty()) {
        // Lower median: an element of the data, no averaging.
        const auto mid = all.begin() + static_cast<std::ptrdiff_t>((all.size() - 1) / 2);
        std::nth_element(all.begin(), mid, all.end());
        median = *mid;
      }
      out.sigma.assign(n, median);
      break;
    }
    case Bandwidth::fixed:
      if (!(options.sigma > 0.0) || !std::isfinite(options.sigma)) {
        throw ConfigError("sigma", "a fixed bandwidth must be a finite number > 0, got " + std::to_string(options.sigma));
      }
      out.sigma.assign(n, options.sigma);
      break;
  }
  // Affinity in place of the distances; column j of the symmetric matrix written by task j.
  parallel_for(n, options.threads, [&](std::size_t j) {
    const auto J = static_cast<Eigen::Index>(j);
    for (Eigen::Index i = 0; i < N; ++i) {
      const double s = out.sigma[static_cast<std::size_t>(i)] * out.sigma[j];
      const double dij = d2(i, J);
      d2(i, J) = (i == J) ? 0.0 : (s > 0.0 ? std::exp(-dij * dij / s) : (dij == 0.0 ? 1.0 : 0.0));
    }
  });
  Eigen::MatrixXd& w = d2;
  const Eigen::VectorXd degree = w.colwise().sum().transpose();
  for (Eigen::Index i = 0; i < N; ++i) {
    if (!(degree(i) > 0.0)) {
      throw InputError("spectral_embedding: item " + std::to_string(i) +
                       " has zero similarity to every other item (bandwidth " +
                       std::to_string(out.sigma[static_cast<std::size_t>(i)]) +
                       " too small for its distances); use a larger bandwidth or remove the item");
    }
  }
  const Eigen::VectorXd inv_sqrt = degree.cwiseSqrt().cwiseInverse();
  // M = D^{-1/2} W D^{-1/2}; L = I − M has the same eigenvectors, eigenvalues 1 − μ.
  w = inv_sqrt.asDiagonal() * w * inv_sqrt.asDiagonal();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(w);
  if (solver.info() != Eigen::Success) {
    throw InputError("spectral_embedding: the eigensolver did not converge");
  }
  // μ increasing ⇒ the k largest μ (smallest λ) are the last k columns; take them in order of
  // increasing λ.
  const Eigen::Index K = static_cast<Eigen::Index>(k);
  Eigen::MatrixXd vectors(N, K);
  out.eigenvalues.resize(K);
  for (Eigen::Index c = 0; c < K; ++c) {
    vectors.col(c) = solver.eigenvectors().col(N - 1 - c);
    out.eigenvalues(c) = 1.0 - solver.eigenvalues()(N - 1 - c);
  }
  out.eigengap = (K < N) ? (1.0 - solver.eigenvalues()(N - 1 - K)) - out.eigenvalues(K - 1) : 0.0;
  detail::fix_signs(vectors);
  for (Eigen::Index i = 0; i < N; ++i) {
    const double norm = vectors.row(i).norm();
    if (norm > 0.0) vectors.row(i) /= norm;
  }
  out.rows = std::move(vectors);
  return out;
}

/// Options of clir::spectral_clustering.
struct SpectralClusteringOptions {
  SpectralOptions spectral;  ///< similarity and embedding
  /// k-medoids in the embedding (FasterPAM; BUILD initialisation by default, so no randomness).
  KMedoidsOptions kmedoids;
};

/// What spectral clustering did.
struct SpectralResult {
  /// Groups found by FasterPAM in the embedding: labels 0..k-1, medoids (item indices), loss =
  /// sum of embedding distances (unitless, rows have length 1) to the medoid.
  MedoidResult clustering;
  SpectralEmbedding embedding;  ///< the embedding, eigenvalues, eigengap and bandwidths
};

/// Spectral clustering of the n items of @p distance (any DistanceMatrixLike, its unit) into
/// @p k groups: spectral_embedding(distance, k), then clir::fasterpam on the Euclidean distances
/// between the embedded rows. Not spatially constrained: groups need not be contiguous (use
/// skater for that). Errors: those of spectral_embedding and of fasterpam. Deterministic for
/// any thread count.
template <DistanceMatrixLike Distance>
SpectralResult spectral_clustering(const Distance& distance, std::size_t k,
                                   const SpectralClusteringOptions& options = {}) {
  SpectralResult out;
  out.embedding = spectral_embedding(distance, k, options.spectral);
  const Eigen::MatrixXd& rows = out.embedding.rows;
  const std::size_t n = static_cast<std::size_t>(rows.rows());
  DistanceMatrix<double> between(n);
  std::vector<double>& condensed = between.condensed();
  // Row i fills its own stretch of the condensed storage.
  parallel_for(n, options.spectral.threads, [&](std::size_t i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      condensed[between.index(i, j)] =
          (rows.row(static_cast<Eigen::Index>(i)) - rows.row(static_cast<Eigen::Index>(j))).norm();
    }
  });
  out.clustering = fasterpam(between, k, options.kmedoids);
  return out;
}

}  // namespace clir
