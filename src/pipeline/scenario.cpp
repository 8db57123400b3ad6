#include "clir/pipeline/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <span>
#include <sstream>
#include <tuple>
#include <toml++/toml.h>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"

namespace clir {

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // Levenshtein distance; a suggestion is only made when it is plausibly a typo.
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      }
      std::swap(prev, cur);
    }
    return prev[b.size()];
  };
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

namespace detail {
namespace {

/// Reads one TOML table, remembering which keys were used so that the rest can be reported as
/// unknown, with the closest valid key suggested.
class Section {
 public:
  Section(const toml::table& table, std::string path, std::string file)
      : table_(table), path_(std::move(path)), file_(std::move(file)) {}

  SourceLocation where(const toml::node* node, const std::string& key) const {
    SourceLocation loc{.file = file_, .key = qualified(key)};
    if (node) {
      loc.line = node->source().begin.line;
      loc.column = node->source().begin.column;
    }
    return loc;
  }
  std::string qualified(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  std::size_t line_of(const std::string& key) const {
    const toml::node* n = table_.get(key);
    return n ? n->source().begin.line : table_.source().begin.line;
  }

  const toml::node* node(const std::string& key) {
    known_.push_back(key);
    return table_.get(key);
  }

  [[noreturn]] void type_error(const toml::node* n, const std::string& key, const std::string& expected) const {
    throw ConfigError(qualified(key), "expected " + expected, {}, where(n, key));
  }

  std::optional<std::string> text(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<std::string>(); v && n->is_string()) return *v;
    type_error(n, key, "a string");
  }
  std::optional<double> number(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) type_error(n, key, "a number");
    const double v = *n->value<double>();
    if (!std::isfinite(v)) type_error(n, key, "a finite number");
    return v;
  }
  /// A time limit: a number of seconds > 0.
  std::optional<double> seconds(const std::string& key) {
    auto v = number(key);
    if (v && *v <= 0) type_error(table_.get(key), key, "a number of seconds > 0");
    return v;
  }
  /// A number in [0, 1] (a share, a weight); @p what names it in the error.
  std::optional<double> unit_number(const std::string& key, const std::string& what) {
    auto v = number(key);
    if (v && (*v < 0 || *v > 1)) type_error(table_.get(key), key, what + " in [0, 1]");
    return v;
  }
  std::optional<std::int64_t> integer(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) type_error(n, key, "an integer");
    return *n->value<std::int64_t>();
  }
  std::optional<std::size_t> count(const std::string& key, std::int64_t min_value = 0) {
    auto v = integer(key);
    if (!v) return std::nullopt;
    if (*v < min_value) {
      type_error(table_.get(key), key, "an integer >= " + std::to_string(min_value));
    }
    return static_cast<std::size_t>(*v);
  }
  std::optional<bool> boolean(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) type_error(n, key, "true or false");
    return *n->value<bool>();
  }
  std::optional<std::vector<std::string>> texts(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const toml::array* a = n->as_array();
    if (!a) type_error(n, key, "an array of strings");
    std::vector<std::string> out;
    for (const auto& item : *a) {
      if (!item.is_string()) type_error(&item, key, "an array of strings");
      out.push_back(*item.value<std::string>());
    }
    return out;
  }
  /// Scalars written as numbers or strings, kept as text (for rule values).
  std::optional<std::vector<std::string>> scalars(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    std::vector<std::string> out;
    auto one = [&](const toml::node& item) {
      if (item.is_string()) {
        out.push_back(*item.value<std::string>());
      } else if (item.is_integer()) {
        out.push_back(std::to_string(*item.value<std::int64_t>()));
      } else if (item.is_floating_point()) {
        std::ostringstream s;
        s.precision(17);
        s << *item.value<double>();
        out.push_back(s.str());
      } else if (item.is_boolean()) {
        out.push_back(*item.value<bool>() ? "1" : "0");
      } else {
        type_error(&item, key, "a number, a string, a boolean or an array of them");
      }
    };
    if (const toml::array* a = n->as_array()) {
      for (const auto& item : *a) one(item);
    } else {
      one(*n);
    }
    return out;
  }
  std::optional<std::vector<std::vector<std::string>>> text_groups(const std::string& key, std::size_t exact_size = 0) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const std::string expected = exact_size == 2 ? "an array of [\"code\", \"code\"] pairs" : "an array of arrays of strings";
    const toml::array* a = n->as_array();
    if (!a) type_error(n, key, expected);
    std::vector<std::vector<std::string>> out;
    for (const auto& item : *a) {
      const toml::array* inner = item.as_array();
      if (!inner || (exact_size && inner->size() != exact_size)) type_error(&item, key, expected);
      std::vector<std::string> group;
      for (const auto& s : *inner) {
        if (!s.is_string()) type_error(&s, key, expected);
        group.push_back(*s.value<std::string>());
      }
      out.push_back(std::move(group));
    }
    return out;
  }
  std::optional<std::vector<std::vector<double>>> matrix(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const toml::array* a = n->as_array();
    if (!a) type_error(n, key, "an array of arrays of numbers");
    std::vector<std::vector<double>> out;
    for (const auto& row : *a) {
      const toml::array* r = row.as_array();
      if (!r) type_error(&row, key, "an array of arrays of numbers");
      std::vector<double> values;
      for (const auto& v : *r) {
        if (!v.is_number()) type_error(&v, key, "an array of arrays of numbers");
        values.push_back(*v.value<double>());
      }
      out.push_back(std::move(values));
    }
    return out;
  }
  /// A sub-table (e.g. [clustering]) or nullptr when absent.
  const toml::table* table(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_table()) type_error(n, key, "a table ([" + qualified(key) + "])");
    return n->as_table();
  }
  /// An array of tables (e.g. [[criteria]]); empty when absent.
  std::vector<const toml::table*> tables(const std::string& key) {
    const toml::node* n = node(key);
    std::vector<const toml::table*> out;
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) type_error(n, key, "an array of tables ([[" + qualified(key) + "]])");
    for (const auto& item : *a) {
      if (!item.is_table()) type_error(&item, key, "an array of tables ([[" + qualified(key) + "]])");
      out.push_back(item.as_table());
    }
    return out;
  }

  /// Throws for the first key that no reader asked for (in file order).
  void finish() const {
    // (line, column, key) of each unknown key; the first in the file is reported.
    std::vector<std::tuple<std::size_t, std::size_t, std::string>> unknown;
    for (const auto& [k, v] : table_) {
      const std::string key(k.str());
      if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
        unknown.emplace_back(k.source().begin.line, k.source().begin.column, key);
      }
    }
    if (unknown.empty()) return;
    std::sort(unknown.begin(), unknown.end());
    const auto& [line, column, key] = unknown.front();
    const std::string suggestion = closest_match(key, known_);
    std::string message = "unknown key '" + key + "'" + (path_.empty() ? "" : " in [" + path_ + "]");
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    throw ConfigError(qualified(key), message, known_,
                      {.file = file_, .line = line, .column = column, .key = qualified(key)});
  }

  const toml::table& raw() const noexcept { return table_; }
  const std::string& file() const noexcept { return file_; }

 private:
  const toml::table& table_;
  std::string path_;
  std::string file_;
  std::vector<std::string> known_;
};

void check_one_of(Section& s, const std::string& key, const std::string& value, const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
  std::string message = "unknown value '" + value + "'";
  const std::string suggestion = closest_match(value, allowed);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  throw ConfigError(s.qualified(key), message, allowed, s.where(s.raw().get(key), key));
}

void set_choice(Section& s, const std::string& key, std::string& target, const std::vector<std::string>& allowed) {
  if (auto v = s.text(key)) {
    check_one_of(s, key, *v, allowed);
    target = *v;
  }
}

/// Reads @p key as text and converts it with the stage's own parser, so that the scenario
/// accepts exactly what the library does; the parser's error gets the key, line and a hint.
template <class Parse>
void set_parsed(Section& s, const std::string& key, Parse parse, auto& target) {
  const auto text = s.text(key);
  if (!text) return;
  try {
    target = parse(*text);
  } catch (const ConfigError& e) {
    std::string message = "unknown value '" + *text + "'";
    const std::string suggestion = closest_match(*text, e.allowed());
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    if (e.allowed().empty()) message = e.message();
    throw ConfigError(s.qualified(key), message, e.allowed(), s.where(s.raw().get(key), key));
  }
}

/// A criterion's `transform`: one name, or an array of names applied in order; "none" (alone)
/// and [] are the empty chain. Errors point at the offending name.
std::vector<Transform> read_transforms(Section& s, const std::string& label) {
  const std::string key = "transform";
  const toml::node* n = s.node(key);
  if (!n) return {};
  const std::string expected = "a transform name or an array of them, e.g. [\"per_capita\", \"winsorize\"]";
  std::vector<const toml::node*> items;
  if (n->is_string()) {
    items.push_back(n);
  } else if (const toml::array* a = n->as_array()) {
    for (const auto& item : *a) {
      if (!item.is_string()) s.type_error(&item, key, expected);
      items.push_back(&item);
    }
  } else {
    s.type_error(n, key, expected);
  }
  const std::vector<std::string> allowed{"none", "log1p", "per_capita", "winsorize"};
  std::vector<Transform> chain;
  for (const toml::node* item : items) {
    const std::string name = *item->value<std::string>();
    if (name == "none") {
      if (items.size() > 1) {
        throw ConfigError(s.qualified(key), "'none' cannot be combined with other transforms", {}, s.where(item, key));
      }
      continue;
    }
    try {
      chain.push_back(parse_transform(name));
    } catch (const ConfigError&) {
      std::string message = "unknown value '" + name + "'";
      const std::string suggestion = closest_match(name, allowed);
      if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
      throw ConfigError(s.qualified(key), message, allowed, s.where(item, key));
    }
  }
  try {
    validate_transforms(chain, label);
  } catch (const ConfigError& e) {
    throw ConfigError(s.qualified(key), e.message(), {}, s.where(n, key));
  }
  return chain;
}

[[noreturn]] void missing_key(Section& s, const toml::table* t, const std::string& key, const std::string& what) {
  throw ConfigError(s.qualified(key), what, {}, s.where(t, key));
}

void read_sections(const toml::table& root, const std::string& file, const std::filesystem::path& base, Scenario& sc) {
  auto resolve = [&](const std::string& p) {
    std::filesystem::path path(p);
    return path.is_relative() && !base.empty() ? base / path : path;
  };
  Section top(root, "", file);
  if (const toml::table* t = top.table("scenario")) {
    Section s(*t, "scenario", file);
    if (auto v = s.text("name")) sc.name = *v;
    if (auto v = s.text("description")) sc.description = *v;
    if (auto v = s.integer("seed")) {
      if (*v < 0) s.type_error(t->get("seed"), "seed", "a non-negative integer");
      sc.seed = static_cast<std::uint64_t>(*v);
    }
    if (auto v = s.count("threads")) sc.threads = static_cast<unsigned>(*v);
    s.finish();
  }
  if (const toml::table* t = top.table("data")) {
    Section s(*t, "data", file);
    if (auto v = s.text("applications")) sc.applications = resolve(*v);
    if (auto v = s.text("code_column")) sc.applications_spec.code_column = *v;
    if (auto v = s.texts("text_columns")) sc.applications_spec.text_columns = *v;
    s.finish();
  }
  if (const toml::table* t = top.table("pool")) {
    Section s(*t, "pool", file);
    if (auto v = s.texts("oblasts")) sc.pool.oblasts = *v;
    if (auto v = s.texts("types")) {
      for (const auto& type : *v) check_one_of(s, "types", type, {"city", "settlement", "village"});
      sc.pool.types = *v;
    }
    if (auto v = s.texts("codes")) sc.pool.codes = *v;
    s.finish();
  }
  for (const toml::table* t : top.tables("eligibility")) {
    Section s(*t, "eligibility", file);
    const auto rule = s.text("rule");
    if (!rule) missing_key(s, t, "rule", "every [[eligibility]] entry needs a rule, e.g. rule = \"occupation_ongoing == 0\"");
    const std::string name = s.text("name").value_or("");
    try {
      sc.eligibility.push_back(parse_eligibility_rule(*rule, name));
    } catch (const ConfigError& e) {
      throw ConfigError(s.qualified("rule"), e.message(), e.allowed(), s.where(t->get("rule"), "rule"));
    }
    if (auto v = s.boolean("missing_passes")) sc.eligibility.back().missing_passes = *v;
    s.finish();
  }
  std::vector<PreferenceFunction> preferences;
  bool any_preference = false;
  for (const toml::table* t : top.tables("criteria")) {
    Section s(*t, "criteria", file);
    Criterion c;
    const auto column = s.text("column");
    if (!column) missing_key(s, t, "column", "every [[criteria]] entry needs a column");
    c.column = *column;
    if (auto v = s.text("name")) c.name = *v;
    set_parsed(s, "direction", parse_direction, c.direction);
    if (auto v = s.number("weight")) {
      if (*v < 0) s.type_error(t->get("weight"), "weight", "a number >= 0");
      c.weight = *v;
    }
    c.transforms = read_transforms(s, c.label());
    if (auto v = s.text("population_column")) c.population_column = *v;
    const bool per_capita =
        std::find(c.transforms.begin(), c.transforms.end(), Transform::per_capita) != c.transforms.end();
    if (per_capita && c.population_column.empty()) {
      missing_key(s, t, "population_column", "transform 'per_capita' needs population_column");
    }
    if (auto v = s.number("per_capita_scale")) {
      if (*v <= 0) s.type_error(t->get("per_capita_scale"), "per_capita_scale", "a number > 0");
      c.per_capita_scale = *v;
    }
    if (auto v = s.number("winsor_lower")) c.winsor_lower = *v;
    if (auto v = s.number("winsor_upper")) c.winsor_upper = *v;
    if (!(0 <= c.winsor_lower && c.winsor_lower < c.winsor_upper && c.winsor_upper <= 1)) {
      throw ConfigError(s.qualified("winsor_lower"), "winsorizing quantiles must satisfy 0 <= winsor_lower < winsor_upper <= 1",
                        {}, s.where(t, "winsor_lower"));
    }
    set_parsed(s, "missing", parse_missing_value_policy, c.missing);
    PreferenceFunction pref;
    if (t->contains("preference")) any_preference = true;
    set_parsed(s, "preference", parse_preference_type, pref.type);
    if (auto v = s.number("q")) pref.q = *v;
    if (auto v = s.number("p")) pref.p = *v;
    if (auto v = s.number("s")) pref.s = *v;
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
  if (const toml::table* t = top.table("scoring")) {
    Section s(*t, "scoring", file);
    set_parsed(s, "method", parse_scoring_method, sc.scoring.method);
    set_parsed(s, "normalization", parse_normalization, sc.scoring.normalization);
    set_parsed(s, "topsis_normalization", parse_normalization, sc.scoring.topsis_normalization);
    set_parsed(s, "cost_flip", parse_cost_flip, sc.scoring.cost_flip);
    set_parsed(s, "weights", parse_weight_method, sc.scoring.weights.method);
    if (auto v = s.matrix("ahp_matrix")) {
      const std::size_t m = v->size();
      Eigen::MatrixXd a(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(m));
      for (std::size_t i = 0; i < m; ++i) {
        if ((*v)[i].size() != m) s.type_error(t->get("ahp_matrix"), "ahp_matrix", "a square matrix (" + std::to_string(m) + " rows of " + std::to_string(m) + ")");
        for (std::size_t j = 0; j < m; ++j) a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = (*v)[i][j];
      }
      sc.scoring.weights.ahp_matrix = a;
    }
    set_parsed(s, "ahp_method", parse_ahp_method, sc.scoring.weights.ahp.method);
    if (auto v = s.boolean("allow_inconsistent")) sc.scoring.weights.ahp.allow_inconsistent = *v;
    if (auto v = s.number("vikor_v")) {
      if (*v < 0 || *v > 1) s.type_error(t->get("vikor_v"), "vikor_v", "a number in [0, 1]");
      sc.scoring.vikor_v = *v;
    }
    s.finish();
  }
  if (const toml::table* t = top.table("selection")) {
    Section s(*t, "selection", file);
    if (auto v = s.count("size", 1)) sc.selection.count = *v;
    set_parsed(s, "solver", parse_selection_solver, sc.selection.solver);
    if (auto v = s.seconds("time_limit_s")) sc.selection.time_limit_seconds = *v;
    for (const toml::table* q : s.tables("quota")) {
      Section qs(*q, "selection.quota", file);
      CategoryQuota quota;
      const auto column = qs.text("column");
      if (!column) missing_key(qs, q, "column", "every [[selection.quota]] needs a column");
      quota.column = *column;
      if (auto v = qs.text("category")) quota.category = *v;
      quota.min = qs.count("min");
      quota.max = qs.count("max");
      if (!quota.min && !quota.max) missing_key(qs, q, "max", "a [[selection.quota]] needs min or max");
      qs.finish();
      sc.selection.quotas.push_back(std::move(quota));
    }
    for (const toml::table* q : s.tables("distinct")) {
      Section qs(*q, "selection.distinct", file);
      DistinctQuota quota;
      const auto column = qs.text("column");
      if (!column) missing_key(qs, q, "column", "every [[selection.distinct]] needs a column");
      quota.column = *column;
      const auto at_least = qs.count("at_least", 1);
      if (!at_least) missing_key(qs, q, "at_least", "every [[selection.distinct]] needs at_least");
      quota.at_least = *at_least;
      qs.finish();
      sc.selection.distinct.push_back(std::move(quota));
    }
    for (const toml::table* q : s.tables("share")) {
      Section qs(*q, "selection.share", file);
      ShareQuota quota;
      const auto column = qs.text("column");
      const auto category = qs.text("category");
      if (!column) missing_key(qs, q, "column", "every [[selection.share]] needs a column");
      if (!category) missing_key(qs, q, "category", "every [[selection.share]] needs a category");
      quota.column = *column;
      quota.category = *category;
      quota.min_share = qs.unit_number("min_share", "a share");
      quota.max_share = qs.unit_number("max_share", "a share");
      if (!quota.min_share && !quota.max_share) missing_key(qs, q, "max_share", "a [[selection.share]] needs min_share or max_share");
      qs.finish();
      sc.selection.shares.push_back(std::move(quota));
    }
    s.finish();
  }
  if (const toml::table* t = top.table("robustness")) {
    Section s(*t, "robustness", file);
    MonteCarloOptions mc;
    mc.seed = sc.seed;
    mc.threads = sc.threads;
    if (auto v = s.count("draws")) mc.draws = *v;
    set_parsed(s, "sampling", parse_weight_sampling, mc.sampling);
    if (auto v = s.number("concentration")) {
      if (*v <= 0) s.type_error(t->get("concentration"), "concentration", "a number > 0");
      mc.concentration = *v;
    }
    if (const toml::node* n = s.node("rank_bands")) {
      const toml::array* a = n->as_array();
      if (!a) s.type_error(n, "rank_bands", "an array of increasing ranks >= 1");
      for (const auto& item : *a) {
        if (!item.is_integer() || *item.value<std::int64_t>() < 1 ||
            (!mc.rank_bands.empty() && static_cast<std::size_t>(*item.value<std::int64_t>()) <= mc.rank_bands.back())) {
          s.type_error(&item, "rank_bands", "an array of increasing ranks >= 1");
        }
        mc.rank_bands.push_back(static_cast<std::size_t>(*item.value<std::int64_t>()));
      }
    }
    s.finish();
    if (mc.draws > 0) sc.robustness = mc;
  }
  if (const toml::table* t = top.table("clustering")) {
    Section s(*t, "clustering", file);
    GroupingSpec& g = sc.grouping;
    set_parsed(s, "method", parse_grouping_method, g.method);
    set_parsed(s, "graph", parse_grouping_graph, g.graph);
    if (auto v = s.count("k", 1)) g.k = *v;
    if (auto v = s.number("alpha")) {
      if (*v < 0 || *v > 1) s.type_error(t->get("alpha"), "alpha", "a number in [0, 1]");
      g.alpha = *v;
    }
    set_choice(s, "geo_distance", g.geo_distance, {"geodesic", "haversine"});
    set_choice(s, "scale", g.scale, {"max", "mean"});
    if (auto v = s.texts("needs_columns")) g.needs_columns = *v;
    if (auto v = s.count("min_size", 1)) g.min_size = *v;
    if (auto v = s.count("max_size", 1)) g.max_size = *v;
    if (g.max_size > 0 && g.min_size > g.max_size) {
      throw ConfigError("clustering.min_size", "min_size " + std::to_string(g.min_size) + " exceeds max_size " +
                        std::to_string(g.max_size), {}, s.where(t->get("min_size"), "min_size"));
    }
    auto pairs = [](const std::vector<std::vector<std::string>>& groups) {
      std::vector<std::pair<std::string, std::string>> out;
      for (const auto& p : groups) out.emplace_back(p[0], p[1]);
      return out;
    };
    if (auto v = s.text_groups("must_link", 2)) g.must_link = pairs(*v);
    if (auto v = s.text_groups("cannot_link", 2)) g.cannot_link = pairs(*v);
    if (auto v = s.text("category")) g.category_column = *v;
    std::string mode = g.category_soft ? "soft" : "hard";
    set_choice(s, "category_mode", mode, {"hard", "soft"});
    g.category_soft = mode == "soft";
    if (auto v = s.number("category_penalty")) {
      if (*v < 0) s.type_error(t->get("category_penalty"), "category_penalty", "a number >= 0");
      g.category_penalty = *v;
    }
    if (auto v = s.text_groups("allowed_together")) g.allowed_together = *v;
    if (auto v = s.seconds("exact_time_limit_s")) g.exact_time_limit_s = *v;
    s.finish();
  }
  sc.grouping.seed = sc.seed;
  sc.grouping.threads = sc.threads;
  if (const toml::table* t = top.table("reference")) {
    Section s(*t, "reference", file);
    if (auto v = s.text("grouping")) sc.reference = (*v == "clir2024" || *v == "none") ? *v : resolve(*v).string();
    if (auto v = s.boolean("cluster_reference")) sc.cluster_reference = *v;
    s.finish();
  }
  if (const toml::table* t = top.table("explain")) {
    Section s(*t, "explain", file);
    ExplainSpec& e = sc.explain;
    if (auto v = s.text("reference")) e.reference = *v == "clir2024" ? *v : resolve(*v).string();
    std::string criteria = e.extended_criteria ? "extended" : "scenario";
    set_choice(s, "criteria", criteria, {"scenario", "extended"});
    e.extended_criteria = criteria == "extended";
    set_parsed(s, "objective", parse_explain_objective, e.options.objective);
    set_parsed(s, "model", parse_explain_model, e.options.model);
    if (auto v = s.count("segments", 1)) e.options.segments = *v;
    if (auto v = s.count("size", 1)) e.options.count = *v;
    if (auto v = s.number("min_gap")) {
      if (*v < 0 || *v >= 1) s.type_error(t->get("min_gap"), "min_gap", "a number in [0, 1)");
      e.options.min_gap = *v;
    }
    if (auto v = s.boolean("stability")) e.options.stability = *v;
    if (auto v = s.seconds("time_limit_s")) e.options.time_limit_seconds = *v;
    for (const toml::table* b : s.tables("bounds")) {
      Section bs(*b, "explain.bounds", file);
      WeightBound bound;
      const auto criterion = bs.text("criterion");
      if (!criterion) missing_key(bs, b, "criterion", "every [[explain.bounds]] needs a criterion (a criterion's name)");
      bound.criterion = *criterion;
      bound.min = bs.unit_number("min", "a weight");
      bound.max = bs.unit_number("max", "a weight");
      if (!bound.min && !bound.max) missing_key(bs, b, "max", "a [[explain.bounds]] needs min or max");
      bs.finish();
      e.options.bounds.push_back(std::move(bound));
    }
    s.finish();
  }
  if (const toml::table* t = top.table("output")) {
    Section s(*t, "output", file);
    if (auto v = s.text("directory")) sc.output_directory = *v;
    set_parsed(s, "map_style", parse_map_style, sc.map.style);
    // Any numeric column of the pool may colour the map: checked when it is drawn, once the
    // applications file's columns are known.
    if (auto v = s.text("map_colour")) sc.map.colour_by = *v;
    s.finish();
  }
  top.finish();
}

}  // namespace
}  // namespace detail

Scenario parse_scenario(std::string_view toml_text, std::string_view source_name, const std::filesystem::path& base_dir) {
  toml::table root;
  try {
    root = toml::parse(toml_text, std::string(source_name));
  } catch (const toml::parse_error& e) {
    throw InputError("invalid TOML: " + std::string(e.description()),
                     {.file = std::string(source_name), .line = e.source().begin.line, .column = e.source().begin.column});
  }
  Scenario sc;
  detail::read_sections(root, std::string(source_name), base_dir, sc);
  return sc;
}

Scenario load_scenario(const std::filesystem::path& path) {
  // The same checks and messages as every other input file (missing, a folder, unreadable).
  Scenario sc = parse_scenario(read_text_file(path), path.string(), path.parent_path());
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
