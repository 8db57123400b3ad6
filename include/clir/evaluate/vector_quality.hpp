#pragma once
/// @file
/// @brief Internal quality indices for groupings of vector data (rows = items, columns =
/// features, Euclidean geometry): Davies–Bouldin and Calinski–Harabasz.

#include <Eigen/Core>

#include "clir/core/labels.hpp"

namespace clir {

/// Davies–Bouldin index (Davies & Bouldin 1979) as in scikit-learn: with centroids c_g and
/// S_g = mean Euclidean distance of group g's rows to c_g, DB = mean over g of
/// max_{h≠g} (S_g + S_h) / ‖c_g − c_h‖. Lower is better, >= 0; 0 when every S_g is 0 or every
/// centroid coincides; coinciding pairs of centroids are skipped. Unit-free.
/// @param points n × p matrix, one row per item, finite values.
/// Throws clir::InputError on a size mismatch, empty input, a negative label, a non-finite value,
/// or a number of groups outside 2..n−1.
double davies_bouldin(const Eigen::Ref<const Eigen::MatrixXd>& points, const Labels& labels);

/// Calinski–Harabasz index (variance ratio criterion, Caliński & Harabasz 1974): between-group
/// dispersion Σ_g n_g‖c_g − c‖² over within-group dispersion Σ_i ‖x_i − c_{g(i)}‖², times
/// (n − k)/(k − 1). Higher is better; 1 when the within-group dispersion is 0 (scikit-learn's
/// convention). Same input rules and errors as davies_bouldin().
double calinski_harabasz(const Eigen::Ref<const Eigen::MatrixXd>& points, const Labels& labels);

}  // namespace clir
