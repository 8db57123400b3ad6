// The compiled parts of choosing k and alpha.

#include "clir/cluster/choose.hpp"

#include <cmath>

namespace clir {

std::size_t best_k(const std::vector<KScore>& scan, KCriterion criterion) {
  std::size_t best = 0;
  double best_score = -std::numeric_limits<double>::infinity();
  std::vector<std::string> reasons;
  for (const auto& s : scan) {
    if (!s.feasible) {
      reasons.push_back("k = " + std::to_string(s.k) + ": " + s.infeasible);
      continue;
    }
    const double score = criterion == KCriterion::silhouette ? s.silhouette : s.medoid_silhouette;
    if (best == 0 || score > best_score || (score == best_score && s.k < best)) {
      best = s.k;
      best_score = score;
    }
  }
  if (best == 0) {
    throw Infeasible("no k of the scan admits a grouping under the constraints", reasons,
                     "widen the range of k or relax the constraints");
  }
  return best;
}

namespace detail {
void check_alphas(const std::vector<double>& alphas) {
  if (alphas.empty()) throw ConfigError("alphas", "the grid of alpha values is empty");
  for (std::size_t i = 0; i < alphas.size(); ++i) {
    if (!(alphas[i] >= 0.0 && alphas[i] <= 1.0)) {
      throw ConfigError("alphas", "alphas[" + std::to_string(i) + "] = " + std::to_string(alphas[i]) +
                                      " is outside [0, 1] (0 = geography only, 1 = needs only)");
    }
    if (i > 0 && !(alphas[i] > alphas[i - 1])) {
      throw ConfigError("alphas", "the grid must be strictly ascending; alphas[" + std::to_string(i) + "] = " +
                                      std::to_string(alphas[i]) + " follows " + std::to_string(alphas[i - 1]));
    }
  }
}
}  // namespace detail

}  // namespace clir
