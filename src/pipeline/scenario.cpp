#include "clir/pipeline/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>
#include <toml++/toml.h>

#include "clir/core/error.hpp"

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

void read_sections(const toml::table& root, const std::string& file, Scenario& sc) {
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
    if (auto v = s.text("applications")) sc.applications = *v;
    if (auto v = s.text("applications_code_column")) sc.applications_code_column = *v;
    if (auto v = s.texts("applications_text_columns")) sc.applications_text_columns = *v;
    s.finish();
  }
  if (const toml::table* t = top.table("pool")) {
    Section s(*t, "pool", file);
    if (auto v = s.texts("oblasts")) sc.pool_oblasts = *v;
    if (auto v = s.texts("types")) {
      for (const auto& type : *v) check_one_of(s, "types", type, {"city", "settlement", "village"});
      sc.pool_types = *v;
    }
    if (auto v = s.texts("codes")) sc.pool_codes = *v;
    s.finish();
  }
  for (const toml::table* t : top.tables("eligibility")) {
    Section s(*t, "eligibility", file);
    ScenarioRule rule;
    rule.line = t->source().begin.line;
    auto column = s.text("column");
    if (!column) throw ConfigError("eligibility.column", "every [[eligibility]] rule needs a column", {}, s.where(t, "column"));
    rule.column = *column;
    auto op = s.text("op");
    if (!op) throw ConfigError("eligibility.op", "every [[eligibility]] rule needs an op", {}, s.where(t, "op"));
    check_one_of(s, "op", *op, {"==", "!=", "<", "<=", ">", ">=", "in", "not_in", "present", "missing"});
    rule.op = *op;
    if (auto v = s.scalars("value")) rule.values = *v;
    const bool unary = rule.op == "present" || rule.op == "missing";
    if (!unary && rule.values.empty()) {
      throw ConfigError("eligibility.value", "op '" + rule.op + "' needs a value", {}, s.where(t, "value"));
    }
    if (unary && !rule.values.empty()) {
      throw ConfigError("eligibility.value", "op '" + rule.op + "' takes no value", {}, s.where(t->get("value"), "value"));
    }
    if ((rule.op != "in" && rule.op != "not_in" && !unary) && rule.values.size() != 1) {
      throw ConfigError("eligibility.value", "op '" + rule.op + "' takes one value, not a list", {}, s.where(t->get("value"), "value"));
    }
    rule.name = s.text("name").value_or("");
    if (rule.name.empty()) {
      rule.name = rule.column + " " + rule.op;
      for (const auto& v : rule.values) rule.name += " " + v;
    }
    s.finish();
    sc.eligibility.push_back(std::move(rule));
  }
  if (const toml::table* t = top.table("scoring")) {
    Section s(*t, "scoring", file);
    set_choice(s, "method", sc.scoring_method, {"weighted_sum", "weighted_product", "topsis", "vikor", "promethee"});
    set_choice(s, "normalization", sc.normalization, {"minmax", "vector", "max", "sum", "zscore", "rank"});
    set_choice(s, "weights", sc.weighting, {"explicit", "equal", "entropy", "critic", "std", "ahp"});
    if (auto v = s.matrix("ahp_matrix")) sc.ahp_matrix = *v;
    if (auto v = s.number("vikor_v")) {
      if (*v < 0 || *v > 1) s.type_error(t->get("vikor_v"), "vikor_v", "a number in [0, 1]");
      sc.vikor_v = *v;
    }
    s.finish();
  }
  for (const toml::table* t : top.tables("criteria")) {
    Section s(*t, "criteria", file);
    ScenarioCriterion c;
    c.line = t->source().begin.line;
    auto column = s.text("column");
    if (!column) throw ConfigError("criteria.column", "every [[criteria]] entry needs a column", {}, s.where(t, "column"));
    c.column = *column;
    set_choice(s, "direction", c.direction, {"benefit", "cost"});
    if (auto v = s.number("weight")) {
      if (*v < 0) s.type_error(t->get("weight"), "weight", "a non-negative number");
      c.weight = *v;
    }
    set_choice(s, "transform", c.transform, {"none", "log1p", "per_capita", "winsorize"});
    if (auto v = s.text("per_capita_column")) c.per_capita_column = *v;
    if (c.transform == "per_capita" && c.per_capita_column.empty()) {
      throw ConfigError("criteria.per_capita_column", "transform 'per_capita' needs per_capita_column", {}, s.where(t, "per_capita_column"));
    }
    if (auto v = s.number("winsorize_lower")) c.winsorize_lower = *v;
    if (auto v = s.number("winsorize_upper")) c.winsorize_upper = *v;
    if (!(0 <= c.winsorize_lower && c.winsorize_lower < c.winsorize_upper && c.winsorize_upper <= 1)) {
      throw ConfigError("criteria.winsorize_lower", "winsorize quantiles must satisfy 0 <= lower < upper <= 1", {}, s.where(t, "winsorize_lower"));
    }
    set_choice(s, "missing", c.missing, {"error", "median", "worst"});
    s.finish();
    sc.criteria.push_back(std::move(c));
  }
  if (const toml::table* t = top.table("selection")) {
    Section s(*t, "selection", file);
    if (auto v = s.count("size", 1)) sc.select = *v;
    for (const toml::table* q : s.tables("quota")) {
      Section qs(*q, "selection.quota", file);
      ScenarioQuota quota;
      quota.line = q->source().begin.line;
      auto column = qs.text("column");
      if (!column) throw ConfigError("selection.quota.column", "every [[selection.quota]] needs a column", {}, qs.where(q, "column"));
      quota.column = *column;
      quota.min_per_category = qs.count("min_per_category");
      quota.max_per_category = qs.count("max_per_category");
      quota.min_distinct = qs.count("min_distinct");
      if (!quota.min_per_category && !quota.max_per_category && !quota.min_distinct) {
        throw ConfigError("selection.quota", "a quota needs min_per_category, max_per_category or min_distinct", {}, qs.where(q, "column"));
      }
      qs.finish();
      sc.quotas.push_back(std::move(quota));
    }
    s.finish();
  }
  if (const toml::table* t = top.table("robustness")) {
    Section s(*t, "robustness", file);
    if (auto v = s.count("draws")) sc.robustness_draws = *v;
    set_choice(s, "distribution", sc.robustness_distribution, {"uniform", "dirichlet"});
    if (auto v = s.number("concentration")) {
      if (*v <= 0) s.type_error(t->get("concentration"), "concentration", "a positive number");
      sc.robustness_concentration = *v;
    }
    s.finish();
  }
  if (const toml::table* t = top.table("clustering")) {
    Section s(*t, "clustering", file);
    set_choice(s, "method", sc.cluster_method, {"exact", "pam", "fastpam1", "fasterpam", "alternating", "skater", "spectral"});
    if (auto v = s.count("k", 1)) sc.k = *v;
    if (auto v = s.number("alpha")) {
      if (*v < 0 || *v > 1) s.type_error(t->get("alpha"), "alpha", "a number in [0, 1]");
      sc.alpha = *v;
    }
    set_choice(s, "geo_distance", sc.geo_distance, {"geodesic", "haversine"});
    if (auto v = s.texts("needs_columns")) sc.needs_columns = *v;
    sc.min_size = s.count("min_size", 1);
    sc.max_size = s.count("max_size", 1);
    if (sc.min_size && sc.max_size && *sc.min_size > *sc.max_size) {
      throw ConfigError("clustering.min_size", "min_size " + std::to_string(*sc.min_size) + " exceeds max_size " +
                        std::to_string(*sc.max_size), {}, s.where(t->get("min_size"), "min_size"));
    }
    auto pairs = [](const std::vector<std::vector<std::string>>& g) {
      std::vector<std::pair<std::string, std::string>> out;
      for (const auto& p : g) out.emplace_back(p[0], p[1]);
      return out;
    };
    if (auto v = s.text_groups("must_link", 2)) sc.must_link = pairs(*v);
    if (auto v = s.text_groups("cannot_link", 2)) sc.cannot_link = pairs(*v);
    if (auto v = s.text("category")) sc.category_column = *v;
    set_choice(s, "category_mode", sc.category_mode, {"hard", "soft"});
    if (auto v = s.number("category_penalty")) {
      if (*v < 0) s.type_error(t->get("category_penalty"), "category_penalty", "a non-negative number");
      sc.category_penalty = *v;
    }
    if (auto v = s.text_groups("allowed_together")) sc.category_allowed_together = *v;
    s.finish();
  }
  if (const toml::table* t = top.table("reference")) {
    Section s(*t, "reference", file);
    if (auto v = s.text("grouping")) sc.reference = *v;
    if (auto v = s.boolean("cluster_reference")) sc.cluster_reference = *v;
    s.finish();
  }
  if (const toml::table* t = top.table("output")) {
    Section s(*t, "output", file);
    if (auto v = s.text("directory")) sc.output_directory = *v;
    s.finish();
  }
  top.finish();
}

}  // namespace
}  // namespace detail

Scenario parse_scenario(std::string_view toml_text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, std::string(source_name));
  } catch (const toml::parse_error& e) {
    throw InputError("invalid TOML: " + std::string(e.description()),
                     {.file = std::string(source_name), .line = e.source().begin.line, .column = e.source().begin.column});
  }
  Scenario sc;
  detail::read_sections(root, std::string(source_name), sc);
  return sc;
}

Scenario load_scenario(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError("is a directory, expected a scenario file (.toml)", {.file = path.string()});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open scenario file", {.file = path.string()});
  std::ostringstream text;
  text << in.rdbuf();
  Scenario sc = parse_scenario(text.str(), path.string());
  sc.source = path;
  // Relative paths in a scenario are relative to the scenario file, so it can be run from anywhere.
  const auto base = path.parent_path();
  auto resolve = [&](std::filesystem::path& p) {
    if (!p.empty() && p.is_relative()) p = base / p;
  };
  resolve(sc.applications);
  if (sc.reference != "clir2024" && sc.reference != "none") {
    std::filesystem::path p = sc.reference;
    resolve(p);
    sc.reference = p.string();
  }
  return sc;
}

}  // namespace clir
