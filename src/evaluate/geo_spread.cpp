#include "clir/evaluate/geo_spread.hpp"

#include <string>
#include <vector>

namespace clir {
namespace {

// Distances within each group, precomputed once per group; distances across groups (which
// group_spread never asks for) are computed on demand.
class WithinGroupDistances {
 public:
  WithinGroupDistances(std::span<const GeoPoint> points, const detail::GroupIndex& groups, GeoMethod method)
      : points_(points), method_(method), group_of_(groups.group_of), position_(points.size()), within_(groups.groups()) {
    std::vector<std::vector<std::size_t>> members(groups.groups());
    for (std::size_t i = 0; i < points.size(); ++i) {
      position_[i] = members[group_of_[i]].size();
      members[group_of_[i]].push_back(i);
    }
    for (std::size_t g = 0; g < members.size(); ++g) {
      const auto& m = members[g];
      within_[g] = DistanceMatrix<double>(m.size());
      for (std::size_t a = 0; a < m.size(); ++a) {
        for (std::size_t b = a + 1; b < m.size(); ++b) {
          within_[g].set(a, b, geo_distance_km(points[m[a]], points[m[b]], method));
        }
      }
    }
  }
  std::size_t size() const noexcept { return points_.size(); }
  double operator()(std::size_t i, std::size_t j) const noexcept {
    if (group_of_[i] == group_of_[j]) return within_[group_of_[i]](position_[i], position_[j]);
    return geo_distance_km(points_[i], points_[j], method_);
  }

 private:
  std::span<const GeoPoint> points_;
  GeoMethod method_;
  const std::vector<std::uint32_t>& group_of_;
  std::vector<std::size_t> position_;
  std::vector<DistanceMatrix<double>> within_;
};

}  // namespace

SpreadReport geographic_spread(std::span<const GeoPoint> points, const Labels& labels, GeoMethod method) {
  detail::require_same_size(points.size(), "points", labels.size(), "labels");
  const auto groups = detail::index_groups(labels, "labels");
  for (std::size_t i = 0; i < points.size(); ++i) validate_geopoint(points[i], "points[" + std::to_string(i) + "]");
  const WithinGroupDistances distances(points, groups, method);
  return detail::spread_with(distances, groups, nullptr);
}

}  // namespace clir
