#pragma once
/// @file
/// @brief The blended distance that trades geography against needs, as in ClustGeo
/// (Chavent, Kuentz-Simonet, Labenne & Saracco 2018): D = (1 − α)·D_geo/s_geo + α·D_needs/s_needs.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

#include "clir/core/error.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/core/enum_names.hpp"

namespace clir {

/// How each matrix is scaled before blending, so that km and dimensionless needs compare.
enum class BlendScale {
  max,   ///< divide by the largest distance (ClustGeo's default): both terms lie in [0, 1]
  mean,  ///< divide by the mean distance over all pairs i < j: robust to one remote outlier
};

template <>
struct EnumTraits<BlendScale> {
  static constexpr std::string_view what = "scale";
  static constexpr std::array<EnumName<BlendScale>, 2> names{{
      {BlendScale::max, "max", "divide by the largest distance (ClustGeo's default)"},
      {BlendScale::mean, "mean", "divide by the mean distance over all pairs: robust to one remote outlier"},
  }};
};

/// Options of blend_distances().
struct BlendOptions {
  double alpha = 0.5;                   ///< weight of needs, in [0, 1]: 0 = geography only, 1 = needs only
  BlendScale scale = BlendScale::max;   ///< s_geo and s_needs: max or mean of each matrix
};

/// The scale of @p D: its largest entry or the mean over the n(n−1)/2 pairs, in D's unit
/// (0 for n < 2). Summed in double in storage order.
template <std::floating_point T>
double distance_scale(const DistanceMatrix<T>& D, BlendScale scale) {
  const auto& c = D.condensed();
  if (c.empty()) return 0.0;
  double acc = 0.0;
  for (T v : c) acc = scale == BlendScale::max ? std::fmax(acc, static_cast<double>(v)) : acc + static_cast<double>(v);
  return scale == BlendScale::max ? acc : acc / static_cast<double>(c.size());
}

/// D = (1 − α)·geo/s_geo + α·needs/s_needs, entry by entry; dimensionless. With the max scale,
/// D lies in [0, 1]. Throws clir::ConfigError (key "alpha") unless 0 ≤ α ≤ 1, clir::InputError
/// (key "needs") when the sizes differ, and clir::InputError (key "geo" or "needs") when a
/// matrix with a positive weight has scale 0 (all its distances are 0: nothing to scale by).
/// Both matrices are validated (no NaN, ∞ or negative entries).
/// @tparam T storage of the result and of @p geo; @p needs may use another precision.
template <std::floating_point T, std::floating_point U>
DistanceMatrix<T> blend_distances(const DistanceMatrix<T>& geo, const DistanceMatrix<U>& needs,
                                  const BlendOptions& options = {}) {
  const double alpha = options.alpha;
  if (!(alpha >= 0.0 && alpha <= 1.0))
    throw ConfigError("alpha", "alpha = " + std::to_string(alpha) + " is outside [0, 1] (0 = geography only, 1 = needs only)");
  if (geo.size() != needs.size())
    throw InputError("the needs matrix has " + std::to_string(needs.size()) + " rows but the geographic one has " +
                         std::to_string(geo.size()) + "; both must describe the same communities in the same order",
                     {.key = "needs"});
  validate_distances(geo, "geo");
  validate_distances(needs, "needs");
  const double s_geo = distance_scale(geo, options.scale), s_needs = distance_scale(needs, options.scale);
  const std::size_t n = geo.size();
  DistanceMatrix<T> out(n);
  if (n < 2) return out;
  auto zero_scale = [&](const char* key) {
    throw InputError(std::string("every ") + (key[0] == 'g' ? "geographic" : "needs") +
                         " distance is 0, so it cannot be scaled; give it weight 0 (alpha = " +
                         (key[0] == 'g' ? "1" : "0") + ") or check the input",
                     {.key = key});
  };
  const double wg = 1.0 - alpha, wn = alpha;
  if (wg > 0.0 && !(s_geo > 0.0)) zero_scale("geo");
  if (wn > 0.0 && !(s_needs > 0.0)) zero_scale("needs");
  const double fg = wg > 0.0 ? wg / s_geo : 0.0, fn = wn > 0.0 ? wn / s_needs : 0.0;
  const auto& g = geo.condensed();
  const auto& q = needs.condensed();
  auto& o = out.condensed();
  for (std::size_t i = 0; i < o.size(); ++i)
    o[i] = static_cast<T>(fg * static_cast<double>(g[i]) + fn * static_cast<double>(q[i]));
  return out;
}

}  // namespace clir
