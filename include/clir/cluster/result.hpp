#pragma once
/// @file
/// @brief What every k-medoids-style algorithm returns.

#include <cstddef>
#include <limits>
#include <vector>

#include "clir/core/labels.hpp"

namespace clir {

/// The outcome of a medoid-based clustering run: enough to see what happened.
struct MedoidResult {
  std::vector<std::size_t> medoids;  ///< item index of each group's medoid; group g has medoid medoids[g]
  Labels labels;                     ///< group of each item, 0..k-1
  double loss = 0.0;                 ///< sum over items of the distance to its assigned medoid
  std::size_t iterations = 0;        ///< passes of the main loop (0 when only initialised)
  std::size_t swaps = 0;             ///< medoid swaps performed
  bool converged = false;            ///< true when it stopped at a local optimum, not at max_iter
  /// Mean medoid silhouette (Lenssen & Schubert 2022) of the labels: per item (b − a)/max(a, b)
  /// with a the distance to its own medoid and b to the nearest other one (1 − d1/d2 when every
  /// item sits with its nearest medoid; 1 for an item at distance 0), in [−1, 1]. NaN for k = 1,
  /// where it is undefined. What FasterMSC and DynMSC maximise.
  double medoid_silhouette = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace clir
