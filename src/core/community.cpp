#include "clir/core/community.hpp"

#include <cmath>
#include <string>

#include "clir/core/error.hpp"

namespace clir {

void validate_geopoint(const GeoPoint& p, std::string_view key) {
  const SourceLocation where{.key = std::string(key)};
  if (!std::isfinite(p.lat) || p.lat < -90.0 || p.lat > 90.0) {
    throw InputError("latitude " + std::to_string(p.lat) + " is outside [-90, 90]", where);
  }
  if (!std::isfinite(p.lon) || p.lon < -180.0 || p.lon > 180.0) {
    throw InputError("longitude " + std::to_string(p.lon) + " is outside [-180, 180]", where);
  }
}

bool is_katottg_code(std::string_view code) noexcept {
  if (code.size() != 19 || code[0] != 'U' || code[1] != 'A') return false;
  for (std::size_t i = 2; i < code.size(); ++i) {
    if (code[i] < '0' || code[i] > '9') return false;
  }
  return true;
}

}  // namespace clir
