#pragma once
/// @file
/// @brief The scenario file's keys as data, and edits of a scenario's text by key.
///
/// scenario_field_catalog() describes every key a scenario file accepts (section, name, type,
/// default, bounds, allowed names with their descriptions, one-line doc), generated from the
/// field declarations (clir::Fields, clir::EnumTraits), the same declarations the scenario
/// reader and docs/scenario.md use. A front end that is not C++ (the interactive report.html)
/// builds its controls from it instead of keeping a list of its own.
///
/// edit_scenario_toml() changes a scenario's text key by key and returns the new text, which
/// the scenario reader then checks as it checks any file. What the page runs and what it
/// exports is that text, so `clir run` on the export reads exactly what the page ran.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace clir {

/// Every scenario key, by section, as JSON:
///
///     {"sections": [{"name": "selection", "array": false, "keys": [
///        {"key": "size", "type": "integer", "default": 0, "min": 1, "min_inclusive": true,
///         "doc": "N, the number to select"}, ...]}, ...]}
///
/// Sections in file order: "scenario", "data", "reference", "output", "pool", "eligibility",
/// "criteria", "scoring", "selection", "selection.quota", "selection.distinct", "selection.share",
/// "robustness", "clustering", "explain", "explain.bounds". `array` marks an array of tables
/// ([[criteria]]). A key's `type` is one of "boolean", "integer", "number", "string", "choice"
/// (with `choices`: [{"name", "doc"}]), "choices" (a string or an array of such names),
/// "strings", "path" or "other"; `min`/`max` (with `min_inclusive`/`max_inclusive`) are present
/// when declared; `default` is the default-constructed value (absent when the key is required,
/// with `required`: the message) and `default_doc` says what a default means when it is not
/// a plain value. The [[eligibility]] entries' keys (name, rule, missing_passes) are read by
/// their own parser, not declared as fields, so that section lists no keys.
nlohmann::json scenario_field_catalog();

/// @p toml_text with @p changes applied, as TOML text (comments are not kept). @p changes is an
/// object whose keys name what to change:
///  - "section.key" (e.g. "selection.size", "clustering.alpha") sets a key of a section;
///  - "section.N.key" (e.g. "criteria.2.weight", "selection.quota.0.max") a key of the N-th
///    (from 0) entry of an array of tables, as it is in @p toml_text;
///  - "section.N" with the value null removes that entry (e.g. an [[eligibility]] rule);
///  - "section" with the value null removes the whole section (e.g. "robustness").
/// A key value of null removes the key (its default applies). Numbers are written as the
/// catalog's type says (an integer key as a TOML integer, a number as a float). Throws
/// clir::InputError when @p toml_text is not valid TOML, clir::ConfigError naming the change for
/// a key the catalog does not have (with the closest one suggested), an entry that does not
/// exist or a value of the wrong kind. Values are not range-checked here: the scenario reader
/// does that when the result is read.
std::string edit_scenario_toml(std::string_view toml_text, const nlohmann::json& changes,
                               std::string_view source_name = "<scenario>");

struct RunResult;

/// What the interactive report.html shows after a rerun, as compact JSON text: {"run": run.json,
/// "applicants": the rows of scores.csv's ranking (ranked_applicants) as objects keyed by its
/// header, "map_svg": map.svg}. The WebAssembly engine's runDetailed() returns it, and the page's
/// native benchmark times it, so both measure and show the same answer.
std::string rerun_answer_json(const RunResult& result);

}  // namespace clir
