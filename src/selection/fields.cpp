// The cross-field checks declared with the selection and explain options (clir::Fields).
#include "clir/core/error.hpp"
#include "clir/io/format.hpp"
#include "clir/selection/explain.hpp"
#include "clir/selection/select.hpp"

namespace clir {

void Fields<CategoryQuota>::validate(const CategoryQuota& q) {
  if (!q.min && !q.max) throw ConfigError("max", "a [[selection.quota]] needs min or max");
}

void Fields<ShareQuota>::validate(const ShareQuota& q) {
  if (!q.min_share && !q.max_share) throw ConfigError("max_share", "a [[selection.share]] needs min_share or max_share");
}

void Fields<WeightBound>::validate(const WeightBound& b) {
  if (!b.min && !b.max) throw ConfigError("max", "a [[explain.bounds]] needs min or max");
  if (b.min && b.max && *b.min > *b.max) {
    throw ConfigError("min", "the smallest weight " + format_number(*b.min) + " exceeds the largest " + format_number(*b.max));
  }
}

}  // namespace clir
