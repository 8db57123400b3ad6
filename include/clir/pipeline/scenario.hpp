#pragma once
/// @file
/// @brief A scenario: everything one run of clir decides, read from a TOML file.
///
/// The loader fills the typed options of each stage (pool, eligibility, criteria, scoring,
/// selection, robustness, grouping) through the stages' own parsers, so every mistake is caught
/// when the file is read (`clir validate`), with its file, line and column. docs/scenario.md
/// documents every key with its type, default and an example.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/enum_names.hpp"
#include "clir/core/error.hpp"
#include "clir/core/fields.hpp"
#include "clir/core/suggest.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/pipeline/map_options.hpp"
#include "clir/pipeline/pool.hpp"
#include "clir/pipeline/programme.hpp"
#include "clir/scoring/criteria.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/eligibility.hpp"
#include "clir/selection/explain.hpp"
#include "clir/selection/robustness.hpp"
#include "clir/selection/select.hpp"

namespace clir {

/// Which criteria `clir explain` fits its rule on.
enum class ExplainCriteria {
  scenario,  ///< the scenario's own criteria
  extended,  ///< also the other KSE indicators, each in both directions
};

template <>
struct EnumTraits<ExplainCriteria> {
  static constexpr std::string_view what = "explain criteria";
  static constexpr std::array<EnumName<ExplainCriteria>, 2> names{{
      {ExplainCriteria::scenario, "scenario", "the scenario's own criteria"},
      {ExplainCriteria::extended, "extended", "also the other KSE indicators, each in both directions"},
  }};
};

/// The [explain] section: which reference `clir explain` explains, on which criteria, and how.
struct ExplainSpec {
  std::string reference = "clir2024";  ///< "clir2024" or a CSV file with a `code` column
  ExplainCriteria criteria = ExplainCriteria::scenario;
  ExplainOptions options;              ///< count 0 = the scenario's selection size; quotas are the scenario's
};

template <>
struct Fields<ExplainSpec> {
  using E = ExplainSpec;
  static constexpr auto list = std::tuple{
      field("reference", &E::reference, "the reference to explain: clir2024 or a CSV file with a code column"),
      field("criteria", &E::criteria, "which criteria the rule is fitted on"),
      flatten(&E::options),
  };
};

/// The whole scenario. The defaults are generic (every hromada applies, the documented default
/// criteria, no quotas); the CLIR 2024 scenario is examples/clir2024.toml, built in as
/// builtin_clir2024_scenario().
struct Scenario {
  std::string name = "scenario";
  std::string description;
  std::uint64_t seed = 2024;  ///< seeds robustness draws and random initialisations
  unsigned threads = 0;       ///< 0 = all cores; results do not depend on it

  std::filesystem::path applications;  ///< optional CSV joined to the built-in data by code
  ApplicationsSpec applications_spec;
  PoolOptions pool;

  std::vector<DerivedColumn> derived;  ///< [[derived]]: columns computed from the built-in data
  std::vector<EligibilityRule> eligibility;
  std::vector<Criterion> criteria;   ///< empty = clir::default_clir_criteria()
  std::vector<Bonus> bonuses;        ///< [[bonus]]: fixed points when a condition holds (points method)
  std::vector<Stage> stages;         ///< [[stage]]: selection in steps; empty = one selection by [selection]
  DiscretionarySpec discretionary;   ///< [discretionary]: a committee's points, reported apart
  ScoringOptions scoring;
  SelectionOptions selection{.count = 19};
  std::optional<MonteCarloOptions> robustness;  ///< absent = no Monte Carlo analysis
  GroupingSpec grouping;             ///< needs_columns empty = the criteria's columns

  std::string reference = "clir2024";  ///< "clir2024", "none" or a CSV file with code and group columns
  bool cluster_reference = true;       ///< also group the reference's members the same way and compare
  ExplainSpec explain;                 ///< [explain]: what `clir explain` does

  std::filesystem::path output_directory = "clir-output";  ///< relative to the current directory
  RunMapOptions map;                   ///< [output] map_style and map_colour: how map.svg and report.html draw the map
  std::filesystem::path source;        ///< the file it was read from, if any
  /// Where each key and table of the file was given (TOML path such as "clustering.k" or
  /// "selection.quota[0]" -> file, line, column), so that an error found after parsing names
  /// the line too (see locate_key()). Empty for a scenario not read from TOML.
  std::map<std::string, SourceLocation, std::less<>> key_locations;
};

/// Where the scenario key @p key (as an error names it: "clustering.k",
/// "selection.quotas[0].category", "eligibility[2].values") was given in @p scenario's file: the
/// location of the key, else of the nearest enclosing table or array element that was given; an
/// empty location when none was (a default).
SourceLocation locate_key(const Scenario& scenario, std::string_view key);

/// @p error with the file, line and column of its key in @p scenario's file added, when it has
/// no location yet and the key was given there; else @p error unchanged.
ConfigError with_scenario_location(const Scenario& scenario, const ConfigError& error);

/// The keys of the scenario's own small sections, named "<section>.<key>"; the stages'
/// sections ([pool], [[criteria]], [scoring], [selection], [robustness], [clustering],
/// [explain]) are the Fields of their options structs.
template <>
struct Fields<Scenario> {
  using S = Scenario;
  static constexpr auto list = std::tuple{
      field("scenario.name", &S::name, "name of the scenario, shown in reports"),
      field("scenario.description", &S::description, "free text, copied into report.md"),
      field("scenario.seed", &S::seed, "seeds robustness draws and random initialisations").at_least(0),
      field("scenario.threads", &S::threads, "threads; 0 = all cores (results do not depend on it)"),
      field("data.applications", &S::applications, "CSV of applications joined to the built-in data by code").shown_default("none"),
      field("data.code_column", nested(&S::applications_spec, &ApplicationsSpec::code_column),
            "the applications' KATOTTG code column"),
      field("data.text_columns", nested(&S::applications_spec, &ApplicationsSpec::text_columns),
            "columns kept as text; every other column is numeric"),
      field("reference.grouping", &S::reference, "the reference grouping: clir2024, none or a CSV file (code, group)"),
      field("reference.cluster_reference", &S::cluster_reference,
            "also group the reference's members the same way and compare"),
      field("output.directory", &S::output_directory, "output folder, relative to the current directory (not to the scenario file)"),
      field("output.map_style", nested(&S::map, &RunMapOptions::style),
            "how map.svg and report.html draw the hromadas"),
      // Any numeric column of the pool may colour the map: checked when the map is drawn, once
      // the applications file's columns are known.
      field("output.map_colour", nested(&S::map, &RunMapOptions::colour_by),
            "what colours the map: group, score, selection (choropleth only) or a numeric column of the pool"),
  };
};

/// The largest scenario file load_scenario() reads: 1 MiB (a scenario is a few kilobytes).
inline constexpr std::size_t max_scenario_file_bytes = std::size_t{1} << 20;

/// Reads a scenario from a TOML file. Relative input paths inside it are resolved against the
/// file's folder. Throws clir::InputError for a file that cannot be read (as read_text_file: a
/// regular file of at most max_scenario_file_bytes) or is not valid TOML
/// (with line and column), and clir::ConfigError for an unknown key (suggesting the closest
/// valid one) or a value of the wrong type, out of range or not among the allowed values
/// (naming the key and its line).
Scenario load_scenario(const std::filesystem::path& path);

/// Same as load_scenario() for TOML text; @p source_name is used in error messages and
/// @p base_dir resolves relative input paths.
Scenario parse_scenario(std::string_view toml_text, std::string_view source_name = "<scenario>",
                        const std::filesystem::path& base_dir = {});

/// The built-in CLIR 2024 scenario, what `clir run` does with no arguments (the text of
/// examples/clir2024.toml, compiled in).
Scenario builtin_clir2024_scenario();

/// The TOML text of the built-in CLIR 2024 scenario.
std::string_view builtin_clir2024_scenario_text();

}  // namespace clir
