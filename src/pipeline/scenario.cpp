#include "clir/pipeline/scenario.hpp"

#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <toml++/toml.h>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"
#include "scenario_toml_text.hpp"
#include "toml_fields.hpp"

namespace clir {

namespace detail {
namespace {

// Each section's keys are the declared fields of its options struct (clir::Fields); what stays
// here is what is not one struct's fields: turning an [[eligibility]] entry's text into a rule, a
// criterion's PROMETHEE preference (kept in ScoringOptions, one per criterion), the optional [robustness]
// and the paths that are either a keyword or a file.

void read_eligibility(Section& top, const ReadContext& ctx, Scenario& sc) {
  for (const toml::table* t : top.tables("eligibility")) {
    Section s(*t, "eligibility", top.file());
    EligibilityEntry entry;
    read_fields(s, entry, ctx);
    try {
      sc.eligibility.push_back(make_eligibility_rule(entry));
    } catch (const ConfigError& e) {
      throw ConfigError(s.qualified("rule"), e.message(), e.allowed(), s.where(t->get("rule"), "rule"));
    }
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

// [[derived]], [[bonus]], [[stage]] and [discretionary] (clir/pipeline/programme.hpp): their keys
// are their structs' Fields; what is checked here needs the whole scenario (a derived name
// against the built-in columns, the scoring method a bonus or the committee's points add to).
template <class T>
std::vector<T> read_entries(Section& top, const std::string& key, const ReadContext& ctx,
                            std::vector<const toml::table*>& tables) {
  std::vector<T> out;
  tables = top.tables(key);
  for (const toml::table* t : tables) {
    T item{};
    read_table(*t, key, top.file(), item, ctx);
    out.push_back(std::move(item));
  }
  return out;
}

[[noreturn]] void entry_error(const std::string& file, const toml::table& t, const std::string& key,
                              const std::string& message) {
  const toml::node* n = t.get(key.substr(key.rfind('.') + 1));
  const auto& src = (n ? n->source() : t.source()).begin;
  throw ConfigError(key, message, {}, {.file = file, .line = src.line, .column = src.column, .key = key});
}

void read_programme(Section& top, const ReadContext& ctx, Scenario& sc) {
  std::vector<const toml::table*> tables;
  sc.derived = read_entries<DerivedColumn>(top, "derived", ctx, tables);
  const Table& builtin = builtin_hromadas().table;
  for (std::size_t k = 0; k < sc.derived.size(); ++k) {
    const std::string& name = sc.derived[k].name;
    const bool repeated = std::any_of(sc.derived.begin(), sc.derived.begin() + static_cast<std::ptrdiff_t>(k),
                                      [&](const DerivedColumn& d) { return d.name == name; });
    if (builtin.has_numeric(name) || builtin.has_categorical(name) || repeated) {
      entry_error(top.file(), *tables[k], "derived.name",
                  "the derived column '" + name + "' clashes with " + (repeated ? "another derived column" : "a built-in column"));
    }
  }
  sc.bonuses = read_entries<Bonus>(top, "bonus", ctx, tables);
  if (!sc.bonuses.empty() && sc.scoring.method != ScoringMethod::points) {
    entry_error(top.file(), *tables.front(), "bonus.points",
                "a bonus adds points: it needs [scoring] method = \"points\"");
  }
  sc.stages = read_entries<Stage>(top, "stage", ctx, tables);
  for (std::size_t k = 0; k < sc.stages.size(); ++k) {
    if (!sc.stages[k].bonuses.empty() && sc.stages[k].scoring.method != ScoringMethod::points) {
      entry_error(top.file(), *tables[k], "stage.bonus", "stage '" + sc.stages[k].name +
                                                           "': a bonus adds points: it needs [stage.scoring] method = \"points\"");
    }
  }
  read_section(top, "discretionary", ctx, sc.discretionary);
  const toml::table* d = top.raw().get_as<toml::table>("discretionary");
  if (!d) return;
  if (sc.discretionary.file.empty()) entry_error(top.file(), *d, "discretionary.file", "[discretionary] needs a file");
  const std::string& stage = sc.discretionary.stage;
  ScoringMethod method = sc.scoring.method;
  if (!sc.stages.empty()) {
    const auto it = std::find_if(sc.stages.begin(), sc.stages.end(), [&](const Stage& s) { return s.name == stage; });
    if (!stage.empty() && it == sc.stages.end()) {
      std::vector<std::string> names;
      for (const auto& s : sc.stages) names.push_back(s.name);
      const toml::node* n = d->get("stage");
      throw ConfigError("discretionary.stage", "no stage named '" + stage + "'", names,
                        {.file = top.file(), .line = n->source().begin.line, .column = n->source().begin.column,
                         .key = "discretionary.stage"});
    }
    method = (stage.empty() ? sc.stages.back() : *it).scoring.method;
  } else if (!stage.empty()) {
    entry_error(top.file(), *d, "discretionary.stage", "the scenario has no [[stage]]; leave out discretionary.stage");
  }
  if (method != ScoringMethod::points) {
    entry_error(top.file(), *d, "discretionary.file",
                "discretionary points are added to points: the stage they go to needs scoring method = \"points\"");
  }
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
  read_eligibility(top, ctx, sc);
  read_criteria(top, ctx, sc);
  read_section(top, "scoring", ctx, sc.scoring);
  read_programme(top, ctx, sc);
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

namespace {
// The scoring library names a criterion by its label ("criteria.<label>.weight"), since a caller
// passes criteria, not a file: in the file it is the i-th [[criteria]] entry ("criteria[i].weight").
// A label may hold dots, so the longest label that the key starts with wins (the last of equals:
// "criteria.x" for a label given twice points at the repeat).
std::string criteria_path(const Scenario& scenario, std::string path) {
  constexpr std::string_view prefix = "criteria.";
  if (!path.starts_with(prefix)) return path;
  const std::string_view rest = std::string_view(path).substr(prefix.size());
  std::size_t best = scenario.criteria.size(), best_length = 0;
  for (std::size_t i = 0; i < scenario.criteria.size(); ++i) {
    const std::string& label = scenario.criteria[i].label();
    if (label.empty() || !rest.starts_with(label) || label.size() < best_length) continue;  // equal: the later (a repeat)
    if (rest.size() > label.size() && rest[label.size()] != '.') continue;
    best = i;
    best_length = label.size();
  }
  if (best < scenario.criteria.size()) return "criteria[" + std::to_string(best) + "]" + std::string(rest.substr(best_length));
  // A key about the criteria together ("criteria.weight": every weight is 0): the first entry's key.
  if (!scenario.criteria.empty() && rest.find('.') == std::string_view::npos) return "criteria[0]." + std::string(rest);
  return path;
}
}  // namespace

SourceLocation locate_key(const Scenario& scenario, std::string_view key) {
  // The options' names for arrays of tables differ from the TOML's: quotas / [[selection.quota]].
  std::string path = criteria_path(scenario, std::string(key));
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
  const toml::table root = detail::parse_toml(toml_text, source_name);
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
