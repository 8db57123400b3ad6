#pragma once
/// @file
/// @brief A scenario: everything one run of clir decides, read from a TOML file.
///
/// The scenario is declarative: names of methods, columns and files as the user wrote them,
/// each checked when the file is loaded (so `clir validate` catches every mistake with its line)
/// and turned into the typed options of each stage by clir::run(). docs/scenario.md documents
/// every key with its type, default and an example.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clir {

/// One eligibility rule: `column op value`. Applicants failing it are excluded with its name.
struct ScenarioRule {
  std::string name;                 ///< shown in explanations; defaults to "column op value"
  std::string column;
  std::string op;                   ///< ==, !=, <, <=, >, >=, in, not_in, present, missing
  std::vector<std::string> values;  ///< the right-hand side as written (numbers or text)
  std::size_t line = 0;             ///< line in the scenario file, for errors
};

/// One scoring criterion.
struct ScenarioCriterion {
  std::string column;
  std::string direction = "benefit";  ///< benefit or cost
  double weight = 1.0;
  std::string transform = "none";     ///< none, log1p, per_capita, winsorize
  std::string per_capita_column;      ///< population column for per_capita
  double winsorize_lower = 0.05, winsorize_upper = 0.95;  ///< quantiles for winsorize
  std::string missing = "error";      ///< error, median, worst
  std::size_t line = 0;
};

/// A quota on a categorical column.
struct ScenarioQuota {
  std::string column;
  std::optional<std::size_t> min_per_category;   ///< at least this many from every category present
  std::optional<std::size_t> max_per_category;   ///< at most this many from any one category
  std::optional<std::size_t> min_distinct;       ///< at least this many distinct categories
  std::size_t line = 0;
};

/// The whole scenario. Defaults are those of the built-in CLIR 2024 scenario.
struct Scenario {
  std::string name = "scenario";
  std::string description;
  std::uint64_t seed = 2024;
  unsigned threads = 0;  ///< 0 = all cores; results do not depend on it

  // [data]
  std::filesystem::path applications;          ///< optional CSV joined to the built-in data by code
  std::string applications_code_column = "code";
  std::vector<std::string> applications_text_columns;  ///< columns kept as text; the rest are numeric

  // [pool]
  std::vector<std::string> pool_oblasts;        ///< Ukrainian or English oblast names; empty = all
  std::vector<std::string> pool_types;          ///< city, settlement, village; empty = all
  std::vector<std::string> pool_codes;          ///< explicit applicants; empty = by the filters above

  // [[eligibility]]
  std::vector<ScenarioRule> eligibility;

  // [scoring] and [[criteria]]
  std::string scoring_method = "topsis";
  std::string normalization;                   ///< empty = the method's default
  std::string weighting = "explicit";          ///< explicit, equal, entropy, critic, std, ahp
  std::vector<std::vector<double>> ahp_matrix; ///< pairwise comparisons when weighting = ahp
  double vikor_v = 0.5;
  std::vector<ScenarioCriterion> criteria;     ///< empty = the documented default criteria

  // [selection]
  std::size_t select = 19;
  std::vector<ScenarioQuota> quotas;

  // [robustness]
  std::size_t robustness_draws = 0;            ///< 0 = skip
  std::string robustness_distribution = "dirichlet";  ///< uniform or dirichlet
  double robustness_concentration = 50.0;

  // [clustering]
  std::string cluster_method = "fasterpam";
  std::size_t k = 6;
  double alpha = 0.3;                          ///< 0 = geography only, 1 = needs only
  std::string geo_distance = "geodesic";       ///< geodesic or haversine
  std::vector<std::string> needs_columns;      ///< empty = the criteria columns
  std::optional<std::size_t> min_size, max_size;
  std::vector<std::pair<std::string, std::string>> must_link, cannot_link;
  std::string category_column;                 ///< e.g. oblast_uk; empty = none
  std::string category_mode = "hard";          ///< hard or soft
  double category_penalty = 0.0;               ///< for soft
  std::vector<std::vector<std::string>> category_allowed_together;

  // [reference]
  std::string reference = "clir2024";          ///< "clir2024", "none" or a CSV path (code, group)
  bool cluster_reference = true;               ///< also cluster the reference's members and compare

  // [output]
  std::filesystem::path output_directory = "clir-output";

  std::filesystem::path source;                ///< the file it was read from, if any
};

/// Reads a scenario from a TOML file. Relative paths inside it are resolved against the file's
/// folder. Throws clir::InputError for a file that cannot be read or is not valid TOML
/// (with line and column), and clir::ConfigError for an unknown key (suggesting the closest
/// valid one), a value of the wrong type or out of range (naming the key and the line).
Scenario load_scenario(const std::filesystem::path& path);

/// Same as load_scenario() for TOML text; @p source_name is used in error messages.
Scenario parse_scenario(std::string_view toml_text, std::string_view source_name = "<scenario>");

/// The closest of @p candidates to @p word by edit distance, or empty when none is close.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace clir
