#pragma once
/// @file
/// @brief All of clir's evaluation metrics: comparison with a reference grouping, label
/// matching, silhouettes and group spread on distance matrices or coordinates. The vector-data indices
/// (Davies–Bouldin, Calinski–Harabasz) are in clir/evaluate/vector_quality.hpp, kept apart
/// because they pull in Eigen.

#include "clir/evaluate/align.hpp"
#include "clir/evaluate/compare.hpp"
#include "clir/evaluate/contingency.hpp"
#include "clir/evaluate/geo_spread.hpp"
#include "clir/evaluate/matching.hpp"
#include "clir/evaluate/silhouette.hpp"
#include "clir/evaluate/spread.hpp"
