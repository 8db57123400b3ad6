#pragma once
/// @file
/// @brief Clustering by direct optimisation of the medoid silhouette (Lenssen & Schubert 2022):
/// FasterMSC (eager swaps, like FasterPAM) and DynMSC (FasterMSC for a range of k, from the
/// largest down, keeping the k with the highest medoid silhouette). See docs/clustering.md.
///
/// The medoid silhouette of item i is s̃(i) = 1 − d1(i)/d2(i), with d1 and d2 the distances to
/// its nearest and second-nearest medoid (1 when d1 = 0), and of a clustering the mean over all
/// items (clir::medoid_silhouette). Maximising it is minimising Σ_i d1(i)/d2(i).
///
/// Both are members of the k-medoids family, declared in clir/cluster/kmedoids.hpp (the
/// MedoidSilhouette objective with the EagerSwaps search); this header is kept for callers
/// that include it.

#include "clir/cluster/kmedoids.hpp"
