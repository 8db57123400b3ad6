#include "clir/pipeline/scenario.hpp"

#include <map>
#include <span>
#include <string>
#include <toml++/toml.h>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"
#include "toml_fields.hpp"

namespace clir {

namespace detail {
namespace {

// Each section's keys are the declared fields of its options struct (clir::Fields); what stays
// here is what is not one struct's fields: the [[eligibility]] rule text, a criterion's
// PROMETHEE preference (kept in ScoringOptions, one per criterion), the optional [robustness]
// and the paths that are either a keyword or a file.

void read_eligibility(Section& top, Scenario& sc) {
  for (const toml::table* t : top.tables("eligibility")) {
    Section s(*t, "eligibility", top.file());
    const auto rule = s.text("rule");
    if (!rule) missing_key(s, *t, "rule", "every [[eligibility]] entry needs a rule, e.g. rule = \"occupation_ongoing == 0\"");
    const std::string name = s.text("name").value_or("");
    try {
      sc.eligibility.push_back(parse_eligibility_rule(*rule, name));
    } catch (const ConfigError& e) {
      throw ConfigError(s.qualified("rule"), e.message(), e.allowed(), s.where(t->get("rule"), "rule"));
    }
    if (auto v = s.boolean("missing_passes")) sc.eligibility.back().missing_passes = *v;
    s.finish();
  }
}

void read_criteria(Section& top, const ReadContext& ctx, Scenario& sc) {
  std::vector<PreferenceFunction> preferences;
  bool any_preference = false;
  for (const toml::table* t : top.tables("criteria")) {
    Section s(*t, "criteria", top.file());
    Criterion c;
    read_fields(s, c, ctx);
    validate_in(s, *t, c);
    PreferenceFunction pref;
    if (t->contains("preference")) any_preference = true;
    read_fields(s, pref, ctx);
    try {
      validate_preference_functions(std::span<const PreferenceFunction>(&pref, 1), 1);
    } catch (const ConfigError& e) {
      // Re-keyed to this [[criteria]] entry: "preference[0]" would not say which one.
      throw ConfigError(s.qualified("preference"), "criterion '" + c.label() + "': " + e.message(), {},
                        s.where(t->get("preference"), "preference"));
    }
    preferences.push_back(pref);
    s.finish();
    sc.criteria.push_back(std::move(c));
  }
  if (any_preference) sc.scoring.preference = preferences;
}

void read_robustness(Section& top, const ReadContext& ctx, Scenario& sc) {
  const toml::table* t = top.table("robustness");
  if (!t) return;
  MonteCarloOptions mc;
  mc.seed = sc.seed;
  mc.threads = sc.threads;
  read_table(*t, "robustness", top.file(), mc, ctx);
  if (mc.draws > 0) sc.robustness = mc;
}

template <class T>
void read_section(Section& top, const std::string& name, const ReadContext& ctx, T& obj) {
  if (const toml::table* t = top.table(name)) read_table(*t, name, top.file(), obj, ctx);
}

// "clir2024" (and for the grouping reference "none") are names; anything else is a file.
std::string keyword_or_path(const std::string& value, bool none_allowed, const ReadContext& ctx) {
  if (value == "clir2024" || (none_allowed && value == "none")) return value;
  return ctx.resolve(value).string();
}

void read_sections(const toml::table& root, const std::string& file, const ReadContext& ctx, Scenario& sc) {
  Section top(root, "", file);
  read_dotted_section(top, "scenario", sc, ctx);
  read_dotted_section(top, "data", sc, ctx);
  read_section(top, "pool", ctx, sc.pool);
  read_eligibility(top, sc);
  read_criteria(top, ctx, sc);
  read_section(top, "scoring", ctx, sc.scoring);
  read_section(top, "selection", ctx, sc.selection);
  read_robustness(top, ctx, sc);
  read_section(top, "clustering", ctx, sc.grouping);
  sc.grouping.seed = sc.seed;
  sc.grouping.threads = sc.threads;
  read_dotted_section(top, "reference", sc, ctx);
  if (root.at_path("reference.grouping")) sc.reference = keyword_or_path(sc.reference, true, ctx);
  read_section(top, "explain", ctx, sc.explain);
  if (root.at_path("explain.reference")) sc.explain.reference = keyword_or_path(sc.explain.reference, false, ctx);
  // The output folder is relative to the current directory, not to the scenario file.
  read_dotted_section(top, "output", sc, ReadContext{});
  top.finish();
}

// Every key, table and array element of the file with its position, by TOML path.
void record_locations(const toml::node& node, const std::string& path, const std::string& file,
                      std::map<std::string, SourceLocation, std::less<>>& out) {
  const auto& begin = node.source().begin;
  if (!path.empty() && begin.line > 0) out.emplace(path, SourceLocation{.file = file, .line = begin.line, .column = begin.column, .key = path});
  if (const toml::table* table = node.as_table()) {
    for (auto&& [key, value] : *table) {
      const std::string child = path.empty() ? std::string(key.str()) : path + "." + std::string(key.str());
      record_locations(value, child, file, out);
    }
  } else if (const toml::array* array = node.as_array()) {
    for (std::size_t i = 0; i < array->size(); ++i) record_locations(*array->get(i), path + "[" + std::to_string(i) + "]", file, out);
  }
}

}  // namespace
}  // namespace detail

SourceLocation locate_key(const Scenario& scenario, std::string_view key) {
  // The options' names for arrays of tables differ from the TOML's: quotas / [[selection.quota]].
  std::string path(key);
  for (const auto& [option, toml_name] : {std::pair{".quotas[", ".quota["}, std::pair{".shares[", ".share["}}) {
    if (const auto at = path.find(option); at != std::string::npos) path.replace(at, std::string_view(option).size(), toml_name);
  }
  while (!path.empty()) {
    // A bare section ("selection") would point at an unrelated line: only keys and elements.
    if (path.find_first_of(".[") == std::string::npos) break;
    if (const auto it = scenario.key_locations.find(path); it != scenario.key_locations.end()) return it->second;
    const auto cut = path.find_last_of(".[");
    path.resize(cut);
  }
  return {};
}

ConfigError with_scenario_location(const Scenario& scenario, const ConfigError& error) {
  if (!error.where().file.empty()) return error;
  SourceLocation where = locate_key(scenario, error.key());
  if (where.file.empty()) return error;
  where.key = error.key();
  return ConfigError(error.key(), error.message(), error.allowed(), where);
}

Scenario parse_scenario(std::string_view toml_text, std::string_view source_name, const std::filesystem::path& base_dir) {
  toml::table root;
  if (toml_text.starts_with("\xFF\xFE") || toml_text.starts_with("\xFE\xFF")) {
    throw InputError("the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
                     {.file = std::string(source_name), .line = 1});
  }
  try {
    root = toml::parse(toml_text, std::string(source_name));
  } catch (const toml::parse_error& e) {
    throw InputError("invalid TOML: " + std::string(e.description()),
                     {.file = std::string(source_name), .line = e.source().begin.line, .column = e.source().begin.column});
  }
  Scenario sc;
  detail::read_sections(root, std::string(source_name), {.base = base_dir}, sc);
  detail::record_locations(root, "", std::string(source_name), sc.key_locations);
  return sc;
}

Scenario load_scenario(const std::filesystem::path& path) {
  // The same checks and messages as every other input file (missing, a folder, unreadable).
  Scenario sc = parse_scenario(read_text_file(path, max_scenario_file_bytes), path.string(), path.parent_path());
  sc.source = path;
  return sc;
}

std::string_view builtin_clir2024_scenario_text() {
  // examples/clir2024.toml is embedded with the built-in data (cmake/ClirData.cmake).
  return builtin_data_file("clir2024.toml");
}

Scenario builtin_clir2024_scenario() {
  return parse_scenario(builtin_clir2024_scenario_text(), "<built-in clir2024.toml>");
}

}  // namespace clir
