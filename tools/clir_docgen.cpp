// clir_docgen: writes the key tables of docs/scenario.md from the field declarations
// (clir::Fields), so that the documented keys, types, defaults and allowed values are the ones
// the scenario reader accepts.
//
//   clir_docgen --check docs/scenario.md   exit 1, showing the differences, when a table is stale
//   clir_docgen --write docs/scenario.md   rewrite the tables in place
//
// Each table sits between `<!-- fields:NAME -->` and `<!-- /fields:NAME -->`; the text around the
// markers is hand-written. A separate program rather than a hidden `clir` subcommand: the
// tables are a build artefact of the source tree, not something a user of the installed tool
// needs, and a test can run it without going through the CLI's option handling.

#include <Eigen/Dense>

#include <array>
#include <initializer_list>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "clir/core/fields.hpp"
#include "clir/pipeline/scenario.hpp"

namespace {

using namespace clir;

// Joins its parts. (GCC 12 reports a false -Wrestrict for chains of std::string operator+ at -O3.)
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view part : parts) out.append(part);
  return out;
}

std::string number_text(double v) {
  std::array<char, 32> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return ec == std::errc() ? std::string(buf.data(), end) : "?";
}

std::string bounds_doc(const FieldBound& lo, const FieldBound& hi) {
  std::string text = bounds_text(lo, hi);
  // The docs use the mathematical signs.
  for (const auto& [ascii, sign] : {std::pair<std::string, std::string>{">=", "≥"}, {"<=", "≤"}}) {
    for (auto at = text.find(ascii); at != std::string::npos; at = text.find(ascii)) text.replace(at, 2, sign);
  }
  return text.empty() ? text : cat({" ", text});
}

template <class E>
std::string names_doc() {
  std::string out;
  for (const auto& entry : EnumTraits<E>::names) {
    if (!out.empty()) out += ", ";
    out += cat({"`", entry.name, "`"});
  }
  if constexpr (HasEnumAliases<E>) {
    std::string also;
    for (const auto& entry : EnumTraits<E>::aliases) {
      if (!also.empty()) also += ", ";
      also += cat({"`", entry.name, "` = `", to_string(entry.value), "`"});
    }
    out += cat({" (also ", also, ")"});
  }
  return out;
}

template <class F, class V>
std::string type_doc(const F& f) {
  using detail::is_vector;
  if constexpr (!std::is_same_v<typename detail::unwrap_optional<V>::type, V>) {
    return type_doc<F, typename detail::unwrap_optional<V>::type>(f);
  } else if constexpr (std::is_same_v<V, bool>) {
    return "boolean";
  } else if constexpr (NamedEnum<V> || std::is_same_v<V, std::string>) {
    return "string";
  } else if constexpr (std::is_integral_v<V>) {
    return cat({"integer", bounds_doc(std::is_unsigned_v<V> && !f.lo.set ? FieldBound{0.0, true, true} : f.lo, f.hi)});
  } else if constexpr (std::is_floating_point_v<V>) {
    return cat({"number", bounds_doc(f.lo, f.hi)});
  } else if constexpr (std::is_same_v<V, std::filesystem::path>) {
    return "path";
  } else if constexpr (std::is_same_v<V, std::vector<Transform>>) {
    return "string or array of strings";
  } else if constexpr (std::is_same_v<V, std::vector<std::pair<std::string, std::string>>>) {
    return "array of `[\"code\", \"code\"]`";
  } else if constexpr (std::is_same_v<V, std::vector<std::vector<std::string>>>) {
    return "array of arrays of strings";
  } else if constexpr (std::is_same_v<V, Eigen::MatrixXd>) {
    return "array of arrays of numbers";
  } else if constexpr (is_vector<V>::value && std::is_integral_v<typename is_vector<V>::element>) {
    return cat({"array of increasing integers", bounds_doc(f.lo, f.hi)});
  } else if constexpr (is_vector<V>::value) {
    return "array of strings";
  } else {
    return "?";
  }
}

template <class F, class V>
std::string default_doc(const F& f, const V& value) {
  if (!f.required_message.empty()) return "required";
  if (!f.default_doc.empty()) return std::string(f.default_doc);
  using detail::is_vector;
  if constexpr (requires { value.has_value(); }) {
    return value ? default_doc(f, *value) : "none";
  } else if constexpr (std::is_same_v<V, bool>) {
    return value ? "`true`" : "`false`";
  } else if constexpr (NamedEnum<V>) {
    return cat({"`\"", to_string(value), "\"`"});
  } else if constexpr (std::is_same_v<V, std::string>) {
    return cat({"`\"", value, "\"`"});
  } else if constexpr (std::is_same_v<V, std::filesystem::path>) {
    return cat({"`\"", value.string(), "\"`"});
  } else if constexpr (std::is_arithmetic_v<V>) {
    return cat({"`", number_text(static_cast<double>(value)), "`"});
  } else if constexpr (std::is_same_v<V, Eigen::MatrixXd>) {
    return value.size() == 0 ? "none" : "given";
  } else if constexpr (is_vector<V>::value) {
    return value.empty() ? "none" : "given";
  } else {
    return "?";
  }
}

template <class V>
std::string allowed_doc() {
  using detail::is_vector;
  if constexpr (!std::is_same_v<typename detail::unwrap_optional<V>::type, V>) {
    return allowed_doc<typename detail::unwrap_optional<V>::type>();
  } else if constexpr (NamedEnum<V>) {
    return cat({": ", names_doc<V>()});
  } else if constexpr (is_vector<V>::value && NamedEnum<typename is_vector<V>::element>) {
    return cat({": ", names_doc<typename is_vector<V>::element>()});
  } else {
    return "";
  }
}

struct Table {
  std::vector<std::string> rows;
};

/// One row per scenario key of @p obj (flattened members included, arrays of tables left to
/// their own tables); with @p prefix, only the keys named "<prefix>.<key>".
template <class T>
void add_rows(const T& obj, Table& table, std::string_view prefix = {}) {
  for_each_field(obj, [&](const auto& f, const auto& value) {
    using V = std::remove_cvref_t<decltype(value)>;
    if (!f.used_in(FieldUse::scenario)) return;
    if constexpr (HasFields<V>) {
      if (f.flattened) add_rows(value, table);
      return;
    } else if constexpr (detail::is_vector<V>::value && HasFields<typename detail::is_vector<V>::element>) {
      return;
    } else {
      std::string_view key = f.name;
      if (!prefix.empty()) {
        if (!key.starts_with(prefix) || key.size() <= prefix.size() || key[prefix.size()] != '.') return;
        key.remove_prefix(prefix.size() + 1);
      }
      const std::string type = type_doc<std::remove_cvref_t<decltype(f)>, V>(f);
      const std::string shown = default_doc(f, value);
      const std::string allowed = allowed_doc<V>();
      table.rows.push_back(cat({"| `", key, "` | ", type, " | ", shown, " | ", f.doc, allowed, " |"}));
    }
  });
}

std::string render(const Table& t) {
  std::string out = "| key | type | default | meaning |\n|---|---|---|---|\n";
  for (const auto& row : t.rows) out += cat({row, "\n"});
  return out;
}

template <class T>
std::string table_of(const T& obj, std::string_view prefix = {}) {
  Table t;
  add_rows(obj, t, prefix);
  return render(t);
}

/// Every generated table by marker name. Defaults are those of a scenario file with the key
/// left out: a default Scenario's sections, and a default-constructed entry of a repeatable one.
std::map<std::string, std::string> generated_tables() {
  const Scenario sc;
  std::map<std::string, std::string> out;
  out["scenario"] = table_of(sc, "scenario");
  out["data"] = table_of(sc, "data");
  out["reference"] = table_of(sc, "reference");
  out["output"] = table_of(sc, "output");
  out["pool"] = table_of(sc.pool);
  out["scoring"] = table_of(sc.scoring);
  {
    Table t;
    add_rows(Criterion{}, t);
    add_rows(PreferenceFunction{}, t);
    out["criteria"] = render(t);
  }
  out["selection"] = table_of(sc.selection);
  out["selection.quota"] = table_of(CategoryQuota{});
  out["selection.distinct"] = table_of(DistinctQuota{});
  out["selection.share"] = table_of(ShareQuota{});
  out["robustness"] = table_of(MonteCarloOptions{});
  out["clustering"] = table_of(sc.grouping);
  out["explain"] = table_of(sc.explain);
  out["explain.bounds"] = table_of(WeightBound{});
  return out;
}

/// @p text with the content between each pair of markers replaced by its generated table.
/// Throws std::runtime_error for a marker without its end or a name with no table.
std::string regenerate(const std::string& text, const std::map<std::string, std::string>& tables) {
  std::string out;
  std::size_t pos = 0;
  const std::string open = "<!-- fields:";
  while (true) {
    const std::size_t start = text.find(open, pos);
    if (start == std::string::npos) break;
    const std::size_t name_end = text.find(" -->", start);
    if (name_end == std::string::npos) throw std::runtime_error("unterminated marker at offset " + std::to_string(start));
    const std::string name = text.substr(start + open.size(), name_end - start - open.size());
    const auto it = tables.find(name);
    if (it == tables.end()) throw std::runtime_error("no generated table named '" + name + "'");
    const std::string close = "<!-- /fields:" + name + " -->";
    const std::size_t end = text.find(close, name_end);
    if (end == std::string::npos) throw std::runtime_error("marker '" + name + "' has no " + close);
    const std::size_t body = name_end + 4 + 1;  // past " -->\n"
    out += text.substr(pos, body - pos);
    out += it->second;
    pos = end;
  }
  out += text.substr(pos);
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The lines that differ, as "-" (checked in) and "+" (generated), for the test's failure message.
void show_differences(const std::string& old_text, const std::string& new_text) {
  const auto a = lines_of(old_text), b = lines_of(new_text);
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  std::size_t ea = a.size(), eb = b.size();
  while (ea > i && eb > i && a[ea - 1] == b[eb - 1]) {
    --ea;
    --eb;
  }
  std::cerr << "@@ line " << i + 1 << " @@\n";
  for (std::size_t k = i; k < ea; ++k) std::cerr << "-" << a[k] << "\n";
  for (std::size_t k = i; k < eb; ++k) std::cerr << "+" << b[k] << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || (std::string_view(argv[1]) != "--check" && std::string_view(argv[1]) != "--write")) {
    std::cerr << "usage: clir_docgen --check|--write docs/scenario.md\n";
    return 2;
  }
  const std::filesystem::path path = argv[2];
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "clir_docgen: cannot read " << path << "\n";
    return 2;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string generated;
  try {
    generated = regenerate(text, generated_tables());
  } catch (const std::exception& e) {
    std::cerr << "clir_docgen: " << path.string() << ": " << e.what() << "\n";
    return 2;
  }
  if (std::string_view(argv[1]) == "--write") {
    if (generated != text) {
      std::ofstream(path, std::ios::binary) << generated;
      std::cout << "clir_docgen: updated " << path.string() << "\n";
    }
    return 0;
  }
  if (generated == text) return 0;
  std::cerr << "clir_docgen: " << path.string()
            << " is stale; regenerate it with `clir_docgen --write " << path.string()
            << "` (clir_docgen is in the build directory)\n";
  show_differences(text, generated);
  return 1;
}
