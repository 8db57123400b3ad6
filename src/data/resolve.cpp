// Name resolution: published community names to hromada codes (docs/resolve.md). The names'
// keys are made in resolve_text.cpp, indexed in resolve_index.cpp and searched in
// resolve_search.cpp; messages and JSON are in resolve_report.cpp.
#include "clir/data/resolve.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/data/detail/name_search.hpp"
#include "clir/io/csv.hpp"
#include "resolve_detail.hpp"

namespace clir {
namespace detail {
namespace {

void validate(const ResolveOptions& o) {
  if (!(o.min_score > 0.0 && o.min_score <= 1.0)) {
    throw ConfigError("min_score", "must be in (0, 1], got " + std::to_string(o.min_score));
  }
  if (!(o.ambiguity_margin >= 0.0 && o.ambiguity_margin < 1.0)) {
    throw ConfigError("ambiguity_margin", "must be in [0, 1), got " + std::to_string(o.ambiguity_margin));
  }
  if (!(o.alternative_window >= o.ambiguity_margin && o.alternative_window <= 1.0)) {
    throw ConfigError("alternative_window", "must be in [ambiguity_margin, 1], got " +
                                                std::to_string(o.alternative_window));
  }
  if (!(o.non_centre_penalty >= 0.0 && o.non_centre_penalty < 1.0)) {
    throw ConfigError("non_centre_penalty", "must be in [0, 1), got " + std::to_string(o.non_centre_penalty));
  }
}

NameResolution resolve_one(const Index& index, const NameQuery& query, const Scope& scope,
                           const ResolveOptions& options, NameSearch search) {
  NameResolution result;
  result.query = query;
  const std::string key = query_key(query.name);
  if (key.empty()) return result;

  // Only hromadas within alternative_window of the best matter. When the name is exactly one
  // in scope (score 1), a search with the narrow floor 1 - window is enough, and fast: few keys
  // come that near. Otherwise the search goes down to min_score.
  const double window = options.alternative_window;
  bool exact = false;
  if (const auto it = index.key_id.find(key); it != index.key_id.end()) {
    const Key& k = index.keys[it->second];
    for (std::uint32_t i = 0; i < k.ref_count && !exact; ++i) {
      const EntryRef& ref = index.refs[k.first_ref + i];
      exact = (scope.oblast_mask & (1u << ref.oblast)) != 0 &&
              (scope.raion_code.empty() || index.hromadas[ref.hromada].raion_code == scope.raion_code) &&
              (!ref.settlement || options.match_settlements) && (!ref.penalised || options.non_centre_penalty == 0.0);
    }
  }
  const double floor = exact ? std::max(options.min_score, 1.0 - window) : options.min_score;
  std::vector<NameCandidate> found = candidates(index, key, scope, floor, options, search);
  if (!found.empty()) {
    const double lowest = found.front().score - window - 1e-12;
    std::erase_if(found, [&](const NameCandidate& c) { return c.score < lowest; });
  }
  if (found.empty()) {
    constexpr double suggestion_floor = 0.5;
    found = candidates(index, key, scope, suggestion_floor, options, search);
    if (!found.empty()) result.match = found.front();
    for (std::size_t i = 1; i < found.size() && result.alternatives.size() < options.max_alternatives; ++i) {
      result.alternatives.push_back(found[i]);
    }
    return result;
  }
  result.match = found.front();
  std::size_t tied = 1;
  // Leading by the margin (or more) decides; the tolerance keeps a lead of exactly the margin
  // from being lost to rounding.
  while (tied < found.size() && found[tied].score > found.front().score - options.ambiguity_margin + 1e-9) ++tied;
  result.status = tied > 1 ? ResolveStatus::ambiguous : ResolveStatus::resolved;
  const std::size_t keep = tied > 1 ? tied : found.size();
  for (std::size_t i = 1; i < keep && result.alternatives.size() < std::max<std::size_t>(options.max_alternatives,
                                                                                        tied > 1 ? tied - 1 : 0);
       ++i) {
    result.alternatives.push_back(found[i]);
  }
  return result;
}

}  // namespace
}  // namespace detail

namespace detail {

std::vector<NameResolution> resolve_communities_by(std::span<const NameQuery> queries, const ResolveOptions& options,
                                                   NameSearch search) {
  validate(options);
  for (std::size_t i = 0; i < queries.size(); ++i) {
    for (const auto& [text, key] : {std::pair{&queries[i].name, "name"}, std::pair{&queries[i].hint, "hint"}}) {
      if (const auto bad = invalid_utf8_at(*text)) {
        throw InputError((std::string(key) == "name" ? "name " : "the hint of name ") + std::to_string(i + 1) +
                             " is not valid UTF-8 (byte " + std::to_string(*bad + 1) + "); give UTF-8 text",
                         {.key = key});
      }
    }
  }
  const Index& index = the_index();
  std::vector<NameResolution> results;
  results.reserve(queries.size());
  std::map<std::string, Scope, std::less<>> scopes;  // hints repeat in a list
  for (const NameQuery& query : queries) {
    auto it = scopes.find(query.hint);
    if (it == scopes.end()) {
      it = scopes.emplace(query.hint, resolve_hint(index, query.hint, options.ambiguity_margin)).first;
    }
    results.push_back(resolve_one(index, query, it->second, options, search));
  }
  return results;
}

std::vector<NameCandidate> name_candidates(std::string_view name, std::string_view hint, double floor,
                                           const ResolveOptions& options, NameSearch search) {
  validate(options);
  const Index& index = the_index();
  const std::string key = query_key(name);
  if (key.empty()) return {};
  return candidates(index, key, resolve_hint(index, hint, options.ambiguity_margin), floor, options, search);
}

}  // namespace detail

std::vector<NameResolution> resolve_communities(std::span<const NameQuery> queries, const ResolveOptions& options) {
  return detail::resolve_communities_by(queries, options, detail::NameSearch::indexed);
}

NameResolution resolve_community(std::string_view name, std::string_view hint, const ResolveOptions& options) {
  const NameQuery query{.name = std::string(name), .hint = std::string(hint)};
  return resolve_communities(std::span<const NameQuery>(&query, 1), options).front();
}

std::vector<std::string> resolved_codes(std::span<const NameResolution> resolutions, const SourceLocation& where,
                                        std::span<const std::size_t> lines) {
  std::vector<std::string> codes;
  std::string problems;
  std::size_t unresolved = 0;
  for (std::size_t i = 0; i < resolutions.size(); ++i) {
    const NameResolution& r = resolutions[i];
    if (r.resolved()) {
      codes.push_back(r.match.code);
      continue;
    }
    ++unresolved;
    problems += "\n  ";
    if (i < lines.size()) problems += "line " + std::to_string(lines[i]) + ": ";
    problems += r.describe();
  }
  if (unresolved > 0) {
    SourceLocation at = where;
    if (unresolved == 1) {
      for (std::size_t i = 0; i < resolutions.size() && i < lines.size(); ++i) {
        if (!resolutions[i].resolved()) at.line = lines[i];
      }
    }
    throw InputError(std::to_string(unresolved) + " of " + std::to_string(resolutions.size()) +
                         " names not resolved to a hromada (nothing is guessed):" + problems,
                     at);
  }
  return codes;
}

std::optional<NamedRows> resolve_named_rows(const CsvDocument& doc, std::string_view code_column,
                                            const ResolveOptions& options) {
  if (doc.find_column(code_column)) return std::nullopt;
  const auto name_column = doc.find_column("name");
  if (!name_column) return std::nullopt;  // neither codes nor names: the caller's own error names the code column
  std::optional<std::size_t> hint_column;
  for (const char* candidate : {"oblast", "raion", "hint"}) {
    if ((hint_column = doc.find_column(candidate))) break;
  }
  std::vector<NameQuery> queries;
  std::vector<std::size_t> lines;
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const std::string& name = doc.cell(r, *name_column);
    if (name.find_first_not_of(" \t") == std::string::npos) {
      throw InputError("empty name (the file names its communities in column 'name')", doc.location(r, *name_column));
    }
    queries.push_back({.name = name, .hint = hint_column ? doc.cell(r, *hint_column) : std::string()});
    lines.push_back(doc.line(r));
  }
  NamedRows named;
  try {
    named.resolutions = resolve_communities(queries, options);
  } catch (const InputError& e) {  // a bad hint: say where
    throw InputError(e.message(), {.file = doc.source(), .key = hint_column ? doc.header()[*hint_column] : "hint"});
  }
  const std::vector<std::string> codes = resolved_codes(
      named.resolutions, {.file = doc.source(), .column = *name_column + 1, .key = "name"}, lines);
  std::map<std::string, std::size_t> line_of_code;
  for (std::size_t r = 0; r < codes.size(); ++r) {
    if (auto [it, fresh] = line_of_code.emplace(codes[r], lines[r]); !fresh) {
      throw InputError("'" + doc.cell(r, *name_column) + "' and the name on line " + std::to_string(it->second) +
                           " both resolve to " + codes[r] + " (" + named.resolutions[r].match.hromada_name + ")",
                       doc.location(r, *name_column));
    }
  }
  std::vector<std::string> header = doc.header();
  header.emplace_back(code_column);
  std::vector<std::vector<std::string>> rows;
  rows.reserve(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const auto cells = doc.row(r);
    rows.emplace_back(cells.begin(), cells.end());
    rows.back().push_back(codes[r]);
  }
  named.document = CsvDocument(doc.source(), std::move(header), rows);
  return named;
}

}  // namespace clir
