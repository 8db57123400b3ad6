#include "clir/evaluate/align.hpp"

#include <string_view>
#include <unordered_map>

#include "clir/core/error.hpp"

namespace clir {
namespace {

std::unordered_map<std::string_view, std::size_t> index_ids(std::span<const std::string> ids, std::string_view side) {
  std::unordered_map<std::string_view, std::size_t> at;
  at.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto [it, inserted] = at.emplace(ids[i], i);
    if (!inserted) {
      throw InputError("listed twice in the " + std::string(side) + " (items " + std::to_string(it->second) +
                           " and " + std::to_string(i) + ")",
                       {.key = ids[i]});
    }
  }
  return at;
}

void require_sizes(std::span<const std::string> ids, const Labels& labels, const std::string& side) {
  if (ids.size() == labels.size()) return;
  throw InputError(std::to_string(ids.size()) + " ids but " + std::to_string(labels.size()) + " labels",
                   {.key = side});
}

}  // namespace

AlignedGroupings align_by_id(std::span<const std::string> reference_ids, const Labels& reference,
                             std::span<const std::string> candidate_ids, const Labels& candidate,
                             const AlignOptions& options) {
  require_sizes(reference_ids, reference, "reference");
  require_sizes(candidate_ids, candidate, "candidate");
  index_ids(reference_ids, "reference");  // only to reject repeats
  const auto in_candidate = index_ids(candidate_ids, "candidate");
  AlignedGroupings out;
  out.ids.assign(reference_ids.begin(), reference_ids.end());
  out.reference = reference;
  out.candidate.reserve(reference.size());
  for (const auto& id : reference_ids) {
    const auto it = in_candidate.find(id);
    if (it == in_candidate.end()) throw InputError("in the reference but not in the candidate", {.key = id});
    out.candidate.push_back(candidate[it->second]);
  }
  if (!options.ignore_extra_candidate_ids && candidate_ids.size() != reference_ids.size()) {
    const auto in_reference = index_ids(reference_ids, "reference");
    for (const auto& id : candidate_ids) {
      if (!in_reference.contains(id)) {
        throw InputError("in the candidate but not in the reference (set ignore_extra_candidate_ids to compare on "
                         "the reference's items only)",
                         {.key = id});
      }
    }
  }
  return out;
}

}  // namespace clir
