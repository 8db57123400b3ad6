#include "clir/pipeline/scenario_catalog.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/fields.hpp"
#include "clir/core/suggest.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "scenario_toml_text.hpp"

namespace clir {
namespace {

using nlohmann::json;

template <class E>
json choices_json() {
  json out = json::array();
  for (const auto& entry : EnumTraits<E>::names) out.push_back({{"name", entry.name}, {"doc", entry.doc}});
  return out;
}

template <class V>
json default_json(const V& value) {
  using detail::is_vector;
  if constexpr (requires { value.has_value(); }) {
    return value ? default_json(*value) : json();
  } else if constexpr (NamedEnum<V>) {
    return std::string(to_string(value));
  } else if constexpr (std::is_same_v<V, std::filesystem::path>) {
    return value.string();
  } else if constexpr (is_vector<V>::value && NamedEnum<typename is_vector<V>::element>) {
    json out = json::array();
    for (const auto& item : value) out.push_back(std::string(to_string(item)));
    return out;
  } else if constexpr (std::is_constructible_v<json, const V&>) {
    return json(value);
  } else {
    return json();  // no plain JSON form (a matrix); the key's doc says what it holds
  }
}

/// The catalog entry of one declared field @p f holding @p value (a default-constructed one).
template <class F, class V>
json key_json(const F& f, const V& value) {
  using P = typename detail::unwrap_optional<V>::type;
  using detail::is_vector;
  json k = {{"key", f.name}, {"doc", f.doc}};
  if constexpr (std::is_same_v<P, bool>) {
    k["type"] = "boolean";
  } else if constexpr (NamedEnum<P>) {
    k["type"] = "choice";
    k["choices"] = choices_json<P>();
  } else if constexpr (std::is_integral_v<P>) {
    k["type"] = "integer";
  } else if constexpr (std::is_floating_point_v<P>) {
    k["type"] = "number";
  } else if constexpr (std::is_same_v<P, std::string>) {
    k["type"] = "string";
  } else if constexpr (std::is_same_v<P, std::filesystem::path>) {
    k["type"] = "path";
  } else if constexpr (is_vector<P>::value && NamedEnum<typename is_vector<P>::element>) {
    k["type"] = "choices";
    k["choices"] = choices_json<typename is_vector<P>::element>();
  } else if constexpr (std::is_same_v<P, std::vector<std::string>>) {
    k["type"] = "strings";
  } else {
    k["type"] = "other";
  }
  FieldBound lo = f.lo;
  if constexpr (std::is_integral_v<P> && std::is_unsigned_v<P> && !std::is_same_v<P, bool>) {
    if (!lo.set) lo = {0.0, true, true};
  }
  if (lo.set) {
    k["min"] = lo.value;
    k["min_inclusive"] = lo.inclusive;
  }
  if (f.hi.set) {
    k["max"] = f.hi.value;
    k["max_inclusive"] = f.hi.inclusive;
  }
  if (!f.required_message.empty()) {
    k["required"] = f.required_message;
  } else {
    k["default"] = default_json(value);
    if (!f.default_doc.empty()) k["default_doc"] = f.default_doc;
  }
  return k;
}

/// Appends the scenario keys of @p obj to @p keys; sub-tables and arrays of tables become
/// sections of their own, named "<section>.<name>", appended to @p sections after this one.
template <class T>
void add_keys(const T& obj, std::string_view section, json& keys, std::vector<json>& sub_sections,
              std::string_view prefix = {}) {
  for_each_field(obj, [&](const auto& f, const auto& value) {
    using V = std::remove_cvref_t<decltype(value)>;
    if (!f.used_in(FieldUse::scenario)) return;
    if constexpr (HasFields<V>) {
      if (f.flattened) add_keys(value, section, keys, sub_sections);
    } else if constexpr (detail::is_vector<V>::value && HasFields<typename detail::is_vector<V>::element>) {
      json sub = {{"name", std::string(section) + "." + std::string(f.name)}, {"array", true}, {"doc", f.doc}};
      json sub_keys = json::array();
      std::vector<json> nested;
      add_keys(typename detail::is_vector<V>::element{}, sub["name"].template get<std::string>(), sub_keys, nested);
      sub["keys"] = std::move(sub_keys);
      sub_sections.push_back(std::move(sub));
      for (auto& n : nested) sub_sections.push_back(std::move(n));
    } else {
      std::string_view key = f.name;
      if (!prefix.empty()) {
        if (!key.starts_with(prefix) || key.size() <= prefix.size() || key[prefix.size()] != '.') return;
        key.remove_prefix(prefix.size() + 1);
      }
      json k = key_json(f, value);
      k["key"] = key;
      keys.push_back(std::move(k));
    }
  });
}

template <class... Parts>
json section_json(std::string_view name, bool array, const Parts&... parts) {
  json keys = json::array();
  std::vector<json> subs;
  (add_keys(parts, name, keys, subs), ...);
  json out = json::array();
  out.push_back({{"name", name}, {"array", array}, {"keys", std::move(keys)}});
  for (auto& s : subs) out.push_back(std::move(s));
  return out;
}

json scenario_section(const Scenario& sc, std::string_view name) {
  json keys = json::array();
  std::vector<json> subs;
  add_keys(sc, name, keys, subs, name);
  return json::array({{{"name", name}, {"array", false}, {"keys", std::move(keys)}}});
}

}  // namespace

json scenario_field_catalog() {
  // Defaults are those of a file with the key left out: a default Scenario's sections, and a
  // default-constructed entry of an array of tables (as docs/scenario.md shows them).
  const Scenario sc;
  json sections = json::array();
  auto add = [&sections](json more) {
    for (auto& s : more) sections.push_back(std::move(s));
  };
  add(scenario_section(sc, "scenario"));
  add(scenario_section(sc, "data"));
  add(scenario_section(sc, "reference"));
  add(scenario_section(sc, "output"));
  add(section_json("pool", false, sc.pool));
  // [[eligibility]]: name, rule and missing_passes are read by the rule parser, not declared.
  add(json::array({{{"name", "eligibility"}, {"array", true}, {"keys", json::array()}}}));
  add(section_json("criteria", true, Criterion{}, PreferenceFunction{}));
  add(section_json("scoring", false, sc.scoring));
  add(section_json("selection", false, sc.selection));
  add(section_json("robustness", false, MonteCarloOptions{}));
  add(section_json("clustering", false, sc.grouping));
  add(section_json("explain", false, sc.explain));
  return {{"sections", std::move(sections)}};
}

namespace {

[[noreturn]] void bad_change(const std::string& change, const std::string& message) {
  throw ConfigError(change, message);
}

const json* find_section(const json& catalog, const std::vector<std::string>& parts, std::size_t& used) {
  const json* best = nullptr;
  for (const auto& s : catalog["sections"]) {
    const std::string name = s["name"].get<std::string>();
    std::string joined;
    for (std::size_t n = 0; n < parts.size(); ++n) {
      joined += (n ? "." : "") + parts[n];
      if (joined == name && (!best || n + 1 > used)) {
        best = &s;
        used = n + 1;
      }
    }
  }
  return best;
}

toml::table& table_at(toml::table& root, const std::string& section) {
  toml::table* at = &root;
  std::size_t start = 0;
  while (start <= section.size()) {
    const std::size_t dot = std::min(section.find('.', start), section.size());
    const std::string part = section.substr(start, dot - start);
    if (!at->contains(part)) at->insert(part, toml::table{});
    toml::table* next = (*at)[part].as_table();
    if (!next) bad_change(section, "is not a table in the scenario");
    at = next;
    start = dot + 1;
  }
  return *at;
}

toml::array* array_at(toml::table& root, const std::string& section) {
  const std::size_t dot = section.rfind('.');
  if (dot == std::string::npos) return root[section].as_array();
  toml::node* parent = root.at_path(section.substr(0, dot)).node();
  return parent && parent->as_table() ? (*parent->as_table())[section.substr(dot + 1)].as_array() : nullptr;
}

// A JSON array of strings, numbers, booleans or such arrays, as TOML (keys of type "other":
// pairs of codes, arrays of categories); false for anything else.
bool to_toml_array(const json& value, toml::array& out) {
  for (const auto& item : value) {
    if (item.is_string()) out.push_back(item.get<std::string>());
    else if (item.is_boolean()) out.push_back(item.get<bool>());
    else if (item.is_number_integer()) out.push_back(item.get<std::int64_t>());
    else if (item.is_number()) out.push_back(item.get<double>());
    else if (item.is_array()) {
      toml::array inner;
      if (!to_toml_array(item, inner)) return false;
      out.push_back(std::move(inner));
    } else {
      return false;
    }
  }
  return true;
}

void set_value(toml::table& table, const std::string& key, const json& value, const std::string& type,
               const std::string& change) {
  if (value.is_null()) {
    table.erase(key);
    return;
  }
  if (type == "boolean" && value.is_boolean()) {
    table.insert_or_assign(key, value.get<bool>());
  } else if (type == "integer" && value.is_number() && std::floor(value.get<double>()) == value.get<double>()) {
    table.insert_or_assign(key, value.is_number_float() ? static_cast<std::int64_t>(value.get<double>())
                                                        : value.get<std::int64_t>());
  } else if (type == "number" && value.is_number()) {
    table.insert_or_assign(key, value.get<double>());
  } else if ((type == "string" || type == "choice" || type == "path" || type == "choices") && value.is_string()) {
    table.insert_or_assign(key, value.get<std::string>());
  } else if ((type == "strings" || type == "choices") && value.is_array() &&
             std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); })) {
    toml::array items;
    for (const auto& v : value) items.push_back(v.get<std::string>());
    table.insert_or_assign(key, std::move(items));
  } else if (type == "other" && value.is_array()) {
    toml::array items;
    if (!to_toml_array(value, items)) bad_change(change, "expected an array of values, got " + value.dump());
    table.insert_or_assign(key, std::move(items));
  } else {
    bad_change(change, "expected a value of type " + type + ", got " + value.dump());
  }
}

}  // namespace

std::string edit_scenario_toml(std::string_view toml_text, const json& changes, std::string_view source_name) {
  toml::table root = detail::parse_toml(toml_text, source_name);
  if (!changes.is_object()) throw ConfigError("changes", "expected an object of \"section.key\": value");
  static const json catalog = scenario_field_catalog();
  std::map<std::string, std::vector<std::size_t>> removals;
  for (const auto& [change, value] : changes.items()) {
    std::vector<std::string> parts;
    for (std::size_t start = 0; start <= change.size();) {
      const std::size_t dot = std::min(change.find('.', start), change.size());
      parts.push_back(change.substr(start, dot - start));
      start = dot + 1;
    }
    std::size_t used = 0;
    const json* section = find_section(catalog, parts, used);
    if (!section) {
      std::vector<std::string> names;
      for (const auto& s : catalog["sections"]) names.push_back(s["name"].get<std::string>());
      const std::string near = closest_match(parts.front(), names);
      bad_change(change, "no such section" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"));
    }
    const std::string name = section->at("name").get<std::string>();
    if (used == parts.size() && !section->at("array").get<bool>()) {
      // The whole section: only removal (e.g. "robustness": null, no Monte Carlo analysis).
      if (!value.is_null()) bad_change(change, "a section can only be removed (null); name a key to set it");
      const std::size_t dot = name.rfind('.');
      if (dot == std::string::npos) root.erase(name);
      else if (auto* parent = root.at_path(name.substr(0, dot)).as_table()) parent->erase(name.substr(dot + 1));
      continue;
    }
    toml::table* table = nullptr;
    if (section->at("array").get<bool>()) {
      const std::string index_text = used < parts.size() ? parts[used] : std::string();
      if (index_text.empty() || !std::all_of(index_text.begin(), index_text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        bad_change(change, "[[" + name + "]] is an array of tables: name an entry by its index, e.g. '" + name + ".0'");
      }
      const std::size_t index = std::stoul(index_text);
      toml::array* entries = array_at(root, name);
      const std::size_t count = entries ? entries->size() : 0;
      if (index >= count) {
        bad_change(change, "the scenario has " + std::to_string(count) + " [[" + name + "]] entries (0 to " +
                               std::to_string(count) + " - 1)");
      }
      if (used + 1 == parts.size()) {
        if (!value.is_null()) bad_change(change, "an entry can only be removed (null)");
        removals[name].push_back(index);
        continue;
      }
      table = (*entries)[index].as_table();
      used += 1;
    } else {
      table = &table_at(root, name);
    }
    if (used + 1 != parts.size()) bad_change(change, "expected section.key");
    const std::string& key = parts[used];
    std::vector<std::string> keys;
    const json* declared = nullptr;
    for (const auto& k : section->at("keys")) {
      keys.push_back(k["key"].get<std::string>());
      if (keys.back() == key) declared = &k;
    }
    if (!declared) {
      const std::string near = closest_match(key, keys);
      bad_change(change, "[" + name + "] has no key '" + key + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?"));
    }
    set_value(*table, key, value, declared->at("type").get<std::string>(), change);
  }
  for (auto& [name, indices] : removals) {
    std::sort(indices.rbegin(), indices.rend());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    toml::array* entries = array_at(root, name);
    if (name == "criteria" && indices.size() == entries->size()) {
      // No [[criteria]] at all would mean the default criteria, not none.
      throw ConfigError("criteria", "at least one [[criteria]] entry must stay (none means the default criteria)");
    }
    for (const std::size_t index : indices) entries->erase(entries->begin() + static_cast<std::ptrdiff_t>(index));
    if (entries->empty()) {
      const std::size_t dot = name.rfind('.');
      if (dot == std::string::npos) root.erase(name);
      else if (auto* parent = root.at_path(name.substr(0, dot)).as_table()) parent->erase(name.substr(dot + 1));
    }
  }
  return detail::toml_text(root);
}

std::string rerun_answer_json(const RunResult& result) {
  nlohmann::json out;
  out["run"] = run_json(result);
  const TextTable table = ranked_applicants(result, true);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : table.rows) {
    nlohmann::json item = nlohmann::json::object();
    for (std::size_t c = 0; c < table.header.size() && c < row.size(); ++c) item[table.header[c]] = row[c];
    rows.push_back(std::move(item));
  }
  out["applicants"] = std::move(rows);
  out["map_svg"] = run_map_svg(result);
  return out.dump();
}

}  // namespace clir
