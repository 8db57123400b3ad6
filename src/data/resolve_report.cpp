// Name resolution, report: a resolution as one line of text and as JSON.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "clir/io/format.hpp"
#include "clir/data/resolve.hpp"
#include "clir/data/resolve_json.hpp"

namespace clir {
namespace detail {
namespace {

std::string format_score(double score) { return format_fixed(score, 2); }

std::string describe_candidate(const NameCandidate& c) {
  std::string text = c.code + " " + c.hromada_name + " (" + c.oblast + "; ";
  if (c.kind == NameKind::settlement) {
    text += "settlement '" + c.matched_name + "'" + (c.centre ? ", its centre" : "");
  } else {
    text += "hromada '" + c.matched_name + "'";
  }
  return text + ", score " + format_score(c.score) + ")";
}

}  // namespace
}  // namespace detail

std::string NameResolution::describe() const {
  const std::string name = "'" + query.name + "'" + (query.hint.empty() ? "" : " [" + query.hint + "]");
  auto list = [](const std::vector<NameCandidate>& cs) {
    constexpr std::size_t listed = 8;  // a message stays readable; the struct keeps them all
    std::string text;
    for (std::size_t i = 0; i < cs.size() && i < listed; ++i) {
      text += (text.empty() ? "" : "; ") + detail::describe_candidate(cs[i]);
    }
    if (cs.size() > listed) text += "; and " + std::to_string(cs.size() - listed) + " more";
    return text;
  };
  switch (status) {
    case ResolveStatus::resolved: return name + " -> " + detail::describe_candidate(match);
    case ResolveStatus::ambiguous:
      return name + " is ambiguous: " + detail::describe_candidate(match) + "; " + list(alternatives) +
             "; add an oblast or raion hint, or give the code";
    case ResolveStatus::unknown:
      if (match.code.empty()) return name + " matches no hromada or settlement";
      return name + " matches no hromada or settlement well enough; nearest: " + detail::describe_candidate(match) +
             (alternatives.empty() ? "" : "; " + list(alternatives));
  }
  return name;
}

namespace {

nlohmann::json candidate_json(const NameCandidate& c) {
  nlohmann::json j;
  j["code"] = c.code;
  j["hromada"] = c.hromada_name;
  j["oblast"] = c.oblast;
  j["matched_name"] = c.matched_name;
  j["kind"] = std::string(to_string(c.kind));
  j["settlement_code"] = c.settlement_code.empty() ? nlohmann::json() : nlohmann::json(c.settlement_code);
  j["centre"] = c.centre;
  j["score"] = std::round(c.score * 1e4) / 1e4;
  return j;
}

}  // namespace

nlohmann::json resolution_json(const NameResolution& r) {
  // An unresolved name has no code: its best candidate leads the alternatives instead.
  nlohmann::json j = r.resolved() ? candidate_json(r.match) : nlohmann::json{{"code", nullptr}};
  j["name"] = r.query.name;
  j["hint"] = r.query.hint.empty() ? nlohmann::json() : nlohmann::json(r.query.hint);
  j["status"] = std::string(to_string(r.status));
  auto alternatives = nlohmann::json::array();
  if (!r.resolved() && !r.match.code.empty()) alternatives.push_back(candidate_json(r.match));
  for (const auto& a : r.alternatives) alternatives.push_back(candidate_json(a));
  j["alternatives"] = std::move(alternatives);
  j["message"] = r.describe();
  return j;
}

nlohmann::json resolutions_json(std::span<const NameResolution> resolutions) {
  auto array = nlohmann::json::array();
  for (const auto& r : resolutions) array.push_back(resolution_json(r));
  return array;
}

}  // namespace clir
